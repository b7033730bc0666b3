/**
 * The interactive session: commands, direct tool calls or chat, confirmation before writes, Ctrl-C handling.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { closestNames, toolSummary, type AuditHook, type ConfirmHook, type ConfirmRequest, type FilesFolder, type ToolCallResult, type ZohoToolkit } from '@zoho-agent-kit/core';
import { ChatSession } from './agent.js';
import { EXIT } from './cli.js';
import { DirectInputError, looksLikeSentence, parseDirectCall } from './direct.js';
import { LineReader } from './lines.js';
import { describeModelFailure, type ModelSpec } from './model.js';
import type { LoadedPlugin } from './plugins.js';
import { shorten, type Renderer } from './render.js';
import { completeLine, scopesCommand, toolHelp } from './discover.js';
import { findRole, ROLES, roleNames, type Role } from './roles.js';
import { createRoleToolkit, unavailableApps } from './toolkit.js';
import type { ZohoTarget } from './zoho.js';

export interface ReplOptions {
  role: Role;
  plugins: readonly LoadedPlugin[];
  zoho: ZohoTarget;
  renderer: Renderer;
  lines: LineReader;
  /** Chat mode when set; direct mode otherwise. */
  model?: BaseChatModel | undefined;
  /** How to enable chat mode / which model is in use, for the banner. */
  modelDescription: string;
  /** The model's provider and host, for one-line failure messages. */
  modelSpec?: ModelSpec | undefined;
  /** The files folder, shown in the banner. */
  files?: FilesFolder | undefined;
  audit?: AuditHook | undefined;
  auditPath?: string | undefined;
  /** Replaces the interactive y/N question (tests). */
  confirm?: ConfirmHook | undefined;
}

export const COMMANDS = [
  ['/help', 'this help'],
  ['/tools', "the current role's tools by app and access (and apps not available yet)"],
  ['/tools NAME', "one tool's parameters, types, defaults and an example (also: NAME --help)"],
  ['/scopes', "the role's minimal OAuth scopes and the command that authorises them"],
  ['/role NAME', `switch role (${ROLES.map((r) => r.name).join(', ')})`],
  ['/json on|off', 'print results as the model reads them (compact JSON) or as tables (default)'],
  ['/emulator', "on the emulator: its URL and request counters"],
  ['/exit', 'leave (also Ctrl-D, or Ctrl-C twice)'],
] as const;

export class Repl {
  role: Role;
  toolkit!: ZohoToolkit;
  private chat: ChatSession | undefined;
  private running: AbortController | undefined;
  private interruptedIdle = false;
  private closed = false;
  private readonly r: Renderer;

  constructor(private readonly options: ReplOptions) {
    this.role = options.role;
    this.r = options.renderer;
    this.setRole(options.role);
    options.lines.onInterrupt(() => this.interrupt());
    options.lines.setCompleter((line) => completeLine(line, this.toolkit, COMMANDS.map(([c]) => c.split(' ')[0]!), roleNames()));
  }

  get chatMode(): boolean {
    return this.options.model !== undefined;
  }

  private setRole(role: Role): void {
    this.role = role;
    this.toolkit = createRoleToolkit({
      role,
      plugins: this.options.plugins,
      connection: this.options.zoho.connection,
      confirm: this.options.confirm ?? ((request) => this.askConfirmation(request)),
      ...(this.options.audit ? { audit: this.options.audit } : {}),
      pluginOptions: this.options.zoho.pluginOptions,
    });
    this.chat = this.options.model
      ? new ChatSession({
          model: this.options.model,
          toolkit: this.toolkit,
          role,
          events: {
            text: (chunk) => this.r.stream(chunk),
            toolStart: (name) => this.r.startSpinner(`${name}…`),
            toolProgress: (name, bytes, total) => this.r.progress(name, bytes, total),
            toolEnd: (name, input, outcome, ms, text) => {
              this.r.endProgress();
              const known = this.toolkit.all.some((t) => t.name === name);
              this.r.toolLine(name, input, outcome, ms, known ? undefined : 'unknown tool');
              if (outcome !== 'ok') this.r.statusLine(this.r.style('dim', `  ${shorten(text, 300)}`));
              this.r.startSpinner('thinking…');
            },
          },
        })
      : undefined;
  }

  /** The y/N question before a write, read from the same line reader as commands. */
  private async askConfirmation(request: ConfirmRequest): Promise<boolean> {
    this.r.confirmation(request);
    if (this.running?.signal.aborted) return false;
    const answer = await this.options.lines.next('Send this to Zoho? [y/N] (y or yes sends) ', { pipedPrompt: true });
    const yes = /^\s*y(es)?\s*$/i.test(answer ?? '');
    if (!yes) this.r.statusLine(this.r.style('yellow', 'Not sent.'));
    if (yes) this.r.startSpinner(`sending ${request.tool}…`);
    return yes;
  }

  banner(): string[] {
    const { zoho } = this.options;
    const lines = [
      `${this.r.style('bold', 'Zoho Agent Kit')} — ${this.role.name} (${this.role.title})`,
      `Zoho: ${zoho.description}`,
    ];
    if (zoho.emulator) {
      lines.push(`emulator: ${zoho.emulator.url}`);
      lines.push(
        this.r.style(
          'dim',
          zoho.emulatorReason === 'forced'
            ? '--emulator: the ZOHO_* configuration is ignored; nothing reaches your Zoho account.'
            : 'No ZOHO_* configuration, so this runs on the emulator: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN to use your account.',
        ),
      );
    }
    if (this.chatMode) {
      lines.push(`Model: ${this.options.modelDescription}`);
    } else {
      lines.push('Mode: direct (no chat model). Call tools as `tool_name {"key": "value"}` or `tool_name key=value`.');
      lines.push(this.r.style('dim', `For chat mode: ${this.options.modelDescription}`));
    }
    const missing = unavailableApps(this.role, this.options.plugins);
    lines.push(`Tools: ${this.toolkit.allowed.length} for ${this.role.name} (/tools)${missing.length ? `; not available yet: ${missing.join(', ')}` : ''}`);
    if (this.options.files) lines.push(`Files: ${this.options.files.root} (attachments, uploads, downloads; nothing outside it)`);
    if (this.options.auditPath) lines.push(this.r.style('dim', `Audit log: ${this.options.auditPath}`));
    lines.push(this.r.style('dim', 'Type /help for commands, /exit to leave.'));
    return lines;
  }

  /** Reads and handles lines until /exit or end of input. */
  async loop(): Promise<void> {
    while (!this.closed) {
      const line = await this.options.lines.next(`${this.role.name.toLowerCase()}> `);
      if (line === null) break;
      this.interruptedIdle = false;
      await this.handle(line);
    }
    this.closed = true;
  }

  /** Handles one line: a command, a direct call or a chat question. Returns the call outcome when one ran. */
  async handle(input: string): Promise<ToolCallResult['outcome'] | 'command' | 'empty' | 'failed' | 'usage'> {
    const line = input.trim();
    if (!line) return 'empty';
    if (line.startsWith('/')) {
      this.command(line);
      return 'command';
    }
    return this.chatMode ? this.askModel(line) : this.callDirect(line);
  }

  private command(line: string): void {
    const [command = '', ...args] = line.split(/\s+/);
    switch (command.toLowerCase()) {
      case '/help':
        return this.help();
      case '/tools':
        return args[0] ? this.toolDetails(args[0]) : this.tools();
      case '/json': {
        const want = args[0]?.toLowerCase();
        if (want === 'on' || want === 'off') this.r.json = want === 'on';
        else if (want) return this.r.error('use /json on or /json off');
        this.r.line(`Results print ${this.r.json ? 'as the model reads them (JSON)' : 'as tables and key–value blocks'}; /json ${this.r.json ? 'off' : 'on'} switches.`);
        return;
      }
      case '/scopes':
        return this.scopes();
      case '/role': {
        const name = args[0];
        if (!name) {
          this.r.line(`Current role: ${this.role.name} (${this.role.title}). Roles: ${roleNames().join(', ')}`);
          return;
        }
        const role = findRole(name);
        if (!role) {
          this.r.error(`unknown role "${name}"; valid roles: ${roleNames().join(', ')}`);
          return;
        }
        this.setRole(role);
        this.r.line(`Role: ${role.name} (${role.title}) — ${this.toolkit.allowed.length} tools.${this.chatMode ? ' Conversation cleared.' : ''}`);
        return;
      }
      case '/exit':
      case '/quit':
        this.close();
        return;
      case '/emulator':
        return this.emulatorStatus();
      default:
        this.r.error(`unknown command ${command}; commands: ${[...new Set(COMMANDS.map(([c]) => c.split(' ')[0]))].join(', ')}`);
    }
  }

  private help(): void {
    this.r.line('Commands:');
    for (const [name, what] of COMMANDS) this.r.line(`  ${name.padEnd(14)} ${what}`);
    this.r.line('Tab completes commands, tool names and parameter names.');
    if (this.chatMode) {
      this.r.line('Anything else is a question for the agent. Ctrl-C cancels a running answer.');
    } else {
      this.r.line('Anything else is a tool call: tool_name {"key": "value"} or tool_name key=value …');
      this.r.line('  (values: numbers, true/false and JSON are parsed, the rest are strings; quote to keep a string)');
      this.r.line(`  e.g. ${this.exampleCall()}`);
      this.r.line(`For chat mode: ${this.options.modelDescription}`);
    }
    this.r.line('Writes show the exact payload and wait for an answer: y or yes sends, anything else sends nothing. Ctrl-C cancels a running call and drops lines typed meanwhile.');
  }

  private exampleCall(): string {
    const names = this.toolkit.allowed.map((t) => t.name);
    if (names.includes('crm_search')) return 'crm_search module=Leads word=Zylker';
    if (names.includes('books_list_invoices')) return 'books_list_invoices status=overdue';
    return names[0] ? `${names[0]} {}` : '(no tools)';
  }

  private tools(): void {
    const allowed = this.toolkit.allowed;
    this.r.line(`Tools for ${this.role.name} (${this.role.title}):`);
    if (allowed.length === 0) this.r.line('  (none)');
    const width = Math.max(...allowed.map((t) => t.name.length), 10);
    for (const app of [...new Set(allowed.map((t) => t.app))]) {
      this.r.line(`  ${this.r.style('bold', app)}`);
      for (const access of ['read', 'write', 'destructive'] as const) {
        const group = allowed.filter((x) => x.app === app && x.access === access);
        if (group.length === 0) continue;
        this.r.line(`    ${this.r.style('dim', access)}`);
        for (const t of group) this.r.line(`      ${t.name.padEnd(width)}  ${toolSummary(t)}`);
      }
    }
    const missing = unavailableApps(this.role, this.options.plugins);
    if (missing.length) this.r.line(`Not available yet (no plugin installed): ${missing.join(', ')}`);
    this.r.line(this.r.style('dim', 'Type /tools NAME (or NAME --help) for a tool\'s parameters and an example.'));
  }

  private toolDetails(name: string): void {
    const tool = this.toolkit.all.find((t) => t.name === name);
    if (!tool) {
      const close = closestNames(name, this.toolkit.allowed.map((t) => t.name));
      this.r.error(`no tool "${name}"${close.length ? `; did you mean ${close.join(', ')}?` : '; type /tools for the list'}`);
      return;
    }
    const allowed = this.toolkit.allowed.includes(tool);
    this.r.line(toolHelp(tool, { allowed, role: this.role.name, width: this.r.width, bold: (t) => this.r.style('bold', t) }));
  }

  private scopes(): void {
    const scopes = this.toolkit.scopes;
    this.r.line(`Minimal OAuth scopes for ${this.role.name} (${scopes.length}):`);
    for (const s of scopes) this.r.line(`  ${s}`);
    this.r.line();
    this.r.line('Authorise them with:');
    for (const l of scopesCommand(scopes)) this.r.line(`  ${l}`);
  }

  private emulatorStatus(): void {
    const emu = this.options.zoho.emulator;
    if (!emu) {
      this.r.line('Not running on the emulator.');
      return;
    }
    this.r.line(`emulator: ${emu.url}`);
    for (const c of emu.counters.list()) this.r.line(`counter: ${JSON.stringify(c)}`);
  }

  private async callDirect(line: string): Promise<ToolCallResult['outcome'] | 'failed' | 'usage' | 'command'> {
    const help = /^([a-z][a-z0-9_]*)\s+(--help|-h)\s*$/.exec(line.trim());
    if (help) {
      this.toolDetails(help[1]!);
      return 'command';
    }
    let call;
    try {
      call = parseDirectCall(line);
    } catch (err) {
      if (!(err instanceof DirectInputError)) throw err;
      if (looksLikeSentence(line, this.toolkit.all.map((t) => t.name))) {
        this.r.error(`"${shorten(line, 60)}" reads as a question, but there is no chat model, so this is direct mode: type a tool call (e.g. ${this.exampleCall()}), or start with a model for chat mode: ${this.options.modelDescription}`);
      } else this.r.error(err.message);
      return 'usage';
    }
    return this.withAbort(async (signal) => {
      this.r.startSpinner(`${call.name}…`);
      const started = Date.now();
      const result = await this.toolkit.call(call.name, call.input, { signal, onProgress: (bytes, total) => this.r.progress(call.name, bytes, total) });
      this.r.endProgress();
      if (signal.aborted && result.outcome !== 'ok') {
        this.r.line(this.r.style('yellow', 'Cancelled.'));
        return 'failed';
      }
      const known = this.toolkit.all.some((t) => t.name === call.name);
      this.r.toolLine(call.name, call.input, result.outcome, Date.now() - started, known ? undefined : 'unknown tool');
      if (result.outcome === 'ok') this.r.result(result.text);
      else if (this.r.status !== this.r.out) this.r.statusLine(result.text);
      else this.r.line(result.text);
      return result.outcome;
    });
  }

  private async askModel(question: string): Promise<ToolCallResult['outcome'] | 'failed'> {
    const chat = this.chat!;
    return this.withAbort(async (signal) => {
      this.r.startSpinner('thinking…');
      try {
        await chat.ask(question, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        // One line: which model, where, and why — not the provider's raw message after a long silence.
        throw new Error(this.options.modelSpec ? describeModelFailure(this.options.modelSpec, err) : `the model failed: ${(err as Error).message ?? String(err)}`);
      }
      this.r.endStream();
      return 'ok' as const;
    });
  }

  /** Runs one unit of work that Ctrl-C can cancel without ending the session. */
  private async withAbort<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T | 'failed'> {
    const controller = new AbortController();
    this.running = controller;
    // Lines typed while it runs are queued, not echoed over the spinner.
    this.options.lines.setBusy(true);
    try {
      return await work(controller.signal);
    } catch (err) {
      if (controller.signal.aborted) {
        this.r.line(this.r.style('yellow', 'Cancelled.'));
      } else {
        this.r.error((err as Error).message ?? String(err));
      }
      return 'failed';
    } finally {
      this.r.stopSpinner();
      this.running = undefined;
      this.options.lines.setBusy(false);
    }
  }

  /** Ctrl-C: cancels the running call; at an idle prompt, a second one exits. */
  interrupt(): void {
    if (this.running) {
      this.running.abort(new Error('cancelled by the user'));
      this.options.lines.cancelPending();
      // Lines typed while it ran (a queued /exit included) are dropped, not run after the cancel.
      const dropped = this.options.lines.clearQueued();
      if (dropped > 0) this.r.line(this.r.style('dim', `(Dropped ${dropped} line${dropped > 1 ? 's' : ''} typed while it ran.)`));
      return;
    }
    if (this.interruptedIdle) {
      this.close();
      return;
    }
    this.interruptedIdle = true;
    this.r.line();
    this.r.line(this.r.style('dim', '(Press Ctrl-C again to exit, or type /exit.)'));
    this.options.lines.reprompt();
  }

  close(): void {
    this.closed = true;
    this.options.lines.close();
  }

  /** One question or one direct call, for --ask; returns the exit code. */
  async once(text: string): Promise<number> {
    const outcome = await this.handle(text);
    switch (outcome) {
      case 'ok':
      case 'command':
      case 'empty':
        return EXIT.ok;
      case 'refused':
        return EXIT.declined;
      case 'invalid':
      case 'usage':
        return EXIT.usage;
      default:
        return EXIT.failed;
    }
  }
}
