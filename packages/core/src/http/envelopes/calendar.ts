import type { ZohoErrorKind } from '../../errors.js';
import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo } from '../envelope.js';

/** Codes with a meaning of their own; others are classified by HTTP status. */
export const CALENDAR_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  INVALID_OAUTHTOKEN: 'invalid_token',
  INVALID_TICKET: 'invalid_token',
  INVALID_OAUTHSCOPE: 'scope',
  URL_NOT_FOUND: 'not_found',
  TOO_MANY_REQUESTS: 'throttled',
};

function firstError(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const candidate = Array.isArray(body.error) ? body.error[0] : body.error;
  return candidate && typeof candidate === 'object' ? (candidate as Record<string, unknown>) : undefined;
}

/**
 * Reads Zoho Calendar errors. Calendar's error body is undocumented (shared/zoho-api/calendar.md §7); the emulator answers
 * `{"error":[{"message","code"}]}` (array or object form both read here) and anything else falls back to
 * core's generic reader. Success is any status below 400.
 */
export const calendarEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = res.body;
  const error = body && typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body) ? firstError(body as Record<string, unknown>) : undefined;
  if (!error) return genericEnvelopeReader(res);
  const code = typeof error.code === 'string' && error.code ? error.code : `HTTP_${res.status}`;
  const message = typeof error.message === 'string' && error.message.trim() ? error.message.trim() : code;
  const info: ZohoErrorInfo = { code, message, kind: CALENDAR_ERROR_KINDS[code] ?? kindForStatus(res.status) };
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
