import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, BooksList } from '../client.js';
import { DEFAULT_PER_PAGE, listResult, ORG_DISCOVERY_SCOPE, pageSchema, perPageSchema, sameAddress, searchSchema, shapeRecord, sortOrder, sortOrderSchema, totalsByCurrency } from './shared.js';

const input = z.object({
  search_text: searchSchema().optional().describe('Name, company, email or contact person.'),
  sort_column: z.enum(['contact_name', 'outstanding_receivable_amount', 'created_time']).optional().describe('Default contact_name.'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

/**
 * Fields of a contact that say nothing about the customer: its type (this tool lists customers only), the
 * sub type, `payment_terms` (days), which `payment_terms_label` states, and `source` (created in Books' UI or
 * through the API).
 */
export const CONTACT_NOISE = ['contact_type', 'customer_sub_type', 'payment_terms', 'source'];

/** Contact-level fields that repeat the primary contact person's (said once, in `contact_persons`). */
const PRIMARY_MIRRORS: [string, string][] = [
  ['first_name', 'first_name'],
  ['last_name', 'last_name'],
  ['designation', 'designation'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['mobile', 'mobile'],
  ['primary_contact_id', 'contact_person_id'],
];

/**
 * A customer for the model: company_name only when it differs from the display name; the primary person's
 * name, designation, e-mail, phone and id once, in `contact_persons`; a shipping address only when it
 * differs from the billing address.
 */
export function shapeContact(contact: BooksContact, drop: readonly string[] = []): Record<string, unknown> {
  const row = shapeRecord<Record<string, unknown>>(contact, [...CONTACT_NOISE, ...drop]);
  if (row.company_name === row.contact_name) delete row.company_name;
  const persons = Array.isArray(contact.contact_persons) ? (contact.contact_persons as Record<string, unknown>[]) : [];
  const primary = persons.find((p) => p.is_primary_contact === true);
  if (primary) {
    for (const [own, person] of PRIMARY_MIRRORS) {
      if (row[own] !== undefined && String(row[own]) === String(primary[person] ?? '')) delete row[own];
    }
  }
  if (row.shipping_address !== undefined && sameAddress(contact.shipping_address, contact.billing_address)) delete row.shipping_address;
  return row;
}

/** One customer record (get, create): shapeContact with the contact persons as a table. */
export function shapeCustomer(contact: BooksContact): Record<string, unknown> {
  const out = shapeContact(contact);
  if (Array.isArray(out.contact_persons)) out.contact_persons = toTable(out.contact_persons as Record<string, unknown>[]);
  return out;
}

export const CUSTOMER_COLUMNS = ['contact_id', 'contact_name', 'company_name', 'status', 'email', 'phone', 'website', 'currency_code', 'outstanding_receivable_amount', 'payment_terms_label'];

export const booksListCustomers = defineZohoTool<typeof input, BooksClient, BooksList<'contacts', BooksContact>>({
  name: 'books_list_customers',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `List or search Zoho Books customers with what each owes.
Use to find a contact_id or to rank customers by outstanding receivables.
Returns a table of customers with page_totals.`,
  examples: [{ sort_column: 'outstanding_receivable_amount', sort_order: 'desc' }],
  input,
  run: (args, ctx) =>
    ctx.client.listContacts(
      {
        contact_type: 'customer',
        search_text: args.search_text,
        sort_column: args.sort_column,
        sort_order: sortOrder(args.sort_order),
        page: args.page ?? 1,
        per_page: args.per_page ?? DEFAULT_PER_PAGE,
      },
      { signal: ctx.signal },
    ),
  shape: (result, args) => {
    const contacts = (result.contacts ?? []).filter((c) => c.contact_type === undefined || c.contact_type === 'customer');
    return listResult(
      'customers',
      result.page_context,
      args.page ?? 1,
      contacts.map((c) => shapeContact(c)),
      CUSTOMER_COLUMNS,
      { outstanding_receivable_amount: totalsByCurrency(contacts, (c) => c.currency_code, (c) => c.outstanding_receivable_amount) },
    );
  },
});
