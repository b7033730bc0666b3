import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { RegionCode, ZohoApp, ZohoHost } from '../regions.js';

/** Milliseconds since the epoch; injectable so tests can expire tokens without waiting. */
export type Clock = () => number;

/** The access token a request carried, as the emulator's accounts server knows it. */
export interface EmulatorTokenInfo {
  accessToken: string;
  clientId: string;
  /** Stable id of the refresh token (grant) it was minted from; rate limits and state are keyed by it. */
  grantId: string;
  scopes: string[];
  expiresAt: number;
}

export interface EmulatorRequest<S = unknown> {
  method: string;
  /** Path below the app's base path, as on Zoho's own host (e.g. `/crm/v8/Leads`). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, a form object (urlencoded or multipart text fields), or undefined. */
  body: unknown;
  /** Multipart file parts, by field name. */
  files: Record<string, { name: string; type: string; data: Buffer }>;
  rawBody: Buffer;
  /**
   * For a route with `stream: true`: the request body, not read yet (the handler reads it, e.g. to a file);
   * `body`, `files` and `rawBody` are then empty.
   */
  stream?: Readable;
  token: EmulatorTokenInfo | undefined;
  state: S;
  now: number;
  /** The emulator's own origin, for links it returns. */
  origin: string;
  /** False when the emulator runs without limits (`limits: false`, `--no-limits`): apps skip their own quotas too. */
  quotas: boolean;
}

export interface EmulatorResponse {
  status: number;
  /** JSON-serialised unless `raw` is set. Omit for empty bodies (204). */
  body?: unknown;
  /** A pre-serialised body (e.g. JSON with bare 19-digit numbers, or a file). */
  raw?: string | Buffer;
  /**
   * A body streamed to the client with backpressure (a file); wins over `body` and `raw`. Give its
   * `content-length` in `headers` when known (without one the answer is chunked).
   */
  stream?: Readable;
  headers?: Record<string, string>;
}

export interface EmulatorRoute<S = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Pattern with `:param` segments, relative to the app's base path: `/crm/v8/:module/:id`. */
  path: string;
  /**
   * What a parameter must look like for the route to match, e.g. `{ id: /^\d+$/ }`; a path whose segment
   * fails it is left to other routes (or answered as not found), never handed to this one.
   */
  params?: Record<string, RegExp>;
  /** OAuth scopes, any one of which lets the call through; a function when it depends on the request. */
  scopes?: string[] | ((req: EmulatorRequest<S>) => string[]);
  /** false for routes that need no token (default true). */
  auth?: boolean;
  /** Counted against the app's rate limit (default true). */
  limited?: boolean;
  /**
   * The body is not read into memory: the handler gets it unread as `req.stream` (uploads of any size). A
   * `slow` fault on such a route delays the answer after the handler ran (the body has to be read first).
   */
  stream?: boolean;
  handle(req: EmulatorRequest<S>): EmulatorResponse | Promise<EmulatorResponse>;
}

/** Each app's own answers for the failures the emulator detects before a route runs. */
export interface EmulatorAppErrors {
  invalidToken(reason: 'missing' | 'invalid' | 'expired'): EmulatorResponse;
  scopeMismatch(required: string[]): EmulatorResponse;
  throttled(retryAfterSec: number): EmulatorResponse;
  notFound(method: string, path: string): EmulatorResponse;
  /** A path the app serves, with a method it does not serve there (default: `notFound`). */
  methodNotAllowed?(method: string, path: string, allowed: string[]): EmulatorResponse;
  /** A 5xx (a `status` fault or a handler that threw); `path` is below the app's base path. */
  serverError(status: number, path?: string): EmulatorResponse;
}

/** What a client of an app needs to know about a running emulator, shown on `GET /` and by `npm run emulator`. */
export interface EmulatorAppInfo {
  /**
   * Ids a client needs, by the environment variable that carries them, e.g.
   * `{ ZOHO_BOOKS_ORGANIZATION_ID: '60012345678' }` (Projects portal, Mail account, WorkDrive team, Calendar uid …).
   */
  ids?: Record<string, string>;
  /** A read-only request worth trying first: path and query, relative to the app's base URL. */
  example?: string;
}

export interface EmulatorStateOptions {
  /** false: empty data. */
  seed: boolean;
  now: number;
  /** A number given as `seed: N` / `--seed N`: apps mix it into the data they generate (absent: each app's own). */
  randomSeed?: number;
}

export interface EmulatorRateLimit {
  /** Requests allowed per window per grant (refresh token). */
  limit: number;
  windowMs: number;
}

/** An app's slice of the emulator; plugins export one from their `/emulator` subpath. */
export interface EmulatorApp<S = unknown> {
  app: ZohoApp;
  /**
   * Where the app is mounted on the emulator's single origin. Apps on `www.zohoapis.*` use '' because
   * their paths already start with `/crm/`, `/books/`, `/workdrive/`; others get their own prefix.
   */
  basePath: string;
  /** Every scope the demo credentials are granted for this app. */
  scopes: string[];
  /** Fresh state; `seed` false means empty data. */
  createState(options: EmulatorStateOptions): S;
  routes: EmulatorRoute<S>[];
  errors: EmulatorAppErrors;
  rateLimit?: EmulatorRateLimit;
  /** What the rate limit counts per (default: the grant); Books counts per organization. */
  rateLimitKey?: (req: EmulatorRequest<S>) => string;
  /** Ids and a first request for clients (see `EmulatorAppInfo`), from the app's current state. */
  describe?(state: S): EmulatorAppInfo;
  /** Frees what a state holds outside memory (files on disk), when it is replaced (reset) or the emulator closes. */
  disposeState?(state: S): void;
}

export type FaultKind =
  | 'status' // answer with `status` (default 500) in the app's error envelope
  | 'throttle' // answer with the app's throttling response and Retry-After
  | 'reset' // destroy the socket without answering
  | 'slow' // wait `delayMs` then handle normally
  | 'invalid-token' // answer with the app's invalid-token response even for a valid token
  | 'refresh-throttle'; // token endpoint answers Zoho's "too many requests" body

export interface FaultRule {
  /** `METHOD /path/pattern` or `/path/pattern` (globs `*` within a segment, `**` across); default every route. */
  route?: string;
  /**
   * The app whose routes it hits; without one, every app's routes but not the accounts server, which is
   * faulted only by rules that say `app: 'accounts'`.
   */
  app?: ZohoApp | 'accounts';
  kind: FaultKind;
  status?: number;
  retryAfterSec?: number;
  delayMs?: number;
  /**
   * For `reset`: answer as usual, but cut the connection after this many bytes of the answer's body (a
   * download broken mid-way) instead of before answering.
   */
  afterBytes?: number;
  /** How many matching requests it applies to (default unlimited). */
  times?: number;
  /** Skip this many matching requests first (default 0). */
  after?: number;
  /**
   * Applies to each matching request with this chance (0–1) instead of to every one; drawn from a seeded
   * generator (`seed`, default 1), so a run with the same rules and requests fails the same way.
   */
  probability?: number;
  /** Seed of the rule's generator when `probability` is set. */
  seed?: number;
  /**
   * For `status` and `reset`: carry the request out first (a write lands), then fail the answer — the lost
   * answer a client must reconcile, not retry.
   */
  afterHandling?: boolean;
}

export interface RouteCounter {
  app: ZohoApp | 'accounts';
  route: string;
  requests: number;
  byStatus: Record<number, number>;
}

export interface AccountsOptions {
  accessTokenTtlSec?: number;
  /** Zoho allows 10 access-token requests per refresh token per 10 minutes; false turns it off. */
  refreshLimit?: { count: number; windowMs: number } | false;
  /** Active access tokens kept per refresh token before the oldest is evicted (Zoho: 10–15). */
  maxActiveTokens?: number;
  /** Emit the legacy `expires_in` in milliseconds plus `expires_in_sec`. */
  legacyExpiresIn?: boolean;
  /** HTTP status of the refresh-throttle answer (Zoho: 200, some docs 400). */
  throttleStatus?: number;
  /**
   * The data center this accounts server plays (default `us`): its demo refresh token is distinct per data
   * center, and the login redirect reports `location=<region>` (with `accounts-server` still the emulator).
   */
  region?: RegionCode;
}

export interface EmulatorOptions {
  apps?: EmulatorApp<any>[];
  /** Seeded data (default true), empty (false), or seeded from this number (apps vary their generated data). */
  seed?: boolean | number;
  port?: number;
  host?: string;
  clock?: Clock;
  /**
   * Per-app rate-limit overrides (false turns an app's limit off), or false for no limits at all: no app
   * rate limits, no app quotas (Books' daily calls), no refresh-token throttle at the accounts server.
   */
  limits?: Partial<Record<ZohoApp, EmulatorRateLimit | false>> | false;
  faults?: FaultRule[];
  accounts?: AccountsOptions;
  /** Print one line per request to stderr. */
  log?: boolean;
}

export interface EmulatorCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scopes: string[];
  redirectUri: string;
}

export type { ZohoHost };
