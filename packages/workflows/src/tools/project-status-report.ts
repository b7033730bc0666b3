import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { reportProjects, projectStatus, shapeStatuses, type ProjectStatus } from '../status.js';
import { allows, client, idInput, type FlowClients, type FlowContext } from '../shared.js';
import { SCOPES, use } from '../uses.js';

export const MAX_PROJECTS = 20;

export const statusInput = {
  project_id: idInput('Projects project').optional().describe('One project (default every active one).'),
};

export async function buildReport(ctx: FlowContext, projectId: string | undefined): Promise<{ statuses: ProjectStatus[]; today: string; invoicesNote?: string }> {
  const projects = client(ctx, 'projects');
  const books = allows(ctx, 'books', 'read') ? ctx.client.books : undefined;
  const today = await projects.today({ signal: ctx.signal });
  const list = await reportProjects(projects, projectId, MAX_PROJECTS, ctx.signal).catch((err: unknown) => {
    if ((err as { kind?: string }).kind === 'not_found') throw new ToolInputError('project_id', `no project ${String(projectId)}; find it with projects_list`);
    throw err;
  });
  const statuses: ProjectStatus[] = [];
  for (const project of list) statuses.push(await projectStatus(projects, books, project, today, ctx.signal));
  return { statuses, today, ...(books ? {} : { invoicesNote: 'left out: this role or policy does not allow reading Books' }) };
}

const input = z.object(statusInput);

export const flowProjectStatusReport = defineZohoTool<typeof input, FlowClients, Awaited<ReturnType<typeof buildReport>>>({
  name: 'flow_project_status_report',
  app: 'flow',
  access: 'read',
  uses: [use('projects', 'read', SCOPES.projectsStatusRead), use('books', 'read', SCOPES.booksInvoicesRead, "adds the client's open invoices")],
  description: `Status of one project or every active one: completion, open and overdue tasks, hours logged (and budget if set), next milestone, and the client's open invoices in Books.
Returns one row per project and the overdue tasks.`,
  examples: [{ project_id: '2438400000000000025' }],
  input,
  run: (args, ctx) => buildReport(ctx, args.project_id),
  shape: (r) => shapeStatuses(r.statuses, r.today, r.invoicesNote),
});
