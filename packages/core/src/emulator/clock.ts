import type { Clock } from './types.js';

/** A clock tests can move forward by hand, to expire tokens and rate windows instantly. */
export interface ManualClock {
  now: Clock;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createManualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}
