import diagnostics_channel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Arrival times of requests at the in-process emulator (node:http's `http.server.request.start`
 * diagnostics channel), to see how evenly the limiter's calls actually reach the server.
 */
export function trackArrivals(match: (url: string) => boolean): { times: number[]; stop(): void } {
  const times: number[] = [];
  const onStart = (message: unknown) => {
    const req = (message as { request: IncomingMessage }).request;
    if (match(req.url ?? '')) times.push(performance.timeOrigin + performance.now());
  };
  diagnostics_channel.subscribe('http.server.request.start', onStart);
  return { times, stop: () => diagnostics_channel.unsubscribe('http.server.request.start', onStart) };
}

export interface ArrivalStats {
  arrivals: number;
  /** Most arrivals in any span of windowMs (the emulator's sliding window). */
  maxInWindow: number;
  /** Arrivals that found ≥ limit earlier arrivals in the window before them. */
  overLimit: number;
  minGapMs: number;
  p1GapMs: number;
  /** Gaps shorter than minTime − 5 ms (the limiter started a call late, the next on schedule). */
  shortGaps: number;
}

export function analyseArrivals(times: readonly number[], windowMs: number, limit: number, minTimeMs: number): ArrivalStats {
  const t = [...times].sort((a, b) => a - b);
  let maxInWindow = 0;
  let overLimit = 0;
  let lo = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[lo]! <= t[i]! - windowMs) lo++;
    const inWindow = i - lo + 1;
    maxInWindow = Math.max(maxInWindow, inWindow);
    if (inWindow > limit) overLimit++;
  }
  const gaps = t.slice(1).map((v, i) => v - t[i]!).sort((a, b) => a - b);
  return {
    arrivals: t.length,
    maxInWindow,
    overLimit,
    minGapMs: gaps[0] ?? NaN,
    p1GapMs: gaps[Math.floor(gaps.length * 0.01)] ?? NaN,
    shortGaps: gaps.filter((g) => g < minTimeMs - 5).length,
  };
}
