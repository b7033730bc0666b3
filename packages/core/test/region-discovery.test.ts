import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, FileTokenStore, MemoryTokenStore, RegionalOAuth, tokenStoreKey, ZohoAuthError, type ZohoConnectionOptions } from '../src/index.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { testApp } from './helpers/test-app.js';

let us: Emulator;
let eu: Emulator;
let dir: string;
const KEY = randomBytes(32).toString('hex');

beforeAll(async () => {
  us = await startEmulator({ apps: [testApp] });
  eu = await startEmulator({ apps: [testApp], accounts: { region: 'eu' } });
  dir = await mkdtemp(join(tmpdir(), 'zak-regions-'));
});
afterAll(async () => {
  await Promise.all([us.close(), eu.close()]);
  await rm(dir, { recursive: true, force: true });
});

const refreshes = () => ({ us: us.accounts.tokenRequests('refresh_token'), eu: eu.accounts.tokenRequests('refresh_token') });

/** Two data centers, played by two emulators; nothing else may be asked. */
function options(extra: ZohoConnectionOptions = {}): ZohoConnectionOptions {
  return {
    clientId: eu.credentials.clientId,
    clientSecret: eu.credentials.clientSecret,
    refreshToken: eu.credentials.refreshToken,
    accountsUrls: { us: us.url, eu: eu.url },
    limits: { crm: false },
    ...extra,
  };
}

describe('the emulator plays a non-US data center', () => {
  it('has its own demo refresh token and reports location=eu on the login redirect', async () => {
    expect(eu.credentials.refreshToken).not.toBe(us.credentials.refreshToken);
    expect(eu.credentials.refreshToken).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    const auth = new URL(`${eu.url}/oauth/v2/auth`);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: eu.credentials.clientId, scope: 'ZohoCRM.modules.ALL', redirect_uri: 'http://127.0.0.1:9/cb' })) auth.searchParams.set(k, v);
    const res = await fetch(auth, { redirect: 'manual' });
    const callback = new URL(res.headers.get('location')!);
    expect(callback.searchParams.get('location')).toBe('eu');
    expect(callback.searchParams.get('accounts-server')).toBe(eu.url);
  });
});

describe('region discovery', () => {
  it('without a region, a refresh token issued in the EU is found there, remembered, and the next start asks nobody', async () => {
    const file = join(dir, 'discovery.enc');
    const key = tokenStoreKey(eu.credentials.clientId, eu.credentials.refreshToken);
    const before = refreshes();

    const first = createZohoConnection(options({ tokenStore: new FileTokenStore({ path: file, key: KEY }) }));
    expect(first.regionKnown).toBe(false);
    const res = await first.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    expect(res.status).toBe(200);
    expect(first.region.code).toBe('eu');
    // US first (one token request, refused), then the EU, which accepted: one request each.
    expect(refreshes()).toEqual({ us: before.us + 1, eu: before.eu + 1 });
    expect(first.regionProbes).toBe(1);
    expect(eu.counters.requests({ app: 'crm', route: 'GET /crm/v8/Things' })).toBe(1);
    expect(us.counters.requests({ app: 'crm' })).toBe(0);
    expect(await new FileTokenStore({ path: file, key: KEY }).getRegion(key)).toBe('eu');
    await first.close();

    // Next start, same token file: the data center is known before any call, and the cached token serves.
    const second = createZohoConnection(options({ tokenStore: new FileTokenStore({ path: file, key: KEY }) }));
    expect((await second.resolveRegion()).code).toBe('eu');
    await second.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    expect(refreshes()).toEqual({ us: before.us + 1, eu: before.eu + 1 });
    await second.close();

    // And when it must refresh, it asks the EU only.
    const store = new FileTokenStore({ path: file, key: KEY });
    await store.delete(key);
    const third = createZohoConnection(options({ tokenStore: store }));
    await third.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    expect(refreshes()).toEqual({ us: before.us + 1, eu: before.eu + 2 });
    expect(third.regionProbes).toBe(0);
    expect(third.region.code).toBe('eu');
    await third.close();
  });

  it('a store without region records still remembers it with the access token', async () => {
    const store = new MemoryTokenStore();
    const first = createZohoConnection(options({ tokenStore: store }));
    await first.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    const stored = await store.get(tokenStoreKey(eu.credentials.clientId, eu.credentials.refreshToken));
    expect(stored?.region).toBe('eu');
    await first.close();
  });

  it('a store that does not know the data center yet is asked again later (another process may find it)', async () => {
    const store = new MemoryTokenStore();
    const key = tokenStoreKey(eu.credentials.clientId, eu.credentials.refreshToken);
    const oauth = new RegionalOAuth({ clientId: eu.credentials.clientId, clientSecret: eu.credentials.clientSecret, accountsUrls: { us: us.url, eu: eu.url }, store, storeKey: key });
    expect(await oauth.knownRegion()).toBeUndefined();
    await store.setRegion(key, 'eu');
    expect(await oauth.knownRegion()).toBe('eu');
  });

  it('a stored token carrying its data center is taken up: the next refresh asks only there', async () => {
    const key = tokenStoreKey(eu.credentials.clientId, eu.credentials.refreshToken);
    const found = new MemoryTokenStore();
    const first = createZohoConnection(options({ tokenStore: found }));
    await first.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    await first.close();
    // Another store holding only that token (with its region), no region record.
    const store = new MemoryTokenStore();
    await store.set(key, (await found.get(key))!);
    const second = createZohoConnection(options({ tokenStore: store }));
    try {
      await second.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
      expect(second.region.code).toBe('eu');
      const before = refreshes();
      await store.delete(key);
      await second.tokens.invalidate((await second.tokens.getAccessToken()).accessToken);
      await second.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
      expect(refreshes()).toEqual({ us: before.us, eu: before.eu + 1 });
      expect(second.regionProbes).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('with ZOHO_REGION=us configured, the invalid_code names the EU, and asks the others only once', async () => {
    const connection = createZohoConnection(options({ region: 'us' }));
    try {
      const before = refreshes();
      const err = (await connection
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Things' })
        .catch((e: unknown) => e)) as ZohoAuthError;
      expect(err).toBeInstanceOf(ZohoAuthError);
      expect(err.code).toBe('invalid_code');
      expect(err.message).toMatch(/this refresh token belongs to the EU data center \(Europe, 127\.0\.0\.1:\d+\), not US; set ZOHO_REGION=eu/);
      expect(err.message).not.toContain(eu.credentials.refreshToken);
      expect(refreshes()).toEqual({ us: before.us + 1, eu: before.eu + 1 });
      // Calling again asks the configured data center, not the others.
      await expect(connection.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' })).rejects.toThrow(/ZOHO_REGION=eu/);
      expect(refreshes()).toEqual({ us: before.us + 2, eu: before.eu + 1 });
      expect(connection.region.code).toBe('us');
    } finally {
      await connection.close();
    }
  });

  it('a refresh token no data center knows is one clear error, naming those asked', async () => {
    const unknown = `1000.${'0'.repeat(32)}.${'1'.repeat(32)}`;
    const connection = createZohoConnection(options({ refreshToken: unknown }));
    try {
      const err = (await connection
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Things' })
        .catch((e: unknown) => e)) as ZohoAuthError;
      expect(err.code).toBe('invalid_code');
      expect(err.message).toMatch(/no Zoho data center accepts this refresh token \(asked us, eu\)/);
      expect(err.message).not.toContain(unknown);
      expect(connection.regionKnown).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('a configured region with one pinned accounts server probes nothing else', async () => {
    const connection = createZohoConnection({ ...options(), accountsUrls: undefined, accountsUrl: us.url, region: 'us' });
    try {
      const before = refreshes();
      const err = (await connection
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Things' })
        .catch((e: unknown) => e)) as ZohoAuthError;
      expect(err.code).toBe('invalid_code');
      expect(err.message).not.toMatch(/belongs to/);
      expect(refreshes()).toEqual({ us: before.us + 1, eu: before.eu });
    } finally {
      await connection.close();
    }
  });
});
