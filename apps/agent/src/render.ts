/** Terminal output: plain text, with colour and a spinner only on a TTY (and never with NO_COLOR). */
import type { ConfirmRequest, AuditOutcome } from '@zoho-agent-kit/core';
import { redactText } from '@zoho-agent-kit/core';
import { SingleBar } from 'cli-progress';
import { renderForPeople } from './human.js';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
type StyleName = keyof typeof CODES;

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Everything the REPL prints goes through here. */
export class Renderer {
  readonly tty: boolean;
  private readonly colour: boolean;
  private spinner: { timer: NodeJS.Timeout; label: string; frame: number } | undefined;
  /** True when the cursor is not at the start of a line (streamed text). */
  private midLine = false;
  /** Print tool results as the model reads them (compact JSON) instead of tables and key–value blocks. */
  json = false;
  /** Where status lines (tool lines, spinner) go: stdout normally, stderr under --ask. */
  status: OutputStream;

  constructor(
    readonly out: OutputStream,
    readonly err: OutputStream,
    env: Record<string, string | undefined> = process.env,
    /** Values that must never be printed (API keys, client secrets). */
    private readonly secrets: readonly string[] = [],
  ) {
    this.tty = out.isTTY === true;
    this.colour = this.tty && !env.NO_COLOR && env.TERM !== 'dumb';
    this.status = out;
  }

  /** Terminal width for tables (120 when not a terminal). */
  get width(): number {
    return Math.max(40, this.out.columns ?? 120);
  }

  /** A tool result: the person's rendering, or with `json` the model's text. */
  result(text: string): void {
    if (this.json) {
      this.line(text);
      return;
    }
    this.line(renderForPeople(text, { width: this.width, bold: (t) => this.style('bold', t) }));
  }

  private bar: { bar: SingleBar; total: number } | undefined;

  /**
   * Bytes of a transfer (WorkDrive upload or download): a progress bar with rate and ETA on a terminal
   * (cli-progress, on stderr so stdout stays the answer); nothing when not a terminal.
   */
  progress(label: string, bytes: number, total?: number): void {
    if (this.err.isTTY !== true || !total) return;
    this.stopSpinner();
    if (!this.bar) {
      const bar = new SingleBar(
        {
          format: `${label} {bar} {percentage}% · {done}/{size} · {rate}/s · ETA {eta_formatted}`,
          stream: this.err as unknown as NodeJS.WritableStream,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 20,
        },
      );
      bar.start(total, 0, { done: mib(0), size: mib(total), rate: mib(0) });
      this.bar = { bar, total };
    }
    const started = (this.bar.bar as unknown as { startTime?: number }).startTime ?? Date.now();
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    this.bar.bar.update(Math.min(bytes, this.bar.total), { done: mib(bytes), size: mib(this.bar.total), rate: mib(bytes / seconds) });
    if (bytes >= this.bar.total) this.endProgress();
  }

  endProgress(): void {
    if (!this.bar) return;
    this.bar.bar.stop();
    this.bar = undefined;
  }

  /** A status line (tool line, note): on stdout normally, on stderr under --ask so stdout stays the answer. */
  statusLine(text = ''): void {
    if (this.status === this.out) return this.line(text);
    this.stopSpinner();
    this.status.write(`${this.clean(text)}\n`);
  }

  style(name: StyleName, text: string): string {
    if (!this.colour) return text;
    const [open, close] = CODES[name];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** Removes secrets from anything about to be printed. */
  clean(text: string): string {
    let out = redactText(text);
    for (const s of this.secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
    return out;
  }

  /** A whole line (or lines). */
  line(text = ''): void {
    this.stopSpinner();
    this.endStream();
    this.out.write(`${this.clean(text)}\n`);
  }

  error(text: string): void {
    this.stopSpinner();
    this.endStream();
    this.err.write(`${this.style('red', 'error:')} ${this.clean(text)}\n`);
  }

  /** Streamed model text, written as it arrives. */
  stream(text: string): void {
    if (!text) return;
    this.stopSpinner();
    this.out.write(this.clean(text));
    this.midLine = !text.endsWith('\n');
  }

  /** Ends a streamed answer with a newline if it did not end with one. */
  endStream(): void {
    if (this.midLine) {
      this.out.write('\n');
      this.midLine = false;
    }
  }

  startSpinner(label: string): void {
    if (!this.tty) return;
    this.stopSpinner();
    this.endStream();
    const spinner = { label, frame: 0, timer: setInterval(() => this.drawSpinner(), 80) };
    spinner.timer.unref?.();
    this.spinner = spinner;
    this.drawSpinner();
  }

  stopSpinner(): void {
    if (!this.spinner) return;
    clearInterval(this.spinner.timer);
    this.spinner = undefined;
    this.out.write('\r\u001b[2K');
  }

  private drawSpinner(): void {
    const s = this.spinner;
    if (!s) return;
    s.frame = (s.frame + 1) % FRAMES.length;
    this.out.write(`\r\u001b[2K${this.style('cyan', FRAMES[s.frame]!)} ${this.style('dim', s.label)}`);
  }

  /** One line per tool call: name, arguments (shortened), outcome, time. */
  toolLine(name: string, input: unknown, outcome: AuditOutcome, ms: number, label = OUTCOME_LABELS[outcome]): void {
    const mark = outcome === 'ok' ? this.style('green', '✓') : outcome === 'refused' || outcome === 'denied' ? this.style('yellow', '✗') : this.style('red', '✗');
    const args = shorten(formatArgs(input), 100);
    this.statusLine(`${mark} ${this.style('bold', name)}${args ? ` ${this.style('dim', args)}` : ''} ${this.style('dim', `· ${label} · ${ms} ms`)}`);
  }

  /** The confirmation block shown before a write: summary, exact payload, before/after for updates (on the status stream, so --ask's stdout stays the answer). */
  confirmation(request: ConfirmRequest): void {
    this.statusLine();
    this.statusLine(`${this.style('yellow', 'Confirm')} ${this.style('bold', request.summary)}`);
    this.statusLine(this.style('dim', `${request.tool} (${request.app}, ${request.access})`));
    if (request.before !== undefined) {
      const changes = diff(request.before, request.after);
      this.statusLine('Changes:');
      for (const c of changes.length ? changes : ['(no field changes)']) this.statusLine(`  ${c}`);
    } else if (request.after && typeof request.after === 'object') {
      // Nothing is sent yet: this is what the write will create, not a result.
      this.statusLine('Will create:');
      for (const [key, value] of Object.entries(request.after as Record<string, unknown>)) {
        if (value !== undefined) this.statusLine(`  ${key}: ${shorten(typeof value === 'string' ? value : JSON.stringify(value), 100)}`);
      }
    }
    this.statusLine('Payload to send:');
    this.statusLine(indent(pretty(request.payload), '  '));
  }
}

const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  ok: 'ok',
  error: 'failed',
  invalid: 'invalid input',
  refused: 'not sent (declined)',
  denied: 'not allowed',
};

export function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `key=value` pairs, JSON for nested values: the way a user would type the call in direct mode. */
export function formatArgs(input: unknown): string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input === undefined ? '' : JSON.stringify(input);
  return Object.entries(input as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /^[^\s"'=]+$/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** "field: old → new" for each top-level field that differs between before and after. */
export function diff(before: unknown, after: unknown): string[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const lines: string[] = [];
  for (const key of Object.keys(a)) {
    const from = JSON.stringify(b[key]) ?? '(empty)';
    const to = JSON.stringify(a[key]) ?? '(empty)';
    if (from !== to) lines.push(`${key}: ${shorten(from, 60)} → ${shorten(to, 60)}`);
  }
  return lines;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
