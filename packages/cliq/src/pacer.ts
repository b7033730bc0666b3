/**
 * A sliding-window pacer: at most `limit` starts in any `windowMs` (plus slack), waiting only when the window is
 * full. Cliq counts calls per minute per endpoint, so a burst of reads under the threshold may go at once; core's
 * limiter spaces every call evenly instead, which is right for an app's whole budget but would hold each message
 * read ~4 s behind the previous one here.
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
