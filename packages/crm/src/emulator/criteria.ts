/**
 * The search `criteria` grammar: `(Field:operator:value)` groups joined by `and`/`or`, nested with
 * parentheses. Inside values, `\(`, `\)`, `\,` and `\\` are literal characters; a bare `,` separates
 * the values of `in`/`not_in`/`between`. Errors carry the `details` shapes of module_search.json's
 * INVALID_QUERY (`{reason, api_name}` plus `operator`, `value` or `expected_data_type`).
 */
import { fieldOf, type ModuleSpec } from './metadata.js';
import type { StoredRecord } from './state.js';
import { compareValues, comparableValue, literalFor, lookupId, sameValue } from './values.js';

export type CriteriaNode = { kind: 'cond'; field: string; operator: string; values: string[] } | { kind: 'group'; op: 'and' | 'or'; children: CriteriaNode[] };

export class CriteriaError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    /** The message Zoho answers when it is not the usual "Invalid query formed". */
    readonly zohoMessage?: string,
  ) {
    super(message);
  }
}

/** module_search.json: `Only 100 values are allowed in "IN" criteria`. */
export const MAX_IN_VALUES = 100;

export const SEARCH_OPERATORS = ['equals', 'not_equal', 'starts_with', 'in', 'not_in', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between'];

export function parseCriteria(text: string): CriteriaNode {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new CriteriaError(reason, { reason: `${reason} at position ${pos}`, api_name: 'criteria' });
  };

  function parseExpr(): CriteriaNode {
    const first = parseGroup();
    const children = [first];
    let op: 'and' | 'or' | undefined;
    for (;;) {
      const rest = text.slice(pos).toLowerCase();
      const m = /^\s*(and|or)\s*/.exec(rest);
      if (!m) break;
      const next = m[1] as 'and' | 'or';
      if (op && op !== next) fail('mixing and/or needs parentheses');
      op = next;
      pos += m[0].length;
      children.push(parseGroup());
    }
    return children.length === 1 ? first : { kind: 'group', op: op!, children };
  }

  function parseGroup(): CriteriaNode {
    while (text[pos] === ' ') pos++;
    if (text[pos] !== '(') fail('expected "("');
    pos++;
    let node: CriteriaNode;
    if (text[pos] === '(') node = parseExpr();
    else node = parseCondition();
    while (text[pos] === ' ') pos++;
    if (text[pos] !== ')') fail('expected ")"');
    pos++;
    return node;
  }

  function parseCondition(): CriteriaNode {
    const m = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?):([a-z_]+):/.exec(text.slice(pos));
    if (!m) fail('expected Field:operator:value');
    pos += m![0].length;
    const values: string[] = [];
    let current = '';
    for (;;) {
      const ch = text[pos];
      if (ch === undefined) fail('unterminated condition');
      if (ch === '\\') {
        const next = text[pos + 1];
        if (next === undefined) fail('dangling backslash');
        current += next;
        pos += 2;
        continue;
      }
      if (ch === ')') break;
      if (ch === '(') fail('unescaped "(" in a value');
      if (ch === ',') {
        values.push(current);
        current = '';
        pos++;
        continue;
      }
      current += ch;
      pos++;
    }
    values.push(current);
    return { kind: 'cond', field: m![1]!, operator: m![2]!, values };
  }

  const node = parseExpr();
  if (pos !== text.length) fail('unexpected text after criteria');
  return node;
}

export function countConditions(node: CriteriaNode): number {
  return node.kind === 'cond' ? 1 : node.children.reduce((n, c) => n + countConditions(c), 0);
}

/** Checks fields and operators against the module; throws CriteriaError naming the problem. */
export function checkCriteria(node: CriteriaNode, module: ModuleSpec): void {
  if (node.kind === 'group') return node.children.forEach((c) => checkCriteria(c, module));
  const field = node.field === 'id' ? undefined : fieldOf(module, node.field.split('.')[0]!);
  if (node.field !== 'id' && !field) throw new CriteriaError('invalid field', { api_name: node.field, reason: 'the field is not in the module' });
  if (!SEARCH_OPERATORS.includes(node.operator)) throw new CriteriaError('invalid operator found', { api_name: node.field, operator: node.operator, reason: 'invalid operator found' });
  if (node.operator === 'between' && node.values.length !== 2) throw new CriteriaError('between needs two values', { api_name: node.field, operator: node.operator, reason: 'between takes two values' });
  if ((node.operator === 'in' || node.operator === 'not_in') && node.values.length > MAX_IN_VALUES) {
    throw new CriteriaError('too many values', { api_name: node.field }, `Only ${MAX_IN_VALUES} values are allowed in "IN" criteria`);
  }
  if (node.values.length > 1 && !['in', 'not_in', 'between'].includes(node.operator)) {
    throw new CriteriaError('more than one value', { api_name: node.field, operator: node.operator, reason: 'use in for several values' });
  }
  for (const value of node.values) {
    if (value.trim() === 'null' || !field) continue;
    if (literalFor(field, value) === undefined) {
      throw new CriteriaError('invalid value', { api_name: node.field, expected_data_type: field.type, reason: `"${value.slice(0, 100)}" is not a ${field.type}` });
    }
  }
}

export function matchCriteria(node: CriteriaNode, record: StoredRecord, module: ModuleSpec): boolean {
  if (node.kind === 'group') {
    return node.op === 'and' ? node.children.every((c) => matchCriteria(c, record, module)) : node.children.some((c) => matchCriteria(c, record, module));
  }
  const field = node.field === 'id' ? undefined : fieldOf(module, node.field);
  const raw = node.field === 'id' ? record.id : record[node.field];
  const id = lookupId(raw);
  const value = comparableValue(field, raw);
  const literals = node.values.map((v) => literalFor(field, v.trim() === 'null' ? null : v));
  const eq = (lit: unknown) => sameValue(value, lit) || (id !== undefined && id === lit);
  switch (node.operator) {
    case 'equals':
      return eq(literals[0]);
    case 'not_equal':
      return !eq(literals[0]);
    case 'starts_with':
      return typeof value === 'string' && value.toLowerCase().startsWith(String(literals[0] ?? '').toLowerCase());
    case 'in':
      return literals.some(eq);
    case 'not_in':
      return !literals.some(eq);
    case 'greater_than':
      return value !== null && compareValues(value, literals[0]) > 0;
    case 'greater_equal':
      return value !== null && compareValues(value, literals[0]) >= 0;
    case 'less_than':
      return value !== null && compareValues(value, literals[0]) < 0;
    case 'less_equal':
      return value !== null && compareValues(value, literals[0]) <= 0;
    case 'between':
      return value !== null && compareValues(value, literals[0]) >= 0 && compareValues(value, literals[1]) <= 0;
    default:
      return false;
  }
}
