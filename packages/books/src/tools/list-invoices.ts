import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice, BooksList } from '../client.js';
import { dateSchema, idSchema, ORG_DISCOVERY_SCOPE, pageSchema, paging, perPageSchema, shapeRecord, sortOrder, sortOrderSchema, sumByCurrency } from './shared.js';

const input = z.object({
  status: z
    .enum(['draft', 'unpaid', 'overdue', 'partially_paid', 'paid', 'void', 'sent'])
    .optional()
    .describe('Only invoices in this status. "unpaid" means every issued invoice with money still owed (it includes overdue and partially_paid); "overdue" only those past their due date.'),
  customer_id: idSchema('customer').optional().describe('Only invoices of this customer (contact_id from books_list_customers).'),
  date_start: dateSchema().optional().describe('Invoice date from (yyyy-mm-dd, inclusive).'),
  date_end: dateSchema().optional().describe('Invoice date up to (yyyy-mm-dd, inclusive).'),
  search_text: z.string().trim().min(1).max(100).optional().describe('Free text matched against invoice number, reference/PO number and customer name.'),
  sort_column: z
    .enum(['date', 'due_date', 'total', 'balance', 'invoice_number', 'customer_name', 'created_time'])
    .optional()
    .describe('Sort by this field (default created_time, newest first).'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

export const booksListInvoices = defineZohoTool<typeof input, BooksClient, BooksList<'invoices', BooksInvoice>>({
  name: 'books_list_invoices',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books invoices, filtered by status, customer, invoice date range or search text, sorted and paged.
Use it to answer "which invoices are overdue/unpaid", "what did we bill Zylker this quarter", or to find an invoice id.
Returns {invoices:[{invoice_id, invoice_number, status, customer_name, customer_id, date, due_date, total, balance, currency_code}], page_totals (exact sums per currency of this page), page, has_more, next_page}. Amounts are exact decimal strings like "1234.50".
Paging: when the result has next_page, call again with page set to it; stop when has_more is false.
Example: {"status":"overdue","sort_column":"due_date","sort_order":"asc","per_page":10}. For one invoice's lines and payments use books_get_invoice.`,
  input,
  run: (args, ctx) =>
    ctx.client.listInvoices(
      {
        status: args.status,
        customer_id: args.customer_id,
        date_start: args.date_start,
        date_end: args.date_end,
        search_text: args.search_text,
        sort_column: args.sort_column,
        sort_order: sortOrder(args.sort_order),
        page: args.page,
        per_page: args.per_page,
      },
      { signal: ctx.signal },
    ),
  shape: (result, args) => {
    const invoices = result.invoices ?? [];
    return {
      invoices: invoices.map((inv) => shapeRecord(inv, ['created_time', 'last_modified_time'])),
      count: invoices.length,
      page_totals: {
        total: sumByCurrency(invoices, (i) => i.currency_code, (i) => i.total),
        balance: sumByCurrency(invoices, (i) => i.currency_code, (i) => i.balance),
      },
      ...paging(result.page_context, args.page),
    };
  },
});
