/** Lookups the write tools share: a project, a task, a task list, by id, turned into field errors when absent. */
import { ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import type { CallOptions, ProjectsClient, ProjectsProject, ProjectsTask } from '../client.js';

const gone = (err: unknown) => err instanceof ZohoApiError && err.kind === 'not_found' && err.code !== 'URL_RULE_NOT_CONFIGURED';

export async function projectOrFail(client: ProjectsClient, projectId: string, options: CallOptions, field = 'project_id'): Promise<ProjectsProject> {
  try {
    return await client.getProject(projectId, options);
  } catch (err) {
    if (gone(err)) throw new ToolInputError(field, `no project has the id ${projectId}; find it with projects_list`);
    throw err;
  }
}

export async function taskOrFail(client: ProjectsClient, projectId: string, taskId: string, options: CallOptions, field = 'task_id'): Promise<ProjectsTask> {
  try {
    return await client.getTask(projectId, taskId, options);
  } catch (err) {
    if (gone(err)) throw new ToolInputError(field, `project ${projectId} has no task ${taskId}; find it with projects_list_tasks`);
    throw err;
  }
}

/** "ZC-T3 Wireframes" */
export function taskLabel(task: ProjectsTask): string {
  return [task.prefix, task.name ? `"${task.name}"` : undefined].filter(Boolean).join(' ') || String(task.id);
}
