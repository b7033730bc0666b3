import { ZodError, type z } from 'zod';
import { ZohoApiError, ZohoAuthError, ZohoConfigError } from '../errors.js';
import { redactText } from './redact.js';
import { closestNames, objectAt, pathText } from './schema.js';

/** Longest message a tool answers with; a longer one is cut (it would only repeat input back). */
const MAX_ERROR_TEXT = 1_500;

/** Bad tool input found before sending: names the field and what to change. */
export class ToolInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/**
 * A batch write that stopped part way (one confirmation, several writes): `report` says which items were
 * applied, which were not and how to resume, shaped for the model. The toolkit answers it as the call's
 * outcome (an error) without a second reconcile: each item was already checked on its own.
 */
export class PartialWriteError extends Error {
  constructor(
    message: string,
    readonly report: Record<string, unknown>,
    /** Ids of what was applied, for the audit log. */
    readonly ids: readonly string[] = [],
  ) {
    super(message);
    this.name = 'PartialWriteError';
  }
}

const HINTS: Record<string, string> = {
  invalid_token: 'The Zoho session is no longer valid; re-authorise with `zoho-auth login`.',
  scope: 'The OAuth token lacks the scope for this call; re-authorise with the scopes this tool lists.',
  permission: 'The Zoho user is not allowed to do this; ask an administrator or choose another record.',
  not_found: 'Check the id (list or search first to find a valid one).',
  validation: 'Change the input as the message says and try again.',
  throttled: 'Zoho is rate-limiting; wait before trying again.',
  quota: 'The Zoho API quota is used up; it resets as stated.',
  server: 'Zoho had an internal problem; try again later.',
  network: 'Zoho could not be reached; try again later.',
  timeout: 'Zoho did not answer in time; try again later.',
};

/** One line per zod issue; unknown fields name the closest valid ones (from the schema, when given). */
function zodMessage(err: ZodError, schema?: z.ZodType): string {
  return err.issues
    .slice(0, 6)
    .map((i) => {
      const where = pathText(i.path);
      const field = `field "${where || '(input)'}"`;
      if (i.code === 'unrecognized_keys') {
        const valid = Object.keys(schema ? (objectAt(schema, i.path)?.shape ?? {}) : {});
        return i.keys
          .map((key) => {
            const name = where ? `${where}.${key}` : key;
            const close = closestNames(key, valid);
            const hint = close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : valid.length ? `; valid fields: ${valid.join(', ')}` : '';
            return `unknown field "${name.slice(0, 80)}"${hint}`;
          })
          .join('; ');
      }
      // zod says "expected string, received undefined"; a person (or a model) needs "it is missing".
      if (i.code === 'invalid_type' && /received undefined/.test(i.message)) return `${field} is required (a ${String(i.expected)})`;
      return `${field}: ${i.message.slice(0, 300)}`;
    })
    .join('; ');
}

/** What a tool error text may say, beyond the error itself. */
export interface ToolErrorContext {
  /** The tool's input schema: unknown fields get "did you mean …". */
  schema?: z.ZodType;
}

/** The one error contract: a short message for the model — what failed, Zoho's code, what to change. */
export function describeToolError(toolName: string, err: unknown, context: ToolErrorContext = {}): string {
  let text: string;
  if (err instanceof ToolInputError) {
    text = `Invalid input for ${toolName}: field "${err.field}": ${err.message}. No change was sent to Zoho.`;
  } else if (err instanceof ZodError) {
    text = `Invalid input for ${toolName}: ${zodMessage(err, context.schema)}. Nothing was sent to Zoho.`;
  } else if (err instanceof ZohoApiError && err.kind === 'aborted') {
    text = `${toolName} was cancelled.`;
  } else if (err instanceof ZohoApiError) {
    const where = err.status ? `HTTP ${err.status}, ` : '';
    let wait = '';
    if (err.retryAfterMs !== undefined) wait = ` Retry after ${Math.ceil(err.retryAfterMs / 1000)} s.`;
    const details = summariseDetails(err.details);
    text = `${toolName} failed: Zoho ${err.app} answered ${err.code} (${where}${err.kind}): ${err.message}${details}.${wait} ${HINTS[err.kind] ?? ''}`.trim();
  } else if (err instanceof ZohoAuthError) {
    text = `${toolName} failed: Zoho sign-in error ${err.code}: ${err.message}`;
  } else if (err instanceof ZohoConfigError) {
    text = `${toolName} cannot run: configuration ${err.message}`;
  } else if (err instanceof Error && err.name === 'AbortError') {
    text = `${toolName} was cancelled.`;
  } else {
    text = `${toolName} failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (text.length > MAX_ERROR_TEXT) text = `${text.slice(0, MAX_ERROR_TEXT)}… (cut)`;
  return redactText(text);
}

function summariseDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['api_name', 'param', 'field_name', 'json_path', 'expected_data_type', 'column_name', 'supported_version']) {
    if (typeof d[key] === 'string' || typeof d[key] === 'number') parts.push(`${key}=${String(d[key])}`);
  }
  return parts.length ? ` [${parts.join(', ')}]` : '';
}
