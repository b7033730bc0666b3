/**
 * The interactive session: commands, direct tool calls or chat, confirmation before writes, Ctrl-C handling.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AuditHook, ConfirmHook, ConfirmRequest, ToolCallResult, ZohoToolkit } from '@zoho-agent-kit/core';
import { ChatSession } from './agent.js';
import { DirectInputError, parseDirectCall } from './direct.js';
import { LineReader } from './lines.js';
import type { LoadedPlugin } from './plugins.js';
import { pretty, shorten, type Renderer } from './render.js';
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
  audit?: AuditHook | undefined;
  auditPath?: string | undefined;
  /** Replaces the interactive y/N question (tests). */
  confirm?: ConfirmHook | undefined;
}

const COMMANDS = [
  ['/help', 'this help'],
  ['/tools', "the current role's tools (and apps not available yet)"],
  ['/scopes', "the role's minimal OAuth scopes, for zoho-auth login --scopes"],
  ['/role NAME', `switch role (${ROLES.map((r) => r.name).join(', ')})`],
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
            toolEnd: (name, input, outcome, ms, text) => {
              const known = this.toolkit.all.some((t) => t.name === name);
              this.r.toolLine(name, input, outcome, ms, known ? undefined : 'unknown tool');
              if (outcome !== 'ok') this.r.line(this.r.style('dim', `  ${shorten(text, 300)}`));
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
    const answer = await this.options.lines.next('Send this to Zoho? [y/N] ', { pipedPrompt: true });
    const yes = /^\s*y(es)?\s*$/i.test(answer ?? '');
    if (!yes) this.r.line(this.r.style('yellow', 'Not sent.'));
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
  async handle(input: string): Promise<ToolCallResult['outcome'] | 'command' | 'empty' | 'failed'> {
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
        return this.tools();
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
        this.r.error(`unknown command ${command}; commands: ${COMMANDS.map(([c]) => c.split(' ')[0]).join(', ')}`);
    }
  }

  private help(): void {
    this.r.line('Commands:');
    for (const [name, what] of COMMANDS) this.r.line(`  ${name.padEnd(12)} ${what}`);
    if (this.options.zoho.emulator) this.r.line(`  ${'/emulator'.padEnd(12)} the emulator's URL and request counters`);
    if (this.chatMode) {
      this.r.line('Anything else is a question for the agent. Ctrl-C cancels a running answer.');
    } else {
      this.r.line('Anything else is a tool call: tool_name {"key": "value"} or tool_name key=value …');
      this.r.line('  (values: numbers, true/false and JSON are parsed, the rest are strings; quote to keep a string)');
      this.r.line(`  e.g. ${this.exampleCall()}`);
      this.r.line(`For chat mode: ${this.options.modelDescription}`);
    }
    this.r.line('Writes show the exact payload and wait for y/N. Ctrl-C cancels a running call.');
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
    const apps = [...new Set(allowed.map((t) => t.app))];
    for (const app of apps) {
      const levels = this.role.policy.apps[app] ?? [];
      const extra = (this.role.policy.allowTools ?? []).filter((name) => allowed.some((t) => t.name === name && t.app === app));
      const access = [levels.join(', '), extra.length ? `also ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
      this.r.line(`  ${this.r.style('bold', app)}${access ? ` (${access})` : ''}`);
      for (const t of allowed.filter((x) => x.app === app)) {
        const first = t.description.split(/(?<=\.)\s/)[0] ?? '';
        this.r.line(`    ${t.name.padEnd(24)} ${t.access.padEnd(11)} ${this.r.style('dim', shorten(first, 70))}`);
      }
    }
    const missing = unavailableApps(this.role, this.options.plugins);
    if (missing.length) this.r.line(`Not available yet (no plugin installed): ${missing.join(', ')}`);
  }

  private scopes(): void {
    const scopes = this.toolkit.scopes;
    this.r.line(`Minimal OAuth scopes for ${this.role.name} (${scopes.length}):`);
    for (const s of scopes) this.r.line(`  ${s}`);
    this.r.line();
    this.r.line('Authorise them with:');
    this.r.line(`  zoho-auth login --scopes ${scopes.join(',')}`);
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

  private async callDirect(line: string): Promise<ToolCallResult['outcome'] | 'failed'> {
    let call;
    try {
      call = parseDirectCall(line);
    } catch (err) {
      if (!(err instanceof DirectInputError)) throw err;
      this.r.error(err.message);
      return 'failed';
    }
    return this.withAbort(async (signal) => {
      this.r.startSpinner(`${call.name}…`);
      const started = Date.now();
      const result = await this.toolkit.call(call.name, call.input, { signal });
      const known = this.toolkit.all.some((t) => t.name === call.name);
      this.r.toolLine(call.name, call.input, result.outcome, Date.now() - started, known ? undefined : 'unknown tool');
      this.r.line(result.outcome === 'ok' ? pretty(result.text) : result.text);
      return result.outcome;
    });
  }

  private async askModel(question: string): Promise<ToolCallResult['outcome'] | 'failed'> {
    const chat = this.chat!;
    return this.withAbort(async (signal) => {
      this.r.startSpinner('thinking…');
      await chat.ask(question, signal);
      this.r.endStream();
      return 'ok' as const;
    });
  }

  /** Runs one unit of work that Ctrl-C can cancel without ending the session. */
  private async withAbort<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T | 'failed'> {
    const controller = new AbortController();
    this.running = controller;
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
    }
  }

  /** Ctrl-C: cancels the running call; at an idle prompt, a second one exits. */
  interrupt(): void {
    if (this.running) {
      this.running.abort(new Error('cancelled by the user'));
      this.options.lines.cancelPending();
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
    return outcome === 'ok' || outcome === 'command' || outcome === 'empty' ? 0 : 1;
  }
}
