/** Input schemas and result shaping shared by the Books tools. */
import { compact, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksPageContext } from '../client.js';
import { AmountFormatError, amountFromZoho, formatAmount, parseAmount, zohoAmountText } from '../money.js';

/** Books reads `organization_id` from discovery when not configured; every tool may need that lookup. */
export const ORG_DISCOVERY_SCOPE = 'ZohoBooks.settings.READ';

export const DEFAULT_PER_PAGE = 25;

/** A Books record id: digits, kept as a string (they exceed JavaScript's safe integers). Describe at the use site. */
export const idSchema = (what: string) =>
  z
    .string()
    .trim()
    .max(30)
    .regex(/^\d{1,30}$/, `must be a Books ${what} id (digits only, as a string)`);

/** A yyyy-mm-dd date. Describe at the use site. */
export const dateSchema = () =>
  z
    .string()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use yyyy-mm-dd')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a calendar date');

export const pageSchema = z.number().int().min(1).default(1).describe('Page number, starting at 1. Ask for the next page only when the result says next_page.');

export const perPageSchema = z
  .number()
  .int()
  .min(1)
  .max(200)
  .default(DEFAULT_PER_PAGE)
  .describe(`Rows per page (1–200, default ${DEFAULT_PER_PAGE}). Keep it small; page on instead.`);

export const sortOrderSchema = z.enum(['asc', 'desc']).optional().describe('Sort direction: "asc" (smallest/oldest first) or "desc".');

/** A money input: a JSON number or a decimal string, at most 2 decimal places. */
export const amountSchema = () => z.union([z.number(), z.string().trim().min(1).max(30)]);

/** Today's date (UTC) as yyyy-mm-dd. */
export function todayIso(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A quantity in hundredths as plain text: 300n → "3", 150n → "1.5". */
export function formatQuantity(hundredths: bigint): string {
  return formatAmount(hundredths).replace(/\.?0+$/, '');
}

/** Page totals per currency of rows that carry money, exact. */
export function sumByCurrency<T>(rows: readonly T[], currency: (row: T) => string | undefined, value: (row: T) => unknown): { currency_code: string; total: string }[] {
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    const units = amountFromZoho(value(row));
    if (units === undefined) continue;
    const code = currency(row) ?? 'unknown';
    sums.set(code, (sums.get(code) ?? 0n) + units);
  }
  return [...sums].map(([currency_code, units]) => ({ currency_code, total: formatAmount(units) }));
}

export function sortOrder(order: 'asc' | 'desc' | undefined): 'A' | 'D' | undefined {
  return order === undefined ? undefined : order === 'asc' ? 'A' : 'D';
}

/** Parses a money input into cents, or fails with a field error before anything is sent. */
export function amountInput(value: number | string, field: string): bigint {
  try {
    return parseAmount(value);
  } catch (err) {
    if (err instanceof AmountFormatError) throw new ToolInputError(field, err.message);
    throw err;
  }
}

/** Fields that carry money in Books JSON; they become two-decimal strings in tool output. */
const AMOUNT_KEY = /^(total|sub_total|tax_total|balance|payment_made|credits_applied|write_off_amount|adjustment|shipping_charge|discount_amount|rate|item_total|amount|amount_applied|unused_amount|balance_amount|bank_balance|current_balance|bcy_total|bcy_balance|outstanding_receivable_amount|outstanding_payable_amount|unused_credits_receivable_amount|unused_credits_payable_amount)$/;

/** System noise: formatting, templates, UI flags and mirrors of the base currency that tell a model nothing. */
const NOISE = /^\$|_formatted$|^template_|^(is_emailed|is_viewed_by_client|has_attachment|is_pre_gst|is_inclusive_tax|is_discount_before_tax|color_code|current_sub_status(_id)?|page_width|page_height|orientation|documents|attachment_name|can_send_in_mail|ach_payment_initiated|schedule_time|client_viewed_time|mail_first_viewed_time|mail_last_viewed_time|price_precision|currency_id|currency_symbol|exchange_rate|bcy_total|bcy_balance|created_by_id|last_modified_by_id|invoice_url|custom_fields|item_order|is_feeds_subscribed|is_feeds_active|is_paypal_account|total_unprinted_checks|uncategorized_transactions|is_system_account|is_involved_in_transaction|parent_account_id|is_user_created)$/;

/** Adjustments that only matter when non-zero. */
const ZERO_NOISE = new Set(['discount', 'discount_amount', 'tax_total', 'shipping_charge', 'adjustment', 'credits_applied', 'write_off_amount', 'unused_amount', 'outstanding_payable_amount', 'unused_credits_receivable_amount', 'unused_credits_payable_amount']);

function convertAmounts(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => convertAmounts(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (ZERO_NOISE.has(k) && (v === 0 || v === '0' || v === '0.00' || v === 0.0)) continue;
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

/** Paging facts for a list result: `next_page` only when Books says there is more. */
export function paging(context: BooksPageContext | undefined, requestedPage: number): { page: number; has_more: boolean; next_page?: number } {
  const page = typeof context?.page === 'number' ? context.page : requestedPage;
  const hasMore = context?.has_more_page === true;
  return hasMore ? { page, has_more: true, next_page: page + 1 } : { page, has_more: false };
}

export { formatAmount };
