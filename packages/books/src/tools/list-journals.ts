import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksJournal, BooksList } from '../client.js';
import {
  checkDateRange,
  dateSchema,
  DEFAULT_PER_PAGE,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  searchSchema,
  shapeRecord,
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  date_start: dateSchema().optional().describe('From (inclusive).'),
  date_end: dateSchema().optional().describe('To (inclusive).'),
  search_text: searchSchema().optional().describe('Notes, reference or entry number.'),
  with_lines: z.boolean().optional().describe('Add the debit/credit lines (max 25 a page).'),
  page: pageSchema,
  per_page: perPageSchema,
});

/** Journals read one by one for their lines: at most this many per page. */
const MAX_WITH_LINES = 25;

export const JOURNAL_COLUMNS = ['journal_id', 'entry_number', 'journal_date', 'status', 'notes', 'reference_number', 'currency_code', 'total'];
export const JOURNAL_LINE_COLUMNS = ['journal_id', 'account_name', 'debit_or_credit', 'amount', 'description', 'account_id', 'customer_name', 'customer_id'];

type JournalsResult = BooksList<'journals', BooksJournal> & { lines?: BooksJournal[] };

export const booksListJournals = defineZohoTool<typeof input, BooksClient, JournalsResult>({
  name: 'books_list_journals',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books manual journals (payroll, depreciation, accruals…), newest first.
Use for entries outside invoices, bills and expenses.
Returns a table; with_lines adds a lines table.`,
  examples: [{ search_text: 'Payroll', with_lines: true, per_page: 3 }],
  input,
  run: async (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    const perPage = args.per_page ?? DEFAULT_PER_PAGE;
    if (args.with_lines && perPage > MAX_WITH_LINES) throw new ToolInputError('per_page', `with with_lines, at most ${MAX_WITH_LINES} journals a page (each is read for its lines)`);
    const list: JournalsResult = await ctx.client.listJournals(
      { date_start: args.date_start, date_end: args.date_end, search_text: args.search_text, sort_column: 'journal_date', sort_order: 'D', page: args.page ?? 1, per_page: perPage },
      { signal: ctx.signal },
    );
    if (args.with_lines) {
      const journals = list.journals ?? [];
      list.lines = await Promise.all(journals.map(async (j) => (await ctx.client.getJournal(String(j.journal_id), { signal: ctx.signal })).journal));
    }
    return list;
  },
  shape: (result, args) => {
    const journals = result.journals ?? [];
    const out = listResult(
      'journals',
      result.page_context,
      args.page ?? 1,
      journals.map((j) => shapeRecord<Record<string, unknown>>(j)),
      JOURNAL_COLUMNS,
      { total: totalsByCurrency(journals, (j) => j.currency_code, (j) => j.total) },
    );
    if (result.lines) {
      const lines = result.lines.flatMap((j) => (j.line_items ?? []).map((l) => ({ journal_id: String(j.journal_id), ...shapeRecord<Record<string, unknown>>(l, ['line_id']) })));
      out.lines = toTable(lines, { columns: JOURNAL_LINE_COLUMNS });
    }
    return out;
  },
});
