import { defineZohoTool, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse } from '../client.js';
import { recordTable } from '../shape.js';
import { DEFAULT_PER_PAGE, moduleInput, pageInput, perPageInput, recordIdInput } from './common.js';

/** What the model needs to pick a file: name, size, who attached it and when (a link's URL). */
export const ATTACHMENT_FIELDS = ['id', 'File_Name', 'Size', 'Owner', 'Created_Time', '$link_url'];
const KEEP = new Set(['Created_Time']);

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  page: pageInput,
  per_page: perPageInput,
});

export const crmListAttachments = defineZohoTool({
  name: 'crm_list_attachments',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ'],
  description: `List the files attached to one Zoho CRM record, newest first, to find the id crm_download_attachment needs. Returns a table (id, File_Name, Size in bytes, Owner, Created_Time, link); next_page while there are more.`,
  examples: [{ module: 'Accounts', id: '4150868000000100000' }],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    const options: { fields: string[]; page: number; perPage: number; signal?: AbortSignal } = { fields: ATTACHMENT_FIELDS, page: args.page ?? 1, perPage: args.per_page ?? DEFAULT_PER_PAGE };
    if (ctx.signal) options.signal = ctx.signal;
    return ctx.client.listAttachments(args.module, args.id, options);
  },
  shape(result, args) {
    // A link attachment's URL is business data though Zoho sends it under a `$` key; the parent repeats the input.
    const records = result.data.map(({ Parent_Id: _parent, $se_module: _module, ...a }) => (typeof a.$link_url === 'string' && a.$link_url ? { ...a, Link_URL: a.$link_url } : a));
    const out: Record<string, unknown> = { ...recordTable(records, { first: ['File_Name', 'Size', 'Created_Time'], keep: KEEP }) };
    if (result.info.more_records) out.next_page = (args.page ?? 1) + 1;
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
