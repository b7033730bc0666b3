import { defineZohoTool, ToolInputError, type ReconcileContext, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { moduleInput, readRecord, recordIdInput } from './common.js';

/** Attachments a reconcile reads at most (newest first). */
const RECONCILE_ATTACHMENTS = 200;

const input = z.object({
  module: moduleInput,
  id: recordIdInput.describe('The record to attach the file to.'),
  path: z.string().max(512).describe('File in the files folder, e.g. "proposal.pdf".'),
  file_name: z.string().max(255).optional().describe('Name in Zoho (default the file’s own).'),
});

type Input = z.infer<typeof input>;

/** After a lost answer: an attachment of this name and size on the record since the send, not one this client made before. */
async function findUpload(client: CrmClient, args: Input, file: { name: string; size: number }, ctx: ReconcileContext): Promise<ReconcileVerdict<CrmWriteResult>> {
  const since = ctx.sentAt - client.reconcileClockSlackMs;
  const res = await client.listAttachments(args.module, args.id, { fields: ['id', 'File_Name', 'Size', 'Created_Time'], perPage: RECONCILE_ATTACHMENTS, signal: ctx.signal });
  const found = res.data.find((a) => !client.createdHere(a.id) && a.File_Name === file.name && Number(a.Size) === file.size && Date.parse(String(a.Created_Time)) >= since);
  if (!found) return { status: 'not_applied', detail: `no attachment "${file.name}" of ${file.size} bytes on ${args.module} ${args.id} since the send` };
  client.rememberCreated(found.id);
  return { status: 'applied', id: found.id, result: { code: 'SUCCESS', status: 'success', message: 'attachment uploaded successfully', details: { id: found.id } } };
}

export const crmUploadAttachment = defineZohoTool({
  name: 'crm_upload_attachment',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.CREATE', 'ZohoCRM.modules.READ'],
  description: `Attach a file from the files folder (never elsewhere) to one Zoho CRM record, after confirmation; at most 20 MB. Returns {id, status:"attached", file_name}.`,
  examples: [{ module: 'Deals', id: '4150868000000100019', path: 'proposal.pdf' }],
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResult>> {
    const file = await ctx.client.files.open(args.path, 'path');
    const max = ctx.client.attachmentMaxBytes;
    if (file.size > max) throw new ToolInputError('path', `"${args.path.slice(0, 120)}" is ${file.size} bytes; Zoho CRM takes attachments up to ${max} bytes (${(max / 1048576).toFixed(0)} MB)`);
    if (file.size === 0) throw new ToolInputError('path', `"${args.path.slice(0, 120)}" is empty; there is nothing to attach`);
    const name = args.file_name?.trim() || file.name;
    const parent = await readRecord(ctx.client, args.module, args.id, ctx.signal);
    if (!parent) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; search first to find a valid id`);
    return {
      summary: `Attach ${name} (${file.size} bytes) to ${args.module} ${recordLabel(args.module, parent)}`,
      payload: { module: args.module, id: args.id, file: { name, size: file.size } },
      execute: () => ctx.client.uploadAttachment(args.module, args.id, { path: file.path, name }, ctx.signal ? { signal: ctx.signal } : {}),
      reconcile: (check) => findUpload(ctx.client, args, { name, size: file.size }, check),
      checkWith: `crm_list_attachments {"module":"${args.module}","id":"${args.id}"}`,
    };
  },
  shape: (result, args) => ({ id: String(result.details?.id ?? ''), status: result.status === 'success' ? 'attached' : 'failed', file_name: args.file_name?.trim() || args.path.split(/[\\/]/).pop(), ...(result.status === 'success' ? {} : { code: result.code, message: result.message }) }),
  ids: (result) => (result.details?.id ? [String(result.details.id)] : []),
});
