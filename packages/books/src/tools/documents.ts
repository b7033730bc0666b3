/**
 * What the tools that write sales documents (invoices, estimates) share: the line-item input and its exact
 * checks, finding the customer by id or exact name, and finding a document whose create answer was lost.
 */
import { quoteInput, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksLineItem } from '../client.js';
import { amountFromZoho, amountToWire, formatAmount, lineTotal, parseAmount } from '../money.js';
import { amountInput, amountSchema, booksTimeMs, formatQuantity, idSchema, MAX_AMOUNT, textSchema } from './shared.js';

const lineFields = {
  item_id: idSchema('item').optional().describe('A Books item id; or give name.'),
  name: textSchema(200).optional().describe('What is billed; or give item_id.'),
  description: z.string().trim().max(2000).optional().describe('Detail under the line.'),
  quantity: amountSchema().describe('Units, > 0.'),
  rate: amountSchema().describe('Price per unit, ≥ 0.'),
};

/** One line of a new invoice or estimate. */
export const lineItemSchema = z.strictObject(lineFields);

/** One line of an edited invoice: `line_item_id` keeps an existing line (from books_get_invoice). */
export const editLineItemSchema = z.strictObject({
  line_item_id: idSchema('line item').optional().describe('An existing line; omit for a new one.'),
  ...lineFields,
});

export interface WireLine {
  line_item_id?: string;
  item_id?: string;
  name?: string;
  description?: string;
  quantity: number;
  rate: number;
}

export interface PreviewLine {
  line_item_id?: string;
  name?: string;
  item_id?: string;
  description?: string;
  quantity: string;
  rate: string;
  item_total: string;
}

export interface CheckedLines {
  /** What is sent: quantities and rates as exact JSON numbers. */
  wire: WireLine[];
  /** What the person is shown: exact decimal strings and each line's total. */
  preview: PreviewLine[];
  total: bigint;
}

type LineInput = z.infer<typeof editLineItemSchema>;

/**
 * Checks every line before any request (so a document Books would refuse sends nothing): a name or item,
 * quantity > 0, rate ≥ 0, at most 2 decimals, line and document totals within the bound.
 */
export function checkLines(lines: readonly LineInput[], field = 'line_items'): CheckedLines {
  const wire: WireLine[] = [];
  const preview: PreviewLine[] = [];
  let total = 0n;
  lines.forEach((line, i) => {
    const at = `${field}[${i}]`;
    if (!line.item_id && !line.name && !line.line_item_id) throw new ToolInputError(at, 'each line needs a name (what is billed) or an item_id');
    const quantity = amountInput(line.quantity, `${at}.quantity`, 'positive');
    const rate = amountInput(line.rate, `${at}.rate`, 'non_negative');
    const itemTotal = lineTotal(quantity, rate);
    if (itemTotal > MAX_AMOUNT) throw new ToolInputError(at, `the line total ${formatAmount(itemTotal)} is above the largest amount accepted (${formatAmount(MAX_AMOUNT)})`);
    total += itemTotal;
    const sent: WireLine = { quantity: amountToWire(quantity), rate: amountToWire(rate) };
    const shown: PreviewLine = { quantity: formatQuantity(quantity), rate: formatAmount(rate), item_total: formatAmount(itemTotal) };
    for (const key of ['line_item_id', 'item_id', 'name', 'description'] as const) {
      const value = line[key];
      if (value) {
        sent[key] = value;
        shown[key] = value;
      }
    }
    wire.push(sent);
    preview.push(shown);
  });
  if (total > MAX_AMOUNT) throw new ToolInputError(field, `the total ${formatAmount(total)} is above the largest amount accepted (${formatAmount(MAX_AMOUNT)})`);
  return { wire, preview, total };
}

/** A stored line as the person is shown it (the same form as a preview line). */
export function previewOf(line: BooksLineItem): PreviewLine {
  const shown: PreviewLine = {
    quantity: formatQuantity(amountFromZoho(line.quantity) ?? 0n),
    rate: formatAmount(amountFromZoho(line.rate) ?? 0n),
    item_total: formatAmount(amountFromZoho(line.item_total) ?? 0n),
  };
  if (line.line_item_id) shown.line_item_id = String(line.line_item_id);
  if (line.name) shown.name = line.name;
  if (line.item_id) shown.item_id = String(line.item_id);
  if (line.description) shown.description = line.description;
  return shown;
}

/** Whether a document Books holds has exactly the lines that were sent (item or name, quantity, rate, in order). */
export function sameLines(stored: readonly BooksLineItem[] | undefined, sent: readonly WireLine[]): boolean {
  const lines = stored ?? [];
  if (lines.length !== sent.length) return false;
  return sent.every((want, i) => {
    const got = lines[i]!;
    if (amountFromZoho(got.quantity) !== parseAmount(want.quantity) || amountFromZoho(got.rate) !== parseAmount(want.rate)) return false;
    if (want.line_item_id && String(got.line_item_id ?? '') !== want.line_item_id) return false;
    if (want.item_id) return String(got.item_id ?? '') === want.item_id;
    return want.name === undefined || (got.name ?? '').trim() === want.name;
  });
}

// ---------- customers ----------

export interface CustomerRef {
  customer_id?: string | undefined;
  customer_name?: string | undefined;
}

/** The field a customer was given in, for errors about it. */
export function customerField(ref: CustomerRef): 'customer_id' | 'customer_name' {
  return ref.customer_id ? 'customer_id' : 'customer_name';
}

/**
 * The customer a document is for, by contact_id or exact name (never guessed: no match, several matches or
 * a near miss is a field error listing the candidates). Vendors and inactive contacts are refused.
 */
export async function findCustomer(client: BooksClient, ref: CustomerRef, signal: AbortSignal | undefined): Promise<BooksContact> {
  if (!ref.customer_id && !ref.customer_name) throw new ToolInputError('customer_id', 'give customer_id or customer_name');
  if (ref.customer_id && ref.customer_name) throw new ToolInputError('customer_name', 'give customer_id or customer_name, not both');
  const customer = ref.customer_id ? await customerById(client, ref.customer_id, signal) : await customerByName(client, ref.customer_name!, signal);
  // Books refuses transactions for inactive contacts (unconfirmed wording; the rule is Books' UI rule).
  if (customer.status === 'inactive') throw new ToolInputError(customerField(ref), `${customer.contact_name ?? customer.contact_id} is inactive in Books; mark the customer active first`);
  return customer;
}

async function customerById(client: BooksClient, id: string, signal: AbortSignal | undefined): Promise<BooksContact> {
  try {
    const { contact } = await client.getContact(id, { signal });
    if (contact.contact_type && contact.contact_type !== 'customer') {
      throw new ToolInputError('customer_id', `${contact.contact_name ?? id} is a ${contact.contact_type}, not a customer`);
    }
    return contact;
  } catch (err) {
    if (err instanceof ZohoApiError && err.kind === 'not_found') {
      throw new ToolInputError('customer_id', `no Books customer has the id ${id}; find it with books_list_customers`);
    }
    throw err;
  }
}

async function customerByName(client: BooksClient, name: string, signal: AbortSignal | undefined): Promise<BooksContact> {
  const asked = quoteInput(name);
  const { contacts } = await client.listContacts({ contact_type: 'customer', search_text: name, per_page: 50 }, { signal });
  const customers = (contacts ?? []).filter((c) => c.contact_type === undefined || c.contact_type === 'customer');
  const exact = customers.filter((c) => (c.contact_name ?? '').toLowerCase() === name.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : customers;
  if (candidates.length === 0) {
    throw new ToolInputError('customer_name', `no Books customer is named ${asked}; check the spelling with books_list_customers (or create it with books_create_customer)`);
  }
  const listed = candidates.slice(0, 10).map((c) => `${c.contact_name} (contact_id ${String(c.contact_id)})`).join(', ');
  throw new ToolInputError(
    'customer_name',
    exact.length > 1 ? `several customers are named ${asked}: ${listed}; pass customer_id instead` : `no customer is named exactly ${asked}; did you mean ${listed}? Pass customer_id or the exact name`,
  );
}

// ---------- lost creates ----------

/**
 * How far Books' clock (`created_time`, to the second) may lag ours when a lost create is looked for: a
 * record created this long before the send still counts as possibly ours. A guess (unconfirmed).
 */
export const CLOCK_SKEW_MS = 120_000;

interface Listed {
  created_time?: unknown;
  date?: unknown;
  reference_number?: unknown;
}

/**
 * After a lost create answer: the documents listed newest first that were created since the send (less the
 * clock skew) with the date and reference sent, read in full and confirmed by their lines. One → applied;
 * several → unknown; none → not applied.
 */
export async function findCreatedDocument<L extends Listed, D extends { line_items?: BooksLineItem[] }>(options: {
  listed: readonly L[];
  sent: { date?: string | undefined; reference_number?: string | undefined; line_items: readonly WireLine[] };
  sentAt: number;
  read: (row: L) => Promise<D>;
  id: (doc: D) => string;
  label: (doc: D) => string;
  kind: string;
}): Promise<ReconcileVerdict<D>> {
  const { listed, sent, sentAt, read, id, label, kind } = options;
  const since = sentAt - CLOCK_SKEW_MS;
  const undated = listed.filter((row) => Number.isNaN(booksTimeMs(row.created_time)));
  const candidates = listed.filter(
    (row) => booksTimeMs(row.created_time) >= since && (sent.date === undefined || row.date === sent.date) && String(row.reference_number ?? '') === (sent.reference_number ?? ''),
  );
  const matches: D[] = [];
  for (const candidate of candidates.slice(0, 5)) {
    const doc = await read(candidate);
    if (sameLines(doc.line_items, sent.line_items)) matches.push(doc);
  }
  if (matches.length === 1) {
    const found = matches[0]!;
    return { status: 'applied', id: id(found), result: found, detail: `found ${kind} ${label(found)}` };
  }
  if (matches.length > 1) return { status: 'unknown', detail: `${matches.length} matching ${kind}s were created since the send (${matches.map(label).join(', ')})` };
  if (undated.length) return { status: 'unknown', detail: `Books listed ${kind}s without a created_time, so new ones could not be told apart` };
  return { status: 'not_applied' };
}
