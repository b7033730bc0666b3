import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/zoho-auth.js';
import { connectionOptionsFromConfig, resolveZohoConfig } from '../src/config-connect.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { ZohoOAuthClient } from '../src/oauth.js';
import { FileTokenStore } from '../src/tokens/file-store.js';
import { tokenStoreKey } from '../src/tokens/manager.js';

const CLI = fileURLToPath(new URL('../src/cli/zoho-auth.ts', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('..', import.meta.url));
const SCOPES = 'ZohoCRM.modules.ALL,ZohoBooks.invoices.READ';
const KEY = randomBytes(32).toString('hex');

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ apps: [], port: 0 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zak-auth-'));
  env = {
    ZOHO_CLIENT_ID: emu.credentials.clientId,
    ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
    ZOHO_ACCOUNTS_URL: emu.url,
    ZOHO_TOKEN_KEY: KEY,
    ZOHO_TOKEN_FILE: join(dir, 'tokens.enc'),
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Runs `main` in-process, capturing its output. */
function run(argv: string[], extraEnv: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  const done = main(argv, {
    env: { ...env, ...extraEnv },
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  });
  return { out, done };
}

async function runToEnd(argv: string[], extraEnv: Record<string, string | undefined> = {}) {
  const { out, done } = run(argv, extraEnv);
  const code = await done;
  return { code, ...out };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const authUrlIn = (text: string) => /^(http:\/\/\S+\/oauth\/v2\/auth\?\S+)$/m.exec(text)?.[1];

/** What a browser does: open the consent URL (the emulator approves with a 302), then follow it to the callback. */
async function consent(authUrl: string, tamper?: (callback: URL) => void): Promise<Response> {
  const res = await fetch(authUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const callback = new URL(res.headers.get('location')!);
  tamper?.(callback);
  return fetch(callback);
}

function expectNoSecrets(text: string, extra: string[] = []) {
  for (const secret of [emu.credentials.clientSecret, emu.credentials.refreshToken, KEY, ...extra]) expect(text).not.toContain(secret);
}

describe('zoho-auth (in process)', () => {
  it('--help prints usage; no command is a usage error', async () => {
    const help = await runToEnd(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:\n\s+zoho-auth login/);
    expect((await runToEnd(['login', '--help'])).code).toBe(0);
    expect((await runToEnd([])).code).toBe(2);
  });

  it('unknown commands and flags are clear errors', async () => {
    const cmd = await runToEnd(['logon']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command "logon"/);
    const flag = await runToEnd(['login', '--scopez', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--scopez/);
    expect(flag.stderr).toMatch(/zoho-auth login --help/);
    const positional = await runToEnd(['status', 'extra']);
    expect(positional.code).toBe(2);
  });

  it('a missing ZOHO_TOKEN_KEY, client id or scopes is named', async () => {
    const key = await runToEnd(['login', '--scopes', SCOPES, '--port', '0'], { ZOHO_TOKEN_KEY: undefined });
    expect(key.code).toBe(1);
    expect(key.stderr).toMatch(/ZOHO_TOKEN_KEY: is not set/);
    const id = await runToEnd(['status'], { ZOHO_CLIENT_ID: '' });
    expect(id.code).toBe(1); // status needs only the file; it reports "not logged in"
    const login = await runToEnd(['login', '--scopes', SCOPES], { ZOHO_CLIENT_ID: '' });
    expect(login.stderr).toMatch(/ZOHO_CLIENT_ID: is not set/);
    const scopes = await runToEnd(['login', '--port', '0']);
    expect(scopes.code).toBe(2);
    expect(scopes.stderr).toMatch(/--scopes/);
    const code = await runToEnd(['exchange']);
    expect(code.code).toBe(2);
    expect(code.stderr).toMatch(/--code is required/);
    const port = await runToEnd(['login', '--scopes', SCOPES, '--port', 'abc']);
    expect(port.stderr).toMatch(/--port must be an integer/);
  });

  it('exchange stores a self-client refresh token; status shows it without secrets; revoke removes it', async () => {
    const code = emu.accounts.selfClientCode(['ZohoCRM.modules.ALL']);
    const exchanged = await runToEnd(['exchange', '--code', code]);
    expect(exchanged.stderr).toBe('');
    expect(exchanged.code).toBe(0);
    expect(exchanged.stdout).toMatch(/Logged in: data center us/);
    const record = (await FileTokenStore.fromEnv(env).getCredentials())!;
    expect(record.scopes).toEqual(['ZohoCRM.modules.ALL']);
    expectNoSecrets(exchanged.stdout, [code, record.refreshToken]);

    const status = await runToEnd(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Client ID:       ${emu.credentials.clientId}`);
    expect(status.stdout).toMatch(/Data center:\s+us \(United States\)/);
    expect(status.stdout).toMatch(/Scopes:\s+ZohoCRM.modules.ALL/);
    expect(status.stdout).toMatch(/Refresh token:\s+obtained .* ago/);
    expect(status.stdout).toMatch(/Access token:\s+cached, expires in/);
    expectNoSecrets(status.stdout, [record.refreshToken]);

    const revoked = await runToEnd(['revoke']);
    expect(revoked.code).toBe(0);
    expectNoSecrets(revoked.stdout + revoked.stderr, [record.refreshToken]);
    const oauth = new ZohoOAuthClient({ clientId: env.ZOHO_CLIENT_ID!, clientSecret: env.ZOHO_CLIENT_SECRET!, region: 'us', accountsUrl: emu.url });
    await expect(oauth.refresh(record.refreshToken)).rejects.toMatchObject({ code: 'invalid_code' });
    const after = await runToEnd(['status']);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/Not logged in/);
  });

  it('a used code fails clearly without echoing it', async () => {
    const code = emu.accounts.selfClientCode(['ZohoCRM.modules.ALL']);
    expect((await runToEnd(['exchange', '--code', code])).code).toBe(0);
    const again = await runToEnd(['exchange', '--code', code]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/invalid_code/);
    expectNoSecrets(again.stderr, [code]);
  });

  it('a wrong ZOHO_TOKEN_KEY is a clear error', async () => {
    const code = emu.accounts.selfClientCode(['ZohoCRM.modules.ALL']);
    expect((await runToEnd(['exchange', '--code', code])).code).toBe(0);
    const status = await runToEnd(['status'], { ZOHO_TOKEN_KEY: randomBytes(32).toString('hex') });
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/cannot decrypt .*: wrong ZOHO_TOKEN_KEY or the file was modified/);
  });

  it('login ignores a callback with the wrong state, then completes', async () => {
    const { out, done } = run(['login', '--scopes', SCOPES, '--port', '0', '--timeout', '20']);
    const authUrl = await waitFor(() => authUrlIn(out.stdout));
    const forged = await consent(authUrl, (cb) => cb.searchParams.set('state', 'forged'));
    expect(forged.status).toBe(400);
    expect(out.stderr).toMatch(/wrong state/);
    const ok = await consent(authUrl);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/authorised/);
    expect(await done).toBe(0);
    expect((await FileTokenStore.fromEnv(env).getCredentials())?.scopes).toEqual(SCOPES.split(','));
  });

  it('login reports a denied consent', async () => {
    const { out, done } = run(['login', '--scopes', SCOPES, '--port', '0', '--timeout', '20']);
    const authUrl = await waitFor(() => authUrlIn(out.stdout));
    const res = await consent(authUrl, (cb) => {
      cb.searchParams.delete('code');
      cb.searchParams.set('error', 'access_denied');
    });
    expect(res.status).toBe(400);
    expect(await done).toBe(1);
    expect(out.stderr).toMatch(/consent was declined/);
  });

  it('login times out clearly', async () => {
    const result = await runToEnd(['login', '--scopes', SCOPES, '--port', '0', '--timeout', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no answer from Zoho within 1 s/);
  });
});

describe('zoho-auth login records the data center Zoho reports', () => {
  it('an EU login (location=eu) is stored as eu without ZOHO_REGION, and the configuration then uses it', async () => {
    const eu = await startEmulator({ apps: [], port: 0, accounts: { region: 'eu' } });
    try {
      const euEnv = { ZOHO_ACCOUNTS_URL: eu.url, ZOHO_REGION: undefined };
      const { out, done } = run(['login', '--scopes', SCOPES, '--port', '0', '--timeout', '20'], euEnv);
      const authUrl = await waitFor(() => authUrlIn(out.stdout));
      expect((await consent(authUrl)).status).toBe(200);
      expect(await done).toBe(0);
      expect(out.stdout).toMatch(/Logged in: data center eu \(Europe\)/);
      const record = (await FileTokenStore.fromEnv(env).getCredentials())!;
      expect(record.region).toBe('eu');
      const config = await resolveZohoConfig({ ...env, ...euEnv, ZOHO_ACCOUNTS_URL: undefined });
      expect(config).toMatchObject({ region: 'eu', regionSource: 'login' });
      expect(connectionOptionsFromConfig(config).region).toBe('eu');
    } finally {
      await eu.close();
    }
  });
});

describe('zoho-auth (as a process)', () => {
  it('login end to end against the emulator, then status prints no secret', async () => {
    const child = spawnCli(['login', '--scopes', SCOPES, '--port', '0', '--timeout', '60']);
    const authUrl = await waitFor(() => authUrlIn(child.stdout()));
    expect(authUrl.startsWith(`${emu.url}/oauth/v2/auth?`)).toBe(true);
    const params = new URL(authUrl).searchParams;
    expect(params.get('scope')).toBe(SCOPES);
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const callback = await consent(authUrl);
    expect(callback.status).toBe(200);
    expect(await child.exit).toBe(0);
    expect(child.stdout()).toMatch(/Logged in: data center us/);

    const record = (await FileTokenStore.fromEnv(env).getCredentials())!;
    expect(record.clientId).toBe(emu.credentials.clientId);
    expect(record.accountsServer).toBe(emu.url);
    expect(record.refreshToken).toMatch(/^1000\./);
    const raw = await readFile(env.ZOHO_TOKEN_FILE!, 'utf8');
    expect(raw).not.toContain(record.refreshToken);
    expect((await stat(env.ZOHO_TOKEN_FILE!)).mode & 0o777).toBe(0o600);
    expectNoSecrets(child.stdout() + child.stderr(), [record.refreshToken]);

    // The stored refresh token works.
    const oauth = new ZohoOAuthClient({ clientId: env.ZOHO_CLIENT_ID!, clientSecret: env.ZOHO_CLIENT_SECRET!, region: 'us', accountsUrl: emu.url });
    const fresh = await oauth.refresh(record.refreshToken);

    const status = spawnCli(['status']);
    expect(await status.exit).toBe(0);
    expect(status.stdout()).toContain(emu.credentials.clientId);
    expect(status.stdout()).toMatch(/Scopes:\s+ZohoCRM\.modules\.ALL, ZohoBooks\.invoices\.READ/);
    expectNoSecrets(status.stdout() + status.stderr(), [record.refreshToken, fresh.accessToken]);
    const cached = await FileTokenStore.fromEnv(env).get(tokenStoreKey(record.clientId, record.refreshToken));
    expect(status.stdout()).not.toContain(cached!.accessToken);
  }, 60_000);

  it('an unknown flag exits nonzero', async () => {
    const child = spawnCli(['revoke', '--everything']);
    expect(await child.exit).toBe(2);
    expect(child.stderr()).toMatch(/--everything/);
  }, 30_000);
});

function spawnCli(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', CLI, ...args], {
    cwd: CORE_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return { stdout: () => out, stderr: () => err, exit };
}
