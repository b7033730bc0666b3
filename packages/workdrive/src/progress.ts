/**
 * Transfer progress for a progress bar. Give `onProgress` in the plugin's options
 * (`pluginOptions: { workdrive: { onProgress } }`); each upload and download then reports events like
 *
 * ```ts
 * { transfer: 3, direction: 'upload', name: 'reel.mov', bytes: 52428800, total: 734003200, source: 'client', done: false, elapsedMs: 812 }
 * ```
 *
 * `bytes` is what this process has sent or received so far (`source: 'client'`, from core's `onProgress` on
 * the streamed body), or — during a stream upload — what WorkDrive's progress endpoint says it has received
 * (`source: 'server'`). Events come at most every `minBytes` (1 MiB) or `minIntervalMs` (200 ms), plus one
 * last event with `done: true` when the transfer ends (completed, failed or cancelled). Rate and ETA follow
 * from `bytes`, `total` and `elapsedMs` (e.g. with `cli-progress`).
 */
export interface WorkDriveTransferProgress {
  /** Identifies one transfer (several may run at once). */
  transfer: number;
  direction: 'upload' | 'download';
  /** The file's name in WorkDrive. */
  name: string;
  /** Bytes moved so far. */
  bytes: number;
  /** Size of the file, when known. */
  total?: number;
  /** `client`: bytes this process sent or received; `server`: bytes WorkDrive reports received (stream uploads). */
  source: 'client' | 'server';
  /** The last event of the transfer. */
  done: boolean;
  /** Milliseconds since the transfer started. */
  elapsedMs: number;
}

export type WorkDriveProgressListener = (event: WorkDriveTransferProgress) => void;

let transfers = 0;

export class ProgressReporter {
  constructor(
    private readonly listener: WorkDriveProgressListener | undefined,
    private readonly minBytes = 1024 * 1024,
    private readonly minIntervalMs = 200,
  ) {}

  /**
   * A transfer's progress, reported to the client's listener and to this call's own (`perCall`), if any. The call's
   * listener gets the bytes this process moved only: the server's count (stream uploads) lags behind them, and
   * mixing both would make one bar go backwards.
   */
  start(direction: WorkDriveTransferProgress['direction'], name: string, total?: number, perCall?: (bytes: number, total?: number) => void): TransferProgress {
    const own = this.listener;
    const call: WorkDriveProgressListener | undefined = perCall ? (e) => void (e.source === 'client' && perCall(e.bytes, e.total)) : undefined;
    const listener: WorkDriveProgressListener | undefined = own && call ? (e) => (own(e), call(e)) : (own ?? call);
    return new TransferProgress(listener, ++transfers, direction, name, total, this.minBytes, this.minIntervalMs);
  }
}

export class TransferProgress {
  private readonly started = Date.now();
  private bytes = 0;
  private lastBytes = -1;
  private lastAt = 0;
  private ended = false;

  constructor(
    private readonly listener: WorkDriveProgressListener | undefined,
    readonly id: number,
    private readonly direction: WorkDriveTransferProgress['direction'],
    private readonly name: string,
    private total: number | undefined,
    private readonly minBytes: number,
    private readonly minIntervalMs: number,
  ) {}

  /** Bytes this process moved. */
  client(bytes: number, total?: number): void {
    if (total !== undefined) this.total ??= total;
    this.bytes = bytes;
    this.maybeEmit('client', bytes);
  }

  /** Bytes the server says it has (stream uploads). */
  server(bytes: number): void {
    this.maybeEmit('server', bytes, true);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('client', this.bytes, true);
  }

  private maybeEmit(source: WorkDriveTransferProgress['source'], bytes: number, always = false): void {
    if (this.ended || !this.listener) return;
    const now = Date.now();
    const complete = this.total !== undefined && bytes >= this.total;
    if (!always && !complete && bytes - this.lastBytes < this.minBytes && now - this.lastAt < this.minIntervalMs) return;
    if (source === 'client') {
      this.lastBytes = bytes;
      this.lastAt = now;
    }
    this.emit(source, bytes, false);
  }

  private emit(source: WorkDriveTransferProgress['source'], bytes: number, done: boolean): void {
    if (!this.listener) return;
    const event: WorkDriveTransferProgress = { transfer: this.id, direction: this.direction, name: this.name, bytes, source, done, elapsedMs: Date.now() - this.started };
    if (this.total !== undefined) event.total = this.total;
    try {
      this.listener(event);
    } catch {
      // A progress display must never break a transfer.
    }
  }
}
