import type { FieldSpec } from './metadata.js';

/** A field value as something comparable: lookups by name (and id), numbers as numbers, date-times as epoch ms. */
export function comparableValue(field: FieldSpec | undefined, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { name?: unknown; id?: unknown };
    return typeof v.name === 'string' ? v.name : v.id !== undefined ? String(v.id) : null;
  }
  if (field?.type === 'datetime' && typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : t;
  }
  return value as string | number | boolean;
}

/** Parses a literal from a query to the field's type, or undefined when it cannot be one. */
export function literalFor(field: FieldSpec | undefined, raw: string | number | boolean | null): string | number | boolean | null | undefined {
  if (raw === null) return null;
  const type = field?.type;
  if (type === 'integer' || type === 'double' || type === 'currency' || type === 'bigint') {
    const n = typeof raw === 'number' ? raw : Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  if (type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (String(raw).toLowerCase() === 'true') return true;
    if (String(raw).toLowerCase() === 'false') return false;
    return undefined;
  }
  if (type === 'datetime') {
    const t = Date.parse(String(raw));
    return Number.isNaN(t) ? undefined : t;
  }
  if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(String(raw)) ? String(raw) : undefined;
  return String(raw);
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

/** Text equality as Zoho does it: case-insensitive. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** A lookup's id, for id-based matches. */
export function lookupId(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id);
  return undefined;
}
