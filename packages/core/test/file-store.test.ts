import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.js';
import { ZohoConfigError } from '../src/errors.js';
import { ZohoOAuthClient } from '../src/oauth.js';
import { FileTokenStore, type StoredCredentials } from '../src/tokens/file-store.js';
import { TokenManager } from '../src/tokens/manager.js';
import type { StoredToken } from '../src/tokens/types.js';

const HEX_KEY = randomBytes(32).toString('hex');
const ACCESS = `1000.${'a'.repeat(32)}.${'b'.repeat(32)}`;
const REFRESH = `1000.${'c'.repeat(32)}.${'f'.repeat(32)}`;
const token: StoredToken = { accessToken: ACCESS, expiresAt: Date.now() + 3600_000, obtainedAt: Date.now(), apiDomain: 'https://www.zohoapis.eu', scopes: ['ZohoCRM.modules.ALL'] };
const credentials: StoredCredentials = {
  clientId: '1000.CLIENT',
  refreshToken: REFRESH,
  region: 'eu',
  scopes: ['ZohoCRM.modules.ALL'],
  createdAt: 1_700_000_000_000,
  accountsServer: 'https://accounts.zoho.eu',
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zak-file-store-'));
  file = join(dir, 'nested', 'tokens.enc');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function decryptError(fn: () => Promise<unknown>): Promise<Error> {
  const err = (await fn().then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(err).toBeInstanceOf(ZohoConfigError);
  expect(err.message).toContain(`cannot decrypt ${file}: wrong ZOHO_TOKEN_KEY or the file was modified`);
  expect(err.message).not.toContain(ACCESS);
  expect(err.message).not.toContain(REFRESH);
  return err;
}

describe('FileTokenStore', () => {
  it('round-trips tokens and credentials, encrypted, in a 0600 file', async () => {
    const store = new FileTokenStore({ path: file, key: HEX_KEY });
    expect(await store.get('k')).toBeUndefined();
    expect(await store.getCredentials()).toBeUndefined();
    await store.set('k', token);
    await store.setCredentials(credentials);
    const reopened = new FileTokenStore({ path: file, key: HEX_KEY });
    expect(await reopened.get('k')).toEqual(token);
    expect(await reopened.getCredentials()).toEqual(credentials);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(ACCESS);
    expect(raw).not.toContain(REFRESH);
    expect(raw).not.toContain('ZohoCRM');
    expect(JSON.parse(raw)).toMatchObject({ v: 1, alg: 'aes-256-gcm', kdf: 'raw' });
    await reopened.delete('k');
    expect(await store.get('k')).toBeUndefined();
    await store.clear();
    expect(await store.getCredentials()).toBeUndefined();
  });

  it.each([
    ['64 hex characters', HEX_KEY, 'raw'],
    ['base64 of 32 bytes', randomBytes(32).toString('base64'), 'raw'],
    ['a passphrase (scrypt)', 'correct horse battery staple', 'scrypt'],
  ])('accepts %s as ZOHO_TOKEN_KEY', async (_label, key, kdf) => {
    const store = FileTokenStore.fromEnv({ ZOHO_TOKEN_FILE: file, ZOHO_TOKEN_KEY: key });
    await store.set('k', token);
    await store.set('k2', token);
    expect(await new FileTokenStore({ path: file, key }).get('k')).toEqual(token);
    expect(JSON.parse(await readFile(file, 'utf8')).kdf).toBe(kdf);
  });

  it('a missing or too-short key is a clear configuration error', () => {
    expect(() => FileTokenStore.fromEnv({ ZOHO_TOKEN_FILE: file })).toThrow(/ZOHO_TOKEN_KEY: is not set.*openssl rand -hex 32/);
    expect(() => FileTokenStore.fromEnv({ ZOHO_TOKEN_FILE: file, ZOHO_TOKEN_KEY: '  ' })).toThrow(/ZOHO_TOKEN_KEY: is not set/);
    expect(() => new FileTokenStore({ path: file, key: 'short' })).toThrow(/ZOHO_TOKEN_KEY: the key is too short/);
  });

  it('a wrong key is a clear error, never garbage', async () => {
    await new FileTokenStore({ path: file, key: HEX_KEY }).setCredentials(credentials);
    await decryptError(() => new FileTokenStore({ path: file, key: randomBytes(32).toString('hex') }).getCredentials());
    await decryptError(() => new FileTokenStore({ path: file, key: 'a passphrase that is wrong' }).get('k'));
    // A write with the wrong key must not clobber the file either.
    await decryptError(() => new FileTokenStore({ path: file, key: randomBytes(32).toString('hex') }).set('k', token));
    expect(await new FileTokenStore({ path: file, key: HEX_KEY }).getCredentials()).toEqual(credentials);
  });

  it('a wrong passphrase is a clear error', async () => {
    await new FileTokenStore({ path: file, key: 'the right passphrase' }).set('k', token);
    await decryptError(() => new FileTokenStore({ path: file, key: 'the wrong passphrase' }).get('k'));
  });

  it.each([
    ['a flipped ciphertext byte', (e: Record<string, string>) => ({ ...e, data: flip(e.data!) })],
    ['a flipped tag byte', (e: Record<string, string>) => ({ ...e, tag: flip(e.tag!) })],
    ['a changed iv', (e: Record<string, string>) => ({ ...e, iv: randomBytes(12).toString('base64') })],
    ['a changed kdf', (e: Record<string, string>) => ({ ...e, kdf: 'scrypt', salt: 'AAAA' })],
  ])('a tampered file (%s) is a clear error', async (_label, tamper) => {
    const store = new FileTokenStore({ path: file, key: HEX_KEY });
    await store.setCredentials(credentials);
    const envelope = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    await writeFile(file, JSON.stringify(tamper(envelope)));
    await decryptError(() => new FileTokenStore({ path: file, key: HEX_KEY }).getCredentials());
  });

  it('a truncated or non-JSON file is a clear error', async () => {
    const store = new FileTokenStore({ path: file, key: HEX_KEY });
    await store.set('k', token);
    const raw = await readFile(file, 'utf8');
    await writeFile(file, raw.slice(0, raw.length / 2));
    await decryptError(() => store.get('k'));
    await writeFile(file, 'garbage');
    await decryptError(() => store.get('k'));
  });

  it('writes atomically: concurrent writers lose nothing and leave no temp files', async () => {
    const a = new FileTokenStore({ path: file, key: HEX_KEY });
    const b = new FileTokenStore({ path: file, key: HEX_KEY });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).set(`k${i}`, { ...token, accessToken: `t${i}` })));
    for (let i = 0; i < 20; i++) expect((await a.get(`k${i}`))?.accessToken).toBe(`t${i}`);
    expect(await readdir(join(dir, 'nested'))).toEqual(['tokens.enc']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('withLock excludes other holders and breaks a stale lock', async () => {
    const a = new FileTokenStore({ path: file, key: HEX_KEY, staleLockMs: 500 });
    const b = new FileTokenStore({ path: file, key: HEX_KEY, staleLockMs: 500 });
    let active = 0;
    let max = 0;
    const hold = (s: FileTokenStore) =>
      s.withLock('key-1', async () => {
        active++;
        max = Math.max(max, active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
      });
    await Promise.all([hold(a), hold(b), hold(a), hold(b)]);
    expect(max).toBe(1);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.lock'))).toEqual([]);

    // A crashed process left its lock behind (the lock file is named after a digest of the key).
    const lockPath = `${file}.${createHash('sha256').update('key-2').digest('hex').slice(0, 16)}.lock`;
    await writeFile(lockPath, 'dead-process');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const started = Date.now();
    expect(await b.withLock('key-2', async () => 'got it')).toBe('got it');
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('a lock whose holder process is gone is taken over at once; a live holder\'s is not', async () => {
    const lockPath = `${file}.${createHash('sha256').update('refresh').digest('hex').slice(0, 16)}.lock`;
    const holder = await startLockHolder(file, 'refresh');
    try {
      expect(await readFile(lockPath, 'utf8')).toMatch(new RegExp(`^${holder.pid}:[0-9a-f]+:`));
      // Alive: waiting for it times out rather than stealing its lock.
      const impatient = new FileTokenStore({ path: file, key: HEX_KEY, lockWaitMs: 300 });
      await expect(impatient.withLock('refresh', async () => 1)).rejects.toThrow(/timed out after 300 ms/);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    // Dead (killed mid-refresh, its lock left behind and fresh): taken over at once, not after the 30 s stale age.
    expect((await stat(lockPath)).mtimeMs).toBeGreaterThan(Date.now() - 30_000);
    const store = new FileTokenStore({ path: file, key: HEX_KEY });
    const started = Date.now();
    expect(await store.withLock('refresh', async () => 'taken over')).toBe('taken over');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.includes('.lock'))).toEqual([]);
  }, 30_000);

  it('a held lock times out with a clear error', async () => {
    const a = new FileTokenStore({ path: file, key: HEX_KEY, lockWaitMs: 150, staleLockMs: 60_000 });
    let release!: () => void;
    const held = a.withLock('k', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    await expect(a.withLock('k', async () => 1)).rejects.toThrow(/timed out after 150 ms waiting for the token-file lock/);
    release();
    await held;
  });

  it('shares one refresh between TokenManagers through the file', async () => {
    const emu = await startEmulator({ apps: [], port: 0 });
    try {
      const oauth = new ZohoOAuthClient({ clientId: emu.credentials.clientId, clientSecret: emu.credentials.clientSecret, region: 'us', accountsUrl: emu.url });
      const first = new TokenManager({ oauth, refreshToken: emu.credentials.refreshToken, store: new FileTokenStore({ path: file, key: HEX_KEY }) });
      const t = await first.getAccessToken();
      const later = new TokenManager({ oauth, refreshToken: emu.credentials.refreshToken, store: new FileTokenStore({ path: file, key: HEX_KEY }) });
      expect((await later.getAccessToken()).accessToken).toBe(t.accessToken);
      expect(emu.accounts.tokenRequests('refresh_token')).toBe(1);
      expect(await readFile(file, 'utf8')).not.toContain(t.accessToken);
    } finally {
      await emu.close();
    }
  });
});

function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

const LOCK_HOLDER = fileURLToPath(new URL('./fixtures/lock-holder.ts', import.meta.url));

/** A real second process that takes the lock `name` of the token file and holds it until killed. */
async function startLockHolder(path: string, name: string) {
  const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', LOCK_HOLDER], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, TOKEN_FILE: path, TOKEN_KEY: HEX_KEY, LOCK_NAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /locked (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code} before locking: ${err}`)));
  });
  return { child, pid, exited };
}
