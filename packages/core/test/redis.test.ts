import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.js';
import { ZohoConfigError } from '../src/errors.js';
import { connectionOptionsFromConfig } from '../src/config-connect.js';
import { loadZohoConfig } from '../src/config.js';
import { createZohoConnection } from '../src/connection.js';
import { CLEAR_TOKENS_WARNING_CODE, RedisTokenStore } from '../src/tokens/redis-store.js';
import type { StoredToken } from '../src/tokens/types.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { testApp } from './helpers/test-app.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});
beforeEach(() => redis.flushall());

const token = (ttlMs: number, accessToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`): StoredToken => ({
  accessToken,
  expiresAt: Date.now() + ttlMs,
  obtainedAt: Date.now(),
  apiDomain: 'https://www.zohoapis.com',
});

describe('RedisTokenStore encryption from the configuration', () => {
  async function connectFromEnv(extra: Record<string, string>) {
    const emu = await startEmulator({ apps: [testApp] });
    const env = {
      ZOHO_CLIENT_ID: emu.credentials.clientId,
      ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
      ZOHO_REFRESH_TOKEN: emu.credentials.refreshToken,
      ZOHO_ACCOUNTS_URL: emu.url,
      ZOHO_CRM_BASE_URL: emu.baseUrls.crm,
      ZOHO_REDIS_URL: server.url,
      ...extra,
    };
    const { tokenStoreKind, ...options } = connectionOptionsFromConfig(loadZohoConfig(env));
    expect(tokenStoreKind).toBe('redis');
    const connection = createZohoConnection({ ...options, limits: { crm: false } });
    await connection.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
    const { accessToken } = await connection.tokens.getAccessToken();
    const keys = await redis.keys('zoho-agent-kit:token:*');
    expect(keys).toHaveLength(1);
    const raw = (await redis.get(keys[0]!))!;
    return { raw, accessToken, store: options.tokenStore as RedisTokenStore, close: () => Promise.all([connection.close(), emu.close()]) };
  }

  it('ZOHO_TOKEN_KEY set: the value in Redis is sealed and holds no token', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const run = await connectFromEnv({ ZOHO_TOKEN_KEY: randomBytes(32).toString('hex') });
    try {
      expect(run.store.encrypted).toBe(true);
      expect(run.raw).not.toContain(run.accessToken);
      expect(run.raw).not.toContain(run.accessToken.slice(5, 37));
      expect(JSON.parse(run.raw)).toMatchObject({ v: 1, alg: 'aes-256-gcm' });
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => (w as { code?: string }).code === CLEAR_TOKENS_WARNING_CODE)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await run.close();
    }
  });

  it('no key: tokens are in clear, and the store says so once at start-up', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const run = await connectFromEnv({});
      try {
        expect(run.store.encrypted).toBe(false);
        expect(run.raw).toContain(run.accessToken);
      } finally {
        await run.close();
      }
      await new RedisTokenStore({ url: server.url }).close(); // the same Redis again: no second warning
      await new Promise((r) => setImmediate(r));
      const clear = warnings.filter((w) => (w as { code?: string }).code === CLEAR_TOKENS_WARNING_CODE);
      expect(clear).toHaveLength(1);
      expect(clear[0]!.message).toMatch(/in clear.*set ZOHO_TOKEN_KEY/);
    } finally {
      process.off('warning', onWarning);
    }
    const hooked: string[] = [];
    await new RedisTokenStore({ redis, prefix: 'hooked:', onWarning: (m) => hooked.push(m) }).close();
    await new RedisTokenStore({ redis, encryptionKey: randomBytes(32).toString('hex'), onWarning: (m) => hooked.push(m) }).close();
    expect(hooked).toHaveLength(1);
    expect(hooked[0]).toContain('prefix "hooked:"');
  });

  it('fromEnv encrypts with ZOHO_TOKEN_KEY; regions are kept without expiry', async () => {
    const store = RedisTokenStore.fromEnv({ ZOHO_REDIS_URL: server.url, ZOHO_TOKEN_KEY: randomBytes(32).toString('hex') });
    try {
      expect(store.encrypted).toBe(true);
      await store.setRegion('access-token:abc', 'eu');
      expect(await store.getRegion('access-token:abc')).toBe('eu');
      expect(await redis.pttl('zoho-agent-kit:region:access-token:abc')).toBe(-1);
      expect(await store.getRegion('access-token:other')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('RedisTokenStore', () => {
  it('stores JSON under zoho-agent-kit: with a TTL to expiry', async () => {
    const store = new RedisTokenStore({ redis });
    const t = token(5000);
    await store.set('access-token:abc', t);
    expect(await store.get('access-token:abc')).toEqual(t);
    expect(await redis.keys('*')).toEqual(['zoho-agent-kit:token:access-token:abc']);
    const pttl = await redis.pttl('zoho-agent-kit:token:access-token:abc');
    expect(pttl).toBeGreaterThan(4000);
    expect(pttl).toBeLessThanOrEqual(5000);
    await store.delete('access-token:abc');
    expect(await store.get('access-token:abc')).toBeUndefined();
    await store.set('expired', token(-1));
    expect(await redis.keys('*')).toEqual([]);
    await store.close(); // not ours: the shared client stays open
    expect(await redis.ping()).toBe('PONG');
  });

  it('encrypts values at rest when given a key, and a wrong key is a clear error', async () => {
    const key = randomBytes(32).toString('hex');
    const store = new RedisTokenStore({ url: server.url, encryptionKey: key });
    const t = token(60_000);
    await store.set('k', t);
    const raw = (await redis.get('zoho-agent-kit:token:k'))!;
    expect(raw).not.toContain(t.accessToken);
    expect(await new RedisTokenStore({ redis, encryptionKey: key }).get('k')).toEqual(t);
    const wrong = new RedisTokenStore({ redis, encryptionKey: randomBytes(32).toString('hex') });
    const err = await wrong.get('k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZohoConfigError);
    expect((err as Error).message).toMatch(/cannot decrypt a token in Redis: wrong ZOHO_TOKEN_KEY or the value was modified/);
    await store.close();
  });

  it('withLock gives one holder at a time across connections and releases after failures', async () => {
    const stores = [new RedisTokenStore({ url: server.url }), new RedisTokenStore({ url: server.url }), new RedisTokenStore({ redis })];
    let active = 0;
    let max = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        stores[i % 3]!.withLock('k', async () => {
          active++;
          max = Math.max(max, active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
          if (i === 4) throw new Error('boom');
          return i;
        }),
      ),
    );
    expect(max).toBe(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await redis.exists('zoho-agent-kit:lock:k')).toBe(0);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('waiters give up after a bounded wait', async () => {
    const a = new RedisTokenStore({ redis });
    const b = new RedisTokenStore({ redis, lockWaitMs: 150 });
    let release!: () => void;
    const held = a.withLock('k', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    await expect(b.withLock('k', async () => 1)).rejects.toThrow(/timed out after 150 ms waiting for another process/);
    release();
    await held;
  });

  it('an expired lock taken over by another holder is not released by the first', async () => {
    const slow = new RedisTokenStore({ redis, lockTtlMs: 100 });
    const fast = new RedisTokenStore({ redis });
    let releaseSecond!: () => void;
    let secondHolds!: () => void;
    const secondHolding = new Promise<void>((r) => (secondHolds = r));
    const first = slow.withLock('k', async () => {
      await new Promise((r) => setTimeout(r, 250)); // outlives its 100 ms lock
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = fast.withLock('k', async () => {
      secondHolds();
      await new Promise<void>((r) => (releaseSecond = r));
    });
    await secondHolding;
    await first; // releases with its own token: must not delete the second holder's lock
    expect(await redis.exists('zoho-agent-kit:lock:k')).toBe(1);
    releaseSecond();
    await second;
    expect(await redis.exists('zoho-agent-kit:lock:k')).toBe(0);
  });

  it('two OS processes sharing one Redis make one token request between them', async () => {
    const emu = await startEmulator({ apps: [], port: 0 });
    try {
      // A slow token endpoint guarantees the second process arrives while the first holds the lock.
      emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'slow', delayMs: 300 });
      const env = {
        ...process.env,
        REDIS_URL: server.url,
        ZOHO_CLIENT_ID: emu.credentials.clientId,
        ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
        ZOHO_REFRESH_TOKEN: emu.credentials.refreshToken,
        ZOHO_ACCOUNTS_URL: emu.url,
        START_AT: String(Date.now() + 2500),
        CALLS: '50',
      };
      const outputs = await Promise.all([runWorker(env), runWorker(env)]);
      const digests = outputs.map((o) => (JSON.parse(o) as { digests: string[] }).digests);
      expect(digests[0]).toHaveLength(1);
      expect(digests[1]).toEqual(digests[0]);
      expect(emu.counters.requests({ app: 'accounts', route: 'POST /oauth/v2/token' })).toBe(1);
      expect(emu.accounts.tokenRequests('refresh_token')).toBe(1);
      const keys = await redis.keys('*');
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^zoho-agent-kit:token:access-token:[0-9a-f]{64}$/);
      expect(keys[0]).not.toContain(emu.credentials.refreshToken);
      const stored = JSON.parse((await redis.get(keys[0]!))!) as StoredToken;
      expect(createHash('sha256').update(stored.accessToken).digest('hex')).toBe(digests[0]![0]);
    } finally {
      await emu.close();
    }
  }, 60_000);
});

const WORKER = fileURLToPath(new URL('./fixtures/refresh-worker.ts', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('..', import.meta.url));

function runWorker(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', WORKER], {
      cwd: CORE_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}
