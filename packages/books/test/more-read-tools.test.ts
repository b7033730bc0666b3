/**
 * The read tools for quotes, purchases, payables, cash and the books of account, over real HTTP: paging to
 * the end, filters, exact totals, ids as strings, and bad input that names the field and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBalanceCents, billStatus, DEFAULT_ORGANIZATION_ID, estimateStatus, type BooksState } from '../src/emulator/index.js';
import { cents, rowsOf, startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;

beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
});
afterAll(async () => {
  await h.close();
});

const org = () => h.emu.state<BooksState>('books').organizations[0]!;
const today = () => new Date().toISOString().slice(0, 10);
const sum = (values: string[]) => values.reduce((s, v) => s + cents(v), 0n);

/** Pages a list tool to its end; every page's next_page is the next one, the last has none. */
async function allPages(tool: string, input: Record<string, unknown>, key: string): Promise<{ rows: any[]; pages: number }> {
  const rows: any[] = [];
  let page: number | undefined = 1;
  let pages = 0;
  while (page) {
    const res = await h.call(tool, { ...input, page });
    expect(res.outcome, res.text).toBe('ok');
    pages++;
    rows.push(...rowsOf(res.json, key));
    if (res.json.has_more) expect(res.json.next_page).toBe(page + 1);
    else expect(res.json.next_page).toBeUndefined();
    page = res.json.next_page;
  }
  return { rows, pages };
}

/** Bad input: a field error naming the field, and no request at all. */
async function refusedBeforeSending(tool: string, input: Record<string, unknown>, message: RegExp): Promise<void> {
  const before = h.emu.counters.requests({ app: 'books' });
  const res = await h.call(tool, input);
  expect(res.outcome, res.text).toBe('invalid');
  expect(res.text).toMatch(message);
  expect(h.emu.counters.requests({ app: 'books' })).toBe(before);
}

describe('books_list_estimates', () => {
  it('pages to the end through every estimate, newest first, ids as strings', async () => {
    const { rows, pages } = await allPages('books_list_estimates', { per_page: 7 }, 'estimates');
    expect(rows).toHaveLength(org().estimates.length);
    expect(pages).toBe(Math.ceil(org().estimates.length / 7));
    expect(new Set(rows.map((r) => r.estimate_id)).size).toBe(rows.length);
    expect(rows.every((r) => typeof r.estimate_id === 'string' && /^\d{19}$/.test(r.estimate_id))).toBe(true);
    const numbers = rows.map((r) => r.estimate_number);
    expect(numbers).toEqual([...numbers].sort().reverse());
  });

  it('filters by status and customer, with exact page totals', async () => {
    for (const status of ['draft', 'sent', 'accepted', 'declined', 'invoiced', 'expired']) {
      const res = await h.call('books_list_estimates', { status, per_page: 200 });
      const rows = rowsOf(res.json, 'estimates');
      const want = org().estimates.filter((e) => estimateStatus(e, today()) === status);
      expect(rows.length, status).toBe(want.length);
      expect(rows.length, status).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === status)).toBe(true);
      expect(cents(res.json.page_totals.total.USD)).toBe(sum(rows.map((r) => r.total)));
    }
    const zylker = org().contacts.find((c) => c.contact_name === 'Zylker Corp')!;
    const mine = await h.call('books_list_estimates', { customer_id: zylker.contact_id });
    expect(rowsOf(mine.json, 'estimates').length).toBe(org().estimates.filter((e) => e.customer_id === zylker.contact_id).length);
    expect(mine.json.every_row).toMatchObject({ customer_name: 'Zylker Corp', customer_id: zylker.contact_id });
  });

  it('refuses a bad status or range before sending', async () => {
    await refusedBeforeSending('books_list_estimates', { status: 'won' }, /field "status"/);
    await refusedBeforeSending('books_list_estimates', { date_start: '2026-03-01', date_end: '2026-02-01' }, /field "date_end": 2026-02-01 is before the start date 2026-03-01/);
  });
});

describe('books_list_purchase_orders', () => {
  it('pages to the end and filters by status, vendor and text', async () => {
    const { rows } = await allPages('books_list_purchase_orders', { per_page: 3 }, 'purchase_orders');
    expect(rows).toHaveLength(org().purchaseOrders.length);
    for (const status of ['draft', 'open', 'billed', 'cancelled']) {
      const res = await h.call('books_list_purchase_orders', { status });
      expect(rowsOf(res.json, 'purchase_orders').length, status).toBe(org().purchaseOrders.filter((p) => p.status === status).length);
    }
    const billed = await h.call('books_list_purchase_orders', { status: 'billed' });
    expect(rowsOf(billed.json, 'purchase_orders').every((p: { billed_status: string }) => p.billed_status === 'billed' || p.billed_status === 'partially_billed')).toBe(true);
    const freelance = org().contacts.find((c) => c.contact_name === 'Freelance Collective')!;
    const byVendor = await h.call('books_list_purchase_orders', { vendor_id: freelance.contact_id });
    expect(rowsOf(byVendor.json, 'purchase_orders').length).toBe(org().purchaseOrders.filter((p) => p.vendor_id === freelance.contact_id).length);
    const byText = await h.call('books_list_purchase_orders', { search_text: 'cloudhost' });
    expect(rowsOf(byText.json, 'purchase_orders').map((p: { vendor_name?: string }) => p.vendor_name ?? byText.json.every_row?.vendor_name)).toEqual(['CloudHost Inc']);
  });
});

describe('books_list_bills', () => {
  it('lists what the agency owes: unpaid bills soonest due first, balances exact, days overdue counted', async () => {
    const res = await h.call('books_list_bills', { status: 'unpaid', sort: 'due_date' });
    expect(res.outcome, res.text).toBe('ok');
    const rows = rowsOf(res.json, 'bills');
    const owed = org().bills.filter((b) => ['open', 'overdue', 'partially_paid'].includes(billStatus(b, today())));
    expect(rows.map((r) => r.bill_id).sort()).toEqual(owed.map((b) => b.bill_id).sort());
    expect(rows.map((r) => r.due_date)).toEqual([...rows.map((r) => r.due_date)].sort());
    expect(cents(res.json.page_totals.balance.USD)).toBe(BigInt(owed.reduce((s, b) => s + billBalanceCents(b), 0)));
    for (const r of rows) {
      if (r.due_date < today()) expect(r.days_overdue, r.bill_number).toBe(Math.round((Date.parse(today()) - Date.parse(r.due_date)) / 86_400_000));
      else expect(r.days_overdue).toBeUndefined();
    }
    expect(rows.some((r) => r.status === 'overdue')).toBe(true);
  });

  it('pages to the end, filters by one status, and refuses bad input before sending', async () => {
    const { rows } = await allPages('books_list_bills', { per_page: 5 }, 'bills');
    expect(rows).toHaveLength(org().bills.length);
    for (const status of ['overdue', 'paid', 'void', 'draft']) {
      const res = await h.call('books_list_bills', { status, per_page: 200 });
      expect(rowsOf(res.json, 'bills').length, status).toBe(org().bills.filter((b) => billStatus(b, today()) === status).length);
    }
    const biggest = await h.call('books_list_bills', { sort: 'balance' });
    const balances = rowsOf(biggest.json, 'bills').map((b) => cents(b.balance));
    expect(balances).toEqual([...balances].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    await refusedBeforeSending('books_list_bills', { status: 'owed' }, /field "status"/);
    await refusedBeforeSending('books_list_bills', { sort_column: 'due_date' }, /unknown field "sort_column"/);
  });
});

describe('books_list_bank_transactions', () => {
  it('lists an account by name, newest first, paging to the end; in and out totals are exact', async () => {
    const checking = org().accounts.find((a) => a.account_name === 'Business Checking')!;
    const { rows, pages } = await allPages('books_list_bank_transactions', { account: 'business checking', per_page: 25 }, 'transactions');
    const mine = org().bankTransactions.filter((t) => t.account_id === checking.account_id);
    expect(rows).toHaveLength(mine.length);
    expect(pages).toBe(Math.ceil(mine.length / 25));
    const dates = rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const first = await h.call('books_list_bank_transactions', { account: checking.account_id, per_page: 25 });
    expect(first.json.every_row).toMatchObject({ account_name: 'Business Checking', account_id: checking.account_id });
    const page = rowsOf(first.json, 'transactions');
    expect(cents(first.json.page_totals.money_in.USD)).toBe(sum(page.filter((t) => t.debit_or_credit === 'debit').map((t) => t.amount)));
    expect(cents(first.json.page_totals.money_out.USD)).toBe(sum(page.filter((t) => t.debit_or_credit === 'credit').map((t) => t.amount)));
  });

  it('matches the seeded payments and expenses: every payment into checking and every card expense is a line', async () => {
    const checking = org().accounts.find((a) => a.account_name === 'Business Checking')!;
    const card = org().accounts.find((a) => a.account_name === 'Company Credit Card')!;
    const lines = org().bankTransactions;
    for (const p of org().payments.filter((x) => x.account_id === checking.account_id)) {
      expect(lines.some((t) => t.entity_id === p.payment_id && t.amount_cents === p.amount_cents && t.debit_or_credit === 'debit' && t.date === p.date), p.payment_number).toBe(true);
    }
    for (const e of org().expenses.filter((x) => x.paid_through_account_id === card.account_id)) {
      expect(lines.some((t) => t.entity_id === e.expense_id && t.account_id === card.account_id && t.amount_cents === e.total_cents && t.debit_or_credit === 'credit'), e.expense_id).toBe(true);
    }
  });

  it('filters by status and date range; an unknown account lists the accounts; nothing is listed on bad input', async () => {
    const uncategorized = await h.call('books_list_bank_transactions', { status: 'uncategorized' });
    const rows = rowsOf(uncategorized.json, 'transactions');
    expect(rows.length).toBe(org().bankTransactions.filter((t) => t.status === 'uncategorized').length);
    expect(uncategorized.json.every_row).toMatchObject({ status: 'uncategorized', source: 'bank_feed' });
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const recent = await h.call('books_list_bank_transactions', { date_start: from, per_page: 200 });
    expect(rowsOf(recent.json, 'transactions').length).toBe(org().bankTransactions.filter((t) => t.date >= from).length);

    const before = h.emu.counters.requests({ route: 'GET /books/v3/banktransactions' });
    const unknown = await h.call('books_list_bank_transactions', { account: 'Savings' });
    expect(unknown.outcome).toBe('invalid');
    expect(unknown.text).toMatch(/field "account": no bank or credit card account is named "Savings"; accounts: .*Business Checking.*Company Credit Card/);
    const byId = await h.call('books_list_bank_transactions', { account: '4372460000000000002' });
    expect(byId.text).toMatch(/field "account": no bank or credit card account has the id 4372460000000000002/);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/banktransactions' })).toBe(before);
    await refusedBeforeSending('books_list_bank_transactions', { date_start: '2026-03-01', date_end: '2026-02-01' }, /field "date_end"/);
  });
});

describe('books_list_journals', () => {
  it('pages to the end through the manual journals, newest first', async () => {
    const { rows } = await allPages('books_list_journals', { per_page: 6 }, 'journals');
    expect(rows).toHaveLength(org().journals.length);
    const dates = rows.map((r) => r.journal_date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('with_lines adds each journal’s balanced debit and credit lines', async () => {
    const res = await h.call('books_list_journals', { search_text: 'payroll', with_lines: true, per_page: 4 });
    expect(res.outcome, res.text).toBe('ok');
    const journals = rowsOf(res.json, 'journals');
    expect(journals).toHaveLength(4);
    const lines = rowsOf(res.json, 'lines');
    for (const j of journals) {
      const own = lines.filter((l) => l.journal_id === j.journal_id);
      expect(own.map((l) => l.account_name).sort()).toEqual(['Business Checking', 'Salaries and Employee Wages']);
      expect(sum(own.filter((l) => l.debit_or_credit === 'debit').map((l) => l.amount))).toBe(cents(j.total));
      expect(sum(own.filter((l) => l.debit_or_credit === 'credit').map((l) => l.amount))).toBe(cents(j.total));
    }
    expect(h.emu.counters.requests({ route: 'GET /books/v3/journals/*' })).toBeGreaterThanOrEqual(4);
    await refusedBeforeSending('books_list_journals', { with_lines: true, per_page: 50 }, /field "per_page": with with_lines, at most 25 journals a page/);
  });
});

describe('books_list_accounts', () => {
  it('lists the chart of accounts by code, with balances, and by type', async () => {
    const { rows } = await allPages('books_list_accounts', { per_page: 10 }, 'accounts');
    expect(rows).toHaveLength(org().accounts.length);
    const codes = rows.map((r) => r.account_code);
    expect(codes).toEqual([...codes].sort());
    const checking = rows.find((r) => r.account_name === 'Business Checking');
    expect(checking.current_balance).toBe('48215.37');
    const expense = await h.call('books_list_accounts', { type: 'expense' });
    expect(expense.json.every_row).toMatchObject({ account_type: 'expense' });
    const wages = rowsOf(expense.json, 'accounts').find((r) => r.account_name === 'Salaries and Employee Wages');
    const payroll = org().journals.filter((j) => j.status === 'published' && j.notes.startsWith('Payroll')).reduce((s, j) => s + j.total_cents, 0);
    expect(cents(wages.current_balance)).toBe(BigInt(payroll));
    const liabilities = await h.call('books_list_accounts', { type: 'liability' });
    const payable = rowsOf(liabilities.json, 'accounts').find((r) => r.account_name === 'Accounts Payable');
    expect(cents(payable.current_balance)).toBe(BigInt(org().bills.filter((b) => b.status === 'open').reduce((s, b) => s + billBalanceCents(b), 0)));
    await refusedBeforeSending('books_list_accounts', { type: 'assets' }, /field "type"/);
  });
});
