import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsUser } from '../client.js';
import { shapeUser, USER_COLUMNS } from './shapes.js';
import { idSchema, listResult, pageFacts, pageSchema, perPageSchema, PORTAL_SCOPE } from './shared.js';

const input = z.object({
  project_id: idSchema('project').optional().describe("A project's team with their project roles; default the portal's users."),
  page: pageSchema,
  per_page: perPageSchema(50),
});

export const projectsListUsers = defineZohoTool<typeof input, ProjectsClient, { res: Page<ProjectsUser>; page: number }>({
  name: 'projects_list_users',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `List the people of the Zoho Projects portal, or of one project, e.g. to see who is on a team.
Returns a table: name, email, role, profile, project role, ids.`,
  examples: [{}, { project_id: '2438400000000000025' }],
  input,
  run: async (args, ctx) => {
    const paging = { page: args.page ?? 1, per_page: args.per_page ?? 50 };
    const o = { signal: ctx.signal };
    return { res: args.project_id ? await ctx.client.listProjectUsers(args.project_id, paging, o) : await ctx.client.listUsers(paging, o), page: paging.page };
  },
  shape: ({ res, page }) => listResult('users', res.rows.map(shapeUser), USER_COLUMNS, pageFacts(res, page)),
  ids: ({ res }) => res.rows.map((u) => String(u.zpuid)),
});
