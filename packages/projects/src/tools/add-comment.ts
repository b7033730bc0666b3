import { defineZohoTool, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ProjectsClient, ProjectsComment } from '../client.js';
import { taskLabel, taskOrFail } from './common.js';
import { shapeComment } from './shapes.js';
import { idSchema, PORTAL_SCOPE, readAll, textSchema } from './shared.js';

const input = z.object({
  project_id: idSchema('project').describe('The project.'),
  task_id: idSchema('task').describe('The task.'),
  comment: textSchema(10_000).describe('The comment text.'),
});

export const projectsAddComment = defineZohoTool<typeof input, ProjectsClient, ProjectsComment>({
  name: 'projects_add_comment',
  app: 'projects',
  access: 'write',
  scopes: ['ZohoProjects.tasks.CREATE', 'ZohoProjects.tasks.READ', PORTAL_SCOPE],
  description: `Add a comment to a Zoho Projects task; everyone following the task sees it.
Use to record a decision or ask a question on the task. Returns the comment.`,
  examples: [{ project_id: '2438400000000000025', task_id: '2438400000000000032', comment: 'Client approved the mobile layout.' }],
  input,
  plan: async (args, ctx) => {
    const o = { signal: ctx.signal };
    const task = await taskOrFail(ctx.client, args.project_id, args.task_id, o);
    const list = (signal?: AbortSignal) => readAll((page, per_page) => ctx.client.listComments(args.project_id, args.task_id, { page, per_page }, { signal }), 10);
    const known = new Set((await list(ctx.signal)).map((c) => String(c.id)));
    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<ProjectsComment>> => {
      const fresh = (await list(signal)).filter((c) => !known.has(String(c.id)) && (c.comment ?? '').trim() === args.comment);
      if (fresh.length === 1) return { status: 'applied', id: String(fresh[0]!.id), result: fresh[0]!, detail: 'found the comment on the task' };
      if (fresh.length > 1) return { status: 'unknown', detail: `${fresh.length} new comments with this text are on the task` };
      return { status: 'not_applied' };
    };
    return {
      summary: `Comment on task ${taskLabel(task)} (${task.project?.name ?? args.project_id}): "${args.comment.length > 120 ? `${args.comment.slice(0, 120)}…` : args.comment}"`,
      payload: { comment: args.comment },
      after: { task: taskLabel(task), comment: args.comment },
      execute: () => ctx.client.addComment(args.project_id, args.task_id, args.comment, o),
      reconcile,
      checkWith: `projects_list_comments {"project_id":"${args.project_id}","task_id":"${args.task_id}"}`,
    };
  },
  shape: (comment) => shapeComment(comment),
  ids: (comment) => [String(comment.id)],
});
