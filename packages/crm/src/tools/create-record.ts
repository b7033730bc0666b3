import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmWriteResponse } from '../client.js';
import { mandatoryFieldsFor, recordLabel, standardModule } from '../modules.js';
import { shapeWriteResult } from '../shape.js';
import { checkWritableFields, isBlank, moduleInput, normaliseValues } from './common.js';

/** A few records per call keeps confirmations readable and per-record results easy to act on. */
const MAX_RECORDS = 10;

const input = z.object({
  module: moduleInput,
  records: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(MAX_RECORDS)
    .describe(
      'The records to create (usually one; at most 10), each an object of field API name → value. Dates "2026-03-31", date-times "2026-03-31T15:00:00-05:00", lookups and Owner as {"id":"…"} or the bare id.',
    ),
});

type Input = z.infer<typeof input>;

export const crmCreateRecord = defineZohoTool({
  name: 'crm_create_record',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.CREATE', 'ZohoCRM.settings.fields.READ'],
  description: `Create one (or a few, max 10) Zoho CRM records in a module, after the user confirms. Use it to add a new lead, contact, account, deal, task…; to change an existing record use crm_update_record.
Required fields are checked before anything is sent: Leads need Last_Name and Company; Contacts Last_Name; Accounts Account_Name; Deals Deal_Name, Stage, Closing_Date and Account_Name; Tasks Subject; Events Event_Title, Start_DateTime, End_DateTime. Field names must be API names (crm_describe_module lists them with picklist values).
Returns {module, created, failed, results:[{index, status:"ok", id} | {index, status:"failed", code, message, api_name}]} — check each result: some records can fail while others succeed.
Example: {"module":"Leads","records":[{"First_Name":"Ada","Last_Name":"Lovelace","Company":"Analytical Engines","Email":"ada@example.com"}]}.`,
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResponse>> {
    const { module, records } = args;
    // The standard modules' required fields need no request: refuse before anything is sent.
    const required = mandatoryFieldsFor(module);
    records.forEach((record, i) => {
      const missing = required.filter((f) => isBlank(record[f]));
      if (missing.length) {
        throw new ToolInputError(`records[${i}].${missing[0]}`, `${module} records need ${required.join(', ')}; record ${i + 1} lacks ${missing.join(', ')}`);
      }
    });
    const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const meta = await checkWritableFields(ctx.client, module, names, (name) => `records[${records.findIndex((r) => name in r)}].${name}`, ctx.signal);
    if (!standardModule(module)) {
      const mandatory = [...meta.values()].filter((f) => f.system_mandatory).map((f) => f.api_name);
      records.forEach((record, i) => {
        const missing = mandatory.filter((f) => isBlank(record[f]));
        if (missing.length) throw new ToolInputError(`records[${i}].${missing[0]}`, `${module} records need ${mandatory.join(', ')}; record ${i + 1} lacks ${missing.join(', ')}`);
      });
    }
    const data = records.map((r) => normaliseValues(r, meta));
    const labels = data.map((r) => recordLabel(module, r));
    return {
      summary: `Create ${data.length} ${module} record${data.length > 1 ? 's' : ''}: ${labels.join('; ')}`,
      payload: { data },
      execute: () => ctx.client.createRecords(module, data, ctx.signal ? { signal: ctx.signal } : {}),
    };
  },
  shape(result, args) {
    const results = result.data.map(shapeWriteResult);
    const created = results.filter((r) => r.status === 'ok').length;
    const out: Record<string, unknown> = { module: args.module, created, failed: results.length - created, results };
    if (created < results.length) out.note = 'Some records were not created; fix the fields named in the failed results and create only those again.';
    return out;
  },
  ids: (result) => result.data.filter((r) => r.status === 'success').map((r) => String(r.details.id)),
});
