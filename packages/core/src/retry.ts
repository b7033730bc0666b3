import { TRANSIENT_AUTH_CODES, type ZohoApiError, type ZohoAuthError } from './errors.js';

export interface RetryPolicy {
  /**
   * Total sends for a call that is not idempotent (a write), the first included. A write is sent again only
   * when the server rejected it unprocessed (throttled, or the connection was never made).
   */
  maxAttempts: number;
  /** Total sends for an idempotent call (GET, a read-only POST such as COQL); 5xx, resets and timeouts count too. */
  maxIdempotentAttempts: number;
  /**
   * Upper bound on the summed waits of one call: backoff, Retry-After, and waiting out a throttled or failing
   * token endpoint. A wait that would cross it fails the call at once instead.
   */
  maxTotalWaitMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Reads get 8 sends and writes 4, all within 30 s of waiting: the backoff alone (300 ms doubling, capped at
 * 8 s, full jitter) sums to at most 25.3 s over 7 retries, so the time budget, not the count, decides when a
 * long Retry-After ends a call.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, maxIdempotentAttempts: 8, maxTotalWaitMs: 30_000, baseDelayMs: 300, maxDelayMs: 8_000 };

/**
 * The defaults with `overrides` applied. `maxAttempts` alone keeps meaning "sends per call" for every call
 * (`maxAttempts: 1` turns retries off), so reads follow it unless `maxIdempotentAttempts` is given too.
 */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<RetryPolicy>;
  const policy = { ...DEFAULT_RETRY, ...defined };
  if (defined.maxAttempts !== undefined && defined.maxIdempotentAttempts === undefined) policy.maxIdempotentAttempts = defined.maxAttempts;
  return policy;
}

export interface RetryContext {
  attempt: number;
  waitedMs: number;
  idempotent: boolean;
  /** The request body was a stream, which cannot be sent again. */
  streamed: boolean;
}

/** Full-jitter exponential backoff. */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** How many sends a call may make under `policy`. */
export function attemptLimit(policy: RetryPolicy, idempotent: boolean): number {
  return idempotent ? policy.maxIdempotentAttempts : policy.maxAttempts;
}

/**
 * One policy for every app: a request the server rejected unprocessed (throttled) may be resent for any
 * method; 5xx, resets and timeouts only for idempotent calls; a streamed body never. Returns the wait
 * before the next attempt, or undefined to give up.
 */
export function retryDelay(error: ZohoApiError, ctx: RetryContext, policy: RetryPolicy): number | undefined {
  if (ctx.streamed || ctx.attempt >= attemptLimit(policy, ctx.idempotent)) return undefined;
  const unprocessed = error.kind === 'throttled' || (error.kind === 'network' && error.code === 'CONNECT_FAILED');
  const transient = error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout';
  if (!unprocessed && !(transient && ctx.idempotent)) return undefined;
  const wait = error.retryAfterMs ?? backoffMs(policy, ctx.attempt);
  if (ctx.waitedMs + wait > policy.maxTotalWaitMs) return undefined;
  return wait;
}

/**
 * The wait before asking for an access token again after the token endpoint failed (`tries` failures so far
 * in this call), or undefined to give up: a throttle waits what the token source says, 5xx and network
 * failures back off; all within the call's `maxTotalWaitMs`.
 */
export function tokenRetryDelay(error: ZohoAuthError, ctx: { tries: number; waitedMs: number }, policy: RetryPolicy): number | undefined {
  if (!TRANSIENT_AUTH_CODES.has(error.code) || ctx.tries >= policy.maxIdempotentAttempts) return undefined;
  const wait = error.retryAfterMs ?? backoffMs(policy, ctx.tries);
  if (ctx.waitedMs + wait > policy.maxTotalWaitMs) return undefined;
  return wait;
}
