import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResult } from '../client.js';
import { recordLabel } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { moduleInput, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
});

export const crmDeleteRecord = defineZohoTool({
  name: 'crm_delete_record',
  app: 'crm',
  access: 'destructive',
  scopes: ['ZohoCRM.modules.DELETE', 'ZohoCRM.modules.READ'],
  description: `Delete one Zoho CRM record by module and id, after the user confirms (they are shown the record first). Deleted records leave every list and search and go to Zoho's recycle bin; only use it when the user clearly asks to delete. To change a record use crm_update_record instead.
Returns {module, id, status:"deleted"}.
Example: {"module":"Leads","id":"4150868000000224005"}.`,
  input,
  async plan(args, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResult>> {
    const current = await ctx.client.getRecord(args.module, args.id, ctx.signal ? { signal: ctx.signal } : {});
    if (!current) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; nothing to delete`);
    return {
      summary: `Delete ${args.module} ${recordLabel(args.module, current)} (moves it to the recycle bin)`,
      payload: { module: args.module, id: args.id },
      before: shapeRecord(current),
      execute: () => ctx.client.deleteRecord(args.module, args.id, ctx.signal ? { signal: ctx.signal } : {}),
    };
  },
  shape: (result, args) =>
    result.status === 'success' ? { module: args.module, id: args.id, status: 'deleted' } : { module: args.module, id: args.id, status: 'failed', code: result.code, message: result.message },
  ids: (_result, args) => [args.id],
});
