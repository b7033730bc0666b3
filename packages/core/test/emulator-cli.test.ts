import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/emulator/cli.ts', import.meta.url));

describe('zoho-emulator (npm run emulator)', () => {
  it('serves standalone, printing base URLs and demo credentials that work', async () => {
    const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', CLI, '--port', '0'], { stdio: 'pipe' });
    try {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      const deadline = Date.now() + 20_000;
      while (!out.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const vars = Object.fromEntries([...out.matchAll(/^\s+(ZOHO_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      expect(Object.keys(vars)).toEqual(expect.arrayContaining(['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN', 'ZOHO_ACCOUNTS_URL']));
      const res = await request(`${vars.ZOHO_ACCOUNTS_URL}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: vars.ZOHO_CLIENT_ID!, client_secret: vars.ZOHO_CLIENT_SECRET!, refresh_token: vars.ZOHO_REFRESH_TOKEN! }).toString(),
      });
      expect(((await res.body.json()) as { access_token?: string }).access_token).toMatch(/^1000\./);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('rejects a bad port clearly', async () => {
    const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', CLI, '--port', 'abc'], { stdio: 'pipe' });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(2);
    expect(err).toContain('--port must be a whole number');
  });
});
