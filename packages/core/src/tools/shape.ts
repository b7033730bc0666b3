/** Keys Zoho adds for its own bookkeeping, never useful to a model. */
const DEFAULT_NOISE = /^\$|^(layout|Layout)$|^Tag$|^Record_Image$/;

export interface CompactOptions {
  /** Extra keys to drop anywhere in the tree. */
  drop?: readonly string[];
  /** Key pattern for system noise (default: `$`-prefixed keys). */
  noise?: RegExp;
}

function isIdKey(key: string): boolean {
  return key === 'id' || /_id$/i.test(key) || /Id$/.test(key);
}

/**
 * Model-friendly copy: drops null, '', [], {} and noise keys; keeps every other business value; turns
 * numeric ids into strings. Booleans `false` and zero are kept (they are information).
 */
export function compact(value: unknown, options: CompactOptions = {}, key = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && isIdKey(key)) return String(value);
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => compact(v, options, key)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const noise = options.noise ?? DEFAULT_NOISE;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (noise.test(k) || options.drop?.includes(k)) continue;
      const c = compact(v, options, k);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** Serialises a tool result for the model: compact JSON, no whitespace. */
export function toModelText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}

/** A list of records as the model reads it: the shared columns once, then one row of values per record. */
export interface RecordTable {
  columns: string[];
  rows: unknown[][];
}

export interface TableOptions {
  /** Columns to put first, in this order; the rest follow in first-seen order. */
  columns?: readonly string[];
  /**
   * Spread small nested objects (a lookup `{name, id}`, an owner, an address) into `key.sub` columns, so
   * their keys are not repeated on every row either (default true). Objects with nested values stay whole.
   */
  flatten?: boolean;
}

function isFlatObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.length <= 8 && values.every((v) => v === null || typeof v !== 'object');
}

/**
 * Renders records (already compacted: ids as strings, no nulls) as one table: column names once, rows as
 * values, `null` where a record has no value. Nothing is dropped: every value of every record is in a cell.
 */
export function toTable(records: readonly Record<string, unknown>[], options: TableOptions = {}): RecordTable {
  const flatten = options.flatten ?? true;
  const flat = records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      if (flatten && isFlatObject(value)) for (const [sub, v] of Object.entries(value)) out[`${key}.${sub}`] = v;
      else out[key] = value;
    }
    return out;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  const add = (c: string) => {
    if (!seen.has(c)) {
      seen.add(c);
      columns.push(c);
    }
  };
  for (const c of options.columns ?? []) {
    if (flat.some((r) => c in r)) add(c);
    // A preferred column that was spread (`Account_Name`) keeps its place through its parts.
    for (const r of flat) for (const k of Object.keys(r)) if (k.startsWith(`${c}.`)) add(k);
  }
  for (const r of flat) for (const k of Object.keys(r)) add(k);
  return { columns, rows: flat.map((r) => columns.map((c) => (c in r ? r[c] : null))) };
}

/** The records back from a table (spread columns rebuilt into objects); for tests and human rendering. */
export function fromTable(table: RecordTable): Record<string, unknown>[] {
  return table.rows.map((row) => {
    const out: Record<string, unknown> = {};
    table.columns.forEach((column, i) => {
      const value = row[i];
      if (value === null || value === undefined) return;
      const dot = column.indexOf('.');
      if (dot > 0) {
        const key = column.slice(0, dot);
        const parent = (out[key] ??= {}) as Record<string, unknown>;
        parent[column.slice(dot + 1)] = value;
      } else out[column] = value;
    });
    return out;
  });
}
