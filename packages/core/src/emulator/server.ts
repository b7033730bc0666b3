import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ZohoApp, ZohoHost } from '../regions.js';
import { scopesSatisfy } from '../scopes.js';
import { redactText } from '../tools/redact.js';
import { EmulatorAccounts } from './accounts.js';
import { EmulatorCounters } from './counters.js';
import { EmulatorFaults } from './faults.js';
import { compilePattern, matchPattern, type CompiledPattern } from './router.js';
import type {
  EmulatorApp,
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
  /** Replaces an app's state with a fresh (seeded or empty) one. */
  resetState(app?: ZohoApp): void;
  now(): number;
  close(): Promise<void>;
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

async function parseBody(raw: Buffer, contentType: string): Promise<Pick<EmulatorRequest, 'body' | 'files'>> {
  const files: EmulatorRequest['files'] = {};
  if (raw.length === 0) return { body: undefined, files };
  const type = contentType.toLowerCase();
  if (type.includes('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')), files };
    } catch {
      return { body: Symbol.for('invalid-json'), files };
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files };
  }
  if (type.includes('multipart/form-data')) {
    const form = await new Request('http://emulator/', { method: 'POST', body: raw, headers: { 'content-type': contentType } }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else files[name] = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
    }
    return { body: fields, files };
  }
  return { body: raw, files };
}

function send(res: ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | Buffer | undefined;
  if (answer.raw !== undefined) payload = answer.raw;
  else if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) payload = JSON.stringify(answer.body);
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json;charset=UTF-8';
  }
  headers['content-length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return { id: id ?? '', secret: rest.join(':') };
}

/**
 * Starts the Zoho emulator: one loopback HTTP server with the accounts server and every registered
 * app's routes, enforcing tokens, scopes and rate limits, injecting faults on demand.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? Date.now;
  const apps = (options.apps ?? []) as EmulatorApp<unknown>[];
  const seed = options.seed ?? true;
  const states = new Map<ZohoApp, unknown>();
  const freshState = (app: EmulatorApp<unknown>) => app.createState({ seed, now: clock() });
  for (const app of apps) states.set(app.app, freshState(app));

  const faults = new EmulatorFaults();
  for (const rule of options.faults ?? []) faults.add(rule);
  const counters = new EmulatorCounters();
  const windows = new SlidingWindow();
  let origin = '';
  const accounts = new EmulatorAccounts(
    clock,
    options.accounts ?? {},
    () => origin,
    () => [...new Set(apps.flatMap((a) => a.scopes))],
  );

  const routes: MountedRoute[] = apps
    .flatMap((app) => app.routes.map((route) => ({ app, route, compiled: compilePattern(app.basePath + route.path) })))
    // Literal segments first, so `/crm/v8/Leads/search` wins over `/crm/v8/:module/:id`.
    .sort((a, b) => b.compiled.literalCount - a.compiled.literalCount);

  function limitFor(app: EmulatorApp<unknown>): EmulatorRateLimit | undefined {
    const override = options.limits?.[app.app];
    if (override === false) return undefined;
    return override ?? app.rateLimit;
  }

  /** The app whose territory a path is in, for its own 404 envelope. */
  function appForPath(path: string): EmulatorApp<unknown> | undefined {
    const first = path.split('/').filter(Boolean)[0];
    return apps.find((a) => (a.basePath ? path.startsWith(a.basePath + '/') : a.routes.some((r) => r.path.split('/').filter(Boolean)[0] === first)));
  }

  async function handleAccounts(method: string, url: URL, req: IncomingMessage, raw: Buffer): Promise<EmulatorResponse | undefined> {
    const path = url.pathname;
    const known = ['/oauth/v2/auth', '/oauth/v2/token', '/oauth/v2/token/revoke', '/oauth/v2/revoke/token'];
    if (!known.includes(path)) return undefined;
    const fault = faults.take('accounts', method, path, path);
    let answer: EmulatorResponse;
    if (fault && (await applyTransportFault(fault, req)) === 'reset') return { status: -1 };
    const params = new URLSearchParams(url.search);
    const { body } = await parseBody(raw, req.headers['content-type'] ?? '');
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      for (const [k, v] of Object.entries(body as Record<string, string>)) if (typeof v === 'string') params.set(k, v);
    }
    if (fault && fault.kind !== 'slow') {
      answer = fault.kind === 'status' ? { status: fault.status ?? 500, body: { error: 'server_error' } } : accounts.throttleAnswer();
    } else if (path === '/oauth/v2/auth' && method === 'GET') answer = accounts.authorize(params);
    else if (path === '/oauth/v2/token' && method === 'POST') answer = accounts.token(params, basicAuth(req.headers.authorization), false);
    else if (method === 'POST') answer = accounts.revoke(params.get('token'));
    else answer = { status: 405, body: { error: 'method_not_allowed' } };
    counters.record('accounts', method, path, path, answer.status);
    return answer;
  }

  async function applyTransportFault(fault: FaultRule, req: IncomingMessage): Promise<'reset' | undefined> {
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
    const raw = await readBody(req);
    if (options.log) process.stderr.write(`[emulator] ${redactText(`${method} ${url.pathname}${url.search}`)}\n`);

    const accountsAnswer = await handleAccounts(method, url, req, raw);
    if (accountsAnswer) {
      if (accountsAnswer.status >= 0) send(res, accountsAnswer);
      return;
    }

    let mounted: MountedRoute | undefined;
    let params: Record<string, string> | undefined;
    for (const candidate of routes) {
      if (candidate.route.method !== method) continue;
      params = matchPattern(candidate.compiled, url.pathname);
      if (params) {
        mounted = candidate;
        break;
      }
    }
    if (!mounted || !params) {
      const app = appForPath(url.pathname);
      const answer = app ? app.errors.notFound(method, url.pathname) : { status: 404, body: { code: 'INVALID_URL_PATTERN', message: 'Please check if the URL trying to access is a correct one', status: 'error' } };
      counters.record(app?.app ?? 'accounts', method, '(unmatched)', url.pathname, answer.status);
      send(res, answer);
      return;
    }

    const { app, route } = mounted;
    const appPath = url.pathname.slice(app.basePath.length) || '/';
    const answer = await (async (): Promise<EmulatorResponse | 'reset'> => {
      const fault = faults.take(app.app, method, appPath, route.path);
      if (fault && (await applyTransportFault(fault, req)) === 'reset') return 'reset';
      if (fault?.kind === 'status') return app.errors.serverError(fault.status ?? 500);
      if (fault?.kind === 'throttle') return withRetryAfter(app.errors.throttled(fault.retryAfterSec ?? 1), fault.retryAfterSec ?? 1);
      if (fault?.kind === 'invalid-token') return app.errors.invalidToken('invalid');

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
        token,
        state: states.get(app.app),
        now: clock(),
        origin,
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
        return await route.handle(request);
      } catch (err) {
        process.stderr.write(`[emulator] ${method} ${url.pathname} handler failed: ${(err as Error).stack}\n`);
        return app.errors.serverError(500);
      }
    })();
    if (answer === 'reset') {
      counters.record(app.app, method, route.path, appPath, 0);
      return;
    }
    counters.record(app.app, method, route.path, appPath, answer.status);
    send(res, answer);
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
    resetState: (only) => {
      for (const app of apps) if (!only || app.app === only) states.set(app.app, freshState(app));
    },
    now: clock,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withRetryAfter(answer: EmulatorResponse, seconds: number): EmulatorResponse {
  const headers = { ...answer.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after')) headers['Retry-After'] = String(seconds);
  return { ...answer, headers };
}
