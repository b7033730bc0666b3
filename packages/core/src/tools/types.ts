import type { z } from 'zod';
import type { ZohoConnection } from '../connection.js';
import type { EnvelopeReader } from '../http/envelope.js';
import type { ZohoApp } from '../regions.js';

export type ToolAccess = 'read' | 'write' | 'destructive';

/**
 * What a tool belongs to: its Zoho app, or, for a tool across apps, its plugin's own prefix (e.g. `flow`),
 * which is never a Zoho app's name. The apps such a tool touches are its `uses`.
 */
export type ToolNamespace = ZohoApp | (string & {});

/** One app a tool works with, at one access level, with the scopes it needs there. */
export interface ToolUse {
  app: ZohoApp;
  access: ToolAccess;
  scopes: string[];
  /**
   * Used only where the policy allows this app at this access and its plugin is in the toolkit; the tool
   * runs without it otherwise (`ctx.allows(app, access)` says which). A required use decides whether the
   * tool exists for a policy at all.
   */
  optional?: boolean;
  /** For an optional use: what the tool does with it, said when it is left out ("posts to Cliq"). */
  purpose?: string;
}

/** The clients of the apps a tool may use now, by app (`ctx.clients.crm`, …). */
export type ToolClients = Readonly<Partial<Record<ZohoApp, unknown>>>;

/** A write sent from inside a plan's `execute` (one item of a batch), with its own read-back check. */
export interface WriteStep<R = unknown> {
  /** One line for reports: "Create Books customer Globex". */
  summary: string;
  execute(): Promise<R>;
  reconcile(context: ReconcileContext): Promise<ReconcileVerdict<R>>;
  checkWith?: string;
}

/** What became of one write step: applied (maybe found by its check after a lost answer), not applied, or unknown. */
export type WriteStepOutcome<R = unknown> =
  | { status: 'applied'; result?: R; id?: string; reconciled: boolean; detail?: string }
  /** Certainly not applied: Zoho refused it, or the check found it absent. `error` says why. */
  | { status: 'not_applied'; error: string; reconciled: boolean; detail?: string }
  /** The answer was lost and the check could not tell; `check` names the tool to look with. */
  | { status: 'unknown'; error: string; check?: string; detail?: string };

export interface ToolContext<C> {
  /**
   * The plugin's API client, made once per toolkit from the connection. For a tool across apps: the same
   * object as `clients`.
   */
  client: C;
  /** The clients of the apps the tool may use now (its required uses, and the optional ones the policy allows). */
  clients?: ToolClients;
  /** Whether this call may use `app` at `access` (a required use always; an optional one when the policy allows it). */
  allows?(app: ZohoApp, access: ToolAccess): boolean;
  /**
   * For the plan of a write tool: sends one step of a batch once and, when its answer is lost, runs its
   * check with the toolkit's pauses and bound (as for a whole write). Never throws for the step's own failure.
   */
  sendWrite?<R>(step: WriteStep<R>): Promise<WriteStepOutcome<R>>;
  signal?: AbortSignal | undefined;
  toolName: string;
  /** Progress of a long call (a transfer): bytes so far and the total when known. Set by MCP servers and REPLs. */
  onProgress?: ToolProgressListener | undefined;
}

/** Progress of one call: `bytes` moved so far, `total` when known. */
export type ToolProgressListener = (bytes: number, total?: number) => void;

/** What a reconcile check learnt about a write whose answer was lost. */
export type ReconcileVerdict<R = unknown> =
  /** The write landed: the record's id (and, when the check read it back, a result shaped like execute's). */
  | { status: 'applied'; id?: string; result?: R; detail?: string }
  /** The write did not land: it is safe to send it again. */
  | { status: 'not_applied'; detail?: string }
  /** The check could not tell; `check` names the tool (and arguments) a person or model should use first. */
  | { status: 'unknown'; check?: string; detail?: string };

export interface ReconcileContext {
  /** When the write was sent (ms since the epoch): a create is looked for from this moment on. */
  sentAt: number;
  /** The failure that left the outcome unknown (timeout, reset, 5xx). */
  error: unknown;
  /** Bounds the check; the call's own signal may already be aborted. */
  signal: AbortSignal;
}

/**
 * What a write tool will do, prepared before anything is sent: validated, with mandatory fields checked
 * and (for updates) the current record read. The confirm hook sees it; `execute` runs only after a yes.
 */
export interface WritePlan<R = unknown> {
  /** One line for a person: "Create a Leads record", "Update Deals 123: Stage". */
  summary: string;
  /** The exact body that will be sent. */
  payload: unknown;
  /** For updates: the record as it is now, and the fields as they will be. */
  before?: unknown;
  after?: unknown;
  /** Sends the write, once. */
  execute(): Promise<R>;
  /**
   * Read-only check of whether the write landed, run when its request was sent but the answer was lost
   * (timeout, reset, 5xx): create — find the record by what was sent, since `sentAt`; update — read it back
   * and compare with `after`; delete — is it gone; payments — the invoice's payments. Every write supplies
   * one; without it the outcome is reported as unknown.
   */
  reconcile?(context: ReconcileContext): Promise<ReconcileVerdict<R>>;
  /** The tool to check with by hand when reconciliation cannot tell (e.g. `crm_get_record {"module":"Leads","id":"…"}`). */
  checkWith?: string;
  /**
   * Set when the plan found nothing to send (a sync already in step): the toolkit answers this, as it is,
   * without asking the person or calling `execute`.
   */
  nothingToDo?: Record<string, unknown>;
}

interface BaseDefinition<S extends z.ZodObject, C, R> {
  /** `<app>_<verb>[_<object>]`, snake_case, unique across the suite. */
  name: string;
  /** The tool's Zoho app; for a tool across apps, its plugin's prefix (not an app name), with `uses`. */
  app: ToolNamespace;
  access: ToolAccess;
  /**
   * Minimal OAuth scopes the tool needs (all of them). For a tool across apps leave it out: its scopes are
   * those of its `uses`.
   */
  scopes?: string[];
  /**
   * For a tool across apps: each app it works with, at the access it uses there (a write that reads CRM and
   * writes Books: `[{app:'crm',access:'read',…},{app:'books',access:'write',…}]`). It exists only where the
   * policy allows every required use; `access` is the highest of them.
   */
  uses?: ToolUse[];
  /** For the model: what it does, when to use it, what it returns, how to page. */
  description: string;
  /** zod object; every field has a `.describe()`. */
  input: S;
  /**
   * Inputs that work against the emulator's seed. The first is appended to the description as its one
   * example; all are checked against the schema at definition time and drive the context benchmark, the
   * REPL's `/tools NAME` and the MCP listing.
   */
  examples?: z.input<S>[];
  /** Reduces Zoho's JSON to what a model needs; skipped when the caller asks for `raw`. */
  shape?: (result: R, input: z.infer<S>) => unknown;
  /** Ids touched, for the audit log. */
  ids?: (result: R, input: z.infer<S>) => string[];
}

export interface ReadToolDefinition<S extends z.ZodObject, C, R> extends BaseDefinition<S, C, R> {
  access: 'read';
  run(input: z.infer<S>, ctx: ToolContext<C>): Promise<R>;
}

export interface WriteToolDefinition<S extends z.ZodObject, C, R> extends BaseDefinition<S, C, R> {
  access: 'write' | 'destructive';
  plan(input: z.infer<S>, ctx: ToolContext<C>): Promise<WritePlan<R>>;
}

export type ZohoToolDefinition<S extends z.ZodObject = z.ZodObject, C = unknown, R = unknown> =
  | ReadToolDefinition<S, C, R>
  | WriteToolDefinition<S, C, R>;

/** Hints for MCP clients, derived from `access`. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A defined tool: the definition plus what every consumer derives from it. */
export interface ZohoTool<C = any> {
  definition: ZohoToolDefinition<z.ZodObject, C, any>;
  name: string;
  app: ToolNamespace;
  access: ToolAccess;
  /** Every scope the tool may use (its optional uses' too); `scopesAllowed(plugins, policy)` gives a policy's minimal scopes. */
  scopes: string[];
  /** The apps it works with: one use for an app's own tool, several for a tool across apps. */
  uses: ToolUse[];
  description: string;
  /** The input schema the model sees (read tools gain `raw`). */
  schema: z.ZodObject;
  /** Example inputs (valid against `schema`); the first is in the description. */
  examples: Record<string, unknown>[];
  jsonSchema: Record<string, unknown>;
  mcp: { name: string; description: string; inputSchema: Record<string, unknown>; annotations: ToolHints };
}

/**
 * A plugin whose tools work across several apps (e.g. `@zoho-agent-kit/workflows`): it has no client, envelope
 * reader or emulator of its own; its tools get the clients of the app plugins in the same toolkit.
 */
export interface ZohoCrossAppPlugin {
  /** npm package name. */
  name: string;
  /** Its tools' prefix (e.g. `flow`): never a Zoho app's name, unique among the toolkit's plugins. */
  app: string;
  /** The apps its tools use (their plugins must be in the toolkit for the tools that need them). */
  apps: readonly ZohoApp[];
  version: string;
  tools: ZohoTool[];
  instructions?: string;
}

/** Either kind of plugin a toolkit composes. */
export type AnyZohoPlugin = ZohoPlugin | ZohoCrossAppPlugin;

/** The plugin contract: one package per Zoho app. */
export interface ZohoPlugin<C = any, O = any> {
  /** npm package name. */
  name: string;
  app: ZohoApp;
  version: string;
  tools: ZohoTool<C>[];
  /** The app's error-envelope reader, registered with the connection. */
  readError: EnvelopeReader;
  /** Makes the app client the tools use; `options` is this plugin's key of the toolkit's `pluginOptions`. */
  createClient(connection: ZohoConnection, options?: O): C;
  /** Subpath that exports the app's emulator slice, e.g. `@zoho-agent-kit/crm/emulator`. */
  emulator: string;
  /** Guidance every tool of this app shares (said once in the toolkit's instructions, not in each description). */
  instructions?: string;
}
