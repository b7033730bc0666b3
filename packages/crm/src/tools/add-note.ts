import { defineZohoTool, ToolInputError, type ReconcileContext, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResponse } from '../client.js';
import { recordLabel } from '../modules.js';
import { recordSaved } from '../shape.js';
import { moduleInput, readRecord, recordIdInput } from './common.js';

/** Zoho's Note_Title and Note_Content lengths (unconfirmed; the emulator enforces the same). */
export const NOTE_TITLE_MAX = 120;
export const NOTE_CONTENT_MAX = 32_000;
/** Notes of the record a reconcile reads at most (newest first). */
const RECONCILE_NOTES = 200;

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  content: z
    .string()
    .max(NOTE_CONTENT_MAX)
    .refine((s) => s.trim().length > 0, 'the note needs some text')
    .describe('The note text.'),
  title: z.string().max(NOTE_TITLE_MAX).optional().describe('Short title.'),
});

type Input = z.infer<typeof input>;

/** After a lost answer: the record's newest notes, for one with this text made since the send and not by an earlier call. */
async function findNote(client: CrmClient, args: Input, ctx: ReconcileContext): Promise<ReconcileVerdict<CrmWriteResponse>> {
  const since = ctx.sentAt - client.reconcileClockSlackMs;
  const res = await client.getRelatedRecords(args.module, args.id, 'Notes', { fields: ['Note_Title', 'Note_Content', 'Created_Time'], perPage: RECONCILE_NOTES, signal: ctx.signal });
  const found = res.data.find(
    (n) => !client.createdHere(n.id) && Date.parse(String(n.Created_Time)) >= since && String(n.Note_Content ?? '') === args.content && (args.title === undefined || String(n.Note_Title ?? '') === args.title),
  );
  if (!found) return { status: 'not_applied', detail: `no note with this text on ${args.module} ${args.id} since the send` };
  client.rememberCreated(found.id);
  return { status: 'applied', id: found.id, result: { httpStatus: 0, data: [{ code: 'SUCCESS', status: 'success', message: 'record added', details: { id: found.id, Created_Time: found.Created_Time } }] } };
}

export const crmAddNote = defineZohoTool({
  name: 'crm_add_note',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.CREATE', 'ZohoCRM.modules.READ'],
  description: `Add a note to one Zoho CRM record (lead, contact, account, deal…) after confirmation. Returns {id, status:"added"}.`,
  examples: [{ module: 'Deals', id: '4150868000000100019', title: 'Call', content: 'Budget approved; send the contract on Monday.' }],
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResponse>> {
    const parent = await readRecord(ctx.client, args.module, args.id, ctx.signal);
    if (!parent) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; search first to find a valid id`);
    const note: Record<string, unknown> = { Note_Content: args.content, Parent_Id: { module: { api_name: args.module }, id: args.id } };
    if (args.title !== undefined && args.title.trim() !== '') note.Note_Title = args.title;
    const preview = args.content.length > 120 ? `${args.content.slice(0, 117)}…` : args.content;
    return {
      summary: `Add a note to ${args.module} ${recordLabel(args.module, parent)}: "${preview}"`,
      payload: { data: [note] },
      execute: async () => {
        const res = await ctx.client.createNotes([note], ctx.signal ? { signal: ctx.signal } : {});
        recordSaved(res);
        return res;
      },
      reconcile: (check) => findNote(ctx.client, args, check),
      checkWith: `crm_list_notes {"module":"${args.module}","id":"${args.id}"}`,
    };
  },
  shape: (result) => ({ id: String(result.data[0]?.details?.id ?? ''), status: 'added' }),
  ids: (result) => result.data.filter((r) => r.status === 'success').map((r) => String(r.details.id)),
});
