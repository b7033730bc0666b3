/**
 * Seed data: Northwind Creative's Zoho Projects portal. One project per agency client (core's AGENCY_CLIENTS,
 * the same companies as the CRM accounts and Books customers), run by the agency's staff (AGENCY_STAFF) plus
 * one freelance contractor (from the Books vendor Freelance Collective). Dates are relative to the emulator
 * clock in the portal's time zone, so "overdue" and "due this week" mean what they say today; ids come from
 * one deterministic generator, so they are the same on every start.
 */
import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, seededRandom } from '@zoho-agent-kit/core/emulator';
import {
  addDays,
  dateInZone,
  type EmuIssue,
  type EmuMember,
  type EmuProject,
  type EmuStatus,
  type EmuTask,
  type EmuTimeLog,
  type EmuUser,
  type PortalData,
} from './state.js';

export const DEFAULT_PORTAL_ID = '647154632';

export interface PortalInit {
  id?: string;
  portal_name?: string;
  org_name?: string;
  time_zone?: string;
  is_default_portal?: boolean;
}

/** zuid of the signed-in demo user (Maya Ortiz, the CEO). */
export const SIGNED_IN_ZUID = '71500001';

const PROFILES: EmuUser['profile'][] = ['Administrator', 'Manager', 'Manager', 'Manager', 'Administrator', 'Employee'];

/** What each client's project is about: name, key, the staff member (AGENCY_STAFF index) who owns it, billing. */
const PROJECT_KINDS: { what: string; owner: number; team: number[]; contractor?: boolean; billing: EmuProject['billing_type']; tasks: string[] }[] = [
  { what: 'Website Redesign', owner: 2, team: [1, 5], contractor: true, billing: 'billable', tasks: ['Kick-off workshop', 'Requirements and content inventory', 'Wireframes', 'Desktop wireframes', 'Mobile wireframes', 'Visual design', 'Copywriting', 'QA and launch checklist'] },
  { what: 'Spring Campaign', owner: 1, team: [5, 0], billing: 'billable', tasks: ['Campaign brief', 'Audience research', 'Creative concepts', 'Static ads', 'Video ads', 'Landing page', 'Ad copy', 'Launch and tracking'] },
  { what: 'Brand Refresh', owner: 1, team: [2, 5], billing: 'billable', tasks: ['Brand workshop', 'Competitor audit', 'Logo exploration', 'Logo sketches', 'Colour palette', 'Brand guidelines', 'Tone of voice', 'Asset handover'] },
  { what: 'SEO Retainer', owner: 1, team: [2], billing: 'billable', tasks: ['Technical SEO audit', 'Keyword research', 'On-page fixes', 'Meta descriptions', 'Internal links', 'Content calendar', 'Backlink outreach', 'Monthly report'] },
  { what: 'Client Portal', owner: 2, team: [4], contractor: true, billing: 'billable', tasks: ['Discovery call', 'User stories', 'Portal prototype', 'Login flow', 'Document viewer', 'Security review', 'User guide', 'Go-live'] },
  { what: 'Social Media Management', owner: 4, team: [1, 5], billing: 'billable', tasks: ['Channel audit', 'Content pillars', 'December content batch', 'Instagram posts', 'LinkedIn posts', 'Community replies', 'Influencer shortlist', 'Monthly analytics'] },
  { what: 'Patient App UX', owner: 2, team: [1, 3], contractor: true, billing: 'billable', tasks: ['Stakeholder interviews', 'Patient journey map', 'Appointment flow', 'Booking screens', 'Reminder screens', 'Usability test', 'Accessibility pass', 'Design handoff'] },
  { what: 'Video Production', owner: 4, team: [1, 3], billing: 'non_billable', tasks: ['Creative treatment', 'Script', 'Shoot', 'Interview footage', 'B-roll', 'Edit', 'Colour and sound', 'Delivery'] },
];

/** The project that is over: archived, every task closed. */
const ARCHIVED = 4;

/**
 * Tasks of every project: list (0 Discovery, 1 Build), status (index into the project's statuses), due day
 * relative to today, completion, owners (0 = project owner, 1.. = team), sub-tasks.
 */
const TASKS: {
  name: string;
  list: 0 | 1;
  status: number;
  due: number;
  start: number;
  done: number;
  owners: number[];
  priority: EmuTask['priority'];
  subtasks?: { name: string; status: number; due: number; owners: number[] }[];
}[] = [
  { name: 'Kick-off workshop', list: 0, status: 3, start: -28, due: -21, done: 100, owners: [0], priority: 'medium' },
  { name: 'Requirements and content inventory', list: 0, status: 3, start: -20, due: -12, done: 100, owners: [1], priority: 'medium' },
  {
    name: 'Wireframes',
    list: 1,
    status: 1,
    start: -10,
    due: -3,
    done: 60,
    owners: [1, 2],
    priority: 'high',
    subtasks: [
      { name: 'Desktop wireframes', status: 3, due: -5, owners: [1] },
      { name: 'Mobile wireframes', status: 0, due: -1, owners: [2] },
    ],
  },
  { name: 'Visual design', list: 1, status: 0, start: -2, due: 2, done: 10, owners: [1], priority: 'high' },
  { name: 'Copywriting', list: 1, status: 2, start: 0, due: 10, done: 0, owners: [2], priority: 'low' },
  { name: 'QA and launch checklist', list: 1, status: 0, start: 12, due: 24, done: 0, owners: [0, 1], priority: 'none' },
];

const LOG_NOTES = ['Working session', 'Client review changes', 'Internal review', 'Drafting', 'Revisions after feedback', 'Prep for presentation'];
const MINUTES = [30, 45, 60, 90, 120, 150, 180, 240];

function statuses(nextId: () => string): EmuStatus[] {
  return [
    { id: nextId(), name: 'Open', is_closed: false, color: '#08aeea' },
    { id: nextId(), name: 'In Progress', is_closed: false, color: '#ff9f1a' },
    { id: nextId(), name: 'On Hold', is_closed: false, color: '#a9a9a9' },
    { id: nextId(), name: 'Closed', is_closed: true, color: '#63c94b' },
  ];
}

function key(client: string): string {
  const words = client.replace(/[^A-Za-z ]/g, ' ').split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : words[0]!.slice(0, 2)).toUpperCase();
}

/** An empty portal: the agency's people and the portal's severities and issue statuses, no projects. */
export function emptyPortal(init: PortalInit, nextId: () => string, isDefault: boolean): PortalData {
  const slug = AGENCY.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const users: EmuUser[] = AGENCY_STAFF.map((s, i) => ({
    zpuid: nextId(),
    zuid: String(Number(SIGNED_IN_ZUID) + i),
    first_name: s.firstName,
    last_name: s.lastName,
    email: s.email,
    profile: PROFILES[i] ?? 'Employee',
    job_title: s.role,
    active: true,
  }));
  users.push({
    zpuid: nextId(),
    zuid: String(Number(SIGNED_IN_ZUID) + AGENCY_STAFF.length),
    first_name: 'Daniel',
    last_name: 'Reyes',
    email: 'daniel.reyes@freelance-collective.example',
    profile: 'Contractor',
    job_title: 'Freelance developer (Freelance Collective)',
    active: true,
  });
  return {
    portal: {
      id: init.id ?? DEFAULT_PORTAL_ID,
      portal_name: init.portal_name ?? slug,
      org_name: init.org_name ?? AGENCY.name,
      is_default_portal: init.is_default_portal ?? isDefault,
      project_plan: 'Enterprise',
      role: 'admin',
      time_zone: init.time_zone ?? AGENCY.timeZone,
      date_format: 'MM-dd-yyyy',
      owner_zpuid: users[0]!.zpuid,
    },
    users,
    projects: [],
    tasklists: [],
    milestones: [],
    tasks: [],
    timelogs: [],
    issues: [],
    comments: [],
    issue_statuses: [
      { id: nextId(), name: 'Open', is_closed: false, color: '#08aeea' },
      { id: nextId(), name: 'In progress', is_closed: false, color: '#ff9f1a' },
      { id: nextId(), name: 'To be tested', is_closed: false, color: '#9b59b6' },
      { id: nextId(), name: 'Closed', is_closed: true, color: '#63c94b' },
    ],
    severities: ['None', 'Show stopper', 'Critical', 'Major', 'Minor'].map((name) => ({ id: nextId(), name })),
    project_statuses: [
      { id: nextId(), name: 'Planning', is_closed: false, color: '#9b59b6' },
      { id: nextId(), name: 'In Progress', is_closed: false, color: '#08aeea' },
      { id: nextId(), name: 'On Track', is_closed: false, color: '#63c94b' },
      { id: nextId(), name: 'Completed', is_closed: true, color: '#a9a9a9' },
    ],
  };
}

/** Fills a portal with the agency's projects: lists, milestones, tasks and sub-tasks, time logs, issues, comments. */
export function seedPortal(data: PortalData, nextId: () => string, now: number, randomSeed?: number): void {
  const random = seededRandom(randomSeed === undefined ? 20260105 : (20260105 ^ Math.imul(randomSeed + 1, 0x9e3779b1)) >>> 0);
  const zone = data.portal.time_zone;
  const today = dateInZone(now, zone);
  const staff = data.users.slice(0, AGENCY_STAFF.length);
  const contractor = data.users[AGENCY_STAFF.length]!;
  const ago = (days: number) => now - days * 86_400_000;

  AGENCY_CLIENTS.forEach((client, p) => {
    const kind = PROJECT_KINDS[p % PROJECT_KINDS.length]!;
    const archived = p === ARCHIVED;
    const owner = staff[kind.owner]!;
    const members: EmuMember[] = [{ zpuid: owner.zpuid, role: 'Manager' }];
    for (const t of kind.team) if (staff[t]!.zpuid !== owner.zpuid) members.push({ zpuid: staff[t]!.zpuid, role: 'Employee' });
    if (kind.contractor) members.push({ zpuid: contractor.zpuid, role: 'Contractor' });
    // The CEO (signed-in user) and the COO see every project.
    for (const i of [0, 4]) if (!members.some((m) => m.zpuid === staff[i]!.zpuid)) members.push({ zpuid: staff[i]!.zpuid, role: 'Manager' });
    const shift = archived ? -60 : 0;
    const taskStatuses = statuses(nextId);
    const project: EmuProject = {
      id: nextId(),
      key: key(client.name),
      name: `${client.name} — ${kind.what}`,
      description: `${kind.what} for ${client.name} (${client.industry}, ${client.city}).`,
      client: client.name,
      status: archived ? 'archived' : 'active',
      custom_status: archived ? 'Completed' : p % 3 === 2 ? 'Planning' : 'In Progress',
      owner_zpuid: owner.zpuid,
      start_date: addDays(today, -35 - p * 3 + shift),
      end_date: addDays(today, 30 + p * 5 + shift),
      created_time: ago(40 + p * 3 - shift),
      updated_time: ago(1 + p - shift),
      billing_type: kind.billing,
      members,
      task_statuses: taskStatuses,
      next_task_number: 1,
      next_issue_number: 1,
    };
    data.projects.push(project);

    const discovery = { id: nextId(), project_id: project.id, name: 'Discovery', owner_zpuid: owner.zpuid, start_date: project.start_date, end_date: addDays(today, -12 + shift), status: 'completed' as const, flag: 'internal' as const, sequence: 1, created_time: project.created_time };
    const delivery = { id: nextId(), project_id: project.id, name: 'Delivery', owner_zpuid: owner.zpuid, start_date: addDays(today, -11 + shift), end_date: project.end_date, status: archived ? ('completed' as const) : ('active' as const), flag: 'internal' as const, sequence: 2, created_time: project.created_time };
    data.milestones.push(discovery, delivery);
    const lists = [
      { id: nextId(), project_id: project.id, name: 'Discovery', milestone_id: discovery.id, flag: 'internal' as const, sequence: 1, created_time: project.created_time },
      { id: nextId(), project_id: project.id, name: 'Build', milestone_id: delivery.id, flag: 'internal' as const, sequence: 2, created_time: project.created_time },
    ];
    data.tasklists.push(...lists);

    const memberAt = (i: number) => (i === 0 ? owner : data.users.find((u) => u.zpuid === members[Math.min(i, members.length - 1)]!.zpuid)!);
    const closed = taskStatuses[3]!.id;
    const made: EmuTask[] = [];
    let n = 0;
    for (const [ti, t] of TASKS.entries()) {
      // Projects move at their own pace: some are a step ahead, some a day or two behind.
      const ahead = p % 3 === 1 && ti === 3;
      const due = t.due + (p % 3) - 1;
      const task: EmuTask = {
        id: nextId(),
        project_id: project.id,
        number: project.next_task_number++,
        name: kind.tasks[n++] ?? t.name,
        description: `${kind.tasks[n - 1] ?? t.name} for ${client.name}.`,
        tasklist_id: lists[t.list]!.id,
        status_id: archived || ahead ? closed : taskStatuses[t.status]!.id,
        priority: t.priority,
        start_date: addDays(today, t.start + shift),
        end_date: addDays(today, Math.max(due, t.start) + shift),
        completion_percentage: archived || ahead ? 100 : t.done,
        owner_zpuids: [...new Set(t.owners.map((o) => memberAt(o).zpuid))],
        billing_type: kind.billing,
        created_by: owner.zpuid,
        created_time: ago(30 - t.start / 2),
        last_updated_time: ago(Math.max(0, -t.start / 3)),
      };
      data.tasks.push(task);
      made.push(task);
      for (const s of t.subtasks ?? []) {
        const sub: EmuTask = {
          ...task,
          id: nextId(),
          number: project.next_task_number++,
          name: kind.tasks[n++] ?? s.name,
          description: `${kind.tasks[n - 1] ?? s.name} (part of ${task.name}).`,
          status_id: archived ? closed : taskStatuses[s.status]!.id,
          end_date: addDays(today, s.due + (p % 3) - 1 + shift),
          completion_percentage: archived || taskStatuses[s.status]!.is_closed ? 100 : 20,
          owner_zpuids: s.owners.map((o) => memberAt(o).zpuid),
          parent_id: task.id,
          priority: 'medium',
        };
        data.tasks.push(sub);
        made.push(sub);
      }
    }

    // Time logs: the people on each started task, billable per the project, the last 25 days.
    for (const task of made) {
      const status = taskStatuses.find((s) => s.id === task.status_id)!;
      if (status.name === 'Open' && task.completion_percentage === 0) continue;
      if (task.start_date! > today) continue;
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const who = task.owner_zpuids[i % task.owner_zpuids.length]!;
        const daysAgo = 1 + Math.floor(random() * 24) - (archived ? shift : 0);
        const date = addDays(today, -daysAgo);
        const log: EmuTimeLog = {
          id: nextId(),
          project_id: project.id,
          module: 'task',
          record_id: task.id,
          date,
          minutes: MINUTES[Math.floor(random() * MINUTES.length)]!,
          bill_status: kind.billing === 'billable' && random() > 0.2 ? 'Billable' : 'Non Billable',
          approval_status: daysAgo > 7 ? 'Approved' : 'Unapproved',
          notes: LOG_NOTES[Math.floor(random() * LOG_NOTES.length)]!,
          owner_zpuid: who,
          added_by: who,
          created_time: ago(daysAgo) + 17 * 3_600_000,
          last_modified_time: ago(daysAgo) + 17 * 3_600_000,
        };
        data.timelogs.push(log);
      }
    }
    const callDay = archived ? 70 : 3;
    data.timelogs.push({
      id: nextId(),
      project_id: project.id,
      module: 'general',
      log_name: 'Client status call',
      date: addDays(today, -callDay),
      minutes: 30,
      bill_status: 'Non Billable',
      approval_status: 'Unapproved',
      notes: `Weekly status call with ${client.contacts[0]?.firstName ?? 'the client'}`,
      owner_zpuid: owner.zpuid,
      added_by: owner.zpuid,
      // Timed with Zoho's timer.
      start_time: '10:00 AM',
      end_time: '10:30 AM',
      created_time: ago(callDay),
      last_modified_time: ago(callDay),
    });

    // Issues: one open bug on the build, one fixed typo.
    const severity = (name: string) => data.severities.find((s) => s.name === name)!.id;
    const status = (name: string) => data.issue_statuses.find((s) => s.name === name)!.id;
    const dev = kind.contractor ? contractor : memberAt(1);
    const issues: Omit<EmuIssue, 'id' | 'number'>[] = [
      { project_id: project.id, name: 'Contact form does not send on mobile', description: `Reported by ${client.contacts[0]?.firstName ?? 'the client'}: the form spins forever on iOS.`, flag: 'External', status_id: archived ? status('Closed') : status('Open'), severity_id: severity('Major'), classification: { id: '2438400000000900001', name: 'Bug' }, reproducible: { id: '2438400000000900011', name: 'Always' }, assignee_zpuid: dev.zpuid, reporter_zpuid: owner.zpuid, due_date: addDays(today, 3 + shift), created_time: ago(6 - shift), last_updated_time: ago(2 - shift) },
      { project_id: project.id, name: 'Typo in footer copyright', description: 'It says 2205.', flag: 'Internal', status_id: status('Closed'), severity_id: severity('Minor'), reporter_zpuid: staff[5]!.zpuid, assignee_zpuid: memberAt(1).zpuid, created_time: ago(15 - shift), last_updated_time: ago(12 - shift) },
    ];
    for (const issue of issues) data.issues.push({ ...issue, id: nextId(), number: project.next_issue_number++ });

    // Comments on the task in progress.
    const wip = made[2]!;
    data.comments.push(
      { id: nextId(), project_id: project.id, task_id: wip.id, comment: `First pass shared with ${client.contacts[0]?.firstName ?? 'the client'}; waiting for feedback.`, added_by: memberAt(1).zpuid, created_time: ago(4), last_modified_time: ago(4) },
      { id: nextId(), project_id: project.id, task_id: wip.id, comment: 'Feedback in: simplify the navigation, keep the hero.', added_by: owner.zpuid, created_time: ago(2), last_modified_time: ago(2) },
    );
  });
}
