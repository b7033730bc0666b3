import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice } from '../client.js';
import { idSchema, ORG_DISCOVERY_SCOPE, shapeRecord } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice_id (not the INV- number).'),
});

export const LINE_COLUMNS = ['line_item_id', 'name', 'description', 'quantity', 'rate', 'item_total', 'item_id'];
export const PAYMENT_COLUMNS = ['payment_id', 'payment_number', 'date', 'payment_mode', 'amount', 'reference_number'];

/**
 * One invoice for the model: compact fields, line items and payments as tables. `sub_total` is left out
 * when it equals `total` (no tax, discount or charges: it says nothing new), and `payment_terms` (days) when
 * `payment_terms_label` states it.
 */
export function shapeInvoice(invoice: BooksInvoice): Record<string, unknown> {
  const out = shapeRecord<Record<string, unknown>>(invoice);
  if (out.sub_total !== undefined && out.sub_total === out.total) delete out.sub_total;
  // The days are in the label ("Net 15"), as for customers.
  if (out.payment_terms_label !== undefined) delete out.payment_terms;
  for (const [key, columns] of [
    ['line_items', LINE_COLUMNS],
    ['payments', PAYMENT_COLUMNS],
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
