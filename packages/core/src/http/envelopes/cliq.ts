import type { ZohoErrorKind } from '../../errors.js';
import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo } from '../envelope.js';

/** Cliq `code` values with a meaning of their own; others are classified by HTTP status. */
export const CLIQ_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  oauthtoken_invalid: 'invalid_token',
  /** Emulator's (synthetic) code for a token without the scope. */
  invalid_oauthscope: 'scope',
  /** Cliq throttles with HTTP 400 and this code (v3 docs say 429); either way it is retried after a wait. */
  request_limit_exceeded: 'throttled',
  invalid_endpoint: 'not_found',
};

/**
 * Reads Zoho Cliq's flat error body `{code, message}` (shared/zoho-api/cliq.md §5). Success is any status below 400
 * (message posts answer 204 with no body). Keyed off `code`, never the message text.
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
