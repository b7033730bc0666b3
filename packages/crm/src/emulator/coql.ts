/**
 * A small COQL engine: SELECT columns FROM module [WHERE …] [GROUP BY …] [ORDER BY …] [LIMIT n [OFFSET m] |
 * LIMIT m, n]. WHERE supports AND/OR with parentheses, = != <> < > <= >=, [not] like, [not] in (…), is [not]
 * null, [not] between; columns may traverse one lookup (`Account_Name.Account_Name`, `Owner.email`). With
 * aggregates on (the default), select items may be COUNT/SUM/MIN/MAX/AVG(column) and GROUP BY groups the rows;
 * an aggregate comes back under its text as written (`"SUM(Amount)": 12500`) — the key form is unconfirmed.
 */
import { Decimal } from 'decimal.js';
import { fieldOf, MODULES_BY_API, type FieldSpec, type ModuleSpec } from './metadata.js';
import type { CrmState, StoredRecord } from './state.js';
import { compareValues, comparableValue, literalFor, lookupId, sameValue } from './values.js';

export const COQL_MAX_LIMIT = 2000;
export const COQL_DEFAULT_LIMIT = 200;
const MAX_COLUMNS = 50;
const MAX_CRITERIA = 25;

export class CoqlError extends Error {
  constructor(
    readonly code: 'SYNTAX_ERROR' | 'INVALID_QUERY' | 'LIMIT_EXCEEDED',
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

type Token = { kind: 'ident' | 'string' | 'number' | 'op' | 'punct'; text: string; value: string; col: number };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= query.length) throw new CoqlError('SYNTAX_ERROR', 'invalid query formed', { line: 1, column: col, near: query.slice(i, i + 10) });
        if (query[j] === "'") {
          if (query[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += query[j];
        j++;
      }
      tokens.push({ kind: 'string', text: query.slice(i, j + 1), value, col });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (num && (ch !== '-' || /\d/.test(query[i + 1] ?? ''))) {
      tokens.push({ kind: 'number', text: num[0], value: num[0], col });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)?/.exec(query.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], value: ident[0], col });
      i += ident[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(query.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[0], value: op[0] === '<>' ? '!=' : op[0], col });
      i += op[0].length;
      continue;
    }
    if ('(),*'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: ch, col });
      i++;
      continue;
    }
    throw new CoqlError('SYNTAX_ERROR', 'invalid query formed', { line: 1, column: col, near: query.slice(i, i + 10) });
  }
  return tokens;
}

type Literal = string | number | boolean | null;
export type CoqlExpr =
  | { kind: 'and' | 'or'; left: CoqlExpr; right: CoqlExpr }
  | { kind: 'cmp'; column: string; op: string; value: Literal }
  | { kind: 'like'; column: string; pattern: string; not: boolean }
  | { kind: 'in'; column: string; values: Literal[]; not: boolean }
  | { kind: 'null'; column: string; not: boolean }
  | { kind: 'between'; column: string; low: Literal; high: Literal; not: boolean };

export type AggregateFunction = 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG';
const AGGREGATES = new Set<string>(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);

/** One select item: a column, or an aggregate of one (`text` is how the query wrote it). */
export type SelectItem = { kind: 'column'; name: string } | { kind: 'aggregate'; fn: AggregateFunction; column: string; text: string };

export interface CoqlQuery {
  /** The plain columns selected (aggregates are in `items`). */
  columns: string[];
  items: SelectItem[];
  groupBy: string[];
  module: string;
  where?: CoqlExpr;
  orderBy: { column: string; desc: boolean }[];
  limit: number;
  offset: number;
}

export function parseCoql(query: string, options: { aggregates?: boolean } = {}): CoqlQuery {
  const aggregates = options.aggregates ?? true;
  const tokens = tokenize(query);
  let i = 0;
  const peek = () => tokens[i];
  const isKw = (t: Token | undefined, kw: string) => t?.kind === 'ident' && t.value.toLowerCase() === kw;
  const syntax = (clause?: string): never => {
    const t = tokens[i] ?? tokens[tokens.length - 1];
    throw new CoqlError('SYNTAX_ERROR', 'invalid query formed', clause && !tokens[i] ? { clause } : { line: 1, column: t?.col ?? 1, near: t?.text ?? '' });
  };
  const expectKw = (kw: string, clause: string) => {
    if (!isKw(peek(), kw)) syntax(clause);
    i++;
  };
  const column = (clause: string): string => {
    const t = peek();
    if (t?.kind !== 'ident') return syntax(clause);
    i++;
    return t.value;
  };
  const literal = (clause: string): Literal => {
    const t = peek();
    if (!t) return syntax(clause);
    i++;
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return Number(t.value);
    if (t.kind === 'ident' && ['true', 'false'].includes(t.value.toLowerCase())) return t.value.toLowerCase() === 'true';
    if (t.kind === 'ident' && t.value.toLowerCase() === 'null') return null;
    i--;
    return syntax(clause);
  };

  expectKw('select', 'select');
  const columns: string[] = [];
  const items: SelectItem[] = [];
  do {
    if (peek()?.value === '*') syntax('select');
    const name = column('select');
    if (aggregates && peek()?.value === '(' && AGGREGATES.has(name.toUpperCase())) {
      i++;
      const inner = column('select');
      if (peek()?.value !== ')') syntax('select');
      i++;
      items.push({ kind: 'aggregate', fn: name.toUpperCase() as AggregateFunction, column: inner, text: `${name}(${inner})` });
    } else {
      columns.push(name);
      items.push({ kind: 'column', name });
    }
  } while (peek()?.value === ',' && ++i);
  expectKw('from', 'from');
  const module = column('from');

  let criteria = 0;
  function condition(): CoqlExpr {
    if (peek()?.value === '(') {
      i++;
      const inner = orExpr();
      if (peek()?.value !== ')') syntax('where');
      i++;
      return inner;
    }
    criteria++;
    const col = column('where');
    const t = peek();
    if (t?.kind === 'op') {
      i++;
      return { kind: 'cmp', column: col, op: t.value, value: literal('where') };
    }
    let not = false;
    if (isKw(t, 'not')) {
      not = true;
      i++;
    }
    const kw = peek();
    if (isKw(kw, 'like')) {
      i++;
      const pattern = literal('where');
      if (typeof pattern !== 'string') syntax('where');
      return { kind: 'like', column: col, pattern: pattern as string, not };
    }
    if (isKw(kw, 'in')) {
      i++;
      if (peek()?.value !== '(') syntax('where');
      i++;
      const values: Literal[] = [];
      do values.push(literal('where'));
      while (peek()?.value === ',' && ++i);
      if (peek()?.value !== ')') syntax('where');
      i++;
      return { kind: 'in', column: col, values, not };
    }
    if (isKw(kw, 'between')) {
      i++;
      const low = literal('where');
      expectKw('and', 'where');
      return { kind: 'between', column: col, low, high: literal('where'), not };
    }
    if (!not && isKw(kw, 'is')) {
      i++;
      let isNot = false;
      if (isKw(peek(), 'not')) {
        isNot = true;
        i++;
      }
      if (!isKw(peek(), 'null')) syntax('where');
      i++;
      return { kind: 'null', column: col, not: isNot };
    }
    return syntax('where');
  }
  function andExpr(): CoqlExpr {
    let left = condition();
    while (isKw(peek(), 'and')) {
      i++;
      left = { kind: 'and', left, right: condition() };
    }
    return left;
  }
  function orExpr(): CoqlExpr {
    let left = andExpr();
    while (isKw(peek(), 'or')) {
      i++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  }

  const q: CoqlQuery = { columns, items, groupBy: [], module, orderBy: [], limit: COQL_DEFAULT_LIMIT, offset: 0 };
  if (isKw(peek(), 'where')) {
    i++;
    q.where = orExpr();
  }
  if (aggregates && isKw(peek(), 'group')) {
    i++;
    expectKw('by', 'group by');
    do q.groupBy.push(column('group by'));
    while (peek()?.value === ',' && ++i);
  }
  if (isKw(peek(), 'order')) {
    i++;
    expectKw('by', 'order by');
    do {
      const col = column('order by');
      let desc = false;
      if (isKw(peek(), 'asc')) i++;
      else if (isKw(peek(), 'desc')) {
        desc = true;
        i++;
      }
      q.orderBy.push({ column: col, desc });
    } while (peek()?.value === ',' && ++i);
  }
  if (isKw(peek(), 'limit')) {
    i++;
    const first = peek();
    if (first?.kind !== 'number') syntax('limit');
    i++;
    if (peek()?.value === ',') {
      i++;
      const second = peek();
      if (second?.kind !== 'number') syntax('limit');
      i++;
      q.offset = Number(first!.value);
      q.limit = Number(second!.value);
    } else {
      q.limit = Number(first!.value);
      if (isKw(peek(), 'offset')) {
        i++;
        const off = peek();
        if (off?.kind !== 'number') syntax('offset');
        i++;
        q.offset = Number(off!.value);
      }
    }
  }
  if (i < tokens.length) syntax();
  if (columns.length > MAX_COLUMNS) throw new CoqlError('LIMIT_EXCEEDED', 'select columns limit exceeded', { by: 'select', limit: MAX_COLUMNS });
  if (criteria > MAX_CRITERIA) throw new CoqlError('LIMIT_EXCEEDED', 'where criteria limit exceeded', { by: 'where', limit: MAX_CRITERIA });
  if (q.limit > COQL_MAX_LIMIT || q.limit < 1) throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'limit', limit: COQL_MAX_LIMIT });
  return q;
}

const USER_COLUMNS = ['id', 'name', 'full_name', 'email', 'first_name', 'last_name'];

interface Resolved {
  field: FieldSpec | undefined;
  get(record: StoredRecord): unknown;
}

function resolver(state: CrmState, module: ModuleSpec, column: string, clause: string): Resolved {
  const invalid = (): never => {
    throw new CoqlError('INVALID_QUERY', 'column given seems to be invalid', { column_name: column, clause });
  };
  if (column === 'id') return { field: undefined, get: (r) => r.id };
  const [head, tail] = column.split('.') as [string, string | undefined];
  const field = fieldOf(module, head);
  if (!field || field.type === 'profileimage') return invalid();
  if (!tail) return { field, get: (r) => r[head] };
  if (field.type === 'ownerlookup') {
    if (!USER_COLUMNS.includes(tail)) return invalid();
    return {
      field: { api: column, label: column, type: 'text' },
      get: (r) => {
        const user = state.users.find((u) => u.id === lookupId(r[head]));
        if (!user) return null;
        return tail === 'full_name' ? user.name : (user as unknown as Record<string, unknown>)[tail] ?? null;
      },
    };
  }
  if (field.type !== 'lookup' || !field.lookup || field.lookup === '*') return invalid();
  const target = MODULES_BY_API.get(field.lookup)!;
  const targetField = tail === 'id' ? undefined : fieldOf(target, tail);
  if (tail !== 'id' && !targetField) return invalid();
  const store = state.modules.get(target.api)!;
  return {
    field: targetField,
    get: (r) => {
      const id = lookupId(r[head]);
      if (!id) return null;
      if (tail === 'id') return id;
      return store.byId.get(id)?.[tail] ?? null;
    },
  };
}

function likeRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

function compile(state: CrmState, module: ModuleSpec, expr: CoqlExpr): (r: StoredRecord) => boolean {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const left = compile(state, module, expr.left);
    const right = compile(state, module, expr.right);
    return expr.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  const leaf = expr as Exclude<CoqlExpr, { kind: 'and' | 'or' }>;
  const column = leaf.column;
  const col = resolver(state, module, column, 'where');
  const badValue = (): never => {
    throw new CoqlError('INVALID_QUERY', 'value given seems to be invalid for the column', { column_name: column, clause: 'where' });
  };
  const isLookup = col.field?.type === 'lookup' || col.field?.type === 'ownerlookup';
  // A bare lookup column compares by id, as COQL does.
  const valueOf = (r: StoredRecord) => (isLookup ? (lookupId(col.get(r)) ?? null) : comparableValue(col.field, col.get(r)));
  const lit = (v: Literal) => {
    if (v === null) return null;
    if (isLookup) return String(v);
    const parsed = literalFor(col.field, v);
    return parsed === undefined ? badValue() : parsed;
  };
  switch (leaf.kind) {
    case 'null':
      return (r) => (valueOf(r) === null) !== leaf.not;
    case 'like': {
      const re = likeRegExp(leaf.pattern);
      return (r) => {
        const v = valueOf(r);
        return (typeof v === 'string' && re.test(v)) !== leaf.not;
      };
    }
    case 'in': {
      const values = leaf.values.map(lit);
      return (r) => values.some((v) => sameValue(valueOf(r), v)) !== leaf.not;
    }
    case 'between': {
      const low = lit(leaf.low);
      const high = lit(leaf.high);
      return (r) => {
        const v = valueOf(r);
        return (v !== null && compareValues(v, low) >= 0 && compareValues(v, high) <= 0) !== leaf.not;
      };
    }
    case 'cmp': {
      const value = lit(leaf.value);
      return (r) => {
        const v = valueOf(r);
        switch (leaf.op) {
          case '=':
            return value === null ? v === null : sameValue(v, value);
          case '!=':
            return value === null ? v !== null : !sameValue(v, value);
          case '<':
            return v !== null && compareValues(v, value) < 0;
          case '>':
            return v !== null && compareValues(v, value) > 0;
          case '<=':
            return v !== null && compareValues(v, value) <= 0;
          default:
            return v !== null && compareValues(v, value) >= 0;
        }
      };
    }
  }
}

const NUMERIC = new Set(['integer', 'bigint', 'double', 'currency']);

/** A column's value as a COQL row carries it: a bare lookup as `{id}`. */
function rowValue(name: string, col: Resolved, record: StoredRecord): unknown {
  const v = col.get(record);
  return (col.field?.type === 'lookup' || col.field?.type === 'ownerlookup') && !name.includes('.') ? (lookupId(v) ? { id: lookupId(v) } : null) : (v ?? null);
}

function aggregate(item: Extract<SelectItem, { kind: 'aggregate' }>, col: Resolved, records: StoredRecord[]): unknown {
  const values = records.map((r) => col.get(r)).filter((v) => v !== null && v !== undefined);
  if (item.fn === 'COUNT') return values.length;
  if (values.length === 0) return null;
  if (item.fn === 'SUM' || item.fn === 'AVG') {
    // Exact decimal arithmetic, as a database would sum currency; sent as a JSON number like Zoho's.
    const sum = values.reduce<Decimal>((a, v) => a.plus(new Decimal(String(v))), new Decimal(0));
    return (item.fn === 'SUM' ? sum : sum.dividedBy(values.length).toDecimalPlaces(9)).toNumber();
  }
  const sorted = [...values].sort((a, b) => compareValues(comparableValue(col.field, a), comparableValue(col.field, b)));
  return item.fn === 'MIN' ? sorted[0] : sorted[sorted.length - 1];
}

/** A query with aggregates or GROUP BY: one row per group (no `id`), in group order unless ordered. */
function runGrouped(state: CrmState, module: ModuleSpec, q: CoqlQuery, matched: StoredRecord[]): { rows: Record<string, unknown>[]; more: boolean } {
  for (const c of q.columns) if (!q.groupBy.includes(c)) throw new CoqlError('INVALID_QUERY', 'column given seems to be invalid', { column_name: c, clause: 'select', reason: 'a selected column must be grouped by' });
  const groups = q.groupBy.map((g) => ({ name: g, col: resolver(state, module, g, 'group by') }));
  const items = q.items.map((item) => {
    if (item.kind === 'column') return { item, col: groups.find((g) => g.name === item.name)!.col };
    const col = item.column === 'id' && item.fn === 'COUNT' ? resolver(state, module, 'id', 'select') : resolver(state, module, item.column, 'select');
    const type = col.field?.type;
    if ((item.fn === 'SUM' || item.fn === 'AVG') && !(type && NUMERIC.has(type))) throw new CoqlError('INVALID_QUERY', 'data type not supported', { column_name: item.column, clause: 'select', data_type: type ?? 'bigint' });
    return { item, col };
  });
  const byKey = new Map<string, StoredRecord[]>();
  for (const r of matched) {
    const key = JSON.stringify(groups.map((g) => rowValue(g.name, g.col, r)));
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  let rows = [...byKey.values()].map((records) => {
    const row: Record<string, unknown> = {};
    for (const { item, col } of items) row[item.kind === 'column' ? item.name : item.text] = item.kind === 'column' ? rowValue(item.name, col, records[0]!) : aggregate(item, col, records);
    return { row, first: records[0]! };
  });
  const order = q.orderBy.map((o) => {
    if (!q.groupBy.includes(o.column)) throw new CoqlError('INVALID_QUERY', 'column given seems to be invalid', { column_name: o.column, clause: 'order by', reason: 'order by a grouped column' });
    return { ...o, col: resolver(state, module, o.column, 'order by') };
  });
  if (order.length) {
    rows = rows.sort((a, b) => {
      for (const o of order) {
        const c = compareValues(comparableValue(o.col.field, o.col.get(a.first)), comparableValue(o.col.field, o.col.get(b.first)));
        if (c !== 0) return o.desc ? -c : c;
      }
      return 0;
    });
  }
  const page = rows.slice(q.offset, q.offset + q.limit).map((x) => x.row);
  return { rows: page, more: q.offset + q.limit < rows.length };
}

/** Runs a parsed query; rows hold the selected columns plus `id`, lookups as `{id}` like Zoho's COQL. */
export function runCoql(state: CrmState, q: CoqlQuery): { rows: Record<string, unknown>[]; more: boolean } {
  const store = state.modules.get(q.module);
  if (!store) throw new CoqlError('INVALID_QUERY', 'invalid query formed', { module: q.module, reason: 'the module is not supported', clause: 'from' });
  const module = store.spec;
  if (q.groupBy.length || q.items.some((it) => it.kind === 'aggregate')) {
    const filter = q.where ? compile(state, module, q.where) : () => true;
    return runGrouped(state, module, q, store.records.filter(filter));
  }
  const columns = q.columns.map((c) => ({ name: c, col: resolver(state, module, c, 'select') }));
  const filter = q.where ? compile(state, module, q.where) : () => true;
  const order = q.orderBy.map((o) => ({ ...o, col: resolver(state, module, o.column, 'order by') }));
  let matched = store.records.filter(filter);
  if (order.length) {
    matched = [...matched].sort((a, b) => {
      for (const o of order) {
        const c = compareValues(comparableValue(o.col.field, o.col.get(a)), comparableValue(o.col.field, o.col.get(b)));
        if (c !== 0) return o.desc ? -c : c;
      }
      return compareValues(a.id, b.id);
    });
  }
  const page = matched.slice(q.offset, q.offset + q.limit);
  const rows = page.map((r) => {
    const row: Record<string, unknown> = {};
    for (const { name, col } of columns) row[name] = rowValue(name, col, r);
    row.id = r.id;
    return row;
  });
  return { rows, more: q.offset + q.limit < matched.length };
}
