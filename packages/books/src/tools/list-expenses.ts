import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksExpense, BooksList } from '../client.js';
import { dateSchema, idSchema, ORG_DISCOVERY_SCOPE, pageSchema, paging, perPageSchema, shapeRecord, sortOrder, sortOrderSchema, sumByCurrency } from './shared.js';

const input = z.object({
  date_start: dateSchema().optional().describe('Expense date from (yyyy-mm-dd, inclusive).'),
  date_end: dateSchema().optional().describe('Expense date up to (yyyy-mm-dd, inclusive).'),
  category: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Only this expense category: the expense account name (e.g. "Travel Expense", case-insensitive) or its account_id.'),
  vendor_id: idSchema('vendor').optional().describe('Only expenses from this vendor (a contact_id).'),
  sort_column: z.enum(['date', 'total', 'account_name']).optional().describe('Sort by date (default, newest first), total or category name.'),
  sort_order: sortOrderSchema,
  page: pageSchema,
  per_page: perPageSchema,
});

export const booksListExpenses = defineZohoTool<typeof input, BooksClient, BooksList<'expenses', BooksExpense>>({
  name: 'books_list_expenses',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.expenses.READ', 'ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `List recorded expenses in Zoho Books, filtered by date range, category (expense account) or vendor, sorted and paged.
Use it for "what did we spend on travel last month", "our largest expenses this quarter", or spending by vendor.
Returns {expenses:[{expense_id, date, category, category_id, total, currency_code, paid_through, vendor_name, customer_name, description, reference_number, status}], page_totals (exact sum per currency of this page), page, has_more, next_page}. Amounts are exact decimal strings.
Paging: when the result has next_page, call again with page set to it; add page_totals across pages for a period total.
Example: {"category":"Travel Expense","date_start":"2026-01-01","date_end":"2026-03-31","per_page":50}. An unknown category name fails with the list of valid categories.`,
  input,
  run: async (args, ctx) => {
    let accountId: string | undefined;
    if (args.category) {
      if (/^\d+$/.test(args.category)) {
        accountId = args.category;
      } else {
        const { chartofaccounts } = await ctx.client.listChartOfAccounts({ filter_by: 'AccountType.Expense', per_page: 200 }, { signal: ctx.signal });
        const expenseAccounts = (chartofaccounts ?? []).filter((a) => !a.account_type || /expense|cost_of_goods_sold/.test(a.account_type));
        const wanted = args.category.toLowerCase();
        const exact = expenseAccounts.filter((a) => (a.account_name ?? '').toLowerCase() === wanted);
        const partial = expenseAccounts.filter((a) => (a.account_name ?? '').toLowerCase().includes(wanted));
        const match = exact.length === 1 ? exact[0] : partial.length === 1 ? partial[0] : undefined;
        if (!match) {
          const names = (partial.length > 1 ? partial : expenseAccounts).map((a) => a.account_name).join(', ');
          throw new ToolInputError(
            'category',
            partial.length > 1 ? `"${args.category}" matches several categories: ${names}; use the exact name` : `no expense category is named "${args.category}"; categories: ${names}`,
          );
        }
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
        page: args.page,
        per_page: args.per_page,
      },
      { signal: ctx.signal },
    );
  },
  shape: (result, args) => {
    const expenses = result.expenses ?? [];
    return {
      expenses: expenses.map((e) => {
        const { expense_id, date, account_name, account_id, paid_through_account_name, ...rest } = e;
        return shapeRecord({ expense_id, date, category: account_name, category_id: account_id, ...rest, paid_through: paid_through_account_name }, [
          'paid_through_account_id',
          'created_time',
          'vendor_id',
          'customer_id',
        ]);
      }),
      count: expenses.length,
      page_totals: sumByCurrency(expenses, (e) => e.currency_code, (e) => e.total),
      ...paging(result.page_context, args.page),
    };
  },
});
