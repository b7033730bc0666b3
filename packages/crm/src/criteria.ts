/**
 * Search criteria for `GET /crm/v8/{module}/search`: `((Field:operator:value)and(Field:operator:value))`.
 * Values are escaped here so a name like `Burns, B (Jr.)` cannot break the expression.
 */

export type CriteriaOperator =
  | 'equals'
  | 'not_equal'
  | 'starts_with'
  | 'in'
  | 'not_in'
  | 'greater_than'
  | 'greater_equal'
  | 'less_than'
  | 'less_equal'
  | 'between';

export const CRITERIA_OPERATORS: readonly CriteriaOperator[] = [
  'equals',
  'not_equal',
  'starts_with',
  'in',
  'not_in',
  'greater_than',
  'greater_equal',
  'less_than',
  'less_equal',
  'between',
];

export type CriteriaValue = string | number | boolean;

export interface CriteriaCondition {
  /** Field API name, e.g. `Last_Name`. */
  field: string;
  operator: CriteriaOperator;
  /** One value; a list for `in`/`not_in`; exactly two for `between`. */
  value: CriteriaValue | readonly CriteriaValue[];
}

/** Escapes a criteria value: backslash first, then `(`, `)` and `,` each get a backslash. */
export function escapeCriteriaValue(value: CriteriaValue): string {
  return String(value).replace(/[\\(),]/g, (ch) => `\\${ch}`);
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

/** One `(Field:operator:value)` group; list operators join their escaped values with a bare comma. */
export function criteriaCondition(condition: CriteriaCondition): string {
  const { field, operator } = condition;
  if (!FIELD_NAME.test(field)) throw new RangeError(`"${field}" is not a field API name`);
  if (!CRITERIA_OPERATORS.includes(operator)) throw new RangeError(`unknown criteria operator "${operator}"`);
  const values = Array.isArray(condition.value) ? (condition.value as readonly CriteriaValue[]) : [condition.value as CriteriaValue];
  if (values.length === 0) throw new RangeError(`${field}: ${operator} needs a value`);
  if (operator === 'between' && values.length !== 2) throw new RangeError(`${field}: between needs exactly two values`);
  if (values.length > 1 && operator !== 'in' && operator !== 'not_in' && operator !== 'between') {
    throw new RangeError(`${field}: ${operator} takes one value (use "in" for a list)`);
  }
  return `(${field}:${operator}:${values.map(escapeCriteriaValue).join(',')})`;
}

/** Joins conditions (or already-built groups) with one logical operator: `((a)and(b))`. */
export function buildCriteria(conditions: readonly (CriteriaCondition | string)[], join: 'and' | 'or' = 'and'): string {
  const parts = conditions.map((c) => (typeof c === 'string' ? c : criteriaCondition(c)));
  if (parts.length === 0) throw new RangeError('criteria need at least one condition');
  return parts.length === 1 ? parts[0]! : `(${parts.join(join)})`;
}

// ---------- COQL ----------

/** A COQL string literal: single quotes, a quote inside doubled. */
export const coqlQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** `((a and b) and c)`: COQL wants more than two conditions grouped in pairs; none is every record. */
export function coqlAllOf(conditions: readonly string[]): string {
  if (conditions.length === 0) return 'id is not null';
  return conditions.reduce((acc, c) => `(${acc} and ${c})`);
}
