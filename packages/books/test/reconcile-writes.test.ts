/**
 * Every new Books write after a lost answer: a request the emulator carried out but answered too late is
 * reported applied (with its id), one reset before it reached the emulator is reported not applied; each
 * is sent exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, invoiceStatus, type BooksState } from '../src/emulator/index.js';
import { startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;

beforeAll(async () => {
  h = await startBooks({
    plugin: { organizationId: DEFAULT_ORGANIZATION_ID },
    connection: { http: { headersTimeoutMs: 300 } },
    toolkit: { reconcileSettleMs: [1000, 1500] },
  });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('books');
  h.emu.counters.reset();
});

const org = () => h.emu.state<BooksState>('books').organizations[0]!;
const DRAFT = '4372460000000000066';
const draft = () => org().invoices.find((i) => i.invoice_id === DRAFT)!;
const partiallyPaid = () => org().invoices.find((i) => invoiceStatus(i, new Date().toISOString().slice(0, 10)) === 'partially_paid')!;

interface WriteCase {
  tool: string;
  route: string;
  input: () => Record<string, unknown>;
  /** Whether the emulator holds the write. */
  landed: () => boolean;
  /** The id the verdict names. */
  id: () => string;
}

/** The invoice the void case acts on (a partially paid one: its payment must become a credit only once). */
let voidTarget = '';

const CASES: WriteCase[] = [
  {
    tool: 'books_update_invoice',
    route: 'PUT /books/v3/invoices/*',
    input: () => ({ invoice_id: DRAFT, notes: 'Lost-answer edit', line_items: [{ name: 'Retainer', quantity: '1', rate: '1500.00' }] }),
    landed: () => draft().notes === 'Lost-answer edit' && draft().total_cents === 150000,
    id: () => DRAFT,
  },
  {
    tool: 'books_send_invoice',
    route: 'POST /books/v3/invoices/*/email',
    input: () => ({ invoice_id: DRAFT }),
    landed: () => draft().emailed,
    id: () => DRAFT,
  },
  {
    tool: 'books_mark_invoice_sent',
    route: 'POST /books/v3/invoices/*/status/sent',
    input: () => ({ invoice_id: DRAFT }),
    landed: () => draft().status === 'sent',
    id: () => DRAFT,
  },
  {
    tool: 'books_void_invoice',
    route: 'POST /books/v3/invoices/*/status/void',
    input: () => {
      voidTarget = partiallyPaid().invoice_id;
      return { invoice_id: voidTarget };
    },
    landed: () => org().invoices.find((i) => i.invoice_id === voidTarget)!.status === 'void',
    id: () => voidTarget,
  },
  {
    tool: 'books_create_customer',
    route: 'POST /books/v3/contacts',
    input: () => ({ contact_name: 'Lost Answer LLC', contact_person: { first_name: 'Lena', email: 'lena@lost-answer.example' } }),
    landed: () => org().contacts.some((c) => c.contact_name === 'Lost Answer LLC'),
    id: () => org().contacts.find((c) => c.contact_name === 'Lost Answer LLC')!.contact_id,
  },
  {
    tool: 'books_create_estimate',
    route: 'POST /books/v3/estimates',
    input: () => ({ customer_name: 'Quantum Bakery', reference_number: 'RFQ-LOST', line_items: [{ name: 'Ad Campaign Setup', quantity: '1', rate: '640.25' }] }),
    landed: () => org().estimates.some((e) => e.reference_number === 'RFQ-LOST'),
    id: () => org().estimates.find((e) => e.reference_number === 'RFQ-LOST')!.estimate_id,
  },
];


describe('a new Books write whose answer was lost', () => {
  it.each(CASES)('$tool: timed out after Books applied it → applied with its id, sent once', async (c) => {
    const input = c.input();
    h.emu.faults.add({ route: c.route, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call(c.tool, input);
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    expect(c.landed()).toBe(true);
    expect(res.json).toMatchObject({ reconciled: 'applied', id: c.id() });
    expect(res.json.note).toMatch(/did not answer in time.*applied.*Do not send it again/);
    expect(h.emu.counters.requests({ route: c.route })).toBe(1);
  });

  it.each(CASES)('$tool: reset before it reached Books → not applied, nothing changed', async (c) => {
    const input = c.input();
    h.emu.faults.add({ route: c.route, kind: 'reset', times: 1 });
    const res = await h.call(c.tool, input);
    expect(res.outcome).toBe('error');
    expect(res.reconciled, res.text).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(c.landed()).toBe(false);
    expect(h.emu.counters.requests({ route: c.route })).toBe(1);
  });
});
