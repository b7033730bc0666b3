import type { ZohoApiError } from './errors.js';

export interface RetryPolicy {
  /** Total attempts for one call, the first included. */
  maxAttempts: number;
  /** Upper bound on the summed waits between attempts; a longer Retry-After fails the call at once. */
  maxTotalWaitMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, maxTotalWaitMs: 30_000, baseDelayMs: 300, maxDelayMs: 8_000 };

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

/**
 * One policy for every app: a request the server rejected unprocessed (throttled) may be resent for any
 * method; 5xx, resets and timeouts only for idempotent calls; a streamed body never. Returns the wait
 * before the next attempt, or undefined to give up.
 */
export function retryDelay(error: ZohoApiError, ctx: RetryContext, policy: RetryPolicy): number | undefined {
  if (ctx.streamed || ctx.attempt >= policy.maxAttempts) return undefined;
  const unprocessed = error.kind === 'throttled' || (error.kind === 'network' && error.code === 'CONNECT_FAILED');
  const transient = error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout';
  if (!unprocessed && !(transient && ctx.idempotent)) return undefined;
  const wait = error.retryAfterMs ?? backoffMs(policy, ctx.attempt);
  if (ctx.waitedMs + wait > policy.maxTotalWaitMs) return undefined;
  return wait;
}
