import { defineZohoTool, ToolInputError, type ReconcileContext, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmRecord, CrmWriteResult } from '../client.js';
import { buildCriteria } from '../criteria.js';
import { mandatoryFieldsFor, recordLabel, standardModule } from '../modules.js';
import { changesFrom, checkRecordValues, checkWritableFields, fieldNameInput, isBlank, moduleInput, readBackUpdate, readRecord, recordInput } from './common.js';
import { comparableField, sameFieldValue } from './values.js';

/** Zoho's system-defined duplicate-check fields, used when the call names none (custom modules: Name). */
const DEFAULT_DUPLICATE_FIELDS: Record<string, string[]> = {
  Leads: ['Email'],
  Contacts: ['Email'],
  Accounts: ['Account_Name'],
  Deals: ['Deal_Name'],
  Products: ['Product_Name'],
  Campaigns: ['Campaign_Name'],
  Vendors: ['Vendor_Name'],
  Price_Books: ['Price_Book_Name'],
  Cases: ['Subject'],
  Solutions: ['Solution_Title'],
  Quotes: ['Subject'],
  Sales_Orders: ['Subject'],
  Purchase_Orders: ['Subject'],
  Invoices: ['Subject'],
};

const input = z.object({
  module: moduleInput,
  record: recordInput.refine((r) => Object.keys(r).length > 0, 'give the record’s fields').describe('The record: field API name → value, with the duplicate-check field.'),
  duplicate_check_fields: z.array(fieldNameInput).min(1).max(3).optional().describe('Fields that find the existing record, in order (default: Email for Leads/Contacts, Account_Name, Deal_Name…).'),
});

type Input = z.infer<typeof input>;
type UpsertResult = CrmWriteResult & { action?: 'insert' | 'update'; duplicate_field?: string | null; changed?: string[] };

/** Which existing record the upsert will update (by the first duplicate-check field that finds one), if any. */
async function existing(client: CrmClient, module: string, record: Record<string, unknown>, fields: readonly string[], signal?: AbortSignal): Promise<{ field: string; match: CrmRecord } | undefined> {
  for (const field of fields) {
    const value = record[field];
    if (isBlank(value) || typeof value === 'object') continue;
    const found = await client.searchRecords(module, { criteria: buildCriteria([{ field, operator: 'equals', value: value as string | number | boolean }]) }, { perPage: 10, ...(signal ? { signal } : {}) });
    if (found.data.length > 1) {
      throw new ToolInputError(`record.${field}`, `several ${module} records have ${field} ${JSON.stringify(String(value)).slice(0, 80)}: ${found.data.map((r) => recordLabel(module, r)).join('; ')}. Update the right one with crm_update_record instead`);
    }
    if (found.data.length === 1) return { field, match: found.data[0]! };
  }
  return undefined;
}

/**
 * After a lost answer. An expected update: the record read back (every changed field new → applied, every one
 * old → not applied). An expected insert: a record found by the duplicate-check value that was not there
 * before and holds what was sent → applied; none → not applied.
 */
async function check(
  client: CrmClient,
  args: Input,
  plan: { data: Record<string, unknown>; fields: string[]; meta: Map<string, CrmField>; target?: CrmRecord; changes: Record<string, unknown> },
  ctx: ReconcileContext,
): Promise<ReconcileVerdict<UpsertResult>> {
  const { module } = args;
  if (plan.target) {
    const verdict = await readBackUpdate(client, module, plan.target.id, plan.changes, plan.target, plan.meta, ctx.signal);
    return verdict.status === 'applied' && verdict.result ? { ...verdict, result: { ...verdict.result, action: 'update' } } : verdict;
  }
  const since = ctx.sentAt - client.reconcileClockSlackMs;
  // `fields` takes at most 50 names; one is Created_Time.
  const compared = Object.keys(plan.data).filter((k) => comparableField(plan.meta.get(k))).slice(0, 49);
  for (const field of plan.fields) {
    const value = plan.data[field];
    if (isBlank(value) || typeof value === 'object') continue;
    const found = await client.searchRecords(module, { criteria: buildCriteria([{ field, operator: 'equals', value: value as string | number | boolean }]) }, { perPage: 10, fields: [...new Set([...compared, 'Created_Time'])], signal: ctx.signal });
    const mine = found.data.find((r) => !client.createdHere(r.id) && Date.parse(String(r.Created_Time)) >= since && compared.every((k) => sameFieldValue(plan.meta.get(k), plan.data[k], r[k])));
    if (mine) {
      client.rememberCreated(mine.id);
      return { status: 'applied', id: mine.id, result: { code: 'SUCCESS', status: 'success', message: 'record added', details: { id: mine.id }, action: 'insert', duplicate_field: null } };
    }
  }
  return { status: 'not_applied', detail: `no new ${module} record with ${plan.fields.join('/')} as sent` };
}

export const crmUpsertRecord = defineZohoTool({
  name: 'crm_upsert_record',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.CREATE', 'ZohoCRM.modules.UPDATE', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Insert a Zoho CRM record, or update the one whose duplicate-check field (e.g. Email) matches — when you do not know whether it exists. The confirmation says which will happen. Returns {action:"insert"|"update", id, duplicate_field, changed}.`,
  examples: [{ module: 'Contacts', record: { Email: 'bob.burns@zylker.example', Last_Name: 'Burns', Title: 'VP Marketing' } }],
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<UpsertResult>> {
    const { module, record } = args;
    const fields = args.duplicate_check_fields ?? DEFAULT_DUPLICATE_FIELDS[module] ?? (standardModule(module) ? [] : ['Name']);
    if (fields.length === 0) throw new ToolInputError('duplicate_check_fields', `${module} has no default duplicate-check field; name the fields that identify a record`);
    const meta = await checkWritableFields(ctx.client, module, [...Object.keys(record), ...fields], (name) => (name in record ? `record.${name}` : 'duplicate_check_fields'), ctx.signal);
    if (fields.every((f) => isBlank(record[f]))) throw new ToolInputError(`record.${fields[0]}`, `give ${fields.join(' or ')}: the upsert finds the existing ${module} record by it`);
    const data = checkRecordValues(module, record, meta, (name) => `record.${name}`);
    const found = await existing(ctx.client, module, data, fields, ctx.signal);
    const payload = { data: [data], duplicate_check_fields: fields };
    const send = () => ctx.client.upsertRecords(module, [data], { duplicateCheckFields: fields, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    if (!found) {
      const required = [...new Set([...mandatoryFieldsFor(module), ...[...meta.values()].filter((f) => f.system_mandatory).map((f) => f.api_name)])];
      const missing = required.filter((f) => isBlank(data[f]));
      if (missing.length) throw new ToolInputError(`record.${missing[0]}`, `no ${module} record matches by ${fields.join('/')}, so this inserts one, and a new ${module} record needs ${required.join(', ')}; missing ${missing.join(', ')}`);
      return {
        summary: `Upsert ${module} by ${fields.join('/')}: insert ${recordLabel(module, data)} (no existing record matches)`,
        payload,
        after: data,
        execute: async () => (await send()).data[0]!,
        reconcile: (c) => check(ctx.client, args, { data, fields, meta, changes: {} }, c),
        checkWith: `crm_search {"module":"${module}","criteria":[{"field":"${fields[0]}","operator":"equals","value":${JSON.stringify(String(data[fields[0]!] ?? ''))}}]}`,
      };
    }
    const target = (await readRecord(ctx.client, module, found.match.id, ctx.signal)) ?? found.match;
    const { changes, changed, before } = changesFrom(data, target, meta);
    if (changed.length === 0) throw new ToolInputError('record', `${module} ${recordLabel(module, target)} (found by ${found.field}) already has these values; nothing to update`);
    return {
      summary: `Upsert ${module} by ${found.field}: update ${recordLabel(module, target)}: ${changed.join(', ')}`,
      payload,
      before,
      after: changes,
      execute: async () => ({ ...(await send()).data[0]!, changed }),
      reconcile: (c) => check(ctx.client, args, { data, fields, meta, target, changes }, c),
      checkWith: `crm_get_record {"module":"${module}","id":"${target.id}"}`,
    };
  },
  shape(result) {
    const details = result.details ?? {};
    if (result.status !== 'success') return { status: 'failed', code: result.code, message: result.message, api_name: details.api_name };
    const out: Record<string, unknown> = { action: result.action ?? (result.message === 'record added' ? 'insert' : 'update'), id: String(details.id ?? '') };
    if (result.duplicate_field) out.duplicate_field = result.duplicate_field;
    if (result.changed && out.action === 'update') out.changed = result.changed;
    return out;
  },
  ids: (result) => (result.details?.id ? [String(result.details.id)] : []),
});
