import { createHash } from 'node:crypto';
import { scopesSatisfy } from '@zoho-agent-kit/core';
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { CoqlError, parseCoql, runCoql } from './coql.js';
import { checkCriteria, countConditions, CriteriaError, matchCriteria, parseCriteria } from './criteria.js';
import { fieldObject, fieldOf, moduleObject, MODULES } from './metadata.js';
import { validateRecord } from './records.js';
import { buildRecord, insertRecord, materialise, minifiedUser, recompute, zohoDateTime, type CrmState, type ModuleStore, type StoredRecord } from './state.js';

type Req = EmulatorRequest<CrmState>;
type Route = EmulatorRoute<CrmState>;

/** v3 … v8 share the semantics emulated here (fields required, page wall, page_token). */
const SUPPORTED_VERSIONS = /^v[3-8]$/;
const MAX_PER_PAGE = 200;
const PAGE_WALL = 2000;
const MAX_WRITE_RECORDS = 100;
const MAX_FIELDS = 50;
const MAX_SEARCH_CONDITIONS = 10;
const PAGE_TOKEN_TTL_MS = 24 * 3_600_000;
const LIST_SORT_KEYS = ['id', 'Created_Time', 'Modified_Time'];

/** The CRM error envelope. */
export function crmError(status: number, code: string, message: string, details: Record<string, unknown> = {}): EmulatorResponse {
  return { status, body: { code, details, message, status: 'error' } };
}

const invalidData = (details: Record<string, unknown> = {}) => crmError(400, 'INVALID_DATA', 'invalid data', details);
const invalidId = (id: string) => crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', { id });
const paramMissing = (param: string) => crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param });

function versionError(req: Req): EmulatorResponse | undefined {
  return SUPPORTED_VERSIONS.test(req.params.version ?? '') ? undefined : crmError(400, 'API_NOT_SUPPORTED', 'the version given is not supported', { supported_version: 8.0 });
}

function moduleOf(req: Req): ModuleStore | EmulatorResponse {
  const store = req.state.modules.get(req.params.module ?? '');
  return store ?? crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', {});
}

const isResponse = (x: unknown): x is EmulatorResponse => typeof x === 'object' && x !== null && 'status' in x && typeof (x as { status: unknown }).status === 'number';

function intParam(req: Req, name: string, fallback: number): number | EmulatorResponse {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return invalidData({ param: name });
  return Number(raw);
}

/** `fields=` as a projection; undefined means every field. */
function fieldsParam(req: Req, store: ModuleStore, required: boolean): string[] | undefined | EmulatorResponse {
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return required ? paramMissing('fields') : undefined;
  const names = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length > MAX_FIELDS) return crmError(400, 'LIMIT_EXCEEDED', 'Max field limit exceeded', { param: 'fields', limit: MAX_FIELDS });
  for (const name of names) if (name !== 'id' && !fieldOf(store.spec, name)) return invalidData({ api_name: name, param: 'fields' });
  return names;
}

function project(state: CrmState, store: ModuleStore, record: StoredRecord, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return materialise(state, store.spec, record);
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = record[f] ?? null;
  out.id = record.id;
  return out;
}

function timeOf(record: StoredRecord, key: string): number {
  return Date.parse(String(record[key]));
}

function sorted(records: StoredRecord[], sortBy: string, order: 'asc' | 'desc'): StoredRecord[] {
  const list = [...records];
  if (sortBy === 'id') list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  else {
    const keyed = list.map((r) => ({ r, t: timeOf(r, sortBy) }));
    keyed.sort((a, b) => a.t - b.t || (a.r.id < b.r.id ? -1 : 1));
    list.splice(0, list.length, ...keyed.map((k) => k.r));
  }
  return order === 'desc' ? list.reverse() : list;
}

function issueToken(state: CrmState, entry: Omit<PageTokenEntryLike, 'expiresAt'>, now: number): { token: string; expiry: string } {
  state.tokenSequence++;
  const token = createHash('sha256').update(`${entry.grantId}:${entry.module}:${entry.sortBy}:${entry.sortOrder}:${entry.offset}:${state.tokenSequence}`).digest('hex').slice(0, 48);
  const expiresAt = now + PAGE_TOKEN_TTL_MS;
  state.pageTokens.set(token, { ...entry, expiresAt });
  return { token, expiry: zohoDateTime(expiresAt) };
}

type PageTokenEntryLike = { module: string; grantId: string; sortBy: string; sortOrder: 'asc' | 'desc'; offset: number; expiresAt: number };

function listRecords(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const fields = fieldsParam(req, store, true);
  if (isResponse(fields)) return fields;
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage)) return perPage;
  if (perPage > MAX_PER_PAGE) return crmError(400, 'LIMIT_EXCEEDED', 'Record count exceeded', { param: 'per_page', limit: MAX_PER_PAGE });
  const grantId = req.token?.grantId ?? '';
  const tokenParam = req.query.get('page_token');
  let offset: number;
  let sortBy = req.query.get('sort_by') ?? 'id';
  let sortOrder = (req.query.get('sort_order') ?? 'desc') as 'asc' | 'desc';
  if (!LIST_SORT_KEYS.includes(sortBy)) return invalidData({ param: 'sort_by', reason: `sort_by supports only ${LIST_SORT_KEYS.join(', ')}` });
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return invalidData({ param: 'sort_order' });
  if (req.query.get('cvid') && req.query.get('sort_by')) return invalidData({ param: 'sort_by', reason: 'sort_by cannot be combined with cvid' });
  if (tokenParam) {
    if (req.query.get('page')) return invalidData({ param: 'page', reason: 'page cannot be combined with page_token' });
    const entry = req.state.pageTokens.get(tokenParam);
    if (!entry || entry.grantId !== grantId || entry.module !== store.spec.api) return invalidData({ param: 'page_token', reason: 'invalid page_token' });
    if (entry.expiresAt <= req.now) return invalidData({ param: 'page_token', reason: 'the page_token has expired' });
    ({ offset, sortBy, sortOrder } = entry);
  } else {
    const page = intParam(req, 'page', 1);
    if (isResponse(page)) return page;
    if (page * perPage > PAGE_WALL) {
      return crmError(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', `cannot fetch more than ${PAGE_WALL} records with page; use page_token`, { limit: PAGE_WALL });
    }
    offset = (page - 1) * perPage;
  }
  let records = store.records;
  const ids = req.query.get('ids');
  if (ids) {
    const wanted = new Set(ids.split(','));
    records = records.filter((r) => wanted.has(r.id));
  }
  const since = req.headers['if-modified-since'];
  if (typeof since === 'string' && since) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) return invalidData({ param: 'If-Modified-Since' });
    records = records.filter((r) => timeOf(r, 'Modified_Time') > t);
    if (records.length === 0) return { status: 304 };
  }
  const all = sorted(records, sortBy, sortOrder);
  const slice = all.slice(offset, offset + perPage);
  if (slice.length === 0) return { status: 204 };
  const more = offset + perPage < all.length;
  const next = more ? issueToken(req.state, { module: store.spec.api, grantId, sortBy, sortOrder, offset: offset + perPage }, req.now) : undefined;
  const previous = offset > 0 ? issueToken(req.state, { module: store.spec.api, grantId, sortBy, sortOrder, offset: Math.max(0, offset - perPage) }, req.now) : undefined;
  return {
    status: 200,
    body: {
      data: slice.map((r) => project(req.state, store, r, fields)),
      info: {
        per_page: perPage,
        next_page_token: next?.token ?? null,
        count: slice.length,
        sort_by: sortBy,
        page: Math.floor(offset / perPage) + 1,
        previous_page_token: previous?.token ?? null,
        page_token_expiry: next?.expiry ?? previous?.expiry ?? null,
        sort_order: sortOrder,
        more_records: more,
      },
    },
  };
}

function getRecord(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const fields = fieldsParam(req, store, false);
  if (isResponse(fields)) return fields;
  // Documented choice: an unknown id is 400 INVALID_DATA (current Zoho), not the older 204.
  const record = store.byId.get(req.params.id ?? '');
  if (!record) return invalidId(req.params.id ?? '');
  return { status: 200, body: { data: [project(req.state, store, record, fields)] } };
}

const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'website', 'picklist']);

function searchRecords(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const spec = store.spec;
  const fields = fieldsParam(req, store, false);
  if (isResponse(fields)) return fields;
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage)) return perPage;
  if (perPage > MAX_PER_PAGE) return crmError(400, 'LIMIT_EXCEEDED', 'Record count exceeded', { param: 'per_page', limit: MAX_PER_PAGE });
  const page = intParam(req, 'page', 1);
  if (isResponse(page)) return page;
  if (page * perPage > PAGE_WALL) return crmError(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', `search reaches only the first ${PAGE_WALL} records`, { limit: PAGE_WALL });

  let match: (r: StoredRecord) => boolean;
  const criteria = req.query.get('criteria');
  const email = req.query.get('email');
  const phone = req.query.get('phone');
  const word = req.query.get('word');
  if (criteria) {
    try {
      const node = parseCriteria(criteria);
      if (countConditions(node) > MAX_SEARCH_CONDITIONS) return crmError(400, 'INVALID_QUERY', 'invalid query formed', { reason: `more than ${MAX_SEARCH_CONDITIONS} conditions`, limit: MAX_SEARCH_CONDITIONS });
      checkCriteria(node, spec);
      match = (r) => matchCriteria(node, r, spec);
    } catch (err) {
      if (err instanceof CriteriaError) return crmError(400, 'INVALID_QUERY', 'invalid query formed', err.details);
      throw err;
    }
  } else if (email) {
    const keys = spec.fields.filter((f) => f.type === 'email').map((f) => f.api);
    const wanted = email.toLowerCase();
    match = (r) => keys.some((k) => typeof r[k] === 'string' && (r[k] as string).toLowerCase() === wanted);
  } else if (phone) {
    const keys = spec.fields.filter((f) => f.type === 'phone').map((f) => f.api);
    const digits = phone.replace(/\D/g, '');
    if (!digits) return invalidData({ param: 'phone' });
    match = (r) => keys.some((k) => typeof r[k] === 'string' && (r[k] as string).replace(/\D/g, '').includes(digits));
  } else if (word) {
    const keys = spec.fields.filter((f) => TEXTUAL.has(f.type) || f.type === 'lookup').map((f) => f.api);
    const wanted = word.toLowerCase();
    match = (r) =>
      keys.some((k) => {
        const v = r[k];
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : '';
        return text.toLowerCase().includes(wanted);
      });
  } else {
    return paramMissing('criteria');
  }
  const matched = [...store.records].reverse().filter(match);
  const offset = (page - 1) * perPage;
  const slice = matched.slice(offset, offset + perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: { data: slice.map((r) => project(req.state, store, r, fields)), info: { per_page: perPage, count: slice.length, page, more_records: offset + perPage < matched.length } },
  };
}

function successDetails(state: CrmState, record: StoredRecord): Record<string, unknown> {
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
function batchStatus(results: { status: string }[], allOk: number): number {
  const ok = results.filter((r) => r.status === 'success').length;
  return ok === results.length ? allOk : ok === 0 ? 400 : 207;
}

function dataArray(req: Req): unknown[] | EmulatorResponse {
  const body = req.body as { data?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data) || body.data.length === 0) {
    return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'data', json_path: '$.data', expected_data_type: 'jsonarray' });
  }
  if (body.data.length > MAX_WRITE_RECORDS) return crmError(400, 'LIMIT_EXCEEDED', 'Record insertion limit has been exceeded.', { limit: MAX_WRITE_RECORDS });
  return body.data;
}

function createRecords(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const data = dataArray(req);
  if (isResponse(data)) return data;
  const results = data.map((input, i) => {
    const outcome = validateRecord(req.state, store.spec, input, i, 'create');
    if (!outcome.ok) return { ...outcome.error, status: 'error' };
    const owner = outcome.values.Owner as { id: string } | undefined;
    const record = buildRecord(req.state, store.spec, outcome.values, { created: req.now });
    if (owner) record.Owner = owner;
    insertRecord(store, record);
    return { code: 'SUCCESS', details: successDetails(req.state, record), message: 'record added', status: 'success' };
  });
  return { status: batchStatus(results, 201), body: { data: results } };
}

function applyUpdate(req: Req, store: ModuleStore, record: StoredRecord, input: unknown, index: number) {
  const outcome = validateRecord(req.state, store.spec, input, index, 'update');
  if (!outcome.ok) return { ...outcome.error, status: 'error' };
  Object.assign(record, outcome.values);
  record.Modified_Time = zohoDateTime(req.now);
  record.Modified_By = minifiedUser(req.state.currentUser);
  recompute(store.spec, record);
  return { code: 'SUCCESS', details: successDetails(req.state, record), message: 'record updated', status: 'success' };
}

function updateOne(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const data = dataArray(req);
  if (isResponse(data)) return data;
  const id = req.params.id ?? '';
  const record = store.byId.get(id);
  if (!record) return { status: 400, body: { data: [{ code: 'INVALID_DATA', details: { id }, message: 'the id given seems to be invalid', status: 'error' }] } };
  const result = applyUpdate(req, store, record, data[0], 0);
  return { status: result.status === 'success' ? 200 : 400, body: { data: [result] } };
}

function updateMany(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const data = dataArray(req);
  if (isResponse(data)) return data;
  const results = data.map((input, i) => {
    const id = input && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
    if (id === undefined || id === null || id === '') return { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: `$.data[${i}].id` }, message: 'required field not found', status: 'error' };
    const record = store.byId.get(String(id));
    if (!record) return { code: 'INVALID_DATA', details: { api_name: 'id', json_path: `$.data[${i}].id`, id: String(id) }, message: 'the id given seems to be invalid', status: 'error' };
    return applyUpdate(req, store, record, input, i);
  });
  return { status: batchStatus(results, 200), body: { data: results } };
}

function remove(req: Req, store: ModuleStore, id: string) {
  const record = store.byId.get(id);
  if (!record) return { code: 'INVALID_DATA', details: { id }, message: 'the id given seems to be invalid', status: 'error' };
  store.byId.delete(id);
  store.records.splice(store.records.indexOf(record), 1);
  req.state.deleted.push({ module: store.spec.api, record, deletedAt: req.now });
  return { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' };
}

function deleteOne(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const result = remove(req, store, req.params.id ?? '');
  return { status: result.status === 'success' ? 200 : 400, body: { data: [result] } };
}

function deleteMany(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const ids = (req.query.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) return paramMissing('ids');
  if (ids.length > MAX_WRITE_RECORDS) return crmError(400, 'LIMIT_EXCEEDED', 'Record count exceeded', { param: 'ids', limit: MAX_WRITE_RECORDS });
  const results = ids.map((id) => remove(req, store, id));
  return { status: batchStatus(results, 200), body: { data: results } };
}

function coql(req: Req): EmulatorResponse {
  const body = req.body as { select_query?: unknown } | undefined;
  const query = body && typeof body === 'object' ? body.select_query : undefined;
  if (typeof query !== 'string' || !query.trim()) return crmError(400, 'SYNTAX_ERROR', 'invalid query formed', { clause: 'select_query' });
  try {
    const q = parseCoql(query);
    const store = req.state.modules.get(q.module);
    // COQL needs the module's read scope on top of ZohoCRM.coql.READ.
    if (store && req.token && !scopesSatisfy(req.token.scopes, [`ZohoCRM.modules.${q.module.toLowerCase()}.READ`])) {
      return crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {});
    }
    const { rows, more } = runCoql(req.state, q);
    if (rows.length === 0) return { status: 204 };
    return { status: 200, body: { data: rows, info: { count: rows.length, more_records: more } } };
  } catch (err) {
    if (err instanceof CoqlError) return crmError(400, err.code, err.message, err.details);
    throw err;
  }
}

function settingsFields(req: Req): EmulatorResponse {
  const api = req.query.get('module');
  if (!api) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'module' });
  const store = req.state.modules.get(api);
  if (!store) return crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { api_name: 'module' });
  const fields = store.spec.fields.map((f, i) => fieldObject(store.spec, f, i, req.state.metadataIds, req.state.options.layoutMandatory));
  return { status: 200, body: { fields } };
}

function settingsModules(req: Req): EmulatorResponse {
  const admin = { name: req.state.currentUser.name, id: req.state.currentUser.id };
  return { status: 200, body: { modules: MODULES.map((m, i) => moduleObject(m, i, req.state.metadataIds, admin)) } };
}

/** Wraps a handler with the API-version check every CRM path shares. */
function versioned(handle: (req: Req) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => versionError(req) ?? handle(req);
}

const moduleScope = (operation: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE') => (req: Req) => {
  const m = (req.params.module ?? '').toLowerCase();
  return operation === 'READ' ? [`ZohoCRM.modules.${m}.READ`] : [`ZohoCRM.modules.${m}.${operation}`, `ZohoCRM.modules.${m}.WRITE`];
};

export const crmRoutes: Route[] = [
  { method: 'GET', path: '/crm/:version/settings/modules', scopes: ['ZohoCRM.settings.modules.READ'], handle: versioned(settingsModules) },
  { method: 'GET', path: '/crm/:version/settings/fields', scopes: ['ZohoCRM.settings.fields.READ'], handle: versioned(settingsFields) },
  { method: 'POST', path: '/crm/:version/coql', scopes: ['ZohoCRM.coql.READ'], handle: versioned(coql) },
  { method: 'GET', path: '/crm/:version/:module/search', scopes: moduleScope('READ'), handle: versioned(searchRecords) },
  { method: 'GET', path: '/crm/:version/:module', scopes: moduleScope('READ'), handle: versioned(listRecords) },
  { method: 'GET', path: '/crm/:version/:module/:id', scopes: moduleScope('READ'), handle: versioned(getRecord) },
  { method: 'POST', path: '/crm/:version/:module', scopes: moduleScope('CREATE'), handle: versioned(createRecords) },
  { method: 'PUT', path: '/crm/:version/:module', scopes: moduleScope('UPDATE'), handle: versioned(updateMany) },
  { method: 'PUT', path: '/crm/:version/:module/:id', scopes: moduleScope('UPDATE'), handle: versioned(updateOne) },
  { method: 'DELETE', path: '/crm/:version/:module', scopes: moduleScope('DELETE'), handle: versioned(deleteMany) },
  { method: 'DELETE', path: '/crm/:version/:module/:id', scopes: moduleScope('DELETE'), handle: versioned(deleteOne) },
];
