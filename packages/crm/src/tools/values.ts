/**
 * Checks of record values against the module's field metadata (`GET /settings/fields`), run before the
 * person is asked to approve a write: a value Zoho would refuse for a reason we can know (a picklist value
 * that does not exist, "lots" for an integer, a date in the wrong shape, a text over the field's length, a
 * lookup id sent as a number) is an error here, naming the field and what to send instead.
 */
import { closestNames, quoteInput, ToolInputError } from '@zoho-agent-kit/core';
import type { CrmField } from '../client.js';

const DIGITS = /^\d{1,25}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 with seconds optional, fractions and an offset (or Z, sent as +00:00). */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const INTEGER_TEXT = /^-?\d+$/;
/** Phone numbers: some digits, no control characters (Zoho's own check is unconfirmed, so this stays loose). */
const PHONE = /^[^\p{Cc}]*\d[^\p{Cc}]*$/u;
/** A website: an optional http(s) scheme, a host with a dot, no spaces. */
const WEBSITE = /^(https?:\/\/)?[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]\S*)?$/i;
/** Picklist values listed in an error, at most. */
const MAX_LISTED_VALUES = 12;

const NUMERIC_TYPES = new Set(['double', 'decimal', 'currency', 'percent']);
const USER_TYPES = new Set(['ownerlookup', 'userlookup']);
const TEXT_TYPES = new Set(['text', 'textarea']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The valid values of a picklist field (without Zoho's `-None-` placeholder). */
export function picklistValues(field: CrmField): string[] {
  return (field.pick_list_values ?? []).map((p) => p.actual_value).filter((v) => typeof v === 'string' && v !== '' && v !== '-None-');
}

function listValues(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => JSON.stringify(v)).join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown} … (${values.length - MAX_LISTED_VALUES} more; crm_describe_module lists them)` : shown;
}

/** Whether year, month (1–12) and day name a day that exists (2026-02-30 does not). */
export function validCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The id of a lookup value given as `{id}` or an id string; a number is refused (JSON rounds long ones). */
function lookupId(value: unknown, fail: (what: string) => never): string {
  if (typeof value === 'number' || typeof value === 'bigint') {
    fail(`is the number ${String(value).slice(0, 25)}; send ids as strings, e.g. {"id":"4150868000000100003"} (JSON rounds numbers beyond 2^53)`);
  }
  if (typeof value === 'string') {
    if (!DIGITS.test(value)) fail(`must be a record id (digits) or {"id":"…"}, not ${quoteInput(value)}`);
    return value;
  }
  if (isObject(value)) {
    const extra = Object.keys(value).filter((k) => k !== 'id' && k !== 'name');
    if (extra.length) fail(`takes {"id":"…"}; unknown key ${quoteInput(extra[0])}`);
    if (typeof value.id === 'number') fail(`has id as the number ${String(value.id).slice(0, 25)}; send ids as strings`);
    if (typeof value.id !== 'string' || !DIGITS.test(value.id)) fail('needs {"id":"…"} with the record id as a string of digits');
    return value.id;
  }
  return fail('must be {"id":"…"} (or the id as a string)');
}

function digitsOf(n: number): number {
  return String(Math.trunc(Math.abs(n))).length;
}

export interface FieldContext {
  module: string;
  /** Path of the value in the tool input, e.g. `records[0].Lead_Status`. */
  path: string;
  /** Whether the field must keep a value (system or standard-layout mandatory). */
  mandatory: boolean;
}

/**
 * One value, checked and brought to the form Zoho takes: numbers from numeric strings, `{id}` from an id
 * string, `+00:00` for `Z`, a picklist value in its exact spelling. Throws a ToolInputError naming the field.
 */
export function checkFieldValue(field: CrmField, value: unknown, ctx: FieldContext): unknown {
  const name = `${ctx.module}.${field.api_name}`;
  const fail = (what: string): never => {
    throw new ToolInputError(ctx.path, `${name} (${field.data_type}) ${what}`);
  };
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    if (ctx.mandatory) fail('is required and cannot be cleared');
    return null;
  }
  const type = field.data_type;
  const max = typeof field.length === 'number' && field.length > 0 ? field.length : undefined;
  const text = (allowNumber: boolean): string => {
    if (typeof value === 'number' && allowNumber && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') fail(`takes text, not ${quoteInput(value)}`);
    const s = value as string;
    if (max !== undefined && s.length > max) fail(`takes at most ${max} characters; got ${s.length} (${quoteInput(s, 20)})`);
    return s;
  };
  switch (type) {
    case 'text':
    case 'textarea':
      return text(true);
    case 'email': {
      const s = text(false).trim();
      if (!EMAIL.test(s)) fail(`needs an email address like name@example.com, not ${quoteInput(s)}`);
      return s;
    }
    case 'phone': {
      if (typeof value === 'number') fail('takes the number as a string, e.g. "+1 512 555 0101" (a JSON number drops leading zeros and +)');
      const s = text(false);
      if (!PHONE.test(s)) fail(`needs a phone number with digits, not ${quoteInput(s)}`);
      return s;
    }
    case 'website': {
      const s = text(false).trim();
      if (!WEBSITE.test(s)) fail(`needs a web address like https://example.com, not ${quoteInput(s)}`);
      return s;
    }
    case 'picklist': {
      const values = picklistValues(field);
      if (typeof value !== 'string') fail(`takes one of ${listValues(values)}; got ${quoteInput(value)}`);
      const s = value as string;
      if (values.length === 0 || values.includes(s)) return s;
      const sameCase = values.filter((v) => v.toLowerCase() === s.trim().toLowerCase());
      if (sameCase.length === 1) return sameCase[0];
      const close = closestNames(s, values);
      return fail(`has no value ${quoteInput(s)}${close.length ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : '.'} Valid values: ${listValues(values)}`);
    }
    case 'multiselectpicklist': {
      const values = picklistValues(field);
      const list = typeof value === 'string' ? fail(`takes a list, e.g. [${JSON.stringify(values[0] ?? 'A')}]`) : value;
      if (!Array.isArray(list)) return fail(`takes a list of values from ${listValues(values)}`);
      return list.map((item: unknown) => {
        if (typeof item !== 'string') fail(`takes text values, not ${quoteInput(item)}`);
        const s = item as string;
        if (values.length && !values.includes(s)) {
          const sameCase = values.filter((v) => v.toLowerCase() === s.toLowerCase());
          if (sameCase.length === 1) return sameCase[0];
          fail(`has no value ${quoteInput(s)}. Valid values: ${listValues(values)}`);
        }
        return s;
      });
    }
    case 'integer':
    case 'bigint': {
      const n = typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) fail(`takes a whole number, not ${quoteInput(value)}`);
      const limit = type === 'integer' ? (max ?? 9) : (max ?? 18);
      if (!Number.isSafeInteger(n) || digitsOf(n as number) > limit) fail(`takes at most ${limit} digits; got ${quoteInput(value)}`);
      return n;
    }
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value.trim()) : null;
      if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) fail(`takes a date as "yyyy-mm-dd", e.g. "2026-03-31"; got ${quoteInput(value)}`);
      return (value as string).trim();
    }
    case 'datetime': {
      const m = typeof value === 'string' ? DATETIME.exec(value.trim()) : null;
      const ok = m && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60;
      if (!m || !ok) fail(`takes a date-time with its offset, e.g. "2026-03-31T15:00:00-05:00"; got ${quoteInput(value)}`);
      const [, y, mo, d, h, mi, s, , zone] = m!;
      return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone === 'Z' ? '+00:00' : zone}`;
    }
    case 'boolean':
      if (value === true || value === false) return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(`takes true or false, not ${quoteInput(value)}`);
    case 'lookup':
    case 'ownerlookup':
    case 'userlookup':
      return { id: lookupId(value, fail) };
    case 'multiuserlookup':
    case 'multiselectlookup':
      if (!Array.isArray(value)) return fail('takes a list');
      return value;
    case 'profileimage':
    case 'imageupload':
    case 'fileupload':
      return fail('cannot be set through this tool (it takes an upload)');
    default:
      if (NUMERIC_TYPES.has(type)) {
        const n = typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
        if (typeof n !== 'number' || !Number.isFinite(n)) fail(`takes a number, not ${quoteInput(value)}`);
        const decimals = typeof field.decimal_place === 'number' ? field.decimal_place : 0;
        const whole = max !== undefined ? Math.max(1, max - decimals) : undefined;
        if (whole !== undefined && digitsOf(n as number) > whole) fail(`takes at most ${whole} digits before the decimal point; got ${quoteInput(value)}`);
        return n;
      }
      // Types this kit does not know (subforms, reminders…): only their JSON shape is checked.
      if (field.json_type === 'jsonarray' && !Array.isArray(value)) return fail('takes a list');
      if (field.json_type === 'jsonobject' && !isObject(value)) return fail('takes an object');
      return value;
  }
}

/** A value compared as Zoho stores it, so a read-back can tell whether a write landed. */
export function sameFieldValue(field: CrmField | undefined, sent: unknown, stored: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (blank(sent)) return blank(stored);
  if (blank(stored)) return false;
  const type = field?.data_type ?? '';
  if (isObject(sent) && 'id' in sent) return isObject(stored) && String(stored.id) === String(sent.id);
  if (type === 'integer' || type === 'bigint' || NUMERIC_TYPES.has(type)) {
    const a = Number(sent);
    const b = Number(stored);
    const decimals = typeof field?.decimal_place === 'number' ? field.decimal_place : 9;
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 0.5 * 10 ** -decimals + 1e-9;
  }
  if (type === 'datetime') return Date.parse(String(sent)) === Date.parse(String(stored));
  if (type === 'boolean') return sent === stored;
  if (Array.isArray(sent)) return Array.isArray(stored) && JSON.stringify([...sent].map(String).sort()) === JSON.stringify([...stored].map(String).sort());
  if (typeof sent === 'object' || typeof stored === 'object') return JSON.stringify(sent) === JSON.stringify(stored);
  const norm = (v: unknown) => String(v).trim().replace(/\s+/g, ' ');
  return type === 'email' ? norm(sent).toLowerCase() === norm(stored).toLowerCase() : norm(sent) === norm(stored);
}

/** Whether a read-back can compare this field's value (subforms, uploads and the like are skipped). */
export function comparableField(field: CrmField | undefined): boolean {
  if (!field) return false;
  return TEXT_TYPES.has(field.data_type) || USER_TYPES.has(field.data_type) || NUMERIC_TYPES.has(field.data_type) ||
    ['email', 'phone', 'website', 'picklist', 'multiselectpicklist', 'integer', 'bigint', 'date', 'datetime', 'boolean', 'lookup'].includes(field.data_type);
}
