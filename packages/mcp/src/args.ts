import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_FILES_DIR, findRole, roleNames, ZOHO_APPS, type Role, type ToolAccess, type ZohoApp } from '@zoho-agent-kit/core';

/** A mistake on the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const ACCESS: readonly ToolAccess[] = ['read', 'write', 'destructive'];

/** Who confirms writes when the MCP client cannot ask a person (no elicitation). */
export type WritesMode = 'elicit' | 'client';

export interface HttpBind {
  host: string;
  port: number;
  loopback: boolean;
}

export interface McpCliOptions {
  /** A role from core's ROLES, or undefined when `--apps` picked the tools. */
  role?: Role | undefined;
  /** `--apps`: the apps and the access levels granted on each. */
  apps?: { apps: ZohoApp[]; access: ToolAccess[] } | undefined;
  readOnly: boolean;
  writes: WritesMode;
  emulator: boolean;
  /** Undefined: stdio. */
  http?: HttpBind | undefined;
  /** Origins a browser-based client may call the HTTP endpoint from (besides loopback pages). */
  allowOrigins: string[];
  audit?: string | undefined;
  files: string;
  /** How often a long call reports that it is still running (ms); 0 turns the heartbeat off. */
  progressIntervalMs: number;
  /** How long a person has to answer a confirmation (ms). */
  confirmTimeoutMs: number;
  /** Print the minimal OAuth scopes of the tools that would be served (for `zoho-auth login --scopes`) and exit. */
  printScopes: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: zoho-agent-kit-mcp (--role NAME | --apps crm,books [--access read,write]) [options]

Every Zoho tool of Zoho Agent Kit as an MCP server, with the kit's roles, minimal scopes,
confirmations and audit. stdout carries the protocol; messages go to stderr.

Which tools:
  --role NAME          ${roleNames().join(', ')} (or ZOHO_MCP_ROLE); the tools the role may use
  --apps LIST          instead of a role: comma-separated apps (${ZOHO_APPS.join(', ')}) or "all"
  --access LIST        with --apps: read, write, destructive (default read)
  --read-only          list and run read tools only
  --writes MODE        elicit (default): writes are confirmed by a person through the client's
                       elicitation, and not listed for clients without it;
                       client: clients without elicitation get the write tools too and their
                       own per-call approval is trusted

Where the calls go:
  --emulator           the built-in Zoho emulator with the demo agency (no account needed)
                       otherwise ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN,
                       ZOHO_REGION (and the other ZOHO_* settings), checked at start
  --files DIR          the one folder tools may read and write files in (default ./${DEFAULT_FILES_DIR})

Transport:
  --http [HOST:]PORT   Streamable HTTP at http://HOST:PORT/mcp instead of stdio (HOST default
                       127.0.0.1); a non-loopback HOST needs ZOHO_MCP_TOKEN (a bearer token,
                       at least 16 characters), which every request must then carry
  --allow-origin URL   a browser origin allowed to call the HTTP endpoint (repeatable)

Other:
  --audit FILE         append one JSON line per tool call (or ZOHO_AUDIT_LOG)
  --print-scopes       print the minimal OAuth scopes of these tools and exit, for
                       zoho-auth login --scopes "$(zoho-agent-kit-mcp --role AV --print-scopes)"
  --progress-interval MS  progress notifications while a call runs (default 1000; 0 = off)
  --confirm-timeout S  seconds a person has to answer a confirmation (default 600)
  -h, --help           this help
  --version            the package version`;

const OPTIONS = {
  role: { type: 'string', short: 'r' },
  apps: { type: 'string' },
  access: { type: 'string' },
  'read-only': { type: 'boolean' },
  writes: { type: 'string' },
  emulator: { type: 'boolean' },
  http: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  audit: { type: 'string' },
  files: { type: 'string' },
  'progress-interval': { type: 'string' },
  'confirm-timeout': { type: 'string' },
  'print-scopes': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function list(value: string, flag: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag} needs a comma-separated list`);
  return [...new Set(items)];
}

/** `8080`, `0.0.0.0:8080`, `[::1]:8080`, `localhost:8080`. */
export function parseBind(text: string): HttpBind {
  const value = text.trim();
  let host = '127.0.0.1';
  let portText = value;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2]!;
  } else if (value.includes(':')) {
    const at = value.lastIndexOf(':');
    host = value.slice(0, at);
    portText = value.slice(at + 1);
    if (host.includes(':')) throw new UsageError(`--http: write an IPv6 address in brackets, e.g. [::1]:${portText}`);
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--http needs [HOST:]PORT with a port from 0 to 65535, e.g. 8931 or 127.0.0.1:8931; got "${text}"`);
  }
  if (!host) throw new UsageError(`--http: the host before ":" is empty; got "${text}"`);
  if (!isIP(host) && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) throw new UsageError(`--http: "${host}" is not a host name or IP address`);
  return { host, port: Number(portText), loopback: isLoopback(host) };
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return /^::ffff:127\./.test(h);
}

function positiveInt(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}; got "${value}"`);
  return Number(value);
}

/** Parses argv (without node and the script); throws UsageError naming the flag and what to change. */
export function parseMcpCli(argv: readonly string[], env: Record<string, string | undefined> = {}): McpCliOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS }));
  } catch (err) {
    const text = (err as Error).message.replace(/\. To specify .*$/s, '');
    if (/^Unknown option/i.test(text)) throw new UsageError(`${text.replace(/^Unknown option/, 'unknown option')}; valid options: ${Object.keys(OPTIONS).map((o) => `--${o}`).join(', ')}`);
    throw new UsageError(text.replace(/^Option/, 'option'));
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const help = values.help === true;
  const version = values.version === true;
  const str = (name: keyof typeof OPTIONS) => {
    const v = values[name] as string | undefined;
    if (typeof v === 'string' && !v.trim()) throw new UsageError(`--${name} needs a value`);
    return v;
  };

  let role: Role | undefined;
  let apps: McpCliOptions['apps'];
  const roleName = str('role') ?? (str('apps') ? undefined : env.ZOHO_MCP_ROLE?.trim() || undefined);
  if (str('role') && str('apps')) throw new UsageError('give either --role or --apps, not both');
  if (roleName) {
    role = findRole(roleName);
    if (!role) throw new UsageError(`unknown role "${roleName}"; valid roles: ${roleNames().join(', ')}`);
    if (str('access')) throw new UsageError('--access goes with --apps; a role sets its own access levels');
  } else if (str('apps')) {
    const wanted = list(str('apps')!, 'apps');
    const chosen = wanted.includes('all') ? [...ZOHO_APPS] : wanted;
    const unknown = chosen.filter((a) => !ZOHO_APPS.includes(a as ZohoApp));
    if (unknown.length) throw new UsageError(`--apps: unknown app "${unknown[0]}"; valid apps: ${ZOHO_APPS.join(', ')} (or all)`);
    const access = list(str('access') ?? 'read', 'access');
    const badAccess = access.filter((a) => !ACCESS.includes(a as ToolAccess));
    if (badAccess.length) throw new UsageError(`--access: unknown level "${badAccess[0]}"; valid levels: ${ACCESS.join(', ')}`);
    apps = { apps: chosen as ZohoApp[], access: access as ToolAccess[] };
  } else if (!help && !version) {
    throw new UsageError(`choose the tools: --role NAME (${roleNames().join(', ')}) or --apps crm,books [--access read,write]`);
  }

  const writes = (str('writes') ?? 'elicit').toLowerCase();
  if (writes !== 'elicit' && writes !== 'client') throw new UsageError(`--writes must be elicit or client; got "${writes}"`);

  const origins = ((values['allow-origin'] as string[] | undefined) ?? []).map((o) => {
    try {
      const u = new URL(o);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      return u.origin;
    } catch {
      throw new UsageError(`--allow-origin needs an origin such as https://app.example.com; got "${o}"`);
    }
  });
  const httpText = str('http');
  return {
    role,
    apps,
    readOnly: values['read-only'] === true,
    writes,
    emulator: values.emulator === true,
    http: httpText === undefined ? undefined : parseBind(httpText),
    allowOrigins: origins,
    audit: str('audit') ?? (env.ZOHO_AUDIT_LOG?.trim() || undefined),
    files: str('files') ?? DEFAULT_FILES_DIR,
    progressIntervalMs: positiveInt(str('progress-interval'), 'progress-interval', 1000, 0, 600_000),
    confirmTimeoutMs: positiveInt(str('confirm-timeout'), 'confirm-timeout', 600, 5, 86_400) * 1000,
    printScopes: values['print-scopes'] === true,
    help,
    version,
  };
}
