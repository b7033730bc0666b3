import { discoverEmulatorApps } from '../src/emulator/index.js';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../src/tokens/file-store.js';

const CLI = fileURLToPath(new URL('../src/emulator/cli.ts', import.meta.url));
const AUTH_CLI = fileURLToPath(new URL('../src/cli/zoho-auth.ts', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

interface Running {
  child: ChildProcessWithoutNullStreams;
  out: string;
  url: string;
  vars: Record<string, string>;
}

/** Starts `npm run emulator` (as its script does) and waits for the banner. */
async function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', CLI, '--port', '0', ...args], { stdio: 'pipe' });
  const running: Running = { child, out: '', url: '', vars: {} };
  child.stdout.setEncoding('utf8').on('data', (d: string) => (running.out += d));
  const deadline = Date.now() + 30_000;
  while (!running.out.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  running.url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(running.out)?.[1] ?? '';
  running.vars = Object.fromEntries([...running.out.matchAll(/^\s+(ZOHO_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  return running;
}

async function exitOf(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, out, err };
}

describe('zoho-emulator (npm run emulator)', () => {
  let emu: Running;
  beforeAll(async () => {
    emu = await startCli([]);
  }, 40_000);
  afterAll(() => {
    emu.child.kill('SIGTERM');
  });

  it('prints base URLs, demo credentials and the ids a client needs, and they work', async () => {
    expect(emu.url).not.toBe('');
    expect(Object.keys(emu.vars)).toEqual(expect.arrayContaining(['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN', 'ZOHO_ACCOUNTS_URL', 'ZOHO_CRM_BASE_URL', 'ZOHO_BOOKS_BASE_URL', 'ZOHO_BOOKS_ORGANIZATION_ID']));
    expect(emu.vars.ZOHO_BOOKS_ORGANIZATION_ID).toMatch(/^\d+$/);
    const res = await request(`${emu.vars.ZOHO_ACCOUNTS_URL}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.vars.ZOHO_CLIENT_ID!, client_secret: emu.vars.ZOHO_CLIENT_SECRET!, refresh_token: emu.vars.ZOHO_REFRESH_TOKEN! }).toString(),
    });
    expect(((await res.body.json()) as { access_token?: string }).access_token).toMatch(/^1000\./);
  });

  it('its curl lines work as printed: a token, then one call per app', async () => {
    const lines = emu.out.split('\n').map((l) => l.trim());
    const tokenLine = lines.find((l) => l.startsWith('export ZOHO_ACCESS_TOKEN=$(curl'));
    const appLines = lines.filter((l) => l.startsWith('curl -s ') && l.includes('$ZOHO_ACCESS_TOKEN'));
    expect(tokenLine).toBeDefined();
    // One line per installed app (crm and books at least; more as plugins are installed).
    const installed = (await discoverEmulatorApps()).map((a) => a.app);
    expect(appLines).toHaveLength(installed.length);
    expect(appLines.some((l) => l.includes('/crm/'))).toBe(true);
    expect(appLines.some((l) => l.includes('/books/'))).toBe(true);
    for (const line of appLines) {
      const { stdout } = await run('sh', ['-c', `${tokenLine}\n${line}`], { timeout: 20_000 });
      const body = JSON.parse(stdout) as Record<string, unknown>;
      if (line.includes('/crm/')) expect((body.data as unknown[] | undefined)?.length).toBeGreaterThan(0);
      else if (line.includes('/books/')) expect(body).toMatchObject({ code: 0, invoices: expect.any(Array) });
      // Every app's line answers its success envelope, not an error.
      expect(body, line).not.toHaveProperty('errors');
      expect(body, line).not.toHaveProperty('error');
      expect(JSON.stringify(body), line).not.toMatch(/INVALID_OAUTH|invalid_token|OAUTH_SCOPE_MISMATCH/i);
    }
  });

  it('GET / answers the index', async () => {
    const index = (await request(`${emu.url}/`).then((r) => r.body.json())) as { apps: { app: string; ids?: Record<string, string> }[]; demo_client_id: string };
    expect(index.demo_client_id).toBe(emu.vars.ZOHO_CLIENT_ID);
    expect(index.apps.map((a) => a.app)).toEqual((await discoverEmulatorApps()).map((a) => a.app));
    expect(index.apps.find((a) => a.app === 'books')!.ids).toEqual({ ZOHO_BOOKS_ORGANIZATION_ID: emu.vars.ZOHO_BOOKS_ORGANIZATION_ID });
  });

  it('zoho-auth exchange --code works end to end with a code minted by the printed curl line', async () => {
    const mintLine = emu.out.split('\n').map((l) => l.trim()).find((l) => l.includes('/_emulator/self-client/code'));
    expect(mintLine).toBeDefined();
    const minted = JSON.parse((await run('sh', ['-c', mintLine!], { timeout: 20_000 })).stdout) as { code: string; scope: string };
    expect(minted.scope).toContain('ZohoCRM.modules.ALL');

    const dir = await mkdtemp(join(tmpdir(), 'zak-emu-auth-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      ZOHO_CLIENT_ID: emu.vars.ZOHO_CLIENT_ID!,
      ZOHO_CLIENT_SECRET: emu.vars.ZOHO_CLIENT_SECRET!,
      ZOHO_ACCOUNTS_URL: emu.vars.ZOHO_ACCOUNTS_URL!,
      ZOHO_TOKEN_KEY: randomBytes(32).toString('hex'),
      ZOHO_TOKEN_FILE: join(dir, 'tokens.enc'),
    };
    try {
      const auth = (args: string[]) => run(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', AUTH_CLI, ...args], { cwd: CORE_DIR, env, timeout: 30_000 });
      const exchanged = await auth(['exchange', '--code', minted.code]);
      expect(exchanged.stdout).toMatch(/Logged in: data center us/);
      expect(exchanged.stdout + exchanged.stderr).not.toContain(minted.code);
      const status = await auth(['status']);
      expect(status.stdout).toContain(`Accounts server: ${new URL(emu.url).host}`);
      expect(status.stdout).toMatch(/Scopes:\s+ZohoCRM\.modules\.ALL/);

      // The stored refresh token is the emulator's: it gets tokens that call CRM.
      const record = (await FileTokenStore.fromEnv(env).getCredentials())!;
      const fresh = (await request(`${emu.url}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: env.ZOHO_CLIENT_ID, client_secret: env.ZOHO_CLIENT_SECRET, refresh_token: record.refreshToken }).toString(),
      }).then((r) => r.body.json())) as { access_token: string };
      const users = await request(`${emu.url}/crm/v8/users?type=CurrentUser`, { headers: { authorization: `Zoho-oauthtoken ${fresh.access_token}` } });
      expect(users.statusCode).toBe(200);
      expect(((await users.body.json()) as { users: { email: string }[] }).users[0]!.email).toBe('maya.ortiz@northwind-creative.example');
      // A used code is refused.
      await expect(auth(['exchange', '--code', minted.code])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/invalid_code/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('zoho-emulator flags', () => {
  it('--help documents every flag, and the default port is not zoho-auth login’s', async () => {
    const help = await exitOf(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--port', '--host', '--seed on|off|N', '--no-seed', '--no-limits', '--faults FILE', '--log', '/_emulator/self-client/code', '/_emulator/reset']) expect(help.out).toContain(flag);
    const emulatorPort = /default (\d+)/.exec(help.out)?.[1];
    const auth = await run(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', AUTH_CLI, '--help'], { cwd: CORE_DIR, timeout: 30_000 });
    const loginPort = /127\.0\.0\.1:PORT \(default (\d+)\)/.exec(auth.stdout)?.[1];
    expect(emulatorPort).toBe('8970');
    expect(loginPort).toBe('8976');
  });

  it('rejects bad values clearly', async () => {
    const port = await exitOf(['--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('--port must be a whole number');
    const seed = await exitOf(['--seed', 'maybe']);
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('--seed takes on, off or a whole number');
    const dir = await mkdtemp(join(tmpdir(), 'zak-faults-'));
    try {
      await writeFile(join(dir, 'bad.json'), JSON.stringify([{ app: 'crm', kind: 'status', status: 503 }, { kind: 'explode' }]));
      const bad = await exitOf(['--faults', join(dir, 'bad.json')]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/rule 2: kind: /);
      const missing = await exitOf(['--faults', join(dir, 'none.json')]);
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/cannot read it \(ENOENT\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--faults FILE, --seed off and --no-limits take effect', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zak-faults-'));
    await writeFile(join(dir, 'faults.json'), JSON.stringify([{ app: 'crm', route: 'GET /crm/v8/org', kind: 'status', status: 503 }]));
    const emu = await startCli(['--faults', join(dir, 'faults.json'), '--seed', 'off', '--no-limits']);
    try {
      expect(emu.out).toMatch(/data: empty; limits: off; faults: 1 rule\(s\) from/);
      const token = (await request(`${emu.url}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: emu.vars.ZOHO_CLIENT_ID!, client_secret: emu.vars.ZOHO_CLIENT_SECRET!, refresh_token: emu.vars.ZOHO_REFRESH_TOKEN! }).toString(),
      }).then((r) => r.body.json())) as { access_token: string };
      const auth = { authorization: `Zoho-oauthtoken ${token.access_token}` };
      expect((await request(`${emu.url}/crm/v8/org`, { headers: auth }).then((r) => (r.body.dump(), r.statusCode)))).toBe(503);
      expect((await request(`${emu.url}/crm/v8/Leads?fields=Last_Name`, { headers: auth }).then((r) => (r.body.dump(), r.statusCode)))).toBe(204);
    } finally {
      emu.child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('--seed N generates other data from the same agency, the same for the same N', async () => {
    const [a, b, plain] = await Promise.all([startCli(['--seed', '7']), startCli(['--seed', '7']), startCli(['--seed', 'on'])]);
    try {
      expect(a.out).toContain('data: seeded from 7');
      const leads = async (e: Running) => {
        const token = e.out.split('\n').map((l) => l.trim()).find((l) => l.startsWith('export ZOHO_ACCESS_TOKEN=$(curl'))!;
        const { stdout } = await run('sh', ['-c', `${token}\ncurl -s '${e.url}/crm/v8/Leads?fields=Email&per_page=3&sort_order=asc' -H "Authorization: Zoho-oauthtoken $ZOHO_ACCESS_TOKEN"`], { timeout: 20_000 });
        return (JSON.parse(stdout) as { data: { Email: string }[] }).data.map((r) => r.Email);
      };
      const [seven, again, usual] = await Promise.all([leads(a), leads(b), leads(plain)]);
      expect(seven).toEqual(again);
      expect(seven).not.toEqual(usual);
    } finally {
      for (const e of [a, b, plain]) e.child.kill('SIGTERM');
    }
  }, 60_000);
});
