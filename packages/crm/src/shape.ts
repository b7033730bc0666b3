import { compact, toTable, ZohoApiError, type RecordTable } from '@zoho-agent-kit/core';
import type { CrmWriteResponse, CrmWriteResult } from './client.js';

/**
 * Keys Zoho adds for its own bookkeeping, never a business value: `$`-keys (except `$se_module`, which says
 * what module a What_Id points into), layout, image, enrichment and data-source state, and `Full_Name`
 * (First_Name + Last_Name again; kept when the parts are missing).
 */
export const RECORD_NOISE =
  /^\$(?!se_module$)|^(Layout|layout|Record_Image|Enrich_Status__s|Last_Enriched_Time__s|Data_Source|Process_Flow|Approval|Review_Process|Review|Approval_State|Full_Name)$/;

/**
 * Zoho's "system information": who created and changed a record and when. Left out of records unless the
 * caller names them in `fields` (or sorts by them), so they cost nothing when nobody asked.
 */
export const AUDIT_FIELDS: readonly string[] = ['Created_By', 'Modified_By', 'Created_Time', 'Modified_Time', 'Last_Activity_Time', 'Change_Log_Time__s'];

/** Flags that carry information only when set (`Locked__s: true`, a converted lead). */
const ONLY_WHEN_TRUE = new Set(['Locked__s', 'Converted__s']);

const AUDIT = new Set(AUDIT_FIELDS);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether shaping drops this key of a record (explicitly requested fields are always kept). */
export function isRecordNoise(key: string, keep?: ReadonlySet<string>): boolean {
  if (keep?.has(key)) return false;
  return RECORD_NOISE.test(key) || AUDIT.has(key);
}

/** A lookup as the model needs it: `{name, id}` (COQL gives only the id; a user's email is the user's, not the record's). */
function shapeLookup(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value.name === 'string' && value.name) out.name = value.name;
  out.id = String(value.id);
  return out;
}

/** Zoho computes a Deal's Expected_Revenue as Amount × Probability / 100: when it is exactly that, it repeats them. */
function derivedExpectedRevenue(record: Record<string, unknown>): boolean {
  const { Amount: amount, Probability: probability, Expected_Revenue: expected } = record;
  if (typeof amount !== 'number' || typeof probability !== 'number' || typeof expected !== 'number') return false;
  return Math.abs(Math.round(amount * probability) / 100 - expected) < 0.005;
}

/**
 * Compact, model-ready copy of one record: no nulls, empties, `$`-keys, bookkeeping or audit fields (unless
 * named in `keep`); lookups `{name, id}`; Tag as names; ids as strings. Every business value stays.
 */
export function shapeRecord(record: Record<string, unknown>, keep?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isRecordNoise(key, keep)) continue;
    if (ONLY_WHEN_TRUE.has(key) && value !== true && !keep?.has(key)) continue;
    if (key === 'Expected_Revenue' && !keep?.has(key) && derivedExpectedRevenue(record)) continue;
    if (key === 'Tag') {
      const names = Array.isArray(value) ? value.map((t) => (isObject(t) ? t.name : undefined)).filter((n) => typeof n === 'string' && n) : [];
      if (names.length) out.Tag = names;
      continue;
    }
    if (isObject(value) && 'id' in value && value.id !== null && value.id !== undefined) {
      out[key] = shapeLookup(value);
      continue;
    }
    const c = compact(value, { noise: /^\$/ }, key);
    if (c !== undefined) out[key] = c;
  }
  // Full_Name duplicates First_Name + Last_Name; keep it only when the parts are missing.
  if (typeof record.Full_Name === 'string' && record.Full_Name && out.Last_Name === undefined) out.Full_Name = record.Full_Name;
  if (record.id !== undefined && record.id !== null) out.id = String(record.id);
  return out;
}

/** Records as one table (`{columns, rows}`): id first, then `first` in order, then the rest as met. */
export function recordTable(records: readonly Record<string, unknown>[], options: { first?: readonly string[]; keep?: ReadonlySet<string> } = {}): RecordTable {
  return toTable(
    records.map((r) => shapeRecord(r, options.keep)),
    { columns: ['id', ...(options.first ?? [])] },
  );
}

/** One per-record write result for the model: what happened to which record, and what to fix if it failed. */
export function shapeWriteResult(result: CrmWriteResult, index: number): Record<string, unknown> {
  const details = isObject(result.details) ? result.details : {};
  if (result.status === 'success') {
    const out: Record<string, unknown> = { index, status: 'ok', id: String(details.id ?? '') };
    if (typeof details.Modified_Time === 'string') out.modified_time = details.Modified_Time;
    return out;
  }
  const out: Record<string, unknown> = { index, status: 'failed', code: result.code, message: result.message };
  for (const key of ['api_name', 'json_path', 'expected_data_type', 'maximum_length']) {
    if (typeof details[key] === 'string') out[key] = details[key];
  }
  const duplicate = details.duplicate_record;
  if (isObject(duplicate) && duplicate.id !== undefined) out.duplicate_of = String(duplicate.id);
  return out;
}

/**
 * The id of the record a write saved (its first per-record result). A record Zoho refused inside the answer
 * (POST /Notes answers 202, a mixed write 207) becomes the error it is, naming the field when Zoho does.
 */
export function recordSaved(res: CrmWriteResponse | undefined): string {
  const first = res?.data[0];
  if (!first || first.status !== 'success') {
    const details: Record<string, unknown> = first?.details ?? {};
    const field = typeof details.api_name === 'string' ? ` (${details.api_name})` : '';
    throw new ZohoApiError({ app: 'crm', status: res?.httpStatus ?? 0, code: first?.code ?? 'NO_RESULT', message: `${first?.message ?? 'Zoho CRM did not say it saved the record'}${field}`, kind: 'validation', details });
  }
  return String(first.details.id);
}
