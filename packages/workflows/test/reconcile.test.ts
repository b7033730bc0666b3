import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import type { BooksClient } from '@zoho-agent-kit/books';
import { rows, served, SLICES, startFlows, type Harness } from './helpers.js';

// Each write a flow sends, timed out after the emulator applied it (found by its read-back: applied, with the
// id) or reset before it reached the emulator (not applied: the batch stops there and says so).
let emu: Emulator;
let h: Harness;

beforeAll(async () => {
  emu = await startEmulator({ apps: SLICES, limits: false });
});
afterAll(async () => emu.close());
beforeEach(async () => {
  h = await startFlows({ reuse: emu, http: { headersTimeoutMs: 300 }, toolkit: { reconcileSettleMs: [1000, 1500] } });
});
afterEach(async () => {
  await h.close();
  emu.resetState();
  emu.counters.reset();
  emu.faults.clear();
});

const slow = (route: string) => emu.faults.add({ route, kind: 'slow', delayMs: 1500, times: 1 });
const reset = (route: string) => emu.faults.add({ route, kind: 'reset', times: 1 });

async function orchid(): Promise<void> {
  await h.kit.client<BooksClient>('books').createContact({ contact_name: 'Orchid Analytics', contact_type: 'customer', contact_persons: [{ first_name: 'Ravi', last_name: 'Menon', email: 'ravi.menon@orchid-analytics.example' }] });
}

describe('lost answers inside the flows', () => {
  it('flow_sync_customers_to_crm: the account create timed out after it landed is applied once; a reset one is not applied', async () => {
    await orchid();
    slow('POST /crm/v8/Accounts');
    const res = await h.call('flow_sync_customers_to_crm', { create_missing: true });
    expect(res.outcome, res.text).toBe('ok');
    const created = rows(res.json.applied).find((a) => a.action === 'created')!;
    expect(created).toMatchObject({ account_id: expect.stringMatching(/^\d{19}$/), reconciled: expect.stringContaining('create CRM account Orchid Analytics') });
    expect(served(emu, 'POST /crm/v8/Accounts')).toBe(1);

    emu.resetState();
    await orchid();
    reset('POST /crm/v8/Accounts');
    const stopped = await h.call('flow_sync_customers_to_crm', {});
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { item: 'create CRM account Orchid Analytics', status: 'not_applied' } });
  });

  it('flow_invoice_won_deal: an invoice create timed out after it landed is applied with its id', async () => {
    slow('POST /books/v3/invoices');
    const res = await h.call('flow_invoice_won_deal', { deal_id: '4150868000000100034' });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(res.json.applied)[0]).toMatchObject({ action: 'invoiced', invoice_id: expect.stringMatching(/^\d{19}$/), reconciled: expect.stringContaining('create the draft invoice') });
    expect(served(emu, 'POST /books/v3/invoices')).toBe(1);
  });

  it('flow_bill_project_time: the invoice and its ledger reconciled; a log mark reset is not applied and resumable', async () => {
    slow('POST /books/v3/invoices/*/comments');
    const res = await h.call('flow_bill_project_time', { project_id: '2438400000000000025', rate: '95.00' });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(res.json.applied)[0]).toMatchObject({ action: 'invoiced', reconciled: expect.stringContaining('record the billed logs') });

    emu.resetState();
    emu.counters.reset();
    reset('PATCH /api/v3/portal/*/projects/*/logs/*');
    const stopped = await h.call('flow_bill_project_time', { project_id: '2438400000000000025', rate: '95.00' });
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { status: 'not_applied' } });
    expect(stopped.json.stopped_at.item).toMatch(/^mark log \d{19}/);
    const resumed = await h.call('flow_bill_project_time', { project_id: '2438400000000000025', rate: '95.00' });
    expect(resumed.outcome, resumed.text).toBe('ok');
    expect(rows(resumed.json.applied).every((a) => a.action === 'marked')).toBe(true);
    expect(served(emu, 'POST /books/v3/invoices')).toBe(1);
  });

  it('flow_post_project_status: a post timed out after it landed is applied with the message id; a reset one is not applied', async () => {
    slow('POST /api/v2/channelsbyname/**');
    const res = await h.call('flow_post_project_status', { project_id: '2438400000000000025', channel: 'marketing' });
    expect(res.reconciled).toBe('applied');
    expect(res.json).toMatchObject({ reconciled: 'applied', id: expect.stringMatching(/^\d+_\d+$/) });
    emu.resetState(); // the same text again seconds later would read as the first post
    reset('POST /api/v2/channelsbyname/**');
    const lost = await h.call('flow_post_project_status', { project_id: '2438400000000000025', channel: 'marketing' });
    expect(lost.reconciled).toBe('not_applied');
    expect(lost.text).toMatch(/NOT applied/);
  });

  it('flow_schedule_meeting: an event create timed out after it landed is applied, then the rest is sent', async () => {
    slow('POST /api/v1/calendars/*/events');
    const res = await h.call('flow_schedule_meeting', { title: 'Budget sync', attendees: ['maya.ortiz@northwind-creative.example', 'daniel.okafor@northwind-creative.example'], duration_minutes: 45, cliq_channel: 'marketing' });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(res.json.applied).map((a) => a.action)).toEqual(['event created', 'announced']);
    expect(rows(res.json.applied)[0]).toMatchObject({ reconciled: expect.stringContaining('Create "Budget sync"') });
    expect(served(emu, 'POST /api/v1/calendars/*/events')).toBe(1);
  });
});
