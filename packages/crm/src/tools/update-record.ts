import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { checkWritableFields, comparable, moduleInput, normaliseValues, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  fields: z
    .record(z.string(), z.unknown())
    .refine((f) => Object.keys(f).length > 0, 'give at least one field to change')
    .describe('Only the fields to change, field API name → new value (null clears a field). Lookups as {"id":"…"} or the bare id.'),
});

type Input = z.infer<typeof input>;

export const crmUpdateRecord = defineZohoTool({
  name: 'crm_update_record',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.UPDATE', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Change fields of one existing Zoho CRM record, after the user confirms (they see each changed field before → after). Use it to move a deal's Stage, fix an email, reassign an Owner…; to add a new record use crm_create_record.
Send only the fields that change, by API name (crm_describe_module lists them and picklist values). Fields with the same value as now are dropped; if nothing changes, nothing is sent.
Returns {module, id, changed:[field…], modified_time}.
Example: {"module":"Deals","id":"4150868000000224005","fields":{"Stage":"Negotiation/Review","Amount":42000}}.`,
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResult>> {
    const { module, id } = args;
    const meta = await checkWritableFields(ctx.client, module, Object.keys(args.fields), (name) => `fields.${name}`, ctx.signal);
    const current = await ctx.client.getRecord(module, id, ctx.signal ? { signal: ctx.signal } : {});
    if (!current) throw new ToolInputError('id', `no ${module} record has id ${id}; search first to find a valid id`);
    const wanted = normaliseValues(args.fields, meta);
    const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => comparable(v) !== comparable(current[k])));
    const changed = Object.keys(changes);
    if (changed.length === 0) throw new ToolInputError('fields', `${module} ${id} already has these values; nothing to update`);
    const shapedNow = shapeRecord(current);
    const before = Object.fromEntries(changed.map((k) => [k, shapedNow[k] ?? null]));
    return {
      summary: `Update ${module} ${recordLabel(module, current)}: ${changed.join(', ')}`,
      payload: { data: [changes] },
      before,
      after: changes,
      execute: () => ctx.client.updateRecord(module, id, changes, ctx.signal ? { signal: ctx.signal } : {}),
    };
  },
  shape(result, args) {
    const details = result.details ?? {};
    const out: Record<string, unknown> = { module: args.module, id: String(details.id ?? args.id), status: result.status === 'success' ? 'updated' : 'failed' };
    if (result.status !== 'success') return { ...out, code: result.code, message: result.message, api_name: details.api_name };
    out.changed = Object.keys(args.fields);
    if (typeof details.Modified_Time === 'string') out.modified_time = details.Modified_Time;
    return out;
  },
  ids: (_result, args) => [args.id],
});
