import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsIssue } from '../client.js';
import { PeopleResolver } from '../people.js';
import { ISSUE_COLUMNS, shapeIssue } from './shapes.js';
import { DEFAULT_LIMIT, idSchema, limitSchema, listResult, PORTAL_SCOPE, pageTokenSchema, personSchema, scan, textSchema, type Scan } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  status: textSchema(50).optional().describe('"open" (any not-closed status), "closed", or a status name.'),
  severity: textSchema(50).optional().describe('A severity name, e.g. "Major".'),
  assignee: personSchema().optional().describe('Only issues assigned to this person (name or email).'),
  limit: limitSchema,
  page_token: pageTokenSchema,
});

export const projectsListIssues = defineZohoTool<typeof input, ProjectsClient, Scan<ProjectsIssue>>({
  name: 'projects_list_issues',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.bugs.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `List a Zoho Projects project's issues (bugs) by status, severity or assignee.
Returns a table, newest first: title, status, severity, assignee, reporter, due date.`,
  examples: [{ project_id: '2438400000000000025', status: 'open' }],
  input,
  async run(args, ctx) {
    const o = { signal: ctx.signal };
    const assignee = args.assignee ? await new PeopleResolver(ctx.client, o).resolve(args.assignee, 'assignee', args.project_id) : undefined;
    const status = args.status?.toLowerCase();
    const severity = args.severity?.toLowerCase();
    const keep = (i: ProjectsIssue) =>
      (!status || (status === 'open' ? i.status?.is_closed_type !== true : status === 'closed' ? i.status?.is_closed_type === true : (i.status?.name ?? '').toLowerCase() === status)) &&
      (!severity || (i.severity?.name ?? '').toLowerCase() === severity) &&
      (!assignee || String(i.assignee?.zpuid ?? '') === assignee.zpuid);
    return scan((page, per_page) => ctx.client.listIssues(args.project_id, { page, per_page }, o), keep, { token: args.page_token, limit: args.limit ?? DEFAULT_LIMIT });
  },
  shape: (result) => listResult('issues', result.rows.map(shapeIssue), ISSUE_COLUMNS, result.next_page_token ? { next_page_token: result.next_page_token } : {}),
  ids: (result) => result.rows.map((i) => String(i.id)),
});
