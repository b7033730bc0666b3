/**
 * How the emulator's records look on the wire (V3). Record ids go out as bare 19-digit JSON numbers, as Zoho
 * sends them (a client must not read them with JSON.parse); people's `zpuid`/`zuid` and portal ids as strings.
 * Field names beyond the digest follow third-party V3 clients measured against live portals (unconfirmed).
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import {
  dateInZone,
  findUser,
  fullName,
  hhmm,
  taskStatus,
  wireDate,
  wireTime,
  type EmuComment,
  type EmuIssue,
  type EmuMilestone,
  type EmuProject,
  type EmuTask,
  type EmuTasklist,
  type EmuTimeLog,
  type EmuUser,
  type PortalData,
} from './state.js';

type Json = Record<string, unknown>;

const WEB = 'https://projects.zoho.com';
const BIG = '\u0000';

/** Marks a 19-digit id for output as a bare JSON number. */
export function big(id: string | undefined): bigint | undefined {
  return id === undefined ? undefined : BigInt(id);
}

/** JSON text with bigint values as bare numbers (JSON.stringify cannot write them). */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIG}${v.toString()}${BIG}` : v)).replace(/"\\u0000(-?\d+)\\u0000"/g, '$1');
}

/** A JSON answer whose ids survive as numbers. */
export function answer(status: number, body: unknown): EmulatorResponse {
  return { status, raw: wireJson(body), headers: { 'content-type': 'application/json;charset=UTF-8' } };
}

export function userRef(data: PortalData, zpuid: string | undefined): Json | null {
  const user = findUser(data, zpuid);
  if (!user) return null;
  return { id: user.zuid, zpuid: user.zpuid, name: fullName(user), email: user.email, first_name: user.first_name, last_name: user.last_name };
}

const PROFILE_IDS: Record<EmuUser['profile'], string> = { Administrator: '2438400000000000011', Manager: '2438400000000000012', Employee: '2438400000000000013', Contractor: '2438400000000000014' };

export function userJson(data: PortalData, user: EmuUser): Json {
  const role = user.profile === 'Administrator' ? 'admin' : user.profile === 'Manager' ? 'manager' : user.profile === 'Contractor' ? 'contractor' : 'employee';
  return {
    id: user.zuid,
    zpuid: user.zpuid,
    name: fullName(user),
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: fullName(user),
    email: user.email,
    job_title: user.job_title,
    role: { id: PROFILE_IDS[user.profile], name: role },
    profile: { id: big(PROFILE_IDS[user.profile]), name: user.profile, type: user.profile === 'Contractor' ? 'client' : 'portal' },
    status: user.active ? 'active' : 'inactive',
    is_active: user.active,
    user_type: user.profile === 'Contractor' ? 'contractor' : 'user',
    is_confirmed: true,
    portal_id: data.portal.id,
  };
}

export function portalJson(data: PortalData): Json {
  const p = data.portal;
  return {
    id: p.id,
    portal_name: p.portal_name,
    org_name: p.org_name,
    is_default_portal: p.is_default_portal,
    project_plan: p.project_plan,
    role: p.role,
    owner: userRef(data, p.owner_zpuid),
    settings: { time_zone: p.time_zone, date_format: p.date_format, week_start_day: 'monday', is_business_hours_enabled: true },
    locale: { code: 'en_US', language: 'English', country: 'United States' },
    available_projects: data.projects.filter((x) => x.status === 'active').length,
    link: { web: { url: `${WEB}/portal/${p.portal_name}` } },
  };
}

function links(data: PortalData, path: string): Json {
  return { self: { url: `${WEB}/api/v3/portal/${data.portal.id}${path}` }, web: { url: `${WEB}/portal/${data.portal.portal_name}#${path.replace(/^\//, '')}` } };
}

function counts<T>(rows: T[], closed: (row: T) => boolean): { open: number; closed: number } {
  const c = rows.filter(closed).length;
  return { open: rows.length - c, closed: c };
}

export function isTaskClosed(data: PortalData, task: EmuTask): boolean {
  const project = data.projects.find((p) => p.id === task.project_id)!;
  return taskStatus(project, task).is_closed;
}

export function projectJson(data: PortalData, project: EmuProject): Json {
  const zone = data.portal.time_zone;
  const tasks = data.tasks.filter((t) => t.project_id === project.id && !t.parent_id);
  const all = data.tasks.filter((t) => t.project_id === project.id);
  const done = all.filter((t) => isTaskClosed(data, t)).length;
  const status = data.project_statuses.find((s) => s.name === project.custom_status) ?? data.project_statuses[0]!;
  return {
    id: big(project.id),
    key: project.key,
    name: project.name,
    description: project.description,
    status: project.status,
    custom_status: { id: big(status.id), name: status.name, color_code: status.color, is_closed_type: status.is_closed },
    owner: userRef(data, project.owner_zpuid),
    start_date: wireDate(project.start_date, zone),
    end_date: wireDate(project.end_date, zone),
    created_time: wireTime(project.created_time, zone),
    last_updated_time: wireTime(project.updated_time, zone),
    completion_percentage: all.length ? Math.round((done / all.length) * 100) : 0,
    task_count: counts(tasks, (t) => isTaskClosed(data, t)),
    milestone_count: counts(
      data.milestones.filter((m) => m.project_id === project.id),
      (m) => m.status === 'completed',
    ),
    issue_count: counts(
      data.issues.filter((i) => i.project_id === project.id),
      (i) => data.issue_statuses.find((s) => s.id === i.status_id)?.is_closed === true,
    ),
    billing_type: project.billing_type,
    is_public: 'no',
    is_strict_project: false,
    is_rollup_project: false,
    layout: { id: big('2438400000000000021'), name: 'Standard Layout' },
    custom_fields: [],
    tags: [],
    link: links(data, `/projects/${project.id}`),
  };
}

function nameRef(id: string | undefined, name: string | undefined): Json | null {
  return id ? { id: big(id), name } : null;
}

export function minutesOf(data: PortalData, taskId: string, bill: EmuTimeLog['bill_status']): number {
  return data.timelogs.filter((l) => l.module === 'task' && l.record_id === taskId && l.bill_status === bill).reduce((a, l) => a + l.minutes, 0);
}

export function taskJson(data: PortalData, task: EmuTask): Json {
  const zone = data.portal.time_zone;
  const project = data.projects.find((p) => p.id === task.project_id)!;
  const list = data.tasklists.find((l) => l.id === task.tasklist_id);
  const milestone = list?.milestone_id ? data.milestones.find((m) => m.id === list.milestone_id) : undefined;
  const status = taskStatus(project, task);
  const parent = task.parent_id ? data.tasks.find((t) => t.id === task.parent_id) : undefined;
  const billable = minutesOf(data, task.id, 'Billable');
  const nonBillable = minutesOf(data, task.id, 'Non Billable');
  const days = task.start_date && task.end_date ? Math.max(1, Math.round((Date.parse(task.end_date) - Date.parse(task.start_date)) / 86_400_000) + 1) : 1;
  const out: Json = {
    id: big(task.id),
    prefix: `${project.key}-T${task.number}`,
    name: task.name,
    description: task.description ? `<div>${task.description}</div>` : '',
    project: nameRef(project.id, project.name),
    tasklist: nameRef(list?.id, list?.name),
    milestone: nameRef(milestone?.id, milestone?.name),
    status: { id: big(status.id), name: status.name, is_closed_type: status.is_closed, color_code: status.color },
    priority: task.priority,
    start_date: wireDate(task.start_date, zone),
    end_date: wireDate(task.end_date, zone),
    completion_percentage: task.completion_percentage,
    duration: { value: String(days), type: 'days' },
    owners_and_work: {
      work_type: 'work_hours',
      total_work: hhmm(days * 8 * 60 * Math.max(1, task.owner_zpuids.length)),
      owners: task.owner_zpuids.map((z) => userRef(data, z)).filter(Boolean),
    },
    log_hours: { billable_hours: hhmm(billable), non_billable_hours: hhmm(nonBillable), total_hours: hhmm(billable + nonBillable) },
    billing_type: task.billing_type,
    created_by: userRef(data, task.created_by),
    created_time: wireTime(task.created_time, zone),
    last_updated_time: wireTime(task.last_updated_time, zone),
    is_parent: data.tasks.some((t) => t.parent_id === task.id),
    depth: parent ? 1 : 0,
    sequence: task.number,
    is_reminder_set: false,
    is_recurrence_set: false,
    tags: [],
    custom_fields: [],
    link: links(data, `/projects/${project.id}/tasks/${task.id}`),
  };
  if (parent) out.parental_info = { parent_task_id: big(parent.id), parent_task_name: parent.name, root_task_id: big(parent.id) };
  return out;
}

export function tasklistJson(data: PortalData, list: EmuTasklist): Json {
  const zone = data.portal.time_zone;
  const milestone = list.milestone_id ? data.milestones.find((m) => m.id === list.milestone_id) : undefined;
  const tasks = data.tasks.filter((t) => t.tasklist_id === list.id && !t.parent_id);
  return {
    id: big(list.id),
    name: list.name,
    milestone: nameRef(milestone?.id, milestone?.name),
    flag: list.flag,
    status: tasks.length && tasks.every((t) => isTaskClosed(data, t)) ? 'completed' : 'active',
    sequence: list.sequence,
    task_count: counts(tasks, (t) => isTaskClosed(data, t)),
    created_time: wireTime(list.created_time, zone),
    is_default: false,
    link: links(data, `/projects/${list.project_id}/tasklists/${list.id}`),
  };
}

export function milestoneJson(data: PortalData, milestone: EmuMilestone): Json {
  const zone = data.portal.time_zone;
  const lists = data.tasklists.filter((l) => l.milestone_id === milestone.id).map((l) => l.id);
  const tasks = data.tasks.filter((t) => lists.includes(t.tasklist_id));
  const done = tasks.filter((t) => isTaskClosed(data, t)).length;
  return {
    id: big(milestone.id),
    name: milestone.name,
    owner: userRef(data, milestone.owner_zpuid),
    start_date: wireDate(milestone.start_date, zone),
    end_date: wireDate(milestone.end_date, zone),
    status: { id: big(milestone.status === 'completed' ? '2438400000000000032' : '2438400000000000031'), name: milestone.status === 'completed' ? 'Completed' : 'Active', is_closed_type: milestone.status === 'completed', color_code: milestone.status === 'completed' ? '#63c94b' : '#08aeea' },
    completion_percent: tasks.length ? Math.round((done / tasks.length) * 100) : 0,
    flag: milestone.flag,
    sequence: milestone.sequence,
    created_time: wireTime(milestone.created_time, zone),
    link: links(data, `/projects/${milestone.project_id}/phases/${milestone.id}`),
  };
}

export function timeLogJson(data: PortalData, log: EmuTimeLog): Json {
  const zone = data.portal.time_zone;
  const project = data.projects.find((p) => p.id === log.project_id)!;
  const out: Json = {
    id: big(log.id),
    log_hour: hhmm(log.minutes),
    date: log.date,
    notes: log.notes,
    bill_status: log.bill_status,
    approval_status: log.approval_status,
    owner: userRef(data, log.owner_zpuid),
    added_by: userRef(data, log.added_by),
    project: nameRef(project.id, project.name),
    module: { type: log.module },
    start_time: log.start_time ?? '',
    end_time: log.end_time ?? '',
    cost_per_hour: '0.00',
    is_timer_log: log.start_time !== undefined,
    created_time: wireTime(log.created_time, zone),
    last_modified_time: wireTime(log.last_modified_time, zone),
    link: links(data, `/projects/${project.id}/logs/${log.id}`),
  };
  if (log.module === 'task') {
    const task = data.tasks.find((t) => t.id === log.record_id);
    out.module = { type: 'task', id: big(log.record_id), name: task?.name };
    out.task = nameRef(task?.id, task?.name);
  } else if (log.module === 'issue') {
    const issue = data.issues.find((i) => i.id === log.record_id);
    out.module = { type: 'issue', id: big(log.record_id), name: issue?.name };
  } else {
    out.log_name = log.log_name;
  }
  return out;
}

export function issueJson(data: PortalData, issue: EmuIssue): Json {
  const zone = data.portal.time_zone;
  const project = data.projects.find((p) => p.id === issue.project_id)!;
  const status = data.issue_statuses.find((s) => s.id === issue.status_id)!;
  const severity = data.severities.find((s) => s.id === issue.severity_id);
  return {
    id: big(issue.id),
    prefix: `${project.key}-I${issue.number}`,
    name: issue.name,
    description: issue.description,
    flag: issue.flag,
    status: { id: big(status.id), name: status.name, is_closed_type: status.is_closed, color_code: status.color },
    severity: severity ? { id: big(severity.id), name: severity.name } : null,
    classification: issue.classification ? { id: big(issue.classification.id), name: issue.classification.name } : null,
    module: null,
    assignee: userRef(data, issue.assignee_zpuid),
    reporter: userRef(data, issue.reporter_zpuid),
    due_date: wireDate(issue.due_date, zone),
    created_time: wireTime(issue.created_time, zone),
    last_updated_time: wireTime(issue.last_updated_time, zone),
    project: nameRef(project.id, project.name),
    is_it_reproducible: issue.reproducible ? { id: big(issue.reproducible.id), name: issue.reproducible.name } : null,
    tags: [],
    custom_fields: [],
    link: links(data, `/projects/${project.id}/issues/${issue.id}`),
  };
}

export function commentJson(data: PortalData, comment: EmuComment): Json {
  const zone = data.portal.time_zone;
  return {
    id: big(comment.id),
    comment: comment.comment,
    added_by: userRef(data, comment.added_by),
    created_time: wireTime(comment.created_time, zone),
    last_modified_time: wireTime(comment.last_modified_time, zone),
    is_edited: comment.last_modified_time !== comment.created_time,
    attachments: [],
  };
}

/** Legacy (`/restapi`) task-log shape, `MM-dd-yyyy` dates and `HH:mm` hours (projects.md §2). */
export function legacyLogJson(data: PortalData, log: EmuTimeLog): Json {
  const owner = findUser(data, log.owner_zpuid);
  const [y, m, d] = log.date.split('-');
  const task = log.record_id ? data.tasks.find((t) => t.id === log.record_id) : undefined;
  const out: Json = {
    id: big(log.id),
    id_string: log.id,
    notes: log.notes,
    hours: Math.floor(log.minutes / 60),
    minutes: log.minutes % 60,
    hours_display: hhmm(log.minutes),
    total_minutes: log.minutes,
    bill_status: log.bill_status,
    log_date: `${m}-${d}-${y}`,
    log_date_long: Date.parse(`${log.date}T00:00:00Z`),
    log_date_format: `${m}-${d}-${y}`,
    owner_id: owner?.zuid ?? '',
    owner_name: owner ? fullName(owner) : '',
    approval_status: log.approval_status === 'Approved' ? 'Approved' : 'Pending',
  };
  if (task) out.task = { id: task.id, name: task.name };
  if (log.log_name) out.name = log.log_name;
  return out;
}

export function today(data: PortalData, now: number): string {
  return dateInZone(now, data.portal.time_zone);
}
