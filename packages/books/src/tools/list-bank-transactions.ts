import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksBankTransaction, BooksClient, BooksList, ListBankTransactionsParams } from '../client.js';
import {
  checkDateRange,
  dateSchema,
  DEFAULT_PER_PAGE,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  pickByName,
  shapeRecord,
  textSchema,
  totalsByCurrency,
} from './shared.js';

const STATUS_FILTERS = { uncategorized: 'Status.Uncategorized', categorized: 'Status.Categorized', matched: 'Status.Matched', manually_added: 'Status.ManuallyAdded', excluded: 'Status.Excluded' } as const;

const input = z.object({
  account: textSchema(100).optional().describe('Bank or card account name or id; default all.'),
  date_start: dateSchema().optional().describe('From (inclusive).'),
  date_end: dateSchema().optional().describe('To (inclusive).'),
  status: z.enum(['uncategorized', 'categorized', 'matched', 'manually_added', 'excluded']).optional().describe('uncategorized = feed lines to record.'),
  page: pageSchema,
  per_page: perPageSchema,
});

export const TRANSACTION_COLUMNS = ['transaction_id', 'date', 'account_name', 'debit_or_credit', 'amount', 'currency_code', 'transaction_type', 'payee', 'description', 'reference_number', 'offset_account_name', 'status', 'source', 'account_id', 'account_type', 'customer_id'];

/** The bank or credit-card account named (exactly, or by a unique part of its name), or by id. */
async function accountId(client: BooksClient, account: string, signal: AbortSignal | undefined): Promise<string> {
  const { bankaccounts } = await client.listBankAccounts({ per_page: 200 }, { signal });
  const accounts = bankaccounts ?? [];
  if (/^\d+$/.test(account)) {
    if (accounts.some((a) => String(a.account_id) === account)) return account;
    throw new ToolInputError('account', `no bank or credit card account has the id ${account}; accounts: ${accounts.map((a) => `${a.account_name} (${String(a.account_id)})`).join(', ')}`);
  }
  return String(pickByName(accounts, account, (a) => a.account_name, { field: 'account', one: 'bank or credit card account', many: 'accounts' }).account_id);
}

export const booksListBankTransactions = defineZohoTool<typeof input, BooksClient, BooksList<'banktransactions', BooksBankTransaction>>({
  name: 'books_list_bank_transactions',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.banking.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books bank and card transactions per account and date range, newest first.
Use to track cash in and out.
Returns a table with page_totals money_in (debit) and money_out (credit).`,
  examples: [{ account: 'Business Checking', per_page: 10 }],
  input,
  run: async (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    const params: ListBankTransactionsParams = {
      date_start: args.date_start,
      date_end: args.date_end,
      sort_column: 'date',
      sort_order: 'D',
      page: args.page ?? 1,
      per_page: args.per_page ?? DEFAULT_PER_PAGE,
    };
    if (args.account) params.account_id = await accountId(ctx.client, args.account, ctx.signal);
    if (args.status) params.filter_by = STATUS_FILTERS[args.status];
    return ctx.client.listBankTransactions(params, { signal: ctx.signal });
  },
  shape: (result, args) => {
    const txns = result.banktransactions ?? [];
    const side = (t: BooksBankTransaction, wanted: 'debit' | 'credit') => (t.debit_or_credit === wanted ? t.amount : undefined);
    return listResult('transactions', result.page_context, args.page ?? 1, txns.map((t) => shapeRecord<Record<string, unknown>>(t)), TRANSACTION_COLUMNS, {
      money_in: totalsByCurrency(txns, (t) => t.currency_code, (t) => side(t, 'debit')),
      money_out: totalsByCurrency(txns, (t) => t.currency_code, (t) => side(t, 'credit')),
    });
  },
});
