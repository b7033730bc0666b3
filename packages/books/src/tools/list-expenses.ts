import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksExpense, BooksList } from '../client.js';
import {
  checkDateRange,
  dateSchema,
  DEFAULT_PER_PAGE,
  idSchema,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  pickByName,
  shapeRecord,
  sortOrder,
  sortOrderSchema,
  textSchema,
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  date_start: dateSchema().optional().describe('Expense date from (inclusive).'),
  date_end: dateSchema().optional().describe('Expense date to (inclusive).'),
  category: textSchema(100).optional().describe('Expense account name or id.'),
  vendor_id: idSchema('vendor').optional().describe('Only this vendor (contact_id).'),
  sort_column: z.enum(['date', 'total', 'account_name']).optional().describe('Default date, newest first.'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

/** Expense columns in reading order: Books' account_name/account_id read as the category. */
export const EXPENSE_COLUMNS = ['expense_id', 'date', 'category', 'description', 'currency_code', 'total', 'vendor_name', 'customer_name', 'paid_through', 'status', 'is_billable', 'reference_number', 'category_id', 'vendor_id', 'customer_id', 'paid_through_account_id'];

/** One expense with Books' account fields named as a person reads them (category, paid_through). */
export function shapeExpense(expense: BooksExpense): Record<string, unknown> {
  const { account_name, account_id, paid_through_account_name, ...rest } = expense;
  return shapeRecord({ ...rest, category: account_name, category_id: account_id, paid_through: paid_through_account_name });
}

export const booksListExpenses = defineZohoTool<typeof input, BooksClient, BooksList<'expenses', BooksExpense>>({
  name: 'books_list_expenses',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.expenses.READ', 'ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books expenses by date, category or vendor.
Use for spending questions ("travel last quarter", "paid to a vendor").
Returns a table of expenses with page_totals; an unknown category lists the valid ones.`,
  examples: [{ category: 'Travel Expense' }],
  input,
  run: async (args, ctx) => {
    checkDateRange(args.date_start, args.date_end);
    let accountId: string | undefined;
    if (args.category) {
      if (/^\d+$/.test(args.category)) {
        accountId = args.category;
      } else {
        const { chartofaccounts } = await ctx.client.listChartOfAccounts({ filter_by: 'AccountType.Expense', per_page: 200 }, { signal: ctx.signal });
        const expenseAccounts = (chartofaccounts ?? []).filter((a) => !a.account_type || /expense|cost_of_goods_sold/.test(a.account_type));
        const match = pickByName(expenseAccounts, args.category, (a) => a.account_name, { field: 'category', one: 'expense category', many: 'categories' });
        accountId = String(match.account_id);
      }
    }
    return ctx.client.listExpenses(
      {
        date_start: args.date_start,
        date_end: args.date_end,
        account_id: accountId,
        vendor_id: args.vendor_id,
        sort_column: args.sort_column,
        sort_order: sortOrder(args.sort_order),
        page: args.page ?? 1,
        per_page: args.per_page ?? DEFAULT_PER_PAGE,
      },
      { signal: ctx.signal },
    );
  },
  shape: (result, args) => {
    const expenses = result.expenses ?? [];
    return listResult('expenses', result.page_context, args.page ?? 1, expenses.map(shapeExpense), EXPENSE_COLUMNS, {
      total: totalsByCurrency(expenses, (e) => e.currency_code, (e) => e.total),
    });
  },
});
