import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseJson } from '../json.js';
import type { ZohoApp, ZohoHost } from '../regions.js';
import { scopesSatisfy } from '../scopes.js';
import { redactText } from '../tools/redact.js';
import { EmulatorAccounts } from './accounts.js';
import { EmulatorCounters } from './counters.js';
import { EmulatorFaults } from './faults.js';
import { compilePattern, comparePatterns, matchPattern, type CompiledPattern } from './router.js';
import type {
  EmulatorApp,
  EmulatorAppInfo,
  EmulatorCredentials,
  EmulatorOptions,
  EmulatorRateLimit,
  EmulatorRequest,
  EmulatorResponse,
  EmulatorRoute,
  FaultRule,
} from './types.js';

/** Where each host kind lives on the emulator's one origin when no registered app says otherwise. */
const DEFAULT_BASE_PATHS: Record<ZohoHost, string> = {
  accounts: '',
  crm: '',
  books: '',
  workdrive: '',
  projects: '/_projects',
  cliq: '/_cliq',
  calendar: '/_calendar',
  mail: '/_mail',
  workdriveDownload: '/_workdrive-download',
  workdriveUpload: '/_workdrive-upload',
};

interface MountedRoute {
  app: EmulatorApp<unknown>;
  route: EmulatorRoute<unknown>;
  compiled: CompiledPattern;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`: the accounts server and the `api_domain` of every token it issues. */
  url: string;
  port: number;
  /** Origins (with base paths) to use instead of Zoho's hosts, per host kind. */
  baseUrls: Record<ZohoHost, string>;
  credentials: EmulatorCredentials;
  accounts: EmulatorAccounts;
  faults: EmulatorFaults;
  counters: EmulatorCounters;
  /** The live state of a registered app (its records), for tests that look behind the API. */
  state<S = unknown>(app: ZohoApp): S;
  /** Replaces an app's state (or every app's) with a fresh (seeded or empty) one; nothing else changes. */
  resetState(app?: ZohoApp): void;
  /**
   * Back to how the emulator started, without a restart: every app's seed restored, the fault rules of
   * `options.faults` only (rules added since are dropped), counters and rate-limit windows cleared, the
   * refresh throttle forgotten. Clients, refresh and access tokens stay valid, so open connections go on.
   * Also `POST /_emulator/reset`.
   */
  reset(): void;
  /** What `GET /` answers: apps, base URLs, demo client id, ids a client needs, curl examples. */
  index(): EmulatorIndex;
  now(): number;
  close(): Promise<void>;
}

/** `npm run emulator`'s port: not zoho-auth login's callback port (8976), so both run side by side. */
export const DEFAULT_EMULATOR_PORT = 8970;

/** The emulator's own endpoints, under a prefix no Zoho API uses. */
export const EMULATOR_ENDPOINTS = {
  /** Mints a Self Client grant code: `scope` (comma-separated, required), `client_id`, `expires_in` (seconds, 60–600). */
  selfClientCode: '/_emulator/self-client/code',
  /** `emulator.reset()` over HTTP. */
  reset: '/_emulator/reset',
} as const;

export interface EmulatorIndexApp extends EmulatorAppInfo {
  app: ZohoApp;
  base_url: string;
  scopes: string[];
  /** A curl line that calls the app with `$ZOHO_ACCESS_TOKEN`. */
  curl?: string;
}

export interface EmulatorIndex {
  name: string;
  url: string;
  accounts: { url: string; token_endpoint: string; authorize_endpoint: string };
  demo_client_id: string;
  apps: EmulatorIndexApp[];
  endpoints: { self_client_code: string; reset: string };
  curl: {
    /** Gets an access token from the demo refresh token (`$ZOHO_CLIENT_SECRET`, `$ZOHO_REFRESH_TOKEN`). */
    token: string;
    /** Mints a self-client grant code for `zoho-auth exchange --code …`. */
    self_client_code: string;
  };
  note: string;
}

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  /** Seconds until a slot frees, or 0 when the request may pass (and is then counted). */
  take(key: string, limit: EmulatorRateLimit, now: number): number {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - limit.windowMs);
    if (list.length >= limit.limit) {
      this.hits.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + limit.windowMs - now) / 1000));
    }
    list.push(now);
    this.hits.set(key, list);
    return 0;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const JSON_LOOKING = /^[\s\uFEFF]*[{[]/;

/** The charset of a Content-Type, as TextDecoder knows it (default UTF-8). */
function decodeText(raw: Buffer, contentType: string): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(raw);
  } catch {
    return new TextDecoder('utf-8').decode(raw);
  }
}

/**
 * The body as Zoho reads it: JSON whenever it looks like JSON, whatever the Content-Type says (none,
 * `text/plain`, `application/json;charset=UTF-8`, even a form type: Zoho's own SDKs send such bodies);
 * url-encoded and multipart forms as objects of their fields; anything else stays raw bytes. JSON integers
 * beyond 2^53 arrive exact, as strings (Zoho's servers read them as longs). A JSON Content-Type with a body
 * that does not parse is `Symbol.for('invalid-json')`.
 */
export async function parseBody(raw: Buffer, contentType: string): Promise<Pick<EmulatorRequest, 'body' | 'files'>> {
  const files: EmulatorRequest['files'] = {};
  if (raw.length === 0) return { body: undefined, files };
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const form = await new Request('http://emulator/', { method: 'POST', body: raw, headers: { 'content-type': contentType } }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else files[name] = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
    }
    return { body: fields, files };
  }
  const declaredJson = type === 'application/json' || type === 'text/json' || type.endsWith('+json');
  const sniffed = type === '' || type === 'text/plain' || type === 'application/x-www-form-urlencoded';
  if (!declaredJson && !sniffed) return { body: raw, files };
  const text = decodeText(raw, contentType);
  if (declaredJson || JSON_LOOKING.test(text)) {
    try {
      return { body: parseJson(text.replace(/^\uFEFF/, '')), files };
    } catch {
      if (type !== 'application/x-www-form-urlencoded') return { body: Symbol.for('invalid-json'), files };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { body: Object.fromEntries(new URLSearchParams(text)), files };
  return { body: raw, files };
}

function send(res: ServerResponse, answer: EmulatorResponse, cutAfter?: number): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.stream) {
    res.writeHead(answer.status, headers);
    const done = cutAfter === undefined ? pipeline(answer.stream, res) : sendCut(res, answer.stream, cutAfter);
    done.catch(() => {
      answer.stream?.destroy();
      res.destroy();
    });
    return;
  }
  let payload: string | Buffer | undefined;
  if (answer.raw !== undefined) payload = answer.raw;
  else if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) payload = JSON.stringify(answer.body);
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json;charset=UTF-8';
  }
  headers['content-length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  if (cutAfter === undefined) res.end(payload);
  else {
    const bytes = Buffer.from(payload ?? '');
    sendCut(res, [bytes], cutAfter).catch(() => res.destroy());
  }
}

/** Writes the first `limit` bytes of a body, then cuts the connection (a `reset` fault with `afterBytes`). */
async function sendCut(res: ServerResponse, body: Readable | Iterable<Buffer>, limit: number): Promise<void> {
  let sent = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const part = chunk.subarray(0, Math.max(0, limit - sent));
    if (part.length > 0) {
      sent += part.length;
      await new Promise<void>((resolve) => res.write(part, () => resolve()));
    }
    if (sent >= limit) break;
  }
  if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
  res.socket?.destroy();
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return { id: id ?? '', secret: rest.join(':') };
}

const DEFAULT_EXAMPLE_NOTE =
  'Demo credentials: ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN are printed by `npm run emulator` (emulator.credentials in code); export ZOHO_ACCESS_TOKEN from the token answer.';

/**
 * Starts the Zoho emulator: one loopback HTTP server with the accounts server and every registered
 * app's routes, enforcing tokens, scopes and rate limits, injecting faults on demand.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? Date.now;
  const apps = (options.apps ?? []) as EmulatorApp<unknown>[];
  const seed = options.seed ?? true;
  const limitsOff = options.limits === false;
  const states = new Map<ZohoApp, unknown>();
  const freshState = (app: EmulatorApp<unknown>) =>
    app.createState({ seed: seed !== false, now: clock(), ...(typeof seed === 'number' ? { randomSeed: seed } : {}) });
  for (const app of apps) states.set(app.app, freshState(app));

  const faults = new EmulatorFaults();
  const initialFaults = options.faults ?? [];
  for (const rule of initialFaults) faults.add(rule);
  const counters = new EmulatorCounters();
  let windows = new SlidingWindow();
  let origin = '';
  const accountsOptions = limitsOff ? { ...options.accounts, refreshLimit: false as const } : (options.accounts ?? {});
  const accounts = new EmulatorAccounts(
    clock,
    accountsOptions,
    () => origin,
    () => [...new Set(apps.flatMap((a) => a.scopes))],
  );

  const routes = mountRoutes(apps);
  const byShape = new Map<string, MountedRoute[]>();
  for (const r of routes) byShape.set(r.compiled.shape, [...(byShape.get(r.compiled.shape) ?? []), r]);

  /** The route for a request: the most specific pattern matching the path, then the method. */
  function resolve(method: string, path: string): { mounted: MountedRoute; params: Record<string, string> } | { allowed: string[]; app: EmulatorApp<unknown> } | undefined {
    for (const candidate of routes) {
      const params = matchPattern(candidate.compiled, path);
      if (!params) continue;
      const siblings = byShape.get(candidate.compiled.shape)!;
      const exact = siblings.find((r) => r.route.method === method);
      if (exact) return { mounted: exact, params: matchPattern(exact.compiled, path)! };
      return { allowed: siblings.map((r) => r.route.method), app: candidate.app };
    }
    return undefined;
  }

  function limitFor(app: EmulatorApp<unknown>): EmulatorRateLimit | undefined {
    if (options.limits === false) return undefined;
    const override = options.limits?.[app.app];
    if (override === false) return undefined;
    return override ?? app.rateLimit;
  }

  /** The app whose territory a path is in, for its own 404 envelope. */
  function appForPath(path: string): EmulatorApp<unknown> | undefined {
    const first = path.split('/').filter(Boolean)[0];
    return apps.find((a) => (a.basePath ? path.startsWith(a.basePath + '/') : a.routes.some((r) => r.path.split('/').filter(Boolean)[0] === first)));
  }

  async function requestParams(url: URL, req: IncomingMessage, raw: Buffer): Promise<URLSearchParams> {
    const params = new URLSearchParams(url.search);
    const { body } = await parseBody(raw, req.headers['content-type'] ?? '');
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
    }
    return params;
  }

  async function handleAccounts(method: string, url: URL, req: IncomingMessage, raw: Buffer): Promise<EmulatorResponse | undefined> {
    const path = url.pathname;
    const known = ['/oauth/v2/auth', '/oauth/v2/token', '/oauth/v2/token/revoke', '/oauth/v2/revoke/token'];
    if (!known.includes(path)) return undefined;
    const fault = faults.take('accounts', method, path, path);
    let answer: EmulatorResponse;
    if (fault && (await applyTransportFault(fault, req)) === 'reset') return { status: -1 };
    const params = await requestParams(url, req, raw);
    if (fault && fault.kind !== 'slow') {
      answer = fault.kind === 'status' ? { status: fault.status ?? 500, body: { error: 'server_error' } } : accounts.throttleAnswer();
    } else if (path === '/oauth/v2/auth' && method === 'GET') answer = accounts.authorize(params);
    else if (path === '/oauth/v2/token' && method === 'POST') answer = accounts.token(params, basicAuth(req.headers.authorization), false);
    else if (method === 'POST') answer = accounts.revoke(params.get('token'));
    else answer = { status: 405, body: { error: 'method_not_allowed' } };
    counters.record('accounts', method, path, path, answer.status);
    return answer;
  }

  /** `GET /` and the `/_emulator/…` endpoints: never Zoho paths, never faulted, never rate-limited. */
  async function handleEmulator(method: string, url: URL, req: IncomingMessage, raw: Buffer): Promise<EmulatorResponse | undefined> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/') {
      if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET' }, body: { error: 'method_not_allowed', message: 'GET / answers the index' } };
      return { status: 200, raw: `${JSON.stringify(index(), null, 2)}\n`, headers: { 'content-type': 'application/json;charset=UTF-8' } };
    }
    if (!path.startsWith('/_emulator')) return undefined;
    if (path === EMULATOR_ENDPOINTS.reset && method === 'POST') {
      reset();
      return { status: 200, body: { status: 'success', message: 'every app is back to its seed; tokens stay valid', apps: apps.map((a) => a.app) } };
    }
    if (path === EMULATOR_ENDPOINTS.selfClientCode && method === 'POST') return selfClientCode(await requestParams(url, req, raw));
    const known = Object.values(EMULATOR_ENDPOINTS);
    if (known.includes(path as (typeof known)[number])) return { status: 405, headers: { allow: 'POST' }, body: { error: 'method_not_allowed', message: `use POST ${path}` } };
    return { status: 404, body: { error: 'not_found', message: `the emulator's own endpoints are ${known.map((p) => `POST ${p}`).join(', ')}; GET / lists everything` } };
  }

  function selfClientCode(params: URLSearchParams): EmulatorResponse {
    const scopes = (params.get('scope') ?? params.get('scopes') ?? '').split(/[\s,]+/).filter(Boolean);
    if (scopes.length === 0) return { status: 400, body: { error: 'invalid_scope', message: 'scope is required: a comma-separated list such as ZohoCRM.modules.ALL,ZohoBooks.invoices.READ' } };
    const bad = scopes.find((sc) => !/^[A-Za-z][A-Za-z0-9]*\.[A-Za-z0-9_.]+$/.test(sc) || sc.length > 100);
    if (bad) return { status: 400, body: { error: 'invalid_scope', message: `"${bad.slice(0, 100)}" is not a Zoho scope (Service.scope[.operation], e.g. ZohoCRM.modules.READ)` } };
    const ttlText = params.get('expires_in');
    const ttlSec = ttlText === null || ttlText === '' ? 120 : Number(ttlText);
    if (!Number.isInteger(ttlSec) || ttlSec < 60 || ttlSec > 600) return { status: 400, body: { error: 'invalid_expires_in', message: 'expires_in is whole seconds from 60 to 600 (the API console offers 3 to 10 minutes)' } };
    const clientId = params.get('client_id') ?? accounts.credentials().clientId;
    let code: string;
    try {
      code = accounts.selfClientCode(scopes, { clientId, ttlSec });
    } catch {
      return { status: 400, body: { error: 'invalid_client', message: `unknown client_id; the emulator's demo client is ${accounts.credentials().clientId}` } };
    }
    return { status: 200, body: { code, client_id: clientId, scope: scopes.join(','), expires_in: ttlSec, next: `zoho-auth exchange --code ${code}` } };
  }

  async function applyTransportFault(fault: FaultRule, req: IncomingMessage): Promise<'reset' | undefined> {
    if (fault.kind === 'reset' && fault.afterBytes !== undefined) return undefined; // cut later, mid-answer
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return 'reset';
    }
    if (fault.kind === 'slow') await sleep(fault.delayMs ?? 1000);
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    const found = resolve(method, url.pathname);
    // A streaming route reads its own body (of any size); everything else gets it read and parsed.
    const streaming = !!found && 'mounted' in found && found.mounted.route.stream === true;
    const raw = streaming ? Buffer.alloc(0) : await readBody(req);
    if (options.log) process.stderr.write(`[emulator] ${redactText(`${method} ${url.pathname}${url.search}`)}\n`);

    const accountsAnswer = await handleAccounts(method, url, req, raw);
    if (accountsAnswer) {
      if (accountsAnswer.status >= 0) send(res, accountsAnswer);
      return;
    }
    const own = await handleEmulator(method, url, req, raw);
    if (own) {
      send(res, own);
      return;
    }

    if (!found || !('mounted' in found)) {
      const app = found?.app ?? appForPath(url.pathname);
      const answer = !app
        ? { status: 404, body: { code: 'INVALID_URL_PATTERN', message: 'Please check if the URL trying to access is a correct one', status: 'error' } }
        : found
          ? (app.errors.methodNotAllowed?.(method, url.pathname, found.allowed) ?? app.errors.notFound(method, url.pathname))
          : app.errors.notFound(method, url.pathname);
      counters.record(app?.app ?? 'accounts', method, found ? '(method not allowed)' : '(unmatched)', url.pathname, answer.status);
      send(res, answer);
      return;
    }

    const { mounted, params } = found;
    const { app, route } = mounted;
    const appPath = url.pathname.slice(app.basePath.length) || '/';
    let cutAfter: number | undefined;
    const answer = await (async (): Promise<EmulatorResponse | 'reset'> => {
      const fault = faults.take(app.app, method, appPath, route.path);
      // `afterHandling`: the request is carried out (a write lands) and only then does the answer fail.
      if (fault?.afterHandling && (fault.kind === 'status' || fault.kind === 'reset')) {
        const handled = await handleNormally();
        if (fault.kind === 'reset') {
          req.socket.destroy();
          return 'reset';
        }
        return handled === 'reset' ? handled : app.errors.serverError(fault.status ?? 500, appPath);
      }
      if (fault?.kind === 'reset' && fault.afterBytes !== undefined) cutAfter = fault.afterBytes;
      const delayAfter = streaming && fault?.kind === 'slow';
      if (fault && !delayAfter && (await applyTransportFault(fault, req)) === 'reset') return 'reset';
      if (fault?.kind === 'status') return app.errors.serverError(fault.status ?? 500, appPath);
      if (fault?.kind === 'throttle') return withRetryAfter(app.errors.throttled(fault.retryAfterSec ?? 1), fault.retryAfterSec ?? 1);
      if (fault?.kind === 'invalid-token') return app.errors.invalidToken('invalid');
      // A slow fault on a streaming route delays the answer after the handler has read the body.
      return handleNormally(delayAfter ? (fault.delayMs ?? 1000) : undefined);
    })();
    async function handleNormally(delayAfterMs?: number): Promise<EmulatorResponse | 'reset'> {

      let token: EmulatorRequest['token'];
      if (route.auth !== false) {
        const verdict = accounts.verify(req.headers.authorization);
        if (!verdict.ok) return app.errors.invalidToken(verdict.reason);
        token = verdict.token;
      }
      const { body, files } = await parseBody(raw, req.headers['content-type'] ?? '');
      const request: EmulatorRequest<unknown> = {
        method,
        path: appPath,
        params,
        query: url.searchParams,
        headers: req.headers,
        body,
        files,
        rawBody: raw,
        ...(streaming ? { stream: req } : {}),
        token,
        state: states.get(app.app),
        now: clock(),
        origin,
        quotas: !limitsOff,
      };
      if (token) {
        const required = typeof route.scopes === 'function' ? route.scopes(request) : (route.scopes ?? []);
        if (!scopesSatisfy(token.scopes, required)) return app.errors.scopeMismatch(required);
        const limit = route.limited === false ? undefined : limitFor(app);
        if (limit) {
          const wait = windows.take(`${app.app}:${app.rateLimitKey?.(request) ?? token.grantId}`, limit, clock());
          if (wait > 0) return withRetryAfter(app.errors.throttled(wait), wait);
        }
      }
      try {
        const handled = await route.handle(request);
        if (delayAfterMs) await sleep(delayAfterMs);
        return handled;
      } catch (err) {
        process.stderr.write(`[emulator] ${method} ${url.pathname} handler failed: ${(err as Error).stack}\n`);
        return app.errors.serverError(500, appPath);
      }
    }
    if (answer === 'reset') {
      counters.record(app.app, method, route.path, appPath, 0);
      return;
    }
    counters.record(app.app, method, route.path, appPath, answer.status);
    send(res, answer, cutAfter);
  }

  function disposeState(app: EmulatorApp<unknown>): void {
    if (!app.disposeState || !states.has(app.app)) return;
    try {
      app.disposeState(states.get(app.app));
    } catch (err) {
      process.stderr.write(`[emulator] ${app.app} state cleanup failed: ${(err as Error).message}\n`);
    }
  }

  function resetState(only?: ZohoApp): void {
    for (const app of apps) {
      if (only && app.app !== only) continue;
      disposeState(app);
      states.set(app.app, freshState(app));
    }
  }

  function reset(): void {
    resetState();
    faults.clear();
    for (const rule of initialFaults) faults.add(rule);
    counters.reset();
    windows = new SlidingWindow();
    accounts.resetCounters();
    accounts.resetThrottles();
  }

  function index(): EmulatorIndex {
    const clientId = accounts.credentials().clientId;
    const token = `${origin}/oauth/v2/token`;
    return {
      name: 'Zoho emulator (Zoho Agent Kit)',
      url: origin,
      accounts: { url: origin, token_endpoint: token, authorize_endpoint: `${origin}/oauth/v2/auth` },
      demo_client_id: clientId,
      apps: apps.map((app) => {
        const info = describeApp(app, states.get(app.app));
        const base = baseUrls[app.app];
        const entry: EmulatorIndexApp = { app: app.app, base_url: base, scopes: app.scopes, ...info };
        if (info.example) entry.curl = `curl -s '${base}${info.example}' -H "Authorization: Zoho-oauthtoken $ZOHO_ACCESS_TOKEN"`;
        return entry;
      }),
      endpoints: { self_client_code: `POST ${origin}${EMULATOR_ENDPOINTS.selfClientCode}`, reset: `POST ${origin}${EMULATOR_ENDPOINTS.reset}` },
      curl: {
        token: `curl -s -X POST '${token}' -d grant_type=refresh_token -d client_id=${clientId} -d "client_secret=$ZOHO_CLIENT_SECRET" -d "refresh_token=$ZOHO_REFRESH_TOKEN"`,
        self_client_code: `curl -s -X POST '${origin}${EMULATOR_ENDPOINTS.selfClientCode}' -d scope=${[...new Set(apps.flatMap((a) => a.scopes))].join(',') || 'ZohoCRM.modules.ALL'}`,
      },
      note: DEFAULT_EXAMPLE_NOTE,
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`[emulator] internal failure: ${(err as Error).stack}\n`);
      if (!res.headersSent) send(res, { status: 500, body: { code: 'INTERNAL_ERROR', message: 'emulator failure' } });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  const baseUrls = Object.fromEntries(
    (Object.keys(DEFAULT_BASE_PATHS) as ZohoHost[]).map((host) => {
      const app = apps.find((a) => a.app === host);
      return [host, origin + (app ? app.basePath : DEFAULT_BASE_PATHS[host])];
    }),
  ) as Record<ZohoHost, string>;

  return {
    url: origin,
    port,
    baseUrls,
    credentials: accounts.credentials(),
    accounts,
    faults,
    counters,
    state: <S>(app: ZohoApp) => {
      if (!states.has(app)) throw new Error(`the emulator has no app "${app}"; registered: ${apps.map((a) => a.app).join(', ') || 'none'}`);
      return states.get(app) as S;
    },
    resetState,
    reset,
    index,
    now: clock,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          for (const app of apps) disposeState(app);
          resolve();
        });
      }),
  };
}

/** Every app's routes, compiled and in the order they are tried; two routes that would clash are an error. */
function mountRoutes(apps: EmulatorApp<unknown>[]): MountedRoute[] {
  const mounted = apps.flatMap((app) =>
    app.routes.map((route) => ({ app, route, compiled: compilePattern(app.basePath + route.path, route.params) })),
  );
  const seen = new Map<string, MountedRoute>();
  for (const r of mounted) {
    const key = `${r.route.method} ${r.compiled.shape}`;
    const other = seen.get(key);
    if (other) {
      throw new Error(
        `emulator routes clash: ${other.app.app} ${other.route.method} ${other.compiled.pattern} and ${r.app.app} ${r.route.method} ${r.compiled.pattern} match the same paths; merge them or constrain a parameter (route.params)`,
      );
    }
    seen.set(key, r);
  }
  // Stable: routes of equal rank keep their table order.
  return mounted.sort((a, b) => comparePatterns(a.compiled, b.compiled));
}

/** An app's ids and first request; without a `describe` hook, its first GET route without parameters. */
function describeApp(app: EmulatorApp<unknown>, state: unknown): EmulatorAppInfo {
  const info = app.describe?.(state) ?? {};
  if (info.example) return info;
  const plain = app.routes.find((r) => r.method === 'GET' && !r.path.includes(':'));
  return plain ? { ...info, example: plain.path } : info;
}

function withRetryAfter(answer: EmulatorResponse, seconds: number): EmulatorResponse {
  const headers = { ...answer.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after')) headers['Retry-After'] = String(seconds);
  return { ...answer, headers };
}
