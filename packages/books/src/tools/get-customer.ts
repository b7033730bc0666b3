import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksInvoice, BooksList } from '../client.js';
import { zohoAmountText } from '../money.js';
import { shapeContact } from './list-customers.js';
import { idSchema, ORG_DISCOVERY_SCOPE, shapeRecord, sumByCurrency, todayIso } from './shared.js';

const input = z.object({
  contact_id: idSchema('customer').describe('The customer\'s contact_id (a digit string) from books_list_customers.'),
  max_invoices: z.number().int().min(1).max(200).default(25).describe('How many unpaid invoices to include, oldest due date first (default 25).'),
});

interface CustomerResult {
  contact: BooksContact;
  unpaid: BooksList<'invoices', BooksInvoice>;
}

const DAY_MS = 86_400_000;

export const booksGetCustomer = defineZohoTool<typeof input, BooksClient, CustomerResult>({
  name: 'books_get_customer',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.contacts.READ', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Get one Zoho Books customer with their outstanding balance and the unpaid invoices behind it ("who owes us, and for what").
Use it for a specific customer after books_list_customers, e.g. before chasing a payment or recording one.
Returns {customer:{contact_id, contact_name, email, phone, billing_address, contact_persons, ...}, outstanding_receivable_amount, currency_code, unpaid_invoices:[{invoice_id, invoice_number, status, date, due_date, total, balance, days_overdue}], unpaid_invoices_total, more_unpaid_invoices}. Amounts are exact decimal strings.
No paging: when more_unpaid_invoices is true, list the rest with books_list_invoices {"customer_id":..., "status":"unpaid"}.
Example: {"contact_id":"4372460000000084001"}.`,
  input,
  run: async (args, ctx) => {
    const { contact } = await ctx.client.getContact(args.contact_id, { signal: ctx.signal });
    const unpaid = await ctx.client.listInvoices(
      { customer_id: args.contact_id, status: 'unpaid', sort_column: 'due_date', sort_order: 'A', per_page: args.max_invoices },
      { signal: ctx.signal },
    );
    return { contact, unpaid };
  },
  shape: ({ contact, unpaid }) => {
    const today = Date.parse(`${todayIso()}T00:00:00Z`);
    const invoices = (unpaid.invoices ?? []).map((inv) => {
      const row = shapeRecord<Record<string, unknown>>(inv, ['customer_id', 'customer_name', 'created_time', 'last_modified_time']);
      const due = typeof inv.due_date === 'string' ? Date.parse(`${inv.due_date}T00:00:00Z`) : NaN;
      if (!Number.isNaN(due) && due < today) row.days_overdue = Math.floor((today - due) / DAY_MS);
      return row;
    });
    const more = unpaid.page_context?.has_more_page === true;
    const totals = sumByCurrency(unpaid.invoices ?? [], (i) => i.currency_code, (i) => i.balance);
    return {
      customer: shapeContact(contact, ['outstanding_receivable_amount']),
      outstanding_receivable_amount: zohoAmountText(contact.outstanding_receivable_amount) ?? '0.00',
      currency_code: contact.currency_code,
      unpaid_invoices: invoices,
      unpaid_invoices_total: totals,
      more_unpaid_invoices: more,
      ...(more ? { note: `only the first ${invoices.length} unpaid invoices are listed and summed` } : {}),
    };
  },
  ids: ({ contact }) => [String(contact.contact_id)],
});
