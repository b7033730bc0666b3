import { defineZohoTool, ToolInputError, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { checkRecordValues, checkWritableFields, comparable, moduleInput, recordIdInput, recordInput } from './common.js';
import { sameFieldValue } from './values.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  fields: recordInput.refine((f) => Object.keys(f).length > 0, 'give at least one field to change').describe('Only the fields to change: API name → new value (null clears).'),
});

type Input = z.infer<typeof input>;

/** Zoho's answer for the record, with the fields the update really changed (unchanged ones are not sent). */
type UpdateResult = CrmWriteResult & { changed: string[] };

/**
 * After a lost answer: reads the record back. Every changed field at its new value → applied; every one
 * still at its old value → not applied; a mix (someone else edited it meanwhile) → unknown.
 */
async function readBack(
  client: CrmClient,
  module: string,
  id: string,
  changes: Record<string, unknown>,
  current: Record<string, unknown>,
  meta: Map<string, CrmField>,
  signal: AbortSignal,
): Promise<ReconcileVerdict<UpdateResult>> {
  const names = Object.keys(changes).filter((k) => meta.has(k));
  const now = await client.getRecord(module, id, { fields: [...names, 'Modified_Time'], signal });
  if (!now) return { status: 'unknown', detail: `${module} ${id} no longer exists` };
  const landed = names.filter((k) => sameFieldValue(meta.get(k), changes[k], now[k]));
  if (landed.length === names.length) {
    const details: Record<string, unknown> = { id };
    if (typeof now.Modified_Time === 'string') details.Modified_Time = now.Modified_Time;
    return { status: 'applied', id, result: { code: 'SUCCESS', status: 'success', message: 'record updated', details, changed: names } };
  }
  const unchanged = names.filter((k) => comparable(now[k]) === comparable(current[k]) || sameFieldValue(meta.get(k), current[k], now[k]));
  if (landed.length === 0 && unchanged.length === names.length) return { status: 'not_applied', detail: 'the record still has its previous values' };
  return { status: 'unknown', detail: `${landed.join(', ') || 'no field'} read back with the new value, ${names.filter((k) => !landed.includes(k)).join(', ')} not` };
}

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
    const current = await ctx.client.getRecord(module, id, ctx.signal ? { signal: ctx.signal } : {});
    if (!current) throw new ToolInputError('id', `no ${module} record has id ${id}; search first to find a valid id`);
    const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => comparable(v) !== comparable(current[k]) && !sameFieldValue(meta.get(k), v, current[k])));
    const changed = Object.keys(changes);
    if (changed.length === 0) throw new ToolInputError('fields', `${module} ${id} already has these values; nothing to update`);
    const shapedNow = shapeRecord(current, new Set(changed));
    const before = Object.fromEntries(changed.map((k) => [k, shapedNow[k] ?? null]));
    return {
      summary: `Update ${module} ${recordLabel(module, current)}: ${changed.join(', ')}`,
      payload: { data: [changes] },
      before,
      after: changes,
      execute: async () => ({ ...(await ctx.client.updateRecord(module, id, changes, ctx.signal ? { signal: ctx.signal } : {})), changed }),
      reconcile: ({ signal }) => readBack(ctx.client, module, id, changes, current, meta, signal),
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
