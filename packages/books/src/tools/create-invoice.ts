import { defineZohoTool, ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksInvoice, CreateInvoiceBody } from '../client.js';
import { amountToWire, formatAmount, lineTotal } from '../money.js';
import { amountInput, amountSchema, dateSchema, formatQuantity, idSchema, ORG_DISCOVERY_SCOPE, shapeRecord, todayIso } from './shared.js';

const lineItem = z.strictObject({
  item_id: idSchema('item').optional().describe('A Books item id, when the line is a catalogue item. Give item_id or name.'),
  name: z.string().trim().min(1).max(200).optional().describe('What is billed, e.g. "UX Design (hours)". Give name or item_id.'),
  description: z.string().trim().max(2000).optional().describe('Optional detail shown under the line.'),
  quantity: amountSchema().optional().describe('How many units, greater than 0, at most 2 decimal places (number or decimal string, e.g. 3 or "1.5").'),
  rate: amountSchema().optional().describe('Price per unit in the customer\'s currency, 0 or more, at most 2 decimal places (number or decimal string, e.g. "19.99").'),
});

const input = z.object({
  customer_id: idSchema('customer').optional().describe('The customer\'s contact_id (from books_list_customers). Give customer_id or customer_name.'),
  customer_name: z.string().trim().min(1).max(200).optional().describe('The customer\'s exact name in Books, e.g. "Zylker Corp", when you do not have the id.'),
  line_items: z.array(lineItem).min(1).max(100).describe('The invoice lines; each needs item_id or name, a quantity > 0 and a rate ≥ 0.'),
  date: dateSchema().optional().describe('Invoice date (yyyy-mm-dd); default today.'),
  payment_terms: z.number().int().min(0).max(365).optional().describe('Days until due (0 = due on receipt); default the customer\'s own terms. The due date follows from it.'),
  reference_number: z.string().trim().max(100).optional().describe('The customer\'s PO or reference number.'),
  notes: z.string().trim().max(5000).optional().describe('Note printed on the invoice, e.g. "Thanks for your business."'),
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
  const { contacts } = await client.listContacts({ contact_type: 'customer', search_text: name, per_page: 50 }, { signal });
  const customers = (contacts ?? []).filter((c) => c.contact_type === undefined || c.contact_type === 'customer');
  const exact = customers.filter((c) => (c.contact_name ?? '').toLowerCase() === name.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : customers;
  if (candidates.length === 0) {
    throw new ToolInputError('customer_name', `no Books customer is named "${name}"; check the spelling with books_list_customers (create the customer in Books first if it is new)`);
  }
  const listed = candidates.slice(0, 10).map((c) => `${c.contact_name} (contact_id ${String(c.contact_id)})`).join(', ');
  throw new ToolInputError(
    'customer_name',
    exact.length > 1 ? `several customers are named "${name}": ${listed}; pass customer_id instead` : `no customer is named exactly "${name}"; did you mean ${listed}? Pass customer_id or the exact name`,
  );
}

export const booksCreateInvoice = defineZohoTool<typeof input, BooksClient, { invoice: BooksInvoice }>({
  name: 'books_create_invoice',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.invoices.CREATE', 'ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `Create a draft invoice in Zoho Books for an existing customer (the user confirms first; Books numbers it INV-000123).
Use it when asked to bill a customer. The customer must already exist in Books (find it with books_list_customers); every line needs a name or item_id, a quantity > 0 and a rate ≥ 0, with amounts of at most 2 decimal places. The total is computed exactly and shown for confirmation before anything is sent.
Returns the created invoice {invoice_id, invoice_number, status:"draft", customer_name, date, due_date, line_items, total, balance, currency_code}. No paging.
Example: {"customer_name":"Zylker Corp","line_items":[{"name":"UX Design (hours)","quantity":12,"rate":"95.00"},{"name":"SEO Audit","quantity":1,"rate":899}],"payment_terms":30}.`,
  input,
  plan: async (args, ctx) => {
    if (!args.customer_id && !args.customer_name) throw new ToolInputError('customer_id', 'give customer_id or customer_name');
    if (args.customer_id && args.customer_name) throw new ToolInputError('customer_name', 'give customer_id or customer_name, not both');

    // Every line is checked before any request, so an incomplete invoice sends nothing at all.
    const lines: CreateInvoiceBody['line_items'] = [];
    const preview: PreviewLine[] = [];
    let total = 0n;
    args.line_items.forEach((line, i) => {
      const field = `line_items[${i}]`;
      if (!line.item_id && !line.name) throw new ToolInputError(field, 'each line needs a name (what is billed) or an item_id');
      if (line.quantity === undefined) throw new ToolInputError(`${field}.quantity`, 'is required (a number greater than 0)');
      if (line.rate === undefined) throw new ToolInputError(`${field}.rate`, 'is required (the price per unit, 0 or more)');
      const quantity = amountInput(line.quantity, `${field}.quantity`);
      const rate = amountInput(line.rate, `${field}.rate`);
      if (quantity <= 0n) throw new ToolInputError(`${field}.quantity`, 'must be greater than 0');
      if (rate < 0n) throw new ToolInputError(`${field}.rate`, 'must be 0 or more');
      const itemTotal = lineTotal(quantity, rate);
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
      after.due_date = new Date(Date.parse(`${date}T00:00:00Z`) + terms * 86_400_000).toISOString().slice(0, 10);
    }
    if (args.reference_number) after.reference_number = args.reference_number;
    return {
      summary: `Create a draft invoice for ${customer.contact_name ?? body.customer_id}: ${lines.length} line${lines.length === 1 ? '' : 's'}, total ${currency} ${formatAmount(total)}`.replace(/ {2,}/g, ' '),
      payload: body,
      after,
      execute: () => ctx.client.createInvoice(body, { signal: ctx.signal }),
    };
  },
  shape: (result) => ({
    invoice: shapeRecord(result.invoice, ['created_time', 'last_modified_time', 'payment_terms']),
  }),
  ids: (result) => [String(result.invoice.invoice_id)],
});
