import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
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

const posts = () => h.emu.counters.requests({ route: 'POST /books/v3/invoices' });
const books = () => h.emu.state<BooksState>('books').organizations[0]!;

describe('books_create_invoice', () => {
  it('creates a draft invoice with an exact total, shown in the confirmation first', async () => {
    const res = await h.call('books_create_invoice', {
      customer_name: 'Zylker Corp',
      line_items: [
        { name: 'Stickers', quantity: 3, rate: 0.1 },
        { name: 'Postage', quantity: '1', rate: '0.20' },
      ],
      reference_number: 'PO-77',
      notes: 'Thanks!',
    });
    expect(res.outcome).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Create a draft invoice for Zylker Corp: 2 lines, total USD 0.50');
    expect(confirm.after).toMatchObject({ total: '0.50', currency_code: 'USD', customer_name: 'Zylker Corp', status: 'draft' });
    expect((confirm.after as { line_items: unknown[] }).line_items).toEqual([
      { name: 'Stickers', quantity: '3', rate: '0.10', item_total: '0.30' },
      { name: 'Postage', quantity: '1', rate: '0.20', item_total: '0.20' },
    ]);
    const zylker = books().contacts.find((c) => c.contact_name === 'Zylker Corp')!;
    expect(confirm.payload).toEqual({
      customer_id: zylker.contact_id,
      reference_number: 'PO-77',
      notes: 'Thanks!',
      line_items: [
        { name: 'Stickers', quantity: 3, rate: 0.1 },
        { name: 'Postage', quantity: 1, rate: 0.2 },
      ],
    });

    const inv = res.json;
    expect(inv).toMatchObject({ invoice_number: 'INV-000065', status: 'draft', customer_name: 'Zylker Corp', total: '0.50', balance: '0.50', reference_number: 'PO-77' });
    expect(inv.due_date).toBe(new Date(Date.parse(`${inv.date}T00:00:00Z`) + zylker.payment_terms * 86_400_000).toISOString().slice(0, 10));
    expect(posts()).toBe(1);
    const stored = books().invoices.find((i) => i.invoice_id === inv.invoice_id)!;
    expect(stored.total_cents).toBe(50);
  });

  it('computes 19.99 × 3 = 59.97 and 1.5 h × 95.50 = 143.25 exactly, with payment terms and date', async () => {
    const res = await h.call('books_create_invoice', {
      customer_id: books().contacts[1]!.contact_id,
      date: '2026-03-01',
      payment_terms: 45,
      line_items: [
        { name: 'Widget', quantity: 3, rate: 19.99 },
        { name: 'Consulting', description: 'on site', quantity: '1.5', rate: '95.50' },
      ],
    });
    expect(res.outcome).toBe('ok');
    expect(h.confirmations[0]!.after).toMatchObject({ total: '203.22', due_date: '2026-04-15' });
    expect(res.json).toMatchObject({ total: '203.22', date: '2026-03-01', due_date: '2026-04-15', payment_terms_label: 'Net 45' });
    expect(rowsOf(res.json, 'line_items').map((l: { item_total: string }) => l.item_total)).toEqual(['59.97', '143.25']);
    expect(cents('59.97') + cents('143.25')).toBe(cents(res.json.total));
  });

  it('refuses an unknown customer without sending the invoice', async () => {
    const byId = await h.call('books_create_invoice', { customer_id: '4372460000999999999', line_items: [{ name: 'X', quantity: 1, rate: 10 }] });
    expect(byId.outcome).toBe('invalid');
    expect(byId.text).toMatch(/field "customer_id": no Books customer has the id 4372460000999999999/);
    expect(byId.text).toMatch(/(Nothing|No change) was sent to Zoho/);

    const byName = await h.call('books_create_invoice', { customer_name: 'Globex', line_items: [{ name: 'X', quantity: 1, rate: 10 }] });
    expect(byName.outcome).toBe('invalid');
    expect(byName.text).toMatch(/no Books customer is named "Globex"/);

    const fuzzy = await h.call('books_create_invoice', { customer_name: 'Zylker', line_items: [{ name: 'X', quantity: 1, rate: 10 }] });
    expect(fuzzy.outcome).toBe('invalid');
    expect(fuzzy.text).toMatch(/did you mean Zylker Corp \(contact_id \d+\)/);

    const vendor = books().contacts.find((c) => c.contact_type === 'vendor')!;
    const notCustomer = await h.call('books_create_invoice', { customer_id: vendor.contact_id, line_items: [{ name: 'X', quantity: 1, rate: 10 }] });
    expect(notCustomer.outcome).toBe('invalid');
    expect(notCustomer.text).toMatch(/is a vendor, not a customer/);

    expect(posts()).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('refuses incomplete line items before any request', async () => {
    const cases: [unknown[], RegExp][] = [
      [[{ quantity: 1, rate: 10 }], /field "line_items\[0\]": each line needs a name/],
      [[{ name: 'A', quantity: 1, rate: 10 }, { name: 'B', rate: 10 }], /field "line_items\[1\]\.quantity" is required/],
      [[{ name: 'A', quantity: 1 }], /field "line_items\[0\]\.rate" is required/],
      [[{ name: 'A', quantity: 0, rate: 10 }], /field "line_items\[0\]\.quantity": must be greater than 0/],
      [[{ name: 'A', quantity: 1, rate: -1 }], /field "line_items\[0\]\.rate": must be 0 or more/],
      [[{ name: 'A', quantity: 1, rate: '10.999' }], /field "line_items\[0\]\.rate": "10.999" has more than 2 decimal places/],
      [[{ name: 'A', quantity: 1, rate: 'ten' }], /field "line_items\[0\]\.rate": "ten" is not a decimal amount/],
    ];
    for (const [line_items, message] of cases) {
      const res = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items });
      expect(res.outcome, JSON.stringify(line_items)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    const empty = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [] });
    expect(empty.outcome).toBe('invalid');
    expect(empty.text).toMatch(/line_items/);
    const none = await h.call('books_create_invoice', { line_items: [{ name: 'A', quantity: 1, rate: 1 }] });
    expect(none.text).toMatch(/give customer_id or customer_name/);
    // Nothing at all reached Books: no customer lookup, no POST.
    expect(h.emu.counters.requests({ app: 'books' })).toBe(0);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const res = await h.call('books_create_invoice', { customer_name: 'Acme Widgets', line_items: [{ name: 'Gadget', quantity: 2, rate: '49.95' }] });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Create a draft invoice for Acme Widgets: 1 line, total USD 99.90\. Nothing was sent to Zoho/);
    expect(posts()).toBe(0);
    expect(books().invoices).toHaveLength(64);
  });
});

describe('books_record_payment', () => {
  async function unpaidInvoice() {
    const list = await h.call('books_list_invoices', { status: 'unpaid', per_page: 200 });
    const inv = rowsOf(list.json, 'invoices').find((i: { status: string }) => i.status === 'unpaid');
    expect(inv).toBeDefined();
    return inv as { invoice_id: string; invoice_number: string; balance: string; total: string; customer_name: string };
  }

  it('records a partial payment and then the rest, moving balance and status', async () => {
    const inv = await unpaidInvoice();
    const part = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '100.10', payment_mode: 'check', reference_number: 'CHK-1' });
    expect(part.outcome).toBe('ok');
    const remaining = cents(inv.balance) - 10010n;
    const fmt = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
    const confirm = h.confirmations[0]!;
    expect(confirm.before).toMatchObject({ invoice_number: inv.invoice_number, status: 'unpaid', balance: inv.balance });
    expect(confirm.after).toMatchObject({ status: 'partially_paid', balance: fmt(remaining) });
    expect(confirm.summary).toBe(`Record a USD 100.10 payment from ${inv.customer_name} against invoice ${inv.invoice_number} (balance ${inv.balance} → ${fmt(remaining)})`);
    expect(confirm.payload).toMatchObject({ amount: 100.1, payment_mode: 'check', reference_number: 'CHK-1', invoices: [{ invoice_id: inv.invoice_id, amount_applied: 100.1 }] });
    expect(part.json).toMatchObject({ amount: '100.10', payment_mode: 'check', invoice: { balance_before: inv.balance, balance_after: fmt(remaining), status: 'partially_paid' } });

    const after = await h.call('books_get_invoice', { invoice_id: inv.invoice_id });
    expect(after.json).toMatchObject({ status: 'partially_paid', balance: fmt(remaining), payment_made: '100.10' });

    // No amount: the whole remaining balance — the invoice is paid.
    const rest = await h.call('books_record_payment', { invoice_id: inv.invoice_id });
    expect(rest.outcome).toBe('ok');
    expect(h.confirmations[1]!.after).toMatchObject({ status: 'paid', balance: '0.00' });
    expect(rest.json).toMatchObject({ amount: fmt(remaining), invoice: { balance_after: '0.00', status: 'paid' } });
    const paid = await h.call('books_get_invoice', { invoice_id: inv.invoice_id });
    expect(paid.json).toMatchObject({ status: 'paid', balance: '0.00', payment_made: inv.total });
    expect(h.emu.counters.requests({ route: 'POST /books/v3/customerpayments' })).toBe(2);

    // Nothing left to pay now.
    const again = await h.call('books_record_payment', { invoice_id: inv.invoice_id });
    expect(again.outcome).toBe('invalid');
    expect(again.text).toMatch(/has no balance due/);
  });

  it('rejects more than the balance, bad amounts and void invoices without sending', async () => {
    const inv = await unpaidInvoice();
    const over = cents(inv.balance) + 1n;
    const tooMuch = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: `${over / 100n}.${String(over % 100n).padStart(2, '0')}` });
    expect(tooMuch.outcome).toBe('invalid');
    expect(tooMuch.text).toMatch(new RegExp(`field "amount": .* is more than the balance due of invoice ${inv.invoice_number} \\(USD ${inv.balance.replace('.', '\\.')}\\)`));
    const precise = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: 1.005 });
    expect(precise.text).toMatch(/field "amount": "1.005" has more than 2 decimal places/);
    const zero = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: 0 });
    expect(zero.text).toMatch(/field "amount": must be greater than 0/);
    const voided = await h.call('books_list_invoices', { status: 'void' });
    const v = await h.call('books_record_payment', { invoice_id: rowsOf(voided.json, 'invoices')[0].invoice_id });
    expect(v.text).toMatch(/is void/);
    const unknown = await h.call('books_record_payment', { invoice_id: '4372460000099999999' });
    expect(unknown.outcome).toBe('invalid');
    expect(unknown.text).toMatch(/field "invoice_id": no Books invoice has the id 4372460000099999999/);
    expect(h.emu.counters.requests({ route: 'POST /books/v3/customerpayments' })).toBe(0);
  });

  it('sends nothing when the user declines', async () => {
    const inv = await unpaidInvoice();
    h.approve.value = false;
    const res = await h.call('books_record_payment', { invoice_id: inv.invoice_id });
    expect(res.outcome).toBe('refused');
    expect(h.emu.counters.requests({ route: 'POST /books/v3/customerpayments' })).toBe(0);
    const same = await h.call('books_get_invoice', { invoice_id: inv.invoice_id });
    expect(same.json.balance).toBe(inv.balance);
  });

  it('deposits into the chosen account and raises its balance exactly', async () => {
    const inv = await unpaidInvoice();
    const balance = await h.call('books_get_balance', {});
    const petty = rowsOf(balance.json, 'accounts').find((a: { account_name: string }) => a.account_name === 'Petty Cash');
    const res = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '0.35', payment_mode: 'cash', deposit_to_account_id: petty.account_id });
    expect(res.outcome).toBe('ok');
    const after = await h.call('books_get_balance', {});
    const pettyAfter = rowsOf(after.json, 'accounts').find((a: { account_name: string }) => a.account_name === 'Petty Cash');
    expect(pettyAfter.balance).toBe('413.00');
  });
});
