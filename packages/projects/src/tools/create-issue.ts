import { defineZohoTool, quoteInput, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsIssue } from '../client.js';
import { zohoDate } from '../dates.js';
import { PeopleResolver } from '../people.js';
import { projectOrFail } from './common.js';
import { shapeIssue } from './shapes.js';
import { CLOCK_SKEW_MS, dateSchema, idSchema, PORTAL_SCOPE, personSchema, readAll, readUntil, textSchema, zohoTimeMs } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  title: textSchema(250).describe('What is wrong.'),
  description: z.string().trim().max(10_000).optional().describe('Steps, expected and actual result.'),
  severity: textSchema(50).optional().describe('A severity name of the portal, e.g. "Major".'),
  assignee: personSchema().optional().describe('Project member to fix it (name or email).'),
  due_date: dateSchema().optional().describe('Due date.'),
  flag: z.enum(['internal', 'external']).optional().describe('External issues are visible to client users; default internal.'),
});

export const projectsCreateIssue = defineZohoTool<typeof input, ProjectsClient, ProjectsIssue>({
  name: 'projects_create_issue',
  app: 'projects',
  access: 'write',
  scopes: ['ZohoProjects.bugs.CREATE', 'ZohoProjects.bugs.READ', 'ZohoProjects.projects.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `Report an issue (bug) in a Zoho Projects project, with severity, assignee and due date.
Returns the issue with its id and prefix.`,
  examples: [{ project_id: '2438400000000000025', title: 'Search returns no results for accented names', severity: 'Major', assignee: 'Daniel Reyes' }],
  input,
  plan: async (args, ctx) => {
    const o = { signal: ctx.signal };
    const project = await projectOrFail(ctx.client, args.project_id, o);
    const body: Record<string, unknown> = { name: args.title };
    const after: Record<string, unknown> = { project: project.name, title: args.title };
    if (args.description) ((body.description = args.description), (after.description = args.description));
    if (args.severity) {
      // V3 documents no list of severities; they are read from the project's issues, until one has the severity
      // asked for (when none has, every page was read, to name them all).
      const wanted = args.severity.toLowerCase();
      const { match, rows: issues } = await readUntil(
        (page, per_page) => ctx.client.listIssues(args.project_id, { page, per_page }, o),
        (i) => i.severity?.name?.toLowerCase() === wanted && i.severity.id !== undefined,
      );
      const known = new Map<string, { id?: string; name?: string }>();
      for (const i of issues) if (i.severity?.name && i.severity.id !== undefined) known.set(i.severity.name.toLowerCase(), i.severity);
      const severity = match?.severity;
      if (!severity) throw new ToolInputError('severity', `${quoteInput(args.severity)} is not a severity seen in this project; seen: ${[...known.values()].map((s) => s.name).join(', ') || 'none (leave severity out)'}`);
      body.severity = { id: String(severity.id) };
      after.severity = severity.name;
    }
    if (args.assignee) {
      const person = await new PeopleResolver(ctx.client, o).resolve(args.assignee, 'assignee', args.project_id);
      body.assignee = { zpuid: person.zpuid };
      after.assignee = person.name;
    }
    if (args.due_date) ((body.due_date = zohoDate(args.due_date)), (after.due_date = args.due_date));
    body.flag = args.flag === 'external' ? 'External' : 'Internal';
    after.flag = body.flag;

    const reconcile = async ({ sentAt, signal }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<ProjectsIssue>> => {
      const rows = await readAll((page, per_page) => ctx.client.listIssues(args.project_id, { page, per_page }, { signal }), 10);
      const found = rows.filter((i) => i.name === args.title && zohoTimeMs(i.created_time) >= sentAt - CLOCK_SKEW_MS);
      if (found.length === 1) return { status: 'applied', id: String(found[0]!.id), result: found[0]!, detail: `found issue ${String(found[0]!.prefix ?? found[0]!.id)}` };
      if (found.length > 1) return { status: 'unknown', detail: `${found.length} issues titled "${args.title}" were reported since the send` };
      return { status: 'not_applied' };
    };

    return {
      summary: `Report issue "${args.title}" in ${project.name ?? args.project_id}${after.severity ? ` (${String(after.severity)})` : ''}${after.assignee ? `, assigned to ${String(after.assignee)}` : ''}`,
      payload: body,
      after,
      execute: () => ctx.client.createIssue(args.project_id, body, o),
      reconcile,
      checkWith: `projects_list_issues {"project_id":"${args.project_id}"}`,
    };
  },
  shape: (issue) => shapeIssue(issue),
  ids: (issue) => [String(issue.id)],
});
