import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../src/emulator/index.js';
import { ZohoAuthError } from '../src/errors.js';
import { ZohoOAuthClient, type TokenResponse } from '../src/oauth.js';

let emu: Emulator;
let oauth: ZohoOAuthClient;

beforeAll(async () => {
  emu = await startEmulator({ apps: [], seed: true, port: 0, accounts: { refreshLimit: false } });
  oauth = clientFor(emu);
});
afterAll(() => emu.close());
afterEach(() => emu.faults.clear());

function clientFor(e: Emulator, overrides: Partial<ConstructorParameters<typeof ZohoOAuthClient>[0]> = {}): ZohoOAuthClient {
  return new ZohoOAuthClient({
    clientId: e.credentials.clientId,
    clientSecret: e.credentials.clientSecret,
    region: 'us',
    accountsUrl: e.url,
    ...overrides,
  });
}

/** Follows the emulator's consent screen (which auto-approves) to the redirect, without a browser. */
async function authorize(client: ZohoOAuthClient, redirectUri = 'http://127.0.0.1:8976/callback', scopes = ['ZohoCRM.modules.ALL']) {
  const res = await fetch(client.authorizationUrl({ scopes, redirectUri, state: 'st-1' }), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  return { code: location.searchParams.get('code')!, accountsServer: location.searchParams.get('accounts-server')!, location };
}

/** Runs `fn`, expects a ZohoAuthError, and checks that no secret leaked into its message. */
async function authError(fn: () => Promise<unknown>, secrets: string[] = []): Promise<ZohoAuthError> {
  const err = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZohoAuthError);
  const e = err as ZohoAuthError;
  for (const s of [emu.credentials.clientSecret, emu.credentials.refreshToken, ...secrets]) {
    expect(e.message).not.toContain(s);
    expect(JSON.stringify({ ...e, stack: e.stack })).not.toContain(s);
  }
  return e;
}

/** A tiny real HTTP server standing in for accounts answers the emulator does not produce. */
async function scripted(answer: { status: number; body: string; headers?: Record<string, string> }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('authorizationUrl', () => {
  it('builds the consent URL with comma-separated scopes, offline access and consent prompt', () => {
    const url = new URL(
      new ZohoOAuthClient({ clientId: '1000.ABC', clientSecret: 's', region: 'eu' }).authorizationUrl({
        scopes: ['ZohoCRM.modules.ALL', 'ZohoBooks.invoices.READ'],
        redirectUri: 'http://127.0.0.1:8976/callback',
        state: 'xyz',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.zoho.eu/oauth/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1000.ABC',
      scope: 'ZohoCRM.modules.ALL,ZohoBooks.invoices.READ',
      redirect_uri: 'http://127.0.0.1:8976/callback',
      state: 'xyz',
      access_type: 'offline',
      prompt: 'consent',
    });
  });

  it('uses the data center accounts host, including Canada, and honours overrides', () => {
    const ca = new ZohoOAuthClient({ clientId: '1000.A', clientSecret: 's', region: 'ca' });
    expect(ca.authorizationUrl({ scopes: ['a'], redirectUri: 'http://localhost/cb', state: 's' })).toMatch(/^https:\/\/accounts\.zohocloud\.ca\/oauth\/v2\/auth\?/);
    const online = oauth.authorizationUrl({ scopes: ['a'], redirectUri: 'http://localhost/cb', state: 's', accessType: 'online', prompt: 'none' });
    expect(online.startsWith(`${emu.url}/oauth/v2/auth?`)).toBe(true);
    expect(new URL(online).searchParams.get('access_type')).toBe('online');
  });
});

describe('exchangeCode', () => {
  it('exchanges a redirect code at the accounts-server the redirect names', async () => {
    const { code, accountsServer, location } = await authorize(oauth);
    expect(location.searchParams.get('state')).toBe('st-1');
    const tokens = await oauth.exchangeCode({ code, redirectUri: 'http://127.0.0.1:8976/callback', accountsServer });
    expect(tokens.accessToken).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(tokens.refreshToken).toMatch(/^1000\./);
    expect(tokens.scopes).toEqual(['ZohoCRM.modules.ALL']);
    expect(tokens.apiDomain).toBe(emu.url);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresInMs).toBe(3600_000);
  });

  it('exchanges a self-client code without a redirect URI', async () => {
    const code = emu.accounts.selfClientCode(['ZohoBooks.fullaccess.all']);
    const tokens = await oauth.exchangeCode({ code });
    expect(tokens.refreshToken).toBeDefined();
    expect(tokens.scopes).toEqual(['ZohoBooks.fullaccess.all']);
  });

  it('refuses to send the client secret to an accounts server that is not Zoho', async () => {
    const before = emu.accounts.tokenRequests();
    const evil = await scripted({ status: 200, body: '{"access_token":"x"}' });
    try {
      const e = await authError(() => oauth.exchangeCode({ code: 'c', accountsServer: evil.url }));
      expect(e.code).toBe('untrusted_accounts_server');
      expect(e.message).toMatch(/not a Zoho accounts server/);
      const e2 = await authError(() => oauth.exchangeCode({ code: 'c', accountsServer: 'https://accounts.zoho.com.evil.io' }));
      expect(e2.code).toBe('untrusted_accounts_server');
    } finally {
      await evil.close();
    }
    expect(emu.accounts.tokenRequests()).toBe(before);
  });

  it('trusts every known Zoho accounts host and the configured override', () => {
    expect(oauth.trustedAccountsServer('https://accounts.zoho.eu/')).toBe('https://accounts.zoho.eu');
    expect(oauth.trustedAccountsServer('https://accounts.zohocloud.ca')).toBe('https://accounts.zohocloud.ca');
    expect(oauth.trustedAccountsServer(`${emu.url}/`)).toBe(emu.url);
    expect(oauth.trustedAccountsServer(undefined)).toBe(emu.url);
    const plain = new ZohoOAuthClient({ clientId: '1000.A', clientSecret: 's', region: 'in' });
    expect(() => plain.trustedAccountsServer(emu.url)).toThrow(/refusing to send client credentials/);
  });
});

describe('refresh and client credentials', () => {
  it('refreshes; the response has no refresh token', async () => {
    const tokens = await oauth.refresh(emu.credentials.refreshToken);
    expect(tokens.accessToken).toMatch(/^1000\./);
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.apiDomain).toBe(emu.url);
  });

  it('computes expiresAt from the clock at send time', async () => {
    const clock = createManualClock();
    const e = await startEmulator({ apps: [], port: 0, clock: clock.now, accounts: { accessTokenTtlSec: 120 } });
    try {
      const t = await clientFor(e, { clock: clock.now }).refresh(e.credentials.refreshToken);
      expect(t.expiresInMs).toBe(120_000);
      expect(t.expiresAt).toBe(clock.now() + 120_000);
    } finally {
      await e.close();
    }
  });

  it('reads the legacy shape: with expires_in_sec, expires_in is milliseconds', async () => {
    const clock = createManualClock();
    const e = await startEmulator({ apps: [], port: 0, clock: clock.now, accounts: { legacyExpiresIn: true } });
    try {
      const t: TokenResponse = await clientFor(e, { clock: clock.now }).refresh(e.credentials.refreshToken);
      expect(t.expiresInMs).toBe(3600_000);
      expect(t.expiresAt).toBe(clock.now() + 3600_000);
    } finally {
      await e.close();
    }
  });

  it('runs the client-credentials grant with soid', async () => {
    const t = await oauth.clientCredentials({ scopes: ['ZohoCRM.modules.READ'], soid: 'ZohoCRM.600123434' });
    expect(t.accessToken).toMatch(/^1000\./);
    expect(t.refreshToken).toBeUndefined();
  });
});

describe('token-endpoint errors (HTTP 200 with an error body)', () => {
  it('invalid_client names the wrong data center and the accounts host', async () => {
    const e = await authError(() => clientFor(emu, { clientId: '1000.NOTACLIENT' }).refresh(emu.credentials.refreshToken));
    expect(e.code).toBe('invalid_client');
    expect(e.message).toContain('wrong data center or client id');
    expect(e.message).toContain(new URL(emu.url).host);
  });

  it('invalid_client_secret', async () => {
    const e = await authError(() => clientFor(emu, { clientSecret: 'wrong-secret-123456' }).refresh(emu.credentials.refreshToken), ['wrong-secret-123456']);
    expect(e.code).toBe('invalid_client_secret');
    expect(e.message).toMatch(/client secret/);
  });

  it('invalid_code for a used grant code says both causes and what to do', async () => {
    const code = emu.accounts.selfClientCode(['ZohoCRM.modules.ALL']);
    await oauth.exchangeCode({ code });
    const e = await authError(() => oauth.exchangeCode({ code }), [code]);
    expect(e.code).toBe('invalid_code');
    expect(e.message).toMatch(/already used or has expired/);
    expect(e.message).toMatch(/refresh token was revoked/);
    expect(e.message).toContain('zoho-auth login');
  });

  it('invalid_code for a revoked refresh token', async () => {
    const rt = emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.modules.ALL'] });
    await oauth.revoke(rt);
    const e = await authError(() => oauth.refresh(rt), [rt]);
    expect(e.code).toBe('invalid_code');
    expect(e.message).toMatch(/refresh token was revoked/);
    expect(e.message).toMatch(/grant code/);
    expect(e.message).toContain('zoho-auth login');
  });

  it('invalid_redirect_uri', async () => {
    const { code } = await authorize(oauth, 'http://127.0.0.1:8976/callback');
    const e = await authError(() => oauth.exchangeCode({ code, redirectUri: 'http://127.0.0.1:9999/other' }), [code]);
    expect(e.code).toBe('invalid_redirect_uri');
    expect(e.message).toMatch(/redirect URI/);
  });

  it('missing_org_info', async () => {
    const e = await authError(() => oauth.clientCredentials({ scopes: ['ZohoCRM.modules.READ'] }));
    expect(e.code).toBe('missing_org_info');
    expect(e.message).toMatch(/soid/);
  });

  it('access_denied', async () => {
    const server = await scripted({ status: 200, body: '{"error":"access_denied"}' });
    try {
      const e = await authError(() => clientFor(emu, { accountsUrl: server.url }).exchangeCode({ code: 'secret-code-42' }), ['secret-code-42']);
      expect(e.code).toBe('access_denied');
      expect(e.message).toMatch(/10 grant codes per 10 minutes/);
    } finally {
      await server.close();
    }
  });

  it('an unknown error code is passed on with its description', async () => {
    const server = await scripted({ status: 200, body: '{"error":"invalid_scope","error_description":"bad scope"}' });
    try {
      const e = await authError(() => clientFor(emu, { accountsUrl: server.url }).refresh('rt-abc-123'), ['rt-abc-123']);
      expect(e.code).toBe('invalid_scope');
      expect(e.message).toMatch(/invalid_scope.*bad scope/);
    } finally {
      await server.close();
    }
  });

  it.each([200, 400])('the refresh throttle (HTTP %i) becomes too_many_requests, naming the latest end of the block', async (throttleStatus) => {
    const clock = createManualClock();
    const e = await startEmulator({
      apps: [],
      port: 0,
      clock: clock.now,
      accounts: { refreshLimit: { count: 2, windowMs: 600_000 }, throttleStatus },
    });
    try {
      const client = clientFor(e, { clock: clock.now });
      await client.refresh(e.credentials.refreshToken);
      await client.refresh(e.credentials.refreshToken);
      const err = await authError(() => client.refresh(e.credentials.refreshToken), [e.credentials.refreshToken, e.credentials.clientSecret]);
      expect(err.code).toBe('too_many_requests');
      // Zoho's body says neither how long nor which cap: no retryAfterMs, the caller picks the backoff.
      expect(err.retryAfterMs).toBeUndefined();
      expect(err.message).toContain('10 access-token refreshes per 10 minutes per refresh token');
      expect(err.message).toContain(`lifts by ${new Date(clock.now() + 600_000).toISOString()} at the latest`);
    } finally {
      await e.close();
    }
  });

  it('the injected refresh-throttle fault is recognised', async () => {
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'refresh-throttle', times: 1 });
    const e = await authError(() => oauth.refresh(emu.credentials.refreshToken));
    expect(e.code).toBe('too_many_requests');
  });

  it('HTTP 429 with Retry-After uses the header', async () => {
    const server = await scripted({ status: 429, body: 'slow down', headers: { 'retry-after': '42', 'content-type': 'text/plain' } });
    try {
      const e = await authError(() => clientFor(emu, { accountsUrl: server.url }).refresh('rt-xyz-000'), ['rt-xyz-000']);
      expect(e.code).toBe('too_many_requests');
      expect(e.retryAfterMs).toBe(42_000);
    } finally {
      await server.close();
    }
  });

  it('5xx is a clear server error', async () => {
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'status', status: 503, times: 1 });
    const e = await authError(() => oauth.refresh(emu.credentials.refreshToken));
    expect(e.code).toBe('server_error');
    expect(e.message).toMatch(/HTTP 503/);
  });

  it('a non-JSON body is a clear error', async () => {
    const server = await scripted({ status: 200, body: '<html>login</html>', headers: { 'content-type': 'text/html' } });
    try {
      const e = await authError(() => clientFor(emu, { accountsUrl: server.url }).refresh('rt-html-000'), ['rt-html-000']);
      expect(e.code).toBe('invalid_response');
      expect(e.message).toMatch(/not JSON \(text\/html\)/);
    } finally {
      await server.close();
    }
  });

  it('a connection reset is a network error without secrets', async () => {
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'reset', times: 1 });
    const e = await authError(() => oauth.refresh(emu.credentials.refreshToken));
    expect(e.code).toBe('network_error');
    expect(e.message).toContain(new URL(emu.url).host);
  });
});

describe('revoke', () => {
  it('classic path revokes a refresh token', async () => {
    const rt = emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.modules.ALL'] });
    await oauth.refresh(rt);
    await oauth.revoke(rt);
    expect((await authError(() => oauth.refresh(rt), [rt])).code).toBe('invalid_code');
  });

  it('basic-auth path revokes a refresh token or an access token', async () => {
    const rt = emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.modules.ALL'] });
    const { accessToken } = await oauth.refresh(rt);
    await oauth.revoke(accessToken, { variant: 'basic', tokenType: 'access_token' });
    expect(emu.accounts.verify(`Zoho-oauthtoken ${accessToken}`).ok).toBe(false);
    await oauth.revoke(rt, { variant: 'basic' });
    expect((await authError(() => oauth.refresh(rt), [rt])).code).toBe('invalid_code');
  });

  it('an unknown token is a clear error that does not echo the token', async () => {
    const bogus = '1000.bogusbogusbogus.bogusbogusbogus';
    const e = await authError(() => oauth.revoke(bogus), [bogus]);
    expect(e.code).toBe('invalid_token');
    expect(e.message).toMatch(/already revoked/);
  });
});
