import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksEstimate, BooksList } from '../client.js';
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
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  status: z.enum(['draft', 'sent', 'accepted', 'declined', 'invoiced', 'expired']).optional().describe('Only this status.'),
  customer_id: idSchema('customer').optional().describe("The customer's contact_id."),
  date_start: dateSchema().optional().describe('Dated from (inclusive).'),
  date_end: dateSchema().optional().describe('Dated to (inclusive).'),
  search_text: searchSchema().optional().describe('Number, reference or customer name.'),
  page: pageSchema,
  per_page: perPageSchema,
});

export const ESTIMATE_COLUMNS = ['estimate_id', 'estimate_number', 'status', 'customer_name', 'customer_id', 'date', 'expiry_date', 'currency_code', 'total', 'reference_number', 'accepted_date', 'declined_date', 'salesperson_name'];

export const booksListEstimates = defineZohoTool<typeof input, BooksClient, BooksList<'estimates', BooksEstimate>>({
  name: 'books_list_estimates',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.estimates.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books estimates (quotes) by status, customer, date or text, newest first.
Use for open, expired or declined quotes, or what a client was quoted.
Returns a table with page_totals.`,
  examples: [{ status: 'sent' }],
  input,
  run: (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    return ctx.client.listEstimates(
      {
        status: args.status,
        customer_id: args.customer_id,
        date_start: args.date_start,
        date_end: args.date_end,
        search_text: args.search_text,
        sort_column: 'created_time',
        sort_order: 'D',
        page: args.page ?? 1,
        per_page: args.per_page ?? DEFAULT_PER_PAGE,
      },
      { signal: ctx.signal },
    );
  },
  shape: (result, args) => {
    const estimates = result.estimates ?? [];
    return listResult(
      'estimates',
      result.page_context,
      args.page ?? 1,
      estimates.map((e) => shapeRecord<Record<string, unknown>>(e)),
      ESTIMATE_COLUMNS,
      { total: totalsByCurrency(estimates, (e) => e.currency_code, (e) => e.total) },
    );
  },
});
