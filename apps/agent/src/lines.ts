import { createInterface, type Interface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';

export type Completer = (line: string) => [string[], string];

/**
 * One reader for every line the user types — commands and y/N answers alike — so confirmation reads from
 * the same readline as the REPL. Works with a TTY and with piped stdin (lines are queued as they arrive).
 */
export class LineReader {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private ended = false;
  private interruptHandler: (() => void) | undefined;
  private completer: Completer | undefined;
  /** While a call runs, readline's echo of typed keys is dropped (the spinner owns the line). */
  private muted = false;
  private busy = false;

  constructor(
    input: Readable,
    private readonly output: Writable,
    private readonly terminal: boolean,
  ) {
    // readline writes its prompt and the echo of typed keys through this; muted while a call runs.
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.muted) output.write(chunk);
        done();
      },
    });
    Object.defineProperty(echo, 'columns', { get: () => (output as { columns?: number }).columns });
    Object.defineProperty(echo, 'isTTY', { get: () => (output as { isTTY?: boolean }).isTTY });
    this.rl = createInterface({
      input,
      output: echo,
      terminal,
      historySize: terminal ? 200 : 0,
      ...(terminal ? { completer: (line: string) => this.completer?.(line) ?? [[], line] } : {}),
    });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else {
        this.queue.push(line);
      }
    });
    this.rl.on('close', () => {
      this.ended = true;
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.(null);
    });
    // On a TTY readline turns Ctrl-C into this event instead of a process signal.
    this.rl.on('SIGINT', () => this.interruptHandler?.());
  }

  onInterrupt(handler: () => void): void {
    this.interruptHandler = handler;
  }

  /** Tab completion (terminal only). */
  setCompleter(completer: Completer): void {
    this.completer = completer;
  }

  /** A call is running: typed lines are queued without echo until it ends. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.muted = busy && this.terminal;
  }

  /** Drops lines typed ahead (Ctrl-C during a call); returns how many. */
  clearQueued(): number {
    const n = this.queue.length;
    this.queue.length = 0;
    if (this.terminal) this.rl.write(null, { ctrl: true, name: 'u' });
    return n;
  }

  /**
   * The next line, or null at end of input. The prompt is shown on a terminal; with piped input only when
   * `pipedPrompt` is set (questions), followed by a newline so transcripts stay line-based.
   */
  next(prompt: string, options: { pipedPrompt?: boolean } = {}): Promise<string | null> {
    // A question asked during a call (y/N) is answered with echo on.
    this.muted = false;
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    } else if (options.pipedPrompt) {
      this.output.write(`${prompt.trimEnd()}\n`);
    }
    const relock = (line: string | null) => {
      this.muted = this.busy && this.terminal;
      return line;
    };
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(relock(queued));
    if (this.ended) return Promise.resolve(relock(null));
    return new Promise((resolve) => {
      this.waiting = (line) => resolve(relock(line));
    });
  }

  /** Resolves a pending `next` with null (used when Ctrl-C cancels a confirmation question). */
  cancelPending(): boolean {
    const resolve = this.waiting;
    if (!resolve) return false;
    this.waiting = undefined;
    resolve(null);
    return true;
  }

  /** Shows the prompt again (after a message printed at an idle prompt). */
  reprompt(): void {
    if (this.terminal && this.waiting) this.rl.prompt();
  }

  close(): void {
    this.rl.close();
  }
}
