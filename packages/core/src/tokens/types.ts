/** An access token as cached and shared between processes. Never logged. */
export interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds at which Zoho stops accepting it. */
  expiresAt: number;
  /** Epoch milliseconds at which it was obtained. */
  obtainedAt: number;
  /** `api_domain` from the token response, when Zoho sent one. */
  apiDomain?: string | undefined;
  /** Granted scopes, when Zoho listed them. */
  scopes?: string[] | undefined;
}

/** What the request pipeline needs from token handling. */
export interface AccessTokenSource {
  /** A valid access token: cached, or refreshed once (single-flight) a margin before expiry. */
  getAccessToken(options?: { signal?: AbortSignal | undefined }): Promise<StoredToken>;
  /**
   * Tells the source that an app answered "invalid token" for `accessToken`. If that token is still the
   * current one it is dropped, so the next `getAccessToken` refreshes; if a newer one exists, nothing happens.
   */
  invalidate(accessToken: string): Promise<void>;
}

/** Where access tokens (and, for the file store, the refresh token record) are kept. */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` while holding a lock named `key` that every process sharing this store respects. Stores that
   * are not shared (memory) may run `fn` directly.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}
