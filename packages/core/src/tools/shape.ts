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
  /**
   * Lookups whose ids repeat down the table (an owner, an account, a vendor): the column holds the name and
   * the id is said once here, by column then name (`{"Owner":{"Maya Ortiz":"4150868000000225013"}}`).
   */
  ids?: Record<string, Record<string, string>>;
}

export interface TableOptions {
  /** Columns to put first, in this order; the rest follow in first-seen order. */
  columns?: readonly string[];
  /**
   * Spread small nested objects (a lookup `{name, id}`, an owner, an address) into `key.sub` columns, so
   * their keys are not repeated on every row either (default true). Objects with nested values stay whole.
   */
  flatten?: boolean;
  /**
   * Say a lookup's id once, in `ids`, when the same `{name, id}` pairs repeat down the table and that is
   * shorter (default true). Only where each name stands for one id in that column, so nothing is ambiguous.
   */
  lookupIds?: boolean;
  /**
   * Flat name/id pairs (`{vendor_name: 'vendor_id'}`): a name column whose id sits in a column of its own.
   * Said once in `ids` under the name column, on the same terms as a `{name, id}` lookup.
   */
  pairs?: Readonly<Record<string, string>>;
}

/** How `fromTable` reads a table back. */
export interface FromTableOptions {
  /** The pairs the table was made with, to put each id back in its own column. */
  pairs?: Readonly<Record<string, string>>;
}

function isFlatObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.length <= 8 && values.every((v) => v === null || typeof v !== 'object');
}

/** A lookup exactly `{name, id}` (both non-empty strings), the only shape whose id can be said once. */
function isNamedLookup(value: unknown): value is { name: string; id: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { name, id } = value as Record<string, unknown>;
  return keys.length === 2 && typeof name === 'string' && name !== '' && typeof id === 'string' && id !== '';
}

/** The `{name, id}` a record holds under `key`: the lookup itself, or a flat pair's two columns. */
type Named = { name: string; id: string } | 'none' | 'other';

function namedAt(record: Record<string, unknown>, key: string, pairs: Readonly<Record<string, string>>, lookups: boolean): Named {
  const value = record[key];
  const pair = Object.hasOwn(pairs, key) ? pairs[key] : undefined;
  if (pair !== undefined) {
    const id = record[pair];
    const empty = (v: unknown) => v === null || v === undefined;
    if (empty(value) && empty(id)) return 'none';
    return typeof value === 'string' && value !== '' && typeof id === 'string' && id !== '' ? { name: value, id } : 'other';
  }
  if (value === null || value === undefined) return 'none';
  return lookups && isNamedLookup(value) ? value : 'other';
}

/**
 * The columns whose ids go in the legend: every value of the column is a `{name, id}` lookup (or a flat
 * pair), each name stands for one id, and the legend is shorter than the ids inline (so a table of
 * distinct lookups keeps them in its rows).
 */
function legendFor(records: readonly Record<string, unknown>[], pairs: Readonly<Record<string, string>>, lookups: boolean): Map<string, Map<string, string>> {
  const candidates = new Map<string, Map<string, string> | null>();
  const inline = new Map<string, number>();
  const pairIds = new Set(Object.values(pairs));
  for (const record of records) {
    for (const key of new Set([...Object.keys(record), ...Object.keys(pairs)])) {
      if (pairIds.has(key) || candidates.get(key) === null) continue;
      const named = namedAt(record, key, pairs, lookups);
      if (named === 'none') continue;
      if (named === 'other') {
        candidates.set(key, null);
        continue;
      }
      const names = candidates.get(key) ?? new Map<string, string>();
      const previous = names.get(named.name);
      if (previous !== undefined && previous !== named.id) {
        candidates.set(key, null);
        continue;
      }
      names.set(named.name, named.id);
      candidates.set(key, names);
      // Inline, an id costs itself and a separator on every row.
      inline.set(key, (inline.get(key) ?? 0) + named.id.length + 3);
    }
  }
  const out = new Map<string, Map<string, string>>();
  for (const [key, names] of candidates) {
    if (!names) continue;
    let legend = key.length + 6;
    for (const [name, id] of names) legend += JSON.stringify(name).length + id.length + 4;
    if (legend < (inline.get(key) ?? 0)) out.set(key, names);
  }
  return out;
}

/**
 * Renders records (already compacted: ids as strings, no nulls) as one table: column names once, rows as
 * values, `null` where a record has no value. Nothing is dropped: every value of every record is in a cell,
 * or (a repeated lookup's id) in `ids` by column and name.
 */
export function toTable(records: readonly Record<string, unknown>[], options: TableOptions = {}): RecordTable {
  const flatten = options.flatten ?? true;
  const pairs = options.pairs ?? {};
  const legend = (options.lookupIds ?? true) ? legendFor(records, pairs, flatten) : new Map<string, Map<string, string>>();
  const folded = new Set([...legend.keys()].filter((k) => Object.hasOwn(pairs, k)).map((k) => pairs[k]!));
  const flat = records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined || folded.has(key)) continue;
      if (legend.has(key) && isNamedLookup(value)) out[key] = value.name;
      else if (flatten && isFlatObject(value)) for (const [sub, v] of Object.entries(value)) out[`${key}.${sub}`] = v;
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
  const table: RecordTable = { columns, rows: flat.map((r) => columns.map((c) => (c in r ? r[c] : null))) };
  if (legend.size) table.ids = Object.fromEntries([...legend].map(([key, names]) => [key, Object.fromEntries(names)]));
  return table;
}

/** The records back from a table (spread columns rebuilt into objects, legend names back into `{name, id}`); for tests and human rendering. */
export function fromTable(table: RecordTable, options: FromTableOptions = {}): Record<string, unknown>[] {
  const pairs = options.pairs ?? {};
  return table.rows.map((row) => {
    const out: Record<string, unknown> = {};
    table.columns.forEach((column, i) => {
      const value = row[i];
      if (value === null || value === undefined) return;
      const legend = table.ids && Object.hasOwn(table.ids, column) ? table.ids[column] : undefined;
      if (legend && typeof value === 'string' && Object.hasOwn(legend, value)) {
        if (Object.hasOwn(pairs, column)) {
          out[column] = value;
          out[pairs[column]!] = legend[value];
        } else out[column] = { name: value, id: legend[value] };
        return;
      }
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
