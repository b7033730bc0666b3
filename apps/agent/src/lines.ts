import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

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

  constructor(
    input: Readable,
    private readonly output: Writable,
    private readonly terminal: boolean,
  ) {
    this.rl = createInterface({ input, output, terminal, historySize: terminal ? 200 : 0 });
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

  /**
   * The next line, or null at end of input. The prompt is shown on a terminal; with piped input only when
   * `pipedPrompt` is set (questions), followed by a newline so transcripts stay line-based.
   */
  next(prompt: string, options: { pipedPrompt?: boolean } = {}): Promise<string | null> {
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    } else if (options.pipedPrompt) {
      this.output.write(`${prompt.trimEnd()}\n`);
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
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
