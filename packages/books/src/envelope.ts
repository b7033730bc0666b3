import { genericEnvelopeReader, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo } from '@zoho-agent-kit/core';

/** Books error codes this package branches on (Books API v3, `code` in every response). */
export const BOOKS_CODES = {
  success: 0,
  /** Not authorized: invalid/expired token (HTTP 401), or a missing scope / Books role permission. */
  notAuthorized: 57,
  /** The record (or organization) does not exist. */
  notFound: 1002,
  /** Per-minute throttle. */
  throttled: 44,
  /** Daily API quota of the organization used up. */
  dailyQuota: 45,
  /** organization_id missing and the user belongs to several organizations. */
  multipleOrganizations: 6024,
  internalError: 1000,
} as const;

interface BooksOrganizationRef {
  organization_id?: unknown;
  name?: unknown;
}

function numericCode(body: Record<string, unknown>): number | undefined {
  const code = body.code;
  if (typeof code === 'number') return code;
  if (typeof code === 'string' && /^-?\d+$/.test(code.trim())) return Number(code);
  return undefined;
}

function describeReset(waitMs: number | undefined, now: number): string {
  if (waitMs === undefined) return 'the quota resets daily (Zoho did not say when)';
  const at = new Date(now + waitMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const minutes = Math.ceil(waitMs / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const span = hours ? `${hours} h ${rest} min` : `${rest} min`;
  return `the daily quota resets at ${at} (in about ${span})`;
}

function organizationList(body: Record<string, unknown>): { organization_id: string; name: string }[] {
  const list = body.organizations;
  if (!Array.isArray(list)) return [];
  return (list as BooksOrganizationRef[])
    .filter((o) => o && o.organization_id !== undefined && o.organization_id !== null)
    .map((o) => ({ organization_id: String(o.organization_id), name: typeof o.name === 'string' ? o.name : '' }));
}

/**
 * Reads the Books envelope `{code, message, ...}`: `code ≠ 0` is a failure even on HTTP 200. Maps Books codes
 * to the error kinds that drive retry and the model-facing hint:
 * 57 → `invalid_token` on HTTP 401 (the pipeline refreshes and replays once), else `permission`;
 * 1002 → `not_found`; 45 → `quota` (with the time until the daily reset); 44 or another 429 → `throttled`;
 * 6024 → `validation` listing the organizations; 1000 or 5xx → `server`; any other code → `validation`.
 */
export const booksEnvelopeReader: EnvelopeReader = (res) => {
  const body = res.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    // PDFs, empty 204s and non-JSON error pages.
    return genericEnvelopeReader(res);
  }
  const envelope = body as Record<string, unknown>;
  const code = numericCode(envelope);
  if (code === undefined) return genericEnvelopeReader(res);
  if (code === BOOKS_CODES.success && res.status < 400) return undefined;

  const zohoMessage = typeof envelope.message === 'string' && envelope.message.trim() ? envelope.message.trim() : `Books error ${code}`;
  const wait = retryAfterMs(res.headers);
  const info: ZohoErrorInfo = { code: String(code), message: zohoMessage, kind: 'validation' };
  if (wait !== undefined) info.retryAfterMs = wait;

  if (code === BOOKS_CODES.notAuthorized) {
    info.kind = res.status === 401 ? 'invalid_token' : 'permission';
    info.message = `${zohoMessage} (Books code 57: the OAuth token lacks a ZohoBooks scope this call needs, or the Zoho user's Books role does not allow it)`;
  } else if (code === BOOKS_CODES.notFound) {
    info.kind = 'not_found';
  } else if (code === BOOKS_CODES.dailyQuota) {
    info.kind = 'quota';
    info.message = `${zohoMessage.replace(/\.$/, '')}; ${describeReset(wait, Date.now())}`;
  } else if (code === BOOKS_CODES.throttled || res.status === 429) {
    info.kind = 'throttled';
  } else if (code === BOOKS_CODES.multipleOrganizations) {
    const orgs = organizationList(envelope);
    const listed = orgs.length ? `: ${orgs.map((o) => `${o.name || '(unnamed)'} (organization_id ${o.organization_id})`).join(', ')}` : '';
    info.message = `${zohoMessage.replace(/\.$/, '')}${listed}. Choose one and set ZOHO_BOOKS_ORGANIZATION_ID (the organizationId option of the Books plugin)`;
    info.details = { organizations: orgs };
  } else if (code === BOOKS_CODES.internalError || res.status >= 500) {
    info.kind = 'server';
  }
  return info;
};
