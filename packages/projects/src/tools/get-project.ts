import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsProject, ProjectsRecord, ProjectsUser } from '../client.js';
import { MILESTONE_COLUMNS, shapeMilestone, shapeProject, shapeTasklist, shapeUser, TASKLIST_COLUMNS, USER_COLUMNS } from './shapes.js';
import { idSchema, PORTAL_SCOPE } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('From projects_list.'),
});

interface Result {
  project: ProjectsProject;
  milestones: Page<ProjectsRecord>;
  tasklists: Page<ProjectsRecord>;
  team: Page<ProjectsUser>;
}

export const projectsGet = defineZohoTool<typeof input, ProjectsClient, Result>({
  name: 'projects_get',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.projects.READ', 'ZohoProjects.milestones.READ', 'ZohoProjects.tasklists.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `Get one Zoho Projects project in full, for progress questions.
Returns its dates, owner, status, completion and counts, with milestone, task-list and team (project roles) tables.`,
  examples: [{ project_id: '2438400000000000025' }],
  input,
  async run(args, ctx) {
    const o = { signal: ctx.signal };
    const project = await ctx.client.getProject(args.project_id, o);
    const [milestones, tasklists, team] = await Promise.all([
      ctx.client.listMilestones(args.project_id, { page: 1, per_page: 100 }, o),
      ctx.client.listTasklists(args.project_id, { page: 1, per_page: 100 }, o),
      ctx.client.listProjectUsers(args.project_id, { page: 1, per_page: 100 }, o),
    ]);
    return { project, milestones, tasklists, team };
  },
  shape: ({ project, milestones, tasklists, team }) => {
    const out: Record<string, unknown> = { ...shapeProject(project) };
    const users = team.rows.map(shapeUser);
    if (milestones.rows.length) out.milestones = toTable(milestones.rows.map(shapeMilestone), { columns: MILESTONE_COLUMNS });
    if (tasklists.rows.length) out.tasklists = toTable(tasklists.rows.map(shapeTasklist), { columns: TASKLIST_COLUMNS });
    if (users.length) out.team = toTable(users, { columns: USER_COLUMNS });
    const more = [milestones.has_next_page && 'milestones', tasklists.has_next_page && 'tasklists', team.has_next_page && 'team'].filter(Boolean);
    if (more.length) out.note = `only the first 100 ${more.join(', ')} are shown`;
    return out;
  },
  ids: ({ project }) => [String(project.id)],
});
