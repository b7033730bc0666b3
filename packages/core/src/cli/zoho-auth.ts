#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ZohoAuthError, ZohoConfigError } from '../errors.js';
import { ZohoOAuthClient, type TokenResponse } from '../oauth.js';
import { redactSecrets } from '../secrets.js';
import { parseRegion, REGIONS, regionForAccountsServer, type RegionCode } from '../regions.js';
import { FileTokenStore } from '../tokens/file-store.js';
import { tokenStoreKey } from '../tokens/manager.js';

export interface CliIO {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  clock: () => number;
}

const DEFAULT_PORT = 8976;
const DEFAULT_TIMEOUT_SEC = 300;

const USAGE = `zoho-auth — obtain, inspect and revoke the Zoho refresh token used by Zoho Agent Kit

Usage:
  zoho-auth login    [--scopes a,b] [--port N] [--region X] [--timeout SEC]
  zoho-auth exchange --code CODE [--scopes a,b] [--region X]
  zoho-auth status
  zoho-auth revoke   [--force]
  zoho-auth <command> --help

Commands:
  login     Opens a local callback server on 127.0.0.1:PORT (default ${DEFAULT_PORT}), prints the Zoho
            consent URL, and stores the refresh token it receives with the data center Zoho reports
            (accounts-server, location), so ZOHO_REGION is not needed afterwards. Register
            http://127.0.0.1:PORT/callback as a redirect URI of your client in the API console.
  exchange  Exchanges a Self Client grant code (API console > Self Client > Generate Code).
  status    Shows data center, client id, scopes and token age. Never prints a secret.
  revoke    Revokes the stored refresh token at Zoho and deletes the local record
            (--force: delete it even if Zoho cannot be reached).

Environment:
  ZOHO_CLIENT_ID       client id (starts with "1000."); required
  ZOHO_CLIENT_SECRET   client secret; required for login and exchange
  ZOHO_REGION          data center: ${Object.values(REGIONS).map((r) => r.code).join(', ')}; optional for login (Zoho
                       reports the user's), default us for exchange (the Self Client's data center)
  ZOHO_ACCOUNTS_URL    another accounts server (e.g. the Zoho emulator)
  ZOHO_SCOPES          default for --scopes (comma-separated)
  ZOHO_TOKEN_KEY       encryption key for the token file; required (openssl rand -hex 32)
  ZOHO_TOKEN_FILE      token file (default ~/.zoho-agent-kit/tokens.enc)
`;

const COMMANDS = {
  login: {
    scopes: { type: 'string' },
    port: { type: 'string' },
    region: { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  exchange: {
    code: { type: 'string' },
    scopes: { type: 'string' },
    region: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  status: { help: { type: 'boolean', short: 'h' } },
  revoke: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
} as const;
type Command = keyof typeof COMMANDS;

class UsageError extends Error {}

/** Runs `zoho-auth` with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[] = process.argv.slice(2), io: Partial<CliIO> = {}): Promise<number> {
  const ctx: CliIO = {
    env: io.env ?? process.env,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    clock: io.clock ?? Date.now,
  };
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    ctx.stdout.write(USAGE);
    return first === undefined ? 2 : 0;
  }
  if (!(first in COMMANDS)) {
    ctx.stderr.write(`zoho-auth: unknown command "${first}". Commands: ${Object.keys(COMMANDS).join(', ')}. See zoho-auth --help.\n`);
    return 2;
  }
  const command = first as Command;
  const secrets: (string | undefined)[] = [ctx.env.ZOHO_CLIENT_SECRET];
  try {
    let values: Record<string, unknown>;
    try {
      const options: ParseArgsConfig['options'] = COMMANDS[command];
      values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
    } catch (err) {
      throw new UsageError(`${(err as Error).message.split('\n')[0]}`);
    }
    if (values.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (typeof values.code === 'string') secrets.push(values.code);
    switch (command) {
      case 'login':
        return await login(ctx, values);
      case 'exchange':
        return await exchange(ctx, values);
      case 'status':
        return await status(ctx);
      case 'revoke':
        return await revoke(ctx, values.force === true, secrets);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.stderr.write(`zoho-auth ${command}: ${redactSecrets(message, secrets)}\n`);
    if (err instanceof UsageError) ctx.stderr.write(`See zoho-auth ${command} --help.\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

interface Settings {
  clientId: string;
  clientSecret: string;
  region: RegionCode;
  accountsUrl: string | undefined;
}

function settings(env: CliIO['env'], options: { needSecret: boolean; region?: string | undefined }): Settings {
  const clientId = env.ZOHO_CLIENT_ID?.trim();
  if (!clientId) throw new ZohoConfigError('ZOHO_CLIENT_ID', 'is not set; copy the Client ID of your client from the Zoho API console.');
  if (!clientId.startsWith('1000.')) throw new ZohoConfigError('ZOHO_CLIENT_ID', 'does not look like a Zoho client id (they start with "1000.").');
  const clientSecret = env.ZOHO_CLIENT_SECRET?.trim() ?? '';
  if (options.needSecret && !clientSecret) {
    throw new ZohoConfigError('ZOHO_CLIENT_SECRET', 'is not set; copy the Client Secret of your client from the Zoho API console.');
  }
  const regionText = options.region ?? env.ZOHO_REGION?.trim();
  const region = regionText ? parseRegion(regionText, options.region ? '--region' : 'ZOHO_REGION') : 'us';
  const accountsUrl = env.ZOHO_ACCOUNTS_URL?.trim() || undefined;
  return { clientId, clientSecret, region, accountsUrl };
}

function scopesFrom(flag: unknown, env: CliIO['env'], required: boolean): string[] {
  const text = typeof flag === 'string' ? flag : env.ZOHO_SCOPES;
  const scopes = (text ?? '').split(/[\s,]+/).filter(Boolean);
  if (required && scopes.length === 0) {
    throw new UsageError('no scopes: pass --scopes ZohoCRM.modules.ALL,ZohoBooks.invoices.READ,… (or set ZOHO_SCOPES) with the scopes your tools need.');
  }
  return scopes;
}

function oauthFor(s: Settings): ZohoOAuthClient {
  return new ZohoOAuthClient({ clientId: s.clientId, clientSecret: s.clientSecret, region: s.region, accountsUrl: s.accountsUrl });
}

async function login(ctx: CliIO, values: Record<string, unknown>): Promise<number> {
  const s = settings(ctx.env, { needSecret: true, region: values.region as string | undefined });
  const scopes = scopesFrom(values.scopes, ctx.env, true);
  const port = integer(values.port, '--port', DEFAULT_PORT, 0, 65535);
  const timeoutSec = integer(values.timeout, '--timeout', DEFAULT_TIMEOUT_SEC, 1, 24 * 3600);
  const store = FileTokenStore.fromEnv(ctx.env); // fail on a missing key before the user clicks anything
  await store.getCredentials(); // and on a key that cannot open an existing file
  const oauth = oauthFor(s);
  const state = randomBytes(16).toString('hex');

  let settle!: { resolve: (t: TokenResponse) => void; reject: (e: Error) => void };
  const done = new Promise<TokenResponse>((resolve, reject) => (settle = { resolve, reject }));
  let redirectUri = '';
  let busy = false;

  const server = createServer((req, res) => {
    void handleCallback(req, res);
  });
  async function handleCallback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') return page(res, 404, 'Not found.');
    const q = url.searchParams;
    if (q.get('state') !== state) {
      ctx.stderr.write('zoho-auth login: ignored a callback with a wrong state parameter (not the request this login started).\n');
      return page(res, 400, 'This callback does not belong to the running zoho-auth login (state mismatch).');
    }
    const error = q.get('error');
    if (error) {
      await page(res, 400, `Zoho did not grant access: ${error}.`);
      return settle.reject(new ZohoAuthError(error, `Zoho did not grant access (${error})${error === 'access_denied' ? ': consent was declined' : ''}.`));
    }
    const code = q.get('code');
    if (!code) return page(res, 400, 'The callback carries no code.');
    if (busy) return page(res, 409, 'Already exchanging a code.');
    busy = true;
    try {
      const tokens = await oauth.exchangeCode({ code, redirectUri, accountsServer: q.get('accounts-server') ?? undefined });
      await save(ctx, store, s, tokens, scopes, q.get('location') ?? undefined);
      await page(res, 200, 'Zoho Agent Kit is authorised. You can close this tab.');
      settle.resolve(tokens);
    } catch (err) {
      await page(res, 500, `Login failed: ${redactSecrets((err as Error).message, [code, s.clientSecret])}`);
      settle.reject(err as Error);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new UsageError(`port ${port} on 127.0.0.1 is in use; pass --port N and register http://127.0.0.1:N/callback for your client.`)
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timer = setTimeout(
    () => settle.reject(new ZohoAuthError('timeout', `no answer from Zoho within ${timeoutSec} s; run zoho-auth login again and open the URL promptly.`)),
    timeoutSec * 1000,
  );
  ctx.stdout.write(
    `Redirect URI (register it for client ${s.clientId} in the API console): ${redirectUri}\n` +
      `Open this URL in a browser and grant access:\n\n${oauth.authorizationUrl({ scopes, redirectUri, state })}\n\n` +
      `Waiting up to ${timeoutSec} s for Zoho to redirect back…\n`,
  );
  try {
    await done;
    return 0;
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function exchange(ctx: CliIO, values: Record<string, unknown>): Promise<number> {
  if (typeof values.code !== 'string' || !values.code.trim()) {
    throw new UsageError('--code is required: generate a grant code in the API console (Self Client > Generate Code).');
  }
  const s = settings(ctx.env, { needSecret: true, region: values.region as string | undefined });
  const scopes = scopesFrom(values.scopes, ctx.env, false);
  const store = FileTokenStore.fromEnv(ctx.env);
  await store.getCredentials();
  const tokens = await oauthFor(s).exchangeCode({ code: values.code.trim() });
  await save(ctx, store, s, tokens, scopes);
  return 0;
}

async function save(ctx: CliIO, store: FileTokenStore, s: Settings, tokens: TokenResponse, requested: string[], location?: string): Promise<void> {
  if (!tokens.refreshToken) {
    throw new ZohoAuthError(
      'no_refresh_token',
      'Zoho issued no refresh token (access_type=offline with prompt=consent is needed, and self-client codes must be fresh); run the command again.',
    );
  }
  const accountsServer = tokens.accountsServer;
  // The accounts server Zoho redirected to names the data center; `location` does when that server is not
  // one of Zoho's own (a proxy, the emulator); the configured region is the last resort.
  const region = (accountsServer && regionForAccountsServer(accountsServer)) || regionOfLocation(location) || s.region;
  const scopes = tokens.scopes ?? requested;
  const now = ctx.clock();
  await store.setCredentials({ clientId: s.clientId, refreshToken: tokens.refreshToken, region, scopes, createdAt: now, accountsServer });
  // The first access token comes free with the exchange; cache it so the first call needs no refresh.
  await store.set(tokenStoreKey(s.clientId, tokens.refreshToken), {
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt,
    obtainedAt: now,
    apiDomain: tokens.apiDomain,
    scopes: tokens.scopes,
  });
  ctx.stdout.write(
    `Logged in: data center ${region} (${REGIONS[region].name}), accounts server ${hostOf(accountsServer)}.\n` +
      `Scopes: ${scopes.join(', ') || '(not reported)'}\n` +
      `Refresh token stored encrypted in ${store.path}.\n`,
  );
}

async function status(ctx: CliIO): Promise<number> {
  const store = FileTokenStore.fromEnv(ctx.env);
  const record = await store.getCredentials();
  if (ctx.env.ZOHO_REFRESH_TOKEN?.trim()) ctx.stdout.write('Note: ZOHO_REFRESH_TOKEN is set in the environment as well.\n');
  if (!record) {
    ctx.stdout.write(`Not logged in: no refresh token in ${store.path}. Run zoho-auth login.\n`);
    return 1;
  }
  const now = ctx.clock();
  const cached = await store.get(tokenStoreKey(record.clientId, record.refreshToken));
  const access =
    cached && cached.expiresAt > now ? `cached, expires in ${duration(cached.expiresAt - now)}` : 'none cached (the next call refreshes)';
  const region = REGIONS[record.region];
  ctx.stdout.write(
    [
      `Token file:      ${store.path}`,
      `Data center:     ${record.region} (${region?.name ?? 'unknown'})`,
      `Accounts server: ${hostOf(record.accountsServer ?? region?.hosts.accounts)}`,
      `Client ID:       ${record.clientId}`,
      `Scopes:          ${record.scopes.join(', ') || '(not reported)'}`,
      `Refresh token:   obtained ${new Date(record.createdAt).toISOString()} (${duration(now - record.createdAt)} ago)`,
      `Access token:    ${access}`,
    ].join('\n') + '\n',
  );
  return 0;
}

async function revoke(ctx: CliIO, force: boolean, secrets: (string | undefined)[]): Promise<number> {
  const store = FileTokenStore.fromEnv(ctx.env);
  const record = await store.getCredentials();
  if (!record) {
    ctx.stdout.write(`Nothing to revoke: no refresh token in ${store.path}.\n`);
    return 1;
  }
  secrets.push(record.refreshToken);
  const s = settings({ ...ctx.env, ZOHO_CLIENT_ID: record.clientId }, { needSecret: false, region: record.region });
  const oauth = oauthFor(s);
  try {
    await oauth.revoke(record.refreshToken, { accountsServer: record.accountsServer });
  } catch (err) {
    const alreadyGone = err instanceof ZohoAuthError && err.code === 'invalid_token';
    if (!alreadyGone && !force) throw err;
    ctx.stderr.write(`zoho-auth revoke: ${redactSecrets((err as Error).message, secrets)} Deleting the local record anyway.\n`);
  }
  await store.clear();
  ctx.stdout.write(`Revoked the refresh token for client ${record.clientId} and deleted it from ${store.path}.\n`);
  return 0;
}

/** Answers the browser; resolves once the page is flushed, so closing the server cannot cut it off. */
function page(res: ServerResponse, statusCode: number, text: string): Promise<void> {
  const html = `<!doctype html><meta charset="utf-8"><title>zoho-auth</title><p>${escapeHtml(text)}</p>`;
  res.writeHead(statusCode, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
  return new Promise((resolve) => res.end(html, () => resolve()));
}

function regionOfLocation(location: string | undefined): RegionCode | undefined {
  if (!location) return undefined;
  try {
    return parseRegion(location, 'location');
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function integer(value: unknown, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${String(value)}".`);
  return n;
}

function hostOf(url: string | undefined): string {
  if (!url) return '(default)';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

function invokedDirectly(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`zoho-auth: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
