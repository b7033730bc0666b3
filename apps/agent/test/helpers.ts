import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createZohoConnection, ZohoOAuthClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { DEMO_CLIENT } from '@zoho-agent-kit/core/emulator';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The environment minus anything that would pick a real Zoho account or a chat model. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(ZOHO_|OPENAI_|ANTHROPIC_|OLLAMA_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** The REPL as a real process: `node --import tsx --conditions=@zoho-agent-kit/source apps/agent/src/main.ts …`. */
export class AgentProcess {
  stdout = '';
  stderr = '';
  private cursor = 0;
  readonly exited: Promise<number>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[], env: Record<string, string>, options: { cwd?: string } = {}) {
    // Absolute paths, so the agent can run from any working directory (a folder with its own .env).
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    this.child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--conditions=@zoho-agent-kit/source', main, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: 'pipe',
    });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Waits until stdout, after the previous match, matches `pattern`; returns the match. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.stdout.slice(this.cursor);
      const m = pattern.exec(rest);
      if (m) {
        this.cursor += (m.index ?? 0) + m[0].length;
        return m;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`timed out waiting for ${pattern}\n--- stdout since last match ---\n${rest}\n--- stderr ---\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits until stderr matches `pattern`. */
  async waitForStderr(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.stderr);
      if (m) return m;
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`timed out waiting for ${pattern} on stderr\n--- stderr ---\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  end(): void {
    this.child.stdin.end();
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** Ctrl-C, as a terminal sends it to a piped process. */
  interrupt(): void {
    this.child.kill('SIGINT');
  }
}

/** Runs the agent to completion with the given stdin lines. */
export async function runAgentProcess(args: string[], env: Record<string, string>, stdinLines: string[] = [], options: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = new AgentProcess(args, env, options);
  for (const line of stdinLines) p.send(line);
  p.end();
  const code = await p.exited;
  return { code, stdout: p.stdout, stderr: p.stderr };
}

/**
 * A connection of our own to an emulator another process runs: a fresh grant through the emulator's real
 * OAuth flow (authorize → code → token), so the test reads Zoho state through the API like any client.
 */
export async function connectToEmulator(url: string, scopes: string[]): Promise<ZohoConnection> {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const auth = new URL('/oauth/v2/auth', url);
  auth.search = new URLSearchParams({
    client_id: DEMO_CLIENT.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(','),
    access_type: 'offline',
  }).toString();
  const res = await fetch(auth, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`the emulator did not redirect: ${res.status}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error('no code in the redirect');
  const oauth = new ZohoOAuthClient({ clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, region: 'us', accountsUrl: url });
  const tokens = await oauth.exchangeCode({ code, redirectUri });
  if (!tokens.refreshToken) throw new Error('no refresh token');
  return createZohoConnection({
    region: 'us',
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    refreshToken: tokens.refreshToken,
    accountsUrl: url,
    baseUrls: { crm: url, books: url },
  });
}

/** Request counters the REPL prints with /emulator. */
export interface CounterLine {
  app: string;
  route: string;
  requests: number;
  byStatus: Record<string, number>;
}

export function parseCounters(text: string): CounterLine[] {
  return [...text.matchAll(/^counter: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as CounterLine);
}

export function requestsTo(counters: CounterLine[], app: string, route: RegExp): number {
  return counters.filter((c) => c.app === app && route.test(c.route)).reduce((n, c) => n + c.requests, 0);
}
