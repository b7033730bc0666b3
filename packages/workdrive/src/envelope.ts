import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/** WorkDrive error ids with a meaning of their own, whatever the HTTP status; others go by status. */
export const WORKDRIVE_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  /** Invalid or expired token — sometimes sent with HTTP 500, so it must not be read as a server error. */
  F7003: 'invalid_token',
  /** No token at all (INVALID_TICKET), sent with HTTP 500. */
  F000: 'invalid_token',
  F7004: 'scope',
  F6012: 'validation',
  R501: 'not_found',
  R503: 'not_found',
  R502: 'permission',
  R504: 'validation',
  R509: 'validation',
  /** Synthetic: WorkDrive documents no throttling answer. */
  TOO_MANY_REQUESTS: 'throttled',
};

/**
 * Reads Zoho WorkDrive's JSON:API errors `{"errors":[{"id","title"}]}` (shared/zoho-api/workdrive.md §8), keyed off
 * `errors[0].id` rather than the HTTP status. A gateway's plain `INVALID_OAUTHSCOPE` text counts as a scope error.
 */
export const workdriveEnvelopeReader: EnvelopeReader = (res) => {
  const body = res.body;
  if (typeof body === 'string' && /INVALID_OAUTHSCOPE/.test(body)) return { code: 'INVALID_OAUTHSCOPE', message: 'The OAuth token lacks a WorkDrive scope this call needs', kind: 'scope' };
  const errors = body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as { errors?: unknown }).errors : undefined;
  const first = Array.isArray(errors) && errors[0] && typeof errors[0] === 'object' ? (errors[0] as Record<string, unknown>) : undefined;
  if (!first) return genericEnvelopeReader(res);
  const code = typeof first.id === 'string' && first.id ? first.id : `HTTP_${res.status}`;
  const message = typeof first.title === 'string' && first.title.trim() ? first.title.trim() : code;
  const info: ZohoErrorInfo = { code, message, kind: WORKDRIVE_ERROR_KINDS[code] ?? kindForStatus(res.status >= 400 ? res.status : 400) };
  if (errors && (errors as unknown[]).length > 1) info.details = errors;
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
