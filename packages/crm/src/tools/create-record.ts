import { defineZohoTool, ToolInputError, type ReconcileContext, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmRecord, CrmWriteResponse } from '../client.js';
import { mandatoryFieldsFor, recordLabel, standardModule } from '../modules.js';
import { shapeWriteResult } from '../shape.js';
import { checkRecordValues, checkWritableFields, isBlank, moduleInput, recordInput } from './common.js';
import { comparableField, sameFieldValue } from './values.js';

/** A few records per call keeps confirmations readable and per-record results easy to act on. */
const MAX_RECORDS = 10;
/** Pages of recent records a reconcile reads at most (200 each, newest first). */
const RECONCILE_PAGES = 5;
/** `fields` takes at most 50 names; one is Created_Time. */
const MAX_COMPARED_FIELDS = 49;

const input = z.object({
  module: moduleInput,
  records: z.array(recordInput).min(1).max(MAX_RECORDS).describe('Records to create (1–10): field API name → value.'),
});

type Input = z.infer<typeof input>;

function createdTime(record: CrmRecord): number {
  return Date.parse(String(record.Created_Time ?? ''));
}

/** The fields a read-back compares: those sent whose values Zoho stores as given (names and emails first). */
function comparedFields(data: readonly Record<string, unknown>[], meta: Map<string, CrmField>): string[] {
  const names = [...new Set(data.flatMap((r) => Object.keys(r)))].filter((k) => comparableField(meta.get(k)));
  const rank = (k: string) => (meta.get(k)?.data_type === 'email' ? 0 : meta.get(k)?.system_mandatory ? 1 : 2);
  return names.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_COMPARED_FIELDS);
}

/**
 * After a lost answer: the module's records created since the send (newest first, by Created_Time, which
 * needs no search index), matched one to one with what was sent on every compared field.
 */
async function findCreated(client: CrmClient, module: string, data: readonly Record<string, unknown>[], meta: Map<string, CrmField>, ctx: ReconcileContext): Promise<ReconcileVerdict<CrmWriteResponse>> {
  const since = ctx.sentAt - client.reconcileClockSlackMs;
  const compared = comparedFields(data, meta);
  if (data.some((sent) => !compared.some((k) => k in sent))) return { status: 'unknown', detail: 'the fields sent cannot be compared with a read-back' };
  const recent: CrmRecord[] = [];
  let complete = false;
  for (let page = 1; page <= RECONCILE_PAGES; page++) {
    const res = await client.listRecords(module, { fields: [...compared, 'Created_Time'], sortBy: 'Created_Time', sortOrder: 'desc', page, perPage: 200, signal: ctx.signal });
    recent.push(...res.data.filter((r) => createdTime(r) >= since && !client.createdHere(r.id)));
    const oldest = res.data.at(-1);
    if (!res.info.more_records || !oldest || createdTime(oldest) < since) {
      complete = true;
      break;
    }
  }
  const taken = new Set<string>();
  const found = data.map((sent) => {
    const match = recent.find((r) => !taken.has(r.id) && compared.filter((k) => k in sent).every((k) => sameFieldValue(meta.get(k), sent[k], r[k])));
    if (match) taken.add(match.id);
    return match;
  });
  const ids = found.filter((r): r is CrmRecord => r !== undefined).map((r) => r.id);
  if (ids.length === 0) {
    return complete ? { status: 'not_applied', detail: `no ${module} record created since the send matches it` } : { status: 'unknown', detail: `more than ${RECONCILE_PAGES * 200} ${module} records were created since the send` };
  }
  for (const id of ids) client.rememberCreated(id);
  const result: CrmWriteResponse = {
    httpStatus: 0,
    data: found.map((r) =>
      r
        ? { code: 'SUCCESS', status: 'success', message: 'record added', details: { id: r.id } }
        : { code: 'NOT_FOUND_AFTER_LOST_ANSWER', status: 'error', message: 'not found after the answer was lost: Zoho probably refused this record; check with crm_search before creating it again', details: {} },
    ),
  };
  const verdict: ReconcileVerdict<CrmWriteResponse> = { status: 'applied', result };
  if (ids.length === 1) verdict.id = ids[0]!;
  else verdict.detail = `created ids ${ids.join(', ')}`;
  return verdict;
}

export const crmCreateRecord = defineZohoTool({
  name: 'crm_create_record',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.CREATE', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Create Zoho CRM records (usually one, at most 10): a lead, contact, deal, task… Required fields (Leads: Last_Name, Company; Deals: Deal_Name, Stage, Closing_Date, Account_Name) are checked first. Returns {created, failed, results:[{index, status, id | code, message}]}.`,
  examples: [
    { module: 'Leads', records: [{ Last_Name: 'Lovelace', Company: 'Analytical Engines', Email: 'ada@example.com' }] },
    { module: 'Deals', records: [{ Deal_Name: 'Zylker — Annual report', Stage: 'Qualification', Closing_Date: '2026-06-30', Account_Name: { id: '4150868000000100000' }, Amount: 12000 }] },
  ],
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
    const data = records.map((r, i) => checkRecordValues(module, r, meta, (name) => `records[${i}].${name}`));
    const labels = data.map((r) => recordLabel(module, r));
    return {
      summary: `Create ${data.length} ${module} record${data.length > 1 ? 's' : ''}: ${labels.join('; ')}`,
      payload: { data },
      execute: () => ctx.client.createRecords(module, data, ctx.signal ? { signal: ctx.signal } : {}),
      reconcile: (check) => findCreated(ctx.client, module, data, meta, check),
      checkWith: `crm_list_records {"module":"${module}","sort_by":"Created_Time"}`,
    };
  },
  shape(result) {
    const results = result.data.map(shapeWriteResult);
    const created = results.filter((r) => r.status === 'ok').length;
    const out: Record<string, unknown> = { created, failed: results.length - created, results };
    if (created < results.length) out.note = 'Some records were not created; fix the fields named in the failed results and create only those again.';
    return out;
  },
  ids: (result) => result.data.filter((r) => r.status === 'success').map((r) => String(r.details.id)),
});
