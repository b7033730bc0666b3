import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksInvoice, BooksList } from '../client.js';
import { INVOICE_COLUMNS } from './list-invoices.js';
import { shapeCustomer } from './list-customers.js';
import { booksTable, daysOverdue, idSchema, intSchema, ORG_DISCOVERY_SCOPE, shapeRecord, todayIso, totalsByCurrency } from './shared.js';

const input = z.object({
  contact_id: idSchema('customer').describe("The customer's contact_id."),
  max_invoices: intSchema(1, 200).optional().describe('Unpaid invoices to list (default 25, max 200).'),
});

interface CustomerResult {
  contact: BooksContact;
  unpaid: BooksList<'invoices', BooksInvoice>;
}

export const booksGetCustomer = defineZohoTool<typeof input, BooksClient, CustomerResult>({
  name: 'books_get_customer',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.contacts.READ', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Get one Zoho Books customer and the unpaid invoices behind what they owe.
Use before chasing or recording a payment.
Returns the customer with contact_persons, and unpaid_invoices (a table with days_overdue).`,
  examples: [{ contact_id: '4372460000000000018' }],
  input,
  run: async (args, ctx) => {
    const { contact } = await ctx.client.getContact(args.contact_id, { signal: ctx.signal });
    const unpaid = await ctx.client.listInvoices(
      { customer_id: args.contact_id, status: 'unpaid', sort_column: 'due_date', sort_order: 'A', per_page: args.max_invoices ?? 25 },
      { signal: ctx.signal },
    );
    return { contact, unpaid };
  },
  shape: ({ contact, unpaid }) => {
    const today = todayIso();
    const rows = (unpaid.invoices ?? []).map((inv) => {
      // The customer's name and id are said once, in `customer`.
      const row = shapeRecord<Record<string, unknown>>(inv, ['customer_id', 'customer_name']);
      const overdue = daysOverdue(inv.due_date, today);
      if (overdue !== undefined) row.days_overdue = overdue;
      return row;
    });
    const customer = shapeCustomer(contact);
    const { table, every_row } = booksTable(rows, INVOICE_COLUMNS);
    const out: Record<string, unknown> = { customer };
    if (every_row) out.every_row = every_row;
    out.unpaid_invoices = table;
    if (unpaid.page_context?.has_more_page === true) {
      out.more_unpaid_invoices = true;
      out.unpaid_shown_total = totalsByCurrency(unpaid.invoices ?? [], (i) => i.currency_code, (i) => i.balance);
      out.note = `only the first ${rows.length} unpaid invoices are listed; list the rest with books_list_invoices {"customer_id":"${String(contact.contact_id)}","status":"unpaid"}`;
    }
    return out;
  },
  ids: ({ contact }) => [String(contact.contact_id)],
});
