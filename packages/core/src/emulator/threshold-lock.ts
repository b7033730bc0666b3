/**
 * "Threshold, then lock": the limit style of Zoho apps that, once a caller crosses `limit` calls in
 * `windowMs`, refuse every call for `lockMs` (Projects: 100 in 2 minutes, then 30 minutes; Cliq: per
 * endpoint, e.g. 15 message reads a minute, then 5 minutes). A slice keeps the log in its state (so
 * `emu.reset()` clears it) and answers a refusal in its own envelope.
 */
export interface ThresholdLimit {
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** One caller's recent calls and lock. */
export interface ThresholdEntry {
  sends: number[];
  lockedUntil: number;
}

/** Why a call is refused: still locked, or this call crossed the threshold and started the lock. */
export interface ThresholdRefusal {
  retryAfterMs: number;
  justLocked: boolean;
}

/**
 * Counts a call of `key` at `now`; returns the refusal when the key is locked or this call crosses the
 * threshold (which locks it; `clearOnLock` forgets the calls before the lock, as Projects does).
 */
export function thresholdLock(log: Map<string, ThresholdEntry>, key: string, now: number, limit: ThresholdLimit, options: { clearOnLock?: boolean } = {}): ThresholdRefusal | undefined {
  const entry = log.get(key) ?? { sends: [], lockedUntil: 0 };
  log.set(key, entry);
  if (now < entry.lockedUntil) return { retryAfterMs: entry.lockedUntil - now, justLocked: false };
  entry.sends = entry.sends.filter((t) => t > now - limit.windowMs);
  if (entry.sends.length >= limit.limit) {
    entry.lockedUntil = now + limit.lockMs;
    if (options.clearOnLock) entry.sends = [];
    return { retryAfterMs: limit.lockMs, justLocked: true };
  }
  entry.sends.push(now);
  return undefined;
}
