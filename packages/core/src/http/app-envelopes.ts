import type { ZohoErrorKind } from '../errors.js';
import type { ZohoApp } from '../regions.js';
import { genericEnvelopeReader, kindForStatus, retryAfterMs, type EnvelopeReader, type RawResponse, type ZohoErrorInfo } from './envelope.js';

// Readers for the apps whose plugins have not landed yet, from the wire digests; a plugin's own reader wins.

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

function info(res: RawResponse, code: string, message: string, kind: ZohoErrorKind, details?: unknown): ZohoErrorInfo {
  const out: ZohoErrorInfo = { code, message, kind };
  if (details !== undefined) out.details = details;
  const wait = retryAfterMs(res.headers);
  if (wait !== undefined) out.retryAfterMs = wait;
  return out;
}

const TOKEN_CODES = new Set(['INVALID_OAUTHTOKEN', 'INVALID_TICKET', 'OAUTHTOKEN_INVALID', 'INVALID_TOKEN', 'F7003', 'F000']);
const SCOPE_CODES = new Set(['INVALID_OAUTHSCOPE', 'OAUTH_SCOPE_MISMATCH', 'F7004']);

function kindFor(code: string, status: number): ZohoErrorKind {
  const upper = code.toUpperCase();
  if (TOKEN_CODES.has(upper)) return 'invalid_token';
  if (SCOPE_CODES.has(upper)) return 'scope';
  if (status === 429 || upper === 'REQUEST_LIMIT_EXCEEDED' || upper === 'TOO_MANY_REQUESTS') return 'throttled';
  return kindForStatus(status);
}

/** Mail: `{status:{code,description},data:{errorCode,moreInfo}}`, sometimes a failure inside HTTP 200. */
export const mailEnvelopeReader: EnvelopeReader = (res) => {
  const body = obj(res.body);
  const statusCode = Number(obj(body?.status)?.code ?? res.status);
  const effective = Math.max(res.status, Number.isFinite(statusCode) ? statusCode : 0);
  if (effective < 400) return undefined;
  const data = obj(body?.data);
  const code = str(data?.errorCode) ?? `HTTP_${effective}`;
  const message = str(data?.moreInfo) ?? str(obj(body?.status)?.description) ?? `HTTP ${effective}`;
  return info(res, code, message, kindFor(code, effective), data);
};

const WORKDRIVE_KINDS: Record<string, ZohoErrorKind> = { R501: 'not_found', R503: 'not_found', R502: 'permission', R504: 'validation', R509: 'validation', F6012: 'validation' };

/** WorkDrive: `{errors:[{id,title}]}`; key off the id — an expired token may come back as HTTP 500. */
export const workdriveEnvelopeReader: EnvelopeReader = (res) => {
  const first = obj((obj(res.body)?.errors as unknown[] | undefined)?.[0]);
  if (!first) {
    if (typeof res.body === 'string' && /INVALID_OAUTHSCOPE/.test(res.body)) return info(res, 'INVALID_OAUTHSCOPE', 'the token lacks the scope for this call', 'scope');
    return genericEnvelopeReader(res);
  }
  const code = str(first.id) ?? `HTTP_${res.status}`;
  const kind = TOKEN_CODES.has(code) || SCOPE_CODES.has(code) ? kindFor(code, res.status) : (WORKDRIVE_KINDS[code] ?? kindFor(code, res.status));
  return info(res, code, str(first.title) ?? `HTTP ${res.status}`, kind, first);
};

/** Cliq: flat `{code,message}`; the throttle arrives as HTTP 400 `request_limit_exceeded`. */
export const cliqEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = obj(res.body);
  const code = str(body?.code) ?? `HTTP_${res.status}`;
  return info(res, code, str(body?.message) ?? `HTTP ${res.status}`, kindFor(code, res.status));
};

/** Calendar: body shape undocumented; `{error:[{message,code}]}` or `{error:{…}}` or `data.error`. */
export const calendarEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const body = obj(res.body);
  const raw = body?.error ?? obj(body?.data)?.error;
  const first = Array.isArray(raw) ? obj(raw[0]) : obj(raw);
  if (!first) return genericEnvelopeReader(res);
  const code = str(first.code) ?? `HTTP_${res.status}`;
  return info(res, code, str(first.message) ?? str(first.description) ?? `HTTP ${res.status}`, kindFor(code, res.status), first);
};

/** Projects: V3 `{error:{status_code,title,details}}` (or an array of them); legacy `{error:{code,message}}`. */
export const projectsEnvelopeReader: EnvelopeReader = (res) => {
  if (res.status < 400) return undefined;
  const raw = obj(res.body)?.error;
  const first = Array.isArray(raw) ? obj(raw[0]) : obj(raw);
  if (!first) {
    if (typeof res.body === 'string' && /INVALID_OAUTHTOKEN|INVALID_TICKET/.test(res.body)) return info(res, 'INVALID_OAUTHTOKEN', 'invalid oauth token', 'invalid_token');
    return genericEnvelopeReader(res);
  }
  const code = str(first.title) ?? str(first.code) ?? `HTTP_${res.status}`;
  const detail = obj((first.details as unknown[] | undefined)?.[0]);
  const message = str(detail?.message) ?? str(first.message) ?? code;
  let kind = kindFor(code, res.status);
  if (code === '6504' || code === 'URL_RULE_NOT_CONFIGURED') kind = 'not_found';
  return info(res, code, detail?.field_name ? `${message} (field ${String(detail.field_name)})` : message, kind, first);
};

/** Core's reader per app, used until a plugin registers its own through the plugin contract. */
export const DEFAULT_ENVELOPE_READERS: Partial<Record<ZohoApp, EnvelopeReader>> = {
  mail: mailEnvelopeReader,
  workdrive: workdriveEnvelopeReader,
  cliq: cliqEnvelopeReader,
  calendar: calendarEnvelopeReader,
  projects: projectsEnvelopeReader,
};
