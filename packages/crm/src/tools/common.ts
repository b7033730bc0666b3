import { ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField } from '../client.js';

/** Zoho stops `page` at 2,000 records (page × per_page); beyond it only `page_token` works. */
export const PAGE_WALL = 2000;

export const moduleInput = z
  .string()
  .max(100)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a module API name such as Leads, Contacts, Accounts, Deals, Tasks')
  .describe('Module API name, case-sensitive: Leads, Contacts, Accounts, Deals, Tasks, Events, Calls, Products, or a custom module api_name (see crm_describe_module).');

export const recordIdInput = z.string().max(25).regex(/^\d{1,25}$/, 'a numeric record id such as 4150868000000224005').describe('Record id (a 19-digit string from a search or list result).');

export const fieldsInput = z
  .array(z.string().max(100).regex(/^[A-Za-z][A-Za-z0-9_]*$/))
  .min(1)
  .max(50)
  .optional();

/** Picks the closest field API names for a misspelt one (shared prefix or case-insensitive containment). */
function suggest(name: string, fields: readonly CrmField[]): string[] {
  const lower = name.toLowerCase().replace(/_/g, '');
  return fields
    .map((f) => f.api_name)
    .filter((api) => {
      const a = api.toLowerCase().replace(/_/g, '');
      return a.includes(lower) || lower.includes(a) || a.slice(0, 4) === lower.slice(0, 4);
    })
    .slice(0, 5);
}

/**
 * Checks field names in a write against the module's live metadata, so a misspelt field is an error
 * here instead of a value Zoho silently drops. Returns the metadata by API name.
 */
export async function checkWritableFields(client: CrmClient, module: string, names: readonly string[], path: (name: string) => string, signal?: AbortSignal): Promise<Map<string, CrmField>> {
  const fields = await client.getFields(module, { signal });
  const byName = new Map(fields.map((f) => [f.api_name, f]));
  for (const name of names) {
    const field = byName.get(name);
    if (!field) {
      const close = suggest(name, fields);
      throw new ToolInputError(path(name), `${module} has no field "${name}"${close.length ? `; did you mean ${close.join(', ')}?` : ''} Call crm_describe_module for the API names`);
    }
    if (field.read_only || field.field_read_only) throw new ToolInputError(path(name), `${module}.${name} is read-only and cannot be written`);
  }
  return byName;
}

/** Lets the model pass a lookup or owner as a bare id: `"Account_Name": "4150…"` → `{ id: "4150…" }`. */
export function normaliseValues(record: Record<string, unknown>, fields: Map<string, CrmField>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const type = fields.get(key)?.data_type;
    if ((type === 'lookup' || type === 'ownerlookup') && (typeof value === 'string' || typeof value === 'number') && /^\d+$/.test(String(value))) {
      out[key] = { id: String(value) };
    } else {
      out[key] = value;
    }
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
