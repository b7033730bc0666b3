import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice, BooksList } from '../client.js';
import {
  checkDateRange,
  dateSchema,
  DEFAULT_PER_PAGE,
  idSchema,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  searchSchema,
  shapeRecord,
  sortOrder,
  sortOrderSchema,
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  status: z.enum(['draft', 'unpaid', 'overdue', 'partially_paid', 'paid', 'void', 'sent']).optional().describe('Only this status.'),
  customer_id: idSchema('customer').optional().describe('Only this customer (contact_id).'),
  date_start: dateSchema().optional().describe('Invoice date from (inclusive).'),
  date_end: dateSchema().optional().describe('Invoice date to (inclusive).'),
  search_text: searchSchema().optional().describe('Invoice number, reference or customer name.'),
  sort_column: z.enum(['date', 'due_date', 'total', 'balance', 'invoice_number', 'customer_name', 'created_time']).optional().describe('Default newest first.'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

/** Invoice columns in reading order; any other business field Books sends follows them. */
export const INVOICE_COLUMNS = ['invoice_id', 'invoice_number', 'status', 'customer_name', 'customer_id', 'date', 'due_date', 'currency_code', 'total', 'balance', 'reference_number'];

export const booksListInvoices = defineZohoTool<typeof input, BooksClient, BooksList<'invoices', BooksInvoice>>({
  name: 'books_list_invoices',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books invoices by status, customer, date or text.
Use to find overdue or unpaid invoices, what a customer was billed, or an invoice_id.
Returns a table of invoices with page_totals.`,
  examples: [{ status: 'overdue' }],
  input,
  run: (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    return ctx.client.listInvoices(
      {
        status: args.status,
        customer_id: args.customer_id,
        date_start: args.date_start,
        date_end: args.date_end,
        search_text: args.search_text,
        sort_column: args.sort_column,
        sort_order: sortOrder(args.sort_order),
        page: args.page ?? 1,
        per_page: args.per_page ?? DEFAULT_PER_PAGE,
      },
      { signal: ctx.signal },
    );
  },
  shape: (result, args) => {
    const invoices = result.invoices ?? [];
    return listResult('invoices', result.page_context, args.page ?? 1, invoices.map((inv) => shapeRecord<Record<string, unknown>>(inv)), INVOICE_COLUMNS, {
      total: totalsByCurrency(invoices, (i) => i.currency_code, (i) => i.total),
      balance: totalsByCurrency(invoices, (i) => i.currency_code, (i) => i.balance),
    });
  },
});
