import type { AuditEvent } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
import { booksTools, type BooksClient } from '../src/index.js';
import { checkWithProblem } from '@zoho-agent-kit/core/testing';
import { startBooks, type BooksHarness } from './helpers.js';

// A short header timeout turns the emulator's slow answer into a lost one; the write itself still lands
// when the emulator gets to it (1.5 s later), so the reconcile check must wait and find it.
let h: BooksHarness;
const events: AuditEvent[] = [];

beforeAll(async () => {
  h = await startBooks({
    plugin: { organizationId: DEFAULT_ORGANIZATION_ID },
    connection: { http: { headersTimeoutMs: 300 } },
    toolkit: { reconcileSettleMs: [1000, 1500], audit: (e) => void events.push(e) },
  });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('books');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  events.length = 0;
});

const org = () => h.emu.state<BooksState>('books').organizations[0]!;
const invoicePosts = () => h.emu.counters.requests({ route: 'POST /books/v3/invoices' });
const paymentPosts = () => h.emu.counters.requests({ route: 'POST /books/v3/customerpayments' });

const invoiceInput = { customer_name: 'Zylker Corp', reference_number: 'PO-LOST-1', line_items: [{ name: 'SEO Audit', quantity: '1', rate: '899.00' }] };

describe('books_create_invoice after a lost answer', () => {
  it('a create that timed out after Books applied it is reported applied with its id, sent once', async () => {
    const before = org().invoices.length;
    h.emu.faults.add({ route: 'POST /books/v3/invoices', kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('books_create_invoice', invoiceInput);
    expect(res.outcome).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const created = org().invoices.find((i) => i.reference_number === 'PO-LOST-1')!;
    expect(created).toBeDefined();
    expect(res.json).toMatchObject({ reconciled: 'applied', id: created.invoice_id, result: { invoice_id: created.invoice_id, invoice_number: created.invoice_number, total: '899.00' } });
    expect(res.json.note).toMatch(/did not answer in time.*applied.*found invoice INV-\d+.*Do not send it again/);
    expect(res.text).not.toMatch(/try again/i);
    expect(invoicePosts()).toBe(1);
    expect(org().invoices.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ tool: 'books_create_invoice', outcome: 'ok', reconciled: 'applied', ids: [created.invoice_id] });
  });

  it('a create reset before it reached Books is reported not applied; sending it again creates it once', async () => {
    const before = org().invoices.length;
    h.emu.faults.add({ route: 'POST /books/v3/invoices', kind: 'reset', times: 1 });
    const res = await h.call('books_create_invoice', invoiceInput);
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(invoicePosts()).toBe(1);
    expect(org().invoices.length).toBe(before);
    expect(events.at(-1)).toMatchObject({ outcome: 'error', reconciled: 'not_applied' });

    const again = await h.call('books_create_invoice', invoiceInput);
    expect(again.outcome).toBe('ok');
    expect(org().invoices.length).toBe(before + 1);
  });

  it('an identical invoice created before the send does not count as this one', async () => {
    // Created long ago (its created_time is the seed's): the lost create below must not be matched to it.
    const old = org().invoices[0]!;
    const res0 = await h.call('books_list_invoices', { search_text: old.invoice_number });
    expect(res0.outcome).toBe('ok');
    h.emu.faults.add({ route: 'POST /books/v3/invoices', kind: 'reset', times: 1 });
    const res = await h.call('books_create_invoice', {
      customer_id: old.customer_id,
      date: old.date,
      ...(old.reference_number ? { reference_number: old.reference_number } : {}),
      line_items: old.line_items.map((l) => ({ name: l.name, quantity: String(l.quantity_hundredths / 100), rate: (l.rate_cents / 100).toFixed(2) })),
    });
    expect(res.reconciled).toBe('not_applied');
  });
});

describe('books_record_payment after a lost answer', () => {
  async function unpaid() {
    const inv = org().invoices.find((i) => i.status === 'sent' && i.payment_made_cents === 0 && i.due_date >= new Date().toISOString().slice(0, 10))!;
    expect(inv).toBeDefined();
    return inv;
  }

  it('a payment that timed out after Books applied it is reported applied with its payment id, sent once', async () => {
    const inv = await unpaid();
    const paymentsBefore = org().payments.length;
    h.emu.faults.add({ route: 'POST /books/v3/customerpayments', kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '10.00', reference_number: 'LOST-PAY' });
    expect(res.outcome).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const payment = org().payments.find((p) => p.reference_number === 'LOST-PAY')!;
    expect(payment).toBeDefined();
    expect(res.json).toMatchObject({ reconciled: 'applied', id: payment.payment_id, result: { payment_id: payment.payment_id, amount: '10.00', invoice: { invoice_id: inv.invoice_id } } });
    expect(paymentPosts()).toBe(1);
    expect(org().payments.length).toBe(paymentsBefore + 1);
    expect(inv.payment_made_cents).toBe(1000);
  });

  it('a payment reset before it reached Books is reported not applied, and the invoice is untouched', async () => {
    const inv = await unpaid();
    const paymentsBefore = org().payments.length;
    h.emu.faults.add({ route: 'POST /books/v3/customerpayments', kind: 'reset', times: 1 });
    const res = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '10.00' });
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(paymentPosts()).toBe(1);
    expect(org().payments.length).toBe(paymentsBefore);
    expect(inv.payment_made_cents).toBe(0);
  });

  it('an earlier payment of the same amount and date is not taken for the lost one', async () => {
    const inv = await unpaid();
    const first = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '5.00' });
    expect(first.outcome).toBe('ok');
    h.emu.faults.add({ route: 'POST /books/v3/customerpayments', kind: 'reset', times: 1 });
    const res = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '5.00' });
    expect(res.reconciled).toBe('not_applied');
    expect(paymentPosts()).toBe(2);
  });
});

describe('checkWith', () => {
  it("every write tool's check by hand is a read tool call its schema takes as it is", async () => {
    const client = h.kit.client<BooksClient>('books');
    const checked = new Set<string>();
    for (const tool of booksTools) {
      if (tool.definition.access === 'read') continue;
      for (const example of tool.examples) {
        const plan = await tool.definition.plan(tool.definition.input.parse(example), { client, toolName: tool.name });
        expect(plan.checkWith, tool.name).toBeDefined();
        expect(checkWithProblem(plan.checkWith!, booksTools), tool.name).toBeUndefined();
        checked.add(tool.name);
      }
    }
    expect([...checked].sort()).toEqual(booksTools.filter((t) => t.access !== 'read').map((t) => t.name).sort());
  });
});
