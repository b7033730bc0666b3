/**
 * Mail's JSON on the wire: account, folder, message and thread ids as bare 19-digit JSON numbers (beyond
 * JavaScript's safe integers, so clients must parse losslessly), in Mail's `{status:{code,description},data}`.
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';

/** Keys whose digit-string values are written as bare numbers. */
const NUMERIC_ID_KEYS = new Set(['accountId', 'folderId', 'messageId', 'threadId', 'parentFolderId', 'previousFolderId', 'destfolderId']);

function stringify(value: unknown, key: string): string | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (typeof value === 'string' && NUMERIC_ID_KEYS.has(key) && /^\d{1,30}$/.test(value)) return value;
  if (Array.isArray(value)) return `[${value.map((v) => stringify(v, key) ?? 'null').join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const s = stringify(v, k);
      if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** JSON text with Mail's id fields as bare numbers. */
export function mailJson(value: unknown): string {
  return stringify(value, '') ?? 'null';
}

function answer(status: number, body: unknown): EmulatorResponse {
  return { status, raw: mailJson(body), headers: { 'content-type': 'application/json;charset=UTF-8' } };
}

/** A success envelope; `data` omitted for update calls that answer only `status` (mail.md §1). */
export function mailOk(data?: unknown, status = 200): EmulatorResponse {
  const body: Record<string, unknown> = { status: { code: status, description: 'success' } };
  if (data !== undefined) body.data = data;
  return answer(status, body);
}

/** Mail's error envelope; `status.code` repeats the HTTP status. */
export function mailError(status: number, errorCode: string, description: string, moreInfo?: string): EmulatorResponse {
  const data: Record<string, string> = { errorCode };
  if (moreInfo) data.moreInfo = moreInfo;
  return answer(status, { status: { code: status, description }, data });
}

/**
 * Error codes the emulator answers with. INVALID_TICKET, INVALID_OAUTHTOKEN and URL_RULE_MISMATCH are Zoho's
 * (mail.md §8); the others are synthetic, in Zoho's style, where the digest names none.
 */
export const MAIL_EMULATOR_CODES = {
  /** A parameter or body field with a wrong value (names the field in moreInfo). */
  invalidValue: 'PATTERN_NOT_MATCHED',
  /** A required parameter or field is missing. */
  missing: 'EMPTY_VALUE',
  /** A body field the route does not take. */
  unknownField: 'EXTRA_KEY_FOUND_IN_JSON',
  /** Body that is not JSON. */
  badJson: 'JSON_PARSE_ERROR',
  /** An account, folder, message, label or attachment that does not exist. */
  notFound: 'URL_RULE_MISMATCH',
  /** Sending from an address that is not one of the account's send-as addresses. */
  fromNotAllowed: 'INVALID_FROM_ADDRESS',
} as const;

export const invalidInput = (moreInfo: string, code: string = MAIL_EMULATOR_CODES.invalidValue) => mailError(400, code, 'Invalid Input', moreInfo);
export const notFound = (what: string) => mailError(404, MAIL_EMULATOR_CODES.notFound, 'Invalid URL', what);
