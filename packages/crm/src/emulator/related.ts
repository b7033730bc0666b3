/**
 * Related lists: their metadata (`GET /settings/related_lists?module=`, related_lists.json) and a record's
 * related records (`GET /{module}/{id}/{related_list}`, related_records.json): an account's contacts, deals
 * and retainers, a contact's deals, any record's notes and open activities. `fields` is optional, as the
 * OAS has it; errors use related_records.json's API_Exception keys (`param_name`, `resource_path_index`).
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { attachmentObject } from './attachments.js';
import { fieldOf, MODULES_BY_API, relatedListObject, relatedListsOf, type RelatedListSpec } from './metadata.js';
import { NOTE_FIELDS, noteObject } from './notes.js';
import { materialise, type CrmState, type StoredRecord } from './state.js';
import { crmError, intParam, isResponse, MAX_PER_PAGE, pageOf, type Req } from './wire.js';
import { lookupId } from './values.js';

export const ACTIVITY_MODULES = ['Tasks', 'Events', 'Calls'] as const;

/** `GET /settings/related_lists?module=`. */
export function settingsRelatedLists(req: Req): EmulatorResponse {
  const api = req.query.get('module');
  if (!api) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'module', param: 'module' });
  if (!req.state.modules.has(api)) return crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { param: 'module' });
  return { status: 200, body: { related_lists: relatedListsOf(api).map((rl, i) => relatedListObject(api, rl, i, req.state.metadataIds)) } };
}

/** `GET /settings/related_lists/{id}?module=`: one related list; 204 when the module has none with that id. */
export function settingsRelatedList(req: Req): EmulatorResponse {
  const api = req.query.get('module');
  if (!api) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'module', param: 'module' });
  if (!req.state.modules.has(api)) return crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { param: 'module' });
  const lists = relatedListsOf(api);
  const index = lists.findIndex((rl) => req.state.metadataIds.relatedList.get(`${api}.${rl.api}`) === req.params.related_list_id);
  if (index < 0) return { status: 204 };
  return { status: 200, body: { related_lists: [relatedListObject(api, lists[index]!, index, req.state.metadataIds)] } };
}

/** related_records.json's API_Exception (messages from its enum). */
const relatedError = (message: string, details: Record<string, unknown>) => crmError(400, 'INVALID_DATA', message, details);

/** The field names a related list's records have, for `fields=` checks. */
function knownFields(spec: RelatedListSpec): Set<string> {
  const source = spec.source;
  if (source.kind === 'notes') return new Set(NOTE_FIELDS);
  if (source.kind === 'attachments') return new Set(['id', 'File_Name', 'Size', 'Owner', 'Created_Time', 'Modified_Time']);
  const modules = source.kind === 'lookup' ? [source.module] : [...ACTIVITY_MODULES];
  const names = new Set(['id', ...(source.kind === 'activities' ? ['Activity_Type'] : [])]);
  for (const m of modules) for (const f of MODULES_BY_API.get(m)!.fields) names.add(f.api);
  return names;
}

/** A related record as sent: every field (or the `fields` named), an activity with its Activity_Type. */
function sent(state: CrmState, module: string, record: StoredRecord, fields: string[] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = MODULES_BY_API.get(module)!;
  if (!fields) return { ...materialise(state, spec, record), ...extra };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in extra) out[f] = extra[f];
  else if (fieldOf(spec, f)) out[f] = record[f] ?? null;
  out.id = record.id;
  return out;
}

/** The related records of one record, newest first. */
function relatedOf(state: CrmState, module: string, id: string, spec: RelatedListSpec, fields: string[] | undefined): Record<string, unknown>[] {
  const source = spec.source;
  const pick = (o: Record<string, unknown>) => (fields ? Object.fromEntries([...fields, 'id'].filter((f) => f in o).map((f) => [f, o[f]])) : o);
  if (source.kind === 'notes') {
    return state.notes.filter((n) => n.parent.module === module && n.parent.id === id).reverse().map((n) => pick(noteObject(state, n)));
  }
  if (source.kind === 'attachments') {
    return state.attachments.filter((a) => a.parent.module === module && a.parent.id === id).reverse().map((a) => pick(attachmentObject(state, a)));
  }
  if (source.kind === 'lookup') {
    const store = state.modules.get(source.module)!;
    return store.records.filter((r) => lookupId(r[source.field]) === id).reverse().map((r) => sent(state, source.module, r, fields));
  }
  const rows: { id: string; row: Record<string, unknown> }[] = [];
  for (const m of ACTIVITY_MODULES) {
    for (const r of state.modules.get(m)!.records) {
      if (lookupId(r.What_Id) === id || lookupId(r.Who_Id) === id) rows.push({ id: r.id, row: sent(state, m, r, fields, { Activity_Type: m }) });
    }
  }
  return rows.sort((a, b) => (a.id < b.id ? 1 : -1)).map((x) => x.row);
}

/** `GET /{module}/{id}/{related_list}`: a page of related records; 204 when there are none. */
export function relatedRecords(req: Req): EmulatorResponse {
  const store = req.state.modules.get(req.params.module ?? '');
  if (!store) return crmError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one', { resource_path_index: 0 });
  const record = store.byId.get(req.params.id ?? '');
  if (!record) return relatedError('invalid data', { id: req.params.id ?? '', resource_path_index: 1 });
  const spec = relatedListsOf(store.spec.api).find((rl) => rl.api === req.params.related);
  if (!spec) return relatedError('The relation name given seems to be invalid', { resource_path_index: 2 });
  const raw = req.query.get('fields');
  let fields: string[] | undefined;
  if (raw !== null && raw.trim() !== '') {
    fields = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
    const known = knownFields(spec);
    const unknown = fields.find((f) => !known.has(f));
    if (unknown) return relatedError('invalid data', { param_name: 'fields' });
  }
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage) || perPage > MAX_PER_PAGE) return relatedError('invalid data', { param_name: 'per_page' });
  const page = intParam(req, 'page', 1);
  if (isResponse(page)) return relatedError('invalid data', { param_name: 'page' });
  const all = relatedOf(req.state, store.spec.api, record.id, spec, fields);
  const { rows, info } = pageOf(all, page, perPage);
  if (rows.length === 0) return { status: 204 };
  return { status: 200, body: { data: rows, info } };
}
