import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsTask } from '../client.js';
import { zohoDate } from '../dates.js';
import { PeopleResolver } from '../people.js';
import { projectOrFail, taskLabel, taskOrFail } from './common.js';
import { shapeTask } from './shapes.js';
import { checkDates, CLOCK_SKEW_MS, dateSchema, idSchema, PORTAL_SCOPE, personSchema, PRIORITIES, readAll, readUntil, textSchema, zohoTimeMs } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  name: textSchema(250).describe('Task name.'),
  description: z.string().trim().max(10_000).optional().describe('Details.'),
  tasklist_id: idSchema('task list').optional().describe('Default the General list.'),
  owners: z.array(personSchema()).max(10).optional().describe('Names or emails of project members.'),
  start_date: dateSchema().optional().describe('Start date.'),
  due_date: dateSchema().optional().describe('Due date.'),
  priority: z.enum(PRIORITIES).optional().describe('Default none.'),
  parent_task_id: idSchema('task').optional().describe('Makes it a sub-task of this task.'),
});

export const projectsCreateTask = defineZohoTool<typeof input, ProjectsClient, ProjectsTask>({
  name: 'projects_create_task',
  app: 'projects',
  access: 'write',
  scopes: ['ZohoProjects.tasks.CREATE', 'ZohoProjects.tasks.READ', 'ZohoProjects.projects.READ', 'ZohoProjects.tasklists.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `Create a task (or a sub-task) in a Zoho Projects project, with owners, dates and priority.
Returns the task with its id and prefix.`,
  examples: [{ project_id: '2438400000000000025', name: 'Accessibility review', owners: ['Priya Natarajan'], due_date: '2026-12-18', priority: 'high' }],
  input,
  plan: async (args, ctx) => {
    const o = { signal: ctx.signal };
    checkDates(args.start_date, args.due_date);
    const project = await projectOrFail(ctx.client, args.project_id, o);
    let tasklist: { id: string; name?: unknown } | undefined;
    if (args.tasklist_id) {
      // Read until the list is found; without it every page was read, to name them all.
      const { match, rows: lists } = await readUntil((page, per_page) => ctx.client.listTasklists(args.project_id, { page, per_page }, o), (l) => String(l.id) === args.tasklist_id);
      tasklist = match;
      if (!tasklist) throw new ToolInputError('tasklist_id', `project ${project.name ?? args.project_id} has no task list ${args.tasklist_id}; its lists: ${lists.map((l) => `${String(l.name)} (${String(l.id)})`).join(', ') || 'none'}`);
    }
    const parent = args.parent_task_id ? await taskOrFail(ctx.client, args.project_id, args.parent_task_id, o, 'parent_task_id') : undefined;
    if (parent && tasklist && String(parent.tasklist?.id ?? '') !== String(tasklist.id)) {
      throw new ToolInputError('tasklist_id', `a sub-task stays in its parent's list (${String(parent.tasklist?.name ?? parent.tasklist?.id)}); leave tasklist_id out`);
    }
    const owners = args.owners?.length ? await new PeopleResolver(ctx.client, o).resolveAll(args.owners, 'owners', args.project_id) : [];

    const body: Record<string, unknown> = { name: args.name };
    if (args.description) body.description = args.description;
    if (tasklist) body.tasklist = { id: String(tasklist.id) };
    if (args.start_date) body.start_date = zohoDate(args.start_date);
    if (args.due_date) body.end_date = zohoDate(args.due_date);
    if (args.priority) body.priority = args.priority;
    if (owners.length) body.owners_and_work = { owners: owners.map((p) => ({ zpuid: p.zpuid })) };
    if (parent) body.parental_info = { parent_task_id: String(parent.id) };

    const after: Record<string, unknown> = { project: project.name, name: args.name };
    if (parent) after.parent_task = taskLabel(parent);
    else after.tasklist = tasklist?.name ?? 'General (default)';
    if (owners.length) after.owners = owners.map((p) => p.name);
    for (const key of ['start_date', 'due_date', 'priority', 'description'] as const) if (args[key]) after[key] = args[key];

    const what = parent ? `sub-task of ${taskLabel(parent)}` : 'task';
    const summary = `Create ${what} "${args.name}" in ${project.name ?? args.project_id}${owners.length ? `, owners ${owners.map((p) => p.name).join(', ')}` : ''}${args.due_date ? `, due ${args.due_date}` : ''}`;

    /** After a lost answer: a task of this name created since the send (Zoho's created_time, less the clock skew). */
    const reconcile = async ({ sentAt, signal }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<ProjectsTask>> => {
      const rows = parent
        ? await readAll((page, per_page) => ctx.client.listSubtasks(args.project_id, String(parent.id), { page, per_page }, { signal }), 10)
        : await readAll((page, per_page) => ctx.client.listTasks(args.project_id, { page, per_page }, { signal }), 10);
      const since = sentAt - CLOCK_SKEW_MS;
      const found = rows.filter((t) => t.name === args.name && zohoTimeMs(t.created_time) >= since);
      if (found.length === 1) return { status: 'applied', id: String(found[0]!.id), result: found[0]!, detail: `found task ${taskLabel(found[0]!)}` };
      if (found.length > 1) return { status: 'unknown', detail: `${found.length} tasks named "${args.name}" were created since the send` };
      if (rows.some((t) => Number.isNaN(zohoTimeMs(t.created_time)))) return { status: 'unknown', detail: 'Zoho listed tasks without a created_time' };
      return { status: 'not_applied' };
    };

    return {
      summary,
      payload: body,
      after,
      execute: () => ctx.client.createTask(args.project_id, body, o),
      reconcile,
      checkWith: `projects_list_tasks {"project_id":"${args.project_id}"${parent ? `,"parent_task_id":"${String(parent.id)}"` : ''}}`,
    };
  },
  shape: (task) => shapeTask(task),
  ids: (task) => [String(task.id)],
});
