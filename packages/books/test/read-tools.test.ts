import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID } from '../src/emulator/index.js';
import { cents, rowsOf, startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;

beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
});
afterAll(async () => {
  await h.close();
});

describe('books_list_invoices', () => {
  it('pages on page_context.has_more_page and says next_page', async () => {
    const seen = new Set<string>();
    let page: number | undefined = 1;
    let pages = 0;
    while (page) {
      const res = await h.call('books_list_invoices', { page, per_page: 25 });
      expect(res.outcome).toBe('ok');
      pages++;
      for (const inv of rowsOf(res.json, 'invoices')) seen.add(inv.invoice_id);
      if (res.json.has_more) expect(res.json.next_page).toBe(page + 1);
      else expect(res.json.next_page).toBeUndefined();
      page = res.json.next_page;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(64);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/invoices' })).toBeGreaterThanOrEqual(3);
  });

  it('shapes rows: ids as strings, amounts as exact two-decimal strings, no noise', async () => {
    const res = await h.call('books_list_invoices', { per_page: 5 });
    // A table: the column names once, the values row by row; what every row shares once beside it.
    expect(res.json.invoices.columns.slice(0, 3)).toEqual(['invoice_id', 'invoice_number', 'status']);
    expect(res.json.invoices.rows).toHaveLength(5);
    expect(res.json.every_row).toEqual({ currency_code: 'USD' });
    expect(res.text).not.toContain('"invoice_id":');
    const inv = rowsOf(res.json, 'invoices')[0];
    expect(typeof inv.invoice_id).toBe('string');
    expect(inv.total).toMatch(/^\d+\.\d{2}$/);
    expect(inv.balance).toMatch(/^\d+\.\d{2}$/);
    expect(inv.currency_code).toBe('USD');
    for (const noise of ['template_id', 'is_emailed', 'currency_id', 'created_time', 'reference_number_formatted']) expect(inv).not.toHaveProperty(noise);
    const sum = rowsOf(res.json, 'invoices').reduce((s: bigint, i: { total: string }) => s + cents(i.total), 0n);
    expect(cents(res.json.page_totals.total.USD)).toBe(sum);
  });

  it('filters by status, customer, date range and search text, and sorts', async () => {
    const overdue = await h.call('books_list_invoices', { status: 'overdue', sort_column: 'due_date', sort_order: 'asc', per_page: 200 });
    expect(rowsOf(overdue.json, 'invoices').length).toBeGreaterThan(5);
    expect(rowsOf(overdue.json, 'invoices').every((i: { status: string }) => i.status === 'overdue')).toBe(true);
    const dues = rowsOf(overdue.json, 'invoices').map((i: { due_date: string }) => i.due_date);
    expect([...dues].sort()).toEqual(dues);

    const unpaid = await h.call('books_list_invoices', { status: 'unpaid', per_page: 200 });
    const statuses = new Set(rowsOf(unpaid.json, 'invoices').map((i: { status: string }) => i.status));
    expect([...statuses].sort()).toEqual(['overdue', 'partially_paid', 'unpaid']);

    for (const status of ['paid', 'draft', 'partially_paid', 'void']) {
      const res = await h.call('books_list_invoices', { status, per_page: 200 });
      expect(rowsOf(res.json, 'invoices').length, status).toBeGreaterThan(0);
    }

    const customerId = rowsOf(overdue.json, 'invoices')[0].customer_id;
    const mine = await h.call('books_list_invoices', { customer_id: customerId, per_page: 200 });
    expect(rowsOf(mine.json, 'invoices').length).toBe(8);
    expect(rowsOf(mine.json, 'invoices').every((i: { customer_id: string }) => i.customer_id === customerId)).toBe(true);

    const all = await h.call('books_list_invoices', { per_page: 200, sort_column: 'date', sort_order: 'asc' });
    const dates: string[] = rowsOf(all.json, 'invoices').map((i: { date: string }) => i.date);
    const [from, to] = [dates[10]!, dates[30]!];
    const ranged = await h.call('books_list_invoices', { date_start: from, date_end: to, per_page: 200 });
    expect(rowsOf(ranged.json, 'invoices').length).toBe(dates.filter((d) => d >= from && d <= to).length);

    const search = await h.call('books_list_invoices', { search_text: 'INV-000007' });
    expect(rowsOf(search.json, 'invoices').map((i: { invoice_number: string }) => i.invoice_number)).toEqual(['INV-000007']);
    const byName = await h.call('books_list_invoices', { search_text: 'quantum', per_page: 50 });
    expect(rowsOf(byName.json, 'invoices').every((i: { customer_name: string }) => i.customer_name === 'Quantum Bakery')).toBe(true);

    const byBalance = await h.call('books_list_invoices', { sort_column: 'balance', sort_order: 'desc', per_page: 20 });
    const balances = rowsOf(byBalance.json, 'invoices').map((i: { balance: string }) => cents(i.balance));
    expect(balances).toEqual([...balances].sort((a: bigint, b: bigint) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('refuses bad input before sending', async () => {
    const before = h.emu.counters.requests({ route: 'GET /books/v3/invoices' });
    const res = await h.call('books_list_invoices', { date_start: '01/02/2026' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/date_start/);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/invoices' })).toBe(before);
  });

  it('returns Zoho JSON untouched with raw:true', async () => {
    const res = await h.call('books_list_invoices', { per_page: 2, raw: true });
    expect(res.json.code).toBe(0);
    expect(res.json.page_context).toMatchObject({ page: 1, per_page: 2, has_more_page: true });
    expect(typeof res.json.invoices[0].total).toBe('number');
  });
});

describe('books_get_invoice', () => {
  it('returns lines, totals and payments with exact amounts', async () => {
    const list = await h.call('books_list_invoices', { status: 'partially_paid', per_page: 1 });
    const id = rowsOf(list.json, 'invoices')[0].invoice_id;
    const res = await h.call('books_get_invoice', { invoice_id: id });
    expect(res.outcome).toBe('ok');
    const inv = res.json;
    expect(inv.invoice_id).toBe(id);
    expect(inv.status).toBe('partially_paid');
    const lines = rowsOf(inv, 'line_items');
    const lineSum = lines.reduce((s: bigint, l: { item_total: string }) => s + cents(l.item_total), 0n);
    expect(cents(inv.total)).toBe(lineSum);
    expect(inv).not.toHaveProperty('sub_total'); // equal to total here: said once
    expect(cents(inv.balance)).toBe(cents(inv.total) - cents(inv.payment_made));
    const payments = rowsOf(inv, 'payments');
    expect(payments).toHaveLength(1);
    expect(payments[0].amount).toBe(inv.payment_made);
    expect(payments[0].payment_id).toMatch(/^\d+$/);
    expect(inv.payment_terms_label).toMatch(/^Net \d+$/);
    expect(inv).not.toHaveProperty('tax_total'); // zero adjustments are noise
    expect(inv).not.toHaveProperty('custom_fields');
  });

  it('explains a bad id (code 1002)', async () => {
    const res = await h.call('books_get_invoice', { invoice_id: '4372460000999999999' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/answered 1002 \(HTTP 404, not_found\): Invoice does not exist/);
    expect(res.text).toMatch(/Check the id/);
  });
});

describe('customers', () => {
  it('lists customers with outstanding receivables, most owed first', async () => {
    const res = await h.call('books_list_customers', { sort_column: 'outstanding_receivable_amount', sort_order: 'desc', per_page: 5 });
    expect(res.outcome).toBe('ok');
    expect(rowsOf(res.json, 'customers')).toHaveLength(5);
    expect(res.json.has_more).toBe(true);
    expect(res.json.next_page).toBe(2);
    const owed = rowsOf(res.json, 'customers').map((c: { outstanding_receivable_amount: string }) => cents(c.outstanding_receivable_amount));
    expect(owed).toEqual([...owed].sort((a: bigint, b: bigint) => (a < b ? 1 : a > b ? -1 : 0)));
    const sum = owed.reduce((s: bigint, v: bigint) => s + v, 0n);
    expect(cents(res.json.page_totals.outstanding_receivable_amount.USD)).toBe(sum);
    expect(rowsOf(res.json, 'customers')[0]).not.toHaveProperty('contact_type');

    const page2 = await h.call('books_list_customers', { sort_column: 'outstanding_receivable_amount', sort_order: 'desc', per_page: 5, page: 2 });
    expect(rowsOf(page2.json, 'customers')).toHaveLength(3); // 8 customers; vendors are not listed
    expect(page2.json.has_more).toBe(false);
  });

  it('searches customers by name or contact person', async () => {
    const res = await h.call('books_list_customers', { search_text: 'zylker' });
    expect(rowsOf(res.json, 'customers').map((c: { contact_name: string }) => c.contact_name)).toEqual(['Zylker Corp']);
    const person = await h.call('books_list_customers', { search_text: 'Grace Hopper' });
    expect(rowsOf(person.json, 'customers').map((c: { contact_name: string }) => c.contact_name)).toEqual(['Bluebird Logistics']);
  });

  it('gets a customer with the unpaid invoices behind the outstanding balance', async () => {
    const list = await h.call('books_list_customers', { search_text: 'Zylker' });
    const id = rowsOf(list.json, 'customers')[0].contact_id;
    const res = await h.call('books_get_customer', { contact_id: id });
    expect(res.outcome).toBe('ok');
    expect(res.json.customer.contact_name).toBe('Zylker Corp');
    expect(rowsOf(res.json.customer, 'contact_persons').map((p: { first_name: string }) => p.first_name)).toEqual(['Bob', 'Amelia']);
    const unpaid = rowsOf(res.json, 'unpaid_invoices');
    expect(unpaid.every((i: { currency_code: string }) => i.currency_code === 'USD')).toBe(true);
    const balances = unpaid.map((i: { balance: string }) => cents(i.balance));
    const sum = balances.reduce((s: bigint, v: bigint) => s + v, 0n);
    expect(cents(res.json.customer.outstanding_receivable_amount)).toBe(sum);
    expect(res.json.more_unpaid_invoices).toBeUndefined();
    const overdue = unpaid.filter((i: { status: string }) => i.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i: { days_overdue: number }) => i.days_overdue > 0)).toBe(true);
    const dues = unpaid.map((i: { due_date: string }) => i.due_date);
    expect([...dues].sort()).toEqual(dues);
  });

  it('says when more unpaid invoices exist than were asked for, and how to list them', async () => {
    const res = await h.call('books_get_customer', { contact_id: '4372460000000000018', max_invoices: 2 });
    expect(res.outcome).toBe('ok');
    const unpaid = rowsOf(res.json, 'unpaid_invoices');
    expect(unpaid).toHaveLength(2);
    expect(res.json.more_unpaid_invoices).toBe(true);
    const shown = unpaid.reduce((s: bigint, i: { balance: string }) => s + cents(i.balance), 0n);
    expect(cents(res.json.unpaid_shown_total.USD)).toBe(shown);
    expect(res.json.note).toMatch(/books_list_invoices \{"customer_id":"4372460000000000018","status":"unpaid"\}/);
  });

  it('explains an unknown customer (code 1002)', async () => {
    const res = await h.call('books_get_customer', { contact_id: '1234' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/1002.*Contact does not exist/);
  });
});

describe('books_get_balance', () => {
  it('lists bank and cash balances with currency and as-of date, and totals per currency', async () => {
    const res = await h.call('books_get_balance', {});
    expect(res.outcome).toBe('ok');
    const byName = Object.fromEntries(rowsOf(res.json, 'accounts').map((a: { account_name: string }) => [a.account_name, a]));
    expect(byName['Business Checking']).toMatchObject({ account_type: 'bank', currency_code: 'USD', balance: '48215.37', bank_balance: '47900.12' });
    expect(byName['Petty Cash']).toMatchObject({ account_type: 'cash', currency_code: 'USD', balance: '412.65' });
    expect(byName['Undeposited Funds']).toMatchObject({ account_type: 'cash', balance: '1250.00' });
    expect(byName['Euro Operating Account']).toMatchObject({ currency_code: 'EUR', balance: '8430.10' });
    expect(byName['Company Credit Card']).toMatchObject({ account_type: 'credit_card', balance: '2341.18' });
    expect(res.json.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.json.totals).toEqual({ USD: '49878.02', EUR: '8430.10' });
    expect(res.json.note).toMatch(/credit_card/);

    const noCards = await h.call('books_get_balance', { include_credit_cards: false });
    expect(rowsOf(noCards.json, 'accounts').some((a: { account_type: string }) => a.account_type === 'credit_card')).toBe(false);
    expect(noCards.json.note).toBeUndefined();
  });
});

describe('books_list_expenses', () => {
  it('filters by category name (or id) and date range, with exact page totals', async () => {
    const res = await h.call('books_list_expenses', { category: 'travel expense', per_page: 50 });
    expect(res.outcome).toBe('ok');
    expect(rowsOf(res.json, 'expenses').length).toBe(5);
    expect(rowsOf(res.json, 'expenses').every((e: { category: string }) => e.category === 'Travel Expense')).toBe(true);
    const sum = rowsOf(res.json, 'expenses').reduce((s: bigint, e: { total: string }) => s + cents(e.total), 0n);
    expect(res.json.page_totals).toEqual({ total: { USD: expect.any(String) } });
    expect(cents(res.json.page_totals.total.USD)).toBe(sum);
    // Filtered to one category (one vendor, one card): those values are said once, not on every row.
    expect(res.json.every_row).toMatchObject({ category: 'Travel Expense', vendor_name: 'Skyline Travel', paid_through: 'Company Credit Card', currency_code: 'USD' });
    expect(res.json.expenses.columns).not.toContain('category');
    const e = rowsOf(res.json, 'expenses')[0];
    expect(e).toMatchObject({ category_id: expect.stringMatching(/^\d+$/), paid_through: 'Company Credit Card', vendor_name: 'Skyline Travel', vendor_id: expect.stringMatching(/^\d+$/) });
    expect(e).not.toHaveProperty('account_name');

    const byId = await h.call('books_list_expenses', { category: e.category_id, per_page: 50 });
    expect(rowsOf(byId.json, 'expenses').length).toBe(5);

    const all = await h.call('books_list_expenses', { per_page: 200, sort_column: 'date', sort_order: 'asc' });
    expect(rowsOf(all.json, 'expenses').length).toBe(40);
    const dates: string[] = rowsOf(all.json, 'expenses').map((x: { date: string }) => x.date);
    const ranged = await h.call('books_list_expenses', { date_start: dates[5], date_end: dates[20], per_page: 200 });
    expect(rowsOf(ranged.json, 'expenses').length).toBe(dates.filter((d) => d >= dates[5]! && d <= dates[20]!).length);
    const categories = new Set(rowsOf(all.json, 'expenses').map((x: { category: string }) => x.category));
    expect(categories.size).toBe(8);
  });

  it('pages expenses', async () => {
    const first = await h.call('books_list_expenses', { per_page: 15 });
    expect(first.json).toMatchObject({ page: 1, has_more: true, next_page: 2 });
    expect(first.json.expenses.rows).toHaveLength(15);
    const third = await h.call('books_list_expenses', { per_page: 15, page: 3 });
    expect(third.json).toMatchObject({ page: 3, has_more: false });
    expect(third.json.expenses.rows).toHaveLength(10);
    expect(third.json.next_page).toBeUndefined();
  });

  it('rejects an unknown category naming the valid ones, without listing expenses', async () => {
    const before = h.emu.counters.requests({ route: 'GET /books/v3/expenses' });
    const res = await h.call('books_list_expenses', { category: 'Yachts' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "category": no expense category is named "Yachts"; categories: .*Travel Expense/);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/expenses' })).toBe(before);
  });
});
