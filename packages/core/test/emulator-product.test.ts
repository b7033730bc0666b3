import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, matchSubset, runAnswerCase, startEmulator, type Emulator, type EmulatorApp } from '../src/emulator/index.js';
import { testApp, type TestState } from './helpers/test-app.js';

/** The test app, describing itself as an app with ids would. */
const describedApp: EmulatorApp<TestState> = { ...testApp, describe: (state) => ({ ids: { ZOHO_TEST_THING_ID: [...state.items.keys()][0] ?? '' }, example: '/crm/v8/Things' }) };

const clock = createManualClock();
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({
    apps: [describedApp],
    clock: clock.now,
    limits: { crm: { limit: 3, windowMs: 60_000 } },
    faults: [{ app: 'crm', route: 'GET /crm/v8/quota', kind: 'status', status: 503 }],
  });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

const token = () => emu.accounts.issueAccessToken();
const get = (path: string, accessToken = token()) => request(`${emu.url}${path}`, { headers: { authorization: `Zoho-oauthtoken ${accessToken}` } });
const post = (path: string, form: Record<string, string>) =>
  request(`${emu.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

describe('GET / (the index)', () => {
  it('lists apps, base URLs, the demo client, ids and curl examples — and no secret', async () => {
    const res = await request(`${emu.url}/`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const text = await res.body.text();
    const index = JSON.parse(text);
    expect(index).toMatchObject({
      url: emu.url,
      demo_client_id: emu.credentials.clientId,
      accounts: { token_endpoint: `${emu.url}/oauth/v2/token` },
      apps: [{ app: 'crm', base_url: emu.baseUrls.crm, ids: { ZOHO_TEST_THING_ID: '4150868000000000001' }, curl: `curl -s '${emu.baseUrls.crm}/crm/v8/Things' -H "Authorization: Zoho-oauthtoken $ZOHO_ACCESS_TOKEN"` }],
      endpoints: { self_client_code: `POST ${emu.url}/_emulator/self-client/code`, reset: `POST ${emu.url}/_emulator/reset` },
    });
    expect(index.curl.token).toContain(`client_id=${emu.credentials.clientId}`);
    expect(index.curl.token).toContain('$ZOHO_CLIENT_SECRET');
    expect(text).not.toContain(emu.credentials.clientSecret);
    expect(text).not.toContain(emu.credentials.refreshToken);
    expect(emu.index()).toEqual(index);
  });

  it('other methods on / are refused; unknown /_emulator paths list the real ones', async () => {
    const del = await request(`${emu.url}/`, { method: 'DELETE' });
    expect(del.statusCode).toBe(405);
    await del.body.dump();
    const unknown = await request(`${emu.url}/_emulator/nothing`);
    expect(unknown.statusCode).toBe(404);
    expect(((await unknown.body.json()) as { message: string }).message).toContain('/_emulator/self-client/code');
    const wrongMethod = await request(`${emu.url}/_emulator/reset`);
    expect(wrongMethod.statusCode).toBe(405);
    await wrongMethod.body.dump();
  });
});

describe('self-client grant codes', () => {
  it('POST /_emulator/self-client/code mints a single-use code the token endpoint exchanges for a refresh token', async () => {
    const minted = await post('/_emulator/self-client/code', { scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.READ' });
    expect(minted.statusCode).toBe(200);
    const body = (await minted.body.json()) as { code: string; scope: string; expires_in: number; client_id: string; next: string };
    expect(body).toMatchObject({ scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.READ', expires_in: 120, client_id: emu.credentials.clientId });
    expect(body.code).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(body.next).toBe(`zoho-auth exchange --code ${body.code}`);
    const exchange = () =>
      post('/oauth/v2/token', { grant_type: 'authorization_code', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, code: body.code }).then(
        (r) => r.body.json() as Promise<Record<string, string>>,
      );
    const tokens = await exchange();
    expect(tokens).toMatchObject({ scope: 'ZohoCRM.modules.ALL ZohoCRM.settings.READ', api_domain: emu.url });
    expect(tokens.refresh_token).toMatch(/^1000\./);
    expect((await get('/crm/v8/Things', tokens.access_token)).statusCode).toBe(200);
    expect(await exchange()).toEqual({ error: 'invalid_code' });
  });

  it('takes JSON or a query string too, and expires like the console’s', async () => {
    const viaJson = await request(`${emu.url}/_emulator/self-client/code`, { method: 'POST', body: JSON.stringify({ scope: 'ZohoCRM.modules.READ', expires_in: 60 }) });
    const { code } = (await viaJson.body.json()) as { code: string };
    clock.advance(61_000);
    const late = await post('/oauth/v2/token', { grant_type: 'authorization_code', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, code });
    expect(await late.body.json()).toEqual({ error: 'invalid_code' });
    const viaQuery = await request(`${emu.url}/_emulator/self-client/code?scope=ZohoCRM.modules.READ`, { method: 'POST' });
    expect(viaQuery.statusCode).toBe(200);
    await viaQuery.body.dump();
  });

  it('says what is wrong with a request', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'invalid_scope'],
      [{ scope: 'not a scope!' }, 'invalid_scope'],
      [{ scope: 'ZohoCRM.modules.ALL', expires_in: '5' }, 'invalid_expires_in'],
      [{ scope: 'ZohoCRM.modules.ALL', client_id: '1000.NOBODY' }, 'invalid_client'],
    ];
    for (const [form, error] of cases) {
      const res = await post('/_emulator/self-client/code', form);
      expect(res.statusCode).toBe(400);
      expect(await res.body.json()).toMatchObject({ error, message: expect.any(String) });
    }
  });
});

describe('reset', () => {
  it('restores the seed, the start-up faults and empty counters without a restart; tokens stay valid', async () => {
    const at = token();
    const created = await request(`${emu.url}/crm/v8/Things`, { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${at}` }, body: '{"data":[{"name":"second"}]}' });
    expect(created.statusCode).toBe(201);
    await created.body.dump();
    expect(emu.state<TestState>('crm').items.size).toBe(2);
    emu.faults.add({ app: 'crm', route: 'GET /crm/v8/Things', kind: 'status', status: 500 });
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(500);

    emu.reset();
    expect(emu.state<TestState>('crm').items.size).toBe(1);
    expect(emu.counters.requests()).toBe(0);
    expect(emu.faults.list()).toEqual([{ app: 'crm', route: 'GET /crm/v8/quota', kind: 'status', status: 503 }]);
    const after = await get('/crm/v8/Things', at);
    expect(after.statusCode).toBe(200);
    expect(((await after.body.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect((await get('/crm/v8/quota', at)).statusCode).toBe(503);
  });

  it('clears the rate-limit windows and the refresh throttle; POST /_emulator/reset does the same', async () => {
    const at = token();
    for (let i = 0; i < 3; i++) expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(429);
    const rt = emu.accounts.issueRefreshToken();
    const refresh = () =>
      post('/oauth/v2/token', { grant_type: 'refresh_token', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, refresh_token: rt }).then(
        (r) => r.body.json() as Promise<Record<string, string>>,
      );
    for (let i = 0; i < 10; i++) expect((await refresh()).access_token).toBeDefined();
    expect(await refresh()).toMatchObject({ error: 'Access Denied' });

    const res = await request(`${emu.url}/_emulator/reset`, { method: 'POST' });
    expect(await res.body.json()).toMatchObject({ status: 'success', apps: ['crm'] });
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
    expect((await refresh()).access_token).toBeDefined();
  });

  it('resetState still replaces one app’s state and nothing else', async () => {
    emu.state<TestState>('crm').items.clear();
    emu.faults.add({ app: 'crm', route: 'GET /crm/v8/big', kind: 'status', status: 502 });
    emu.resetState('crm');
    expect(emu.state<TestState>('crm').items.size).toBe(1);
    expect(emu.faults.list()).toHaveLength(2);
  });
});

describe('faults and the accounts server', () => {
  it('a rule without app hits app routes only; the accounts server only by name', async () => {
    const at = token();
    emu.faults.add({ kind: 'status', status: 503 });
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(503);
    const refresh = () =>
      post('/oauth/v2/token', { grant_type: 'refresh_token', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, refresh_token: emu.credentials.refreshToken });
    const ok = await refresh();
    expect(ok.statusCode).toBe(200);
    expect(((await ok.body.json()) as { access_token?: string }).access_token).toBeDefined();
    emu.faults.clear();
    emu.faults.add({ app: 'accounts', kind: 'status', status: 503, times: 1 });
    expect((await refresh()).statusCode).toBe(503);
    expect((await get('/crm/v8/Things', at)).statusCode).toBe(200);
  });
});

describe('limits and seeds', () => {
  it('limits: false turns off app rate limits, app quotas and the refresh throttle', async () => {
    let quotas: boolean | undefined;
    const app: EmulatorApp<TestState> = { ...testApp, rateLimit: { limit: 1, windowMs: 60_000 }, routes: testApp.routes.map((r) => ({ ...r, handle: (req) => ((quotas = req.quotas), r.handle(req)) })) };
    const free = await startEmulator({ apps: [app], limits: false });
    try {
      const at = free.accounts.issueAccessToken();
      for (let i = 0; i < 5; i++) {
        const res = await request(`${free.url}/crm/v8/Things`, { headers: { authorization: `Zoho-oauthtoken ${at}` } });
        expect(res.statusCode).toBe(200);
        await res.body.dump();
      }
      expect(quotas).toBe(false);
      for (let i = 0; i < 12; i++) {
        const res = await request(`${free.url}/oauth/v2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', client_id: free.credentials.clientId, client_secret: free.credentials.clientSecret, refresh_token: free.credentials.refreshToken }).toString(),
        });
        expect(((await res.body.json()) as { access_token?: string }).access_token).toBeDefined();
      }
    } finally {
      await free.close();
    }
  });

  it('seed: N reaches the app as randomSeed; false means empty', async () => {
    const seen: unknown[] = [];
    const app: EmulatorApp<TestState> = { ...testApp, createState: (o) => (seen.push(o), testApp.createState(o)) };
    for (const seed of [7, false, true] as const) {
      const e = await startEmulator({ apps: [app], seed, clock: () => 5 });
      await e.close();
    }
    expect(seen).toEqual([{ seed: true, now: 5, randomSeed: 7 }, { seed: false, now: 5 }, { seed: true, now: 5 }]);
  });
});

describe('the answer table runner', () => {
  it('matches bodies as subsets, arrays item by item, with RegExps and predicates', () => {
    expect(matchSubset({ a: 1, b: { c: /^x/ } }, { a: 1, b: { c: 'xy', d: 2 }, e: 3 })).toEqual([]);
    expect(matchSubset({ a: [1, 2] }, { a: [1] })).toEqual(['$.a: expected 2 items, got 1']);
    expect(matchSubset({ a: (v: unknown) => v === 2 }, { a: 3 })).toHaveLength(1);
    expect(matchSubset({ missing: 1 }, {})).toEqual(['$: missing "missing"']);
    expect(matchSubset('0', 0)).toEqual(['$: expected "0", got 0']);
  });

  it('reports status, body and header mismatches of a real answer', async () => {
    const outcome = await runAnswerCase(emu, 'crm', {
      name: 'a deliberately wrong expectation',
      path: '/crm/v8/Things/4150868000000000001',
      expect: { status: 201, body: { data: [{ name: 'other' }] }, headers: { 'x-nothing': 'y' } },
    });
    expect(outcome.answer.status).toBe(200);
    expect(outcome.problems).toEqual([expect.stringMatching(/^status: expected 201, got 200/), '$.data[0].name: expected "other", got "first"', 'header x-nothing: expected y, got (none)']);
    const fine = await runAnswerCase(emu, 'crm', { name: 'no token', path: '/crm/v8/Things', token: null, expect: { status: 401, body: { code: 'INVALID_TOKEN' } } });
    expect(fine.problems).toEqual([]);
  });
});
