import { defineZohoTool, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse } from '../client.js';
import { recordTable } from '../shape.js';
import { DEFAULT_PER_PAGE, moduleInput, pageInput, perPageInput, recordIdInput } from './common.js';

/** What a note says, who wrote it and when (its time is the point of a note, so it is kept). */
export const NOTE_FIELDS = ['Note_Title', 'Note_Content', 'Owner', 'Created_Time'];
const KEEP = new Set(['Created_Time']);

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  page: pageInput,
  per_page: perPageInput,
});

export const crmListNotes = defineZohoTool({
  name: 'crm_list_notes',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ'],
  description: `Read the notes on one Zoho CRM record (lead, contact, account, deal…), newest first. Returns a table of notes (title, content, owner, Created_Time); next_page while there are more.`,
  examples: [
    { module: 'Accounts', id: '4150868000000100000' },
    { module: 'Deals', id: '4150868000000100019' },
  ],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    const options: { fields: string[]; page: number; perPage: number; signal?: AbortSignal } = { fields: NOTE_FIELDS, page: args.page ?? 1, perPage: args.per_page ?? DEFAULT_PER_PAGE };
    if (ctx.signal) options.signal = ctx.signal;
    return ctx.client.getRelatedRecords(args.module, args.id, 'Notes', options);
  },
  shape(result, args) {
    const out: Record<string, unknown> = { ...recordTable(result.data, { first: ['Note_Title', 'Note_Content'], keep: KEEP }) };
    if (result.info.more_records) out.next_page = (args.page ?? 1) + 1;
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
