import { createZohoConnection, createZohoToolkit, ZohoApiError, ZohoConfigError } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { BooksClient, booksPlugin } from '../src/index.js';
import { addBooksOrganization, createBooksEmulator, DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
import { startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orgCalls = () => h!.emu.counters.requests({ route: 'GET /books/v3/organizations' });
const dataCalls = () => h!.emu.counters.requests({ app: 'books' }) - orgCalls();

describe('organization', () => {
  it('discovers the only organization once (cached, single-flight) and uses it on every call', async () => {
    h = await startBooks();
    const results = await Promise.all([
      h.call('books_list_invoices', { per_page: 1 }),
      h.call('books_list_customers', { per_page: 1 }),
      h.call('books_get_balance', {}),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok']);
    await h.call('books_list_expenses', { per_page: 1 });
    expect(orgCalls()).toBe(1);
    expect(await h.kit.client<BooksClient>('books').organizationId()).toBe(DEFAULT_ORGANIZATION_ID);
  });

  it('with several organizations and none chosen, names them and sends no data call', async () => {
    h = await startBooks({ emulator: { apps: [createBooksEmulator({ extraOrganizations: [{ name: 'Northwind Creative EU', organization_id: '70099' }] })] } });
    const res = await h.call('books_list_invoices', {});
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('books_list_invoices cannot run: configuration ZOHO_BOOKS_ORGANIZATION_ID');
    expect(res.text).toContain(`Northwind Creative (${DEFAULT_ORGANIZATION_ID}), Northwind Creative EU (70099)`);
    expect(res.text).toMatch(/Set ZOHO_BOOKS_ORGANIZATION_ID/);
    expect(dataCalls()).toBe(0);
    // A failed discovery is not cached as success: it is asked again next time.
    await h.call('books_list_customers', {});
    expect(orgCalls()).toBe(2);
    expect(dataCalls()).toBe(0);
  });

  it('uses the configured organization without discovery, per organization', async () => {
    h = await startBooks({ plugin: { organizationId: '70099' }, emulator: { apps: [createBooksEmulator({ extraOrganizations: [{ name: 'Second', organization_id: '70099' }] })] } });
    const res = await h.call('books_list_invoices', {});
    expect(res.outcome).toBe('ok');
    expect(res.json).toMatchObject({ has_more: false, invoices: { rows: [] } });
    expect(orgCalls()).toBe(0);
  });

  it('explains a user without any organization', async () => {
    h = await startBooks();
    h.emu.state<BooksState>('books').organizations.length = 0;
    const res = await h.call('books_list_invoices', {});
    expect(res.text).toMatch(/ZOHO_BOOKS_ORGANIZATION_ID: this Zoho user has no Zoho Books organization/);
    expect(dataCalls()).toBe(0);
  });

  it('explains an unknown configured organization (1002)', async () => {
    h = await startBooks({ plugin: { organizationId: '123' } });
    const res = await h.call('books_list_invoices', {});
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/answered 1002 \(HTTP 404, not_found\): The organization 123 does not exist/);
  });

  it('rejects a malformed organization id at start-up, naming the variable', async () => {
    h = await startBooks();
    expect(() => createZohoToolkit({ connection: h!.connection, plugins: [booksPlugin], pluginOptions: { books: { organizationId: 'northwind' } } })).toThrow(ZohoConfigError);
    expect(() => new BooksClient(h!.connection, { organizationId: 'org-1' })).toThrow(/ZOHO_BOOKS_ORGANIZATION_ID: "org-1" is not a Books organization id/);
  });

  it('Books answers 6024 listing the organizations when organization_id is missing', async () => {
    h = await startBooks();
    addBooksOrganization(h.emu.state<BooksState>('books'), { name: 'Added Later', organization_id: '80001' });
    const err = await h.connection
      .app({ app: 'books' })
      .request({ method: 'GET', path: '/books/v3/invoices' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZohoApiError);
    expect(err).toMatchObject({ code: '6024', status: 400, kind: 'validation' });
    expect((err as Error).message).toMatch(/Northwind Creative \(organization_id 60012345678\), Added Later \(organization_id 80001\).*ZOHO_BOOKS_ORGANIZATION_ID/);
    // And now discovery refuses to guess.
    const res = await h.call('books_get_balance', {});
    expect(res.text).toMatch(/belongs to 2 Books organizations: Northwind Creative \(60012345678\), Added Later \(80001\)/);
  });

  it('without the settings scope, discovery failure says to set the organization id', async () => {
    const emu = await startEmulator({ apps: [createBooksEmulator()], limits: { books: false } });
    const refreshToken = emu.accounts.issueRefreshToken({ scopes: ['ZohoBooks.invoices.READ'] });
    h = await startBooks({ reuse: emu, connection: { refreshToken } });
    const res = await h.call('books_list_invoices', {});
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/57.*lacks the scope ZohoBooks\.settings\.READ.*ZOHO_BOOKS_ORGANIZATION_ID/);
    await h.close();
    h = undefined;
    await emu.close();
  });

  it('honours a daily cap per organization from the connection budget, without sending', async () => {
    h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID }, connection: { limits: { books: { perWindow: 100, perDay: 2 } } } });
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    expect((await h.call('books_list_invoices', { per_page: 1 })).outcome).toBe('ok');
    const res = await h.call('books_list_invoices', { per_page: 1 });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/DAILY_BUDGET_USED.*quota.*the day's budget of 2 Zoho Books requests is spent, so nothing was sent; it refills at .*limits\.books\.perDay \(0 switches it off\)\. Retry after \d+ s/);
    expect(h.emu.counters.requests({ route: 'GET /books/v3/invoices' })).toBe(2);
  });

  it('keeps one connection limiter budget per organization', async () => {
    // With a tiny per-window budget, two organizations each get their own: both first calls pass at once.
    const emu = await startEmulator({ apps: [createBooksEmulator({ extraOrganizations: [{ name: 'Second', organization_id: '70099' }] })], limits: { books: false } });
    const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { books: { perWindow: 1, windowMs: 60_000 } } }));
    const a = new BooksClient(connection, { organizationId: DEFAULT_ORGANIZATION_ID });
    const b = new BooksClient(connection, { organizationId: '70099' });
    const started = Date.now();
    await Promise.all([a.listInvoices({ per_page: 1 }), b.listInvoices({ per_page: 1 })]);
    expect(Date.now() - started).toBeLessThan(5_000);
    await connection.close();
    await emu.close();
  });
});
