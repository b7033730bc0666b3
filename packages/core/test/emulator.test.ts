import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, thresholdLock, type Emulator, type ThresholdEntry } from '../src/emulator/index.js';
import { scopeCovers } from '../src/scopes.js';
import { testApp } from './helpers/test-app.js';

const clock = createManualClock();
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ apps: [testApp], clock: clock.now, limits: { crm: { limit: 5, windowMs: 60_000 } } });
});
afterAll(() => emu.close());
afterEach(() => {
  emu.faults.clear();
  emu.counters.reset();
});

async function token(refreshToken = emu.credentials.refreshToken): Promise<Record<string, unknown>> {
  const res = await request(`${emu.url}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
      refresh_token: refreshToken,
    }).toString(),
  });
  expect(res.statusCode).toBe(200);
  return (await res.body.json()) as Record<string, unknown>;
}

function get(path: string, accessToken?: string) {
  return request(`${emu.url}${path}`, { headers: accessToken ? { authorization: `Zoho-oauthtoken ${accessToken}` } : {} });
}

describe('emulator accounts server', () => {
  it('issues Zoho-shaped tokens from a refresh token, without a new refresh token', async () => {
    const body = await token();
    expect(body.access_token).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(body).toMatchObject({ api_domain: emu.url, token_type: 'Bearer', expires_in: 3600 });
    expect(body.refresh_token).toBeUndefined();
  });

  it('answers token failures with HTTP 200 and an error body', async () => {
    const bad = await request(`${emu.url}/oauth/v2/token?grant_type=refresh_token&client_id=1000.NOPE&client_secret=x&refresh_token=y`, { method: 'POST' });
    expect(bad.statusCode).toBe(200);
    expect(await bad.body.json()).toEqual({ error: 'invalid_client' });
    const wrongSecret = await request(
      `${emu.url}/oauth/v2/token?grant_type=refresh_token&client_id=${emu.credentials.clientId}&client_secret=wrong&refresh_token=y`,
      { method: 'POST' },
    );
    expect(await wrongSecret.body.json()).toEqual({ error: 'invalid_client_secret' });
    const unknownRefresh = await request(
      `${emu.url}/oauth/v2/token?grant_type=refresh_token&client_id=${emu.credentials.clientId}&client_secret=${emu.credentials.clientSecret}&refresh_token=1000.x.y`,
      { method: 'POST' },
    );
    expect(await unknownRefresh.body.json()).toEqual({ error: 'invalid_code' });
  });

  it('auto-approves /oauth/v2/auth with a single-use code and the accounts-server hint', async () => {
    const redirect = 'http://127.0.0.1:9999/callback';
    const auth = await request(
      `${emu.url}/oauth/v2/auth?response_type=code&client_id=${emu.credentials.clientId}&scope=ZohoCRM.modules.ALL&redirect_uri=${encodeURIComponent(redirect)}&access_type=offline&prompt=consent&state=s1`,
    );
    expect(auth.statusCode).toBe(302);
    const location = new URL(String(auth.headers.location));
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('accounts-server')).toBe(emu.url);
    const code = location.searchParams.get('code')!;
    const exchange = () =>
      request(`${emu.url}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, code, redirect_uri: redirect }).toString(),
      }).then((r) => r.body.json() as Promise<Record<string, unknown>>);
    const first = await exchange();
    expect(first.refresh_token).toMatch(/^1000\./);
    expect(first.scope).toBe('ZohoCRM.modules.ALL');
    expect(await exchange()).toEqual({ error: 'invalid_code' });
  });

  it('throttles refreshes like Zoho: 10 per 10 minutes per refresh token', async () => {
    const rt = emu.accounts.issueRefreshToken();
    for (let i = 0; i < 10; i++) expect((await token(rt)).access_token).toBeDefined();
    const throttled = await token(rt);
    expect(throttled).toMatchObject({ error: 'Access Denied', status: 'failure' });
    clock.advance(10 * 60_000 + 1);
    expect((await token(rt)).access_token).toBeDefined();
  });

  it('revokes through both paths; a revoked refresh token takes its access tokens along', async () => {
    const rt = emu.accounts.issueRefreshToken();
    const at = String((await token(rt)).access_token);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
    const revoke = await request(`${emu.url}/oauth/v2/token/revoke?token=${rt}`, { method: 'POST' });
    expect(await revoke.body.json()).toEqual({ status: 'success' });
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(401);
    expect(await token(rt)).toEqual({ error: 'invalid_code' });
    const again = await request(`${emu.url}/oauth/v2/revoke/token?token=${rt}&token_type=refresh_token`, { method: 'POST' });
    expect(again.statusCode).toBe(400);
  });
});

describe('emulator app routes', () => {
  it('checks the token: missing, invalid and expired answer in the app envelope', async () => {
    const missing = await get('/crm/v8/Things');
    expect(missing.statusCode).toBe(401);
    expect(await missing.body.json()).toMatchObject({ code: 'INVALID_TOKEN', status: 'error' });
    const at = String((await token(emu.accounts.issueRefreshToken())).access_token);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
    clock.advance(3600_000);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(401);
  });

  it('checks scopes', async () => {
    const rt = emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.settings.READ'] });
    const at = String((await token(rt)).access_token);
    const res = await get('/crm/v8/Things', at);
    expect(res.statusCode).toBe(401);
    expect(await res.body.json()).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
  });

  it('enforces the per-app rate limit with the app throttling answer and Retry-After', async () => {
    const at = String((await token(emu.accounts.issueRefreshToken())).access_token);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await get('/crm/v8/Things', at);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['retry-after']).toBe('60');
        expect(await res.body.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      } else await res.body.dump();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(emu.counters.requests({ app: 'crm', status: 429 })).toBe(1);
    clock.advance(60_001);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
  });

  it('injects faults per route and counts them', async () => {
    const at = String((await token(emu.accounts.issueRefreshToken())).access_token);
    const id = emu.faults.add({ route: 'GET /crm/v8/Things/*', kind: 'status', status: 503, times: 1, after: 1 });
    expect((await get('/crm/v8/Things/4150868000000000001', at)).statusCode).toBe(200);
    expect((await get('/crm/v8/Things/4150868000000000001', at)).statusCode).toBe(503);
    expect((await get('/crm/v8/Things/4150868000000000001', at)).statusCode).toBe(200);
    expect(emu.faults.applied(id)).toBe(1);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/:id', status: 503 })).toBe(1);
    emu.faults.add({ route: '/crm/v8/Things', kind: 'reset', times: 1 });
    await expect(get('/crm/v8/Things', at)).rejects.toThrow();
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'refresh-throttle', times: 1 });
    expect(await token()).toMatchObject({ error: 'Access Denied' });
  });

  it('counts per route pattern and per concrete path', async () => {
    const at = String((await token(emu.accounts.issueRefreshToken())).access_token);
    await (await get('/crm/v8/Things/4150868000000000001', at)).body.dump();
    await (await get('/crm/v8/Things/4150868000000000002', at)).body.dump();
    await (await get('/crm/v8/Things/4150868000000000002', at)).body.dump();
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/:id' })).toBe(3);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/4150868000000000002' })).toBe(2);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/4150868000000000002', status: 400 })).toBe(2);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/*' })).toBe(3);
  });

  it('answers unknown paths with the app 404 envelope', async () => {
    const at = String((await token(emu.accounts.issueRefreshToken())).access_token);
    const res = await get('/crm/v8/Things/1/nothing', at);
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toMatchObject({ code: 'INVALID_URL_PATTERN' });
  });
});

describe('scopeCovers', () => {
  it('matches Zoho scope hierarchy', () => {
    expect(scopeCovers('ZohoCRM.modules.ALL', 'ZohoCRM.modules.leads.READ')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.READ', 'ZohoCRM.modules.leads.READ')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.leads.ALL', 'ZohoCRM.modules.leads.CREATE')).toBe(true);
    expect(scopeCovers('ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.leads.CREATE')).toBe(false);
    expect(scopeCovers('ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.READ')).toBe(false);
    expect(scopeCovers('ZohoBooks.invoices.READ', 'ZohoCRM.modules.READ')).toBe(false);
    expect(scopeCovers('zohocrm.modules.all', 'ZohoCRM.modules.deals.READ')).toBe(true);
  });
});

describe('emulator request log', () => {
  it('never prints a secret', async () => {
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
    const noisy = await startEmulator({ apps: [testApp], log: true });
    try {
      const c = noisy.credentials;
      await request(`${noisy.url}/oauth/v2/token?grant_type=refresh_token&client_id=${c.clientId}&client_secret=${c.clientSecret}&refresh_token=${c.refreshToken}`, { method: 'POST' }).then((r) => r.body.dump());
      await request(`${noisy.url}/oauth/v2/token/revoke?token=${noisy.accounts.issueRefreshToken()}`, { method: 'POST' }).then((r) => r.body.dump());
    } finally {
      process.stderr.write = write;
      await noisy.close();
    }
    const text = logged.join('');
    expect(text).toContain('/oauth/v2/token');
    expect(text).not.toContain(noisy.credentials.clientSecret);
    expect(text).not.toMatch(/1000\.[0-9a-f]{32}\.[0-9a-f]{32}/);
  });
});

describe('fault probability', () => {
  it('applies a rule to about its share of matching requests, the same way for the same seed', async () => {
    const runOnce = async () => {
      const emu = await startEmulator({ apps: [testApp], limits: false });
      emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'status', status: 503, probability: 0.2, seed: 7 });
      const token = (await (await fetch(`${emu.url}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, refresh_token: emu.credentials.refreshToken }) })).json()) as { access_token: string };
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await fetch(`${emu.url}/crm/v8/Things`, { headers: { authorization: `Zoho-oauthtoken ${token.access_token}` } })).status);
      await emu.close();
      return statuses;
    };
    const first = await runOnce();
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
    expect(await runOnce()).toEqual(first);
  });
});

describe('thresholdLock (the "threshold, then lock" limit of Projects and Cliq)', () => {
  it('counts calls in the window, locks on the one that crosses it, refuses during the lock, then counts afresh', () => {
    const log = new Map<string, ThresholdEntry>();
    const limit = { limit: 2, windowMs: 1000, lockMs: 5000 };
    expect(thresholdLock(log, 'a', 0, limit)).toBeUndefined();
    expect(thresholdLock(log, 'a', 10, limit)).toBeUndefined();
    expect(thresholdLock(log, 'b', 20, limit)).toBeUndefined(); // callers apart
    expect(thresholdLock(log, 'a', 30, limit)).toEqual({ retryAfterMs: 5000, justLocked: true });
    expect(thresholdLock(log, 'a', 2030, limit)).toEqual({ retryAfterMs: 3000, justLocked: false });
    expect(thresholdLock(log, 'a', 5030, limit)).toBeUndefined();
    // Projects forgets the calls before a lock; without that, calls inside the window still count after it.
    const cleared = new Map<string, ThresholdEntry>();
    for (const t of [0, 1, 2]) thresholdLock(cleared, 'a', t, { limit: 2, windowMs: 10_000, lockMs: 100 }, { clearOnLock: true });
    expect(thresholdLock(cleared, 'a', 200, { limit: 2, windowMs: 10_000, lockMs: 100 })).toBeUndefined();
  });
});
