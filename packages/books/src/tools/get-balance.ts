import { defineZohoTool, toTable, ZohoApiError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksBankAccount, BooksChartAccount, BooksClient } from '../client.js';
import { zohoAmountText } from '../money.js';
import { ORG_DISCOVERY_SCOPE, shapeRecord, todayIso, totalsByCurrency } from './shared.js';

const input = z.object({
  include_credit_cards: z
    .boolean()
    .optional()
    .describe('List credit cards too (default true).'),
});

interface BalanceResult {
  as_of: string;
  bankaccounts: BooksBankAccount[];
  chartofaccounts: BooksChartAccount[];
  /** Why cash accounts are missing, when the chart of accounts could not be read. */
  chart_error?: string;
}

interface AccountBalance {
  account_id: string;
  account_name: string;
  account_type: string;
  currency_code: string;
  balance?: string;
  balance_unavailable?: true;
  bank_balance?: string;
  /** The account's other business fields (bank name, masked number, code, description…). */
  [key: string]: unknown;
}

/** Fields every row states itself; the rest of an account's shaped record follows them. */
const OWN_FIELDS = ['account_id', 'account_name', 'account_type', 'currency_code', 'balance', 'bank_balance', 'current_balance', 'is_active'];

/** Chart-of-accounts failures that should not hide the bank balances (missing scope, unsupported filter). */
function tolerable(err: unknown): err is ZohoApiError {
  return err instanceof ZohoApiError && (err.kind === 'permission' || err.kind === 'scope' || err.kind === 'validation');
}

function setBalance(row: AccountBalance, value: unknown): void {
  const text = zohoAmountText(value);
  if (text === undefined) row.balance_unavailable = true;
  else row.balance = text;
}

export const booksGetBalance = defineZohoTool<typeof input, BooksClient, BalanceResult>({
  name: 'books_get_balance',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.banking.READ', 'ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `Get the balances of the organization's bank, cash and credit-card accounts.
Use for "how much cash do we have".
Returns as_of, totals per currency (bank and cash only) and a table of accounts; bank_balance is the bank feed's figure when it differs.`,
  examples: [{}],
  input,
  run: async (_args, ctx) => {
    const chart = ctx.client
      .listChartOfAccounts({ filter_by: 'AccountType.Asset', showbalance: true, per_page: 200 }, { signal: ctx.signal })
      .then((r) => ({ accounts: r.chartofaccounts ?? [], error: undefined as string | undefined }))
      .catch((err: unknown) => {
        if (!tolerable(err)) throw err;
        return { accounts: [] as BooksChartAccount[], error: `${err.code}: ${err.message}` };
      });
    const [banks, cash] = await Promise.all([ctx.client.listBankAccounts({ per_page: 200 }, { signal: ctx.signal }), chart]);
    const result: BalanceResult = { as_of: todayIso(), bankaccounts: banks.bankaccounts ?? [], chartofaccounts: cash.accounts };
    if (cash.error) result.chart_error = cash.error;
    return result;
  },
  shape: (result, args) => {
    const accounts: AccountBalance[] = [];
    const seen = new Set<string>();
    for (const a of result.bankaccounts) {
      if (a.is_active === false) continue;
      if (a.account_type === 'credit_card' && args.include_credit_cards === false) continue;
      seen.add(String(a.account_id));
      const row: AccountBalance = {
        ...shapeRecord<Record<string, unknown>>(a, OWN_FIELDS),
        account_id: String(a.account_id),
        account_name: a.account_name ?? '',
        account_type: a.account_type ?? 'bank',
        currency_code: a.currency_code ?? '',
      };
      setBalance(row, a.balance);
      const bank = zohoAmountText(a.bank_balance);
      if (bank !== undefined && a.account_type === 'bank' && bank !== row.balance) row.bank_balance = bank;
      accounts.push(row);
    }
    // Cash accounts (Petty Cash, Undeposited Funds) live in the chart of accounts, not under Banking.
    for (const a of result.chartofaccounts) {
      if (a.account_type !== 'cash' || a.is_active === false || seen.has(String(a.account_id))) continue;
      const row: AccountBalance = {
        ...shapeRecord<Record<string, unknown>>(a, OWN_FIELDS),
        account_id: String(a.account_id),
        account_name: a.account_name ?? '',
        account_type: 'cash',
        currency_code: a.currency_code ?? '',
      };
      setBalance(row, a.current_balance);
      accounts.push(row);
    }
    const out: Record<string, unknown> = {
      as_of: result.as_of,
      // Credit cards are owed, not held; an account without a balance adds nothing.
      totals: totalsByCurrency(accounts.filter((a) => a.account_type !== 'credit_card'), (a) => a.currency_code, (a) => a.balance),
      accounts: toTable(accounts as unknown as Record<string, unknown>[], { columns: ['account_id', 'account_name', 'account_type', 'currency_code', 'balance', 'bank_balance'] }),
    };
    const notes: string[] = [];
    if (accounts.some((a) => a.account_type === 'credit_card')) notes.push('credit_card balances are amounts owed and are not included in the totals');
    if (accounts.some((a) => a.balance_unavailable)) notes.push('accounts marked balance_unavailable had no balance from Books and are not in the totals');
    if (result.chart_error) notes.push(`cash accounts (petty cash, undeposited funds) are missing: the chart of accounts could not be read (${result.chart_error})`);
    if (notes.length) out.note = notes.join('; ');
    return out;
  },
});
