import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsRecord } from '../client.js';
import { shapeTasklist, TASKLIST_COLUMNS } from './shapes.js';
import { idSchema, listResult, pageFacts, pageSchema, perPageSchema, PORTAL_SCOPE } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  page: pageSchema,
  per_page: perPageSchema(50),
});

export const projectsListTasklists = defineZohoTool<typeof input, ProjectsClient, { res: Page<ProjectsRecord>; page: number }>({
  name: 'projects_list_tasklists',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.tasklists.READ', PORTAL_SCOPE],
  description: `List a Zoho Projects project's task lists, e.g. for the tasklist_id of a new task.
Returns a table: name, status, milestone, open/closed task counts.`,
  examples: [{ project_id: '2438400000000000025' }],
  input,
  run: async (args, ctx) => ({ res: await ctx.client.listTasklists(args.project_id, { page: args.page ?? 1, per_page: args.per_page ?? 50 }, { signal: ctx.signal }), page: args.page ?? 1 }),
  shape: ({ res, page }) => listResult('tasklists', res.rows.map(shapeTasklist), TASKLIST_COLUMNS, pageFacts(res, page)),
  ids: ({ res }) => res.rows.map((l) => String(l.id)),
});
