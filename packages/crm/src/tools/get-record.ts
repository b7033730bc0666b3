import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmRecord } from '../client.js';
import { shapeRecord } from '../shape.js';
import { checkReadableFields, fieldsInput, moduleInput, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  fields: fieldsInput.describe('Field API names to return (default: all).'),
});

export const crmGetRecord = defineZohoTool({
  name: 'crm_get_record',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Read one Zoho CRM record by module and id, once crm_search or a list gave you the id. Returns the record: id and every field with a value, lookups {name, id}.`,
  examples: [
    { module: 'Deals', id: '4150868000000100019' },
    { module: 'Leads', id: '4150868000000100067' },
    { module: 'Contacts', id: '4150868000000100001' },
    { module: 'Accounts', id: '4150868000000100000' },
  ],
  input,
  // Returns Zoho's own body ({data:[record]}), so `raw: true` is exactly what Zoho sent.
  async run(args, ctx: ToolContext<CrmClient>): Promise<{ data: CrmRecord[] }> {
    if (args.fields) await checkReadableFields(ctx.client, args.module, args.fields, (_name, i) => `fields[${i}]`, ctx.signal);
    const options: { fields?: string[]; signal?: AbortSignal } = {};
    if (args.fields) options.fields = args.fields;
    if (ctx.signal) options.signal = ctx.signal;
    const record = await ctx.client.getRecord(args.module, args.id, options);
    if (!record) throw new ToolInputError('id', `no ${args.module} record has id ${args.id}; search first to find a valid id`);
    return { data: [record] };
  },
  shape: (result, args) => shapeRecord(result.data[0]!, new Set(args.fields ?? [])),
  ids: (result) => [result.data[0]!.id],
});
