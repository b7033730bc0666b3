import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksBill, BooksClient, BooksList, ListBillsParams } from '../client.js';
import { amountFromZoho } from '../money.js';
import {
  checkDateRange,
  dateSchema,
  daysOverdue,
  DEFAULT_PER_PAGE,
  idSchema,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  searchSchema,
  shapeRecord,
  todayIso,
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  status: z.enum(['unpaid', 'overdue', 'paid', 'void', 'draft']).optional().describe('unpaid = every bill still owed.'),
  vendor_id: idSchema('vendor').optional().describe("The vendor's contact_id."),
  date_start: dateSchema().optional().describe('Dated from (inclusive).'),
  date_end: dateSchema().optional().describe('Dated to (inclusive).'),
  search_text: searchSchema().optional().describe('Bill number, reference or vendor name.'),
  sort: z.enum(['due_date', 'newest', 'balance']).optional().describe('Soonest due, newest (default) or largest balance first.'),
  page: pageSchema,
  per_page: perPageSchema,
});

export const BILL_COLUMNS = ['bill_id', 'bill_number', 'status', 'vendor_name', 'vendor_id', 'date', 'due_date', 'days_overdue', 'currency_code', 'total', 'balance', 'reference_number'];

const BILL_SORTS = {
  due_date: { sort_column: 'due_date', sort_order: 'A' },
  newest: { sort_column: 'created_time', sort_order: 'D' },
  balance: { sort_column: 'balance', sort_order: 'D' },
} as const;

export const booksListBills = defineZohoTool<typeof input, BooksClient, BooksList<'bills', BooksBill>>({
  name: 'books_list_bills',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.bills.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books bills: what the agency owes its vendors.
Use for payables.
Returns a table with balance, days_overdue and page_totals.`,
  examples: [{ status: 'unpaid', sort: 'due_date' }],
  input,
  run: (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    const params: ListBillsParams = {
      vendor_id: args.vendor_id,
      date_start: args.date_start,
      date_end: args.date_end,
      search_text: args.search_text,
      ...BILL_SORTS[args.sort ?? 'newest'],
      page: args.page ?? 1,
      per_page: args.per_page ?? DEFAULT_PER_PAGE,
    };
    // Books' status parameter takes one status; every bill still owed is the Status.Unpaid filter.
    if (args.status === 'unpaid') params.filter_by = 'Status.Unpaid';
    else if (args.status) params.status = args.status;
    return ctx.client.listBills(params, { signal: ctx.signal });
  },
  shape: (result, args) => {
    const bills = result.bills ?? [];
    const today = todayIso();
    const rows = bills.map((b) => {
      const row = shapeRecord<Record<string, unknown>>(b);
      const owed = (amountFromZoho(b.balance) ?? 0n) > 0n && b.status !== 'void' && b.status !== 'draft';
      const overdue = owed ? daysOverdue(b.due_date, today) : undefined;
      if (overdue !== undefined) row.days_overdue = overdue;
      return row;
    });
    return listResult('bills', result.page_context, args.page ?? 1, rows, BILL_COLUMNS, {
      total: totalsByCurrency(bills, (b) => b.currency_code, (b) => b.total),
      balance: totalsByCurrency(bills, (b) => b.currency_code, (b) => b.balance),
    });
  },
});
