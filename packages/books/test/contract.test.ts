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
      ['books_create_invoice', 'books_get_balance', 'books_get_customer', 'books_get_invoice', 'books_list_customers', 'books_list_expenses', 'books_list_invoices', 'books_record_payment'].sort(),
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
    expect(byName.books_create_invoice!.access).toBe('write');
    expect(byName.books_record_payment!.access).toBe('write');
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
      'ZohoBooks.contacts.READ',
      'ZohoBooks.expenses.READ',
      'ZohoBooks.invoices.READ',
      'ZohoBooks.settings.READ',
    ]);
    void connection.close();
  });

  it('is a complete plugin', () => {
    expect(booksPlugin).toMatchObject({ name: '@zoho-agent-kit/books', app: 'books', version: '0.1.0', emulator: '@zoho-agent-kit/books/emulator' });
    expect(typeof booksPlugin.readError).toBe('function');
  });
});
