import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmTools, type CrmClient } from '../src/index.js';
import type { CrmState } from '../src/emulator/index.js';
import { checkWithProblem } from '@zoho-agent-kit/core/testing';
import { startCrm, type CrmHarness } from './helpers.js';

// A short header timeout turns the emulator's slow answer into a lost one; the write still lands after
// 1.5 s, which the reconcile finds on its third look (at ~0.3 s, ~1.3 s and ~2.8 s after the send).
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

const sent = (route: string) => h.emu.counters.requests({ app: 'crm', route });
const store = (module: string) => h.emu.state<CrmState>('crm').modules.get(module)!;
const slow = (route: string) => h.emu.faults.add({ app: 'crm', route, kind: 'slow', delayMs: 1500, times: 1 });
const reset = (route: string) => h.emu.faults.add({ app: 'crm', route, kind: 'reset', times: 1 });

describe('crm_create_record', () => {
  it('a create that timed out after Zoho applied it is reported applied with its id, sent once', async () => {
    const posts = sent('POST /crm/v8/Leads');
    slow('POST /crm/v8/Leads');
    const res = await h.json('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Slowpoke', Company: 'Molasses Inc', Email: 'slow@molasses.example' }] });
    const created = store('Leads').records.filter((r) => r.Last_Name === 'Slowpoke');
    expect(created).toHaveLength(1);
    expect(res.outcome).toBe('ok');
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ reconciled: 'applied', id: created[0]!.id, result: { created: 1, failed: 0, results: [{ index: 0, status: 'ok', id: created[0]!.id }] } });
    expect(res.data.note).toMatch(/did not answer in time.*applied.*Do not send it again/);
    expect(sent('POST /crm/v8/Leads')).toBe(posts + 1);
    expect(h.audit.at(-1)).toMatchObject({ tool: 'crm_create_record', outcome: 'ok', reconciled: 'applied', ids: [created[0]!.id] });
  });

  it('finds every record of a several-record create, by what was sent', async () => {
    const posts = sent('POST /crm/v8/Contacts');
    slow('POST /crm/v8/Contacts');
    const res = await h.json('crm_create_record', {
      module: 'Contacts',
      records: [
        { First_Name: 'Twin', Last_Name: 'Alpha', Email: 'twin.alpha@example.com', Title: 'Twin' },
        { First_Name: 'Twin', Last_Name: 'Beta', Email: 'twin.beta@example.com', Title: 'Twin' },
      ],
    });
    const ids = ['Alpha', 'Beta'].map((last) => store('Contacts').records.find((r) => r.Last_Name === last)!.id);
    expect(res.reconciled).toBe('applied');
    expect(res.data.result.results.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(res.data.note).toContain(`created ids ${ids.join(', ')}`);
    expect(sent('POST /crm/v8/Contacts')).toBe(posts + 1);
  });

  it('a create reset before it reached Zoho is reported not applied; retrying creates it once', async () => {
    const posts = sent('POST /crm/v8/Leads');
    reset('POST /crm/v8/Leads');
    const record = { Last_Name: 'Resetter', Company: 'Lost Packets Ltd' };
    const res = await h.kit.call('crm_create_record', { module: 'Leads', records: [record] });
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(store('Leads').records.filter((r) => r.Last_Name === 'Resetter')).toHaveLength(0);
    expect(sent('POST /crm/v8/Leads')).toBe(posts + 1);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'error', reconciled: 'not_applied' });
    expect((await h.kit.call('crm_create_record', { module: 'Leads', records: [record] })).outcome).toBe('ok');
    expect(store('Leads').records.filter((r) => r.Last_Name === 'Resetter')).toHaveLength(1);
  });

  it('an identical record this toolkit created just before is not taken for the lost one', async () => {
    const record = { Last_Name: 'Again', Company: 'Deja Vu LLC', Email: 'again@dejavu.example' };
    expect((await h.json('crm_create_record', { module: 'Leads', records: [record] })).data.created).toBe(1);
    reset('POST /crm/v8/Leads');
    const res = await h.kit.call('crm_create_record', { module: 'Leads', records: [record] });
    expect(res.reconciled).toBe('not_applied');
    expect(store('Leads').records.filter((r) => r.Last_Name === 'Again')).toHaveLength(1);
  });

  it('a 5xx answer is checked, not retried', async () => {
    const posts = sent('POST /crm/v8/Tasks');
    h.emu.faults.add({ app: 'crm', route: 'POST /crm/v8/Tasks', kind: 'status', status: 503, times: 1 });
    const res = await h.kit.call('crm_create_record', { module: 'Tasks', records: [{ Subject: 'Busy server task' }] });
    expect(res.reconciled).toBe('not_applied');
    expect(sent('POST /crm/v8/Tasks')).toBe(posts + 1);
  });
});

describe('crm_update_record', () => {
  it('an update that timed out after Zoho applied it is read back and reported applied, sent once', async () => {
    const deal = store('Deals').records.find((r) => r.Stage === 'Value Proposition')!;
    const route = `PUT /crm/v8/Deals/${deal.id}`;
    const puts = sent(route);
    slow(route);
    const res = await h.json('crm_update_record', { module: 'Deals', id: deal.id, fields: { Stage: 'Id. Decision Makers', Next_Step: 'Meet the board' } });
    expect(deal.Stage).toBe('Id. Decision Makers');
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ reconciled: 'applied', id: deal.id, result: { id: deal.id, status: 'updated', changed: ['Stage', 'Next_Step'], modified_time: deal.Modified_Time } });
    expect(sent(route)).toBe(puts + 1);
  });

  it('an update reset before it reached Zoho is reported not applied', async () => {
    const deal = store('Deals').records.find((r) => r.Stage === 'Proposal/Price Quote')!;
    const route = `PUT /crm/v8/Deals/${deal.id}`;
    const puts = sent(route);
    reset(route);
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: deal.id, fields: { Amount: 77_700 } });
    expect(res.reconciled).toBe('not_applied');
    expect(deal.Amount).not.toBe(77_700);
    expect(sent(route)).toBe(puts + 1);
  });
});

describe('crm_delete_record', () => {
  it('a delete that timed out after Zoho applied it is reported applied, sent once', async () => {
    const id = (await h.json('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Doomed', Company: 'Gone Soon' }] })).data.results[0].id as string;
    const route = `DELETE /crm/v8/Leads/${id}`;
    slow(route);
    const res = await h.json('crm_delete_record', { module: 'Leads', id });
    expect(store('Leads').byId.has(id)).toBe(false);
    expect(res.reconciled).toBe('applied');
    expect(res.data).toMatchObject({ reconciled: 'applied', id, result: { id, status: 'deleted' } });
    expect(sent(route)).toBe(1);
  });

  it('a delete reset before it reached Zoho is reported not applied; the record is still there', async () => {
    const id = (await h.json('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Survivor', Company: 'Still Here' }] })).data.results[0].id as string;
    const route = `DELETE /crm/v8/Leads/${id}`;
    reset(route);
    const res = await h.kit.call('crm_delete_record', { module: 'Leads', id });
    expect(res.reconciled).toBe('not_applied');
    expect(store('Leads').byId.has(id)).toBe(true);
    expect(sent(route)).toBe(1);
  });
});

describe('checkWith', () => {
  it("every write tool's check by hand is a read tool call its schema takes as it is", async () => {
    writeFileSync(join(h.filesDir, 'proposal.pdf'), '%PDF-1.4 proposal');
    const client = h.kit.client<CrmClient>('crm');
    // Beyond the examples: an upsert that inserts (its check is a search, not a read of the record).
    const extra: Record<string, Record<string, unknown>[]> = { crm_upsert_record: [{ module: 'Contacts', record: { Email: 'nobody.yet@nowhere.example', Last_Name: 'Yet' } }] };
    const checked = new Set<string>();
    for (const tool of crmTools) {
      if (tool.definition.access === 'read') continue;
      for (const example of [...tool.examples, ...(extra[tool.name] ?? [])]) {
        const plan = await tool.definition.plan(tool.definition.input.parse(example), { client, toolName: tool.name });
        expect(plan.checkWith, tool.name).toBeDefined();
        expect(checkWithProblem(plan.checkWith!, crmTools), tool.name).toBeUndefined();
        checked.add(tool.name);
      }
    }
    expect([...checked].sort()).toEqual(crmTools.filter((t) => t.access !== 'read').map((t) => t.name).sort());
  });
});
