/**
 * books_update_invoice, books_send_invoice, books_mark_invoice_sent and books_void_invoice over real HTTP:
 * what the person is shown before anything is sent, what Books holds afterwards, the field errors that send
 * nothing, and refusals that send nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, invoiceStatus, type BooksState, type EmuInvoice } from '../src/emulator/index.js';
import { rowsOf, startBooks, type BooksHarness } from './helpers.js';

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
const today = () => new Date().toISOString().slice(0, 10);
const writes = () => h.emu.counters.requests({ route: 'PUT /books/v3/invoices/*' }) + h.emu.counters.requests({ route: 'POST /books/v3/invoices/*/**' });
/** Zylker's draft (the tools' examples use it). */
const DRAFT = '4372460000000000066';
const draft = () => org().invoices.find((i) => i.invoice_id === DRAFT)!;
const byStatus = (status: string): EmuInvoice => org().invoices.find((i) => invoiceStatus(i, today()) === status)!;

/** A call refused before the confirmation: a field error, nothing written, nobody asked. */
async function refused(tool: string, input: Record<string, unknown>, message: RegExp): Promise<void> {
  const res = await h.call(tool, input);
  expect(res.outcome, `${tool}: ${res.text}`).toBe('invalid');
  expect(res.text).toMatch(message);
  expect(res.text).toMatch(/(Nothing|No change) was sent to Zoho/);
  expect(h.confirmations).toHaveLength(0);
  expect(writes()).toBe(0);
}

describe('books_update_invoice', () => {
  it('replaces the lines of a draft, keeping a named line, and shows before → after with exact totals', async () => {
    const before = structuredClone(draft());
    const kept = before.line_items[0]!;
    const res = await h.call('books_update_invoice', {
      invoice_id: DRAFT,
      line_items: [
        { line_item_id: kept.line_item_id, name: kept.name, quantity: '2', rate: (kept.rate_cents / 100).toFixed(2) },
        { name: 'Rush fee', quantity: '1', rate: '0.10' },
      ],
      notes: 'Net 15, thank you.',
    });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    const newTotal = kept.rate_cents * 2 + 10;
    expect(confirm.summary).toMatch(new RegExp(`^Update draft invoice ${before.invoice_number} for Zylker Corp .*: notes, line_items \\(total USD .* → ${(newTotal / 100).toFixed(2)}\\)$`));
    expect(confirm.after).toMatchObject({ notes: 'Net 15, thank you.', total: (newTotal / 100).toFixed(2) });
    expect((confirm.after as { line_items: unknown[] }).line_items).toEqual([
      { line_item_id: kept.line_item_id, name: kept.name, quantity: '2', rate: (kept.rate_cents / 100).toFixed(2), item_total: ((kept.rate_cents * 2) / 100).toFixed(2) },
      { name: 'Rush fee', quantity: '1', rate: '0.10', item_total: '0.10' },
    ]);
    expect(confirm.before).toMatchObject({ notes: '', total: (before.total_cents / 100).toFixed(2) });
    // Books replaces line_items with the list sent: the full list goes out.
    expect((confirm.payload as { line_items: unknown[] }).line_items).toHaveLength(2);
    expect(h.emu.counters.requests({ route: 'PUT /books/v3/invoices/*' })).toBe(1);

    const stored = draft();
    expect(stored.total_cents).toBe(newTotal);
    expect(stored.line_items.map((l) => l.line_item_id)[0]).toBe(kept.line_item_id);
    expect(stored.line_items).toHaveLength(2);
    expect(stored.notes).toBe('Net 15, thank you.');
    expect(res.json).toMatchObject({ invoice_id: DRAFT, status: 'draft', total: (newTotal / 100).toFixed(2), notes: 'Net 15, thank you.' });
    expect(rowsOf(res.json, 'line_items').map((l: { name: string }) => l.name)).toEqual([kept.name, 'Rush fee']);
  });

  it('moves the dates, keeping the invoice’s terms when only the date changes, and re-sends the current lines', async () => {
    const before = structuredClone(draft());
    const gap = (Date.parse(before.due_date) - Date.parse(before.date)) / 86_400_000;
    const date = new Date(Date.parse(`${before.date}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await h.call('books_update_invoice', { invoice_id: DRAFT, date });
    expect(res.outcome, res.text).toBe('ok');
    const due = new Date(Date.parse(`${date}T00:00:00Z`) + gap * 86_400_000).toISOString().slice(0, 10);
    expect(h.confirmations[0]!.before).toEqual({ date: before.date, due_date: before.due_date });
    expect(h.confirmations[0]!.after).toEqual({ date, due_date: due });
    const payload = h.confirmations[0]!.payload as { line_items: { line_item_id: string }[]; date: string; due_date: string };
    expect(payload.line_items.map((l) => l.line_item_id)).toEqual(before.line_items.map((l) => l.line_item_id));
    expect(draft()).toMatchObject({ date, due_date: due, total_cents: before.total_cents });
  });

  it('refuses bad input and non-drafts before the confirmation, naming the field', async () => {
    await refused('books_update_invoice', { invoice_id: DRAFT }, /field "line_items": give what to change/);
    await refused('books_update_invoice', { invoice_id: DRAFT, line_items: [{ name: 'X', quantity: '1', rate: '1.005' }] }, /field "line_items\[0\]\.rate": "1\.005" has more than 2 decimal places/);
    await refused('books_update_invoice', { invoice_id: DRAFT, date: '2026-05-10', due_date: '2026-05-01' }, /field "due_date": 2026-05-01 is before the invoice date 2026-05-10/);
    await refused('books_update_invoice', { invoice_id: DRAFT, line_items: [{ line_item_id: '4372460000000000001', quantity: '1', rate: '1' }] }, /field "line_items\[0\]\.line_item_id": 4372460000000000001 is not a line of invoice INV-\d+/);
    await refused('books_update_invoice', { invoice_id: DRAFT, notes: draft().notes ?? '' }, /already has these values; nothing to update/);
    await refused('books_update_invoice', { invoice_id: '4372460000099999999', notes: 'x' }, /field "invoice_id": no Books invoice has the id 4372460000099999999/);
    const paid = byStatus('paid');
    await refused('books_update_invoice', { invoice_id: paid.invoice_id, notes: 'x' }, new RegExp(`field "invoice_id": invoice ${paid.invoice_number} is paid; only drafts can be edited`));
    await refused('books_update_invoice', { invoice_id: DRAFT, notez: 'x' }, /unknown field "notez"; did you mean "notes"\?/);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const res = await h.call('books_update_invoice', { invoice_id: DRAFT, notes: 'Declined change' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Update draft invoice .*: notes\. Nothing was sent to Zoho/);
    expect(writes()).toBe(0);
    expect(draft().notes).toBeUndefined();
  });
});

describe('books_send_invoice', () => {
  it("e-mails a draft to the invoice's contact person: the confirmation lists the recipients, the draft becomes sent", async () => {
    const res = await h.call('books_send_invoice', { invoice_id: DRAFT, cc: ['amelia.chen@zylker.example'] });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toMatch(/^E-mail invoice INV-\d+ for Zylker Corp \(USD [\d.]+, draft\) to bob\.burns@zylker\.example \(cc amelia\.chen@zylker\.example\); the draft becomes sent$/);
    expect(confirm.payload).toEqual({ to_mail_ids: ['bob.burns@zylker.example'], cc_mail_ids: ['amelia.chen@zylker.example'] });
    expect(confirm.after).toMatchObject({ status: 'sent', sent_to: ['bob.burns@zylker.example'] });
    expect(res.json).toMatchObject({ invoice_id: DRAFT, sent_to: ['bob.burns@zylker.example'], cc: ['amelia.chen@zylker.example'] });
    expect(['unpaid', 'overdue']).toContain(res.json.status);
    expect(draft()).toMatchObject({ status: 'sent', emailed: true });
    expect(draft().history.at(-1)!.description).toBe('Invoice emailed to bob.burns@zylker.example (cc amelia.chen@zylker.example)');
    expect(h.emu.counters.requests({ route: 'POST /books/v3/invoices/*/email' })).toBe(1);
  });

  it('sends to the addresses given, and again to a sent invoice (a reminder) without changing its status', async () => {
    const sent = byStatus('unpaid');
    const res = await h.call('books_send_invoice', { invoice_id: sent.invoice_id, to: ['accounts@client.example'] });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).not.toMatch(/becomes sent/);
    expect(res.json).toMatchObject({ sent_to: ['accounts@client.example'], status: 'unpaid' });
  });

  it('refuses void invoices, bad addresses and unknown invoices before the confirmation', async () => {
    const voided = byStatus('void');
    await refused('books_send_invoice', { invoice_id: voided.invoice_id }, /field "invoice_id": invoice INV-\d+ is void/);
    await refused('books_send_invoice', { invoice_id: DRAFT, to: ['not-an-address'] }, /field "to\[0\]": must be an e-mail address/);
    await refused('books_send_invoice', { invoice_id: '4372460000099999999' }, /no Books invoice has the id/);
    // No contact person with an e-mail: the person must say whom to send it to.
    const zylker = org().contacts.find((c) => c.contact_name === 'Zylker Corp')!;
    for (const p of zylker.contact_persons) p.email = '';
    zylker.email = '';
    await refused('books_send_invoice', { invoice_id: DRAFT }, /field "to": invoice INV-\d+ has no contact person with an e-mail address/);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const res = await h.call('books_send_invoice', { invoice_id: DRAFT });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/bob\.burns@zylker\.example.*Nothing was sent to Zoho/);
    expect(writes()).toBe(0);
    expect(draft()).toMatchObject({ status: 'draft', emailed: false });
  });
});

describe('books_mark_invoice_sent', () => {
  it('marks a draft as sent without e-mailing it', async () => {
    const res = await h.call('books_mark_invoice_sent', { invoice_id: DRAFT });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Mark draft invoice INV-\d+ for Zylker Corp .* as sent \(no e-mail is sent\)$/);
    expect(draft()).toMatchObject({ status: 'sent', emailed: false });
    expect(['unpaid', 'overdue']).toContain(res.json.status);
    expect(h.emu.counters.requests({ route: 'POST /books/v3/invoices/*/email' })).toBe(0);
  });

  it('refuses an invoice that is not a draft, and sends nothing when declined', async () => {
    const paid = byStatus('paid');
    await refused('books_mark_invoice_sent', { invoice_id: paid.invoice_id }, /is paid; only a draft can be marked as sent/);
    h.approve.value = false;
    expect((await h.call('books_mark_invoice_sent', { invoice_id: DRAFT })).outcome).toBe('refused');
    expect(writes()).toBe(0);
    expect(draft().status).toBe('draft');
  });
});

describe('books_void_invoice', () => {
  it('shows the invoice first, then voids it; its payments become the customer’s credits', async () => {
    const partial = byStatus('partially_paid');
    const customer = org().contacts.find((c) => c.contact_id === partial.customer_id)!;
    const paid = partial.payment_made_cents;
    const res = await h.call('books_void_invoice', { invoice_id: partial.invoice_id });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.access).toBe('destructive');
    expect(confirm.summary).toBe(`Void invoice ${partial.invoice_number} for ${customer.contact_name} (USD ${(partial.total_cents / 100).toFixed(2)}, partially_paid); payments of USD ${(paid / 100).toFixed(2)} become ${customer.contact_name}'s credits`);
    expect(confirm.before).toMatchObject({ invoice_id: partial.invoice_id, invoice_number: partial.invoice_number, status: 'partially_paid', payment_made: (paid / 100).toFixed(2) });
    expect(res.json).toEqual({ invoice_id: partial.invoice_id, invoice_number: partial.invoice_number, status: 'void', credited: (paid / 100).toFixed(2), currency_code: 'USD' });
    expect(partial.status).toBe('void');
    expect(customer.unused_credits_cents).toBe(paid);
    const listed = await h.call('books_list_invoices', { status: 'void', per_page: 200 });
    expect(rowsOf(listed.json, 'invoices').map((i: { invoice_id: string }) => i.invoice_id)).toContain(partial.invoice_id);
  });

  it('refuses an invoice that is already void, and sends nothing when declined', async () => {
    const voided = byStatus('void');
    await refused('books_void_invoice', { invoice_id: voided.invoice_id }, /is already void/);
    h.approve.value = false;
    const res = await h.call('books_void_invoice', { invoice_id: DRAFT });
    expect(res.outcome).toBe('refused');
    expect(writes()).toBe(0);
    expect(draft().status).toBe('draft');
  });
});
