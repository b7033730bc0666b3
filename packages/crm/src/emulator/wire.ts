/** The CRM emulator's shared answers: the error envelope, request checks and batch statuses every route uses. */
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { fieldOf } from './metadata.js';
import type { CrmState, ModuleStore, StoredRecord } from './state.js';

export type Req = EmulatorRequest<CrmState>;
export type Route = EmulatorRoute<CrmState>;

/** v3 … v8 share the semantics emulated here (fields required, page wall, page_token). */
const SUPPORTED_VERSIONS = /^v[3-8]$/;
export const MAX_PER_PAGE = 200;
export const MAX_WRITE_RECORDS = 100;
const MAX_FIELDS = 50;

/** The CRM error envelope. */
export function crmError(status: number, code: string, message: string, details: Record<string, unknown> = {}): EmulatorResponse {
  return { status, body: { code, details, message, status: 'error' } };
}

export const invalidData = (details: Record<string, unknown> = {}) => crmError(400, 'INVALID_DATA', 'invalid data', details);
export const invalidId = (id: string) => crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', { id });
/** common.json's MandatoryParamError wants `param_name` and `param`; the digest names `param`: both. */
export const paramMissing = (param: string) => crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: param, param });

export function versionError(req: Req): EmulatorResponse | undefined {
  return SUPPORTED_VERSIONS.test(req.params.version ?? '') ? undefined : crmError(400, 'API_NOT_SUPPORTED', 'the version given is not supported', { supported_version: 8.0 });
}

/** INVALID_MODULE for a module named in the URL: `resource_path_index` counts segments after `/crm/{version}/`. */
export const invalidModuleInPath = (index: number) => crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { resource_path_index: index });

export function moduleOf(req: Req): ModuleStore | EmulatorResponse {
  const store = req.state.modules.get(req.params.module ?? '');
  return store ?? invalidModuleInPath(0);
}

export const isResponse = (x: unknown): x is EmulatorResponse => typeof x === 'object' && x !== null && 'status' in x && typeof (x as { status: unknown }).status === 'number';

export function intParam(req: Req, name: string, fallback: number): number | EmulatorResponse {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return invalidData({ param: name });
  return Number(raw);
}

/** A page's `info`, as Zoho's list answers carry it. */
export interface PageInfo {
  per_page: number;
  count: number;
  page: number;
  more_records: boolean;
}

/**
 * Page `page` (from 1) of `rows`, `perPage` to a page: its rows and its `info`. `wall` stops the rows where
 * Zoho's reach ends (search: the first 2,000 matches); `more_records` still says whether any follow.
 */
export function pageOf<T>(rows: readonly T[], page: number, perPage: number, wall = Infinity): { rows: T[]; info: PageInfo } {
  const offset = (page - 1) * perPage;
  const slice = rows.slice(offset, Math.min(offset + perPage, wall));
  return { rows: slice, info: { per_page: perPage, count: slice.length, page, more_records: offset + perPage < rows.length } };
}

/** `fields=` as a projection; undefined means every field. */
export function fieldsParam(req: Req, store: ModuleStore, required: boolean): string[] | undefined | EmulatorResponse {
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return required ? paramMissing('fields') : undefined;
  const names = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length > MAX_FIELDS) return crmError(400, 'LIMIT_EXCEEDED', 'Max field limit exceeded', { param: 'fields', limit: MAX_FIELDS });
  for (const name of names) if (name !== 'id' && !fieldOf(store.spec, name)) return invalidData({ api_name: name, param: 'fields' });
  return names;
}

export function successDetails(state: CrmState, record: StoredRecord): Record<string, unknown> {
  const user = { name: state.currentUser.name, id: state.currentUser.id };
  return {
    Modified_Time: record.Modified_Time,
    Modified_By: user,
    Created_Time: record.Created_Time,
    id: record.id,
    Created_By: user,
    $approval_state: 'approved',
  };
}

/** 201/200 when all succeed, 207 when mixed, 400 when all fail. */
export function batchStatus(results: { status: string }[], allOk: number): number {
  const ok = results.filter((r) => r.status === 'success').length;
  return ok === results.length ? allOk : ok === 0 ? 400 : 207;
}

export function dataArray(req: Req): unknown[] | EmulatorResponse {
  const body = req.body as { data?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data) || body.data.length === 0) {
    return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'data', json_path: '$.data', expected_data_type: 'jsonarray' });
  }
  if (body.data.length > MAX_WRITE_RECORDS) return crmError(400, 'LIMIT_EXCEEDED', 'Record insertion limit has been exceeded.', { limit: MAX_WRITE_RECORDS });
  return body.data;
}

