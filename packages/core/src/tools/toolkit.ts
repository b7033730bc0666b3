import { ToolMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, ToolInputParsingException, type DynamicStructuredToolInput, type StructuredToolInterface } from '@langchain/core/tools';
import type { ZohoConnection } from '../connection.js';
import type { ZohoApp } from '../regions.js';
import type { AuditEvent, AuditHook, AuditOutcome } from './audit.js';
import { describeToolError, ToolInputError } from './errors.js';
import { ALLOW_ALL, policyAllows, requiredScopes, type ToolPolicy } from './policy.js';
import { redact } from './redact.js';
import { compact, toModelText } from './shape.js';
import type { ToolAccess, ZohoPlugin, ZohoTool } from './types.js';

/** What the confirm hook is shown before a write: the exact payload and, for updates, before/after. */
export interface ConfirmRequest {
  tool: string;
  app: ZohoApp;
  access: ToolAccess;
  summary: string;
  input: unknown;
  payload: unknown;
  before?: unknown;
  after?: unknown;
}

export type ConfirmHook = (request: ConfirmRequest) => boolean | Promise<boolean>;

export interface ZohoToolkitOptions {
  connection: ZohoConnection;
  plugins: ZohoPlugin[];
  /** Which tools exist for the model; default every tool. */
  policy?: ToolPolicy;
  /** Asked before every write or destructive call; without it, writes are refused. */
  confirm?: ConfirmHook;
  audit?: AuditHook;
  /** Options per app, handed to that plugin's `createClient` (e.g. `{ books: { organizationId } }`). */
  pluginOptions?: Partial<Record<ZohoApp, unknown>>;
}

export interface ToolCallResult {
  outcome: AuditOutcome;
  /** What the model reads. */
  text: string;
}

export interface ZohoToolkit {
  /** LangChain tools the policy allows, for `createAgent` or `model.bindTools`. */
  tools: StructuredToolInterface[];
  /** The allowed Zoho tools with their metadata (JSON Schema, MCP hints). */
  allowed: ZohoTool[];
  /** Every tool of the plugins, allowed or not. */
  all: ZohoTool[];
  policy: ToolPolicy;
  /** Minimal OAuth scopes for the allowed tools. */
  scopes: string[];
  /** Calls a tool by name through the same policy, validation, confirmation and audit path. */
  call(name: string, input: unknown, options?: { signal?: AbortSignal }): Promise<ToolCallResult>;
  /** The client a plugin's tools use, for direct API access. */
  client<C = unknown>(app: ZohoApp): C;
}

/**
 * A LangChain tool whose schema violations answer like every other failure of the kit (field, what to change,
 * nothing sent) instead of LangChain's ToolInputParsingException.
 */
class ZohoLangChainTool extends DynamicStructuredTool {
  constructor(
    fields: {
      name: string;
      description: string;
      schema: ZohoTool['schema'];
      func: (input: Record<string, unknown>, runManager?: unknown, config?: { signal?: AbortSignal }) => Promise<string>;
    },
    private readonly onInvalid: (input: unknown) => Promise<string>,
  ) {
    super(fields as unknown as DynamicStructuredToolInput & { name: string });
  }

  override async call(arg: unknown, configArg?: unknown, tags?: string[]): Promise<any> {
    try {
      return await super.call(arg as never, configArg as never, tags);
    } catch (err) {
      if (!(err instanceof ToolInputParsingException)) throw err;
      // invoke() hands call() the arguments, with the tool call (if any) in the config.
      const direct = arg && typeof arg === 'object' && (arg as { type?: string }).type === 'tool_call' ? (arg as { id?: string; args?: unknown }) : undefined;
      const callId = direct?.id ?? (configArg as { toolCall?: { id?: string } } | undefined)?.toolCall?.id;
      const text = await this.onInvalid(direct ? direct.args : arg);
      return callId ? new ToolMessage({ content: text, tool_call_id: callId, name: this.name, status: 'error' }) : text;
    }
  }
}

/** Composes plugins into the LangChain tools a policy allows, each call checked, confirmed and audited. */
export function createZohoToolkit(options: ZohoToolkitOptions): ZohoToolkit {
  const policy = options.policy ?? ALLOW_ALL;
  const clients = new Map<ZohoApp, unknown>();
  const all: ZohoTool[] = [];
  const byName = new Map<string, ZohoTool>();
  for (const plugin of options.plugins) {
    if (clients.has(plugin.app)) throw new Error(`two plugins for app "${plugin.app}"`);
    options.connection.app({ app: plugin.app, readError: plugin.readError });
    clients.set(plugin.app, plugin.createClient(options.connection, options.pluginOptions?.[plugin.app]));
    for (const t of plugin.tools) {
      if (byName.has(t.name)) throw new Error(`duplicate tool name "${t.name}"`);
      byName.set(t.name, t);
      all.push(t);
    }
  }
  const allowed = all.filter((t) => policyAllows(policy, t));

  async function audit(t: ZohoTool, input: unknown, outcome: AuditOutcome, started: number, extra: Partial<AuditEvent> = {}): Promise<void> {
    if (!options.audit) return;
    try {
      await options.audit({
        time: new Date().toISOString(),
        tool: t.name,
        app: t.app,
        access: t.access,
        input: redact(input),
        outcome,
        durationMs: Date.now() - started,
        ...extra,
      });
    } catch {
      // An audit sink failure must not turn a completed Zoho call into a reported failure.
    }
  }

  /** Runs one call whose input is already validated against the tool's schema. */
  async function run(t: ZohoTool, input: Record<string, unknown>, signal?: AbortSignal): Promise<ToolCallResult> {
    const started = Date.now();
    if (!policyAllows(policy, t)) {
      const text = `${t.name} is not allowed for ${policy.name ? `the ${policy.name} role` : 'this agent'}; nothing was sent. Allowed tools: ${allowed.map((a) => a.name).join(', ') || 'none'}.`;
      await audit(t, input, 'denied', started);
      return { outcome: 'denied', text };
    }
    const { raw, ...args } = input;
    const def = t.definition;
    const ctx = { client: clients.get(t.app), signal, toolName: t.name };
    try {
      let result: unknown;
      if (def.access === 'read') {
        result = await def.run(args, ctx);
      } else {
        const plan = await def.plan(args, ctx);
        const request: ConfirmRequest = { tool: t.name, app: t.app, access: t.access, summary: plan.summary, input: args, payload: plan.payload };
        if (plan.before !== undefined) request.before = plan.before;
        if (plan.after !== undefined) request.after = plan.after;
        const approved = options.confirm ? await options.confirm(request) : false;
        if (!approved) {
          const why = options.confirm ? 'The user declined' : 'No confirmation hook is configured, so writes are disabled; declined';
          await audit(t, args, 'refused', started);
          return { outcome: 'refused', text: `${why}: ${plan.summary}. Nothing was sent to Zoho.` };
        }
        result = await plan.execute();
      }
      const shaped = raw === true ? result : def.shape ? def.shape(result, args) : compact(result);
      const extra: Partial<AuditEvent> = {};
      const ids = def.ids?.(result, args);
      if (ids?.length) extra.ids = ids;
      await audit(t, args, 'ok', started, extra);
      return { outcome: 'ok', text: toModelText(shaped ?? { result: 'empty' }) };
    } catch (err) {
      const text = describeToolError(t.name, err);
      const outcome: AuditOutcome = err instanceof ToolInputError ? 'invalid' : 'error';
      await audit(t, args, outcome, started, { error: text });
      return { outcome, text };
    }
  }

  async function call(name: string, input: unknown, callOptions: { signal?: AbortSignal } = {}): Promise<ToolCallResult> {
    const t = byName.get(name);
    if (!t) {
      return { outcome: 'denied', text: `There is no tool "${name}". Available: ${allowed.map((a) => a.name).join(', ') || 'none'}.` };
    }
    if (!policyAllows(policy, t)) return run(t, {}, callOptions.signal);
    const parsed = t.schema.safeParse(input ?? {});
    if (!parsed.success) {
      const text = describeToolError(t.name, parsed.error);
      await audit(t, input, 'invalid', Date.now());
      return { outcome: 'invalid', text };
    }
    return run(t, parsed.data as Record<string, unknown>, callOptions.signal);
  }

  /** Input LangChain rejected against the schema: the same message and audit entry as any invalid call. */
  async function invalidInput(t: ZohoTool, input: unknown): Promise<string> {
    const parsed = t.schema.safeParse(input ?? {});
    const text = parsed.success ? `Invalid input for ${t.name}. Nothing was sent to Zoho.` : describeToolError(t.name, parsed.error);
    await audit(t, input, 'invalid', Date.now());
    return text;
  }

  const tools: StructuredToolInterface[] = allowed.map(
    (t) =>
      new ZohoLangChainTool(
        {
          name: t.name,
          description: t.description,
          schema: t.schema,
          func: async (input: Record<string, unknown>, _runManager?: unknown, config?: { signal?: AbortSignal }) => (await run(t, input, config?.signal)).text,
        },
        (input) => invalidInput(t, input),
      ),
  );

  return {
    tools,
    allowed,
    all,
    policy,
    scopes: requiredScopes(allowed),
    call,
    client: <C>(app: ZohoApp) => {
      if (!clients.has(app)) throw new Error(`no plugin for app "${app}"`);
      return clients.get(app) as C;
    },
  };
}
