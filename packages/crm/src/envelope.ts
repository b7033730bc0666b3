import { kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/** CRM error codes whose kind does not follow from the HTTP status alone. */
const CODE_KINDS: Record<string, ZohoErrorKind> = {
  INVALID_TOKEN: 'invalid_token',
  AUTHENTICATION_FAILURE: 'invalid_token',
  OAUTH_SCOPE_MISMATCH: 'scope',
  NO_PERMISSION: 'permission',
  FEATURE_NOT_SUPPORTED: 'permission',
  INVALID_MODULE: 'validation',
  INVALID_DATA: 'validation',
  REQUIRED_PARAM_MISSING: 'validation',
  MANDATORY_NOT_FOUND: 'validation',
  DISCRETE_PAGINATION_LIMIT_EXCEEDED: 'validation',
  SYNTAX_ERROR: 'validation',
  INVALID_QUERY: 'validation',
  INVALID_ALIAS: 'validation',
  DUPLICATE_ALIAS: 'validation',
  DUPLICATE_DATA: 'validation',
  LIMIT_EXCEEDED: 'validation',
  DEPENDENT_FIELD_MISSING: 'validation',
  EXPECTED_FIELD_MISSING: 'validation',
  API_NOT_SUPPORTED: 'validation',
  INVALID_REQUEST_METHOD: 'validation',
  INVALID_URL_PATTERN: 'not_found',
  NOT_FOUND: 'not_found',
  TOO_MANY_REQUESTS: 'throttled',
  INTERNAL_ERROR: 'server',
};

interface CrmErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  status?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindFor(code: string, status: number): ZohoErrorKind {
  const known = CODE_KINDS[code];
  if (known) return known;
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  // A 401 with an unknown code is still an authorisation problem, not necessarily a dead token.
  return kindForStatus(status);
}

/**
 * Per-record results of a batch write that failed as a whole (HTTP 400, every record in error): the
 * first failure gives code and details; the message lists each record so nothing is hidden.
 */
function fromRecordResults(status: number, records: unknown[]): ZohoErrorInfo | undefined {
  const failures = records.map((r, i) => ({ i, r })).filter(({ r }) => isObject(r) && r.status === 'error') as { i: number; r: CrmErrorBody }[];
  const first = failures[0];
  if (!first) return undefined;
  const code = String(first.r.code ?? `HTTP_${status}`);
  const describe = ({ i, r }: { i: number; r: CrmErrorBody }) => {
    const d = isObject(r.details) ? r.details : {};
    const field = typeof d.api_name === 'string' ? ` (${d.api_name})` : '';
    return records.length > 1 ? `record ${i + 1}: ${String(r.code)} ${String(r.message)}${field}` : String(r.message);
  };
  const message = records.length > 1 ? `${failures.length} of ${records.length} records failed: ${failures.map(describe).join('; ')}` : describe(first);
  return { code, message, kind: kindFor(code, status), details: first.r.details };
}

/**
 * Reads Zoho CRM's error envelope `{code, message, details, status: "error"}`. Every 2xx (201, 202, 204,
 * 207 multi-status) and 304 is a success; 207 per-record failures are the caller's to report.
 */
export const crmEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = res.body;
  let info: ZohoErrorInfo | undefined;
  if (isObject(body) && Array.isArray(body.data) && body.code === undefined) info = fromRecordResults(res.status, body.data);
  if (!info) {
    const b: CrmErrorBody = isObject(body) ? body : {};
    const code = typeof b.code === 'string' && b.code ? b.code : res.status === 429 ? 'TOO_MANY_REQUESTS' : `HTTP_${res.status}`;
    const message =
      typeof b.message === 'string' && b.message ? b.message : typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : `HTTP ${res.status}`;
    info = { code, message, kind: kindFor(code, res.status) };
    if (isObject(b.details) && Object.keys(b.details).length > 0) info.details = b.details;
  }
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
