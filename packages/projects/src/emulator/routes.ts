/**
 * Zoho Projects routes of the emulator: V3 below `/api/v3` (JSON bodies, PATCH updates, `page`/`per_page` with
 * `page_info.has_next_page`) and the two legacy `/restapi` calls the plugin may use (the portals list with the
 * caller's `login_id`, and form-encoded time logs). Wire facts are from shared/zoho-api/projects.md; where the
 * digest is silent the choices are these (unconfirmed, documented in the README):
 * - lists answer `{<key>:[…],"page_info":{page,per_page,has_next_page}}`, except portals and projects, which
 *   answer a top-level array (as observed); `per_page` is 1–200 (default 100), a bad page or per_page is 400
 *   `INVALID_PARAMETER_VALUE` naming it;
 * - a portal, project or record that does not exist is 404 `RESOURCE_NOT_FOUND`; a path Projects does not serve
 *   is 400 `URL_RULE_NOT_CONFIGURED` (observed, also for `/api/v3/portals/{id}/…`); a served path with another
 *   method is 405 `INVALID_METHOD` (observed for PUT/POST on a task);
 * - tasks: a missing name is 400 `LESS_THAN_MIN_OCCURANCE`; `owners`, `owner`, `depth` and `milestone_id` are
 *   silently ignored with 200 (observed); any other unknown key, flat `tasklist_id` included, is 400
 *   `INVALID_PARAMETER_VALUE` "Enter a valid custom field."; `owners_and_work` as an array is 400 `JSON_PARSE_ERROR`;
 *   sub-tasks are created with `parental_info.parent_task_id` and listed under `/tasks/{id}/subtasks`; the task
 *   list omits sub-tasks (as legacy does);
 * - time logs: `POST …/log` takes `module:{type,id}`, `date` (yyyy-mm-dd), `hours` (HH:mm), `bill_status`
 *   (Billable | Non Billable), `notes`, `owner_zpuid`, `log_name` (general logs); more than 24:00 for a person on
 *   a day is 400 "You are left with HH:mm hour(s) to log" (observed wording); `GET …/timelogs` needs
 *   `view_type=customdate`, `start_date`, `end_date` (≤ 6 months, observed) and `module={"type":…}`, and answers
 *   `{time_logs:[{date,total_hours,log_details:[…]}],page_info}`; `PATCH …/logs/{id}` updates a log, except an
 *   approved one (400 "Cannot update approved timelogs.", observed wording);
 * - comments: `POST` answers a top-level array (observed); other unknown keys in JSON bodies are 400
 *   `EXTRA_KEY_FOUND_IN_JSON` naming the key (the digest's sample).
 */
import type { EmulatorAppErrors, EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import {
  addDays,
  dateInZone,
  fullName,
  hhmm,
  type EmuComment,
  type EmuIssue,
  type EmuProject,
  type EmuTask,
  type EmuTimeLog,
  type EmuUser,
  type LogModule,
  type PortalData,
  type ProjectsState,
} from './state.js';
import { PRIORITIES } from '../tools/shared.js';
import {
  answer,
  commentJson,
  issueJson,
  legacyLogJson,
  milestoneJson,
  portalJson,
  projectJson,
  taskJson,
  tasklistJson,
  timeLogJson,
  userJson,
} from './wire.js';

type Req = EmulatorRequest<ProjectsState>;
type Json = Record<string, unknown>;

const V3 = '/api/v3';
const MAX_PER_PAGE = 200;
const DEFAULT_PER_PAGE = 100;
/** Longest custom-date window of the time-log list (observed: 6 months). */
const MAX_LOG_WINDOW_DAYS = 184;
const DIGITS = /^\d+$/;

export function projectsError(status: number, title: string, errorType: string, message: string, fieldName?: string): EmulatorResponse {
  const detail: Record<string, string> = { message };
  if (fieldName) detail.field_name = fieldName;
  return { status, body: { error: { status_code: String(status), title, error_type: errorType, details: [detail] } } };
}

const missing = (field: string) => projectsError(400, 'LESS_THAN_MIN_OCCURANCE', 'FIELDS_VALIDATION_ERROR', 'Enter a value.', field);
const invalid = (field: string, message: string) => projectsError(400, 'INVALID_PARAMETER_VALUE', 'FIELDS_VALIDATION_ERROR', message, field);
const extraKey = (field: string) => projectsError(400, 'EXTRA_KEY_FOUND_IN_JSON', 'FIELDS_VALIDATION_ERROR', 'Extra key found in JSON.', field);
const notFound = (what: string) => projectsError(404, 'RESOURCE_NOT_FOUND', 'INVALID_REQUEST', `${what} does not exist or is not accessible.`);
const jsonParse = (field?: string) => projectsError(400, 'JSON_PARSE_ERROR', 'INVALID_REQUEST', 'Unable to parse the JSON input.', field);

export const projectsErrors: EmulatorAppErrors = {
  invalidToken: () => projectsError(401, 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_ERROR', 'Invalid OAuth token.'),
  scopeMismatch: (required) => projectsError(401, 'INVALID_OAUTHSCOPE', 'AUTHENTICATION_ERROR', `The OAuth token lacks a scope this call needs: ${required.join(' or ')}.`),
  throttled: () => projectsError(429, 'TOO_MANY_REQUESTS', 'THROTTLE_ERROR', 'More than 100 requests in 2 minutes; the API is locked for a while.'),
  notFound: () => projectsError(400, 'URL_RULE_NOT_CONFIGURED', 'URL_ERROR', 'The URL is not configured.'),
  methodNotAllowed: (method) => projectsError(405, 'INVALID_METHOD', 'INVALID_REQUEST', `The HTTP method ${method} is not supported for this URL.`),
  serverError: (status) => projectsError(status, 'INTERNAL_SERVER_ERROR', 'SERVER_ERROR', 'Internal server error.'),
};

function isResponse(value: unknown): value is EmulatorResponse {
  return !!value && typeof value === 'object' && typeof (value as EmulatorResponse).status === 'number' && ('body' in (value as object) || 'raw' in (value as object));
}

// ---------- lookups ----------

function portalOf(req: Req): PortalData | EmulatorResponse {
  const id = req.params.portal ?? '';
  return req.state.portals.find((p) => p.portal.id === id || p.portal.portal_name === id) ?? notFound(`Portal ${id}`);
}

function projectOf(data: PortalData, req: Req): EmuProject | EmulatorResponse {
  return data.projects.find((p) => p.id === req.params.project) ?? notFound(`Project ${req.params.project}`);
}

function taskOf(data: PortalData, project: EmuProject, id: string | undefined): EmuTask | EmulatorResponse {
  return data.tasks.find((t) => t.id === id && t.project_id === project.id) ?? notFound(`Task ${id}`);
}

/** The portal user the demo token belongs to. */
function me(req: Req, data: PortalData): EmuUser {
  return data.users.find((u) => u.zuid === req.state.signedInZuid) ?? data.users[0]!;
}

function member(project: EmuProject, zpuid: string): boolean {
  return project.members.some((m) => m.zpuid === zpuid);
}

/** Runs `handler` in the addressed portal (and project, when the path has one). */
function inPortal(handler: (req: Req, data: PortalData) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => {
    const data = portalOf(req);
    return isResponse(data) ? data : handler(req, data);
  };
}

function inProject(handler: (req: Req, data: PortalData, project: EmuProject) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return inPortal((req, data) => {
    const project = projectOf(data, req);
    return isResponse(project) ? project : handler(req, data, project);
  });
}

// ---------- paging and bodies ----------

interface Paging {
  page: number;
  perPage: number;
}

function paging(req: Req): Paging | EmulatorResponse {
  const pageText = req.query.get('page') ?? '1';
  const perText = req.query.get('per_page') ?? String(DEFAULT_PER_PAGE);
  if (!DIGITS.test(pageText) || Number(pageText) < 1) return invalid('page', 'page must be a whole number from 1.');
  if (!DIGITS.test(perText) || Number(perText) < 1 || Number(perText) > MAX_PER_PAGE) return invalid('per_page', `per_page must be a whole number from 1 to ${MAX_PER_PAGE}.`);
  return { page: Number(pageText), perPage: Number(perText) };
}

function slice<T>(rows: T[], p: Paging): { items: T[]; page_info: Json } {
  const start = (p.page - 1) * p.perPage;
  return { items: rows.slice(start, start + p.perPage), page_info: { page: p.page, per_page: p.perPage, has_next_page: start + p.perPage < rows.length } };
}

function listAnswer<T>(req: Req, key: string, rows: T[], render: (row: T) => Json): EmulatorResponse {
  const p = paging(req);
  if (isResponse(p)) return p;
  const { items, page_info } = slice(rows, p);
  return answer(200, { [key]: items.map(render), page_info });
}

function objectBody(req: Req): Json | EmulatorResponse {
  const body = req.body;
  if (body === Symbol.for('invalid-json')) return jsonParse();
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return jsonParse();
  return body as Json;
}

/** yyyy-mm-dd of a V3 date (`2026-01-09`, `2026-01-09T00:00:00.000Z`, `2026-01-09T00:00:00-05:00`): its calendar date. */
function calendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? undefined : date;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && DIGITS.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

function refId(value: unknown): string | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? idOf((value as Json).id) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// ---------- tasks ----------

const TASK_KEYS = new Set(['name', 'description', 'tasklist', 'start_date', 'end_date', 'priority', 'owners_and_work', 'parental_info', 'status', 'completion_percentage', 'billing_type']);
/** Keys Projects accepts and ignores on tasks (observed: 200, nothing changes). */
const TASK_IGNORED = new Set(['owners', 'owner', 'depth', 'milestone_id']);

/** Validates a task body (create or patch) and returns the changes to apply. */
function taskChanges(body: Json, data: PortalData, project: EmuProject, creating: boolean, current?: EmuTask): Partial<EmuTask> | EmulatorResponse {
  for (const key of Object.keys(body)) {
    if (!TASK_KEYS.has(key) && !TASK_IGNORED.has(key)) return invalid(key, 'Enter a valid custom field.');
  }
  const out: Partial<EmuTask> = {};
  if (creating || 'name' in body) {
    const name = text(body.name)?.trim();
    if (!name) return missing('name');
    if (name.length > 300) return invalid('name', 'The task name can have at most 300 characters.');
    out.name = name;
  }
  if ('description' in body) {
    if (typeof body.description !== 'string') return invalid('description', 'Enter a valid description.');
    out.description = body.description.replace(/<[^>]*>/g, '');
  }
  if ('tasklist' in body) {
    const id = refId(body.tasklist);
    const list = id ? data.tasklists.find((l) => l.id === id && l.project_id === project.id) : undefined;
    if (!list) return invalid('tasklist', 'Enter a valid tasklist id.');
    out.tasklist_id = list.id;
  }
  for (const field of ['start_date', 'end_date'] as const) {
    if (!(field in body)) continue;
    if (body[field] === null || body[field] === '') {
      out[field] = undefined;
      continue;
    }
    const date = calendarDate(body[field]);
    if (!date) return invalid(field, 'Enter a valid date (ISO 8601).');
    out[field] = date;
  }
  const start = 'start_date' in out ? out.start_date : current?.start_date;
  const end = 'end_date' in out ? out.end_date : current?.end_date;
  if (start && end && end < start) return invalid('end_date', 'The end date cannot be before the start date.');
  if ('priority' in body) {
    const p = text(body.priority)?.toLowerCase();
    if (!p || !(PRIORITIES as readonly string[]).includes(p)) return invalid('priority', 'Priority must be none, low, medium or high.');
    out.priority = p as EmuTask['priority'];
  }
  if ('owners_and_work' in body) {
    const ow = body.owners_and_work;
    if (!ow || typeof ow !== 'object' || Array.isArray(ow)) return jsonParse('owners_and_work');
    const owners = (ow as Json).owners;
    if (!Array.isArray(owners)) return jsonParse('owners_and_work');
    const ids: string[] = [];
    for (const o of owners) {
      const zpuid = o && typeof o === 'object' ? text((o as Json).zpuid) ?? idOf((o as Json).zpuid) : undefined;
      if (!zpuid) return invalid('owners_and_work', 'Each owner needs a zpuid.');
      if (!member(project, zpuid)) return invalid('owners_and_work', `The user ${zpuid} is not a user of this project.`);
      ids.push(zpuid);
    }
    out.owner_zpuids = [...new Set(ids)];
  }
  if ('status' in body) {
    const id = refId(body.status);
    const status = id ? project.task_statuses.find((s) => s.id === id) : undefined;
    if (!status) return invalid('status', 'Enter a valid status id.');
    out.status_id = status.id;
  }
  if ('completion_percentage' in body) {
    const n = body.completion_percentage;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100) return invalid('completion_percentage', 'Completion percentage must be a whole number from 0 to 100.');
    out.completion_percentage = n;
  }
  if ('billing_type' in body) {
    const b = text(body.billing_type);
    if (b !== 'billable' && b !== 'non_billable') return invalid('billing_type', 'Billing type must be billable or non_billable.');
    out.billing_type = b;
  }
  if ('parental_info' in body) {
    if (!creating) return invalid('parental_info', 'A task cannot be moved under another task here.');
    const info = body.parental_info;
    const id = info && typeof info === 'object' && !Array.isArray(info) ? idOf((info as Json).parent_task_id) : undefined;
    const parent = id ? data.tasks.find((t) => t.id === id && t.project_id === project.id) : undefined;
    if (!parent) return invalid('parental_info', 'Enter a valid parent task id.');
    out.parent_id = parent.id;
    out.tasklist_id = parent.tasklist_id;
  }
  return out;
}

function defaultTasklist(data: PortalData, project: EmuProject, req: Req): string {
  const general = data.tasklists.find((l) => l.project_id === project.id && l.name === 'General');
  if (general) return general.id;
  const list = { id: req.state.nextId(), project_id: project.id, name: 'General', flag: 'internal' as const, sequence: 0, created_time: req.now };
  data.tasklists.push(list);
  return list.id;
}

const createTask = inProject((req, data, project) => {
  const body = objectBody(req);
  if (isResponse(body)) return body;
  const changes = taskChanges(body, data, project, true);
  if (isResponse(changes)) return changes;
  const task: EmuTask = {
    id: req.state.nextId(),
    project_id: project.id,
    number: project.next_task_number++,
    name: changes.name!,
    description: changes.description ?? '',
    tasklist_id: changes.tasklist_id ?? defaultTasklist(data, project, req),
    status_id: changes.status_id ?? project.task_statuses[0]!.id,
    priority: changes.priority ?? 'none',
    completion_percentage: changes.completion_percentage ?? 0,
    owner_zpuids: changes.owner_zpuids ?? [],
    billing_type: changes.billing_type ?? project.billing_type,
    created_by: me(req, data).zpuid,
    created_time: req.now,
    last_updated_time: req.now,
  };
  if (changes.start_date) task.start_date = changes.start_date;
  if (changes.end_date) task.end_date = changes.end_date;
  if (changes.parent_id) task.parent_id = changes.parent_id;
  data.tasks.push(task);
  project.updated_time = req.now;
  return answer(201, taskJson(data, task));
});

const patchTask = inProject((req, data, project) => {
  const task = taskOf(data, project, req.params.task);
  if (isResponse(task)) return task;
  const body = objectBody(req);
  if (isResponse(body)) return body;
  if (Object.keys(body).length === 0) return projectsError(400, 'INVALID_INPUT', 'FIELDS_VALIDATION_ERROR', 'Give at least one field to update.');
  const changes = taskChanges(body, data, project, false, task);
  if (isResponse(changes)) return changes;
  Object.assign(task, changes);
  for (const field of ['start_date', 'end_date'] as const) if (field in changes && changes[field] === undefined) delete task[field];
  task.last_updated_time = req.now;
  return answer(200, taskJson(data, task));
});

const mainTasks = (data: PortalData, project: EmuProject) => data.tasks.filter((t) => t.project_id === project.id && !t.parent_id).sort((a, b) => a.number - b.number);

// ---------- time logs ----------

const LOG_KEYS = new Set(['module', 'date', 'hours', 'bill_status', 'notes', 'owner_zpuid', 'log_name', 'start_time', 'end_time']);
const MODULES: readonly LogModule[] = ['task', 'issue', 'general'];

/** Minutes of `HH:mm` or whole hours ("2"); undefined when malformed. */
function minutesOf(value: unknown): number | undefined {
  const s = typeof value === 'number' ? String(value) : text(value)?.trim();
  const m = s ? /^(\d{1,2})(?::([0-5]\d))?$/.exec(s) : null;
  return m ? Number(m[1]) * 60 + Number(m[2] ?? 0) : undefined;
}

function loggedOn(data: PortalData, zpuid: string, date: string, except?: string): number {
  return data.timelogs.filter((l) => l.owner_zpuid === zpuid && l.date === date && l.id !== except).reduce((a, l) => a + l.minutes, 0);
}

function logModule(body: Json, data: PortalData, project: EmuProject): { module: LogModule; record_id?: string } | EmulatorResponse {
  const m = body.module;
  if (m === undefined) return missing('module');
  if (!m || typeof m !== 'object' || Array.isArray(m)) return jsonParse('module');
  const type = text((m as Json).type) as LogModule | undefined;
  if (!type || !MODULES.includes(type)) return invalid('module', 'module.type must be task, issue or general.');
  if (type === 'general') return { module: type };
  const id = idOf((m as Json).id);
  if (!id) return missing('module.id');
  const exists = type === 'task' ? data.tasks.some((t) => t.id === id && t.project_id === project.id) : data.issues.some((i) => i.id === id && i.project_id === project.id);
  if (!exists) return invalid('module', `No ${type} ${id} in this project.`);
  return { module: type, record_id: id };
}

function checkLogValues(body: Json, log: Pick<EmuTimeLog, 'module' | 'owner_zpuid' | 'date' | 'minutes'>, data: PortalData, except?: string): EmulatorResponse | undefined {
  if (log.minutes <= 0) return invalid('hours', 'Enter a time greater than 00:00.');
  const left = 24 * 60 - loggedOn(data, log.owner_zpuid, log.date, except);
  if (log.minutes > left) return invalid('hours', `You are left with ${hhmm(Math.max(0, left))} hour(s) to log for ${log.date}.`);
  if (log.module === 'general' && !text(body.log_name)?.trim() && !except) return missing('log_name');
  return undefined;
}

const addLog = inProject((req, data, project) => {
  const body = objectBody(req);
  if (isResponse(body)) return body;
  for (const key of Object.keys(body)) if (!LOG_KEYS.has(key)) return extraKey(key);
  const mod = logModule(body, data, project);
  if (isResponse(mod)) return mod;
  if (body.date === undefined) return missing('date');
  const date = calendarDate(body.date);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(String(body.date))) return invalid('date', 'Enter the date as yyyy-MM-dd.');
  if (body.hours === undefined) return missing('hours');
  const minutes = minutesOf(body.hours);
  if (minutes === undefined) return invalid('hours', 'Enter the hours as HH:mm.');
  if (body.bill_status === undefined) return missing('bill_status');
  const bill = text(body.bill_status);
  if (bill !== 'Billable' && bill !== 'Non Billable') return invalid('bill_status', 'bill_status must be Billable or Non Billable.');
  const owner = body.owner_zpuid === undefined ? me(req, data).zpuid : text(body.owner_zpuid) ?? idOf(body.owner_zpuid);
  if (!owner || !data.users.some((u) => u.zpuid === owner)) return invalid('owner_zpuid', 'Enter a valid user.');
  if (!member(project, owner)) return invalid('owner_zpuid', 'The user is not a user of this project.');
  const problem = checkLogValues(body, { module: mod.module, owner_zpuid: owner, date, minutes }, data);
  if (problem) return problem;
  const log: EmuTimeLog = {
    id: req.state.nextId(),
    project_id: project.id,
    module: mod.module,
    date,
    minutes,
    bill_status: bill,
    approval_status: 'Unapproved',
    notes: text(body.notes) ?? '',
    owner_zpuid: owner,
    added_by: me(req, data).zpuid,
    created_time: req.now,
    last_modified_time: req.now,
  };
  if (mod.record_id) log.record_id = mod.record_id;
  if (mod.module === 'general') log.log_name = text(body.log_name)!.trim();
  data.timelogs.push(log);
  return answer(201, timeLogJson(data, log));
});

function logOf(data: PortalData, project: EmuProject, id: string | undefined): EmuTimeLog | EmulatorResponse {
  return data.timelogs.find((l) => l.id === id && l.project_id === project.id) ?? notFound(`Time log ${id}`);
}

const getLog = inProject((req, data, project) => {
  const log = logOf(data, project, req.params.log);
  if (isResponse(log)) return log;
  const type = req.query.get('type');
  if (type && type !== log.module) return notFound(`Time log ${log.id} of type ${type}`);
  return answer(200, timeLogJson(data, log));
});

const patchLog = inProject((req, data, project) => {
  const log = logOf(data, project, req.params.log);
  if (isResponse(log)) return log;
  const body = objectBody(req);
  if (isResponse(body)) return body;
  for (const key of Object.keys(body)) if (!LOG_KEYS.has(key)) return extraKey(key);
  const mod = logModule(body, data, project);
  if (isResponse(mod)) return mod;
  if (mod.module !== log.module) return invalid('module', `Time log ${log.id} is a ${log.module} log.`);
  if (log.approval_status === 'Approved') return projectsError(400, 'INVALID_OPERATION', 'INVALID_REQUEST', 'Cannot update approved timelogs.');
  const next = { ...log };
  if ('date' in body) {
    const date = calendarDate(body.date);
    if (!date) return invalid('date', 'Enter the date as yyyy-MM-dd.');
    next.date = date;
  }
  if ('hours' in body) {
    const minutes = minutesOf(body.hours);
    if (minutes === undefined) return invalid('hours', 'Enter the hours as HH:mm.');
    next.minutes = minutes;
  }
  if ('bill_status' in body) {
    const bill = text(body.bill_status);
    if (bill !== 'Billable' && bill !== 'Non Billable') return invalid('bill_status', 'bill_status must be Billable or Non Billable.');
    next.bill_status = bill;
  }
  if ('notes' in body) next.notes = text(body.notes) ?? '';
  if ('log_name' in body && log.module === 'general') next.log_name = text(body.log_name) ?? log.log_name;
  if ('owner_zpuid' in body) {
    const owner = text(body.owner_zpuid);
    if (!owner || !member(project, owner)) return invalid('owner_zpuid', 'The user is not a user of this project.');
    next.owner_zpuid = owner;
  }
  const problem = checkLogValues(body, next, data, log.id);
  if (problem) return problem;
  Object.assign(log, next, { last_modified_time: req.now });
  return answer(200, timeLogJson(data, log));
});

const listLogs = inProject((req, data, project) => {
  const viewType = req.query.get('view_type');
  if (!viewType) return missing('view_type');
  if (viewType !== 'customdate') return invalid('view_type', 'The emulator serves view_type=customdate (with start_date and end_date).');
  const start = calendarDate(req.query.get('start_date'));
  const end = calendarDate(req.query.get('end_date'));
  if (!req.query.get('start_date')) return missing('start_date');
  if (!req.query.get('end_date')) return missing('end_date');
  if (!start) return invalid('start_date', 'Enter the date as yyyy-MM-dd.');
  if (!end) return invalid('end_date', 'Enter the date as yyyy-MM-dd.');
  if (end < start) return invalid('end_date', 'The end date cannot be before the start date.');
  if (addDays(start, MAX_LOG_WINDOW_DAYS) < end) return invalid('end_date', 'The custom date range can be at most 6 months.');
  const moduleText = req.query.get('module');
  if (!moduleText) return missing('module');
  let type: unknown;
  try {
    type = (JSON.parse(moduleText) as Json)?.type;
  } catch {
    return jsonParse('module');
  }
  if (!MODULES.includes(type as LogModule)) return invalid('module', 'module.type must be task, issue or general.');
  const user = req.query.get('user_id');
  const billtype = req.query.get('billtype') ?? 'all';
  if (!['all', 'billable', 'non_billable'].includes(billtype)) return invalid('billtype', 'billtype must be all, billable or non_billable.');
  const rows = data.timelogs
    .filter((l) => l.project_id === project.id && l.module === type && l.date >= start && l.date <= end)
    .filter((l) => !user || l.owner_zpuid === user)
    .filter((l) => billtype === 'all' || (billtype === 'billable') === (l.bill_status === 'Billable'))
    .sort((a, b) => (a.date === b.date ? a.created_time - b.created_time : a.date < b.date ? 1 : -1));
  const p = paging(req);
  if (isResponse(p)) return p;
  const { items, page_info } = slice(rows, p);
  const groups: { date: string; total_hours: string; log_details: Json[] }[] = [];
  for (const log of items) {
    let group = groups.at(-1);
    if (!group || group.date !== log.date) {
      const total = rows.filter((l) => l.date === log.date).reduce((a, l) => a + l.minutes, 0);
      groups.push((group = { date: log.date, total_hours: hhmm(total), log_details: [] }));
    }
    group.log_details.push(timeLogJson(data, log));
  }
  return answer(200, { time_logs: groups, page_info });
});

// ---------- issues, comments ----------

const ISSUE_KEYS = new Set(['name', 'description', 'flag', 'due_date', 'assignee', 'severity', 'classification', 'module']);

const createIssue = inProject((req, data, project) => {
  const body = objectBody(req);
  if (isResponse(body)) return body;
  for (const key of Object.keys(body)) if (!ISSUE_KEYS.has(key)) return extraKey(key);
  const name = text(body.name)?.trim();
  if (!name) return missing('name');
  if (name.length > 300) return invalid('name', 'The issue title can have at most 300 characters.');
  const issue: EmuIssue = {
    id: req.state.nextId(),
    project_id: project.id,
    number: project.next_issue_number++,
    name,
    description: text(body.description) ?? '',
    flag: 'Internal',
    status_id: data.issue_statuses[0]!.id,
    severity_id: data.severities[0]!.id,
    reporter_zpuid: me(req, data).zpuid,
    created_time: req.now,
    last_updated_time: req.now,
  };
  if ('flag' in body) {
    const flag = text(body.flag);
    if (flag !== 'Internal' && flag !== 'External') return invalid('flag', 'flag must be Internal or External.');
    issue.flag = flag;
  }
  if ('severity' in body) {
    const id = refId(body.severity);
    if (!id || !data.severities.some((s) => s.id === id)) return invalid('severity', 'Enter a valid severity id.');
    issue.severity_id = id;
  }
  if ('assignee' in body) {
    const a = body.assignee;
    const zpuid = a && typeof a === 'object' && !Array.isArray(a) ? text((a as Json).zpuid) : undefined;
    if (!zpuid || !member(project, zpuid)) return invalid('assignee', 'The assignee is not a user of this project.');
    issue.assignee_zpuid = zpuid;
  }
  if ('due_date' in body) {
    const date = calendarDate(body.due_date);
    if (!date) return invalid('due_date', 'Enter a valid date (ISO 8601).');
    issue.due_date = date;
  }
  data.issues.push(issue);
  return answer(201, issueJson(data, issue));
});

const addComment = inProject((req, data, project) => {
  const task = taskOf(data, project, req.params.task);
  if (isResponse(task)) return task;
  const body = objectBody(req);
  if (isResponse(body)) return body;
  for (const key of Object.keys(body)) if (key !== 'comment' && key !== 'attachments') return extraKey(key);
  const content = text(body.comment)?.trim();
  if (!content) return missing('comment');
  if (content.length > 30_000) return invalid('comment', 'A comment can have at most 30000 characters.');
  const comment: EmuComment = { id: req.state.nextId(), project_id: project.id, task_id: task.id, comment: content, added_by: me(req, data).zpuid, created_time: req.now, last_modified_time: req.now };
  data.comments.push(comment);
  return answer(201, [commentJson(data, comment)]);
});

// ---------- legacy (/restapi) ----------

function legacyError(status: number, code: number, message: string): EmulatorResponse {
  return { status, body: { error: { code, message } } };
}

/** Codes beyond 6504 are not in the digest (it lists the messages only); these numbers are the emulator's. */
const LEGACY = {
  domain: () => legacyError(404, 6504, 'Domain Not Available'),
  missing: (name: string) => legacyError(400, 6831, `Input Parameter Missing: ${name}`),
  pattern: (name: string) => legacyError(400, 6832, `Input Parameter Doesn't Match the Pattern Specified: ${name}`),
  empty: () => legacyError(404, 6500, 'Empty Result Set'),
  denied: (message: string) => legacyError(400, 6833, message),
};

function legacyPortal(req: Req): PortalData | EmulatorResponse {
  const id = req.params.portal ?? '';
  return req.state.portals.find((p) => p.portal.id === id || p.portal.portal_name === id) ?? LEGACY.domain();
}

function legacyLog(req: Req, module: LogModule): EmulatorResponse {
  const data = legacyPortal(req);
  if (isResponse(data)) return data;
  const project = data.projects.find((p) => p.id === req.params.project);
  if (!project) return LEGACY.empty();
  const task = module === 'task' ? data.tasks.find((t) => t.id === req.params.task && t.project_id === project.id) : undefined;
  if (module === 'task' && !task) return LEGACY.empty();
  const form = req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {};
  const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
  for (const name of ['date', 'bill_status', 'hours', ...(module === 'general' ? ['name'] : [])]) if (!field(name)) return LEGACY.missing(name);
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(field('date')!);
  const date = m ? calendarDate(`${m[3]}-${m[1]}-${m[2]}`) : undefined;
  if (!date) return LEGACY.pattern('date');
  const bill = field('bill_status');
  if (bill !== 'Billable' && bill !== 'Non Billable') return LEGACY.pattern('bill_status');
  const minutes = /^\d{1,2}:[0-5]\d$/.test(field('hours')!) ? minutesOf(field('hours')) : undefined;
  if (minutes === undefined || minutes <= 0) return LEGACY.pattern('hours');
  const ownerZuid = field('owner');
  const owner = ownerZuid ? data.users.find((u) => u.zuid === ownerZuid) : me(req, data);
  if (!owner) return LEGACY.pattern('owner');
  if (!member(project, owner.zpuid)) return LEGACY.denied('The user is not a user of this project.');
  const left = 24 * 60 - loggedOn(data, owner.zpuid, date);
  if (minutes > left) return LEGACY.denied(`You are left with ${hhmm(Math.max(0, left))} hour(s) to log for ${date}.`);
  const log: EmuTimeLog = {
    id: req.state.nextId(),
    project_id: project.id,
    module,
    date,
    minutes,
    bill_status: bill,
    approval_status: 'Unapproved',
    notes: field('notes') ?? '',
    owner_zpuid: owner.zpuid,
    added_by: me(req, data).zpuid,
    created_time: req.now,
    last_modified_time: req.now,
  };
  if (task) log.record_id = task.id;
  if (module === 'general') log.log_name = field('name')!;
  data.timelogs.push(log);
  return answer(201, { timelogs: { [module === 'task' ? 'task_logs' : 'general_logs']: [legacyLogJson(data, log)] } });
}

function legacyPortals(req: Req): EmulatorResponse {
  return answer(200, {
    login_id: req.state.signedInZuid,
    portals: req.state.portals.map((data) => ({
      id: BigInt(data.portal.id),
      id_string: data.portal.id,
      name: data.portal.portal_name,
      default: data.portal.is_default_portal,
      gmt_time_zone: data.portal.time_zone,
      role: data.portal.role,
      plan: data.portal.project_plan,
      settings: { company_name: data.portal.org_name, time_zone: data.portal.time_zone, date_format: data.portal.date_format },
      project_count: { active: data.projects.filter((p) => p.status === 'active').length },
    })),
  });
}

// ---------- the table ----------

const P = { portal: /^[\w.-]+$/, project: DIGITS, task: DIGITS, log: DIGITS };
const portalPath = `${V3}/portal/:portal`;
const projectPath = `${portalPath}/projects/:project`;

export const projectsRoutes: EmulatorRoute<ProjectsState>[] = [
  {
    method: 'GET',
    path: `${V3}/portals`,
    scopes: ['ZohoProjects.portals.READ'],
    handle: (req) => answer(200, req.state.portals.map(portalJson)),
  },
  {
    method: 'GET',
    path: `${portalPath}/projects`,
    params: { portal: P.portal },
    scopes: ['ZohoProjects.projects.READ'],
    handle: inPortal((req, data) => {
      const p = paging(req);
      if (isResponse(p)) return p;
      const status = req.query.get('status');
      if (status && !['active', 'archived', 'template'].includes(status)) return invalid('status', 'status must be active, archived or template.');
      const rows = data.projects.filter((x) => !status || x.status === status);
      return answer(200, slice(rows, p).items.map((x) => projectJson(data, x)));
    }),
  },
  {
    method: 'GET',
    path: projectPath,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.projects.READ'],
    handle: inProject((_req, data, project) => answer(200, projectJson(data, project))),
  },
  {
    method: 'GET',
    path: `${portalPath}/tasks`,
    params: { portal: P.portal },
    scopes: ['ZohoProjects.tasks.READ'],
    handle: inPortal((req, data) => {
      const active = data.projects.filter((p) => p.status === 'active');
      return listAnswer(req, 'tasks', active.flatMap((p) => mainTasks(data, p)), (t) => taskJson(data, t));
    }),
  },
  {
    method: 'GET',
    path: `${projectPath}/tasks`,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.tasks.READ'],
    handle: inProject((req, data, project) => listAnswer(req, 'tasks', mainTasks(data, project), (t) => taskJson(data, t))),
  },
  { method: 'POST', path: `${projectPath}/tasks`, params: { portal: P.portal, project: P.project }, scopes: ['ZohoProjects.tasks.CREATE'], handle: createTask },
  {
    method: 'GET',
    path: `${projectPath}/tasks/:task`,
    params: { portal: P.portal, project: P.project, task: P.task },
    scopes: ['ZohoProjects.tasks.READ'],
    handle: inProject((req, data, project) => {
      const task = taskOf(data, project, req.params.task);
      return isResponse(task) ? task : answer(200, taskJson(data, task));
    }),
  },
  { method: 'PATCH', path: `${projectPath}/tasks/:task`, params: { portal: P.portal, project: P.project, task: P.task }, scopes: ['ZohoProjects.tasks.UPDATE'], handle: patchTask },
  {
    method: 'GET',
    path: `${projectPath}/tasks/:task/subtasks`,
    params: { portal: P.portal, project: P.project, task: P.task },
    scopes: ['ZohoProjects.tasks.READ'],
    handle: inProject((req, data, project) => {
      const task = taskOf(data, project, req.params.task);
      if (isResponse(task)) return task;
      const subs = data.tasks.filter((t) => t.parent_id === task.id).sort((a, b) => a.number - b.number);
      return listAnswer(req, 'tasks', subs, (t) => taskJson(data, t));
    }),
  },
  {
    method: 'GET',
    path: `${projectPath}/tasks/:task/comments`,
    params: { portal: P.portal, project: P.project, task: P.task },
    scopes: ['ZohoProjects.tasks.READ'],
    handle: inProject((req, data, project) => {
      const task = taskOf(data, project, req.params.task);
      if (isResponse(task)) return task;
      const rows = data.comments.filter((c) => c.task_id === task.id).sort((a, b) => a.created_time - b.created_time);
      return listAnswer(req, 'comments', rows, (c) => commentJson(data, c));
    }),
  },
  { method: 'POST', path: `${projectPath}/tasks/:task/comments`, params: { portal: P.portal, project: P.project, task: P.task }, scopes: ['ZohoProjects.tasks.CREATE'], handle: addComment },
  {
    method: 'GET',
    path: `${projectPath}/tasklists`,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.tasklists.READ'],
    handle: inProject((req, data, project) =>
      listAnswer(req, 'tasklists', data.tasklists.filter((l) => l.project_id === project.id).sort((a, b) => a.sequence - b.sequence), (l) => tasklistJson(data, l)),
    ),
  },
  {
    method: 'GET',
    path: `${projectPath}/phases`,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.milestones.READ'],
    handle: inProject((req, data, project) =>
      listAnswer(req, 'milestones', data.milestones.filter((m) => m.project_id === project.id).sort((a, b) => a.sequence - b.sequence), (m) => milestoneJson(data, m)),
    ),
  },
  { method: 'GET', path: `${projectPath}/timelogs`, params: { portal: P.portal, project: P.project }, scopes: ['ZohoProjects.timesheets.READ'], handle: listLogs },
  { method: 'POST', path: `${projectPath}/log`, params: { portal: P.portal, project: P.project }, scopes: ['ZohoProjects.timesheets.CREATE'], handle: addLog },
  { method: 'GET', path: `${projectPath}/logs/:log`, params: { portal: P.portal, project: P.project, log: P.log }, scopes: ['ZohoProjects.timesheets.READ'], handle: getLog },
  { method: 'PATCH', path: `${projectPath}/logs/:log`, params: { portal: P.portal, project: P.project, log: P.log }, scopes: ['ZohoProjects.timesheets.UPDATE'], handle: patchLog },
  {
    method: 'GET',
    path: `${projectPath}/issues`,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.bugs.READ'],
    handle: inProject((req, data, project) =>
      listAnswer(req, 'issues', data.issues.filter((i) => i.project_id === project.id).sort((a, b) => b.number - a.number), (i) => issueJson(data, i)),
    ),
  },
  { method: 'POST', path: `${projectPath}/issues`, params: { portal: P.portal, project: P.project }, scopes: ['ZohoProjects.bugs.CREATE'], handle: createIssue },
  {
    method: 'GET',
    path: `${projectPath}/users`,
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.users.READ'],
    handle: inProject((req, data, project) =>
      listAnswer(req, 'users', project.members, (m) => {
        const user = data.users.find((u) => u.zpuid === m.zpuid)!;
        return { ...userJson(data, user), project_role: { name: m.role }, project_profile: { name: m.role === 'Manager' ? 'Manager' : user.profile } };
      }),
    ),
  },
  {
    method: 'GET',
    path: `${portalPath}/users`,
    params: { portal: P.portal },
    scopes: ['ZohoProjects.users.READ'],
    handle: inPortal((req, data) => listAnswer(req, 'users', data.users, (u) => userJson(data, u))),
  },
  // Legacy API: the signed-in user's login_id (V3 documents no "current user" call), and time logs by form.
  { method: 'GET', path: '/restapi/portals', scopes: ['ZohoProjects.portals.READ'], handle: legacyPortals },
  {
    method: 'POST',
    path: '/restapi/portal/:portal/projects/:project/tasks/:task/logs',
    params: { portal: P.portal, project: P.project, task: P.task },
    scopes: ['ZohoProjects.timesheets.CREATE'],
    handle: (req) => legacyLog(req, 'task'),
  },
  {
    method: 'POST',
    path: '/restapi/portal/:portal/projects/:project/logs',
    params: { portal: P.portal, project: P.project },
    scopes: ['ZohoProjects.timesheets.CREATE'],
    handle: (req) => legacyLog(req, 'general'),
  },
];

/** Today in a portal's time zone (for tests and the seed's relative dates). */
export function portalToday(data: PortalData, now: number): string {
  return dateInZone(now, data.portal.time_zone);
}

export { fullName };
