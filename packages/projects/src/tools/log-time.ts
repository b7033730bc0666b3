import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { NewTimeLog, ProjectsClient, ProjectsTask, ProjectsTimeLog, TimeLogModule } from '../client.js';
import { decimalHours, formatMinutes, HoursFormatError, MAX_DAY_MINUTES, minutesFromZoho, parseHours, zohoHours } from '../hours.js';
import { PeopleResolver } from '../people.js';
import { projectOrFail, taskLabel, taskOrFail } from './common.js';
import { shapeTimeLog } from './shapes.js';
import { dateSchema, idSchema, PORTAL_SCOPE, personSchema, readAll, textSchema } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  task_id: idSchema('task').optional().describe('The task; omit to log on the project itself (then give name).'),
  name: textSchema(100).optional().describe('What the project-level log is for, e.g. "Client call".'),
  hours: z.coerce.string().trim().max(20).describe('e.g. 1.5, "1:30" or "90m".'),
  billable: z.boolean().describe('Billable to the client or not.'),
  date: dateSchema().optional().describe('Day worked; default today.'),
  person: personSchema().optional().describe('Who worked (name or email); default the signed-in user.'),
  notes: z.string().trim().max(1000).optional().describe('What was done.'),
});

export const projectsLogTime = defineZohoTool<typeof input, ProjectsClient, ProjectsTimeLog>({
  name: 'projects_log_time',
  app: 'projects',
  access: 'write',
  scopes: ['ZohoProjects.timesheets.CREATE', 'ZohoProjects.timesheets.READ', 'ZohoProjects.tasks.READ', 'ZohoProjects.projects.READ', 'ZohoProjects.users.READ', PORTAL_SCOPE],
  description: `Log time in Zoho Projects on a task or on the project, billable or not; the confirmation shows the person, the task and the hours.
Returns the time log.`,
  examples: [{ project_id: '2438400000000000025', task_id: '2438400000000000032', hours: '1:30', billable: true, person: 'Priya Natarajan', notes: 'Wireframe review' }],
  input,
  plan: async (args, ctx) => {
    const o = { signal: ctx.signal };
    let minutes: number;
    try {
      minutes = parseHours(args.hours);
    } catch (err) {
      if (err instanceof HoursFormatError) throw new ToolInputError('hours', err.message);
      throw err;
    }
    if (!args.task_id && !args.name) throw new ToolInputError('name', 'give task_id, or name for a log on the project itself');
    if (args.task_id && args.name) throw new ToolInputError('name', 'a task log takes its name from the task; leave name out');
    const today = await ctx.client.today(o);
    if (args.date && args.date > today) throw new ToolInputError('date', `${args.date} is in the future (today is ${today} in the portal's time zone); log time once it is worked`);
    const date = args.date ?? today;

    let task: ProjectsTask | undefined;
    let projectName: string | undefined;
    if (args.task_id) {
      task = await taskOrFail(ctx.client, args.project_id, args.task_id, o);
      projectName = task.project?.name;
    }
    projectName ??= (await projectOrFail(ctx.client, args.project_id, o)).name;
    const people = new PeopleResolver(ctx.client, o);
    const person = args.person ? await people.resolve(args.person, 'person', args.project_id) : await people.me('person', args.project_id);

    const type: TimeLogModule = task ? 'task' : 'general';
    /** The person's logs of this type on the day, in this project. */
    const dayLogs = (signal: AbortSignal | undefined) =>
      readAll((page, per_page) => ctx.client.listTimeLogs(args.project_id, { start_date: date, end_date: date, module: type, user_id: person.zpuid, page, per_page }, { signal }));
    const known = await dayLogs(ctx.signal);
    const logged = known.reduce((sum, l) => sum + (minutesFromZoho(l.log_hour) ?? 0), 0);
    if (logged + minutes > MAX_DAY_MINUTES) {
      throw new ToolInputError('hours', `${person.name} already has ${formatMinutes(logged)} logged on ${date} in this project; at most ${formatMinutes(MAX_DAY_MINUTES - logged)} more fits in the day`);
    }
    const knownIds = new Set(known.map((l) => String(l.id)));

    const bill = args.billable ? 'Billable' : 'Non Billable';
    const body: NewTimeLog = { module: task ? { type: 'task', id: String(task.id) } : { type: 'general' }, date, hours: zohoHours(minutes), bill_status: bill, owner_zpuid: person.zpuid };
    if (args.notes) body.notes = args.notes;
    if (!task) body.log_name = args.name!;
    const on = task ? `task ${taskLabel(task)}` : `the project ("${args.name}")`;
    const hours = `${formatMinutes(minutes)} h (${decimalHours(minutes)} h)`;

    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<ProjectsTimeLog>> => {
      const now = await dayLogs(signal);
      const fresh = now.filter((l) => !knownIds.has(String(l.id)) && minutesFromZoho(l.log_hour) === minutes && (l.notes ?? '') === (args.notes ?? ''));
      if (fresh.length === 1) return { status: 'applied', id: String(fresh[0]!.id), result: fresh[0]!, detail: `found the ${formatMinutes(minutes)} h log of ${person.name} on ${date}` };
      if (fresh.length > 1) return { status: 'unknown', detail: `${fresh.length} new logs of ${formatMinutes(minutes)} h for ${person.name} on ${date}` };
      return { status: 'not_applied' };
    };

    return {
      summary: `Log ${hours}, ${bill.toLowerCase()}, for ${person.name} on ${on} in ${projectName ?? args.project_id}, ${date}`,
      payload: body,
      after: { person: person.name, ...(task ? { task: taskLabel(task) } : { log_name: args.name }), project: projectName, date, hours: formatMinutes(minutes), bill_status: bill, ...(args.notes ? { notes: args.notes } : {}) },
      execute: () => ctx.client.addTimeLog(args.project_id, body, person.zuid ? { ...o, ownerZuid: person.zuid } : o),
      reconcile,
      checkWith: `projects_list_time_logs {"project_id":"${args.project_id}","date_from":"${date}","date_to":"${date}"}`,
    };
  },
  shape: (log) => shapeTimeLog(log),
  ids: (log) => [String(log.id)],
});
