import { defineZohoTool, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice, CreateInvoiceBody } from '../client.js';
import { formatAmount } from '../money.js';
import { checkLines, findCreatedDocument, findCustomer, lineItemSchema } from './documents.js';
import { shapeInvoice } from './get-invoice.js';
import { addDaysIso, dateSchema, idSchema, ORG_DISCOVERY_SCOPE, textSchema, todayIso } from './shared.js';

const input = z.object({
  customer_id: idSchema('customer').optional().describe('contact_id; or give customer_name.'),
  customer_name: textSchema(200).optional().describe("The customer's exact name."),
  line_items: z.array(lineItemSchema).min(1).max(100).describe('Invoice lines.'),
  date: dateSchema().optional().describe('Invoice date; default today.'),
  payment_terms: z.number().int().min(0).max(365).optional().describe("Days until due; default the customer's terms."),
  reference_number: z.string().trim().max(100).optional().describe('PO or reference number.'),
  notes: z.string().trim().max(5000).optional().describe('Note printed on the invoice.'),
});

/** After a lost answer: the customer's invoices newest first, matched by what was sent (see findCreatedDocument). */
async function findCreated(client: BooksClient, body: CreateInvoiceBody, sentAt: number, signal: AbortSignal): Promise<ReconcileVerdict<BooksInvoice>> {
  const { invoices } = await client.listInvoices({ customer_id: body.customer_id, sort_column: 'created_time', sort_order: 'D', per_page: 25 }, { signal });
  return findCreatedDocument({
    listed: invoices ?? [],
    sent: body,
    sentAt,
    read: async (row) => (await client.getInvoice(String(row.invoice_id), { signal })).invoice,
    id: (inv) => String(inv.invoice_id),
    label: (inv) => String(inv.invoice_number ?? inv.invoice_id),
    kind: 'invoice',
  });
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
    // Every line is checked before any request, so an invoice Books would refuse sends nothing at all.
    const { wire: lines, preview, total } = checkLines(args.line_items);
    const customer = await findCustomer(ctx.client, args, ctx.signal);
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
