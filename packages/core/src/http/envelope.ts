import type { ZohoErrorKind } from '../errors.js';

/** What a response looks like to an envelope reader. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body was JSON; text otherwise; undefined when empty. */
  body: unknown;
}

/** Zoho's description of a failure, read from one app's envelope. */
export interface ZohoErrorInfo {
  code: string;
  message: string;
  kind: ZohoErrorKind;
  details?: unknown;
  retryAfterMs?: number;
}

/**
 * Reads an app's error envelope. Returns undefined when the response is a success — including
 * envelopes that report failure inside an HTTP 200 (Books `code ≠ 0`, Mail `status.code ≥ 400`).
 */
export type EnvelopeReader = (response: RawResponse) => ZohoErrorInfo | undefined;

export function headerValue(headers: RawResponse['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** `Retry-After` as milliseconds (seconds or an HTTP date). */
export function retryAfterMs(headers: RawResponse['headers'], now = Date.now()): number | undefined {
  const value = headerValue(headers, 'retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function kindForStatus(status: number): ZohoErrorKind {
  if (status === 401) return 'invalid_token';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  if (status >= 400) return 'validation';
  return 'unknown';
}

function pickString(obj: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' && v) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/**
 * The fallback reader for apps without their own: any status ≥ 400 is an error, with the first code and
 * message it can find in common Zoho shapes.
 */
export const genericEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  let code = `HTTP_${res.status}`;
  let message = `HTTP ${res.status}`;
  const body = res.body;
  if (body && typeof body === 'object') {
    const candidates = [body as Record<string, unknown>];
    for (const key of ['error', 'data', 'status']) {
      const nested = (body as Record<string, unknown>)[key];
      if (nested && typeof nested === 'object' && !Array.isArray(nested)) candidates.push(nested as Record<string, unknown>);
      if (Array.isArray(nested) && nested[0] && typeof nested[0] === 'object') candidates.push(nested[0] as Record<string, unknown>);
    }
    for (const c of candidates) code = pickString(c, ['code', 'errorCode', 'error_code', 'id', 'title']) ?? code;
    for (const c of candidates) {
      const m = pickString(c, ['message', 'description', 'moreInfo', 'title', 'error_description']);
      if (m) {
        message = m;
        break;
      }
    }
  } else if (typeof body === 'string' && body.trim()) {
    message = body.trim().slice(0, 200);
  }
  const info: ZohoErrorInfo = { code, message, kind: kindForStatus(res.status) };
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
};
