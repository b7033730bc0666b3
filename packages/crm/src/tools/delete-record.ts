import { defineZohoTool, ToolInputError, ZohoApiError, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { moduleInput, readRecord, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
});

/** After a lost answer: is the record gone? (Zoho answers a deleted id with 400 INVALID_DATA, older versions 204.) */
async function isGone(client: CrmClient, module: string, id: string, signal: AbortSignal): Promise<ReconcileVerdict<CrmWriteResult>> {
  try {
    const record = await client.getRecord(module, id, { fields: ['id'], signal });
    if (record) return { status: 'not_applied', detail: `${module} ${id} still exists` };
  } catch (err) {
    if (!(err instanceof ZohoApiError && (err.code === 'INVALID_DATA' || err.kind === 'not_found'))) throw err;
  }
  return { status: 'applied', id, result: { code: 'SUCCESS', status: 'success', message: 'record deleted', details: { id } } };
}

export const crmDeleteRecord = defineZohoTool({
  name: 'crm_delete_record',
  app: 'crm',
  access: 'destructive',
  scopes: ['ZohoCRM.modules.DELETE', 'ZohoCRM.modules.READ'],
  description: `Delete one Zoho CRM record (to the recycle bin), only when the user clearly asks; the user sees the record first. Returns {id, status:"deleted"}.`,
  examples: [{ module: 'Leads', id: '4150868000000100067' }],
  input,
  async plan(args, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResult>> {
    const current = await readRecord(ctx.client, args.module, args.id, ctx.signal);
    if (!current) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; nothing to delete`);
    return {
      summary: `Delete ${args.module} ${recordLabel(args.module, current)} (moves it to the recycle bin)`,
      payload: { module: args.module, id: args.id },
      before: shapeRecord(current),
      execute: () => ctx.client.deleteRecord(args.module, args.id, ctx.signal ? { signal: ctx.signal } : {}),
      reconcile: ({ signal }) => isGone(ctx.client, args.module, args.id, signal),
      checkWith: `crm_get_record {"module":"${args.module}","id":"${args.id}"}`,
    };
  },
  shape: (result, args) => (result.status === 'success' ? { id: args.id, status: 'deleted' } : { id: args.id, status: 'failed', code: result.code, message: result.message }),
  ids: (_result, args) => [args.id],
});
