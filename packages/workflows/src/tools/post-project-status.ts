import { defineZohoTool, type WritePlan } from '@zoho-agent-kit/core';
import { cliqPostToChannel } from '@zoho-agent-kit/cliq';
import { z } from 'zod';
import { appPlan } from '../steps.js';
import { statusMessage } from '../status.js';
import { SCOPES, use } from '../uses.js';
import { buildReport, statusInput } from './project-status-report.js';
import type { FlowClients } from '../shared.js';

const input = z.object({
  ...statusInput,
  channel: z.string().trim().min(1).max(100).describe('Cliq channel: unique name or #name.'),
});

interface Posted {
  message: unknown;
  projects: number;
  text: string;
}

export const flowPostProjectStatus = defineZohoTool<typeof input, FlowClients, Posted>({
  name: 'flow_post_project_status',
  app: 'flow',
  access: 'write',
  uses: [use('projects', 'read', SCOPES.projectsStatusRead), use('cliq', 'write', SCOPES.cliqPost), use('books', 'read', SCOPES.booksInvoicesRead, "adds the client's open invoices")],
  description: `Post the project status report (as flow_project_status_report builds it) to a Zoho Cliq channel you are in, after the user sees the message.
Returns the message id.`,
  examples: [{ project_id: '2438400000000000025', channel: 'marketing' }],
  input,
  async plan(args, ctx): Promise<WritePlan<Posted>> {
    const report = await buildReport(ctx, args.project_id);
    const text = statusMessage(report.statuses, report.today);
    const post = await appPlan<unknown>(cliqPostToChannel, { channel: args.channel, text }, ctx, 'cliq');
    return {
      summary: `${post.summary.split(':')[0]}: the status of ${report.statuses.length} project${report.statuses.length === 1 ? '' : 's'}`,
      payload: post.payload,
      after: { text },
      execute: async () => ({ message: await post.execute(), projects: report.statuses.length, text }),
      async reconcile(check) {
        const verdict = post.reconcile ? await post.reconcile(check) : { status: 'unknown' as const };
        return verdict.status === 'applied' ? { status: 'applied', ...(verdict.id ? { id: verdict.id } : {}), result: { message: verdict.result, projects: report.statuses.length, text } } : verdict;
      },
      ...(post.checkWith ? { checkWith: post.checkWith } : {}),
    };
  },
  shape: ({ message, projects }) => ({ status: 'posted', projects, message }),
});
