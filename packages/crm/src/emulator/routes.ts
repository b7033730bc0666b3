export { crmError } from './wire.js';
import { createHash } from 'node:crypto';
import { scopesSatisfy } from '@zoho-agent-kit/core';
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { CoqlError, parseCoql, runCoql } from './coql.js';
import { checkCriteria, countConditions, CriteriaError, matchCriteria, parseCriteria } from './criteria.js';
import { fieldObject, fieldOf, moduleObject, MODULES } from './metadata.js';
import { downloadAttachment, listAttachments, uploadAttachment } from './attachments.js';
import { convertLead } from './convert.js';
import { createNotes, listNotes } from './notes.js';
import { orgObject, userObject } from './org.js';
import { relatedRecords, settingsRelatedList, settingsRelatedLists } from './related.js';
import { validateRecord } from './records.js';
import { batchStatus, crmError, dataArray, fieldsParam, intParam, invalidData, invalidId, invalidModuleInPath, isResponse, MAX_PER_PAGE, MAX_WRITE_RECORDS, moduleOf, pageOf, paramMissing, successDetails, versionError, type Req, type Route } from './wire.js';
import { buildRecord, insertRecord, materialise, minifiedUser, recompute, zohoDateTime, type CrmState, type CrmUser, type ModuleStore, type StoredRecord } from './state.js';

const PAGE_WALL = 2000;
/** module_search.json: CRITERIA_LIMIT_EXCEEDED "no of criterium that can be given exceed the limit 15". */
const MAX_SEARCH_CONDITIONS = 15;
const PAGE_TOKEN_TTL_MS = 24 * 3_600_000;
const LIST_SORT_KEYS = ['id', 'Created_Time', 'Modified_Time'];

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
  const converted = convertedFilter(req, store);
  if (isResponse(converted)) return converted;
  let records = store.records.filter(converted);
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

/** `converted=false` (default: converted leads are left out), `true` (only those) or `both`; other modules ignore it. */
function convertedFilter(req: Req, store: ModuleStore): ((r: StoredRecord) => boolean) | EmulatorResponse {
  const value = req.query.get('converted') ?? 'false';
  if (!['true', 'false', 'both'].includes(value)) return invalidData({ param: 'converted' });
  if (store.spec.api !== 'Leads' || value === 'both') return () => true;
  return value === 'true' ? (r) => r.Converted__s === true : (r) => r.Converted__s !== true;
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

/** The error answers of `GET /{module}/search`, as module_search.json documents them. */
const searchErrors = {
  paramMissing: () =>
    crmError(400, 'EXPECTED_PARAM_MISSING', 'One of the expected parameter is missing', { param_names: ['criteria', 'email', 'phone', 'word'] }),
  tooManyCriteria: () => crmError(400, 'CRITERIA_LIMIT_EXCEEDED', `no of criterium that can be given exceed the limit ${MAX_SEARCH_CONDITIONS}`, { limit: MAX_SEARCH_CONDITIONS }),
  pastTheWall: () => crmError(400, 'LIMIT_REACHED', 'maximum response iteration limit reached', { limit: String(PAGE_WALL) }),
  invalidQuery: (details: Record<string, unknown>, message = 'Invalid query formed') => crmError(400, 'INVALID_QUERY', message, details),
};

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

  let match: (r: StoredRecord) => boolean;
  // Only one is honoured, in this order (crm.md §5).
  const criteria = req.query.get('criteria');
  const email = req.query.get('email');
  const phone = req.query.get('phone');
  const word = req.query.get('word');
  if (criteria) {
    try {
      const node = parseCriteria(criteria);
      if (countConditions(node) > MAX_SEARCH_CONDITIONS) return searchErrors.tooManyCriteria();
      checkCriteria(node, spec);
      match = (r) => matchCriteria(node, r, spec);
    } catch (err) {
      if (err instanceof CriteriaError) return searchErrors.invalidQuery(err.details, err.zohoMessage);
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
    return searchErrors.paramMissing();
  }
  // Search reaches the first 2,000 matches; a page starting past them is LIMIT_REACHED.
  if ((page - 1) * perPage >= PAGE_WALL) return searchErrors.pastTheWall();
  const converted = convertedFilter(req, store);
  if (isResponse(converted)) return converted;
  const matched = [...store.records].reverse().filter((r) => converted(r) && match(r));
  const { rows, info } = pageOf(matched, page, perPage, PAGE_WALL);
  if (rows.length === 0) return { status: 204 };
  return { status: 200, body: { data: rows.map((r) => project(req.state, store, r, fields)), info } };
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

/**
 * Zoho's system-defined duplicate-check fields per module, used when an upsert names none (custom modules:
 * their name field). Activities have none: an upsert there always inserts.
 */
export const DUPLICATE_CHECK_FIELDS: Record<string, string[]> = {
  Leads: ['Email'],
  Contacts: ['Email'],
  Accounts: ['Account_Name'],
  Deals: ['Deal_Name'],
  Products: ['Product_Name'],
  Campaigns: ['Campaign_Name'],
  Retainers: ['Name'],
};

const sameText = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * `POST /{module}/upsert`: each record updates the first existing record (oldest) whose value equals its own
 * in the first duplicate-check field it carries, or is inserted. Answers carry `action` and `duplicate_field`.
 */
function upsertRecords(req: Req): EmulatorResponse {
  const store = moduleOf(req);
  if (isResponse(store)) return store;
  const data = dataArray(req);
  if (isResponse(data)) return data;
  const given = (req.body as { duplicate_check_fields?: unknown }).duplicate_check_fields;
  if (given !== undefined && (!Array.isArray(given) || given.some((f) => typeof f !== 'string'))) {
    return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'duplicate_check_fields', json_path: '$.duplicate_check_fields', expected_data_type: 'jsonarray' });
  }
  const checks = (given as string[] | undefined) ?? DUPLICATE_CHECK_FIELDS[store.spec.api] ?? [];
  const badIndex = checks.findIndex((f) => !fieldOf(store.spec, f));
  if (badIndex >= 0) return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: checks[badIndex], json_path: `$.duplicate_check_fields[${badIndex}]` });
  const results = data.map((input, i) => {
    const values = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    let match: { record: StoredRecord; field: string } | undefined;
    for (const field of checks) {
      const value = values[field];
      if (value === undefined || value === null || value === '') continue;
      const record = store.records.find((r) => !r.Converted__s && sameText(r[field], value));
      if (record) {
        match = { record, field };
        break;
      }
    }
    if (match) {
      const updated = applyUpdate(req, store, match.record, input, i);
      return updated.status === 'success' ? { ...updated, action: 'update', duplicate_field: match.field } : updated;
    }
    const outcome = validateRecord(req.state, store.spec, input, i, 'create');
    if (!outcome.ok) return { ...outcome.error, status: 'error' };
    const record = buildRecord(req.state, store.spec, outcome.values, { created: req.now });
    const owner = outcome.values.Owner as { id: string } | undefined;
    if (owner) record.Owner = owner;
    insertRecord(store, record);
    return { code: 'SUCCESS', details: successDetails(req.state, record), message: 'record added', status: 'success', action: 'insert', duplicate_field: null };
  });
  return { status: batchStatus(results, 200), body: { data: results } };
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
    const q = parseCoql(query, { aggregates: req.state.options.coqlAggregates });
    const store = req.state.modules.get(q.module);
    // COQL needs the module's read scope on top of ZohoCRM.coql.READ.
    if (store && req.token && !scopesSatisfy(req.token.scopes, [`ZohoCRM.modules.${q.module.toLowerCase()}.READ`])) {
      return crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {});
    }
    const { rows, more } = runCoql(req.state, q);
    // coql.json documents 200 and 400 only: no rows is an empty page, not the 204 of list and search.
    if (rows.length === 0) return { status: 200, body: { data: [], info: { count: 0, more_records: false } } };
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

const MODULE_STATUSES = ['visible', 'scheduled_for_deletion', 'user_hidden', 'system_hidden'];

function settingsModules(req: Req): EmulatorResponse {
  const status = req.query.get('status');
  if (status !== null && !MODULE_STATUSES.includes(status)) return invalidData({ api_name: 'status' });
  const admin = { name: req.state.currentUser.name, id: req.state.currentUser.id };
  // Every emulated module is visible.
  const modules = status === null || status === 'visible' ? MODULES.map((m, i) => moduleObject(m, i, req.state.metadataIds, admin)) : [];
  return { status: 200, body: { modules } };
}

/** `GET /settings/modules/{api_name}` and `/settings/modules/{id}` (one path: Zoho tells them apart by the digits). */
function settingsModule(req: Req): EmulatorResponse {
  const key = req.params.api_name ?? '';
  const ids = req.state.metadataIds.module;
  const index = /^\d+$/.test(key) ? MODULES.findIndex((m) => ids.get(m.api) === key) : MODULES.findIndex((m) => m.api === key);
  if (index < 0) return /^\d+$/.test(key) ? { status: 204 } : invalidModuleInPath(2);
  const admin = { name: req.state.currentUser.name, id: req.state.currentUser.id };
  return { status: 200, body: { modules: [moduleObject(MODULES[index]!, index, req.state.metadataIds, admin)] } };
}

function getOrg(req: Req): EmulatorResponse {
  return { status: 200, body: { org: [orgObject(req.state)] } };
}

/**
 * `type` values: the OAS lists ActiveUsers, CurrentUser, ActiveConfirmedUsers, DeactiveUsers,
 * NotConfirmedUsers, ConfirmedUsers; Zoho's docs add AllUsers (the default), AdminUsers,
 * ActiveConfirmedAdmins and DeletedUsers. Every emulated user is active and confirmed.
 */
const USER_TYPES: Record<string, (req: Req) => boolean | ((u: CrmUser) => boolean)> = {
  AllUsers: () => true,
  ActiveUsers: () => true,
  ConfirmedUsers: () => true,
  ActiveConfirmedUsers: () => true,
  CurrentUser: (req) => (u) => u.id === req.state.currentUser.id,
  AdminUsers: (req) => (u) => u.id === req.state.currentUser.id,
  ActiveConfirmedAdmins: (req) => (u) => u.id === req.state.currentUser.id,
  DeactiveUsers: () => false,
  NotConfirmedUsers: () => false,
  DeletedUsers: () => false,
};

function listUsers(req: Req): EmulatorResponse {
  const type = req.query.get('type') ?? 'AllUsers';
  const filter = USER_TYPES[type];
  if (!filter) return invalidData({ api_name: 'type' });
  // users.json's INVALID_DATA details name the parameter as api_name.
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage) || perPage > MAX_PER_PAGE) return invalidData({ api_name: 'per_page' });
  const page = intParam(req, 'page', 1);
  if (isResponse(page)) return invalidData({ api_name: 'page' });
  const verdict = filter(req);
  let users = req.state.users.map((u, i) => ({ u, i })).filter(({ u }) => (typeof verdict === 'function' ? verdict(u) : verdict));
  const ids = req.query.get('ids');
  if (ids) {
    const wanted = new Set(ids.split(',').map((x) => x.trim()));
    users = users.filter(({ u }) => wanted.has(u.id));
  }
  let rows = users.map(({ u, i }) => userObject(req.state, u, i));
  const since = req.headers['if-modified-since'];
  if (typeof since === 'string' && since) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) return invalidData({ api_name: 'If-Modified-Since' });
    rows = rows.filter((r) => Date.parse(String(r.Modified_Time)) > t);
  }
  const shown = pageOf(rows, page, perPage);
  // users.json documents 204 (not 304) for nothing to send.
  if (shown.rows.length === 0) return { status: 204 };
  return { status: 200, body: { users: shown.rows, info: shown.info } };
}

function getUser(req: Req): EmulatorResponse {
  const index = req.state.users.findIndex((u) => u.id === req.params.user);
  // users.json documents only 204 for an unknown user.
  if (index < 0) return { status: 204 };
  const user = userObject(req.state, req.state.users[index]!, index);
  const since = req.headers['if-modified-since'];
  if (typeof since === 'string' && since && Date.parse(String(user.Modified_Time)) <= Date.parse(since)) return { status: 204 };
  return { status: 200, body: { users: [user], info: { per_page: MAX_PER_PAGE, count: 1, page: 1, more_records: false } } };
}

/** Wraps a handler with the API-version check every CRM path shares. */
function versioned(handle: (req: Req) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => versionError(req) ?? handle(req);
}

const moduleScope = (operation: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE') => (req: Req) => {
  const m = (req.params.module ?? '').toLowerCase();
  return operation === 'READ' ? [`ZohoCRM.modules.${m}.READ`] : [`ZohoCRM.modules.${m}.${operation}`, `ZohoCRM.modules.${m}.WRITE`];
};

/**
 * Path segments that are never a module: CRM's own resources (from the v8 OAS paths). They keep
 * `/:module` routes from swallowing `/crm/v8/users`, `/crm/v8/org/photo`, `/crm/v8/settings/layouts` …
 */
export const CRM_RESERVED_SEGMENTS = ['actions', 'coql', 'files', 'Notes', 'org', 'settings', 'upload', 'users'];

const PARAMS = {
  /** `v2`, `v2.1`, `v8`: anything else (`/crm/bulk/v8`, `/crm/email/v8`) is another API, not served here. */
  version: /^v\d+(?:\.\d+)?$/,
  /** A module API name (Leads, Retainers, Appointments__s), never a reserved segment or a `__` resource. */
  module: new RegExp(`^(?!(?:${CRM_RESERVED_SEGMENTS.join('|')})$)(?!__)[A-Za-z][A-Za-z0-9_]*$`),
  /** Record and user ids are digits; a word there (`/Leads/deleted`, `/Leads/actions`) is another operation. */
  id: /^\d+$/,
  /**
   * A related list's API name (Contacts, Deals, Notes, Activities): capitalised, so `photo`, `actions` and the
   * `__timeline`-style resources are not one; Emails and record locking are other APIs, not served here.
   */
  related: /^(?!(?:Attachments|Emails|Locking_Information__s)$)[A-Z][A-Za-z0-9_]*$/,
};

const moduleRoute = { version: PARAMS.version, module: PARAMS.module };
const recordRoute = { ...moduleRoute, id: PARAMS.id };
const versionOnly = { version: PARAMS.version };

/** Attachments: the parent module's scope, or the attachments module's own. */
const attachmentScope = (operation: 'READ' | 'CREATE') => (req: Req) => [...moduleScope(operation)(req), `ZohoCRM.modules.attachments.${operation}`];
const notesScope = (operation: 'READ' | 'CREATE') => () => (operation === 'READ' ? ['ZohoCRM.modules.notes.READ'] : ['ZohoCRM.modules.notes.CREATE', 'ZohoCRM.modules.notes.WRITE']);
/** A related list needs the parent's read scope (the listed module's is checked by Zoho too; not emulated). */
const relatedScope = moduleScope('READ');

/**
 * The route table, most specific first as the emulator tries it anyway (literal segments beat constrained
 * parameters, which beat free ones): CRM's own resources, then module paths, then record paths.
 */
export const crmRoutes: Route[] = [
  { method: 'GET', path: '/crm/:version/org', params: { version: PARAMS.version }, scopes: ['ZohoCRM.org.READ'], handle: versioned(getOrg) },
  { method: 'GET', path: '/crm/:version/users', params: { version: PARAMS.version }, scopes: ['ZohoCRM.users.READ'], handle: versioned(listUsers) },
  { method: 'GET', path: '/crm/:version/users/:user', params: { version: PARAMS.version, user: PARAMS.id }, scopes: ['ZohoCRM.users.READ'], handle: versioned(getUser) },
  { method: 'GET', path: '/crm/:version/settings/modules', params: { version: PARAMS.version }, scopes: ['ZohoCRM.settings.modules.READ'], handle: versioned(settingsModules) },
  { method: 'GET', path: '/crm/:version/settings/modules/:api_name', params: { version: PARAMS.version }, scopes: ['ZohoCRM.settings.modules.READ'], handle: versioned(settingsModule) },
  { method: 'GET', path: '/crm/:version/settings/fields', params: { version: PARAMS.version }, scopes: ['ZohoCRM.settings.fields.READ'], handle: versioned(settingsFields) },
  { method: 'GET', path: '/crm/:version/settings/related_lists', params: versionOnly, scopes: ['ZohoCRM.settings.related_lists.READ'], handle: versioned(settingsRelatedLists) },
  { method: 'GET', path: '/crm/:version/settings/related_lists/:related_list_id', params: { ...versionOnly, related_list_id: PARAMS.id }, scopes: ['ZohoCRM.settings.related_lists.READ'], handle: versioned(settingsRelatedList) },
  { method: 'POST', path: '/crm/:version/coql', params: { version: PARAMS.version }, scopes: ['ZohoCRM.coql.READ'], handle: versioned(coql) },
  { method: 'GET', path: '/crm/:version/Notes', params: versionOnly, scopes: notesScope('READ'), handle: versioned(listNotes) },
  { method: 'POST', path: '/crm/:version/Notes', params: versionOnly, scopes: notesScope('CREATE'), handle: versioned(createNotes) },
  { method: 'POST', path: '/crm/:version/:module/upsert', params: moduleRoute, scopes: (req) => [...moduleScope('CREATE')(req), ...moduleScope('UPDATE')(req)], handle: versioned(upsertRecords) },
  { method: 'POST', path: '/crm/:version/Leads/:id/actions/convert', params: { ...versionOnly, id: PARAMS.id }, scopes: ['ZohoCRM.modules.leads.UPDATE', 'ZohoCRM.modules.leads.WRITE'], handle: versioned(convertLead) },
  { method: 'GET', path: '/crm/:version/:module/:id/Attachments', params: recordRoute, scopes: attachmentScope('READ'), handle: versioned(listAttachments) },
  { method: 'POST', path: '/crm/:version/:module/:id/Attachments', params: recordRoute, scopes: attachmentScope('CREATE'), handle: versioned(uploadAttachment) },
  { method: 'GET', path: '/crm/:version/:module/:id/Attachments/:attachment', params: { ...recordRoute, attachment: PARAMS.id }, scopes: attachmentScope('READ'), handle: versioned(downloadAttachment) },
  { method: 'GET', path: '/crm/:version/:module/:id/:related', params: { ...recordRoute, related: PARAMS.related }, scopes: relatedScope, handle: versioned(relatedRecords) },
  { method: 'GET', path: '/crm/:version/:module/search', params: moduleRoute, scopes: moduleScope('READ'), handle: versioned(searchRecords) },
  { method: 'GET', path: '/crm/:version/:module', params: moduleRoute, scopes: moduleScope('READ'), handle: versioned(listRecords) },
  { method: 'POST', path: '/crm/:version/:module', params: moduleRoute, scopes: moduleScope('CREATE'), handle: versioned(createRecords) },
  { method: 'PUT', path: '/crm/:version/:module', params: moduleRoute, scopes: moduleScope('UPDATE'), handle: versioned(updateMany) },
  { method: 'DELETE', path: '/crm/:version/:module', params: moduleRoute, scopes: moduleScope('DELETE'), handle: versioned(deleteMany) },
  { method: 'GET', path: '/crm/:version/:module/:id', params: recordRoute, scopes: moduleScope('READ'), handle: versioned(getRecord) },
  { method: 'PUT', path: '/crm/:version/:module/:id', params: recordRoute, scopes: moduleScope('UPDATE'), handle: versioned(updateOne) },
  { method: 'DELETE', path: '/crm/:version/:module/:id', params: recordRoute, scopes: moduleScope('DELETE'), handle: versioned(deleteOne) },
];
