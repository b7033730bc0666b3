import { ToolMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, ToolInputParsingException, type DynamicStructuredToolInput, type StructuredToolInterface } from '@langchain/core/tools';
import { randomUUID } from 'node:crypto';
import type { ZohoConnection } from '../connection.js';
import { ZohoApiError, ZohoAuthError, ZohoConfigError } from '../errors.js';
import type { ZohoApp } from '../regions.js';
import type { AuditEvent, AuditHook, AuditOutcome, ReconcileStatus } from './audit.js';
import { isCrossAppPlugin, requiredApps, scopesAllowed } from './cross-app.js';
import { describeToolError, PartialWriteError, ToolInputError } from './errors.js';
import { toolkitInstructions } from './instructions.js';
import { ALLOW_ALL, enabledUses, policyAllows, type ToolPolicy } from './policy.js';
import { inputProblem } from './schema.js';
import { compact, toModelText } from './shape.js';
import type {
  AnyZohoPlugin,
  ReconcileVerdict,
  ToolAccess,
  ToolClients,
  ToolContext,
  ToolNamespace,
  ToolProgressListener,
  WritePlan,
  WriteStep,
  WriteStepOutcome,
  ZohoTool,
} from './types.js';

/** What the confirm hook is shown before a write: the exact payload and, for updates, before/after. */
export interface ConfirmRequest {
  tool: string;
  /** The tool's app, or for a tool across apps its plugin's prefix (then `apps` lists the apps it uses). */
  app: ToolNamespace;
  /** For a tool across apps: the apps this call uses. */
  apps?: ZohoApp[];
  access: ToolAccess;
  summary: string;
  input: unknown;
  payload: unknown;
  before?: unknown;
  after?: unknown;
}

/**
 * Asked before every write. Only `true` approves: any other answer (`'no'`, `1`, `{}`, `{approved:false}`),
 * a throw, or an abort of the call while waiting is a refusal and nothing is sent. `signal` aborts when the
 * call is cancelled, so a prompt can close itself.
 */
export type ConfirmHook = (request: ConfirmRequest, options: { signal?: AbortSignal | undefined }) => unknown;

export interface ZohoToolkitOptions {
  connection: ZohoConnection;
  /** App plugins, and cross-app plugins (e.g. workflows) whose tools use the app plugins' clients. */
  plugins: AnyZohoPlugin[];
  /** Which tools exist for the model; default every tool. Copied and frozen: later changes have no effect. */
  policy?: ToolPolicy;
  /** Asked before every write or destructive call; without it, writes are refused. */
  confirm?: ConfirmHook;
  audit?: AuditHook;
  /** Options per app, handed to that plugin's `createClient` (e.g. `{ books: { organizationId } }`). */
  pluginOptions?: Partial<Record<ZohoApp, unknown>>;
  /** Names this toolkit's calls in the audit log (default a random id). */
  sessionId?: string;
  /** Bound on a reconcile check after a write's answer was lost (default 20 s). */
  reconcileTimeoutMs?: number;
  /**
   * Pauses before checking again when a timed-out write is not found (default [1000, 3000] ms): it may still
   * be running at Zoho. Still absent after them, the outcome is reported as unknown rather than not applied.
   */
  reconcileSettleMs?: readonly number[];
}

export interface ToolCallOptions {
  signal?: AbortSignal | undefined;
  /** Receives progress of long calls (transfers) from tools that report it. */
  onProgress?: ToolProgressListener | undefined;
}

export interface ToolCallResult {
  outcome: AuditOutcome;
  /** What the model reads. */
  text: string;
  /** For writes whose answer was lost: what the reconcile check found. */
  reconciled?: ReconcileStatus;
}

export interface ZohoToolkit {
  /** LangChain tools the policy allows, for `createAgent` or `model.bindTools`. */
  tools: StructuredToolInterface[];
  /** The allowed Zoho tools with their metadata (JSON Schema, MCP hints). */
  allowed: ZohoTool[];
  /** Every tool of the plugins, allowed or not. */
  all: ZohoTool[];
  /** The policy in force (a frozen copy of the one given). */
  policy: Readonly<ToolPolicy>;
  /** Minimal OAuth scopes for the allowed tools. */
  scopes: string[];
  /** Guidance every tool shares (ids, paging, raw, confirmations), for the agent's system prompt or an MCP server's instructions. */
  instructions: string;
  /** Identifies this toolkit's calls in the audit log. */
  sessionId: string;
  /** Calls a tool by name through the same policy, validation, confirmation and audit path. */
  call(name: string, input: unknown, options?: ToolCallOptions): Promise<ToolCallResult>;
  /**
   * The client a plugin's tools use, for direct API access. It bypasses the policy: what it can do is
   * bounded only by the OAuth scopes the token was granted.
   */
  client<C = unknown>(app: ZohoApp): C;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function copyPolicy(policy: ToolPolicy): Readonly<ToolPolicy> {
  const copy: ToolPolicy = { apps: {} };
  if (policy.name !== undefined) copy.name = String(policy.name);
  for (const [app, levels] of Object.entries(policy.apps ?? {})) (copy.apps as Record<string, ToolAccess[]>)[app] = [...(levels ?? [])];
  if (policy.allowTools) copy.allowTools = [...policy.allowTools];
  if (policy.denyTools) copy.denyTools = [...policy.denyTools];
  return deepFreeze(copy);
}

/**
 * Whether a failed write may nevertheless have been applied: the request may have reached Zoho and the
 * answer was lost (timeout, reset, 5xx, cancellation mid-flight, a failure reading the answer). Errors Zoho
 * answered before doing anything (validation, permission, throttling, a refused connection) are certain, and
 * so is a failed sign-in: the token endpoint failed before anything was sent to the app.
 */
export function writeOutcomeUnknown(err: unknown): boolean {
  if (err instanceof ZohoAuthError) return false;
  if (err instanceof ToolInputError || err instanceof PartialWriteError) return false;
  if (!(err instanceof ZohoApiError)) return !(err instanceof ZohoConfigError);
  if (err.kind === 'network') return err.code !== 'CONNECT_FAILED';
  return err.kind === 'server' || err.kind === 'timeout' || err.kind === 'aborted' || err.kind === 'unknown';
}

function lostAnswer(err: unknown): string {
  if (err instanceof ZohoApiError) {
    if (err.kind === 'timeout') return `Zoho ${err.app} did not answer in time`;
    if (err.kind === 'aborted') return 'the call was cancelled while the write was in flight';
    if (err.kind === 'network') return `the connection to Zoho ${err.app} failed mid-request (${err.code})`;
    return `Zoho ${err.app} answered ${err.code}${err.status ? ` (HTTP ${err.status})` : ''}${err.message ? `: ${err.message.slice(0, 200)}` : ''}`;
  }
  return `the answer could not be read (${err instanceof Error ? err.message.slice(0, 120) : 'unknown failure'})`;
}

const WAIT_ABORTED = Symbol('aborted');

function untilAborted(signal: AbortSignal | undefined): { promise: Promise<typeof WAIT_ABORTED>; dispose: () => void } {
  if (!signal) return { promise: new Promise(() => {}), dispose: () => {} };
  let onAbort = () => {};
  const promise = new Promise<typeof WAIT_ABORTED>((resolve) => {
    onAbort = () => resolve(WAIT_ABORTED);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * A LangChain tool whose bad inputs (schema violations, ids as bare numbers beyond 2^53) answer like every
 * other failure of the kit (field, what to change, nothing sent) instead of LangChain's
 * ToolInputParsingException.
 */
class ZohoLangChainTool extends DynamicStructuredTool {
  constructor(
    fields: {
      name: string;
      description: string;
      schema: ZohoTool['schema'];
      func: (input: Record<string, unknown>, runManager?: unknown, config?: { signal?: AbortSignal }) => Promise<string>;
    },
    private readonly onInvalid: (input: unknown, error?: unknown) => Promise<string>,
  ) {
    super(fields as unknown as DynamicStructuredToolInput & { name: string });
  }

  override async call(arg: unknown, configArg?: unknown, tags?: string[]): Promise<any> {
    // invoke() hands call() the arguments, with the tool call (if any) in the config.
    const direct = arg && typeof arg === 'object' && (arg as { type?: string }).type === 'tool_call' ? (arg as { id?: string; args?: unknown }) : undefined;
    const args = direct ? direct.args : arg;
    const answer = async (error?: unknown) => {
      const callId = direct?.id ?? (configArg as { toolCall?: { id?: string } } | undefined)?.toolCall?.id;
      const text = await this.onInvalid(args, error);
      return callId ? new ToolMessage({ content: text, tool_call_id: callId, name: this.name, status: 'error' }) : text;
    };
    const problem = inputProblem(args);
    if (problem) return answer(new ToolInputError(problem.path, problem.message));
    try {
      return await super.call(arg as never, configArg as never, tags);
    } catch (err) {
      if (!(err instanceof ToolInputParsingException)) throw err;
      return answer();
    }
  }
}

/** Composes plugins into the LangChain tools a policy allows, each call checked, confirmed and audited. */
export function createZohoToolkit(options: ZohoToolkitOptions): ZohoToolkit {
  const policy = copyPolicy(options.policy ?? ALLOW_ALL);
  const sessionId = options.sessionId ?? randomUUID();
  const reconcileTimeoutMs = options.reconcileTimeoutMs ?? 20_000;
  const reconcileSettleMs = [...(options.reconcileSettleMs ?? [1_000, 3_000])];
  const confirm = options.confirm;
  const auditHook = options.audit;
  const clients = new Map<ZohoApp, unknown>();
  const all: ZohoTool[] = [];
  const byName = new Map<string, ZohoTool>();
  // One plugin per app; a cross-app plugin has no app of its own, only a prefix that no other plugin uses.
  const namespaces = new Set<string>();
  const add = (tools: readonly ZohoTool[]) => {
    for (const t of tools) {
      if (byName.has(t.name)) throw new Error(`duplicate tool name "${t.name}"`);
      byName.set(t.name, t);
      all.push(t);
    }
  };
  for (const plugin of options.plugins) {
    if (isCrossAppPlugin(plugin)) continue;
    if (clients.has(plugin.app)) throw new Error(`two plugins for app "${plugin.app}"`);
    namespaces.add(plugin.app);
    options.connection.app({ app: plugin.app, readError: plugin.readError });
    clients.set(plugin.app, plugin.createClient(options.connection, options.pluginOptions?.[plugin.app]));
    add(plugin.tools);
  }
  for (const plugin of options.plugins) {
    if (!isCrossAppPlugin(plugin)) continue;
    if (namespaces.has(plugin.app)) throw new Error(`two plugins for prefix "${plugin.app}"`);
    namespaces.add(plugin.app);
    add(plugin.tools);
  }
  /** The app plugins a tool needs that the toolkit lacks (always none for an app's own tool). */
  const missingApps = (t: ZohoTool) => requiredApps(t).filter((app) => !clients.has(app));
  const allowed = all.filter((t) => missingApps(t).length === 0 && policyAllows(policy, t));
  const allowedNames = new Set(allowed.map((t) => t.name));
  /** Per allowed tool: the uses this policy enables whose plugin is present ("app:access"). */
  const enabled = new Map(allowed.map((t) => [t.name, new Set(enabledUses(policy, t).filter((u) => clients.has(u.app)).map((u) => `${u.app}:${u.access}`))]));
  const crossApp = (t: ZohoTool) => !clients.has(t.app as ZohoApp) || t.uses.some((u) => u.app !== t.app);
  const appsOf = (t: ZohoTool): ZohoApp[] => [...new Set([...(enabled.get(t.name) ?? [])].map((k) => k.split(':')[0] as ZohoApp))];

  async function audit(t: ZohoTool, input: unknown, outcome: AuditOutcome, started: number, extra: Partial<AuditEvent> = {}): Promise<void> {
    if (!auditHook) return;
    const { confirmMs, ...rest } = extra;
    const event: AuditEvent = {
      time: new Date().toISOString(),
      session: sessionId,
      tool: t.name,
      app: t.app,
      ...(crossApp(t) ? { apps: appsOf(t) } : {}),
      access: t.access,
      input,
      outcome,
      durationMs: Math.max(0, Date.now() - started - (confirmMs ?? 0)),
      ...rest,
    };
    if (policy.name !== undefined) event.policy = policy.name;
    if (confirmMs !== undefined) event.confirmMs = confirmMs;
    try {
      // One pass: the connection's secrets, secret-named keys and token-shaped strings.
      await auditHook(options.connection.redactor.value(event) as AuditEvent);
    } catch {
      // An audit sink failure must not turn a completed Zoho call into a reported failure.
    }
  }

  /** Asks the hook; only `true` approves. Returns the refusal reason otherwise. */
  async function ask(request: ConfirmRequest, signal: AbortSignal | undefined): Promise<{ approved: true } | { approved: false; why: string }> {
    if (!confirm) return { approved: false, why: 'No confirmation hook is configured, so writes are disabled; declined' };
    if (signal?.aborted) return { approved: false, why: 'The call was cancelled before the user answered' };
    const aborted = untilAborted(signal);
    try {
      const answer = await Promise.race([Promise.resolve().then(() => confirm(request, { signal })), aborted.promise]);
      if (answer === WAIT_ABORTED) return { approved: false, why: 'The call was cancelled while waiting for the user' };
      return answer === true ? { approved: true } : { approved: false, why: 'The user declined' };
    } catch (err) {
      return { approved: false, why: `The confirmation failed (${err instanceof Error ? err.message.slice(0, 120) : 'no answer'}), so it counts as declined` };
    } finally {
      aborted.dispose();
    }
  }

  /**
   * After a write whose answer was lost: asks the plan's read-only check whether it landed. A timed-out
   * request may still be running at Zoho, so "not applied" after a timeout is checked again after a pause.
   */
  async function reconcile(plan: Pick<WritePlan, 'reconcile' | 'checkWith'>, err: unknown, sentAt: number): Promise<ReconcileVerdict> {
    if (!plan.reconcile) return plan.checkWith ? { status: 'unknown', check: plan.checkWith } : { status: 'unknown' };
    const mayStillRun = err instanceof ZohoApiError ? err.kind === 'timeout' || err.kind === 'aborted' : false;
    const deadline = AbortSignal.timeout(reconcileTimeoutMs);
    let verdict: ReconcileVerdict = { status: 'unknown' };
    for (const pause of mayStillRun ? [0, ...reconcileSettleMs] : [0]) {
      if (pause) await new Promise((r) => setTimeout(r, pause));
      if (deadline.aborted) break;
      try {
        verdict = await plan.reconcile({ sentAt, error: err, signal: deadline });
      } catch (checkError) {
        const detail = `the check failed: ${describeToolError('reconcile', checkError).slice(0, 200)}`;
        return plan.checkWith ? { status: 'unknown', check: plan.checkWith, detail } : { status: 'unknown', detail };
      }
      if (verdict.status !== 'not_applied') return verdict;
    }
    if (mayStillRun && verdict.status === 'not_applied') {
      // Still absent after the pauses: most likely never applied, but a slow server could still apply it.
      const detail = `not found after ${Math.round(reconcileSettleMs.reduce((a, b) => a + b, 0) / 1000)} s of checking; Zoho may still be processing it`;
      return plan.checkWith ? { status: 'unknown', check: plan.checkWith, detail } : { status: 'unknown', detail };
    }
    return verdict;
  }

  /** One step of a batch write: sent once; a lost answer is reconciled like a whole write's. */
  async function sendWrite<R>(toolName: string, step: WriteStep<R>): Promise<WriteStepOutcome<R>> {
    const sentAt = Date.now();
    try {
      return { status: 'applied', result: await step.execute(), reconciled: false };
    } catch (err) {
      if (!writeOutcomeUnknown(err)) return { status: 'not_applied', error: describeToolError(toolName, err).slice(0, 600), reconciled: false };
      const verdict = (await reconcile(step, err, sentAt)) as ReconcileVerdict<R>;
      const lost = lostAnswer(err);
      const detail = verdict.detail ? { detail: verdict.detail } : {};
      if (verdict.status === 'applied') return { status: 'applied', ...(verdict.result !== undefined ? { result: verdict.result } : {}), ...(verdict.id ? { id: verdict.id } : {}), reconciled: true, ...detail };
      if (verdict.status === 'not_applied') return { status: 'not_applied', error: lost, reconciled: true, ...detail };
      const check = verdict.check ?? step.checkWith;
      return { status: 'unknown', error: lost, ...(check ? { check } : {}), ...detail };
    }
  }

  /** What a call's tool gets: its app's client, or for a tool across apps the clients of the uses enabled. */
  function contextFor(t: ZohoTool, signal: AbortSignal | undefined, onProgress: ToolProgressListener | undefined): ToolContext<unknown> {
    const uses = enabled.get(t.name) ?? new Set<string>();
    const map: Partial<Record<ZohoApp, unknown>> = {};
    for (const key of uses) {
      const app = key.split(':')[0] as ZohoApp;
      map[app] = clients.get(app);
    }
    const toolClients: ToolClients = Object.freeze(map);
    return {
      client: crossApp(t) ? toolClients : clients.get(t.app as ZohoApp),
      clients: toolClients,
      allows: (app: ZohoApp, access: ToolAccess) => uses.has(`${app}:${access}`),
      sendWrite: <R>(step: WriteStep<R>) => sendWrite(t.name, step),
      signal,
      toolName: t.name,
      ...(onProgress ? { onProgress } : {}),
    };
  }

  // Texts built from Zoho's answers are already redacted at the source; this is the last guard, with the
  // connection's own secrets, for anything a plugin built itself. A result is data the model must read as
  // it is, so only the exact secrets go ("paid to bearer on delivery" and "code=SUMMER20" stay); error
  // texts also lose anything token-shaped.
  const redactor = options.connection.redactor;
  const clean = (result: ToolCallResult): ToolCallResult => ({ ...result, text: result.outcome === 'ok' ? redactor.known(result.text) : redactor.text(result.text) });

  /** Runs one call whose input is already validated against the tool's schema. */
  async function run(t: ZohoTool, input: Record<string, unknown>, signal?: AbortSignal, onProgress?: ToolProgressListener): Promise<ToolCallResult> {
    return clean(await runChecked(t, input, signal, onProgress));
  }

  async function runChecked(t: ZohoTool, input: Record<string, unknown>, signal?: AbortSignal, onProgress?: ToolProgressListener): Promise<ToolCallResult> {
    const started = Date.now();
    if (!allowedNames.has(t.name) && missingApps(t).length > 0) {
      const text = `${t.name} needs the ${missingApps(t).join(', ')} plugin${missingApps(t).length > 1 ? 's' : ''} (${missingApps(t).map((a) => `@zoho-agent-kit/${a}`).join(', ')}), which this toolkit does not have; nothing was sent.`;
      await audit(t, input, 'denied', started);
      return { outcome: 'denied', text };
    }
    if (!allowedNames.has(t.name)) {
      const text = `${t.name} is not allowed for ${policy.name ? `the ${policy.name} role` : 'this agent'}; nothing was sent. Allowed tools: ${allowed.map((a) => a.name).join(', ') || 'none'}.`;
      await audit(t, input, 'denied', started);
      return { outcome: 'denied', text };
    }
    const { raw, ...args } = input;
    const def = t.definition;
    const ctx = contextFor(t, signal, onProgress);
    let confirmMs: number | undefined;
    const shapeResult = (result: unknown) => (raw === true ? result : def.shape ? def.shape(result, args) : compact(result));
    try {
      let result: unknown;
      if (def.access === 'read') {
        result = await def.run(args, ctx);
      } else {
        const plan = await def.plan(args, ctx);
        if (plan.nothingToDo !== undefined) {
          await audit(t, args, 'ok', started);
          return { outcome: 'ok', text: toModelText(plan.nothingToDo) };
        }
        const request: ConfirmRequest = { tool: t.name, app: t.app, ...(crossApp(t) ? { apps: appsOf(t) } : {}), access: t.access, summary: plan.summary, input: args, payload: plan.payload };
        if (plan.before !== undefined) request.before = plan.before;
        if (plan.after !== undefined) request.after = plan.after;
        const asked = Date.now();
        const verdict = await ask(request, signal);
        confirmMs = Date.now() - asked;
        if (!verdict.approved) {
          await audit(t, args, 'refused', started, { confirmMs, error: verdict.why });
          return { outcome: 'refused', text: `${verdict.why}: ${plan.summary}. Nothing was sent to Zoho.` };
        }
        const sentAt = Date.now();
        try {
          result = await plan.execute();
        } catch (err) {
          if (err instanceof PartialWriteError) {
            // Each item was sent once and checked on its own; the report says what landed and how to resume.
            await audit(t, args, 'error', started, { confirmMs, error: err.message.slice(0, 300), ...(err.ids.length ? { ids: [...err.ids] } : {}) });
            return { outcome: 'error', text: toModelText(err.report) };
          }
          if (!writeOutcomeUnknown(err)) throw err;
          return await reconciled(t, args, plan, err, sentAt, started, confirmMs, shapeResult);
        }
      }
      const shaped = shapeResult(result);
      const extra: Partial<AuditEvent> = {};
      if (confirmMs !== undefined) extra.confirmMs = confirmMs;
      const ids = def.ids?.(result, args);
      if (ids?.length) extra.ids = ids;
      await audit(t, args, 'ok', started, extra);
      return { outcome: 'ok', text: toModelText(shaped ?? { result: 'empty' }) };
    } catch (err) {
      const text = describeToolError(t.name, err, { schema: t.schema });
      const outcome: AuditOutcome = err instanceof ToolInputError ? 'invalid' : 'error';
      const extra: Partial<AuditEvent> = { error: text };
      if (confirmMs !== undefined) extra.confirmMs = confirmMs;
      await audit(t, args, outcome, started, extra);
      return { outcome, text };
    }
  }

  async function reconciled(
    t: ZohoTool,
    args: Record<string, unknown>,
    plan: WritePlan,
    err: unknown,
    sentAt: number,
    started: number,
    confirmMs: number | undefined,
    shapeResult: (result: unknown) => unknown,
  ): Promise<ToolCallResult> {
    const verdict = await reconcile(plan, err, sentAt);
    const lost = lostAnswer(err);
    const base: Partial<AuditEvent> = { reconciled: verdict.status, error: describeToolError(t.name, err).slice(0, 300) };
    if (confirmMs !== undefined) base.confirmMs = confirmMs;
    const detail = verdict.detail ? ` (${verdict.detail})` : '';
    if (verdict.status === 'applied') {
      const out: Record<string, unknown> = {
        reconciled: 'applied',
        note: `The answer was lost (${lost}), but reading Zoho back shows the write was applied${detail}. Do not send it again.`,
      };
      if (verdict.id) out.id = verdict.id;
      if (verdict.result !== undefined) {
        try {
          out.result = shapeResult(verdict.result);
        } catch {
          // The check's result is a bonus; the verdict stands without it.
        }
      }
      if (verdict.id) base.ids = [verdict.id];
      await audit(t, args, 'ok', started, base);
      return { outcome: 'ok', text: toModelText(out), reconciled: 'applied' };
    }
    if (verdict.status === 'not_applied') {
      const text = `${t.name} did not complete: ${lost}. Checked afterwards: the write was NOT applied${detail}, so it is safe to send it again.`;
      await audit(t, args, 'error', started, base);
      return { outcome: 'error', text, reconciled: 'not_applied' };
    }
    const check = verdict.check ?? plan.checkWith;
    const text = `${t.name}: outcome unknown: ${lost}, and checking afterwards could not tell whether the write was applied${detail}. ${
      check ? `Check with ${check} before retrying` : 'Check the record in Zoho before retrying'
    }; do not simply send it again.`;
    await audit(t, args, 'error', started, base);
    return { outcome: 'error', text, reconciled: 'unknown' };
  }

  /** Validates raw input (strict schema, ids as strings, bounded strings) and runs the call. */
  async function call(name: string, input: unknown, callOptions: ToolCallOptions = {}): Promise<ToolCallResult> {
    const t = byName.get(name);
    if (!t) {
      return { outcome: 'denied', text: `There is no tool "${name}". Available: ${allowed.map((a) => a.name).join(', ') || 'none'}.` };
    }
    if (!allowedNames.has(t.name)) return run(t, input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {}, callOptions.signal);
    const problem = inputProblem(input);
    if (problem) return invalid(t, input, new ToolInputError(problem.path, problem.message));
    const parsed = t.schema.safeParse(input ?? {});
    if (!parsed.success) return invalid(t, input, parsed.error);
    return run(t, parsed.data as Record<string, unknown>, callOptions.signal, callOptions.onProgress);
  }

  async function invalid(t: ZohoTool, input: unknown, error: unknown): Promise<ToolCallResult> {
    const text = describeToolError(t.name, error, { schema: t.schema });
    await audit(t, input, 'invalid', Date.now(), { error: text });
    return clean({ outcome: 'invalid', text });
  }

  /** Input LangChain rejected against the schema: the same message and audit entry as any invalid call. */
  async function invalidInput(t: ZohoTool, input: unknown, error?: unknown): Promise<string> {
    if (error) return (await invalid(t, input, error)).text;
    const parsed = t.schema.safeParse(input ?? {});
    return (await invalid(t, input, parsed.success ? new ToolInputError('(input)', 'does not match the schema') : parsed.error)).text;
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
        (input, error) => invalidInput(t, input, error),
      ),
  );

  return {
    tools,
    allowed,
    all,
    policy,
    // The uses this policy enables (with their plugin present): an optional use it does not allow needs no scope.
    scopes: scopesAllowed(options.plugins, policy),
    instructions: toolkitInstructions(options.plugins, allowed),
    sessionId,
    call,
    client: <C>(app: ZohoApp) => {
      if (!clients.has(app)) throw new Error(`no plugin for app "${app}"`);
      return clients.get(app) as C;
    },
  };
}

/**
 * Sends one step of a multi-step write through the toolkit's `ctx.sendWrite` (sent once, reconciled after a lost
 * answer). A context built by hand has none: the step is then sent once and its failure classified, unreconciled.
 */
export async function sendWriteStep<R>(ctx: Pick<ToolContext<unknown>, 'sendWrite' | 'toolName'>, step: WriteStep<R>): Promise<WriteStepOutcome<R>> {
  if (ctx.sendWrite) return ctx.sendWrite(step);
  try {
    return { status: 'applied', result: await step.execute(), reconciled: false };
  } catch (err) {
    const error = describeToolError(ctx.toolName, err);
    return writeOutcomeUnknown(err) ? { status: 'unknown', error, ...(step.checkWith ? { check: step.checkWith } : {}) } : { status: 'not_applied', error, reconciled: false };
  }
}
