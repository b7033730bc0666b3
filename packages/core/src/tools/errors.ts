import { ZodError } from 'zod';
import { ZohoApiError, ZohoAuthError, ZohoConfigError } from '../errors.js';
import { redactText } from './redact.js';

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

function zodMessage(err: ZodError): string {
  return err.issues
    .map((i) => {
      const field = `field "${i.path.join('.') || '(input)'}"`;
      // zod says "expected string, received undefined"; a person (or a model) needs "it is missing".
      if (i.code === 'invalid_type' && /received undefined/.test(i.message)) return `${field} is required (a ${String(i.expected)})`;
      return `${field}: ${i.message}`;
    })
    .join('; ');
}

/** The one error contract: a short message for the model — what failed, Zoho's code, what to change. */
export function describeToolError(toolName: string, err: unknown): string {
  let text: string;
  if (err instanceof ToolInputError) {
    text = `Invalid input for ${toolName}: field "${err.field}": ${err.message}. No change was sent to Zoho.`;
  } else if (err instanceof ZodError) {
    text = `Invalid input for ${toolName}: ${zodMessage(err)}. Nothing was sent to Zoho.`;
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
