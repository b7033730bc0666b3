import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsComment } from '../client.js';
import { COMMENT_COLUMNS, shapeComment } from './shapes.js';
import { idSchema, listResult, pageFacts, pageSchema, perPageSchema, PORTAL_SCOPE } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  task_id: idSchema('task').describe('The task.'),
  page: pageSchema,
  per_page: perPageSchema(25),
});

export const projectsListComments = defineZohoTool<typeof input, ProjectsClient, { res: Page<ProjectsComment>; page: number }>({
  name: 'projects_list_comments',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.tasks.READ', PORTAL_SCOPE],
  description: `List the comments on a Zoho Projects task, to catch up on its discussion.
Returns a table, oldest first: who wrote each comment, when, and the text.`,
  examples: [{ project_id: '2438400000000000025', task_id: '2438400000000000032' }],
  input,
  run: async (args, ctx) => ({ res: await ctx.client.listComments(args.project_id, args.task_id, { page: args.page ?? 1, per_page: args.per_page ?? 25 }, { signal: ctx.signal }), page: args.page ?? 1 }),
  shape: ({ res, page }) => listResult('comments', res.rows.map(shapeComment), COMMENT_COLUMNS, pageFacts(res, page)),
  ids: ({ res }) => res.rows.map((c) => String(c.id)),
});
