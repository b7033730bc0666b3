import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/**
 * Cliq `code` values whose meaning is not the HTTP status's; every other code is classified by its status
 * (400 validation, 401 invalid token, 403 permission, 404 not found, 429 throttled, 5xx server).
 */
export const CLIQ_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  oauthtoken_invalid: 'invalid_token',
  /** The emulator's (synthetic) code for a token without the scope; Cliq's own is unconfirmed. */
  invalid_oauthscope: 'scope',
  /**
   * Cliq throttles with HTTP 400 and this code (its v3 docs say 429): read as throttled, so the call is retried
   * after a wait (a write too: Cliq did not process it) instead of failing as bad input.
   */
  request_limit_exceeded: 'throttled',
  invalid_endpoint: 'not_found',
};

/**
 * Reads Zoho Cliq's flat error body `{code, message}` (shared/zoho-api/cliq.md §5), keyed off `code`, never the
 * message text. Success is any status below 400 (message posts answer 204 with no body); bodies that are not
 * JSON objects (an HTML error page, an empty 5xx) go to core's generic reader.
 */
export const cliqEnvelopeReader: EnvelopeReader = (res) => {
  const body = res.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return genericEnvelopeReader(res);
  if (res.status < 400) return undefined;
  const envelope = body as Record<string, unknown>;
  const code = typeof envelope.code === 'string' && envelope.code ? envelope.code : `HTTP_${res.status}`;
  const message = typeof envelope.message === 'string' && envelope.message.trim() ? envelope.message.trim() : code;
  const info: ZohoErrorInfo = { code, message, kind: CLIQ_ERROR_KINDS[code] ?? kindForStatus(res.status) };
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
