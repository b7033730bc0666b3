import { createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { describe, expect, it } from 'vitest';
import { booksPlugin, booksTools } from '../src/index.js';

function undescribed(schema: any, path = ''): string[] {
  const missing: string[] = [];
  if (!schema || typeof schema !== 'object') return missing;
  if (schema.properties) {
    for (const [key, prop] of Object.entries<any>(schema.properties)) {
      const where = path ? `${path}.${key}` : key;
      if (!prop.description) missing.push(where);
      missing.push(...undescribed(prop, where));
    }
  }
  if (schema.items) missing.push(...undescribed(schema.items, `${path}[]`));
  for (const k of ['anyOf', 'oneOf', 'allOf']) for (const s of schema[k] ?? []) missing.push(...undescribed(s, path));
  return missing;
}

describe('tool contract', () => {
  it('has the mission names, unique names and descriptions', () => {
    const names = booksTools.map((t) => t.name);
    expect(names.sort()).toEqual(
      [
        'books_create_customer',
        'books_create_estimate',
        'books_create_invoice',
        'books_get_balance',
        'books_get_customer',
        'books_get_invoice',
        'books_list_accounts',
        'books_list_bank_transactions',
        'books_list_bills',
        'books_list_customers',
        'books_list_estimates',
        'books_list_expenses',
        'books_list_invoices',
        'books_list_journals',
        'books_list_purchase_orders',
        'books_mark_invoice_sent',
        'books_record_payment',
        'books_send_invoice',
        'books_update_invoice',
        'books_void_invoice',
      ].sort(),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(booksTools.map((t) => t.description)).size).toBe(booksTools.length);
    for (const t of booksTools) {
      expect(t.app).toBe('books');
      expect(t.description, t.name).toMatch(/Example: \{/);
      expect(t.description, t.name).toMatch(/Returns/);
      expect(t.description.length, t.name).toBeLessThan(1200);
    }
  });

  it('describes every input field, nested ones included', () => {
    for (const t of booksTools) expect(undescribed(t.jsonSchema), t.name).toEqual([]);
  });

  it('declares minimal scopes and the right access', () => {
    const byName = Object.fromEntries(booksTools.map((t) => [t.name, t]));
    for (const name of ['books_create_invoice', 'books_record_payment', 'books_update_invoice', 'books_send_invoice', 'books_mark_invoice_sent', 'books_create_customer', 'books_create_estimate']) {
      expect(byName[name]!.access, name).toBe('write');
    }
    expect(byName.books_void_invoice!.access).toBe('destructive');
    // Each write asks only for its own module's write scope, plus reads for its checks.
    expect(byName.books_update_invoice!.scopes).toEqual(['ZohoBooks.invoices.UPDATE', 'ZohoBooks.invoices.READ', 'ZohoBooks.settings.READ']);
    expect(byName.books_create_customer!.scopes).toEqual(['ZohoBooks.contacts.CREATE', 'ZohoBooks.contacts.READ', 'ZohoBooks.settings.READ']);
    expect(byName.books_create_estimate!.scopes).toContain('ZohoBooks.estimates.CREATE');
    for (const t of booksTools.filter((x) => x.access === 'read')) {
      expect(t.scopes.some((s) => s.endsWith('.CREATE'))).toBe(false);
      expect(Object.keys((t.jsonSchema as any).properties)).toContain('raw');
    }
    expect(Object.keys((byName.books_create_invoice!.jsonSchema as any).properties)).not.toContain('raw');
    const connection = createZohoConnection({ tokens: { getAccessToken: async () => ({ accessToken: 'x', expiresAt: Date.now() + 1e6 }), invalidate: async () => {} } as never });
    const kit = createZohoToolkit({ connection, plugins: [booksPlugin], policy: { name: 'CFO-read', apps: { books: ['read'] } }, pluginOptions: { books: { organizationId: '1' } } });
    expect(kit.scopes).toEqual([
      'ZohoBooks.accountants.READ',
      'ZohoBooks.banking.READ',
      'ZohoBooks.bills.READ',
      'ZohoBooks.contacts.READ',
      'ZohoBooks.estimates.READ',
      'ZohoBooks.expenses.READ',
      'ZohoBooks.invoices.READ',
      'ZohoBooks.purchaseorders.READ',
      'ZohoBooks.settings.READ',
    ]);
    void connection.close();
  });

  it('is a complete plugin', () => {
    expect(booksPlugin).toMatchObject({ name: '@zoho-agent-kit/books', app: 'books', version: '0.1.0', emulator: '@zoho-agent-kit/books/emulator' });
    expect(typeof booksPlugin.readError).toBe('function');
  });
});
