import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { Page, ProjectsClient, ProjectsTask } from '../client.js';
import { datePart, dueRange, inRange, type DueWindow } from '../dates.js';
import { PeopleResolver } from '../people.js';
import { shapeTask, TASK_COLUMNS } from './shapes.js';
import { DEFAULT_LIMIT, idSchema, limitSchema, listResult, PORTAL_SCOPE, pageTokenSchema, personSchema, scan, textSchema, type Scan } from './shared.js';

const input = z.object({
  project_id: idSchema('project').optional().describe('Default every active project of the portal.'),
  owner: personSchema().optional().describe('Only tasks this person owns (name or email).'),
  status: textSchema(50).optional().describe('"open" (any not-closed status), "closed", or a status name.'),
  due: z.enum(['overdue', 'today', 'this_week', 'next_7_days']).optional().describe('Due window in the portal time zone; open tasks only unless status says otherwise.'),
  tasklist_id: idSchema('task list').optional().describe('Only this task list (needs project_id).'),
  parent_task_id: idSchema('task').optional().describe("List this task's sub-tasks (needs project_id)."),
  include_subtasks: z.boolean().optional().describe('Also look at sub-tasks.'),
  limit: limitSchema,
  page_token: pageTokenSchema,
});

interface Result {
  scan: Scan<ProjectsTask>;
  today: string;
  range?: { from?: string; to: string };
}

function statusFilter(status: string | undefined, due: DueWindow | undefined): (task: ProjectsTask) => boolean {
  const wanted = status?.toLowerCase();
  const closed = (t: ProjectsTask) => t.status?.is_closed_type === true;
  if (!wanted) return due ? (t) => !closed(t) : () => true;
  if (wanted === 'open') return (t) => !closed(t);
  if (wanted === 'closed') return closed;
  return (t) => (t.status?.name ?? '').toLowerCase() === wanted;
}

export const projectsListTasks = defineZohoTool<typeof input, ProjectsClient, Result>({
  name: 'projects_list_tasks',
  app: 'projects',
  access: 'read',
  scopes: ['ZohoProjects.tasks.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `List Zoho Projects tasks by project, owner, status, due window or task list.
Use for "what is overdue", "what does Priya have due this week", or a task_id. Returns a table: owners, dates, completion, logged hours.`,
  examples: [{ due: 'overdue' }, { project_id: '2438400000000000025', status: 'open' }],
  input,
  async run(args, ctx) {
    const o = { signal: ctx.signal };
    if ((args.tasklist_id || args.parent_task_id) && !args.project_id) throw new ToolInputError(args.tasklist_id ? 'tasklist_id' : 'parent_task_id', 'needs project_id');
    const owner = args.owner ? await new PeopleResolver(ctx.client, o).resolve(args.owner, 'owner', args.project_id) : undefined;
    const today = await ctx.client.today(o);
    const range = args.due ? dueRange(args.due, today) : undefined;
    const status = statusFilter(args.status, args.due);
    const projectId = args.project_id;
    const keep = (t: ProjectsTask) =>
      status(t) &&
      (!owner || (t.owners_and_work?.owners ?? []).some((p) => String(p.zpuid ?? '') === owner.zpuid || (owner.email !== undefined && p.email === owner.email))) &&
      (!range || inRange(datePart(t.end_date), range)) &&
      (!args.tasklist_id || String(t.tasklist?.id ?? '') === args.tasklist_id);
    const fetch = async (page: number, per_page: number): Promise<Page<ProjectsTask>> => {
      if (args.parent_task_id) return ctx.client.listSubtasks(projectId!, args.parent_task_id, { page, per_page }, o);
      const res = await ctx.client.listTasks(projectId, { page, per_page }, o);
      if (!args.include_subtasks) return res;
      // Sub-tasks follow their parent, so paging over the expanded page stays exact.
      const rows: ProjectsTask[] = [];
      for (const task of res.rows) {
        rows.push(task);
        if (task.is_parent !== true) continue;
        const pid = String(task.project?.id ?? projectId ?? '');
        if (pid) rows.push(...(await ctx.client.listSubtasks(pid, String(task.id), { page: 1, per_page: 100 }, o)).rows);
      }
      return { ...res, rows };
    };
    const result = await scan(fetch, keep, { token: args.page_token, limit: args.limit ?? DEFAULT_LIMIT });
    return range ? { scan: result, today, range } : { scan: result, today };
  },
  shape: ({ scan: result, today, range }) =>
    listResult('tasks', result.rows.map(shapeTask), TASK_COLUMNS, {
      today,
      ...(range ? { due_from: range.from, due_to: range.to } : {}),
      ...(result.next_page_token ? { next_page_token: result.next_page_token } : {}),
    }),
  ids: ({ scan: result }) => result.rows.map((t) => String(t.id)),
});
