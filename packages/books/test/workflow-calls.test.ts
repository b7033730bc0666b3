import { ZohoApiError } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BooksClient } from '../src/index.js';
import { DEFAULT_ORGANIZATION_ID, SEED_INCONSISTENCIES } from '../src/emulator/index.js';
import { startBooks, type BooksHarness } from './helpers.js';

// The client calls the CRM ↔ Books workflows make beside the tools: editing a contact, internal comments on an
// invoice, and listing customer payments — over real HTTP to the emulator.
let h: BooksHarness;
let client: BooksClient;

beforeAll(async () => {
  h = await startBooks();
  client = new BooksClient(h.connection);
});
afterAll(() => h.close());
afterEach(() => h.emu.resetState());

describe('PUT /contacts/{id} (updateContact)', () => {
  it('changes the name, a contact person by id, address parts and notes, and nothing else', async () => {
    const [marlowe] = await client.contactsNamed(SEED_INCONSISTENCIES.renamed['Marlowe & Finch']!);
    const { contact: before } = await client.getContact(String(marlowe!.contact_id));
    const person = (before.contact_persons as { contact_person_id: string; email: string }[])[0]!;
    const res = await client.updateContact(String(before.contact_id), {
      contact_name: 'Marlowe & Finch',
      contact_persons: [{ contact_person_id: person.contact_person_id, email: 'philip@marlowe-finch.example' }],
      billing_address: { city: 'Cambridge' },
      notes: '[crm-account: 4150868000000100010]',
    });
    expect(res.message).toBe('Contact information has been saved.');
    expect(res.contact).toMatchObject({ contact_name: 'Marlowe & Finch', email: 'philip@marlowe-finch.example', notes: '[crm-account: 4150868000000100010]', currency_code: before.currency_code });
    expect(res.contact.billing_address).toMatchObject({ city: 'Cambridge', address: (before.billing_address as { address: string }).address });
  });

  it('refuses a name another contact has (3062), an unknown contact person, a bad e-mail and a currency change with transactions', async () => {
    const [zylker] = await client.contactsNamed('Zylker Corp');
    const id = String(zylker!.contact_id);
    const refused = async (body: Parameters<BooksClient['updateContact']>[1]) => {
      const err = await client.updateContact(id, body).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoApiError);
      return err as ZohoApiError;
    };
    expect((await refused({ contact_name: 'acme widgets' })).code).toBe('3062');
    expect((await refused({ contact_persons: [{ contact_person_id: '1', email: 'x@y.example' }] })).message).toMatch(/contact_person_id/);
    expect((await refused({ contact_persons: [{ email: 'not-an-email' }] })).message).toMatch(/email/);
    const { currencies } = await client.listCurrencies();
    const eur = currencies.find((c) => c.currency_code === 'EUR')!;
    expect((await refused({ currency_id: String(eur.currency_id) } as never)).message).toMatch(/currency of a contact with transactions cannot be changed/);
    expect((await client.getContact(id)).contact.contact_name).toBe('Zylker Corp');
  });
});

describe('POST /invoices/{id}/comments (addInvoiceComment)', () => {
  it("adds an internal comment, listed first in the invoice's history", async () => {
    const { invoices } = await client.listInvoices({ per_page: 1 });
    const id = String(invoices[0]!.invoice_id);
    const res = await client.addInvoiceComment(id, 'Ledger: [time-logs: 1,2,3]');
    expect(res.comment).toMatchObject({ invoice_id: id, description: 'Ledger: [time-logs: 1,2,3]', comment_type: 'internal', show_comment_to_clients: false });
    const { comments } = await client.listInvoiceComments(id);
    expect(comments[0]).toMatchObject({ comment_id: res.comment.comment_id, description: 'Ledger: [time-logs: 1,2,3]' });
    const empty = await client.addInvoiceComment(id, '  ').catch((e: unknown) => e);
    expect((empty as ZohoApiError).message).toMatch(/description/);
  });
});

it("lists a customer's payments", async () => {
  const [zylker] = await client.contactsNamed('Zylker Corp');
  const { customerpayments } = await client.listCustomerPayments({ customer_id: String(zylker!.contact_id) });
  expect(customerpayments.length).toBeGreaterThan(0);
  expect(customerpayments.every((p) => String(p.customer_id) === String(zylker!.contact_id))).toBe(true);
});

it('reads the base currency once and shares it; a failed lookup is not kept', async () => {
  const fresh = new BooksClient(h.connection, { organizationId: DEFAULT_ORGANIZATION_ID });
  const lookups = () => h.emu.counters.requests({ route: 'GET /books/v3/organizations' });
  h.emu.faults.add({ route: 'GET /books/v3/organizations', kind: 'status', status: 503, times: 100 });
  await expect(fresh.baseCurrency()).rejects.toBeInstanceOf(ZohoApiError);
  h.emu.faults.clear();
  const failed = lookups();
  expect(await Promise.all([fresh.baseCurrency(), fresh.baseCurrency()])).toEqual(['USD', 'USD']);
  expect(await fresh.baseCurrency()).toBe('USD');
  expect(lookups()).toBe(failed + 1);
});
