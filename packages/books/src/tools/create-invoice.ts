import { defineZohoTool, quoteInput, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksInvoice, CreateInvoiceBody } from '../client.js';
import { amountFromZoho, amountToWire, formatAmount, lineTotal, parseAmount } from '../money.js';
import { shapeInvoice } from './get-invoice.js';
import { addDaysIso, amountInput, amountSchema, booksTimeMs, dateSchema, formatQuantity, idSchema, MAX_AMOUNT, textSchema, ORG_DISCOVERY_SCOPE, todayIso } from './shared.js';

const lineItem = z.strictObject({
  item_id: idSchema('item').optional().describe('A Books item id; or give name.'),
  name: textSchema(200).optional().describe('What is billed; or give item_id.'),
  description: z.string().trim().max(2000).optional().describe('Detail under the line.'),
  quantity: amountSchema().describe('Units, > 0.'),
  rate: amountSchema().describe('Price per unit, ≥ 0.'),
});

const input = z.object({
  customer_id: idSchema('customer').optional().describe('contact_id; or give customer_name.'),
  customer_name: textSchema(200).optional().describe("The customer's exact name."),
  line_items: z.array(lineItem).min(1).max(100).describe('Invoice lines.'),
  date: dateSchema().optional().describe('Invoice date; default today.'),
  payment_terms: z.number().int().min(0).max(365).optional().describe("Days until due; default the customer's terms."),
  reference_number: z.string().trim().max(100).optional().describe('PO or reference number.'),
  notes: z.string().trim().max(5000).optional().describe('Note printed on the invoice.'),
});

type Input = z.infer<typeof input>;

interface PreviewLine {
  name?: string;
  item_id?: string;
  description?: string;
  quantity: string;
  rate: string;
  item_total: string;
}

/**
 * How far Books' clock (`created_time`, to the second) may lag ours when a lost create is looked for: an
 * invoice created this long before the send still counts as possibly ours. A guess (unconfirmed).
 */
export const CLOCK_SKEW_MS = 120_000;

async function findCustomer(client: BooksClient, args: Input, signal: AbortSignal | undefined): Promise<BooksContact> {
  if (args.customer_id) {
    try {
      const { contact } = await client.getContact(args.customer_id, { signal });
      if (contact.contact_type && contact.contact_type !== 'customer') {
        throw new ToolInputError('customer_id', `${contact.contact_name ?? args.customer_id} is a ${contact.contact_type}, not a customer`);
      }
      return contact;
    } catch (err) {
      if (err instanceof ZohoApiError && err.kind === 'not_found') {
        throw new ToolInputError('customer_id', `no Books customer has the id ${args.customer_id}; find it with books_list_customers`);
      }
      throw err;
    }
  }
  const name = args.customer_name!;
  const asked = quoteInput(name);
  const { contacts } = await client.listContacts({ contact_type: 'customer', search_text: name, per_page: 50 }, { signal });
  const customers = (contacts ?? []).filter((c) => c.contact_type === undefined || c.contact_type === 'customer');
  const exact = customers.filter((c) => (c.contact_name ?? '').toLowerCase() === name.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : customers;
  if (candidates.length === 0) {
    throw new ToolInputError('customer_name', `no Books customer is named ${asked}; check the spelling with books_list_customers (create the customer in Books first if it is new)`);
  }
  const listed = candidates.slice(0, 10).map((c) => `${c.contact_name} (contact_id ${String(c.contact_id)})`).join(', ');
  throw new ToolInputError(
    'customer_name',
    exact.length > 1 ? `several customers are named ${asked}: ${listed}; pass customer_id instead` : `no customer is named exactly ${asked}; did you mean ${listed}? Pass customer_id or the exact name`,
  );
}

/** Whether an invoice Books holds has exactly the lines that were sent (item or name, quantity, rate). */
function sameLines(invoice: BooksInvoice, sent: CreateInvoiceBody['line_items']): boolean {
  const lines = invoice.line_items ?? [];
  if (lines.length !== sent.length) return false;
  return sent.every((want, i) => {
    const got = lines[i]!;
    const quantity = amountFromZoho(got.quantity);
    const rate = amountFromZoho(got.rate);
    if (quantity !== parseAmount(want.quantity) || rate !== parseAmount(want.rate)) return false;
    return want.item_id ? String(got.item_id ?? '') === want.item_id : (got.name ?? '').trim() === want.name;
  });
}

/**
 * After a lost answer: the customer's invoices created since the send (Books' `created_time`, less the clock
 * skew) with the date and reference number sent, confirmed by their lines. One → applied; none → not applied.
 */
async function findCreated(client: BooksClient, body: CreateInvoiceBody, sentAt: number, signal: AbortSignal): Promise<ReconcileVerdict<BooksInvoice>> {
  const { invoices } = await client.listInvoices({ customer_id: body.customer_id, sort_column: 'created_time', sort_order: 'D', per_page: 25 }, { signal });
  const since = sentAt - CLOCK_SKEW_MS;
  const rows = invoices ?? [];
  const undated = rows.filter((inv) => Number.isNaN(booksTimeMs(inv.created_time)));
  const candidates = rows.filter(
    (inv) =>
      booksTimeMs(inv.created_time) >= since &&
      (body.date === undefined || inv.date === body.date) &&
      String(inv.reference_number ?? '') === (body.reference_number ?? ''),
  );
  const matches: BooksInvoice[] = [];
  for (const candidate of candidates.slice(0, 5)) {
    const { invoice } = await client.getInvoice(String(candidate.invoice_id), { signal });
    if (sameLines(invoice, body.line_items)) matches.push(invoice);
  }
  if (matches.length === 1) {
    const found = matches[0]!;
    return { status: 'applied', id: String(found.invoice_id), result: found, detail: `found invoice ${found.invoice_number ?? found.invoice_id}` };
  }
  if (matches.length > 1) {
    return { status: 'unknown', detail: `${matches.length} matching invoices were created since the send (${matches.map((m) => m.invoice_number).join(', ')})` };
  }
  if (undated.length) return { status: 'unknown', detail: 'Books listed invoices without a created_time, so new ones could not be told apart' };
  return { status: 'not_applied' };
}

export const booksCreateInvoice = defineZohoTool<typeof input, BooksClient, BooksInvoice>({
  name: 'books_create_invoice',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.invoices.CREATE', 'ZohoBooks.invoices.READ', 'ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `Create a draft Zoho Books invoice for an existing customer (find it with books_list_customers).
Use when asked to bill a customer.
Returns the invoice with its number, due_date and exact total.`,
  examples: [{ customer_name: 'Zylker Corp', line_items: [{ name: 'SEO Audit', quantity: '1', rate: '899.00' }] }],
  input,
  plan: async (args, ctx) => {
    if (!args.customer_id && !args.customer_name) throw new ToolInputError('customer_id', 'give customer_id or customer_name');
    if (args.customer_id && args.customer_name) throw new ToolInputError('customer_name', 'give customer_id or customer_name, not both');

    // Every line is checked before any request, so an invoice Books would refuse sends nothing at all.
    const lines: CreateInvoiceBody['line_items'] = [];
    const preview: PreviewLine[] = [];
    let total = 0n;
    args.line_items.forEach((line, i) => {
      const field = `line_items[${i}]`;
      if (!line.item_id && !line.name) throw new ToolInputError(field, 'each line needs a name (what is billed) or an item_id');
      const quantity = amountInput(line.quantity, `${field}.quantity`, 'positive');
      const rate = amountInput(line.rate, `${field}.rate`, 'non_negative');
      const itemTotal = lineTotal(quantity, rate);
      if (itemTotal > MAX_AMOUNT) throw new ToolInputError(field, `the line total ${formatAmount(itemTotal)} is above the largest amount accepted (${formatAmount(MAX_AMOUNT)})`);
      total += itemTotal;
      const wire: CreateInvoiceBody['line_items'][number] = { quantity: amountToWire(quantity), rate: amountToWire(rate) };
      if (line.item_id) wire.item_id = line.item_id;
      if (line.name) wire.name = line.name;
      if (line.description) wire.description = line.description;
      lines.push(wire);
      const shown: PreviewLine = { quantity: formatQuantity(quantity), rate: formatAmount(rate), item_total: formatAmount(itemTotal) };
      if (line.name) shown.name = line.name;
      if (line.item_id) shown.item_id = line.item_id;
      if (line.description) shown.description = line.description;
      preview.push(shown);
    });
    if (total > MAX_AMOUNT) throw new ToolInputError('line_items', `the invoice total ${formatAmount(total)} is above the largest amount accepted (${formatAmount(MAX_AMOUNT)})`);

    const customer = await findCustomer(ctx.client, args, ctx.signal);
    const customerField = args.customer_id ? 'customer_id' : 'customer_name';
    // Books refuses transactions for inactive contacts (unconfirmed wording; the rule is Books' UI rule).
    if (customer.status === 'inactive') throw new ToolInputError(customerField, `${customer.contact_name ?? customer.contact_id} is inactive in Books; mark the customer active first`);
    const body: CreateInvoiceBody = { customer_id: String(customer.contact_id), line_items: lines };
    if (args.date) body.date = args.date;
    if (args.payment_terms !== undefined) body.payment_terms = args.payment_terms;
    if (args.reference_number) body.reference_number = args.reference_number;
    if (args.notes) body.notes = args.notes;

    const currency = customer.currency_code ?? '';
    const date = args.date ?? todayIso();
    const terms = args.payment_terms ?? (typeof customer.payment_terms === 'number' ? customer.payment_terms : undefined);
    const after: Record<string, unknown> = {
      status: 'draft',
      customer_id: String(customer.contact_id),
      customer_name: customer.contact_name,
      date,
      currency_code: currency,
      line_items: preview,
      total: formatAmount(total),
    };
    if (terms !== undefined) {
      after.payment_terms = terms;
      after.due_date = addDaysIso(date, terms);
    }
    if (args.reference_number) after.reference_number = args.reference_number;
    return {
      summary: `Create a draft invoice for ${customer.contact_name ?? body.customer_id}: ${lines.length} line${lines.length === 1 ? '' : 's'}, total ${currency} ${formatAmount(total)}`.replace(/ {2,}/g, ' '),
      payload: body,
      after,
      execute: async () => (await ctx.client.createInvoice(body, { signal: ctx.signal })).invoice,
      reconcile: ({ sentAt, signal }) => findCreated(ctx.client, body, sentAt, signal),
      checkWith: `books_list_invoices {"customer_id":"${body.customer_id}","sort_column":"created_time"}`,
    };
  },
  shape: (invoice) => shapeInvoice(invoice),
  ids: (invoice) => [String(invoice.invoice_id)],
});
