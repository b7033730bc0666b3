import { compact } from '@zoho-agent-kit/core';
import type { CrmInfo, CrmRecord, CrmWriteResult } from './client.js';

/**
 * Keys Zoho adds for its own bookkeeping: `$`-keys, layout/lock/enrichment state, audit users (Owner and
 * the timestamps stay: they answer "whose" and "when").
 */
const RECORD_NOISE =
  /^\$|^(Layout|layout|Locked__s|Record_Image|Created_By|Modified_By|Change_Log_Time__s|Enrich_Status__s|Last_Enriched_Time__s|Unsubscribed_Mode|Unsubscribed_Time|Data_Processing_Basis_Details|Data_Processing_Basis|Data_Source|Process_Flow|Approval|Review_Process|Review|Approval_State|Converted__s|Lead_Conversion_Time|Full_Name)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A lookup as the model needs it: `{name, id}` (COQL gives only the id). */
function shapeLookup(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value.name === 'string' && value.name) out.name = value.name;
  out.id = String(value.id);
  return out;
}

/** Compact, model-ready copy of one record: no nulls, empties, `$`-keys or system noise; lookups `{name,id}`. */
export function shapeRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (RECORD_NOISE.test(key)) continue;
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
  return out;
}

export interface PageHint {
  next_page?: number;
  next_page_token?: string;
  /** One sentence telling the model exactly how to get the next page. */
  next?: string;
}

export interface ShapedPage extends PageHint {
  module: string;
  count: number;
  more_records: boolean;
  records: Record<string, unknown>[];
}

export function shapePage(module: string, data: readonly CrmRecord[], info: CrmInfo, hint: PageHint): ShapedPage {
  const page: ShapedPage = { module, count: data.length, more_records: info.more_records === true, records: data.map(shapeRecord) };
  return { ...page, ...hint };
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
