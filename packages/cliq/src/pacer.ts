/**
 * A sliding-window pacer: at most `limit` starts in any `windowMs` (plus slack), waiting only when the window is
 * full, so a burst under the limit goes at once (core's limiter spaces every call evenly instead, which would hold
 * each message read ~4 s behind the previous one). Its count is in memory, per client and so per process: it is
 * not shared through Redis or with other workers. Cliq counts per endpoint and user, so N processes reading one
 * account's messages can together make N times the limit; each should get `messageReads` of about 1/N of it.
 */
export class SlidingWindowPacer {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Slack for clock and network jitter (default 2 % of the window, at least 250 ms). */
    readonly slackMs = Math.max(250, windowMs * 0.02),
  ) {
    if (!(limit >= 1)) throw new Error(`a pacer needs a limit of at least 1, not ${limit}`);
  }

  /** Runs `fn` once a start is free in the window; callers are served in order. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    await turn;
    return fn();
  }

  private async take(signal?: AbortSignal): Promise<void> {
    const span = this.windowMs + this.slackMs;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      while (this.starts.length && this.starts[0]! <= now - span) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      const wait = this.starts[0]! + span - now + 1;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal!.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }
}
