/** Input schemas, value checks, result shaping and paging shared by the Projects tools. */
import { compact, toTable, ToolInputError, type RecordTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { SCOPES, type Page, type ProjectsClient, type ProjectsPersonRef } from '../client.js';
import { datePart, isCalendarDate } from '../dates.js';

/** Every tool may need the portal lookup (when ZOHO_PROJECTS_PORTAL_ID is unset) and its time zone. */
export const PORTAL_SCOPE = SCOPES.portals;

// ---------- inputs ----------
// Formats (digit ids, yyyy-mm-dd) are checked by refinements, not JSON Schema patterns: the model learns them
// once from the plugin's instructions instead of in every field.

const DIGITS = /^\d{1,25}$/;

/** A Projects record id: digits, as a string (they exceed JavaScript's safe integers). Describe at the use site. */
export const idSchema = (what: string) =>
  z
    .string()
    .trim()
    .max(25)
    .refine((v) => DIGITS.test(v), `must be a Zoho Projects ${what} id (digits only, as a string)`);

/** A yyyy-mm-dd calendar date. Describe at the use site. */
export const dateSchema = () =>
  z
    .string()
    .trim()
    .max(10)
    .refine(isCalendarDate, 'must be a real calendar date as yyyy-mm-dd');

/** Text that may not be empty (checked, not advertised). */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v.length > 0, 'must not be empty');

/** A person by name or email. */
export const personSchema = () => textSchema(100);

export const intSchema = (min: number, max: number) => z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, `must be a whole number from ${min} to ${max}`);

export const pageSchema = intSchema(1, 10_000).optional().describe('Page (from next_page).');
export const perPageSchema = (fallback: number) => intSchema(1, 200).optional().describe(`Rows per page (default ${fallback}, max 200).`);

/** Rows a scanning list returns at most (default 25). */
export const limitSchema = intSchema(1, 100).optional().describe('Rows at most (default 25, max 100).');
export const DEFAULT_LIMIT = 25;

/** `<zoho page>:<row offset>` from a previous result. */
export const pageTokenSchema = z
  .string()
  .trim()
  .max(24)
  .refine((v) => /^\d{1,6}:\d{1,4}$/.test(v), 'must be the next_page_token of an earlier result')
  .optional()
  .describe('next_page_token of the previous result.');

export const PRIORITIES = ['none', 'low', 'medium', 'high'] as const;

export function checkDates(start: string | undefined, due: string | undefined, dueField = 'due_date'): void {
  if (start && due && due < start) throw new ToolInputError(dueField, `${due} is before the start date ${start}`);
}

// ---------- scanning lists (filters Zoho does not apply) ----------

/** Zoho page size while scanning, and the pages one call may read (500 rows, 5 requests). */
export const SCAN_PAGE_SIZE = 100;
export const SCAN_MAX_PAGES = 5;

export interface Scan<T> {
  rows: T[];
  /** Where to continue; absent when Zoho has no more rows. */
  next_page_token?: string;
  /** Rows read from Zoho to find these. */
  scanned: number;
}

/**
 * Reads Zoho pages from `token` (`page:offset`), keeping rows that pass `keep`, until `limit` rows, Zoho's last
 * page, or the page budget. The token resumes exactly after the last row read, so no row is lost or repeated.
 */
export async function scan<T>(fetch: (page: number, perPage: number) => Promise<Page<T>>, keep: (row: T) => boolean, options: { token?: string | undefined; limit: number; pageSize?: number; maxPages?: number }): Promise<Scan<T>> {
  const pageSize = options.pageSize ?? SCAN_PAGE_SIZE;
  const maxPages = options.maxPages ?? SCAN_MAX_PAGES;
  let [page, offset] = (options.token ?? '1:0').split(':').map(Number) as [number, number];
  if (!(page >= 1)) page = 1;
  const rows: T[] = [];
  let scanned = 0;
  for (let read = 0; read < maxPages; read++) {
    const res = await fetch(page, pageSize);
    for (let i = offset; i < res.rows.length; i++) {
      scanned++;
      if (!keep(res.rows[i]!)) continue;
      rows.push(res.rows[i]!);
      if (rows.length === options.limit) {
        const next = i + 1 < res.rows.length ? `${page}:${i + 1}` : res.has_next_page ? `${page + 1}:0` : undefined;
        return next ? { rows, next_page_token: next, scanned } : { rows, scanned };
      }
    }
    offset = 0;
    if (!res.has_next_page) return { rows, scanned };
    page++;
  }
  return { rows, next_page_token: `${page}:0`, scanned };
}

// ---------- shaping ----------

/**
 * Zoho's bookkeeping, left out of every result (the documented list): links, layouts, display flags, ordering,
 * colours, empty custom-field and tag lists, audit stamps of records whose dates are their own fields, and the
 * spelled-out parts of a person (first/last/display name). Fields that may hold values (an issue's
 * classification, a timer log's start/end time, attachments) are not noise: core's `compact` drops them when empty.
 */
export const NOISE =
  /^(link|layout|custom_fields|tags|is_reminder_set|is_recurrence_set|sequence|color_code|color_hexcode|is_public|is_strict_project|is_rollup_project|is_timer_log|display_name|first_name|last_name|is_confirmed|locale|portal_id|is_default|is_edited|work_type|duration|depth|created_time|last_updated_time|last_modified_time|id_string)$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A person as the model reads one: the name (the ids and the email are in projects_list_users). */
export function personText(ref: unknown): string | undefined {
  if (!isObject(ref)) return undefined;
  const p = ref as ProjectsPersonRef;
  return p.name ?? p.email ?? (p.zpuid ? String(p.zpuid) : undefined);
}

/** A status object `{id,name,is_closed_type,color_code}` → its name (ids are found again by name for updates). */
export function statusText(ref: unknown): string | undefined {
  return isObject(ref) && typeof ref.name === 'string' ? ref.name : undefined;
}

/** HTML descriptions as plain text (tags removed, entities and whitespace tidied). */
export function plainText(html: unknown): string | undefined {
  if (typeof html !== 'string') return undefined;
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return text || undefined;
}

/** A date-only field: `2026-01-09T00:00:00-05:00` → `2026-01-09`; any other time of day is kept whole. */
export function dateText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? datePart(value) : value;
}

export type Transform = (value: unknown, record: Json) => [string, unknown][] | unknown;

/** NOISE less the `keep` keys, compiled once per list of keys. */
const noiseKept = new Map<string, RegExp>();
function noiseKeeping(keep: readonly string[]): RegExp {
  const key = keep.join('|');
  let re = noiseKept.get(key);
  if (!re) noiseKept.set(key, (re = new RegExp(`^(?!(?:${key})$)(?:${NOISE.source.slice(1, -1)})$`)));
  return re;
}

/**
 * Compact copy of a record: `transforms` rewrite or rename known fields (return `[[key, value], …]` to rename or
 * split), every other field is kept; then core's `compact` drops nulls, empties and NOISE, and ids become strings.
 */
export function reshape(record: unknown, transforms: Record<string, Transform> = {}, options: { drop?: readonly string[]; keep?: readonly string[] } = {}): Json {
  if (!isObject(record)) return {};
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) {
    const t = transforms[key];
    if (!t) {
      out[key] = value;
      continue;
    }
    const result = t(value, record);
    if (Array.isArray(result) && result.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string')) {
      for (const [k, v] of result as [string, unknown][]) out[k] = v;
    } else out[key] = result;
  }
  const noise = options.keep?.length ? noiseKeeping(options.keep) : NOISE;
  return (compact(out, { noise, ...(options.drop ? { drop: options.drop } : {}) }) ?? {}) as Json;
}

export const asPerson: Transform = (v) => personText(v);
export const asStatus: Transform = (v) => statusText(v);
export const asDate: Transform = (v) => dateText(v);
export const asText: Transform = (v) => plainText(v);

/** A list as the model reads it: core's table, and the plain values every row shares said once beside it. */
export interface SharedTable {
  table: RecordTable;
  every_row?: Json;
}

export function sharedTable(records: readonly Json[], columns: readonly string[]): SharedTable {
  const [first] = records;
  const common: Json = {};
  if (first && records.length >= 2) {
    for (const [key, value] of Object.entries(first)) {
      if (value === null || value === undefined) continue;
      if (isObject(value)) {
        // A shared reference ({id,name}: the project of every task) is said once too.
        const text = JSON.stringify(value);
        if (records.every((r) => JSON.stringify(r[key]) === text)) common[key] = value;
      } else if (!Array.isArray(value) && records.every((r) => r[key] === value)) common[key] = value;
    }
  }
  if (!Object.keys(common).length) return { table: toTable(records, { columns }) };
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => !(key in common))));
  return { table: toTable(rows, { columns }), every_row: common };
}

/** The result of a list: paging beside the table, shared values, then the table under `key`. */
export function listResult(key: string, records: readonly Json[], columns: readonly string[], paging: Json): Json {
  const { table, every_row } = sharedTable(records, columns);
  return { ...paging, count: records.length, ...(every_row ? { every_row } : {}), [key]: table };
}

/** Paging facts of a simple list: `next_page` only when Zoho says there is more. */
export function pageFacts(res: Page<unknown>, page: number): Json {
  return res.has_next_page ? { page, next_page: page + 1 } : { page };
}

/** Reads every page of a simple list (bounded), for lookups by name. */
export async function readAll<T>(fetch: (page: number, perPage: number) => Promise<Page<T>>, maxPages = 5): Promise<T[]> {
  return (await readUntil(fetch, () => false, maxPages)).rows;
}

/**
 * Reads pages of a simple list (bounded) until a row passes `found`: `match` is that row, and the pages after it
 * are not read. Without a match every page was read, so `rows` is the whole list (for an error naming them all).
 */
export async function readUntil<T>(fetch: (page: number, perPage: number) => Promise<Page<T>>, found: (row: T) => boolean, maxPages = 5): Promise<{ match?: T; rows: T[] }> {
  const rows: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const res = await fetch(page, 200);
    rows.push(...res.rows);
    const match = res.rows.find(found);
    if (match !== undefined) return { match, rows };
    if (!res.has_next_page) break;
  }
  return { rows };
}

/** How far Zoho's clock may lag ours when a lost create is looked for (a guess, unconfirmed). */
export const CLOCK_SKEW_MS = 120_000;

/** A Zoho timestamp in ms (NaN when absent). */
export function zohoTimeMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

export type { ProjectsClient };
