/**
 * books_create_customer (and the planCustomer / findCreatedCustomer the CRM ↔ Books sync uses) and
 * books_create_estimate over real HTTP: checks before the confirmation, what Books holds afterwards, and
 * refusals that send nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
import { BooksClient, findCreatedCustomer, planCustomer } from '../src/index.js';
import { cents, rowsOf, startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;

beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.emu.resetState('books');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.approve.value = true;
});

const org = () => h.emu.state<BooksState>('books').organizations[0]!;
const contactPosts = () => h.emu.counters.requests({ route: 'POST /books/v3/contacts' });
const estimatePosts = () => h.emu.counters.requests({ route: 'POST /books/v3/estimates' });

const globex = {
  contact_name: 'Globex Corporation',
  company_name: 'Globex Corporation Inc.',
  currency_code: 'EUR',
  payment_terms: 30,
  contact_person: { first_name: 'Hank', last_name: 'Scorpio', email: 'hank@globex.example', phone: '+1 541 555 0199' },
  billing_address: { address: '1 Cypress Creek', city: 'Springfield', state: 'Oregon', zip: '97403', country: 'United States' },
};

describe('books_create_customer', () => {
  it('creates a customer with its primary contact person, billing address, currency and terms, shown first', async () => {
    const res = await h.call('books_create_customer', globex);
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Create Books customer Globex Corporation (EUR, Net 30) with contact person Hank Scorpio <hank@globex.example>');
    const eur = org().currencies.find((c) => c.currency_code === 'EUR')!;
    // The currency code is resolved to Books' currency_id through GET /settings/currencies.
    expect(confirm.payload).toEqual({
      contact_name: 'Globex Corporation',
      contact_type: 'customer',
      customer_sub_type: 'business',
      company_name: 'Globex Corporation Inc.',
      currency_id: eur.currency_id,
      payment_terms: 30,
      contact_persons: [{ first_name: 'Hank', last_name: 'Scorpio', email: 'hank@globex.example', phone: '+1 541 555 0199', is_primary_contact: true }],
      billing_address: globex.billing_address,
    });
    expect(h.emu.counters.requests({ route: 'GET /books/v3/settings/currencies' })).toBe(1);
    expect(contactPosts()).toBe(1);

    const stored = org().contacts.find((c) => c.contact_name === 'Globex Corporation')!;
    expect(stored).toMatchObject({ contact_type: 'customer', currency_code: 'EUR', payment_terms: 30, email: 'hank@globex.example', source: 'api' });
    expect(stored.billing_address).toMatchObject({ city: 'Springfield', zip: '97403' });
    expect(res.json).toMatchObject({ contact_id: stored.contact_id, contact_name: 'Globex Corporation', company_name: 'Globex Corporation Inc.', currency_code: 'EUR', payment_terms_label: 'Net 30' });
    expect(rowsOf(res.json, 'contact_persons')).toEqual([expect.objectContaining({ first_name: 'Hank', last_name: 'Scorpio', email: 'hank@globex.example', is_primary_contact: true })]);

    // The new customer can be invoiced straight away, by name.
    const invoice = await h.call('books_create_invoice', { customer_name: 'Globex Corporation', line_items: [{ name: 'Kick-off', quantity: '1', rate: '500.00' }] });
    expect(invoice.outcome, invoice.text).toBe('ok');
    expect(invoice.json).toMatchObject({ customer_id: stored.contact_id, currency_code: 'EUR', total: '500.00' });
  });

  it('refuses a name Books already has — any case, customer or vendor — before the confirmation', async () => {
    for (const [name, kind] of [
      ['zylker corp', 'customer'],
      ['Pixel Supply Co', 'vendor'],
    ] as const) {
      const res = await h.call('books_create_customer', { contact_name: name });
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(new RegExp(`field "contact_name": Books already has .* \\(${kind}, contact_id \\d+\\); contact names are unique`));
    }
    expect(h.confirmations).toHaveLength(0);
    expect(contactPosts()).toBe(0);
  });

  it('refuses a bad e-mail, a currency that is not enabled, an empty person, and misspelt fields, sending nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ contact_name: 'New Co', contact_person: { email: 'bob(at)example' } }, /field "contact_person\.email": "bob\(at\)example" is not an e-mail address/],
      [{ contact_name: 'New Co', currency_code: 'JPY' }, /field "currency_code": JPY is not enabled in this Books organization; enabled: USD, EUR, GBP, CAD/],
      [{ contact_name: 'New Co', currency_code: 'E1' }, /field "currency_code": "E1" is not a currency code/],
      [{ contact_name: 'New Co', contact_person: { phone: '+1 555' } }, /field "contact_person": give the person a name or an e-mail/],
      [{ contact_name: 'x'.repeat(201) }, /field "contact_name"/],
      [{ contact_name: 'New Co', billing_address: { town: 'Springfield' } }, /unknown field "billing_address\.town"|town/],
      [{ contact_name: 'New Co', payment_terms: 400 }, /field "payment_terms": must be a whole number from 0 to 365/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('books_create_customer', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(contactPosts()).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const res = await h.call('books_create_customer', globex);
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Create Books customer Globex Corporation.*Nothing was sent to Zoho/);
    expect(contactPosts()).toBe(0);
    expect(org().contacts.some((c) => c.contact_name === 'Globex Corporation')).toBe(false);
  });

  it('planCustomer and findCreatedCustomer serve a caller that uses the client directly (the CRM ↔ Books sync)', async () => {
    const client = h.kit.client<BooksClient>('books');
    const plan = await planCustomer(client, { contact_name: 'Initech', contact_person: { email: 'bill@initech.example' } });
    expect(plan.body).toMatchObject({ contact_name: 'Initech', contact_type: 'customer', contact_persons: [{ email: 'bill@initech.example', is_primary_contact: true }] });
    const sentAt = Date.now();
    expect(await findCreatedCustomer(client, 'Initech', sentAt)).toEqual({ status: 'not_applied' });
    const { contact } = await client.createContact(plan.body);
    expect(await findCreatedCustomer(client, 'Initech', sentAt)).toMatchObject({ status: 'applied', id: String(contact.contact_id) });
    await expect(planCustomer(client, { contact_name: 'INITECH' })).rejects.toThrow(/Books already has Initech \(customer/);
    // Books refuses the duplicate too (code 3062), should a caller skip the check.
    await expect(client.createContact({ contact_name: 'Initech', contact_type: 'customer' })).rejects.toMatchObject({ code: '3062', status: 400 });
  });
});

describe('books_create_estimate', () => {
  it('creates a draft quote with an exact total and expiry date, shown first', async () => {
    const res = await h.call('books_create_estimate', {
      customer_name: 'Helios Solar',
      line_items: [
        { name: 'UX Design (hours)', quantity: '12.5', rate: '95.00' },
        { name: 'SEO Audit', quantity: 1, rate: 899 },
      ],
      date: '2026-03-02',
      reference_number: 'RFQ-77',
      notes: 'Scope as discussed.',
    });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Create a draft estimate for Helios Solar: 2 lines, total USD 2086.50');
    expect(confirm.after).toMatchObject({ status: 'draft', date: '2026-03-02', expiry_date: '2026-04-01', total: '2086.50', reference_number: 'RFQ-77' });
    expect(res.json).toMatchObject({ estimate_number: /^EST-\d{6}$/, status: 'draft', customer_name: 'Helios Solar', date: '2026-03-02', expiry_date: '2026-04-01', total: '2086.50', notes: 'Scope as discussed.' });
    expect(rowsOf(res.json, 'line_items').map((l: { item_total: string }) => l.item_total)).toEqual(['1187.50', '899.00']);
    expect(cents('1187.50') + cents('899.00')).toBe(cents(res.json.total));
    expect(estimatePosts()).toBe(1);
    const listed = await h.call('books_list_estimates', { status: 'draft', search_text: res.json.estimate_number });
    expect(rowsOf(listed.json, 'estimates').map((e: { estimate_id: string }) => e.estimate_id)).toEqual([res.json.estimate_id]);
  });

  it('refuses an expiry before the date, bad lines and unknown customers before the confirmation', async () => {
    const line = { name: 'SEO Audit', quantity: '1', rate: '899.00' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ customer_name: 'Helios Solar', line_items: [line], date: '2026-03-02', expiry_date: '2026-03-01' }, /field "expiry_date": 2026-03-01 is before the estimate date 2026-03-02/],
      [{ customer_name: 'Helios Solar', line_items: [{ ...line, quantity: '0' }] }, /field "line_items\[0\]\.quantity": must be greater than 0/],
      [{ customer_name: 'Helios', line_items: [line] }, /did you mean Helios Solar/],
      [{ customer_id: org().contacts.find((c) => c.contact_type === 'vendor')!.contact_id, line_items: [line] }, /is a vendor, not a customer/],
      [{ line_items: [line] }, /field "customer_id": give customer_id or customer_name/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('books_create_estimate', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(estimatePosts()).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const before = org().estimates.length;
    const res = await h.call('books_create_estimate', { customer_name: 'Helios Solar', line_items: [{ name: 'SEO Audit', quantity: '1', rate: '899.00' }] });
    expect(res.outcome).toBe('refused');
    expect(estimatePosts()).toBe(0);
    expect(org().estimates).toHaveLength(before);
  });
});
