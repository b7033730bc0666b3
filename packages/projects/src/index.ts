import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { ProjectsClient, type ProjectsClientOptions } from './client.js';
import { projectsEnvelopeReader } from './envelope.js';
import { projectsTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options of the Projects plugin: `pluginOptions: { projects: { portalId } }` in createZohoToolkit. */
export type ProjectsPluginOptions = ProjectsClientOptions;

/** Guidance every Projects tool shares, said once in the toolkit's instructions. */
export const PROJECTS_INSTRUCTIONS = `Zoho Projects tools:
- The portal is configured (or the user's only one is used); never ask for a portal id. project_id, task_id and other ids come from earlier results.
- People (owners, person, assignee) are names or emails; they are resolved to Zoho users, and a name that fits several people is an error listing them: ask which one.
- Dates are yyyy-mm-dd in the portal's time zone; "today" and due windows (overdue, this_week) use it. A task's due date is due_date.
- Hours are given as 1.5, "1:30" or "90m"; results show H:MM and exact totals.
- Task statuses are the project's own names (e.g. Open, In Progress, On Hold, Closed); status "open" means any status that is not closed.
- Lists that filter on Zoho's pages return next_page_token: pass it back as page_token for more.`;

/** Zoho Projects (V3 API): projects, tasks and sub-tasks, time logs, milestones, task lists, issues, comments, people. */
export const projectsPlugin: ZohoPlugin<ProjectsClient, ProjectsPluginOptions> = {
  name: '@zoho-agent-kit/projects',
  app: 'projects',
  version,
  tools: projectsTools,
  readError: projectsEnvelopeReader,
  createClient: (connection, options) => new ProjectsClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/projects/emulator',
  instructions: PROJECTS_INSTRUCTIONS,
};

export { ProjectsClient, projectsEnvelopeReader };
export { PROJECTS_ERROR_KINDS } from './envelope.js';
export { SCOPES as PROJECTS_SCOPES } from './client.js';
export * from './tools/index.js';
export { decimalHours, formatMinutes, HoursFormatError, MAX_DAY_MINUTES, minutesFromZoho, parseHours, zohoHours } from './hours.js';
export { addDays, dateInZone, datePart, dueRange, type DueWindow } from './dates.js';
export { PeopleResolver, listPeople, type Person } from './people.js';
export type {
  CallOptions,
  NewTimeLog,
  Page,
  PageInfo,
  Paging,
  ProjectsClientOptions,
  ProjectsComment,
  ProjectsIssue,
  ProjectsPersonRef,
  ProjectsPortal,
  ProjectsProject,
  ProjectsRecord,
  ProjectsTask,
  ProjectsTimeLog,
  ProjectsUser,
  TimeLogModule,
  TimeLogPatch,
  TimeLogQuery,
} from './client.js';
