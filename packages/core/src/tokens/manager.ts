import { createHash } from 'node:crypto';
import { TRANSIENT_AUTH_CODES, ZohoAuthError } from '../errors.js';
import { REFRESH_WINDOW_MS, type TokenResponse } from '../oauth.js';
import { MemoryTokenStore } from './memory-store.js';
import type { AccessTokenSource, StoredToken, TokenStore } from './types.js';

/** What the manager needs from the OAuth client; `ZohoOAuthClient` fits, so does a test double. */
export interface RefreshingClient {
  refresh(refreshToken: string): Promise<TokenResponse>;
  readonly clientId?: string;
}

export interface TokenManagerOptions {
  oauth: RefreshingClient;
  refreshToken: string;
  /** Defaults to `oauth.clientId`; part of the store key. */
  clientId?: string | undefined;
  store?: TokenStore | undefined;
  /** Refresh this long before expiry (capped at half the token's lifetime); default 5 minutes. */
  refreshMarginMs?: number | undefined;
  clock?: (() => number) | undefined;
  /** Called with each newly refreshed token (not with tokens read from the store). */
  onToken?: ((token: StoredToken) => void) | undefined;
  /** Overrides the derived store key. */
  storeKey?: string | undefined;
  /**
   * After a refresh throttle that names no Retry-After (Zoho's does not), the first wait before asking again;
   * each further throttle in a row waits 4× longer, up to Zoho's 10-minute window. Default 1 s.
   */
  refreshBackoffMs?: number | undefined;
}

export interface GetAccessTokenOptions {
  signal?: AbortSignal | undefined;
  /**
   * When the token endpoint cannot give a new token right now (throttled, 5xx, unreachable), return an
   * unexpired token an app rejected rather than fail: the rejection may have been spurious, and it is the
   * only token there is. The request pipeline asks for this when replaying after an invalid-token answer.
   */
  acceptRejected?: boolean | undefined;
}

/** The store key for one refresh token: a SHA-256 digest, so the refresh token itself is never a key. */
export function tokenStoreKey(clientId: string, refreshToken: string): string {
  const digest = createHash('sha256').update(`${clientId}\n${refreshToken}`).digest('hex');
  return `access-token:${digest}`;
}

// One refresh in flight per refresh token per process, shared by every manager that holds it.
const inFlight = new Map<string, Promise<StoredToken>>();
const MAX_REJECTED = 32;

/** Caches the access token, refreshes it a margin before expiry, once per refresh token, across processes via the store's lock. */
export class TokenManager implements AccessTokenSource {
  readonly storeKey: string;
  readonly #oauth: RefreshingClient;
  readonly #store: TokenStore;
  readonly #marginMs: number;
  readonly #clock: () => number;
  readonly #onToken: ((token: StoredToken) => void) | undefined;
  #refreshToken: string;
  #current: StoredToken | undefined;
  #lastApiDomain: string | undefined;
  // Tokens an app rejected; a store may still hold one until it is replaced.
  readonly #rejected = new Set<string>();
  // The last token an app rejected, kept for `acceptRejected`.
  #rejectedToken: StoredToken | undefined;
  #throttled: { until: number; error: ZohoAuthError; inARow: number } | undefined;
  readonly #backoffMs: number;

  constructor(options: TokenManagerOptions) {
    if (!options.refreshToken) throw new ZohoAuthError('missing_refresh_token', 'TokenManager needs a refresh token.');
    this.#oauth = options.oauth;
    this.#refreshToken = options.refreshToken;
    this.#store = options.store ?? new MemoryTokenStore();
    this.#marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.#clock = options.clock ?? Date.now;
    this.#onToken = options.onToken;
    this.#backoffMs = options.refreshBackoffMs ?? 1000;
    const clientId = options.clientId ?? options.oauth.clientId ?? '';
    this.storeKey = options.storeKey ?? tokenStoreKey(clientId, options.refreshToken);
  }

  /** `api_domain` of the latest token, when Zoho sent one. */
  get apiDomain(): string | undefined {
    return this.#current?.apiDomain ?? this.#lastApiDomain;
  }

  async getAccessToken(options: GetAccessTokenOptions = {}): Promise<StoredToken> {
    const { signal } = options;
    signal?.throwIfAborted();
    const current = this.#current;
    if (current && this.#isFresh(current)) return current;
    const stored = await this.#store.get(this.storeKey);
    if (stored && this.#isFresh(stored)) return this.#adopt(stored);
    try {
      return this.#adopt(await abortable(this.#refreshOnce(), signal));
    } catch (err) {
      if (signal?.aborted) throw err;
      // A failed early refresh must not break calls while the old token still works.
      const alive = (t: StoredToken | undefined): t is StoredToken => !!t && t.expiresAt - this.#clock() > 1000;
      const fallback = [current, stored].find((t) => alive(t) && this.#usable(t));
      if (fallback) return this.#adopt(fallback);
      const rejected = this.#rejectedToken;
      if (options.acceptRejected && err instanceof ZohoAuthError && TRANSIENT_AUTH_CODES.has(err.code) && alive(rejected)) {
        this.#rejected.delete(rejected.accessToken); // given another chance; an app that rejects it again says so
        return this.#adopt(rejected);
      }
      throw err;
    }
  }

  async invalidate(accessToken: string): Promise<void> {
    if (this.#current && this.#current.accessToken !== accessToken) return; // a newer token exists already
    if (this.#current) this.#rejectedToken = this.#current;
    this.#current = undefined;
    this.#rejected.add(accessToken);
    if (this.#rejected.size > MAX_REJECTED) this.#rejected.delete(this.#rejected.values().next().value as string);
  }

  #refreshOnce(): Promise<StoredToken> {
    const key = this.storeKey;
    let promise = inFlight.get(key);
    if (!promise) {
      const p = this.#refreshUnderLock();
      promise = p;
      inFlight.set(key, p);
      const clear = () => {
        if (inFlight.get(key) === p) inFlight.delete(key);
      };
      p.then(clear, clear);
    }
    return promise;
  }

  async #refreshUnderLock(): Promise<StoredToken> {
    const throttled = this.#throttled;
    if (throttled && this.#clock() < throttled.until) {
      throw new ZohoAuthError('too_many_requests', throttled.error.message, throttled.until - this.#clock());
    }
    return this.#store.withLock(this.storeKey, async () => {
      // Another process may have refreshed while we waited for the lock.
      const stored = await this.#store.get(this.storeKey);
      if (stored && this.#isFresh(stored)) return stored;
      const obtainedAt = this.#clock();
      let response: TokenResponse;
      try {
        response = await this.#oauth.refresh(this.#refreshToken);
      } catch (err) {
        if (err instanceof ZohoAuthError && err.code === 'too_many_requests') {
          // Zoho's throttle says neither how long nor whether it is the 10-per-10-minutes cap or a blip: ask
          // again soon, then ever more rarely, so a blip costs a second and the real cap a handful of requests.
          const inARow = (this.#throttled?.inARow ?? 0) + 1;
          const waitMs = err.retryAfterMs ?? Math.min(REFRESH_WINDOW_MS, this.#backoffMs * 4 ** (inARow - 1));
          this.#throttled = { until: this.#clock() + waitMs, error: err, inARow };
          throw new ZohoAuthError('too_many_requests', err.message, waitMs);
        }
        throw err;
      }
      this.#throttled = undefined;
      if (response.refreshToken) this.#refreshToken = response.refreshToken; // Zoho does not rotate; keep ours otherwise
      const token: StoredToken = {
        accessToken: response.accessToken,
        expiresAt: response.expiresAt,
        obtainedAt,
        apiDomain: response.apiDomain,
        scopes: response.scopes,
      };
      if (response.region) token.region = response.region;
      await this.#store.set(this.storeKey, token);
      this.#emit(token);
      return token;
    });
  }

  #adopt(token: StoredToken): StoredToken {
    this.#current = token;
    if (token.apiDomain) this.#lastApiDomain = token.apiDomain;
    return token;
  }

  #usable(token: StoredToken): boolean {
    return !this.#rejected.has(token.accessToken);
  }

  #isFresh(token: StoredToken): boolean {
    if (!this.#usable(token)) return false;
    const lifetime = token.expiresAt - token.obtainedAt;
    const margin = Math.min(this.#marginMs, Math.max(0, lifetime / 2));
    return token.expiresAt - margin > this.#clock();
  }

  #emit(token: StoredToken): void {
    try {
      this.#onToken?.(token);
    } catch {
      // A listener's failure must not fail the request that needed the token.
    }
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
