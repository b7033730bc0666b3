/** Input schemas, value checks and result shaping shared by the Books tools. */
import { compact, quoteInput, toTable, ToolInputError, type RecordTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksPageContext } from '../client.js';
import { AmountFormatError, amountFromZoho, formatAmount, parseAmount, zohoAmountText } from '../money.js';

/** Books reads `organization_id` from discovery when not configured; every tool may need that lookup. */
export const ORG_DISCOVERY_SCOPE = 'ZohoBooks.settings.READ';

export const DEFAULT_PER_PAGE = 25;

// ---------- inputs ----------
// Formats (digit ids, yyyy-mm-dd, decimal strings) are checked with refinements rather than JSON Schema
// patterns: the model learns them once from the plugin's instructions, not in every field of every tool.

const DIGITS = /^\d{1,30}$/;

/** A Books record id: digits, kept as a string (they exceed JavaScript's safe integers). Describe at the use site. */
export const idSchema = (what: string) =>
  z
    .string()
    .trim()
    .max(30)
    .refine((v) => DIGITS.test(v), `must be a Books ${what} id (digits only, as a string)`);

/** Oldest and latest year a date input may have: a sanity window, not a Zoho rule. */
const YEARS = { min: 1900, max: 2099 } as const;

/** Whether text is a real calendar date `yyyy-mm-dd` (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < YEARS.min || y > YEARS.max) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A yyyy-mm-dd calendar date. Describe at the use site. */
export const dateSchema = () =>
  z
    .string()
    .trim()
    .max(10)
    .refine(isCalendarDate, `must be a real calendar date as yyyy-mm-dd (${YEARS.min}–${YEARS.max})`);

/** A whole number in a range; the bounds are checked, and said in the field's description where they matter. */
export const intSchema = (min: number, max: number) => z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, `must be a whole number from ${min} to ${max}`);

export const pageSchema = intSchema(1, 10_000).optional().describe('Page (from next_page).');

export const perPageSchema = intSchema(1, 200).optional().describe(`Default ${DEFAULT_PER_PAGE}, max 200.`);

export const sortOrderSchema = z.enum(['asc', 'desc']).optional().describe('Sort direction.');

/** A money or quantity input: a decimal string (a JSON number is accepted and read as its decimal text). */
export const amountSchema = () => z.coerce.string().trim().max(30);

/** Text that may not be empty (checked, not advertised: the JSON Schema says only the bound). */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v.length > 0, 'must not be empty');

/** Free text searched in Books. */
export const searchSchema = () => textSchema(100);

/** An e-mail address, as far as a tool checks one before Books does. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function sortOrder(order: 'asc' | 'desc' | undefined): 'A' | 'D' | undefined {
  return order === undefined ? undefined : order === 'asc' ? 'A' : 'D';
}

// ---------- value checks (before anything is sent) ----------

/**
 * Largest amount, rate or quantity a tool sends: 9,999,999,999.99. Zoho does not publish its limit
 * (unconfirmed); this bound keeps every value exact as a JSON number (≤ 15 significant digits).
 */
export const MAX_AMOUNT = parseAmount('9999999999.99');

/** Parses a money or quantity input into hundredths, or fails with a field error before anything is sent. */
export function amountInput(value: number | string, field: string, rule: 'positive' | 'non_negative' = 'positive'): bigint {
  let units: bigint;
  try {
    units = parseAmount(value);
  } catch (err) {
    if (err instanceof AmountFormatError) throw new ToolInputError(field, err.message);
    throw err;
  }
  if (rule === 'positive' && units <= 0n) throw new ToolInputError(field, 'must be greater than 0');
  if (rule === 'non_negative' && units < 0n) throw new ToolInputError(field, 'must be 0 or more');
  if (units > MAX_AMOUNT) throw new ToolInputError(field, `${quoteInput(value)} is above the largest amount accepted (${formatAmount(MAX_AMOUNT)})`);
  return units;
}

/** A date range filter: the end may not come before the start (Books would answer nothing). */
export function checkDateRange(start: string | undefined, end: string | undefined, endField = 'date_end'): void {
  if (start && end && end < start) throw new ToolInputError(endField, `${end} is before the start date ${start}`);
}

/** Today's date (UTC) as yyyy-mm-dd. */
export function todayIso(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days a due date (yyyy-mm-dd) lies before `today`; undefined when it is not past or not a date. */
export function daysOverdue(due: unknown, today = todayIso()): number | undefined {
  if (typeof due !== 'string') return undefined;
  const at = Date.parse(`${due}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  return !Number.isNaN(at) && at < now ? Math.floor((now - at) / DAY_MS) : undefined;
}

/** A Books timestamp (`2024-02-10T11:25:54-0400`, offset without colon) in ms, or NaN. */
export function booksTimeMs(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

// ---------- results ----------

/** A quantity in hundredths as plain text: 300n → "3", 150n → "1.5". */
export function formatQuantity(hundredths: bigint): string {
  return formatAmount(hundredths).replace(/\.?0+$/, '');
}

/** Exact sums per currency of rows that carry money: `{ "USD": "1234.50" }` (never added across currencies). */
export function totalsByCurrency<T>(rows: readonly T[], currency: (row: T) => string | undefined, value: (row: T) => unknown): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    const units = amountFromZoho(value(row));
    if (units === undefined) continue;
    const code = currency(row) || 'unknown';
    sums.set(code, (sums.get(code) ?? 0n) + units);
  }
  return Object.fromEntries([...sums].map(([code, units]) => [code, formatAmount(units)]));
}

/** Fields that carry money in Books JSON; they become two-decimal strings in tool output. */
export const AMOUNT_KEY = /^(total|sub_total|tax_total|balance|payment_made|credits_applied|write_off_amount|adjustment|shipping_charge|discount_amount|rate|item_total|amount|amount_applied|unused_amount|balance_amount|bank_balance|current_balance|outstanding_receivable_amount|outstanding_payable_amount|unused_credits_receivable_amount|unused_credits_payable_amount|line_item_total)$/;

/**
 * System noise, the documented list of what shaping leaves out:
 * - formatting and currency mirrors (`*_formatted`, `currency_id`/`currency_symbol`: the currency is
 *   `currency_code`; base-currency mirrors `bcy_*`/`*_bcy`, `exchange_rate`);
 * - templates, print layout, links and portal/UI flags (`template_*`, `page_*`, `orientation`, `*_url`,
 *   `color_code`, SMS/ACH/auto-bill/review/portal/Square switches, copies, attachments, documents);
 * - audit stamps and provenance (`created_time`, `last_modified_time`, `created_date`, `*_by_id`,
 *   `last_modified_id`, `invoice_source`), record-internal ids of sub-records (`address_id`, the bank-feed
 *   statement line behind a matched transaction, `imported_transaction_id`) and Books' own ordering
 *   (`item_order`);
 * - mirrors Books derives from other fields (`due_days` from the due date, `current_sub_status` from the
 *   status, `custom_field_hash` from `custom_fields`, `has_transaction`, `uncategorized_transactions`…).
 */
export const NOISE =
  /^\$|_formatted$|^template_|^bcy_|_bcy$|_url$|_by_id$|^(is_emailed|is_viewed_by_client|has_attachment|is_pre_gst|is_inclusive_tax|is_discount_before_tax|color_code|current_sub_status(_id)?|sub_statuses|page_width|page_height|orientation|documents|attachment_name|can_send_in_mail|ach_payment_initiated|ach_supported|schedule_time|client_viewed_time|mail_first_viewed_time|mail_last_viewed_time|price_precision|currency_id|currency_symbol|exchange_rate|last_modified_id|invoice_url|item_order|is_feeds_subscribed|is_feeds_active|is_paypal_account|total_unprinted_checks|uncategorized_transactions|is_system_account|is_involved_in_transaction|parent_account_id|is_user_created|created_time|last_modified_time|created_date|invoice_source|custom_field_hash|customer_custom_field_hash|lock_details|is_autobill_enabled|inprocess_transaction_present|can_send_invoice_sms|stop_reminder_until_payment_expected_date|reader_offline_payment_initiated|is_client_review_settings_enabled|is_client_review_asked|no_of_copies|show_no_of_copies|includes_package_tracking_info|can_show_customer_ob|can_show_vendor_ob|associated_with_square|has_transaction|address_id|due_days|imported_transaction_id|is_added_in_portal|can_invite|is_sms_enabled_for_cp|communication_preference|entity_type)$/;

/** Adjustments and counters that only matter when non-zero (zero is Books' default, not information). */
export const ZERO_NOISE = new Set([
  'discount',
  'discount_amount',
  'tax_total',
  'shipping_charge',
  'adjustment',
  'credits_applied',
  'write_off_amount',
  'unused_amount',
  'outstanding_payable_amount',
  'unused_credits_receivable_amount',
  'unused_credits_payable_amount',
  'discount_total',
  'discount_percent',
  'discount_applied_on_amount',
  'shipping_charge_exclusive_of_tax',
  'shipping_charge_inclusive_of_tax',
  'sub_total_inclusive_of_tax',
  'roundoff_value',
  'payment_discount',
  'tax_amount_withheld',
  'unused_retainer_payments',
  'tax_percentage',
  'cost_amount',
  'reminders_sent',
  'credit_limit_exceeded_amount',
  'opening_balance_amount',
  'outstanding_ob_receivable_amount',
  'outstanding_ob_payable_amount',
  'vendor_credits_applied',
  'tds_total',
]);

const isZero = (v: unknown) => v === 0 || v === '0' || v === '0.00';

/**
 * Settings at Books' default value, left out only while they hold it (any other value is kept): a
 * document's discount, rounding and tax computation modes, the default adjustment label, no late fee, payment
 * reminders and SMS on, partial payments off, the portal disabled, English, direct sales, no CRM link, and a
 * line's `tax_type` `tax` with no tax applied.
 */
export const BOOKS_DEFAULTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  discount_type: (v) => v === 'item_level',
  adjustment_description: (v) => v === 'Adjustment',
  tax_rounding: (v) => v === 'entity_level',
  transaction_rounding_type: (v) => v === 'no_rounding',
  computation_type: (v) => v === 'basic',
  journal_type: (v) => v === 'both',
  payment_reminder_enabled: (v) => v === true,
  is_sms_enabled: (v) => v === true,
  allow_partial_payments: (v) => v === false,
  portal_status: (v) => v === 'disabled',
  language_code: (v) => v === 'en',
  sales_channel: (v) => v === 'direct_sales',
  is_crm_customer: (v) => v === false,
  is_linked_with_zohocrm: (v) => v === false,
  tax_type: (v) => v === 'tax',
  late_fee: (v) => !!v && typeof v === 'object' && isZero((v as Record<string, unknown>).rate) && isZero((v as Record<string, unknown>).amount),
};

/** Whether two addresses say the same (ids aside): a shipping address equal to the billing one is a mirror. */
export function sameAddress(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) => {
    if (!x || typeof x !== 'object') return '';
    const { address_id: _id, ...rest } = x as Record<string, unknown>;
    return JSON.stringify(Object.entries(rest).filter(([, v]) => v !== '' && v !== null && v !== undefined).sort(([k1], [k2]) => k1.localeCompare(k2)));
  };
  return norm(a) === norm(b);
}

/** Whether a Books field carries no information: a zero adjustment or a setting at its default. */
export function isBooksDefault(key: string, value: unknown): boolean {
  if (ZERO_NOISE.has(key) && isZero(value)) return true;
  const isDefault = BOOKS_DEFAULTS[key];
  return isDefault !== undefined && isDefault(value);
}

/** Books' custom fields (`[{customfield_id, label, value, …}]`) as the model reads them: `{label: value}`. */
function customFields(list: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of list) {
    if (!f || typeof f !== 'object') continue;
    const { label, api_name, value } = f as Record<string, unknown>;
    const name = typeof label === 'string' && label ? label : typeof api_name === 'string' ? api_name : undefined;
    if (name !== undefined && value !== undefined && value !== null && value !== '') out[name] = value;
  }
  return out;
}

function convertAmounts(value: unknown, key = ''): unknown {
  if (key === 'custom_fields' && Array.isArray(value)) return customFields(value);
  if (Array.isArray(value)) return value.map((v) => convertAmounts(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isBooksDefault(k, v)) continue;
      out[k] = convertAmounts(v, k);
    }
    return out;
  }
  if (AMOUNT_KEY.test(key) && (typeof value === 'number' || typeof value === 'string')) return zohoAmountText(value) ?? value;
  return value;
}

/**
 * Compact model-ready copy of a Books record: money as exact two-decimal strings, ids as strings, and no
 * nulls, empties or system noise.
 */
export function shapeRecord<T = Record<string, unknown>>(record: unknown, drop: readonly string[] = []): T {
  return (compact(convertAmounts(record), { noise: NOISE, drop }) ?? {}) as T;
}

/** A list as the model reads it: one table, and the values every row shares said once beside it. */
export interface BooksTable {
  table: RecordTable;
  /** Values every row has (at least two rows): the currency, or the status a filter asked for. */
  every_row?: Record<string, unknown>;
}

/**
 * Books' flat name/id pairs: where a list repeats the same customer, vendor or account down its rows, the
 * table says each one's id once, in `ids` under the name column (core's `toTable` decides when that is shorter).
 */
export const BOOKS_NAME_ID_PAIRS: Readonly<Record<string, string>> = {
  customer_name: 'customer_id',
  vendor_name: 'vendor_id',
  account_name: 'account_id',
  category: 'category_id',
  paid_through: 'paid_through_account_id',
};

/**
 * Renders shaped rows as core's table (`{columns, rows}`, repeated customers', vendors' and accounts' ids
 * said once in `ids`). A plain value that every row (of two or more) has
 * leaves the table and is said once in `every_row`, to sit beside it; nothing is lost.
 */
export function booksTable(records: readonly Record<string, unknown>[], columns: readonly string[]): BooksTable {
  const [first] = records;
  const common: Record<string, unknown> = {};
  if (first && records.length >= 2) {
    const keys = [...columns.filter((c) => c in first), ...Object.keys(first).filter((k) => !columns.includes(k))];
    for (const key of keys) {
      const value = first[key];
      if (value !== null && value !== undefined && typeof value !== 'object' && records.every((r) => r[key] === value)) common[key] = value;
    }
  }
  const pairs = BOOKS_NAME_ID_PAIRS;
  if (!Object.keys(common).length) return { table: toTable(records, { columns, pairs }) };
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => !(key in common))));
  return { table: toTable(rows, { columns, pairs }), every_row: common };
}

/** Paging facts for a list result: `next_page` only when Books says there is more. */
export function paging(context: BooksPageContext | undefined, requestedPage: number): { page: number; has_more: boolean; next_page?: number } {
  const page = typeof context?.page === 'number' ? context.page : requestedPage;
  const hasMore = context?.has_more_page === true;
  return hasMore ? { page, has_more: true, next_page: page + 1 } : { page, has_more: false };
}

/**
 * A list tool's result: paging, `page_totals` (when the list has money), `every_row`, then the table under
 * `key`, in that order.
 */
export function listResult(
  key: string,
  context: BooksPageContext | undefined,
  page: number,
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  pageTotals?: Record<string, Record<string, string>>,
): Record<string, unknown> {
  const { table, every_row } = booksTable(rows, columns);
  return {
    ...paging(context, page),
    ...(pageTotals ? { page_totals: pageTotals } : {}),
    ...(every_row ? { every_row } : {}),
    [key]: table,
  };
}

/**
 * The one item a name picks: the exact name (any case), else the only name that contains it. Otherwise a
 * field error that lists the candidates (`one`: "expense category"; `many`: "categories").
 */
export function pickByName<T>(items: readonly T[], wanted: string, nameOf: (item: T) => string | undefined, error: { field: string; one: string; many: string }): T {
  const lower = wanted.toLowerCase();
  const exact = items.filter((i) => (nameOf(i) ?? '').toLowerCase() === lower);
  const partial = items.filter((i) => (nameOf(i) ?? '').toLowerCase().includes(lower));
  const match = exact.length === 1 ? exact[0] : partial.length === 1 ? partial[0] : undefined;
  if (match !== undefined) return match;
  const names = (partial.length > 1 ? partial : items).map(nameOf).join(', ');
  const asked = quoteInput(wanted);
  throw new ToolInputError(error.field, partial.length > 1 ? `${asked} matches several ${error.many}: ${names}; use the exact name` : `no ${error.one} is named ${asked}; ${error.many}: ${names}`);
}

export { formatAmount };
