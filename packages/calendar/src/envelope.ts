import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/**
 * Calendar error codes this package branches on. Zoho does not document Calendar's error body
 * (shared/zoho-api/calendar.md §7): these are the emulator's synthetic codes, plus the token codes other Zoho
 * gateways use. Anything else is classified by HTTP status.
 */
export const CALENDAR_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  INVALID_OAUTHTOKEN: 'invalid_token',
  INVALID_TICKET: 'invalid_token',
  INVALID_OAUTHSCOPE: 'scope',
  URL_NOT_FOUND: 'not_found',
  CALENDAR_NOT_FOUND: 'not_found',
  EVENT_NOT_FOUND: 'not_found',
  NO_PERMISSION: 'permission',
  TOO_MANY_REQUESTS: 'throttled',
};

/** The code of a stale `etag` on update or delete (someone changed the event since it was read). */
export const ETAG_MISMATCH = 'ETAG_MISMATCH';

function firstError(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const candidate = Array.isArray(body.error) ? body.error[0] : body.error;
  return candidate && typeof candidate === 'object' ? (candidate as Record<string, unknown>) : undefined;
}

/**
 * Reads Zoho Calendar errors: `{"error":[{"message","code"}]}` (array or object form; the emulator sends the
 * array) and, for anything else, core's generic reader. Success is any status below 400. The field at fault
 * (`param`, when the body names one) is kept in `details`.
 */
export const calendarEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = res.body;
  const error = body && typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body) ? firstError(body as Record<string, unknown>) : undefined;
  if (!error) return genericEnvelopeReader(res);
  const code = typeof error.code === 'string' && error.code ? error.code : `HTTP_${res.status}`;
  const text = [error.message, error.description].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const info: ZohoErrorInfo = { code, message: text?.trim() ?? code, kind: CALENDAR_ERROR_KINDS[code] ?? kindForStatus(res.status) };
  if (typeof error.param === 'string') info.details = { param: error.param };
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
