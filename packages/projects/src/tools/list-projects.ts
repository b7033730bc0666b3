import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsProject } from '../client.js';
import { PeopleResolver, type Person } from '../people.js';
import { PROJECT_COLUMNS, shapeProject } from './shapes.js';
import { DEFAULT_LIMIT, limitSchema, listResult, PORTAL_SCOPE, pageTokenSchema, personSchema, scan, type Scan } from './shared.js';

const input = z.object({
  status: z.enum(['active', 'archived', 'template']).optional().describe('Default active.'),
  owner: personSchema().optional().describe('Only projects this person owns (name or email).'),
  limit: limitSchema,
  page_token: pageTokenSchema,
});

interface Result {
  scan: Scan<ProjectsProject>;
  owner?: Person;
}

export const projectsList = defineZohoTool<typeof input, ProjectsClient, Result>({
  name: 'projects_list',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.projects.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `List the portal's Zoho Projects projects, to find a project_id or review progress.
Returns a table: status, owner, dates, completion %, open/closed task, milestone and issue counts.`,
  examples: [{ status: 'active' }],
  input,
  async run(args, ctx) {
    const status = args.status ?? 'active';
    const owner = args.owner ? await new PeopleResolver(ctx.client, { signal: ctx.signal }).resolve(args.owner, 'owner') : undefined;
    // Zoho filters by status (a legacy parameter, unconfirmed in V3), checked again here; never by owner.
    const result = await scan(
      (page, per_page) => ctx.client.listProjects({ page, per_page, status }, { signal: ctx.signal }),
      (p) => (p.status === undefined || p.status === status) && (!owner || String(p.owner?.zpuid ?? '') === owner.zpuid || (p.owner?.email !== undefined && p.owner.email === owner.email)),
      { token: args.page_token, limit: args.limit ?? DEFAULT_LIMIT },
    );
    return owner ? { scan: result, owner } : { scan: result };
  },
  shape: ({ scan: result }) =>
    listResult(
      'projects',
      result.rows.map((p) => shapeProject(p)),
      PROJECT_COLUMNS,
      result.next_page_token ? { next_page_token: result.next_page_token } : {},
    ),
  ids: ({ scan: result }) => result.rows.map((p) => String(p.id)),
});
