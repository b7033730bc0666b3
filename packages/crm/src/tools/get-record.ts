import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmRecord } from '../client.js';
import { shapeRecord } from '../shape.js';
import { fieldsInput, moduleInput, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  fields: fieldsInput.describe('Field API names to return (default: every field).'),
});

export const crmGetRecord = defineZohoTool({
  name: 'crm_get_record',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ'],
  description: `Read one Zoho CRM record by module and id, with every field that has a value. Use it after crm_search or crm_list_records gave you an id and you need the full record (all fields, owner, timestamps); to find a record without an id use crm_search.
Returns {module, record:{id, …fields}}; lookups are {name, id}.
Example: {"module":"Deals","id":"4150868000000224005"}.`,
  input,
  // Returns Zoho's own body ({data:[record]}), so `raw: true` is exactly what Zoho sent.
  async run(args, ctx: ToolContext<CrmClient>): Promise<{ data: CrmRecord[] }> {
    const options: { fields?: string[]; signal?: AbortSignal } = {};
    if (args.fields) options.fields = args.fields;
    if (ctx.signal) options.signal = ctx.signal;
    const record = await ctx.client.getRecord(args.module, args.id, options);
    if (!record) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; search first to find a valid id`);
    return { data: [record] };
  },
  shape: (result, args) => ({ module: args.module, record: shapeRecord(result.data[0]!) }),
  ids: (result) => [result.data[0]!.id],
});
