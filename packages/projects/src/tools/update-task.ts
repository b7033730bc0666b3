import { defineZohoTool, quoteInput, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsStatusRef, ProjectsTask } from '../client.js';
import { datePart, zohoDate } from '../dates.js';
import { PeopleResolver, type Person } from '../people.js';
import { taskLabel, taskOrFail } from './common.js';
import { shapeTask } from './shapes.js';
import { checkDates, dateSchema, idSchema, intSchema, PORTAL_SCOPE, personSchema, PRIORITIES, readUntil, textSchema } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  task_id: idSchema('task').describe('The task.'),
  status: textSchema(50).optional().describe('A status name of the project, e.g. "In Progress", "Closed".'),
  owners: z.array(personSchema()).min(1).max(10).optional().describe('New owners (replace the current ones), by name or email.'),
  start_date: dateSchema().optional().describe('New start date.'),
  due_date: dateSchema().optional().describe('New due date.'),
  priority: z.enum(PRIORITIES).optional().describe('New priority.'),
  completion_percentage: intSchema(0, 100).optional().describe('0–100.'),
});

type Fields = 'status' | 'owners' | 'start_date' | 'due_date' | 'priority' | 'completion_percentage';
const FIELDS: Fields[] = ['status', 'owners', 'start_date', 'due_date', 'priority', 'completion_percentage'];

/** A task's updatable values, comparable. */
function valuesOf(task: ProjectsTask): Record<Fields, unknown> {
  return {
    status: task.status?.name,
    owners: (task.owners_and_work?.owners ?? []).map((p) => p.name ?? p.email ?? String(p.zpuid)).sort(),
    start_date: datePart(task.start_date),
    due_date: datePart(task.end_date),
    priority: typeof task.priority === 'string' ? task.priority.toLowerCase() : task.priority,
    completion_percentage: task.completion_percentage,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface UpdateResult {
  task: ProjectsTask;
  changed: Fields[];
  /** Fields Zoho answered 200 for but did not change (V3 may ignore keys silently; projects.md §3). */
  not_applied: Fields[];
}

export const projectsUpdateTask = defineZohoTool<typeof input, ProjectsClient, UpdateResult>({
  name: 'projects_update_task',
  app: 'projects',
  access: 'write',
  scopes: ['ZohoProjects.tasks.UPDATE', 'ZohoProjects.tasks.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `Update a Zoho Projects task's status, owners, dates, priority or completion %; the confirmation shows before → after.
Returns the task as Zoho holds it afterwards.`,
  examples: [{ project_id: '2438400000000000025', task_id: '2438400000000000032', status: 'Closed', completion_percentage: 100 }],
  input,
  plan: async (args, ctx) => {
    const o = { signal: ctx.signal };
    if (!FIELDS.some((f) => args[f] !== undefined)) throw new ToolInputError('(input)', `give at least one field to change: ${FIELDS.join(', ')}`);
    const task = await taskOrFail(ctx.client, args.project_id, args.task_id, o);
    const now = valuesOf(task);
    checkDates(args.start_date ?? (now.start_date as string | undefined), args.due_date ?? (now.due_date as string | undefined), args.due_date ? 'due_date' : 'start_date');

    const body: Record<string, unknown> = {};
    const wanted: Partial<Record<Fields, unknown>> = {};
    if (args.status !== undefined) {
      // V3 has no call listing a project's statuses: they are read from its tasks (projects.md §3), until one has
      // the status asked for; when none has, every page was read, to name them all.
      const wantedName = args.status.toLowerCase();
      const has = (t: ProjectsTask) => t.status?.name?.toLowerCase() === wantedName && t.status.id !== undefined;
      const { match, rows: tasks } = has(task) ? { match: task, rows: [] } : await readUntil((page, per_page) => ctx.client.listTasks(args.project_id, { page, per_page }, o), has);
      const known = new Map<string, ProjectsStatusRef>();
      for (const t of [task, ...tasks]) if (t.status?.name && t.status.id !== undefined) known.set(t.status.name.toLowerCase(), t.status);
      const status = match?.status;
      if (!status) throw new ToolInputError('status', `${quoteInput(args.status)} is not a status seen in this project; its statuses: ${[...known.values()].map((s) => s.name).join(', ')}`);
      wanted.status = status.name;
      body.status = { id: String(status.id) };
    }
    let owners: Person[] | undefined;
    if (args.owners) {
      owners = await new PeopleResolver(ctx.client, o).resolveAll(args.owners, 'owners', args.project_id);
      wanted.owners = owners.map((p) => p.name).sort();
      body.owners_and_work = { owners: owners.map((p) => ({ zpuid: p.zpuid })) };
    }
    if (args.start_date) ((wanted.start_date = args.start_date), (body.start_date = zohoDate(args.start_date)));
    if (args.due_date) ((wanted.due_date = args.due_date), (body.end_date = zohoDate(args.due_date)));
    if (args.priority) ((wanted.priority = args.priority), (body.priority = args.priority));
    if (args.completion_percentage !== undefined) ((wanted.completion_percentage = args.completion_percentage), (body.completion_percentage = args.completion_percentage));

    const changed = (Object.keys(wanted) as Fields[]).filter((f) => !same(wanted[f], now[f]));
    if (!changed.length) throw new ToolInputError(Object.keys(wanted)[0] ?? 'status', `task ${taskLabel(task)} already has these values; nothing to change`);
    const keyOf: Record<Fields, string> = { status: 'status', owners: 'owners_and_work', start_date: 'start_date', due_date: 'end_date', priority: 'priority', completion_percentage: 'completion_percentage' };
    const payload = Object.fromEntries(changed.map((f) => [keyOf[f], body[keyOf[f]]]));
    const before = Object.fromEntries(changed.map((f) => [f, now[f] ?? null]));
    const after = Object.fromEntries(changed.map((f) => [f, wanted[f]]));

    const compare = (t: ProjectsTask) => {
      const got = valuesOf(t);
      return { applied: changed.filter((f) => same(got[f], wanted[f])), untouched: changed.filter((f) => same(got[f], now[f])) };
    };

    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<UpdateResult>> => {
      const t = await ctx.client.getTask(args.project_id, args.task_id, { signal });
      const { applied, untouched } = compare(t);
      if (applied.length === changed.length) return { status: 'applied', id: args.task_id, result: { task: t, changed, not_applied: [] }, detail: 'the task reads back with the new values' };
      if (untouched.length === changed.length) return { status: 'not_applied', detail: 'the task still has its old values' };
      return { status: 'unknown', detail: `only ${applied.join(', ')} changed` };
    };

    return {
      summary: `Update task ${taskLabel(task)}: ${changed.map((f) => `${f} ${JSON.stringify(before[f])} → ${JSON.stringify(after[f])}`).join('; ')}`,
      payload,
      before,
      after,
      execute: async () => {
        const answered = await ctx.client.updateTask(args.project_id, args.task_id, payload, o);
        // Read it back: Zoho may answer 200 and ignore a field (projects.md §3); the update stands if the read fails.
        const t = await ctx.client.getTask(args.project_id, args.task_id, o).catch(() => answered);
        return { task: t, changed, not_applied: changed.filter((f) => !compare(t).applied.includes(f)) };
      },
      reconcile,
      checkWith: `projects_list_tasks {"project_id":"${args.project_id}"}`,
    };
  },
  shape: ({ task, changed, not_applied }) => ({
    updated: changed,
    ...(not_applied.length ? { warning: `Zoho answered OK but did not change: ${not_applied.join(', ')}` } : {}),
    task: shapeTask(task),
  }),
  ids: ({ task }) => [String(task.id)],
});
