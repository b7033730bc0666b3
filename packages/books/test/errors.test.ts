import { createManualClock, startEmulator } from '@zoho-agent-kit/core/emulator';
import { describe, expect, it } from 'vitest';
import { booksEmulator, createBooksEmulator, DEFAULT_ORGANIZATION_ID } from '../src/emulator/index.js';
import { rowsOf, startBooks } from './helpers.js';

const plugin = { organizationId: DEFAULT_ORGANIZATION_ID };

describe('Books errors reach the model as clear messages', () => {
  it('code 57 for a token without the Books scope says which scope is missing', async () => {
    const emu = await startEmulator({ apps: [booksEmulator], limits: { books: false } });
    const refreshToken = emu.accounts.issueRefreshToken({ scopes: ['ZohoBooks.contacts.READ', 'ZohoCRM.modules.ALL'] });
    const h = await startBooks({ reuse: emu, plugin, connection: { refreshToken } });
    const res = await h.call('books_list_invoices', {});
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/answered 57 \(HTTP 401, permission\): You are not authorized to perform this operation \(Books code 57, even with a freshly refreshed token\): the OAuth token probably lacks the scope ZohoBooks\.invoices\.READ/);
    expect(res.text).not.toMatch(/1000\.[0-9a-f]{32}/);
    // The pipeline refreshed once and replayed (a read up to three times), then gave up.
    expect(emu.counters.requests({ route: 'GET /books/v3/invoices', status: 401 })).toBe(4);
    expect(emu.accounts.tokenRequests('refresh_token')).toBe(2);
    // The scopes it does have still work.
    expect((await h.call('books_list_customers', { per_page: 1 })).outcome).toBe('ok');
    await h.close();
    await emu.close();
  });

  it('books_get_balance still reports bank balances when the chart of accounts is not allowed', async () => {
    const emu = await startEmulator({ apps: [booksEmulator], limits: { books: false } });
    const refreshToken = emu.accounts.issueRefreshToken({ scopes: ['ZohoBooks.banking.READ'] });
    const h = await startBooks({ reuse: emu, plugin, connection: { refreshToken } });
    const res = await h.call('books_get_balance', {});
    expect(res.outcome).toBe('ok');
    expect(rowsOf(res.json, 'accounts').map((a: { account_name: string }) => a.account_name)).toEqual(['Business Checking', 'Company Credit Card', 'Euro Operating Account']);
    expect(res.json.totals).toEqual({ USD: '48215.37', EUR: '8430.10' });
    expect(res.json.note).toMatch(/cash accounts .* are missing: the chart of accounts could not be read \(57: .*ZohoBooks\.accountants\.READ/);
    await h.close();
    await emu.close();
  });

  it('code 45 (daily quota) is not retried and says when it resets', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const h = await startBooks({ plugin, emulator: { apps: [createBooksEmulator({ dailyLimit: 2 })], clock: clock.now } });
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    expect((await h.call('books_list_customers', { per_page: 1 })).outcome).toBe('ok');
    const res = await h.call('books_list_invoices', { per_page: 1 });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/answered 45 \(HTTP 429, quota\): You have reached the maximum number of API calls for the day \(2 per organization\); the daily quota resets at .* \(in about 15 h 0 min\)\. Retry after 54000 s\./);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/invoices', status: 429 })).toBe(1);
    // A new day, a new quota.
    clock.advance(15 * 3600_000);
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    await h.close();
  });

  it('the per-minute limit (code 44) is retried after Retry-After when it is short', async () => {
    const h = await startBooks({ plugin, emulator: { limits: { books: { limit: 2, windowMs: 1_000 } } } });
    for (let i = 0; i < 3; i++) expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    expect(h.emu.counters.requests({ route: 'GET /books/v3/invoices', status: 429 })).toBe(1);
    await h.close();
  });

  it('the per-minute limit (code 44) fails clearly when the wait is too long', async () => {
    const h = await startBooks({ plugin, emulator: { limits: { books: { limit: 1, windowMs: 60_000 } } } });
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    const res = await h.call('books_list_invoices', { per_page: 1 });
    expect(res.text).toMatch(/answered 44 \(HTTP 429, throttled\): You have made too many requests.*Retry after 60 s/);
    await h.close();
  });

  it('a 5xx on a read is retried; on a write it is reported and never re-sent', async () => {
    const h = await startBooks({ plugin });
    h.emu.faults.add({ route: 'GET /books/v3/invoices', kind: 'status', status: 500, times: 1 });
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    h.emu.faults.add({ route: 'POST /books/v3/invoices', kind: 'status', status: 500, times: 1 });
    const res = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ name: 'A', quantity: 1, rate: 1 }] });
    expect(res.text).toMatch(/answered 1000 \(HTTP 500\): Internal error/);
    // Checked against Books, not "try again later": the invoice is not there, so sending it again is safe.
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).not.toMatch(/try again later/i);
    expect(h.emu.counters.requests({ route: 'POST /books/v3/invoices' })).toBe(1);
    await h.close();
  });
});
