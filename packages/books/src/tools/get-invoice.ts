import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksEstimate, BooksInvoice } from '../client.js';
import { idSchema, ORG_DISCOVERY_SCOPE, sameAddress, shapeRecord } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice_id (not the INV- number).'),
});

export const LINE_COLUMNS = ['line_item_id', 'name', 'description', 'quantity', 'rate', 'item_total', 'item_id'];
export const PAYMENT_COLUMNS = ['payment_id', 'payment_number', 'date', 'payment_mode', 'amount', 'reference_number'];
export const PERSON_COLUMNS = ['contact_person_id', 'first_name', 'last_name', 'email', 'phone', 'is_primary_contact'];

interface PersonRef {
  contact_person_id?: unknown;
  email?: unknown;
  is_primary_contact?: unknown;
}

/**
 * One sales document (invoice or estimate) for the model: compact fields, lines, payments and addressees as
 * tables. Left out as mirrors (documented in the README): `sub_total` equal to `total`, `payment_terms`
 * (days) when `payment_terms_label` states them, `type`, the `contact_persons` ids listed in
 * `contact_persons_details`, the customer `email` equal to the primary addressee's, and a shipping or
 * customer-default address equal to the billing address.
 */
export function shapeInvoice(doc: BooksInvoice | BooksEstimate): Record<string, unknown> {
  const invoice = doc as BooksInvoice;
  const out = shapeRecord<Record<string, unknown>>(invoice, ['type']);
  if (out.sub_total !== undefined && out.sub_total === out.total) delete out.sub_total;
  // The days are in the label ("Net 15"), as for customers.
  if (out.payment_terms_label !== undefined) delete out.payment_terms;
  const persons = Array.isArray(invoice.contact_persons_details) ? (invoice.contact_persons_details as PersonRef[]) : [];
  const listed = new Set(persons.map((p) => String(p.contact_person_id)));
  if (Array.isArray(invoice.contact_persons) && invoice.contact_persons.every((id) => listed.has(String(id)))) delete out.contact_persons;
  const primary = persons.find((p) => p.is_primary_contact === true);
  if (primary && out.email !== undefined && out.email === primary.email) delete out.email;
  for (const mirror of ['shipping_address', 'customer_default_billing_address']) {
    if (out[mirror] !== undefined && sameAddress(invoice[mirror], invoice.billing_address)) delete out[mirror];
  }
  for (const [key, columns] of [
    ['line_items', LINE_COLUMNS],
    ['payments', PAYMENT_COLUMNS],
    ['contact_persons_details', PERSON_COLUMNS],
  ] as const) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = toTable(list as Record<string, unknown>[], { columns });
  }
  return out;
}

export const booksGetInvoice = defineZohoTool<typeof input, BooksClient, { invoice: BooksInvoice }>({
  name: 'books_get_invoice',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Get one Zoho Books invoice with its lines and payments.
Use before recording a payment or to explain a balance.
Returns the invoice with line_items and payments tables.`,
  examples: [{ invoice_id: '4372460000000000060' }],
  input,
  run: (args, ctx) => ctx.client.getInvoice(args.invoice_id, { signal: ctx.signal }),
  shape: (result) => shapeInvoice(result.invoice),
  ids: (result) => [String(result.invoice.invoice_id)],
});
