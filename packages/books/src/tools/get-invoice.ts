import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice } from '../client.js';
import { idSchema, ORG_DISCOVERY_SCOPE, shapeRecord } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice_id (a digit string) from books_list_invoices — not the INV-000123 number.'),
});

export const booksGetInvoice = defineZohoTool<typeof input, BooksClient, { invoice: BooksInvoice }>({
  name: 'books_get_invoice',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Get one Zoho Books invoice in full: customer, dates, status, payment terms, line items (name, quantity, rate, item_total), sub_total, total, payment_made, balance and the payments applied to it.
Use it after books_list_invoices when you need the lines or payment history of a specific invoice, or before recording a payment.
Returns {invoice:{...}} with amounts as exact decimal strings and currency_code. One record, no paging.
Example: {"invoice_id":"4372460000000650034"}. To find the id from an invoice number use books_list_invoices with search_text "INV-000123".`,
  input,
  run: (args, ctx) => ctx.client.getInvoice(args.invoice_id, { signal: ctx.signal }),
  shape: (result) => ({ invoice: shapeRecord(result.invoice, ['created_time', 'last_modified_time']) }),
  ids: (result) => [String(result.invoice.invoice_id)],
});
