import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findRole } from '@zoho-agent-kit/core';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import type { BooksClient } from '@zoho-agent-kit/books';
import type { CrmClient } from '@zoho-agent-kit/crm';
import type { ProjectsClient } from '@zoho-agent-kit/projects';
import { CRM_ONLY_CLIENT } from '@zoho-agent-kit/crm/emulator';
import { DEAL_REFERENCE, timeReference } from '../src/index.js';
import { rows, served, SLICES, startFlows, writesServed, type Harness } from './helpers.js';

let emu: Emulator;
let h: Harness;
const SILVERLINE_WON = '4150868000000100034';
const ZYLKER_PROJECT = '2438400000000000025';

beforeAll(async () => {
  emu = await startEmulator({ apps: SLICES, limits: false });
});
afterAll(async () => emu.close());
beforeEach(async () => {
  h = await startFlows({ reuse: emu });
});
afterEach(async () => {
  await h.close();
  emu.resetState();
  emu.counters.reset();
  emu.faults.clear();
});

const books = () => h.kit.client<BooksClient>('books');
const crm = () => h.kit.client<CrmClient>('crm');
const invoicesPosted = () => served(emu, 'POST /books/v3/invoices');
const byReference = async (reference: string) => (await books().listInvoices({ search_text: reference, per_page: 200 })).invoices.filter((i) => i.status !== 'void');
async function kestrelDeal(): Promise<string> {
  const res = await crm().searchRecords('Deals', { word: 'Kestrel' }, { fields: ['Deal_Name'] });
  return res.data.find((d) => d.Deal_Name === CRM_ONLY_CLIENT.deal.name)!.id;
}

describe('flow_invoice_won_deal', () => {
  it("bills a won deal's Amount as a draft for its customer, notes the number on the deal, and never twice", async () => {
    const res = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Invoice the won deal Silverline Media — SEO Retainer: a draft invoice for Silverline Media, 1 line, total 18500.00; note its number on the deal');
    const [done] = rows(res.json.applied);
    expect(done).toMatchObject({ action: 'invoiced', invoice_number: expect.stringMatching(/^INV-\d{6}$/), total: '18500.00', deal_note: 'added' });
    const { invoice } = await books().getInvoice(done!.invoice_id);
    expect(invoice).toMatchObject({ status: 'draft', customer_name: 'Silverline Media', reference_number: DEAL_REFERENCE(SILVERLINE_WON) });
    expect(invoice.line_items).toEqual([expect.objectContaining({ name: 'Silverline Media — SEO Retainer', quantity: 1, rate: 18500 })]);
    const notes = await crm().getRelatedRecords('Deals', SILVERLINE_WON, 'Notes', { fields: ['Note_Title', 'Note_Content'] });
    expect(notes.data.find((n) => n.Note_Title === 'Invoiced in Zoho Books')!.Note_Content).toContain(`[books-invoice: ${String(invoice.invoice_number)}]`);

    emu.counters.reset();
    const again = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON });
    expect(again.json).toMatchObject({ status: 'already invoiced', invoice_number: invoice.invoice_number });
    expect(h.confirmations).toHaveLength(1);
    expect(writesServed(emu)).toBe(0);
  });

  it('creates the missing customer from the CRM account in the same confirmation', async () => {
    const deal = await kestrelDeal();
    const res = await h.call('flow_invoice_won_deal', { deal_id: deal, payment_terms: 30 });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    expect(h.confirmations[0]!.summary).toMatch(/^Invoice the won deal Kestrel Aviation — Brand Identity Package: create Books customer Kestrel Aviation, then a draft invoice for Kestrel Aviation, 1 line, total 15000\.00/);
    const [customer, invoiced] = rows(res.json.applied);
    expect(customer).toMatchObject({ action: 'created customer', customer_id: expect.stringMatching(/^\d{19}$/) });
    expect(invoiced).toMatchObject({ action: 'invoiced', total: '15000.00' });
    const { contact } = await books().getContact(customer!.customer_id);
    expect(contact).toMatchObject({ contact_name: 'Kestrel Aviation', email: CRM_ONLY_CLIENT.contact.email, notes: expect.stringMatching(/\[crm-account: \d{19}\]/) });
    // The next comparison matches it exactly, by the cross-reference the flow wrote.
    const compare = await h.call('flow_compare_customers', { show_in_sync: true });
    expect(rows(compare.json.in_sync).find((p) => p.customer_id === customer!.customer_id)).toMatchObject({ matched_by: 'cross-reference' });
  });

  it('resumes a batch stopped after the customer, without a second customer or invoice', async () => {
    const deal = await kestrelDeal();
    emu.faults.add({ route: 'POST /books/v3/invoices', kind: 'reset', times: 1 });
    const stopped = await h.call('flow_invoice_won_deal', { deal_id: deal });
    expect(stopped.outcome).toBe('error');
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { item: `draft invoice for ${CRM_ONLY_CLIENT.deal.name}`, status: 'not_applied' } });
    expect(rows(stopped.json.applied)).toEqual([expect.objectContaining({ action: 'created customer' })]);

    const resumed = await h.call('flow_invoice_won_deal', { deal_id: deal });
    expect(resumed.outcome, resumed.text).toBe('ok');
    expect(h.confirmations.at(-1)!.summary).not.toMatch(/create Books customer/);
    expect(served(emu, 'POST /books/v3/contacts')).toBe(1);
    expect(await books().contactsNamed('Kestrel Aviation')).toHaveLength(1);
    expect(await byReference(DEAL_REFERENCE(deal))).toHaveLength(1);
  });

  it('is refused for a policy that allows CRM but not Books, with nothing sent', async () => {
    const crmOnly = h.withPolicy({ name: 'CRM only', apps: { crm: ['read', 'write', 'destructive'] } });
    expect(crmOnly.allowed.map((t) => t.name)).not.toContain('flow_invoice_won_deal');
    const res = await crmOnly.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON });
    expect(res.outcome).toBe('denied');
    expect(res.text).toMatch(/flow_invoice_won_deal is not allowed for the CRM only role; nothing was sent/);
    expect(h.confirmations).toHaveLength(0);
    expect(emu.counters.list().filter((c) => c.app !== 'accounts').reduce((n, c) => n + c.requests, 0)).toBe(0);
  });

  it('runs for the CFO (CRM read-only): the reference names the deal, no note is written, and it is still never twice', async () => {
    const cfo = h.withPolicy(findRole('CFO')!.policy);
    const res = await cfo.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(JSON.parse(res.text).applied)[0]).toMatchObject({ deal_note: 'not allowed for this role (the reference names the deal)' });
    expect(served(emu, 'POST /crm/v8/Notes')).toBe(0);
    const again = await cfo.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON });
    expect(JSON.parse(again.text)).toMatchObject({ status: 'already invoiced' });
    expect(invoicesPosted()).toBe(1);
  });

  it('refuses a deal that is not won, an unknown deal and bad lines, sending nothing', async () => {
    const open = await h.call('flow_invoice_won_deal', { deal_id: '4150868000000100019' });
    expect(open.outcome).toBe('invalid');
    expect(open.text).toMatch(/field "deal_id".*stage "Qualification", not Closed Won/);
    const unknown = await h.call('flow_invoice_won_deal', { deal_id: '4150868000000999999' });
    expect(unknown.text).toMatch(/field "deal_id": no CRM deal has id 4150868000000999999/);
    const lines = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON, line_items: [{ name: 'SEO', quantity: '1', rate: '10.999' }] });
    expect(lines.text).toMatch(/line_items\.0\.rate|line_items\[0\]/);
    // Books' own bounds: a line (or an invoice) above the largest amount Books accepts is refused before the confirmation.
    const big = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON, line_items: [{ name: 'SEO', quantity: '9999999999', rate: '2' }] });
    expect(big.outcome).toBe('invalid');
    expect(big.text).toMatch(/field "line_items\[0\]".*above the largest amount accepted/);
    const total = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON, line_items: [{ name: 'A', quantity: '1', rate: '9999999999' }, { name: 'B', quantity: '1', rate: '1' }] });
    expect(total.text).toMatch(/field "line_items".*the total .* is above the largest amount accepted/);
    expect(writesServed(emu)).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('bills the lines given (e.g. the products) instead of the Amount', async () => {
    const res = await h.call('flow_invoice_won_deal', { deal_id: SILVERLINE_WON, line_items: [{ name: 'SEO Retainer (monthly)', quantity: '3', rate: '3500.00' }, { name: 'Analytics Setup', quantity: '1', rate: '6000' }] });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(res.json.applied)[0]).toMatchObject({ total: '16500.00' });
  });
});

describe('flow_bill_project_time', () => {
  const period = { from: '2026-01-01', to: '2100-01-01' };
  it("bills the project's unbilled billable logs, one line per person, records them on the invoice and marks the ones Zoho lets change; a second run bills nothing", async () => {
    const projects = h.kit.client<ProjectsClient>('projects');
    const today = await projects.today();
    const res = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', rates: [{ person: 'Priya Natarajan', rate: '120.00' }], to: today });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toMatch(/^Bill Zylker Corp — Website Redesign \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}: a draft invoice for Zylker Corp, \d lines, \d+ logs, total \d+\.\d{2}; mark \d+ logs billed$/);
    const lines = rows((confirm.after as { line_items: unknown }).line_items);
    expect(lines.every((l) => /^Time: /.test(l.name))).toBe(true);
    const [invoiced, ...marks] = rows(res.json.applied);
    const { invoice } = await books().getInvoice(invoiced!.invoice_id);
    expect(invoice.reference_number).toMatch(new RegExp(`^${timeReference(ZYLKER_PROJECT)} \\d{4}-\\d{2}-\\d{2}\\.\\.${today}$`));
    for (const l of invoice.line_items ?? []) expect(Number(l.rate)).toBe(String(l.name) === 'Time: Priya Natarajan' ? 120 : 95);
    const { comments } = await books().listInvoiceComments(invoiced!.invoice_id);
    const ledger = comments.find((c) => String(c.description).includes('[time-logs:'))!;
    expect(ledger.description).toMatch(/\[time-logs: \d{19}(,\d{19})*\]/);
    expect(String(ledger.description).match(/\d{19}/g)).toHaveLength(invoiced!.logs);
    // Unapproved logs got the mark in their notes; approved ones Zoho refuses to change, the ledger records them.
    expect(marks.length).toBeGreaterThan(0);
    const marked = await projects.getTimeLog(ZYLKER_PROJECT, marks[0]!.log_id, 'task');
    expect(marked.notes).toContain(`[billed: ${String(invoice.invoice_number)}]`);

    emu.counters.reset();
    const again = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', to: today });
    expect(again.json).toMatchObject({ status: 'nothing to bill' });
    expect(writesServed(emu)).toBe(0);
  });

  it('resumes after the invoice was made but its ledger was not: records the ledger, never a second invoice', async () => {
    emu.faults.add({ route: 'POST /books/v3/invoices/*/comments', kind: 'reset', times: 1 });
    const stopped = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', group_by: 'task' });
    expect(stopped.outcome).toBe('error');
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { steps_applied: ['create the draft invoice'], status: 'not_applied' } });
    const resumed = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', group_by: 'task' });
    expect(resumed.outcome, resumed.text).toBe('ok');
    expect(h.confirmations.at(-1)!.summary).toMatch(/no new invoice; record 1 missing ledger; mark \d+ logs billed/);
    expect(rows(resumed.json.applied)[0]).toMatchObject({ action: 'ledger recorded' });
    expect(invoicesPosted()).toBe(1);
    const again = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', group_by: 'task' });
    expect(again.json).toMatchObject({ status: 'nothing to bill' });
  });

  it('for the CFO (Projects read-only) bills with the ledger alone, marking no log', async () => {
    const cfo = h.withPolicy(findRole('CFO')!.policy);
    const res = await cfo.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00' });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(JSON.parse(res.text).applied).map((a) => a.action)).toEqual(['invoiced']);
    expect(served(emu, 'PATCH /api/v3/portal/*/projects/*/logs/*')).toBe(0);
    expect(JSON.parse((await cfo.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00' })).text)).toMatchObject({ status: 'nothing to bill' });
  });

  it('names what is wrong before asking: no rate for someone, a rate for nobody, rates with group_by task, a reversed period', async () => {
    const noRate = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT });
    expect(noRate.text).toMatch(/field "rate": no rate for /);
    const nobody = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', rates: [{ person: 'Nobody Here', rate: '10.00' }] });
    expect(nobody.text).toMatch(/field "rates\[0\]\.person": fits none of the people who logged billable time: /);
    const task = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', group_by: 'task', rates: [{ person: 'Priya Natarajan', rate: '1.00' }] });
    expect(task.text).toMatch(/field "rates": per-person rates need group_by "person"/);
    const reversed = await h.call('flow_bill_project_time', { project_id: ZYLKER_PROJECT, rate: '95.00', ...period, from: '2026-02-01', to: '2026-01-01' });
    expect(reversed.text).toMatch(/field "to": 2026-01-01 is before from 2026-02-01/);
    expect(writesServed(emu)).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });
});
