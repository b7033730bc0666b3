import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsRecord } from '../client.js';
import { MILESTONE_COLUMNS, shapeMilestone } from './shapes.js';
import { idSchema, listResult, pageFacts, pageSchema, perPageSchema, PORTAL_SCOPE } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  page: pageSchema,
  per_page: perPageSchema(50),
});

export const projectsListMilestones = defineZohoTool<typeof input, ProjectsClient, { res: Page<ProjectsRecord>; page: number }>({
  name: 'projects_list_milestones',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.milestones.READ', PORTAL_SCOPE],
  description: `List a Zoho Projects project's milestones (V3 phases), for schedule questions.
Returns a table: owner, start and end dates, status and completion %.`,
  examples: [{ project_id: '2438400000000000025' }],
  input,
  run: async (args, ctx) => ({ res: await ctx.client.listMilestones(args.project_id, { page: args.page ?? 1, per_page: args.per_page ?? 50 }, { signal: ctx.signal }), page: args.page ?? 1 }),
  shape: ({ res, page }) => listResult('milestones', res.rows.map(shapeMilestone), MILESTONE_COLUMNS, pageFacts(res, page)),
  ids: ({ res }) => res.rows.map((m) => String(m.id)),
});
