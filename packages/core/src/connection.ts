import { createHash } from 'node:crypto';
import type { Agent } from 'undici';
import { cancelledError, ZohoApiError, ZohoAuthError, ZohoConfigError } from './errors.js';
import { genericEnvelopeReader, headerValue, retryAfterMs, type EnvelopeReader, type RawResponse } from './http/envelope.js';
import {
  buildUrl,
  createAgent,
  isStreamBody,
  sendOnce,
  type HttpMethod,
  type HttpOptions,
  type OutgoingBody,
  type ProgressListener,
  type QueryValue,
  type ResponseType,
} from './http/transport.js';
import { abortableSleep, LimiterRegistry, type DailyBudget, type LimiterKey, type RateBudget, type RequestCap } from './limits.js';
import type { ZohoOAuthClient } from './oauth.js';
import { parseRegion, REGIONS, resolveHost, type Region, type RegionCode, type ZohoApp, type ZohoHost } from './regions.js';
import { attemptLimit, backoffMs, resolveRetryPolicy, retryDelay, tokenRetryDelay, type RetryPolicy } from './retry.js';
import { SecretRedactor } from './secrets.js';
import { TokenManager, tokenStoreKey } from './tokens/manager.js';
import { MemoryTokenStore } from './tokens/memory-store.js';
import { RegionalOAuth } from './tokens/regional-oauth.js';
import type { AccessTokenSource, StoredToken, TokenStore } from './tokens/types.js';

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
  /** A narrower budget inside the app's that this request also counts against (Cliq's message reads). */
  cap?: RequestCap;
  /** Host kind for this call only (WorkDrive downloads). */
  host?: ZohoHost;
  /**
   * Progress of a streamed body, `(bytes, total?)`: a stream request body as it is sent (total from a
   * `content-length` header), and a `responseType: 'stream'` body as it is read (total from its Content-Length).
   */
  onProgress?: ProgressListener;
}

export interface ZohoResponse<T = unknown> {
  status: number;
  headers: RawResponse['headers'];
  data: T;
  /** How many times the request was sent (1 unless retried). */
  attempts: number;
}

export interface ZohoConnectionOptions {
  /**
   * Data center (`us`, `eu`, `com.au`, …). Optional: without it, the first token refresh asks each data
   * center's accounts server in turn (one request each, stopping at the first that accepts the refresh token)
   * and the token store remembers the answer. With `accountsUrl` alone (no `accountsUrls`) it is `us`.
   */
  region?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Supply your own token source instead of client id/secret/refresh token. */
  tokens?: AccessTokenSource;
  tokenStore?: TokenStore;
  /** Accounts server override (the emulator) for the configured data center; turns discovery off unless `accountsUrls` is given. */
  accountsUrl?: string;
  /**
   * Accounts servers per data center instead of Zoho's (emulators playing several data centers, a proxy).
   * When given, region discovery and the wrong-data-center diagnosis ask only these.
   */
  accountsUrls?: Partial<Record<RegionCode, string>>;
  /** Origins to call instead of Zoho's hosts, per host kind (the emulator's `baseUrls`). */
  baseUrls?: Partial<Record<ZohoHost, string>>;
  /** Per-app budgets; false turns an app's limiter off. */
  limits?: Partial<Record<ZohoApp, RateBudget | false>>;
  /** Share budgets (and, with a Redis token store, tokens) across processes. */
  redisUrl?: string;
  /** See `RetryPolicy`; `maxAttempts` alone applies to reads too (`maxAttempts: 1` turns retries off). */
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

/** Everything app-independent about talking to one Zoho account: tokens, pools, limiters, retry. */
export class ZohoConnection {
  readonly tokens: AccessTokenSource;
  readonly accountKey: string;
  /** Every error built from a response passes through it: the client secret, refresh token and access tokens never leave. */
  readonly redactor: SecretRedactor;
  #region: RegionCode | undefined;
  readonly #regional: RegionalOAuth | undefined;
  private readonly agent: Agent;
  private readonly limiters: LimiterRegistry;
  private readonly retry: RetryPolicy;
  private readonly apps = new Map<ZohoApp, ZohoAppClient>();
  private readonly readers = new Map<ZohoApp, EnvelopeReader>();

  constructor(private readonly options: ZohoConnectionOptions = {}) {
    const configured = options.region ? parseRegion(options.region, 'region') : undefined;
    const accountsUrl = options.accountsUrl ?? options.baseUrls?.accounts;
    // A single pinned accounts server (the emulator, a proxy) cannot be asked about other data centers.
    this.#region = configured ?? (accountsUrl && !options.accountsUrls ? 'us' : undefined);
    this.redactor = new SecretRedactor([options.clientSecret, options.refreshToken]);
    this.retry = resolveRetryPolicy(options.retry);
    if (options.tokens) {
      this.tokens = options.tokens;
      this.#region ??= 'us';
    } else {
      for (const [name, value] of [
        ['clientId', options.clientId],
        ['clientSecret', options.clientSecret],
        ['refreshToken', options.refreshToken],
      ] as const) {
        if (!value) throw new ZohoConfigError(name, 'is required (or pass `tokens`): set it from ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN');
      }
      this.redactor.add(Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64'));
      const store = options.tokenStore ?? new MemoryTokenStore();
      const storeKey = tokenStoreKey(options.clientId!, options.refreshToken!);
      const accountsUrls: Partial<Record<RegionCode, string>> | undefined =
        accountsUrl || options.accountsUrls ? { ...(accountsUrl ? { [this.#region ?? 'us']: accountsUrl } : {}), ...options.accountsUrls } : undefined;
      this.#regional = new RegionalOAuth({
        clientId: options.clientId!,
        clientSecret: options.clientSecret!,
        region: this.#region,
        accountsUrls,
        store,
        storeKey,
      });
      this.tokens = new TokenManager({
        oauth: this.#regional,
        clientId: options.clientId!,
        refreshToken: options.refreshToken!,
        store,
        storeKey,
        refreshBackoffMs: this.retry.baseDelayMs,
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
  }

  /**
   * The data center: configured, or found from the refresh token (then known after the first call, or at
   * once when the token store remembers it). `us` until it is known; `resolveRegion()` waits for it.
   */
  get region(): Region {
    return REGIONS[this.#region ?? this.#regional?.region ?? 'us'];
  }

  /** Whether the data center is configured or already found (false only before discovery has run). */
  get regionKnown(): boolean {
    return (this.#region ?? this.#regional?.region) !== undefined;
  }

  /** The data center, finding it (a token refresh, or the token store's memory) when not configured. */
  async resolveRegion(options: { signal?: AbortSignal } = {}): Promise<Region> {
    if (!this.regionKnown) {
      await this.#loadRegion();
      if (!this.regionKnown) this.#noteToken(await this.tokens.getAccessToken({ signal: options.signal }));
    }
    return this.region;
  }

  /** The OAuth client of the current data center (undefined with a custom `tokens` source). */
  get oauth(): ZohoOAuthClient | undefined {
    return this.#regional?.client(this.region.code);
  }

  /** Token requests made to other data centers' accounts servers (discovery and diagnosis). */
  get regionProbes(): number {
    return this.#regional?.probes ?? 0;
  }

  async #loadRegion(): Promise<void> {
    if (this.#region || !this.#regional) return;
    const known = await this.#regional.knownRegion();
    if (known) this.#region = known;
  }

  #noteToken(token: StoredToken): void {
    this.redactor.noteAccessToken(token.accessToken);
    // A token another process stored carries the data center it found: the next refresh goes there directly.
    if (token.region) this.#regional?.adopt(token.region);
    this.#region ??= this.#regional?.region ?? token.region;
  }

  /** The error as callers may see it: every string from a response redacted with this connection's secrets. */
  #clean<E>(err: E, extra: (string | undefined)[] = []): E {
    if (err instanceof ZohoApiError) {
      return new ZohoApiError({
        app: err.app,
        status: err.status,
        code: this.redactor.text(err.code, extra),
        message: this.redactor.text(err.message, extra),
        kind: err.kind,
        details: this.redactor.value(err.details, extra),
        retryable: err.retryable,
        ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
      }) as E;
    }
    if (err instanceof ZohoAuthError) {
      const message = this.redactor.text(err.message, extra);
      return (message === err.message ? err : new ZohoAuthError(err.code, message, err.retryAfterMs)) as E;
    }
    return err;
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
    const readError = this.readers.get(app) ?? genericEnvelopeReader;
    const keyOf = (): LimiterKey => ({ region: this.region.code, account: this.accountKey, app, budget: req.budget });
    const idempotent = req.idempotent ?? req.method === 'GET';
    const streamed = isStreamBody(req);
    const responseType = req.responseType ?? 'json';
    // After an invalid-token answer: refresh once and replay; a read may replay twice more (without refreshing
    // again) should the fresh token be refused too, a write never more than once.
    const maxTokenReplays = streamed ? 0 : idempotent ? 3 : 1;
    let tokenReplays = 0;
    let tokenFailures = 0;
    let waited = 0;
    let attempt = 0;
    const pause = async (ms: number) => {
      waited += ms;
      await abortableSleep(ms, app, req.signal);
    };
    await this.#loadRegion();

    for (;;) {
      let usedToken: string | undefined;
      let error: ZohoApiError;
      const tokenOptions = { signal: req.signal, acceptRejected: tokenReplays > 0 };
      try {
        // Refresh (if due) before taking a slot, so the slot's time goes to the request, not to Zoho accounts.
        this.#noteToken(await this.tokens.getAccessToken(tokenOptions));
        attempt++;
        const result = await this.limiters.schedule(keyOf(), async () => {
          const token = await this.tokens.getAccessToken(tokenOptions);
          this.#noteToken(token);
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
            onProgress: req.onProgress,
          });
        }, this.retry.maxTotalWaitMs - waited, req.signal, req.cap);
        this.noteRateHeaders(keyOf(), result.raw);
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
        if (req.signal?.aborted) throw cancelledError(app);
        if (err instanceof ZohoAuthError) {
          // The token endpoint failed before anything was sent to the app: wait it out within the budget.
          tokenFailures++;
          const wait = tokenRetryDelay(err, { tries: tokenFailures, waitedMs: waited }, this.retry);
          if (wait === undefined) throw this.#clean(err);
          await pause(wait);
          continue;
        }
        if (!(err instanceof ZohoApiError)) throw err;
        error = err;
      }

      if (error.kind === 'aborted') throw error;
      if (error.kind === 'invalid_token' && usedToken && tokenReplays < maxTokenReplays) {
        // An invalid token was rejected before anything ran, so a replay is safe for any method.
        if (tokenReplays === 0) {
          tokenReplays++;
          await this.tokens.invalidate(usedToken);
          continue;
        }
        const wait = backoffMs(this.retry, tokenReplays);
        if (attempt < attemptLimit(this.retry, idempotent) && waited + wait <= this.retry.maxTotalWaitMs) {
          tokenReplays++;
          await pause(wait);
          continue;
        }
      }
      if (error.kind === 'throttled') this.limiters.block(keyOf(), Date.now() + (error.retryAfterMs ?? 1000));
      const wait = retryDelay(error, { attempt, waitedMs: waited, idempotent, streamed }, this.retry);
      if (wait === undefined) throw this.#clean(error, [usedToken]);
      await pause(wait);
    }
  }

  /**
   * An app's daily request budget as it stands (`limits.<app>.perDay`): size, requests left, refill time.
   * Undefined when the app has no daily budget. Plugins use it to warn before the budget runs out.
   */
  dailyBudget(app: ZohoApp, budget?: string): Promise<DailyBudget | undefined> {
    return this.limiters.dailyBudget({ region: this.region.code, account: this.accountKey, app, budget });
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
