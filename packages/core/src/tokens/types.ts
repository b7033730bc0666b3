import type { RegionCode } from '../regions.js';

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
  /** The data center whose accounts server issued it, when known (region discovery). */
  region?: RegionCode | undefined;
}

/** What the request pipeline needs from token handling. */
export interface AccessTokenSource {
  /**
   * A valid access token: cached, or refreshed once (single-flight) a margin before expiry. With
   * `acceptRejected`, an unexpired token an app rejected may come back when no new one can be had right now.
   */
  getAccessToken(options?: { signal?: AbortSignal | undefined; acceptRejected?: boolean | undefined }): Promise<StoredToken>;
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
  /**
   * The data center a refresh token was found to belong to (region discovery), kept without expiry so the
   * next start makes no probe. `key` is the access-token key of that refresh token. Optional: without it the
   * data center is remembered only as long as the access token.
   */
  getRegion?(key: string): Promise<RegionCode | undefined>;
  setRegion?(key: string, region: RegionCode): Promise<void>;
  close?(): Promise<void>;
}
