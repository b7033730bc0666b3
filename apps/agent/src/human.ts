/**
 * The person's view of a tool result. The model reads the compact text the toolkit returns; the person sees
 * it rendered for reading: lists as tables fitted to the terminal (cli-table3), one record as a key–value
 * block, money with thousands separators, date-times without the ISO punctuation, ids whole and copyable.
 */
import Table from 'cli-table3';

export interface HumanOptions {
  /** Terminal width to fit tables into. */
  width: number;
  /** Styles a header cell (bold on a colour terminal); identity otherwise. */
  bold?: (text: string) => string;
  dim?: (text: string) => string;
}

type Json = Record<string, unknown>;

interface TableValue {
  columns: string[];
  rows: unknown[][];
  /** A lookup column's ids by name, said once (core's `toTable`). */
  ids?: Record<string, Record<string, string>>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTable = (v: unknown): v is TableValue => isObject(v) && Array.isArray(v.columns) && Array.isArray(v.rows) && v.columns.every((c) => typeof c === 'string');
const isIdKey = (key: string) => /(^|[._])id$|Id$|_ids?$/i.test(key);
const MONEY_KEY = /(amount|total|balance|revenue|price|rate|cost|payment_made|receivable|payable|budget)(\b|_|$)/i;
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** 1234567.5 → "1,234,567.5"; "1234.50" → "1,234.50" (the decimals as given). */
export function formatMoney(value: number | string): string {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** "2026-03-31T15:00:00-05:00" → "2026-03-31 15:00 -05:00". */
export function formatDateTime(text: string): string {
  const m = ISO_DATETIME.exec(text);
  if (!m) return text;
  const zone = m[3] === 'Z' ? 'UTC' : m[3] ? m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : '';
  return `${m[1]} ${m[2]}${zone ? ` ${zone}` : ''}`;
}

/** One value as a person reads it in a cell or a key–value line. */
export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return isIdKey(key) ? String(value) : MONEY_KEY.test(key) || Math.abs(value) >= 10_000 ? formatMoney(value) : String(value);
  if (typeof value === 'string') {
    if (isIdKey(key)) return value;
    if (MONEY_KEY.test(key) && /^-?\d+(\.\d+)?$/.test(value)) return formatMoney(value);
    return formatDateTime(value);
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => formatValue(key, v)).join(', ');
    return value.map((v) => (isObject(v) ? inlineObject(v) : formatValue(key, v))).join('; ');
  }
  if (isObject(value)) return inlineObject(value, MONEY_KEY.test(key));
  return String(value);
}

/** A lookup `{name, id}` as "Zylker Corp (4150868000000100000)"; other small objects as k=v pairs. */
function inlineObject(value: Json, money = false): string {
  const name = value.name ?? value.display_name ?? value.full_name;
  if ((typeof name === 'string' || typeof name === 'number') && 'id' in value) {
    const rest = Object.entries(value).filter(([k]) => !['name', 'id', 'display_name', 'full_name'].includes(k));
    return `${String(name)} (${String(value.id)})${rest.length ? ` ${rest.map(([k, v]) => `${k}=${formatValue(k, v)}`).join(' ')}` : ''}`;
  }
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${money && (typeof v === 'string' || typeof v === 'number') ? formatMoney(v) : formatValue(k, v)}`)
    .join(', ');
}

const label = (column: string) => column.replace(/_/g, ' ');

/** Column widths that fit `width`: ids keep their full width, text columns shrink (and wrap) first. */
function fitWidths(columns: string[], cells: string[][], width: number): number[] | undefined {
  const natural = columns.map((c, i) => Math.min(48, Math.max(label(c).length, ...cells.map((r) => r[i]!.length)) + 2));
  const border = columns.length + 1;
  let total = natural.reduce((a, b) => a + b, 0) + border;
  if (total <= width) return natural;
  const widths = [...natural];
  const floor = (i: number) => (isIdKey(columns[i]!) ? natural[i]! : Math.min(natural[i]!, 8));
  // Shave the widest shrinkable column, one character at a time, until it fits or nothing can shrink.
  while (total > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) return undefined;
    widths[widest]!--;
    total--;
  }
  return widths;
}

/** Wraps text to `width` columns: at spaces where it can, inside a long word (an email, a URL) where it must. */
export function wrapCell(text: string, width: number): string {
  if (width < 1) return text;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > 0) {
        const room = width - (line ? line.length + 1 : 0);
        if (rest.length <= room) {
          line = line ? `${line} ${rest}` : rest;
          rest = '';
        } else if (line && rest.length <= width) {
          out.push(line);
          line = '';
        } else {
          const take = Math.max(1, line ? room : width);
          if (line && room <= 0) {
            out.push(line);
            line = '';
            continue;
          }
          out.push(line ? `${line} ${rest.slice(0, take)}` : rest.slice(0, take));
          line = '';
          rest = rest.slice(take);
        }
      }
    }
    out.push(line);
  }
  return out.join('\n');
}

/** A table's id legend under it, one line per lookup column: "Owner ids: Maya Ortiz 4150868000000225013 · …". */
function renderLegend(table: TableValue, options: HumanOptions): string[] {
  const dim = options.dim ?? ((t: string) => t);
  if (!isObject(table.ids)) return [];
  return Object.entries(table.ids)
    .filter(([, names]) => isObject(names))
    .map(([column, names]) => dim(`${label(column)} ids: ${Object.entries(names).map(([name, id]) => `${name} ${String(id)}`).join(' · ')}`));
}

function renderTable(table: TableValue, options: HumanOptions): string {
  const legend = renderLegend(table, options);
  const body = renderCells(table, options);
  return legend.length ? [body, ...legend].join('\n') : body;
}

function renderCells(table: TableValue, options: HumanOptions): string {
  const bold = options.bold ?? ((t: string) => t);
  const cells = table.rows.map((row) => table.columns.map((c, i) => formatValue(c, row[i])));
  if (cells.length === 0) return '(no rows)';
  const widths = fitWidths(table.columns, cells, options.width);
  if (!widths) {
    // Too many columns for this terminal: one block per row, nothing cut.
    return cells
      .map((row, r) => [`— ${r + 1} —`, ...table.columns.map((c, i) => (row[i] ? `  ${label(c)}: ${row[i]}` : '')).filter(Boolean)].join('\n'))
      .join('\n');
  }
  const t = new Table({
    head: table.columns.map((c, i) => bold(wrapCell(label(c), widths[i]! - 2))),
    colWidths: widths,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  // Wrapped here, not by cli-table3, which cuts words longer than a column (emails, URLs) with "…".
  for (const row of cells) t.push(row.map((cell, i) => wrapCell(cell, widths[i]! - 2)));
  return t.toString();
}

function renderBlock(record: Json, options: HumanOptions, depth = 0): string[] {
  const lines: string[] = [];
  const keys = Object.keys(record);
  const pad = Math.min(28, Math.max(0, ...keys.map((k) => label(k).length)));
  const indent = '  '.repeat(depth);
  for (const [key, value] of Object.entries(record)) {
    if (isTable(value)) {
      lines.push(`${indent}${label(key)}:`);
      lines.push(...renderTable(value, { ...options, width: options.width - indent.length - 2 }).split('\n').map((l) => `${indent}  ${l}`));
    } else if (Array.isArray(value) && value.length > 0 && value.every(isObject) && value.length > 1) {
      lines.push(`${indent}${label(key)}:`);
      const columns = [...new Set(value.flatMap((v) => Object.keys(v)))];
      lines.push(...renderTable({ columns, rows: value.map((v) => columns.map((c) => v[c] ?? null)) }, options).split('\n').map((l) => `${indent}  ${l}`));
    } else if (isObject(value) && !('id' in value && ('name' in value || Object.keys(value).length <= 2)) && depth < 2 && Object.keys(value).length > 2) {
      lines.push(`${indent}${label(key)}:`);
      lines.push(...renderBlock(value, options, depth + 1));
    } else {
      lines.push(`${indent}${label(key).padEnd(pad)}  ${formatValue(key, value)}`);
    }
  }
  return lines;
}

/**
 * Renders a tool's result text for a person. JSON objects become tables and key–value blocks; anything that
 * is not JSON (error messages, refusals) is returned unchanged.
 */
export function renderForPeople(text: string, options: HumanOptions): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (isTable(value)) {
    const { columns, rows, ids, ...rest } = value as TableValue & Json;
    const parts = [renderTable({ columns, rows, ...(ids ? { ids } : {}) }, options)];
    const footer = renderBlock(rest, options);
    if (footer.length) parts.push(footer.join('\n'));
    return parts.join('\n');
  }
  if (isObject(value)) {
    // A list result (a table beside paging and totals): the table first, the rest under it.
    const tables = Object.entries(value).filter(([, v]) => isTable(v));
    const META = /^(page|per_page|has_more|more_records|next|next_page|next_page_token|next_cursor|page_totals|totals|every_row|count|note|notes|as_of|range|from|to|module)$/;
    if (tables.length === 1 && Object.entries(value).every(([k, v]) => isTable(v) || META.test(k))) {
      const [[key, table]] = tables as [[string, TableValue]];
      const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
      return [renderTable(table, options), ...renderBlock(rest, options)].join('\n');
    }
    return renderBlock(value, options).join('\n');
  }
  if (Array.isArray(value) && value.every(isObject)) {
    const columns = [...new Set(value.flatMap((v) => Object.keys(v)))];
    return renderTable({ columns, rows: value.map((v) => columns.map((c) => v[c] ?? null)) }, options);
  }
  return typeof value === 'string' ? value : text;
}
