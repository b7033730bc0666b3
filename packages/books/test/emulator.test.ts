import { ZohoApiError, type ZohoAppClient } from '@zoho-agent-kit/core';
import { AGENCY_CLIENTS } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { booksEmulator, createBooksEmulator, DEFAULT_ORGANIZATION_ID, invoiceStatus, SEED_INCONSISTENCIES, type BooksState } from '../src/emulator/index.js';
import { startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;
let books: ZohoAppClient;
const org = { organization_id: DEFAULT_ORGANIZATION_ID };

beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
  books = h.connection.app({ app: 'books' });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.emu.resetState('books');
});

const state = () => h.emu.state<BooksState>('books');

describe('Books emulator', () => {
  it('seeds the shared agency world deterministically', () => {
    const now = Date.UTC(2026, 0, 5, 9);
    const a = booksEmulator.createState({ seed: true, now });
    const b = booksEmulator.createState({ seed: true, now });
    expect(JSON.stringify(a.organizations)).toBe(JSON.stringify(b.organizations));
    const main = a.organizations[0]!;
    expect(a.organizations).toHaveLength(1);
    // The agency's clients, one of them under the name Books knows it by (CRM and Books disagree there on purpose).
    expect(main.contacts.filter((c) => c.contact_type === 'customer').map((c) => c.contact_name)).toEqual(AGENCY_CLIENTS.map((c) => SEED_INCONSISTENCIES.renamed[c.name] ?? c.name));
    expect(main.invoices).toHaveLength(64);
    const statuses = new Set(main.invoices.map((i) => invoiceStatus(i, '2026-01-05')));
    for (const s of ['paid', 'unpaid', 'overdue', 'partially_paid', 'draft', 'void']) expect(statuses.has(s as never), s).toBe(true);
    expect(main.invoices.some((i) => i.total_cents % 100 !== 0)).toBe(true); // amounts with cents
    expect(main.expenses).toHaveLength(40);
    expect(main.accounts.map((x) => x.account_name)).toEqual(expect.arrayContaining(['Business Checking', 'Petty Cash']));
    const empty = booksEmulator.createState({ seed: false, now });
    expect(empty.organizations[0]!.invoices).toHaveLength(0);
    expect(empty.organizations[0]!.accounts.length).toBeGreaterThan(0);
  });

  it('lists with page_context (has_more_page, sort, search_criteria) and caps per_page at 200', async () => {
    const res = await books.request<any>({ method: 'GET', path: '/books/v3/invoices', query: { ...org, status: 'paid', per_page: 500, sort_column: 'total', sort_order: 'A' } });
    expect(res.data.code).toBe(0);
    expect(res.data.page_context).toMatchObject({ page: 1, per_page: 200, has_more_page: false, sort_column: 'total', sort_order: 'A', report_name: 'Invoices' });
    expect(res.data.page_context.search_criteria).toEqual([{ column_name: 'status', search_text: 'paid', comparator: 'equal' }]);
    const totals = res.data.invoices.map((i: { total: number }) => i.total);
    expect(totals).toEqual([...totals].sort((x: number, y: number) => x - y));
    const plain = await books.request<any>({ method: 'GET', path: '/books/v3/invoices', query: { ...org, per_page: 25, page: 3 } });
    expect(plain.data.page_context).toMatchObject({ page: 3, has_more_page: false });
    expect(plain.data.page_context.search_criteria).toBeUndefined();
    expect(plain.data.invoices).toHaveLength(14);
  });

  it('accepts the legacy JSONString form body and numbers invoices on', async () => {
    const customer = state().organizations[0]!.contacts[2]!;
    const today = new Date().toISOString().slice(0, 10);
    const res = await books.request<any>({
      method: 'POST',
      path: '/books/v3/invoices',
      query: { ...org, send: true },
      form: { JSONString: JSON.stringify({ customer_id: customer.contact_id, date: today, line_items: [{ name: 'Retainer', rate: 450.1, quantity: 1 }] }) },
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ code: 0, message: 'The invoice has been created.' });
    expect(res.data.invoice).toMatchObject({ invoice_number: 'INV-000065', status: 'unpaid', total: 450.1, balance: 450.1, customer_name: customer.contact_name });
    expect(res.data.invoice.due_date).toBe(new Date(Date.parse(`${today}T00:00:00Z`) + customer.payment_terms * 86_400_000).toISOString().slice(0, 10));
    expect(res.data.invoice.payment_terms_label).toBe(`Net ${customer.payment_terms}`);
    expect(typeof res.data.invoice.invoice_id).toBe('string');
    const next = await books.request<any>({ method: 'POST', path: '/books/v3/invoices', query: org, json: { customer_id: customer.contact_id, line_items: [{ name: 'B', rate: 1, quantity: 1 }] } });
    expect(next.data.invoice).toMatchObject({ invoice_number: 'INV-000066', status: 'draft' });
  });

  it('validates invoices: customer, line items, JSON', async () => {
    const customer = state().organizations[0]!.contacts[0]!;
    const post = (body: unknown) => books.request({ method: 'POST', path: '/books/v3/invoices', query: org, json: body }).catch((e: unknown) => e as ZohoApiError);
    expect(await post({ customer_id: '999', line_items: [{ name: 'A', rate: 1 }] })).toMatchObject({ code: '1002', status: 404 });
    expect(await post({ customer_id: customer.contact_id, line_items: [] })).toMatchObject({ code: '4', status: 400 });
    expect(await post({ customer_id: customer.contact_id, line_items: [{ rate: 1 }] })).toMatchObject({ code: '4', message: expect.stringMatching(/item_id or a name/) });
    expect(await post({ customer_id: customer.contact_id, line_items: [{ name: 'A', rate: 1, quantity: 0 }] })).toMatchObject({ code: '4' });
    const bad = await books
      .request({ method: 'POST', path: '/books/v3/invoices', query: org, form: { JSONString: '{not json' } })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: '4', message: 'Invalid value passed for JSONString' });
  });

  it('requires organization_id and knows only its organizations', async () => {
    const missing = await books.request({ method: 'GET', path: '/books/v3/invoices' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: '4', status: 400, message: expect.stringMatching(/organization_id/) });
    const unknown = await books.request({ method: 'GET', path: '/books/v3/contacts', query: { organization_id: '42' } }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: '1002', status: 404 });
    const orgs = await books.request<any>({ method: 'GET', path: '/books/v3/organizations' });
    expect(orgs.data.organizations).toEqual([expect.objectContaining({ organization_id: DEFAULT_ORGANIZATION_ID, name: 'Northwind Creative', currency_code: 'USD', is_default_org: true })]);
  });

  it('applies payments to invoices and refuses more than the balance', async () => {
    const main = state().organizations[0]!;
    const inv = main.invoices.find((i) => invoiceStatus(i, new Date().toISOString().slice(0, 10)) === 'unpaid')!;
    const balance = inv.total_cents;
    const pay = (amount: number, applied = amount) =>
      books.request<any>({
        method: 'POST',
        path: '/books/v3/customerpayments',
        query: org,
        json: { customer_id: inv.customer_id, amount, payment_mode: 'banktransfer', invoices: [{ invoice_id: inv.invoice_id, amount_applied: applied }] },
      });
    const over = await pay(balance / 100 + 0.01).catch((e: unknown) => e);
    expect(over).toMatchObject({ code: '4', message: expect.stringMatching(/more than the balance due/) });
    const res = await pay(0.3);
    expect(res.status).toBe(201);
    expect(res.data.payment).toMatchObject({ amount: 0.3, invoices: [{ invoice_id: inv.invoice_id, amount_applied: 0.3, balance_amount: (balance - 30) / 100 }] });
    const got = await books.request<any>({ method: 'GET', path: `/books/v3/invoices/${inv.invoice_id}`, query: org });
    expect(got.data.invoice).toMatchObject({ status: 'partially_paid', payment_made: 0.3, balance: (balance - 30) / 100 });
    const contact = await books.request<any>({ method: 'GET', path: `/books/v3/contacts/${inv.customer_id}`, query: org });
    const expected = main.invoices
      .filter((i) => i.customer_id === inv.customer_id && i.status === 'sent')
      .reduce((s, i) => s + i.total_cents - i.payment_made_cents, 0);
    expect(Math.round(contact.data.contact.outstanding_receivable_amount * 100)).toBe(expected);
  });

  it('answers unknown Books paths with its own envelope', async () => {
    const err = await books.request({ method: 'GET', path: '/books/v3/nothing', query: org }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: '5', message: 'Invalid URL Passed' });
  });

  it('createBooksEmulator takes a daily limit and extra organizations', () => {
    const app = createBooksEmulator({ dailyLimit: 7, extraOrganizations: [{ name: 'B' }], rateLimit: false });
    const s = app.createState({ seed: true, now: Date.UTC(2026, 0, 5) });
    expect(s.dailyLimit).toBe(7);
    expect(s.organizations.map((o) => o.organization.name)).toEqual(['Northwind Creative', 'B']);
    expect(app.rateLimit).toBeUndefined();
    expect(booksEmulator.rateLimit).toEqual({ limit: 100, windowMs: 60_000 });
  });
});
