/**
 * The new writes after a lost answer: a request the emulator carried out but answered too late is found
 * and reported applied with its id (sent once); one reset before it arrived is reported not applied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';

let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm({ connection: { http: { headersTimeoutMs: 300 } }, toolkit: { reconcileSettleMs: [1000, 1500] } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.answer.value = true;
  h.audit.length = 0;
});
afterEach(() => h.emu.faults.clear());

const ZYLKER = '4150868000000100000';
const DEAL = '4150868000000100019';
const state = () => h.emu.state<CrmState>('crm');
const sent = (route: string) => h.emu.counters.requests({ app: 'crm', route });
const slow = (route: string) => h.emu.faults.add({ app: 'crm', route, kind: 'slow', delayMs: 1500, times: 1 });
const reset = (route: string) => h.emu.faults.add({ app: 'crm', route, kind: 'reset', times: 1 });

describe('crm_add_note', () => {
  it('timed out after Zoho added it: applied with the note id, sent once', async () => {
    const posts = sent('POST /crm/v8/Notes');
    slow('POST /crm/v8/Notes');
    const res = await h.json('crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'Slow note about the renewal.' });
    const notes = state().notes.filter((n) => n.Note_Content === 'Slow note about the renewal.');
    expect(notes).toHaveLength(1);
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ reconciled: 'applied', id: notes[0]!.id, result: { id: notes[0]!.id, status: 'added' } });
    expect(sent('POST /crm/v8/Notes')).toBe(posts + 1);
  });

  it('reset before it arrived: not applied; the same text added earlier is not taken for it', async () => {
    expect((await h.json('crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'Same words twice.' })).outcome).toBe('ok');
    reset('POST /crm/v8/Notes');
    const res = await h.kit.call('crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'Same words twice.' });
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(state().notes.filter((n) => n.Note_Content === 'Same words twice.')).toHaveLength(1);
  });
});

describe('crm_convert_lead', () => {
  it('timed out after Zoho converted it: the lead read back names the contact, account and deal', async () => {
    const lead = state().modules.get('Leads')!.records[20]!;
    const route = `POST /crm/v8/Leads/${lead.id}/actions/convert`;
    slow(route);
    const res = await h.json('crm_convert_lead', { id: lead.id, deal: { Deal_Name: 'Slow deal', Stage: 'Qualification', Closing_Date: '2026-08-01' } });
    expect(lead.Converted__s).toBe(true);
    const contact = (lead.Converted_Contact as { id: string }).id;
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({
      reconciled: 'applied',
      id: contact,
      result: { status: 'converted', contact: { id: contact }, account: { id: (lead.Converted_Account as { id: string }).id }, deal: { id: (lead.Converted_Deal as { id: string }).id } },
    });
    expect(sent(route)).toBe(1);
  });

  it('reset before it arrived: not applied, the lead unconverted', async () => {
    const lead = state().modules.get('Leads')!.records[21]!;
    const route = `POST /crm/v8/Leads/${lead.id}/actions/convert`;
    reset(route);
    const contacts = state().modules.get('Contacts')!.records.length;
    const res = await h.kit.call('crm_convert_lead', { id: lead.id });
    expect(res.reconciled).toBe('not_applied');
    expect(lead.Converted__s).not.toBe(true);
    expect(state().modules.get('Contacts')!.records.length).toBe(contacts);
    expect(sent(route)).toBe(1);
  });
});

describe('crm_upsert_record', () => {
  it('an insert that timed out is found by its duplicate-check value: applied, action insert', async () => {
    const posts = sent('POST /crm/v8/Leads/upsert');
    slow('POST /crm/v8/Leads/upsert');
    const res = await h.json('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Tardy', Company: 'Late Ltd', Email: 'tardy@late.example' } });
    const made = state().modules.get('Leads')!.records.filter((r) => r.Email === 'tardy@late.example');
    expect(made).toHaveLength(1);
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ id: made[0]!.id, result: { action: 'insert', id: made[0]!.id } });
    expect(sent('POST /crm/v8/Leads/upsert')).toBe(posts + 1);
  });

  it('an update that timed out is read back: applied, action update', async () => {
    const contact = state().modules.get('Contacts')!.records.find((c) => c.Last_Name === 'Hopper')!;
    slow('POST /crm/v8/Contacts/upsert');
    const res = await h.json('crm_upsert_record', { module: 'Contacts', record: { Email: contact.Email, Last_Name: 'Hopper', Title: 'Rear Admiral' } });
    expect(contact.Title).toBe('Rear Admiral');
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ id: contact.id, result: { action: 'update', id: contact.id, changed: ['Title'] } });
  });

  it('reset before it arrived: not applied, for an insert and for an update', async () => {
    reset('POST /crm/v8/Leads/upsert');
    const insert = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Lost', Company: 'Void Inc', Email: 'lost@void.example' } });
    expect(insert.reconciled).toBe('not_applied');
    expect(state().modules.get('Leads')!.records.some((r) => r.Email === 'lost@void.example')).toBe(false);
    const contact = state().modules.get('Contacts')!.records.find((c) => c.Last_Name === 'Rivera')!;
    const title = contact.Title;
    reset('POST /crm/v8/Contacts/upsert');
    const update = await h.kit.call('crm_upsert_record', { module: 'Contacts', record: { Email: contact.Email, Last_Name: 'Rivera', Title: 'Never set' } });
    expect(update.reconciled).toBe('not_applied');
    expect(contact.Title).toBe(title);
  });
});

describe('crm_upload_attachment', () => {
  it('timed out after Zoho stored it: found by name and size, applied with its id, sent once', async () => {
    writeFileSync(join(h.filesDir, 'slow.txt'), 'a slow upload');
    const route = `POST /crm/v8/Deals/${DEAL}/Attachments`;
    slow(route);
    const res = await h.json('crm_upload_attachment', { module: 'Deals', id: DEAL, path: 'slow.txt' });
    const stored = state().attachments.filter((a) => a.File_Name === 'slow.txt');
    expect(stored).toHaveLength(1);
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ id: stored[0]!.id, result: { id: stored[0]!.id, status: 'attached' } });
    expect(sent(route)).toBe(1);
  });

  it('reset before it arrived: not applied', async () => {
    writeFileSync(join(h.filesDir, 'reset.txt'), 'never arrives');
    const route = `POST /crm/v8/Deals/${DEAL}/Attachments`;
    reset(route);
    const res = await h.kit.call('crm_upload_attachment', { module: 'Deals', id: DEAL, path: 'reset.txt' });
    expect(res.reconciled).toBe('not_applied');
    expect(state().attachments.some((a) => a.File_Name === 'reset.txt')).toBe(false);
  });
});
