import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksList } from '../client.js';
import { ORG_DISCOVERY_SCOPE, pageSchema, paging, perPageSchema, shapeRecord, sortOrder, sortOrderSchema, sumByCurrency } from './shared.js';

const input = z.object({
  search_text: z.string().trim().min(1).max(100).optional().describe('Free text matched against customer name, company name, email and contact person names.'),
  sort_column: z
    .enum(['contact_name', 'outstanding_receivable_amount', 'created_time'])
    .optional()
    .describe('Sort by name (default) or by outstanding_receivable_amount (with sort_order "desc": who owes us the most first).'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

/** Fields of a contact list row that say nothing about the customer. */
export const CONTACT_NOISE = ['contact_type', 'customer_sub_type', 'created_time', 'last_modified_time', 'payment_terms'];

/** A customer row for the model; company_name only when it differs from the display name. */
export function shapeContact(contact: BooksContact, drop: readonly string[] = []): Record<string, unknown> {
  const row = shapeRecord<Record<string, unknown>>(contact, [...CONTACT_NOISE, ...drop]);
  if (row.company_name === row.contact_name) delete row.company_name;
  return row;
}

export const booksListCustomers = defineZohoTool<typeof input, BooksClient, BooksList<'contacts', BooksContact>>({
  name: 'books_list_customers',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `List or search Zoho Books customers (contacts of type customer) with what each one owes.
Use it to find a customer's contact_id (for invoices and payments), or to rank customers by outstanding receivables.
Returns {customers:[{contact_id, contact_name, company_name, email, phone, status, currency_code, outstanding_receivable_amount, payment_terms_label}], page_totals (exact outstanding sum per currency of this page), page, has_more, next_page}. Amounts are exact decimal strings.
Paging: when the result has next_page, call again with page set to it.
Example: {"sort_column":"outstanding_receivable_amount","sort_order":"desc","per_page":5} or {"search_text":"Zylker"}. For one customer's unpaid invoices use books_get_customer.`,
  input,
  run: (args, ctx) =>
    ctx.client.listContacts(
      {
        contact_type: 'customer',
        search_text: args.search_text,
        sort_column: args.sort_column,
        sort_order: sortOrder(args.sort_order),
        page: args.page,
        per_page: args.per_page,
      },
      { signal: ctx.signal },
    ),
  shape: (result, args) => {
    const contacts = (result.contacts ?? []).filter((c) => c.contact_type === undefined || c.contact_type === 'customer');
    return {
      customers: contacts.map((c) => shapeContact(c)),
      count: contacts.length,
      page_totals: { outstanding_receivable_amount: sumByCurrency(contacts, (c) => c.currency_code, (c) => c.outstanding_receivable_amount) },
      ...paging(result.page_context, args.page),
    };
  },
});
