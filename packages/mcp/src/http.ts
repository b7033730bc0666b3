import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { isLoopback, type HttpBind } from './args.js';
import type { ZohoMcp } from './server.js';

/** Why the HTTP endpoint may not start: a non-loopback bind without a token. */
export class HttpSetupError extends Error {
  override name = 'HttpSetupError';
}

export const MCP_PATH = '/mcp';
const MAX_BODY = 4 * 1024 * 1024;
const MAX_SESSIONS = 64;
const SESSION_IDLE_MS = 30 * 60_000;
export const MIN_TOKEN_LENGTH = 16;

export interface HttpOptions {
  bind: HttpBind;
  /** ZOHO_MCP_TOKEN: required on every request when set; required to be set for a non-loopback bind. */
  token?: string | undefined;
  /** Browser origins allowed besides loopback pages. */
  allowOrigins?: readonly string[];
  /** One line for stderr (never a secret). */
  log?: (line: string) => void;
  /** Sessions open at once (default 64); a new one then replaces the one idle the longest, if any is idle. */
  maxSessions?: number;
  /** How long a session without requests counts as abandoned (default 30 minutes). */
  sessionIdleMs?: number;
}

export interface McpHttpServer {
  url: string;
  sessions(): number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
  /** When its last request came or ended. */
  lastSeen: number;
  /** Its requests still open (a running call, an SSE stream): a busy session is never idle. */
  open: number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return { ok: false, status: 413, message: `request body larger than ${MAX_BODY} bytes` };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not JSON' };
  }
}

/** `Host: 127.0.0.1:8931` → `127.0.0.1`; `[::1]:8931` → `::1`. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m?.[1];
}

/**
 * The token rule, checked before anything starts: a non-loopback bind needs ZOHO_MCP_TOKEN, and a token
 * must be long enough to resist guessing. Returns the token (undefined: none required).
 */
export function checkHttpToken(bind: HttpBind, given: string | undefined): string | undefined {
  const token = given?.trim() || undefined;
  if (!bind.loopback && !token) {
    throw new HttpSetupError(
      `refusing to serve MCP on ${bind.host}:${bind.port} without ZOHO_MCP_TOKEN: a non-loopback address is reachable from other machines. Set ZOHO_MCP_TOKEN to a secret of at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`) that every request must then send, or bind to 127.0.0.1.`,
    );
  }
  if (token && token.length < MIN_TOKEN_LENGTH) throw new HttpSetupError(`ZOHO_MCP_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`).`);
  return token;
}

/**
 * Streamable HTTP at `http://HOST:PORT/mcp`, one SDK server per MCP session. Loopback by default; any other
 * bind refuses to start without a bearer token. Every request is checked before the SDK sees it: the bearer
 * token (401), and against DNS rebinding and cross-site pages the Host (on loopback binds) and the Origin (403).
 */
export async function serveHttp(mcp: ZohoMcp, options: HttpOptions): Promise<McpHttpServer> {
  const { bind } = options;
  const token = checkHttpToken(bind, options.token);
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  const allowOrigins = new Set(options.allowOrigins ?? []);
  const sessions = new Map<string, Session>();
  const maxSessions = options.maxSessions ?? MAX_SESSIONS;
  const idleMs = options.sessionIdleMs ?? SESSION_IDLE_MS;

  /** Marks the session seen for the life of this request. */
  function touch(session: Session, res: ServerResponse): void {
    session.open += 1;
    session.lastSeen = Date.now();
    res.once('close', () => {
      session.open -= 1;
      session.lastSeen = Date.now();
    });
  }

  /** Closes the session idle the longest, if one has been idle for `idleMs`: clients that vanish never say goodbye. */
  async function closeIdlest(): Promise<boolean> {
    const now = Date.now();
    let idlest: [string, Session] | undefined;
    for (const entry of sessions) {
      const s = entry[1];
      if (s.open > 0 || now - s.lastSeen < idleMs) continue;
      if (!idlest || s.lastSeen < idlest[1].lastSeen) idlest = entry;
    }
    if (!idlest) return false;
    const [id, session] = idlest;
    sessions.delete(id);
    await session.close().catch(() => undefined);
    options.log?.(`closed an MCP session idle for ${Math.round((now - session.lastSeen) / 1000)} s to make room for a new one`);
    return true;
  }

  function authorized(req: IncomingMessage): boolean {
    if (!expected) return true;
    const given = req.headers.authorization;
    return typeof given === 'string' && timingSafeEqual(digest(given.trim()), expected);
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser: non-browser clients send none
    if (allowOrigins.has(origin)) return true;
    try {
      return isLoopback(new URL(origin).hostname);
    } catch {
      return false;
    }
  }

  function hostAllowed(req: IncomingMessage): boolean {
    if (!bind.loopback) return true; // reachable by name or address; the token guards it
    const name = hostName(req.headers.host);
    return name !== undefined && isLoopback(name);
  }

  async function newSession(): Promise<StreamableHTTPServerTransport> {
    let id: string | undefined;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => {
        id = sessionId;
        sessions.set(sessionId, { transport, close: () => server.close(), lastSeen: Date.now(), open: 0 });
      },
    });
    const server = mcp.createServer(() => id ?? 'http');
    transport.onclose = () => {
      if (id) sessions.delete(id);
    };
    await server.connect(transport);
    return transport;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return answer(res, 404, `not found: the MCP endpoint is ${MCP_PATH}`);
    if (!hostAllowed(req)) return answer(res, 403, 'Forbidden: the Host header is not a loopback name (DNS rebinding protection)');
    if (!originAllowed(req)) return answer(res, 403, `Forbidden: origin ${String(req.headers.origin).slice(0, 100)} is not allowed (start the server with --allow-origin to allow it)`);
    if (!authorized(req)) return answer(res, 401, 'Unauthorized: send the server\'s ZOHO_MCP_TOKEN as "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer realm="zoho-agent-kit-mcp"' });

    const sessionHeader = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (req.method === 'POST') {
      const body = await readJson(req);
      if (!body.ok) return answer(res, body.status, body.message);
      if (sessionId) {
        const session = sessions.get(sessionId);
        if (!session) return answer(res, 404, 'Session not found: initialize again');
        touch(session, res);
        return session.transport.handleRequest(req, res, body.body);
      }
      if (!isInitializeRequest(body.body)) return answer(res, 400, 'Bad Request: no Mcp-Session-Id header, and the message is not an initialize request');
      if (sessions.size >= maxSessions && !(await closeIdlest())) return answer(res, 503, `too many open sessions (${maxSessions}), none idle for ${idleMs >= 60_000 ? `${Math.round(idleMs / 60_000)} min` : `${Math.round(idleMs / 1000)} s`}; close one (DELETE ${MCP_PATH}) and retry`);
      const transport = await newSession();
      return transport.handleRequest(req, res, body.body);
    }
    if (req.method === 'GET' || req.method === 'DELETE') {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      if (!session) return answer(res, sessionId ? 404 : 400, sessionId ? 'Session not found' : 'Bad Request: Mcp-Session-Id header required');
      touch(session, res);
      return session.transport.handleRequest(req, res);
    }
    return answer(res, 405, 'Method not allowed', { allow: 'GET, POST, DELETE' });
  }

  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log?.(`HTTP request failed: ${err instanceof Error ? err.message : String(err)}`);
      answer(res, 500, 'Internal server error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(bind.port, bind.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${MCP_PATH}`,
    sessions: () => sessions.size,
    close: async () => {
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
