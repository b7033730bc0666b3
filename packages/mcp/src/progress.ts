import type { ProgressNotification } from '@modelcontextprotocol/sdk/types.js';

type ProgressToken = string | number;
type Send = (notification: ProgressNotification) => Promise<void>;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * `notifications/progress` for one tool call whose client sent a progress token. Until a tool reports its
 * own progress, a heartbeat every `intervalMs` says the call is still running and in which phase (waiting
 * for the person's confirmation, sending); once a transfer reports bytes (`transferred`), those replace it.
 * Progress values only ever increase, as MCP requires; nothing is sent after `stop()`.
 */
export class CallProgress {
  private last = 0;
  private ticks = 0;
  private timer: NodeJS.Timeout | undefined;
  private phaseText = 'running';
  private readonly started = Date.now();
  private lastBytesAt = 0;
  private stopped = false;

  constructor(
    private readonly token: ProgressToken | undefined,
    private readonly send: Send,
    private readonly intervalMs: number,
  ) {}

  get enabled(): boolean {
    return this.token !== undefined && !this.stopped;
  }

  start(): void {
    if (!this.enabled || this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.ticks += 1;
      this.emit(this.ticks, undefined, `${this.phaseText} (${Math.round((Date.now() - this.started) / 1000)} s)`);
    }, this.intervalMs);
    this.timer.unref();
  }

  /** What the call is doing now, for the heartbeat's message. */
  phase(text: string): void {
    this.phaseText = text;
  }

  /** A transfer's running byte count (and total when known): the shape of core's ProgressListener. */
  transferred(bytes: number, total?: number): void {
    if (!this.enabled || !Number.isFinite(bytes)) return;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    const now = Date.now();
    const done = total !== undefined && bytes >= total;
    if (!done && now - this.lastBytesAt < 200) return; // at most five a second, and always the last one
    this.lastBytesAt = now;
    this.emit(bytes, total, `${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''} transferred`);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit(progress: number, total: number | undefined, message: string): void {
    if (this.stopped || this.token === undefined || progress <= this.last) return;
    this.last = progress;
    const params: ProgressNotification['params'] = { progressToken: this.token, progress, message };
    if (total !== undefined) params.total = total;
    this.send({ method: 'notifications/progress', params }).catch(() => {
      // A lost progress notification must never fail the call.
    });
  }
}
