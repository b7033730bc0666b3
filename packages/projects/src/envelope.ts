import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/** V3 `title`s (and legacy numeric codes) with a meaning of their own; others are classified by status. */
export const PROJECTS_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  INVALID_OAUTHTOKEN: 'invalid_token',
  INVALID_TICKET: 'invalid_token',
  /** Emulator's (synthetic) title for a token without the scope. */
  INVALID_OAUTHSCOPE: 'scope',
  /** A path Projects does not serve (also seen for a missing scope on some Zoho products). */
  URL_RULE_NOT_CONFIGURED: 'not_found',
  /** Synthetic: the body of Projects' 429 is undocumented. */
  TOO_MANY_REQUESTS: 'throttled',
  /** Legacy API: "Domain Not Available" (unknown portal). */
  '6504': 'not_found',
};

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads Zoho Projects errors (shared/zoho-api/projects.md §2–3): V3 `{"error":{"status_code","title","error_type","details":[{"message","field_name"}]}}`
 * (sometimes `error` is an array) and legacy `{"error":{"code":6504,"message"}}`. Success is any status below 400.
 */
export const projectsEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = asRecord(res.body);
  const error = asRecord(Array.isArray(body?.error) ? body.error[0] : body?.error);
  if (!error) return genericEnvelopeReader(res);
  const details = Array.isArray(error.details) ? error.details.map(asRecord).filter((d): d is Record<string, unknown> => d !== undefined) : [];
  const title = typeof error.title === 'string' && error.title ? error.title : undefined;
  const legacyCode = typeof error.code === 'number' || typeof error.code === 'string' ? String(error.code) : undefined;
  const code = title ?? legacyCode ?? `HTTP_${res.status}`;
  const detail = details.find((d) => typeof d.message === 'string');
  const field = typeof detail?.field_name === 'string' ? ` (field ${detail.field_name})` : '';
  const text = typeof detail?.message === 'string' ? detail.message : typeof error.message === 'string' ? error.message : code;
  const info: ZohoErrorInfo = { code, message: `${text}${field}`, kind: PROJECTS_ERROR_KINDS[code] ?? kindForStatus(res.status) };
  if (details.length === 1) info.details = details[0];
  else if (details.length) info.details = details;
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
