import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type ZohoErrorInfo, type ZohoErrorKind } from '@zoho-agent-kit/core';

/** `data.errorCode` values with a meaning of their own; anything else is classified by its status. */
export const MAIL_ERROR_KINDS: Readonly<Record<string, ZohoErrorKind>> = {
  INVALID_OAUTHTOKEN: 'invalid_token',
  /** No or malformed Authorization header (HTTP 400). */
  INVALID_TICKET: 'invalid_token',
  /** Emulator's (synthetic) answer for a token without the scope; Zoho's own is unconfirmed. */
  INVALID_OAUTHSCOPE: 'scope',
  URL_RULE_MISMATCH: 'not_found',
  /** Synthetic too: Mail's throttling body is undocumented. */
  TOO_MANY_REQUESTS: 'throttled',
};

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value) ? (value as Record<string, unknown>) : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Reads Zoho Mail's envelope `{status:{code,description},data:{errorCode,moreInfo}}` (shared/zoho-api/mail.md §8).
 * A failure is HTTP ≥ 400 or `status.code` ≥ 400 — Mail can answer 200 with a failing envelope — or an
 * `errorCode` without any `status` (seen for bad tokens). Keyed off `data.errorCode`, never the text.
 */
export const mailEnvelopeReader: EnvelopeReader = (res) => {
  const body = asRecord(res.body);
  if (!body) return genericEnvelopeReader(res);
  const status = asRecord(body.status);
  const data = asRecord(body.data);
  const envelopeCode = Number(status?.code);
  const errorCode = asText(data?.errorCode);
  let failedWith: number | undefined;
  if (res.status >= 400) failedWith = res.status;
  else if (Number.isFinite(envelopeCode) && envelopeCode >= 400) failedWith = envelopeCode;
  else if (errorCode && !status) failedWith = res.status;
  if (failedWith === undefined) return undefined;

  const code = errorCode ?? `HTTP_${failedWith}`;
  const message = asText(data?.moreInfo) ?? asText(status?.description) ?? code;
  const info: ZohoErrorInfo = { code, message, kind: MAIL_ERROR_KINDS[code] ?? kindForStatus(failedWith) };
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
