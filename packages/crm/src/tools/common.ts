import { closestNames, quoteInput, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmRecord, CrmWriteResult } from '../client.js';
import { standardModule } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { checkFieldValue, sameFieldValue, validCalendarDate } from './values.js';

/** Zoho stops `page` at 2,000 records (page × per_page); beyond it only `page_token` works. */
export const PAGE_WALL = 2000;

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Longest field or module API name Zoho gives (custom names end in `__c`/`__s`; well under 100). */
const MAX_API_NAME = 100;
/** Fields a record of a write may carry (Zoho modules have at most a few hundred fields). */
const MAX_RECORD_FIELDS = 300;

// Patterns are checked with refine() rather than regex(): the same rule, without a JSON Schema pattern
// repeated in every tool definition the model is sent.
export const moduleInput = z
  .string()
  .max(MAX_API_NAME)
  .refine((s) => API_NAME.test(s), 'a module API name such as Leads, Contacts, Accounts, Deals, Tasks')
  .describe('Module API name, e.g. Leads.');

export const recordIdInput = z
  .string()
  .max(25)
  .refine((s) => /^\d{1,25}$/.test(s), 'a record id: a string of digits such as "4150868000000224005"')
  .describe('Record id.');

export const fieldNameInput = z
  .string()
  .max(MAX_API_NAME)
  .refine((s) => API_NAME.test(s), 'a field API name such as Last_Name');

export const fieldsInput = z
  .array(fieldNameInput)
  .max(50)
  .refine((a) => a.length > 0, 'name at least one field')
  .optional();

/** A record of a write: field API name → value (checked against the module's fields before anything is sent). */
export const recordInput = z
  .record(z.string().max(MAX_API_NAME), z.unknown())
  .refine((r) => Object.keys(r).length <= MAX_RECORD_FIELDS, `at most ${MAX_RECORD_FIELDS} fields per record`);

/** A calendar date `yyyy-mm-dd` that exists. */
export const dateInput = z
  .string()
  .max(10)
  .refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return m !== null && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }, 'a date as yyyy-mm-dd, e.g. 2026-03-31');

/** Defaults are applied in code (`page ?? 1`), so the schema the model reads stays short. */
export const DEFAULT_PER_PAGE = 10;
export const pageInput = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= PAGE_WALL, `a whole number from 1 to ${PAGE_WALL}`)
  .optional()
  .describe('Page, from 1 (default 1).');
export const perPageInput = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= 200, 'a whole number from 1 to 200')
  .optional()
  .describe('Records per page, up to 200 (default 10).');

/** Zoho's key that says which module a multi-module lookup (What_Id) points into. */
const SE_MODULE = '$se_module';

function unknownField(module: string, name: string, fields: readonly CrmField[]): string {
  const close = closestNames(name, fields.map((f) => f.api_name));
  const hint = close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '.';
  return `${module} has no field ${quoteInput(name)}${hint} crm_describe_module lists its field API names`;
}

/**
 * Checks field names a read names (fields lists, criteria) against the module's metadata, so a misspelt
 * one is an error with the closest names instead of Zoho's bare INVALID_DATA. `id` is always valid; a
 * dotted name (`Account_Name.Account_Name`) is checked by its first part.
 */
export async function checkReadableFields(client: CrmClient, module: string, names: readonly string[], path: (name: string, i: number) => string, signal?: AbortSignal): Promise<Map<string, CrmField>> {
  const fields = await client.getFields(module, signal ? { signal } : {});
  const byName = new Map(fields.map((f) => [f.api_name, f]));
  names.forEach((name, i) => {
    const base = name.split('.')[0]!;
    if (base !== 'id' && !byName.has(base)) throw new ToolInputError(path(name, i), unknownField(module, base, fields));
  });
  return byName;
}

/**
 * Checks field names in a write against the module's live metadata, so a misspelt field is an error
 * here instead of a value Zoho silently drops. Returns the metadata by API name.
 */
export async function checkWritableFields(client: CrmClient, module: string, names: readonly string[], path: (name: string) => string, signal?: AbortSignal): Promise<Map<string, CrmField>> {
  const fields = await client.getFields(module, signal ? { signal } : {});
  const byName = new Map(fields.map((f) => [f.api_name, f]));
  for (const name of names) {
    if (name === SE_MODULE) continue;
    const field = byName.get(name);
    if (!field) throw new ToolInputError(path(name), unknownField(module, name, fields));
    if (field.read_only || field.field_read_only) throw new ToolInputError(path(name), `${module}.${name} is read-only and cannot be written`);
  }
  return byName;
}

/** Fields that must keep a value: Zoho's system-mandatory ones plus the standard layout's. */
export function mandatoryNames(module: string, meta: Map<string, CrmField>): Set<string> {
  const standard = standardModule(module);
  const names = new Set([...meta.values()].filter((f) => f.system_mandatory).map((f) => f.api_name));
  for (const f of [...(standard?.mandatory ?? []), ...(standard?.layoutMandatory ?? [])]) names.add(f);
  return names;
}

/**
 * Every value of a record checked against its field's type, picklist and length, and brought to the form
 * Zoho takes (lookups `{id}`, numbers from numeric text). Throws naming the first bad field.
 */
export function checkRecordValues(module: string, record: Record<string, unknown>, meta: Map<string, CrmField>, pathOf: (name: string) => string): Record<string, unknown> {
  const mandatory = mandatoryNames(module, meta);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === SE_MODULE) {
      if (typeof value !== 'string' || !API_NAME.test(value)) throw new ToolInputError(pathOf(key), `${SE_MODULE} names the module a What_Id points into, e.g. "Deals"; got ${quoteInput(value)}`);
      out[key] = value;
      continue;
    }
    const field = meta.get(key);
    out[key] = field ? checkFieldValue(field, value, { module, path: pathOf(key), mandatory: mandatory.has(key) }) : value;
  }
  return out;
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Comparable form of a field value (lookups by id), to tell which fields an update really changes. */
export function comparable(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value) return `id:${String((value as { id: unknown }).id)}`;
  return JSON.stringify(value ?? null);
}

/**
 * Reads one record, or undefined when Zoho says the id is not one (400 INVALID_DATA, or 204), so a tool can
 * answer with a field error that names the id instead of Zoho's bare INVALID_DATA.
 */
export async function readRecord(client: CrmClient, module: string, id: string, signal?: AbortSignal, fields?: readonly string[]): Promise<CrmRecord | undefined> {
  try {
    return await client.getRecord(module, id, { ...(signal ? { signal } : {}), ...(fields ? { fields } : {}) });
  } catch (err) {
    if (err instanceof ZohoApiError && err.code === 'INVALID_DATA') return undefined;
    throw err;
  }
}

/** What an update really changes: the wanted values that differ from the record's, and those fields as they are now. */
export function changesFrom(
  wanted: Record<string, unknown>,
  current: Record<string, unknown>,
  meta: Map<string, CrmField>,
): { changes: Record<string, unknown>; changed: string[]; before: Record<string, unknown> } {
  const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => comparable(v) !== comparable(current[k]) && !sameFieldValue(meta.get(k), v, current[k])));
  const changed = Object.keys(changes);
  const shapedNow = shapeRecord(current, new Set(changed));
  return { changes, changed, before: Object.fromEntries(changed.map((k) => [k, shapedNow[k] ?? null])) };
}

/**
 * After the lost answer of an update: reads the record back. Every changed field at its new value → applied;
 * every one still at its old value → not applied; a mix (someone else edited it meanwhile) → unknown.
 */
export async function readBackUpdate(
  client: CrmClient,
  module: string,
  id: string,
  changes: Record<string, unknown>,
  current: Record<string, unknown>,
  meta: Map<string, CrmField>,
  signal: AbortSignal,
): Promise<ReconcileVerdict<CrmWriteResult & { changed: string[] }>> {
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
