import { createHash } from 'node:crypto';
import type { Agent } from 'undici';
import { ZohoApiError, ZohoConfigError } from './errors.js';
import { DEFAULT_ENVELOPE_READERS } from './http/envelopes/index.js';
import { genericEnvelopeReader, headerValue, retryAfterMs, type EnvelopeReader, type RawResponse } from './http/envelope.js';
import {
  buildUrl,
  createAgent,
  isStreamBody,
  sendOnce,
  type HttpMethod,
  type HttpOptions,
  type OutgoingBody,
  type QueryValue,
  type ResponseType,
} from './http/transport.js';
import { LimiterRegistry, type LimiterKey, type RateBudget } from './limits.js';
import { ZohoOAuthClient } from './oauth.js';
import { getRegion, resolveHost, type Region, type ZohoApp, type ZohoHost } from './regions.js';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './retry.js';
import { TokenManager } from './tokens/manager.js';
import type { AccessTokenSource, TokenStore } from './tokens/types.js';

/** What a plugin tells the connection about its app. */
export interface ZohoAppSpec {
  app: ZohoApp;
  /** Reads the app's error envelope (see EnvelopeReader); the generic reader is used when absent. */
  readError?: EnvelopeReader;
  /** Host kind to call (default: the app's own). */
  host?: ZohoHost;
}

export interface ZohoRequest extends OutgoingBody {
  method: HttpMethod;
  /** Path on the app's host, e.g. `/crm/v8/Leads`. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /**
   * Safe to send again after a 5xx, reset or timeout. Defaults to true for GET and false for every write,
   * so a write is never sent twice; set true for read-only POSTs (COQL).
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  responseType?: ResponseType;
  /** Partition of the app's rate budget (Books: the organization id). */
  budget?: string;
  /** Host kind for this call only (WorkDrive downloads). */
  host?: ZohoHost;
}

export interface ZohoResponse<T = unknown> {
  status: number;
  headers: RawResponse['headers'];
  data: T;
  /** How many times the request was sent (1 unless retried). */
  attempts: number;
}

export interface ZohoConnectionOptions {
  /** Data center (`us`, `eu`, `com.au`, …); default `us`. */
  region?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Supply your own token source instead of client id/secret/refresh token. */
  tokens?: AccessTokenSource;
  tokenStore?: TokenStore;
  /** Accounts server override (the emulator). */
  accountsUrl?: string;
  /** Origins to call instead of Zoho's hosts, per host kind (the emulator's `baseUrls`). */
  baseUrls?: Partial<Record<ZohoHost, string>>;
  /** Per-app budgets; false turns an app's limiter off. */
  limits?: Partial<Record<ZohoApp, RateBudget | false>>;
  /** Share budgets (and, with a Redis token store, tokens) across processes. */
  redisUrl?: string;
  retry?: Partial<RetryPolicy>;
  http?: HttpOptions;
  /** Identifies the Zoho account in limiter keys; default a hash of the client id and refresh token. */
  accountKey?: string;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
}

/** One app's view of a connection: every request goes through limiter → token → undici → envelope → retry. */
export interface ZohoAppClient {
  readonly app: ZohoApp;
  readonly connection: ZohoConnection;
  request<T = unknown>(req: ZohoRequest): Promise<ZohoResponse<T>>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortedError(app: ZohoApp): ZohoApiError {
  return new ZohoApiError({ app, status: 0, code: 'ABORTED', kind: 'aborted', message: 'the request was cancelled' });
}

/** Everything app-independent about talking to one Zoho account: tokens, pools, limiters, retry. */
export class ZohoConnection {
  readonly region: Region;
  readonly tokens: AccessTokenSource;
  readonly accountKey: string;
  readonly oauth: ZohoOAuthClient | undefined;
  private readonly agent: Agent;
  private readonly limiters: LimiterRegistry;
  private readonly retry: RetryPolicy;
  private readonly apps = new Map<ZohoApp, ZohoAppClient>();
  private readonly readers = new Map<ZohoApp, EnvelopeReader>();

  constructor(private readonly options: ZohoConnectionOptions = {}) {
    this.region = getRegion(options.region ?? 'us');
    if (options.tokens) {
      this.tokens = options.tokens;
    } else {
      for (const [name, value] of [
        ['clientId', options.clientId],
        ['clientSecret', options.clientSecret],
        ['refreshToken', options.refreshToken],
      ] as const) {
        if (!value) throw new ZohoConfigError(name, 'is required (or pass `tokens`): set it from ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN');
      }
      this.oauth = new ZohoOAuthClient({
        clientId: options.clientId!,
        clientSecret: options.clientSecret!,
        region: this.region.code,
        ...(options.accountsUrl ?? options.baseUrls?.accounts ? { accountsUrl: options.accountsUrl ?? options.baseUrls?.accounts } : {}),
      });
      this.tokens = new TokenManager({
        oauth: this.oauth,
        clientId: options.clientId!,
        refreshToken: options.refreshToken!,
        ...(options.tokenStore ? { store: options.tokenStore } : {}),
        ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
      });
    }
    this.accountKey =
      options.accountKey ??
      createHash('sha256')
        .update(`${options.clientId ?? ''}:${options.refreshToken ?? 'custom'}`)
        .digest('hex')
        .slice(0, 16);
    this.agent = createAgent(options.http);
    this.limiters = new LimiterRegistry({ budgets: options.limits, redisUrl: options.redisUrl });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The client for one app; the first spec registered for an app supplies its envelope reader. */
  app(spec: ZohoAppSpec): ZohoAppClient {
    const existing = this.apps.get(spec.app);
    if (existing) return existing;
    if (spec.readError) this.readers.set(spec.app, spec.readError);
    const client: ZohoAppClient = {
      app: spec.app,
      connection: this,
      request: (req) => this.request(spec.app, { ...req, host: req.host ?? spec.host }),
    };
    this.apps.set(spec.app, client);
    return client;
  }

  /** Base URL of a host kind for this connection, after `api_domain` and overrides. */
  baseUrl(host: ZohoHost, apiDomain?: string): string {
    return resolveHost(this.region, host, { apiDomain, overrides: this.options.baseUrls });
  }

  async request<T = unknown>(app: ZohoApp, req: ZohoRequest): Promise<ZohoResponse<T>> {
    const readError = this.readers.get(app) ?? DEFAULT_ENVELOPE_READERS[app] ?? genericEnvelopeReader;
    const key: LimiterKey = { region: this.region.code, account: this.accountKey, app, budget: req.budget };
    const idempotent = req.idempotent ?? req.method === 'GET';
    const streamed = isStreamBody(req);
    const responseType = req.responseType ?? 'json';
    let waited = 0;
    let replayedAfterRefresh = false;

    for (let attempt = 1; ; attempt++) {
      let usedToken: string | undefined;
      let error: ZohoApiError;
      try {
        // Refresh (if due) before taking a slot, so the slot's time goes to the request, not to Zoho accounts.
        await this.tokens.getAccessToken({ signal: req.signal });
        const result = await this.limiters.schedule(key, async () => {
          const token = await this.tokens.getAccessToken({ signal: req.signal });
          usedToken = token.accessToken;
          const url = buildUrl(this.baseUrl(req.host ?? app, token.apiDomain), req.path, req.query);
          return sendOnce(this.agent, {
            app,
            method: req.method,
            url,
            headers: { accept: 'application/json', ...req.headers, authorization: `Zoho-oauthtoken ${token.accessToken}` },
            body: req,
            signal: req.signal,
            responseType,
          });
        }, this.retry.maxTotalWaitMs - waited, req.signal);
        this.noteRateHeaders(key, result.raw);
        const info = readError(result.raw);
        if (!info) {
          const data = (result.stream ?? result.raw.body) as T;
          return { status: result.raw.status, headers: result.raw.headers, data, attempts: attempt };
        }
        error = new ZohoApiError({
          app,
          status: result.raw.status,
          code: info.code,
          message: info.message,
          kind: info.kind,
          details: info.details,
          retryable: info.kind === 'throttled' || (idempotent && info.kind === 'server'),
          retryAfterMs: info.retryAfterMs ?? retryAfterMs(result.raw.headers),
        });
      } catch (err) {
        if (req.signal?.aborted) throw abortedError(app);
        if (!(err instanceof ZohoApiError)) throw err;
        error = err;
      }

      if (error.kind === 'aborted') throw error;
      // An invalid token was rejected before anything ran: refresh once and replay once.
      if (error.kind === 'invalid_token' && !replayedAfterRefresh && !streamed && usedToken) {
        replayedAfterRefresh = true;
        await this.tokens.invalidate(usedToken);
        continue;
      }
      if (error.kind === 'throttled') this.limiters.block(key, Date.now() + (error.retryAfterMs ?? 1000));
      const wait = retryDelay(error, { attempt, waitedMs: waited, idempotent, streamed }, this.retry);
      if (wait === undefined) throw error;
      waited += wait;
      await sleep(wait, req.signal).catch(() => {
        throw abortedError(app);
      });
    }
  }

  /** Closes pools, limiters and Redis connections. */
  async close(): Promise<void> {
    await this.limiters.close();
    await this.agent.close();
    await this.options.tokenStore?.close?.();
  }

  private noteRateHeaders(key: LimiterKey, raw: RawResponse): void {
    const remaining = headerValue(raw.headers, 'x-ratelimit-remaining');
    if (remaining === undefined || Number(remaining) > 0) return;
    const reset = Number(headerValue(raw.headers, 'x-ratelimit-reset'));
    // The header is seconds-until-reset or an epoch in seconds; either way, wait it out.
    const untilMs = Number.isFinite(reset) && reset > 0 ? (reset > 1e9 ? reset * 1000 : Date.now() + reset * 1000) : Date.now() + 1000;
    this.limiters.block(key, untilMs);
  }
}

export function createZohoConnection(options: ZohoConnectionOptions = {}): ZohoConnection {
  return new ZohoConnection(options);
}
