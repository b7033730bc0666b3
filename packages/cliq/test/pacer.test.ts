import { describe, expect, it } from 'vitest';
import { SlidingWindowPacer } from '../src/pacer.js';

describe('SlidingWindowPacer', () => {
  it('lets a burst up to the limit start at once, then holds the next until the oldest leaves the window', async () => {
    const pacer = new SlidingWindowPacer(3, 300, 20);
    const t0 = Date.now();
    const starts = await Promise.all([0, 1, 2, 3].map(() => pacer.run(async () => Date.now() - t0)));
    expect(starts.slice(0, 3).every((t) => t < 100)).toBe(true);
    expect(starts[3]).toBeGreaterThanOrEqual(320);
  });

  it('serves callers in order, and a cancelled wait gives up without taking a start', async () => {
    const pacer = new SlidingWindowPacer(1, 300, 0);
    const order: number[] = [];
    await pacer.run(async () => order.push(1));
    const controller = new AbortController();
    const cancelled = pacer.run(async () => order.push(99), controller.signal);
    const next = pacer.run(async () => order.push(2));
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(cancelled).rejects.toThrow('stop');
    await next;
    expect(order).toEqual([1, 2]);
  });

  it('refuses a limit below 1', () => {
    expect(() => new SlidingWindowPacer(0, 1000)).toThrow(/at least 1/);
  });
});
