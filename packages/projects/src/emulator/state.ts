/**
 * The Projects emulator's records, one set per portal. Ids are 19-digit strings here and bare JSON numbers on
 * the wire (see ./wire.ts); people are identified by `zpuid` (portal user id) as in V3, and `zuid` (account id).
 * Calendar dates are `yyyy-mm-dd` in the portal's time zone; time logs hold whole minutes.
 */
import { createIdGenerator, type ThresholdEntry } from '@zoho-agent-kit/core/emulator';
import { dateInZone } from '../dates.js';

export { addDays, dateInZone } from '../dates.js';
/** Minutes as Zoho's `HH:mm`. */
export { zohoHours as hhmm } from '../hours.js';

export interface EmuUser {
  zpuid: string;
  zuid: string;
  first_name: string;
  last_name: string;
  email: string;
  /** Portal profile: Administrator, Manager, Employee, Contractor (client users are not seeded). */
  profile: 'Administrator' | 'Manager' | 'Employee' | 'Contractor';
  job_title: string;
  active: boolean;
}

export interface EmuPortal {
  id: string;
  portal_name: string;
  org_name: string;
  is_default_portal: boolean;
  project_plan: string;
  /** The signed-in user's role in the portal. */
  role: 'admin' | 'manager' | 'employee';
  time_zone: string;
  date_format: string;
  owner_zpuid: string;
}

export interface EmuStatus {
  id: string;
  name: string;
  is_closed: boolean;
  color: string;
}

export interface EmuMember {
  zpuid: string;
  /** Project role. */
  role: 'Manager' | 'Employee' | 'Contractor';
}

export interface EmuProject {
  id: string;
  key: string;
  name: string;
  description: string;
  /** The agency client the project is for (CRM account / Books customer name). */
  client: string;
  status: 'active' | 'archived' | 'template';
  /** The portal's project status (V3 custom status), by name. */
  custom_status: 'Planning' | 'In Progress' | 'On Track' | 'Completed';
  owner_zpuid: string;
  start_date: string;
  end_date: string;
  created_time: number;
  updated_time: number;
  billing_type: 'billable' | 'non_billable';
  members: EmuMember[];
  /** Task statuses of this project (V3 has no endpoint listing them; they show on tasks). */
  task_statuses: EmuStatus[];
  next_task_number: number;
  next_issue_number: number;
}

export interface EmuTasklist {
  id: string;
  project_id: string;
  name: string;
  milestone_id?: string;
  flag: 'internal' | 'external';
  sequence: number;
  created_time: number;
}

export interface EmuMilestone {
  id: string;
  project_id: string;
  name: string;
  owner_zpuid: string;
  start_date: string;
  end_date: string;
  status: 'active' | 'completed';
  flag: 'internal' | 'external';
  sequence: number;
  created_time: number;
}

export interface EmuTask {
  id: string;
  project_id: string;
  number: number;
  name: string;
  description: string;
  tasklist_id: string;
  status_id: string;
  priority: 'none' | 'low' | 'medium' | 'high';
  start_date?: string;
  end_date?: string;
  completion_percentage: number;
  owner_zpuids: string[];
  parent_id?: string;
  billing_type: 'billable' | 'non_billable';
  created_by: string;
  created_time: number;
  last_updated_time: number;
}

export type LogModule = 'task' | 'issue' | 'general';

export interface EmuTimeLog {
  id: string;
  project_id: string;
  module: LogModule;
  /** The task or issue id (not for general logs). */
  record_id?: string;
  /** General logs' name. */
  log_name?: string;
  date: string;
  minutes: number;
  bill_status: 'Billable' | 'Non Billable';
  approval_status: 'Approved' | 'Unapproved' | 'Rejected';
  notes: string;
  owner_zpuid: string;
  added_by: string;
  /** A timer log's start and end, as Zoho shows them (`10:00 AM`); absent for logs of hours. */
  start_time?: string;
  end_time?: string;
  created_time: number;
  last_modified_time: number;
}

export interface EmuIssueStatus extends EmuStatus {}

export interface EmuSeverity {
  id: string;
  name: string;
}

export interface EmuIssue {
  id: string;
  project_id: string;
  number: number;
  name: string;
  description: string;
  flag: 'Internal' | 'External';
  status_id: string;
  severity_id: string;
  /** The portal's classification (Bug, Enhancement…) and reproducibility (Always, Sometimes…), when set. */
  classification?: { id: string; name: string };
  reproducible?: { id: string; name: string };
  assignee_zpuid?: string;
  reporter_zpuid: string;
  due_date?: string;
  created_time: number;
  last_updated_time: number;
}

export interface EmuComment {
  id: string;
  project_id: string;
  task_id: string;
  comment: string;
  added_by: string;
  created_time: number;
  last_modified_time: number;
}

/** One portal and everything in it. */
export interface PortalData {
  portal: EmuPortal;
  users: EmuUser[];
  projects: EmuProject[];
  tasklists: EmuTasklist[];
  milestones: EmuMilestone[];
  tasks: EmuTask[];
  timelogs: EmuTimeLog[];
  issues: EmuIssue[];
  comments: EmuComment[];
  issue_statuses: EmuIssueStatus[];
  severities: EmuSeverity[];
  /** The portal's project statuses (V3 custom statuses). */
  project_statuses: EmuStatus[];
}

export interface ProjectsState {
  portals: PortalData[];
  /** The Zoho account (zuid) the demo tokens belong to: the legacy `login_id`. */
  signedInZuid: string;
  nextId: () => string;
  /** Requests per grant, for the optional 30-minute lock (see `lockout` in ./index.ts). */
  lock: Map<string, ThresholdEntry>;
}

export function newIdGenerator(start = 1): () => string {
  return createIdGenerator('2438400000', start);
}

export function fullName(user: Pick<EmuUser, 'first_name' | 'last_name'>): string {
  return `${user.first_name} ${user.last_name}`.trim();
}

export function findUser(data: PortalData, zpuid: string | undefined): EmuUser | undefined {
  return zpuid ? data.users.find((u) => u.zpuid === zpuid) : undefined;
}

export function taskStatus(project: EmuProject, task: EmuTask): EmuStatus {
  return project.task_statuses.find((s) => s.id === task.status_id) ?? project.task_statuses[0]!;
}

/** The zone's UTC offset at noon of a calendar date, as `-05:00`. */
export function zoneOffset(date: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d{2}:\d{2})?/.exec(part ?? '');
  return m?.[1] ?? '+00:00';
}

/** A calendar date as V3 sends it: midnight in the portal's zone with its offset (`2026-01-09T00:00:00-05:00`). */
export function wireDate(date: string | undefined, timeZone: string): string | undefined {
  return date ? `${date}T00:00:00${zoneOffset(date, timeZone)}` : undefined;
}

/** An instant as V3 sends it, in the portal's zone (`2026-01-05T09:00:00-05:00`). */
export function wireTime(ms: number, timeZone: string): string {
  const date = dateInZone(ms, timeZone);
  const offset = zoneOffset(date, timeZone);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}
