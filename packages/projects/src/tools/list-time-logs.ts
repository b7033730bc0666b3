import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsProject, ProjectsTimeLog, TimeLogModule } from '../client.js';
import { addDays } from '../dates.js';
import { formatMinutes, minutesFromZoho } from '../hours.js';
import { PeopleResolver, type Person } from '../people.js';
import { LOG_COLUMNS, shapeTimeLog } from './shapes.js';
import { dateSchema, idSchema, intSchema, listResult, PORTAL_SCOPE, personSchema, readAll } from './shared.js';

const input = z.object({
  project_id: idSchema('project').optional().describe('Default every active project.'),
  person: personSchema().optional().describe('Only this person (name or email).'),
  date_from: dateSchema().optional().describe('Default 29 days before date_to.'),
  date_to: dateSchema().optional().describe('Default today.'),
  billable: z.boolean().optional().describe('Only billable (true) or non-billable (false) logs.'),
  type: z.enum(['task', 'issue', 'general']).optional().describe('Default all: task, issue and project-level logs.'),
  page: intSchema(1, 1000).optional().describe('Page of rows (from next_page); totals always cover every row.'),
  per_page: intSchema(1, 200).optional().describe('Rows per page (default 50).'),
});

/** Longest window (Zoho's custom-date view allows about 6 months, observed). */
const MAX_WINDOW_DAYS = 184;
/** Projects read when no project is given. */
const MAX_PROJECTS = 20;
const MODULES: TimeLogModule[] = ['task', 'issue', 'general'];

interface Result {
  logs: (ProjectsTimeLog & { project?: { id?: string; name?: string } })[];
  from: string;
  to: string;
  page: number;
  perPage: number;
  projects: number;
  /** Active projects beyond MAX_PROJECTS were left out (no project_id given). */
  truncated: boolean;
}

interface Sums {
  billable: number;
  non_billable: number;
}

const sumText = (s: Sums) => ({
  billable: formatMinutes(s.billable),
  non_billable: formatMinutes(s.non_billable),
  total: formatMinutes(s.billable + s.non_billable),
  billable_minutes: s.billable,
  non_billable_minutes: s.non_billable,
});

export const projectsListTimeLogs = defineZohoTool<typeof input, ProjectsClient, Result>({
  name: 'projects_list_time_logs',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.timesheets.READ', 'ZohoProjects.projects.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `List Zoho Projects time logs by project, person and date range.
Use for project costs, who worked on what, and allocation. Returns exact billable/non-billable totals, per person and overall, and a table of logs.`,
  examples: [{ project_id: '2438400000000000025' }, { person: 'Priya Natarajan', billable: true }],
  input,
  async run(args, ctx) {
    const o = { signal: ctx.signal };
    const today = await ctx.client.today(o);
    const to = args.date_to ?? today;
    const from = args.date_from ?? addDays(to, -29);
    if (to < from) throw new ToolInputError('date_to', `${to} is before date_from ${from}`);
    if (addDays(from, MAX_WINDOW_DAYS) < to) throw new ToolInputError('date_from', `the window ${from} … ${to} is longer than 6 months, the most Zoho lists at once; split it`);
    let person: Person | undefined;
    if (args.person) person = await new PeopleResolver(ctx.client, o).resolve(args.person, 'person');

    let projects: ProjectsProject[];
    let truncated = false;
    if (args.project_id) projects = [{ id: args.project_id }];
    else {
      const res = await ctx.client.listProjects({ page: 1, per_page: 100, status: 'active' }, o);
      const active = res.rows.filter((p) => p.status === undefined || p.status === 'active');
      truncated = active.length > MAX_PROJECTS || res.has_next_page;
      projects = active.slice(0, MAX_PROJECTS);
    }
    const logs: Result['logs'] = [];
    for (const project of projects) {
      for (const module of args.type ? [args.type] : MODULES) {
        const rows = await readAll(
          (page, per_page) =>
            ctx.client.listTimeLogs(
              String(project.id),
              { start_date: from, end_date: to, module, page, per_page, ...(person ? { user_id: person.zpuid } : {}), ...(args.billable === undefined ? {} : { billtype: args.billable ? 'billable' : 'non_billable' }) },
              o,
            ),
          20,
        );
        for (const log of rows) {
          // Zoho's filters are applied again here: an ignored parameter must not skew the totals.
          if (person && log.owner && String(log.owner.zpuid ?? '') !== person.zpuid) continue;
          if (args.billable !== undefined && (log.bill_status === 'Billable') !== args.billable) continue;
          logs.push(log.project || !project.name ? log : { ...log, project: { id: String(project.id), name: project.name } });
        }
      }
    }
    logs.sort((a, b) => String(b.date ?? '').localeCompare(String(a.date ?? '')));
    return { logs, from, to, page: args.page ?? 1, perPage: args.per_page ?? 50, projects: projects.length, truncated };
  },
  shape: ({ logs, from, to, page, perPage, projects, truncated }) => {
    const total: Sums = { billable: 0, non_billable: 0 };
    const byPerson = new Map<string, Sums>();
    for (const log of logs) {
      const minutes = minutesFromZoho(log.log_hour) ?? 0;
      const key = log.bill_status === 'Billable' ? 'billable' : 'non_billable';
      total[key] += minutes;
      const who = log.owner?.name ?? log.owner?.email ?? 'unknown';
      const sums = byPerson.get(who) ?? { billable: 0, non_billable: 0 };
      sums[key] += minutes;
      byPerson.set(who, sums);
    }
    const rows = logs.slice((page - 1) * perPage, page * perPage).map(shapeTimeLog);
    const paging: Record<string, unknown> = { from, to, page, ...(page * perPage < logs.length ? { next_page: page + 1 } : {}), logs_total: logs.length };
    if (projects > 1) paging.projects_read = projects;
    return {
      ...(truncated ? { note: `totals cover the first ${MAX_PROJECTS} active projects only; pass project_id for the others` } : {}),
      totals: sumText(total),
      by_person: toTable(
        [...byPerson].map(([person, s]) => ({ person, billable: formatMinutes(s.billable), non_billable: formatMinutes(s.non_billable), total: formatMinutes(s.billable + s.non_billable) })),
        { columns: ['person', 'billable', 'non_billable', 'total'] },
      ),
      ...listResult('logs', rows, LOG_COLUMNS, paging),
    };
  },
  ids: ({ logs }) => logs.map((l) => String(l.id)),
});
