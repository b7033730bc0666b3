import type { z } from 'zod';
import type { ZohoConnection } from '../connection.js';
import type { EnvelopeReader } from '../http/envelope.js';
import type { ZohoApp } from '../regions.js';

export type ToolAccess = 'read' | 'write' | 'destructive';

export interface ToolContext<C> {
  /** The plugin's API client, made once per toolkit from the connection. */
  client: C;
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
}

interface BaseDefinition<S extends z.ZodObject, C, R> {
  /** `<app>_<verb>[_<object>]`, snake_case, unique across the suite. */
  name: string;
  app: ZohoApp;
  access: ToolAccess;
  /** Minimal OAuth scopes the tool needs (all of them). */
  scopes: string[];
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
  app: ZohoApp;
  access: ToolAccess;
  scopes: string[];
  description: string;
  /** The input schema the model sees (read tools gain `raw`). */
  schema: z.ZodObject;
  /** Example inputs (valid against `schema`); the first is in the description. */
  examples: Record<string, unknown>[];
  jsonSchema: Record<string, unknown>;
  mcp: { name: string; description: string; inputSchema: Record<string, unknown>; annotations: ToolHints };
}

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
