/**
 * Notes, as notes.json documents them: `GET /Notes` (every note, `fields` required) and `POST /Notes` (notes
 * on any record through `Parent_Id: {module: {api_name}, id}`); a record's own notes are its `Notes` related
 * list (related.ts). Failed creates answer 202 with per-note errors, as notes.json documents (not 400).
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { lookupName, minifiedUser, zohoDateTime, type CrmState, type StoredNote } from './state.js';
import { crmError, dataArray, intParam, invalidData, isResponse, MAX_PER_PAGE, pageOf, paramMissing, type Req } from './wire.js';

/** Longest Note_Title and Note_Content the emulator takes (Zoho's exact limits are unconfirmed). */
export const NOTE_TITLE_MAX = 120;
export const NOTE_CONTENT_MAX = 32_000;

/** Every field a note has (for `fields=` checks). */
export const NOTE_FIELDS = ['id', 'Note_Title', 'Note_Content', 'Parent_Id', 'Owner', 'Created_By', 'Modified_By', 'Created_Time', 'Modified_Time'];

/** A note as Zoho sends it: every key notes.json's Note schema requires. */
export function noteObject(state: CrmState, note: StoredNote): Record<string, unknown> {
  const parent = state.modules.get(note.parent.module)?.byId.get(note.parent.id);
  return {
    Modified_Time: note.Modified_Time,
    $attachments: [],
    Owner: note.Owner,
    Created_Time: note.Created_Time,
    Parent_Id: {
      module: { api_name: note.parent.module, id: state.metadataIds.module.get(note.parent.module) ?? null },
      id: note.parent.id,
      name: parent ? lookupName(note.parent.module, parent) : note.parent.id,
    },
    $editable: true,
    $is_shared_to_client: false,
    $sharing_permission: 'full_access',
    Modified_By: note.Modified_By,
    $size: '0',
    $state: 'save',
    $voice_note: false,
    id: note.id,
    Created_By: note.Created_By,
    Note_Title: note.Note_Title,
    Note_Content: note.Note_Content,
  };
}

/** Adds a note (seed and POST /Notes). */
export function addNote(state: CrmState, values: { title: string | null; content: string; parent: { module: string; id: string } }, at: number, by = state.currentUser): StoredNote {
  const user = minifiedUser(by);
  const note: StoredNote = {
    id: state.nextId(),
    Note_Title: values.title,
    Note_Content: values.content,
    parent: values.parent,
    Owner: user,
    Created_By: user,
    Modified_By: user,
    Created_Time: zohoDateTime(at),
    Modified_Time: zohoDateTime(at),
  };
  state.notes.push(note);
  return note;
}

type NoteError = { code: string; message: string; details: Record<string, unknown>; status: 'error' };

/** The parent a note names: `{module: {api_name}, id}` (v8), or an id with `$se_module` (older clients). */
function parentOf(state: CrmState, input: Record<string, unknown>): { module: string; id: string } | undefined {
  const p = input.Parent_Id;
  let module: unknown;
  let id: unknown;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const o = p as { module?: unknown; id?: unknown };
    module = o.module && typeof o.module === 'object' ? (o.module as { api_name?: unknown }).api_name : input.$se_module;
    id = o.id;
  } else {
    module = input.$se_module;
    id = p;
  }
  if (typeof module !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
  return state.modules.get(module)?.byId.has(String(id)) ? { module, id: String(id) } : undefined;
}

function checkNote(state: CrmState, input: unknown): { ok: true; title: string | null; content: string; parent: { module: string; id: string } } | { ok: false; error: NoteError } {
  const fail = (code: string, message: string, details: Record<string, unknown>) => ({ ok: false as const, error: { code, message, details, status: 'error' as const } });
  if (!input || typeof input !== 'object' || Array.isArray(input)) return fail('INVALID_DATA', 'invalid data', { api_name: 'data', expected_data_type: 'jsonobject' });
  const note = input as Record<string, unknown>;
  const content = note.Note_Content;
  if (typeof content !== 'string' || content.trim() === '') return fail('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'Note_Content' });
  if (content.length > NOTE_CONTENT_MAX) return fail('INVALID_DATA', 'invalid data', { api_name: 'Note_Content', maximum_length: NOTE_CONTENT_MAX });
  const title = note.Note_Title;
  if (title !== undefined && title !== null && typeof title !== 'string') return fail('INVALID_DATA', 'invalid data', { api_name: 'Note_Title', expected_data_type: 'text' });
  if (typeof title === 'string' && title.length > NOTE_TITLE_MAX) return fail('INVALID_DATA', 'invalid data', { api_name: 'Note_Title', maximum_length: NOTE_TITLE_MAX });
  if (note.Parent_Id === undefined || note.Parent_Id === null) return fail('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'Parent_Id' });
  const parent = parentOf(state, note);
  if (!parent) return fail('INVALID_DATA', 'invalid data', { api_name: 'Parent_Id', expected_data_type: 'jsonobject' });
  return { ok: true, title: typeof title === 'string' && title !== '' ? title : null, content, parent };
}

/** `POST /Notes`: 201 when every note is added, 202 with per-note errors when none is, 207 when mixed. */
export function createNotes(req: Req): EmulatorResponse {
  const body = req.body as { data?: unknown } | undefined;
  // notes.json documents no 400 for POST: a body without notes is its 202 Expected_Data_API_Exception.
  if (!body || typeof body !== 'object' || !Array.isArray(body.data) || body.data.length === 0) {
    return { status: 202, body: { code: 'INVALID_DATA', details: { api_name: 'data', expected_data_type: 'jsonarray' }, message: 'invalid data', status: 'error' } };
  }
  const data = dataArray(req);
  if (isResponse(data)) return data;
  const results = data.map((input) => {
    const checked = checkNote(req.state, input);
    if (!checked.ok) return checked.error;
    const note = addNote(req.state, checked, req.now);
    const user = { name: note.Created_By.name, id: note.Created_By.id };
    return {
      code: 'SUCCESS',
      details: { Modified_Time: note.Modified_Time, Modified_By: user, Created_Time: note.Created_Time, id: note.id, Created_By: user },
      message: 'record added',
      status: 'success',
    };
  });
  const ok = results.filter((r) => r.status === 'success').length;
  return { status: ok === results.length ? 201 : ok === 0 ? 202 : 207, body: { data: results } };
}

const NOTE_SORT_KEYS = ['id', 'Created_Time', 'Modified_Time'];

/** `GET /Notes`: every note, newest first by default; `fields` is required as for a module list. */
export function listNotes(req: Req): EmulatorResponse {
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return paramMissing('fields');
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) if (!NOTE_FIELDS.includes(name)) return invalidData({ api_name: name, param: 'fields' });
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage)) return perPage;
  if (perPage > MAX_PER_PAGE) return crmError(400, 'LIMIT_EXCEEDED', 'Record count exceeded', { param: 'per_page', limit: MAX_PER_PAGE });
  const page = intParam(req, 'page', 1);
  if (isResponse(page)) return page;
  const sortBy = req.query.get('sort_by') ?? 'id';
  const sortOrder = req.query.get('sort_order') ?? 'desc';
  if (!NOTE_SORT_KEYS.includes(sortBy)) return invalidData({ param: 'sort_by' });
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return invalidData({ param: 'sort_order' });
  let notes = [...req.state.notes];
  const ids = req.query.get('ids');
  if (ids) {
    const wanted = new Set(ids.split(','));
    notes = notes.filter((n) => wanted.has(n.id));
  }
  const key = (n: StoredNote) => (sortBy === 'id' ? n.id : String(n[sortBy as 'Created_Time' | 'Modified_Time']));
  notes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
  if (sortOrder === 'desc') notes.reverse();
  const { rows, info } = pageOf(notes, page, perPage);
  if (rows.length === 0) return { status: 204 };
  return { status: 200, body: { data: rows.map((n) => noteObject(req.state, n)), info: { ...info, sort_by: sortBy, sort_order: sortOrder } } };
}
