import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, LoggingMessageNotificationSchema, type ElicitRequest, type ElicitResult, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { loadInstalledPlugins, ZOHO_HOST_VARIABLES } from '@zoho-agent-kit/core';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The server as a real process, from source: `node --conditions=@zoho-agent-kit/source --import tsx packages/mcp/src/cli.ts …`. */
export const SERVER_COMMAND = [process.execPath, '--conditions=@zoho-agent-kit/source', '--import', 'tsx', 'packages/mcp/src/cli.ts'] as const;

export const scratch = mkdtempSync(join(tmpdir(), 'zoho-mcp-test-'));

/** The environment minus anything that would pick a real Zoho account. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(ZOHO_|OPENAI_|ANTHROPIC_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** An emulator of the test's own with every installed plugin's slice, so the test can read its counters and add faults. */
export async function startTestEmulator(): Promise<Emulator> {
  const plugins = await loadInstalledPlugins();
  return startEmulator({ apps: plugins.flatMap((p) => (p.emulator ? [p.emulator] : [])) });
}

/** ZOHO_* configuration that points the server at `emu` as if it were a Zoho account. */
export function accountEnv(emu: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    ZOHO_CLIENT_ID: emu.credentials.clientId,
    ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
    ZOHO_REFRESH_TOKEN: emu.credentials.refreshToken,
    ZOHO_ACCOUNTS_URL: emu.url,
  };
  for (const [host, name] of Object.entries(ZOHO_HOST_VARIABLES)) {
    const url = (emu.baseUrls as Record<string, string | undefined>)[host];
    if (url) env[name] = url;
  }
  return cleanEnv({ ...env, ...extra });
}

export type ElicitHandler = (request: ElicitRequest, extra: { signal: AbortSignal }) => Promise<ElicitResult>;

export interface ClientOptions {
  /** Declares elicitation and answers with this handler; without it the client declares no elicitation. */
  elicit?: ElicitHandler;
}

export interface TestClient {
  client: Client;
  elicitations: ElicitRequest['params'][];
  logs: LoggingMessageNotification['params'][];
  stderr: () => string;
  close(): Promise<void>;
}

function makeClient(options: ClientOptions): Omit<TestClient, 'stderr' | 'close'> {
  const client = new Client({ name: 'zoho-mcp-test', version: '1.0.0' }, { capabilities: options.elicit ? { elicitation: { form: {} } } : {} });
  const elicitations: ElicitRequest['params'][] = [];
  const logs: LoggingMessageNotification['params'][] = [];
  if (options.elicit) {
    const handler = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, (request, extra) => {
      elicitations.push(request.params);
      return handler(request, { signal: extra.signal });
    });
  }
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
  return { client, elicitations, logs };
}

/** The SDK's client over stdio, spawning the server process with `args`. */
export async function stdioClient(args: string[], env: Record<string, string>, options: ClientOptions = {}): Promise<TestClient> {
  const made = makeClient(options);
  const transport = new StdioClientTransport({ command: SERVER_COMMAND[0], args: [...SERVER_COMMAND.slice(1), ...args], cwd: REPO_ROOT, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  try {
    await made.client.connect(transport);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server stderr ---\n${stderr}`);
  }
  return { ...made, stderr: () => stderr, close: () => made.client.close() };
}

/** The SDK's client over Streamable HTTP. */
export async function httpClient(url: string, options: ClientOptions & { token?: string } = {}): Promise<TestClient> {
  const made = makeClient(options);
  const transport = new StreamableHTTPClientTransport(new URL(url), options.token ? { requestInit: { headers: { authorization: `Bearer ${options.token}` } } } : {});
  await made.client.connect(transport);
  return {
    ...made,
    stderr: () => '',
    close: async () => {
      await transport.terminateSession().catch(() => undefined);
      await made.client.close();
    },
  };
}

/** A server process (for --http, or for a run that should exit). */
export class ServerProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(SERVER_COMMAND[0], [...SERVER_COMMAND.slice(1), ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Waits until stderr matches `pattern`. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.stderr);
      if (m) return m;
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`timed out waiting for ${pattern}\n--- stderr ---\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Starts `--http` and resolves with its endpoint. */
  async url(): Promise<string> {
    return (await this.waitFor(/listening on (http:\/\/\S+\/mcp)/))[1]!;
  }

  /** SIGTERM, as a process manager stops it; resolves with the exit code. */
  async stop(): Promise<number> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Runs the server to exit with stdin closed at once. */
export async function runToExit(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = new ServerProcess(args, env);
  const timer = setTimeout(() => p.kill(), 30_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout, stderr: p.stderr };
}

export interface AuditLine {
  tool: string;
  outcome: string;
  session: string;
  durationMs: number;
  confirmMs?: number;
  error?: string;
  ids?: string[];
}

export function readAudit(path: string): AuditLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}

export async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function textOf(result: object): string {
  const content = ((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[];
  return content.map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join('');
}

export const accept: ElicitHandler = async () => ({ action: 'accept', content: { send: true } });
export const decline: ElicitHandler = async () => ({ action: 'decline' });
