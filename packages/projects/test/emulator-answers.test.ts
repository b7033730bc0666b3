/**
 * The Projects slice answers as ../shared/zoho-api/projects.md says Zoho Projects does: one table of requests
 * and the answers they must get — V3 shapes (top-level arrays for portals and projects, `{key:[…],page_info}`
 * elsewhere), 19-digit ids as bare JSON numbers, PATCH-only updates, the V3 error envelope with its titles and
 * status codes, the legacy envelope and form bodies, throttling with Retry-After. Run with core's table runner.
 */
import { parseJson } from '@zoho-agent-kit/core';
import { createManualClock, matchSubset, runAnswerCase, startEmulator, type Answer, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProjectsEmulator, dateInZone, DEFAULT_PORTAL_ID, projectsEmulator, SIGNED_IN_ZUID } from '../src/emulator/index.js';

const NOW = Date.UTC(2026, 0, 7, 15, 0, 0);
const clock = createManualClock(NOW);
const seed = projectsEmulator.createState({ seed: true, now: NOW });
const data = seed.portals[0]!;
const project = data.projects[0]!;
const task = data.tasks.find((t) => t.project_id === project.id && data.tasks.some((s) => s.parent_id === t.id))!;
const log = data.timelogs.find((l) => l.project_id === project.id && l.approval_status === 'Unapproved' && l.module === 'task')!;
const approved = data.timelogs.find((l) => l.project_id === project.id && l.approval_status === 'Approved')!;
const list = data.tasklists.find((l) => l.project_id === project.id)!;
const member = data.users.find((u) => u.zpuid === project.members[1]!.zpuid)!;
const outsider = data.users.find((u) => !project.members.some((m) => m.zpuid === u.zpuid))!;
const today = dateInZone(NOW, data.portal.time_zone);
const P = `/api/v3/portal/${DEFAULT_PORTAL_ID}`;
const PR = `${P}/projects/${project.id}`;

const v3Error = (status: number, title: string, field?: string) => ({
  error: { status_code: String(status), title, error_type: /^[A-Z_]+$/, details: [field ? { message: /./, field_name: field } : { message: /./ }] },
});
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
/** The answer read exactly (19-digit ids as strings), for checks on ids. */
const exact = (a: Answer) => parseJson(a.text) as any;
/** Ids are bare JSON numbers in the text, not quoted strings. */
const bareId = (id: string) => (a: Answer) => (a.text.includes(`"id":${id}`) ? [] : [`id ${id} is not a bare number in ${a.text.slice(0, 120)}`]);

const CASES: AnswerCase[] = [
  // Success shapes, paging, ids.
  {
    name: 'GET /portals: a top-level array, portal id a string, time zone in settings',
    path: '/api/v3/portals',
    expect: { status: 200, body: [{ id: DEFAULT_PORTAL_ID, portal_name: 'northwindcreative', is_default_portal: true, settings: { time_zone: 'America/New_York' } }] },
  },
  {
    name: 'GET /projects: a top-level array of projects with bare 19-digit ids',
    path: `${P}/projects`,
    query: { page: 1, per_page: 3 },
    expect: {
      status: 200,
      body: (v: unknown) => Array.isArray(v) && v.length === 3,
      check: (a) => [...bareId(project.id)(a), ...matchSubset({ id: project.id, name: project.name, owner: { zpuid: /^\d+$/ } }, exact(a)[0])],
    },
  },
  { name: 'GET /projects?status=archived', path: `${P}/projects`, query: { status: 'archived' }, expect: { status: 200, body: [{ status: 'archived' }] } },
  { name: 'GET /projects?status=bad → 400 naming status', path: `${P}/projects`, query: { status: 'open' }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'status') } },
  { name: 'GET /projects/{id}: the project itself', path: PR, expect: { status: 200, body: { name: project.name, task_count: { open: (n: unknown) => typeof n === 'number' }, start_date: /T00:00:00[+-]\d{2}:\d{2}$/ }, check: bareId(project.id) } },
  {
    name: 'GET …/tasks: {tasks, page_info.has_next_page}, main tasks only',
    path: `${PR}/tasks`,
    query: { page: 1, per_page: 2 },
    expect: {
      status: 200,
      body: { tasks: (v: unknown) => Array.isArray(v) && v.length === 2, page_info: { page: 1, per_page: 2, has_next_page: true } },
      check: (a) => (exact(a).tasks.some((t: any) => t.parental_info) ? ['a sub-task in the task list'] : []),
    },
  },
  { name: 'GET …/tasks past the end: empty, has_next_page false', path: `${PR}/tasks`, query: { page: 9, per_page: 10 }, expect: { status: 200, body: { tasks: [], page_info: { page: 9, has_next_page: false } } } },
  { name: 'GET /portal/{p}/tasks: every active project', path: `${P}/tasks`, query: { per_page: 200 }, expect: { status: 200, body: { tasks: nonEmpty, page_info: { has_next_page: false } } } },
  {
    name: 'GET …/tasks/{id}: nested links, status object, owners_and_work',
    path: `${PR}/tasks/${task.id}`,
    expect: { status: 200, body: { name: task.name, status: { name: /./, is_closed_type: false }, owners_and_work: { owners: nonEmpty }, tasklist: { name: /./ }, is_parent: true }, check: bareId(task.id) },
  },
  { name: 'GET …/tasks/{id}/subtasks', path: `${PR}/tasks/${task.id}/subtasks`, expect: { status: 200, body: { tasks: [{ parental_info: { parent_task_name: task.name } }, { parental_info: {} }], page_info: { has_next_page: false } } } },
  { name: 'GET …/tasks/{id}/comments', path: `${PR}/tasks/${task.id}/comments`, expect: { status: 200, body: { comments: nonEmpty, page_info: { has_next_page: false } } } },
  { name: 'GET …/tasklists', path: `${PR}/tasklists`, expect: { status: 200, body: { tasklists: [{ name: 'Discovery' }, { name: 'Build' }], page_info: {} } } },
  { name: 'GET …/phases: milestones under the key "milestones"', path: `${PR}/phases`, expect: { status: 200, body: { milestones: [{ name: 'Discovery', status: { name: 'Completed' } }, { name: 'Delivery' }], page_info: {} } } },
  { name: 'GET …/issues', path: `${PR}/issues`, expect: { status: 200, body: { issues: nonEmpty, page_info: {} } } },
  { name: 'GET …/users (project): project roles', path: `${PR}/users`, expect: { status: 200, body: { users: nonEmpty, page_info: {} }, check: (a) => (exact(a).users.every((u: any) => u.project_role?.name) ? [] : ['a user without project_role']) } },
  { name: 'GET /portal/{p}/users', path: `${P}/users`, expect: { status: 200, body: { users: (v: unknown) => Array.isArray(v) && v.length === data.users.length } } },
  {
    name: 'GET …/timelogs (customdate, module task): grouped by date',
    path: `${PR}/timelogs`,
    query: { view_type: 'customdate', start_date: '2025-12-01', end_date: today, module: '{"type":"task"}' },
    expect: { status: 200, body: { time_logs: nonEmpty, page_info: { has_next_page: false } }, check: (a) => (exact(a).time_logs.every((g: any) => g.date && g.log_details.every((l: any) => /^\d{2}:\d{2}$/.test(l.log_hour) && l.module.type === 'task')) ? [] : ['a malformed log group']) },
  },
  { name: 'GET …/logs/{id}?type=task', path: `${PR}/logs/${log.id}`, query: { type: 'task' }, expect: { status: 200, body: { bill_status: log.bill_status, approval_status: 'Unapproved' }, check: bareId(log.id) } },

  // Writes: JSON, 201 for creates, PATCH for updates.
  {
    name: 'POST …/tasks → 201, the new task',
    method: 'POST',
    path: `${PR}/tasks`,
    json: { name: 'Table case task', tasklist: { id: list.id }, end_date: `${today}T00:00:00.000Z`, priority: 'high', owners_and_work: { owners: [{ zpuid: member.zpuid }] } },
    expect: { status: 201, body: { name: 'Table case task', priority: 'high', tasklist: { name: list.name }, owners_and_work: { owners: [{ zpuid: member.zpuid }] }, end_date: new RegExp(`^${today}T00:00:00`) } },
  },
  { name: 'POST …/tasks with parental_info → a sub-task in its parent list', method: 'POST', path: `${PR}/tasks`, json: { name: 'Sub', parental_info: { parent_task_id: task.id } }, expect: { status: 201, body: { parental_info: { parent_task_name: task.name } } } },
  { name: 'POST …/tasks ignores owners/owner/depth/milestone_id (observed)', method: 'POST', path: `${PR}/tasks`, json: { name: 'Ignored keys', owner: 'x', depth: 3 }, expect: { status: 201, body: { name: 'Ignored keys', depth: 0 } } },
  { name: 'POST …/tasks without name → 400 LESS_THAN_MIN_OCCURANCE', method: 'POST', path: `${PR}/tasks`, json: { priority: 'low' }, expect: { status: 400, body: v3Error(400, 'LESS_THAN_MIN_OCCURANCE', 'name') } },
  { name: 'POST …/tasks with flat tasklist_id → 400', method: 'POST', path: `${PR}/tasks`, json: { name: 'x', tasklist_id: list.id }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'tasklist_id') } },
  { name: 'POST …/tasks with owners_and_work as an array → 400 JSON_PARSE_ERROR', method: 'POST', path: `${PR}/tasks`, json: { name: 'x', owners_and_work: [{ zpuid: member.zpuid }] }, expect: { status: 400, body: v3Error(400, 'JSON_PARSE_ERROR', 'owners_and_work') } },
  { name: 'POST …/tasks with an owner outside the project → 400', method: 'POST', path: `${PR}/tasks`, json: { name: 'x', owners_and_work: { owners: [{ zpuid: outsider.zpuid }] } }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'owners_and_work') } },
  { name: 'POST …/tasks with a body that is not JSON → 400 JSON_PARSE_ERROR', method: 'POST', path: `${PR}/tasks`, headers: { 'content-type': 'application/json' }, body: '{"name":', expect: { status: 400, body: v3Error(400, 'JSON_PARSE_ERROR') } },
  { name: 'PATCH …/tasks/{id} → 200', method: 'PATCH', path: `${PR}/tasks/${task.id}`, json: { completion_percentage: 80, priority: 'low' }, expect: { status: 200, body: { completion_percentage: 80, priority: 'low' } } },
  { name: 'PUT …/tasks/{id} → 405 INVALID_METHOD', method: 'PUT', path: `${PR}/tasks/${task.id}`, json: { priority: 'low' }, expect: { status: 405, body: v3Error(405, 'INVALID_METHOD') } },
  { name: 'POST …/tasks/{id} → 405 INVALID_METHOD', method: 'POST', path: `${PR}/tasks/${task.id}`, json: { priority: 'low' }, expect: { status: 405, body: v3Error(405, 'INVALID_METHOD') } },
  { name: 'PATCH …/tasks/{id} with an unknown status id → 400', method: 'PATCH', path: `${PR}/tasks/${task.id}`, json: { status: { id: '1' } }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'status') } },
  { name: 'POST …/comments {comment} → 201, a top-level array', method: 'POST', path: `${PR}/tasks/${task.id}/comments`, json: { comment: 'Table case comment' }, expect: { status: 201, body: [{ comment: 'Table case comment', added_by: { id: SIGNED_IN_ZUID } }] } },
  { name: 'POST …/comments with content (the legacy key) → 400 EXTRA_KEY_FOUND_IN_JSON', method: 'POST', path: `${PR}/tasks/${task.id}/comments`, json: { content: 'x' }, expect: { status: 400, body: v3Error(400, 'EXTRA_KEY_FOUND_IN_JSON', 'content') } },
  {
    name: 'POST …/log (task) → 201, the log',
    method: 'POST',
    path: `${PR}/log`,
    json: { module: { type: 'task', id: task.id }, date: today, hours: '01:30', bill_status: 'Billable', notes: 'Table case', owner_zpuid: member.zpuid },
    expect: { status: 201, body: { log_hour: '01:30', bill_status: 'Billable', date: today, owner: { zpuid: member.zpuid }, module: { type: 'task' } } },
  },
  { name: 'POST …/log (general) without log_name → 400', method: 'POST', path: `${PR}/log`, json: { module: { type: 'general' }, date: today, hours: '00:30', bill_status: 'Non Billable' }, expect: { status: 400, body: v3Error(400, 'LESS_THAN_MIN_OCCURANCE', 'log_name') } },
  { name: 'POST …/log with bill_status "billable" → 400', method: 'POST', path: `${PR}/log`, json: { module: { type: 'task', id: task.id }, date: today, hours: '01:00', bill_status: 'billable' }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'bill_status') } },
  { name: 'POST …/log with MM-dd-yyyy (legacy) date → 400', method: 'POST', path: `${PR}/log`, json: { module: { type: 'task', id: task.id }, date: '01-07-2026', hours: '01:00', bill_status: 'Billable' }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'date') } },
  { name: 'POST …/log of 23:00 for one person on one day → 201', method: 'POST', path: `${PR}/log`, json: { module: { type: 'task', id: task.id }, date: '2025-06-30', hours: '23:00', bill_status: 'Billable', owner_zpuid: member.zpuid }, expect: { status: 201 } },
  { name: '… then 01:30 more that day → 400 "You are left with 01:00" (observed wording)', method: 'POST', path: `${PR}/log`, json: { module: { type: 'task', id: task.id }, date: '2025-06-30', hours: '01:30', bill_status: 'Billable', owner_zpuid: member.zpuid }, expect: { status: 400, body: { error: { details: [{ message: /^You are left with 01:00 hour\(s\) to log/, field_name: 'hours' }] } } } },
  { name: 'POST …/log for someone outside the project → 400', method: 'POST', path: `${PR}/log`, json: { module: { type: 'task', id: task.id }, date: today, hours: '01:00', bill_status: 'Billable', owner_zpuid: outsider.zpuid }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'owner_zpuid') } },
  { name: 'PATCH …/logs/{id} bill_status → 200', method: 'PATCH', path: `${PR}/logs/${log.id}`, json: { module: { type: 'task', id: log.record_id }, bill_status: 'Non Billable', notes: 'billed: INV-000123' }, expect: { status: 200, body: { bill_status: 'Non Billable', notes: 'billed: INV-000123' } } },
  { name: 'PATCH …/logs/{id} of an approved log → 400 (observed)', method: 'PATCH', path: `${PR}/logs/${approved.id}`, json: { module: { type: approved.module, ...(approved.record_id ? { id: approved.record_id } : {}) }, notes: 'x' }, expect: { status: 400, body: { error: { details: [{ message: 'Cannot update approved timelogs.' }] } } } },
  { name: 'POST …/issues → 201', method: 'POST', path: `${PR}/issues`, json: { name: 'Table case issue', flag: 'External', assignee: { zpuid: member.zpuid } }, expect: { status: 201, body: { name: 'Table case issue', flag: 'External', status: { name: 'Open' }, assignee: { zpuid: member.zpuid } } } },

  // Query validation.
  { name: 'per_page above 200 → 400 naming per_page', path: `${PR}/tasks`, query: { per_page: 500 }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'per_page') } },
  { name: 'page 0 → 400 naming page', path: `${PR}/tasks`, query: { page: 0 }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'page') } },
  { name: 'timelogs without module → 400', path: `${PR}/timelogs`, query: { view_type: 'customdate', start_date: '2026-01-01', end_date: '2026-01-07' }, expect: { status: 400, body: v3Error(400, 'LESS_THAN_MIN_OCCURANCE', 'module') } },
  { name: 'timelogs over more than 6 months → 400 (observed)', path: `${PR}/timelogs`, query: { view_type: 'customdate', start_date: '2025-01-01', end_date: '2026-01-07', module: '{"type":"task"}' }, expect: { status: 400, body: v3Error(400, 'INVALID_PARAMETER_VALUE', 'end_date') } },

  // Errors before a handler: token, scope, paths, records.
  { name: 'no token → 401 INVALID_OAUTHTOKEN', path: `${P}/projects`, token: null, expect: { status: 401, body: v3Error(401, 'INVALID_OAUTHTOKEN') } },
  { name: 'a bad token → 401 INVALID_OAUTHTOKEN', path: `${P}/projects`, token: 'nope', expect: { status: 401, body: v3Error(401, 'INVALID_OAUTHTOKEN') } },
  {
    name: 'a token without ZohoProjects.tasks → 401 INVALID_OAUTHSCOPE',
    path: `${PR}/tasks`,
    token: (e: Emulator) => e.accounts.issueAccessToken(e.accounts.issueRefreshToken({ scopes: ['ZohoProjects.projects.READ'] })),
    expect: { status: 401, body: v3Error(401, 'INVALID_OAUTHSCOPE') },
  },
  { name: '/api/v3/portals/{id}/… (plural) → 400 URL_RULE_NOT_CONFIGURED (observed)', path: `/api/v3/portals/${DEFAULT_PORTAL_ID}/projects`, expect: { status: 400, body: v3Error(400, 'URL_RULE_NOT_CONFIGURED') } },
  { name: 'an unknown portal → 404', path: '/api/v3/portal/999/projects', expect: { status: 404, body: v3Error(404, 'RESOURCE_NOT_FOUND') } },
  { name: 'an unknown project → 404', path: `${P}/projects/123`, expect: { status: 404, body: v3Error(404, 'RESOURCE_NOT_FOUND') } },
  { name: 'an unknown task → 404', path: `${PR}/tasks/123`, expect: { status: 404, body: v3Error(404, 'RESOURCE_NOT_FOUND') } },
  {
    name: 'throttled → 429 TOO_MANY_REQUESTS with Retry-After',
    path: `${P}/projects`,
    setup: (e) => void e.faults.add({ app: 'projects', kind: 'throttle', retryAfterSec: 30, times: 1 }),
    expect: { status: 429, body: v3Error(429, 'TOO_MANY_REQUESTS'), headers: { 'retry-after': '30' } },
  },
  { name: 'a 5xx → the V3 envelope', path: `${P}/projects`, setup: (e) => void e.faults.add({ app: 'projects', kind: 'status', status: 503, times: 1 }), expect: { status: 503, body: v3Error(503, 'INTERNAL_SERVER_ERROR') } },

  // Legacy API.
  { name: 'GET /restapi/portals/: login_id is the user, ids numbers with id_string', path: '/restapi/portals/', expect: { status: 200, body: { login_id: SIGNED_IN_ZUID, portals: [{ id_string: DEFAULT_PORTAL_ID, name: 'northwindcreative', settings: { time_zone: 'America/New_York' } }] } } },
  {
    name: 'POST /restapi/…/tasks/{id}/logs/ (form, MM-dd-yyyy, HH:mm) → 201 timelogs.task_logs',
    method: 'POST',
    path: `/restapi/portal/${DEFAULT_PORTAL_ID}/projects/${project.id}/tasks/${task.id}/logs/`,
    form: { date: '01-06-2026', bill_status: 'Non Billable', hours: '02:30', notes: 'legacy', owner: member.zuid },
    expect: { status: 201, body: { timelogs: { task_logs: [{ hours: 2, minutes: 30, hours_display: '02:30', bill_status: 'Non Billable', log_date: '01-06-2026', owner_id: member.zuid }] } } },
  },
  { name: 'legacy log with a yyyy-mm-dd date → 400 legacy envelope', method: 'POST', path: `/restapi/portal/${DEFAULT_PORTAL_ID}/projects/${project.id}/tasks/${task.id}/logs/`, form: { date: '2026-01-06', bill_status: 'Billable', hours: '01:00' }, expect: { status: 400, body: { error: { code: (c: unknown) => typeof c === 'number', message: /Pattern/ } } } },
  { name: 'legacy: an unknown portal → 404 6504 Domain Not Available', method: 'POST', path: `/restapi/portal/999/projects/${project.id}/logs/`, form: { name: 'x', date: '01-06-2026', bill_status: 'Billable', hours: '01:00' }, expect: { status: 404, body: { error: { code: 6504, message: 'Domain Not Available' } } } },
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apps: [projectsEmulator], clock: clock.now, limits: { projects: false } });
});
afterAll(() => emu.close());

describe('the Projects emulator answers as the digest says', () => {
  it.each(CASES)('$name', async (c) => {
    expect((await runAnswerCase(emu, 'projects', c)).problems).toEqual([]);
  });
});

describe('rate limits', () => {
  let strict: Emulator;
  afterEach(() => strict?.close());

  it('100 calls per 2 minutes by default: the 101st is a 429 with Retry-After', async () => {
    strict = await startEmulator({ apps: [createProjectsEmulator({ rateLimit: { limit: 3, windowMs: 120_000 } })], clock: clock.now });
    for (let i = 0; i < 3; i++) expect((await runAnswerCase(strict, 'projects', { name: 'ok', path: '/api/v3/portals', expect: { status: 200 } })).problems).toEqual([]);
    const over = await runAnswerCase(strict, 'projects', { name: 'over', path: '/api/v3/portals', expect: { status: 429, body: v3Error(429, 'TOO_MANY_REQUESTS'), headers: { 'retry-after': /^\d+$/ } } });
    expect(over.problems).toEqual([]);
  });

  it('with lockout: the call over the limit locks the caller out for 30 minutes', async () => {
    strict = await startEmulator({ apps: [createProjectsEmulator({ rateLimit: { limit: 2, windowMs: 120_000 }, lockout: true })], clock: clock.now });
    for (let i = 0; i < 2; i++) await runAnswerCase(strict, 'projects', { name: 'ok', path: '/api/v3/portals', expect: { status: 200 } });
    const locked = await runAnswerCase(strict, 'projects', { name: 'locked', path: '/api/v3/portals', expect: { status: 429, headers: { 'retry-after': '1800' } } });
    expect(locked.problems).toEqual([]);
    clock.advance(29 * 60_000);
    const still = await runAnswerCase(strict, 'projects', { name: 'still', path: '/api/v3/portals', expect: { status: 429, headers: { 'retry-after': '60' } } });
    expect(still.problems).toEqual([]);
    clock.advance(61_000);
    expect((await runAnswerCase(strict, 'projects', { name: 'free', path: '/api/v3/portals', expect: { status: 200 } })).problems).toEqual([]);
    clock.set(NOW);
  });
});

describe('describe hook', () => {
  it('names the portal id a client needs and a first request', () => {
    expect(projectsEmulator.describe!(seed)).toEqual({ ids: { ZOHO_PROJECTS_PORTAL_ID: DEFAULT_PORTAL_ID }, example: `/api/v3/portal/${DEFAULT_PORTAL_ID}/projects?page=1&per_page=5` });
  });
});
