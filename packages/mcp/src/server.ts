import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  SetLevelRequestSchema,
  type CallToolResult,
  type LoggingLevel,
  type ServerNotification,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import {
  createZohoToolkit,
  redact,
  type AuditEvent,
  type AuditHook,
  type ConfirmRequest,
  type ToolPolicy,
  type ZohoApp,
  type ZohoConnection,
  type AnyZohoPlugin,
  type ZohoTool,
  type ZohoToolkit,
} from '@zoho-agent-kit/core';
import type { WritesMode } from './args.js';
import { appName, CONFIRM_FIELD, CONFIRM_SCHEMA, confirmationMessage } from './confirm.js';
import { CallProgress } from './progress.js';

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export const SERVER_NAME = 'zoho-agent-kit';

export interface ZohoMcpOptions {
  connection: ZohoConnection;
  plugins: AnyZohoPlugin[];
  policy: ToolPolicy;
  pluginOptions?: Partial<Record<ZohoApp, unknown>>;
  /** Receives every tool call (the JSONL writer for `--audit`). */
  audit?: AuditHook;
  /** Who confirms writes for clients without elicitation (default `elicit`: such clients get no write tools). */
  writes?: WritesMode;
  /** Heartbeat of `notifications/progress` while a call runs, for clients that sent a progress token (default 1000; 0 = off). */
  progressIntervalMs?: number;
  /** How long a person has to answer a confirmation (default 10 minutes). */
  confirmTimeoutMs?: number;
  /** Lines said before the toolkit's shared instructions (who the tools are for, that this is the emulator). */
  preamble?: string[];
  /** Told when a client has initialized: who it is and whether it can confirm writes (for the operator's log). */
  onSession?: (info: { session: string; client: string; elicitation: boolean; tools: number; writes: number }) => void;
  /** Forwarded to the toolkit (tests). */
  reconcileSettleMs?: readonly number[];
}

/**
 * Per tool call, what the toolkit's hooks need to reach the MCP session that made the call: the toolkit
 * is one per process, its confirm and audit hooks find the call's session here.
 */
interface CallScope {
  session: string;
  confirm(request: ConfirmRequest, signal: AbortSignal | undefined): Promise<boolean>;
  audited(event: AuditEvent): void;
}

const SEVERITY: Record<LoggingLevel, number> = { debug: 0, info: 1, notice: 2, warning: 3, error: 4, critical: 5, alert: 6, emergency: 7 };
const OUTCOME_LEVEL: Record<AuditEvent['outcome'], LoggingLevel> = { ok: 'info', refused: 'notice', denied: 'warning', invalid: 'warning', error: 'error' };

/** "CRM · get record" from `crm_get_record`. */
export function toolTitle(tool: Pick<ZohoTool, 'name' | 'app'>): string {
  const words = tool.name.slice(tool.app.length + 1).replace(/_/g, ' ');
  return `${appName(tool.app)} · ${words}`;
}

/** A tool as `tools/list` shows it: JSON Schema, description, annotations with a title. */
export function mcpTool(tool: ZohoTool): Tool {
  const { $schema: _dialect, ...inputSchema } = tool.mcp.inputSchema;
  const title = toolTitle(tool);
  return {
    name: tool.name,
    title,
    description: tool.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    annotations: { title, ...tool.mcp.annotations },
  };
}

/**
 * The kit's toolkit behind MCP: one toolkit (policy, validation, confirmation, reconcile, audit) for the
 * process, and one SDK `Server` per MCP session (`createServer`), which lists the tools that session may
 * see and turns each confirmation into an `elicitation/create` request to that session's person.
 */
export class ZohoMcp {
  readonly toolkit: ZohoToolkit;
  readonly instructions: string;
  readonly writes: WritesMode;
  private readonly scope = new AsyncLocalStorage<CallScope>();
  private readonly progressIntervalMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly auditHook: AuditHook | undefined;
  private readonly onSession: ZohoMcpOptions['onSession'];
  private readonly connection: ZohoConnection;

  constructor(options: ZohoMcpOptions) {
    this.writes = options.writes ?? 'elicit';
    this.progressIntervalMs = options.progressIntervalMs ?? 1000;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 600_000;
    this.auditHook = options.audit;
    this.onSession = options.onSession;
    this.connection = options.connection;
    this.toolkit = createZohoToolkit({
      connection: options.connection,
      plugins: options.plugins,
      policy: options.policy,
      ...(options.pluginOptions ? { pluginOptions: options.pluginOptions } : {}),
      ...(options.reconcileSettleMs ? { reconcileSettleMs: options.reconcileSettleMs } : {}),
      // Outside a call's scope there is nobody to ask: refused.
      confirm: (request, { signal }) => this.scope.getStore()?.confirm(request, signal) ?? false,
      audit: (event) => this.audit(event),
    });
    this.instructions = [...(options.preamble ?? []), this.toolkit.instructions].join('\n\n');
  }

  private async audit(event: AuditEvent): Promise<void> {
    const scope = this.scope.getStore();
    const labelled = scope ? { ...event, session: scope.session } : event;
    scope?.audited(labelled);
    await this.auditHook?.(labelled);
  }

  /** A new SDK server for one MCP session (stdio has one; Streamable HTTP one per `Mcp-Session-Id`). */
  createServer(sessionLabel: () => string = () => this.toolkit.sessionId): Server {
    const server = new Server(
      { name: SERVER_NAME, title: 'Zoho Agent Kit', version: VERSION },
      { capabilities: { tools: { listChanged: false }, logging: {} }, instructions: this.instructions },
    );
    let logLevel: LoggingLevel = 'info';
    server.setRequestHandler(SetLevelRequestSchema, (request) => {
      logLevel = request.params.level;
      return {};
    });
    const canElicit = () => Boolean(server.getClientCapabilities()?.elicitation?.form);
    const visible = (): ZohoTool[] => (canElicit() || this.writes === 'client' ? this.toolkit.allowed : this.toolkit.allowed.filter((t) => t.access === 'read'));

    server.oninitialized = () => {
      const client = server.getClientVersion();
      const tools = visible();
      this.onSession?.({
        session: sessionLabel(),
        client: client ? `${client.name} ${client.version}` : 'unknown client',
        elicitation: canElicit(),
        tools: tools.length,
        writes: tools.filter((t) => t.access !== 'read').length,
      });
    };

    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visible().map(mcpTool) }));

    server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const { name } = request.params;
      const input = request.params.arguments ?? {};
      const session = sessionLabel();
      const send = (notification: ServerNotification) => extra.sendNotification(notification);
      const progress = new CallProgress(request.params._meta?.progressToken, send, this.progressIntervalMs);
      const scope: CallScope = {
        session,
        confirm: async (confirmRequest, signal) => {
          if (!canElicit()) {
            // Only reachable with --writes client: the client approved the call itself.
            return this.writes === 'client';
          }
          progress.phase('waiting for the person to confirm');
          const answer = await extra.sendRequest(
            { method: 'elicitation/create', params: { message: confirmationMessage(confirmRequest), requestedSchema: CONFIRM_SCHEMA as never } },
            ElicitResultSchema,
            { timeout: this.confirmTimeoutMs, ...(signal ? { signal } : {}) },
          );
          if (answer.action !== 'accept') return false;
          if (answer.content?.[CONFIRM_FIELD] !== true) throw new Error(`the form was accepted without ticking "Send this to Zoho"`);
          progress.phase('sending to Zoho');
          return true;
        },
        audited: (event) => {
          const level = OUTCOME_LEVEL[event.outcome];
          if (SEVERITY[level] < SEVERITY[logLevel]) return;
          const data: Record<string, unknown> = { tool: event.tool, outcome: event.outcome, durationMs: event.durationMs };
          if (event.confirmMs !== undefined) data.confirmMs = event.confirmMs;
          if (event.ids?.length) data.ids = event.ids;
          if (event.reconciled) data.reconciled = event.reconciled;
          if (event.error) data.error = event.error;
          void send({ method: 'notifications/message', params: { level, logger: SERVER_NAME, data } }).catch(() => {});
        },
      };
      const hidden = this.toolkit.allowed.find((t) => t.name === name && !visible().includes(t));
      if (hidden) {
        const text = `${name} is not available to this MCP client: writes are confirmed by a person through elicitation, which this client does not support. Nothing was sent to Zoho. (Whoever runs the server can start it with --writes client to rely on the client's own approval of each call.)`;
        const event: AuditEvent = { time: new Date().toISOString(), session, tool: hidden.name, app: hidden.app, access: hidden.access, input: redact(input), outcome: 'denied', durationMs: 0, error: text, ...(this.toolkit.policy.name ? { policy: this.toolkit.policy.name } : {}) };
        // The toolkit's audit path: the connection's secrets redacted, the session's label, the MCP log message.
        await this.scope.run(scope, () => this.audit(this.connection.redactor.value(event) as AuditEvent)).catch(() => undefined);
        return { content: [{ type: 'text', text }], isError: true };
      }
      progress.start();
      try {
        const result = await this.scope.run(scope, () =>
          // The toolkit forwards `onProgress` to the tool: transfers (WorkDrive uploads, downloads) report bytes.
          this.toolkit.call(name, input, { signal: extra.signal, onProgress: (bytes: number, total?: number) => progress.transferred(bytes, total) }),
        );
        return { content: [{ type: 'text', text: result.text }], isError: result.outcome !== 'ok' };
      } finally {
        progress.stop();
      }
    });
    return server;
  }
}
