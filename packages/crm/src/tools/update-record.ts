import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { changesFrom, checkRecordValues, checkWritableFields, moduleInput, readBackUpdate, readRecord, recordIdInput, recordInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  fields: recordInput.refine((f) => Object.keys(f).length > 0, 'give at least one field to change').describe('Only the fields to change: API name → new value (null clears).'),
});

type Input = z.infer<typeof input>;

/** Zoho's answer for the record, with the fields the update really changed (unchanged ones are not sent). */
type UpdateResult = CrmWriteResult & { changed: string[] };

export const crmUpdateRecord = defineZohoTool({
  name: 'crm_update_record',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.UPDATE', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Change fields of one existing Zoho CRM record (a deal's Stage, an email, the Owner…). Send only the fields that change; unchanged values are dropped and the user sees before → after. Returns {id, status, changed, modified_time}.`,
  examples: [{ module: 'Deals', id: '4150868000000100019', fields: { Stage: 'Negotiation/Review', Amount: 42000 } }],
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<UpdateResult>> {
    const { module, id } = args;
    const meta = await checkWritableFields(ctx.client, module, Object.keys(args.fields), (name) => `fields.${name}`, ctx.signal);
    const wanted = checkRecordValues(module, args.fields, meta, (name) => `fields.${name}`);
    const current = await readRecord(ctx.client, module, id, ctx.signal);
    if (!current) throw new ToolInputError('id', `no ${module} record has id ${id}; search first to find a valid id`);
    const { changes, changed, before } = changesFrom(wanted, current, meta);
    if (changed.length === 0) throw new ToolInputError('fields', `${module} ${id} already has these values; nothing to update`);
    return {
      summary: `Update ${module} ${recordLabel(module, current)}: ${changed.join(', ')}`,
      payload: { data: [changes] },
      before,
      after: changes,
      execute: async () => ({ ...(await ctx.client.updateRecord(module, id, changes, ctx.signal ? { signal: ctx.signal } : {})), changed }),
      reconcile: ({ signal }) => readBackUpdate(ctx.client, module, id, changes, current, meta, signal),
      checkWith: `crm_get_record {"module":"${module}","id":"${id}"}`,
    };
  },
  shape(result, args) {
    const details = result.details ?? {};
    const out: Record<string, unknown> = { id: String(details.id ?? args.id), status: result.status === 'success' ? 'updated' : 'failed' };
    if (result.status !== 'success') return { ...out, code: result.code, message: result.message, api_name: details.api_name };
    out.changed = result.changed;
    if (typeof details.Modified_Time === 'string') out.modified_time = details.Modified_Time;
    return out;
  },
  ids: (_result, args) => [args.id],
});
