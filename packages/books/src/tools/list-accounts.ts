import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksChartAccount, BooksClient, BooksList } from '../client.js';
import { DEFAULT_PER_PAGE, listResult, ORG_DISCOVERY_SCOPE, pageSchema, perPageSchema, shapeRecord } from './shared.js';

const TYPE_FILTERS = { asset: 'AccountType.Asset', liability: 'AccountType.Liability', equity: 'AccountType.Equity', income: 'AccountType.Income', expense: 'AccountType.Expense' } as const;

const input = z.object({
  type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']).optional().describe('Only this group; default all.'),
  page: pageSchema,
  per_page: perPageSchema,
});

export const ACCOUNT_COLUMNS = ['account_id', 'account_code', 'account_name', 'account_type', 'current_balance', 'currency_code', 'is_active', 'description'];

export const booksListAccounts = defineZohoTool<typeof input, BooksClient, BooksList<'chartofaccounts', BooksChartAccount>>({
  name: 'books_list_accounts',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `List the Zoho Books chart of accounts with balances, by code.
Use to find an account or its balance (for cash, books_get_balance).
Returns a table; current_balance is positive in the account's normal direction.`,
  examples: [{ type: 'expense' }],
  input,
  run: (args, ctx) =>
    ctx.client.listChartOfAccounts(
      { filter_by: args.type ? TYPE_FILTERS[args.type] : 'AccountType.All', showbalance: true, sort_column: 'account_code', sort_order: 'A', page: args.page ?? 1, per_page: args.per_page ?? DEFAULT_PER_PAGE },
      { signal: ctx.signal },
    ),
  shape: (result, args) => {
    return listResult(
      'accounts',
      result.page_context,
      args.page ?? 1,
      (result.chartofaccounts ?? []).map((a) => shapeRecord<Record<string, unknown>>(a)),
      ACCOUNT_COLUMNS,
    );
  },
});
