/**
 * The sales tools over real HTTP to the emulator: pipeline summary, activities, notes, related records,
 * lead conversion and upsert — success, paging, bad input naming the field (nothing sent), a refused
 * confirmation sending nothing.
 */
import { fromTable, type RecordTable } from '@zoho-agent-kit/core';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCrmEmulator, type CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';

const rows = (data: RecordTable): Record<string, any>[] => fromTable(data);
const ZYLKER = '4150868000000100000';
const BOB = '4150868000000100001';

let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm();
});
afterAll(() => h.close());
beforeEach(() => {
  h.answer.value = true;
  h.confirmations.length = 0;
});

const state = () => h.emu.state<CrmState>('crm');
const sent = (route?: string) => h.emu.counters.requests({ app: 'crm', ...(route ? { route } : {}) });
const writes = () => sent('POST /crm/v8/**') + sent('PUT /crm/v8/**') + sent('DELETE /crm/v8/**');

describe('crm_pipeline_summary', () => {
  it('by stage: count, total and probability-weighted total per stage in pipeline order, from one COQL aggregate', async () => {
    const before = sent('POST /crm/v8/coql');
    const res = await h.json('crm_pipeline_summary', {});
    expect(res.outcome).toBe('ok');
    expect(sent('POST /crm/v8/coql')).toBe(before + 1);
    expect(res.data).toMatchObject({ group_by: 'stage', columns: ['stage', 'deals', 'total', 'weighted'], method: 'coql_aggregate' });
    const deals = state().modules.get('Deals')!.records;
    const qualification = deals.filter((d) => d.Stage === 'Qualification');
    const row = res.data.rows.find((r: unknown[]) => r[0] === 'Qualification');
    const total = qualification.reduce((a, d) => a + Number(d.Amount), 0);
    expect(row).toEqual(['Qualification', qualification.length, total.toFixed(2), (total / 10).toFixed(2)]);
    expect(res.data.rows.map((r: unknown[]) => r[0]).slice(0, 3)).toEqual(['Qualification', 'Needs Analysis', 'Value Proposition']);
  });

  it('sums exactly: 0.10 + 0.20 is "0.30", and weighted totals keep every decimal', async () => {
    const own = await startCrm();
    try {
      for (const [name, amount, probability, date] of [['Dime', 0.1, 50, '2031-01-15'], ['Twenty', 0.2, 50, '2031-01-16'], ['Odd', 1234.55, 33, '2031-02-15']] as const) {
        const c = await own.json('crm_create_record', { module: 'Deals', records: [{ Deal_Name: `Exact ${name}`, Stage: 'Needs Analysis', Closing_Date: date, Account_Name: ZYLKER, Amount: amount, Probability: probability }] });
        expect(c.data.created).toBe(1);
      }
      expect(0.1 + 0.2).not.toBe(0.3);
      const january = await own.json('crm_pipeline_summary', { from: '2031-01-01', to: '2031-01-31' });
      expect(january.data.rows).toEqual([['Needs Analysis', 2, '0.30', '0.15']]);
      const res = await own.json('crm_pipeline_summary', { from: '2031-01-01', to: '2031-02-28', group_by: 'month' });
      // 1234.55 × 33 % = 407.4015: four decimals, kept.
      expect(res.data.rows).toEqual([['2031-01', 2, '0.30', '0.15'], ['2031-02', 1, '1234.55', '407.4015']]);
      expect(res.data.totals).toEqual({ deals: 3, total: '1234.85', weighted: '407.5515' });
    } finally {
      await own.close();
    }
  });

  it('by owner (names from the users) and by closing month, for a date range; open_only leaves closed deals out', async () => {
    const byOwner = await h.json('crm_pipeline_summary', { group_by: 'owner', open_only: true });
    const open = state().modules.get('Deals')!.records.filter((d) => !String(d.Stage).startsWith('Closed'));
    expect(byOwner.data.columns).toEqual(['owner', 'owner_id', 'deals', 'total', 'weighted']);
    expect(byOwner.data.totals.deals).toBe(open.length);
    const names = new Map(state().users.map((u) => [u.id, u.name]));
    for (const [name, id] of byOwner.data.rows) expect(names.get(id)).toBe(name);
    const byMonth = await h.json('crm_pipeline_summary', { group_by: 'month', from: '2025-11-01', to: '2025-11-30' });
    expect(byMonth.data.rows.map((r: unknown[]) => r[0])).toEqual(['2025-11']);
    const november = state().modules.get('Deals')!.records.filter((d) => String(d.Closing_Date).startsWith('2025-11'));
    expect(byMonth.data.totals.deals).toBe(november.length);
  });

  it('pages through the deals when the org has no COQL aggregates, with the same figures', async () => {
    const plain = await startCrm({ emulator: { apps: [createCrmEmulator({ coqlAggregates: false })] } });
    try {
      for (const input of [{}, { group_by: 'owner' }, { group_by: 'month', open_only: true }]) {
        const aggregate = await h.json('crm_pipeline_summary', input);
        const paged = await plain.json('crm_pipeline_summary', input);
        expect(paged.data.method).toBe('paged');
        expect({ ...paged.data, method: 'coql_aggregate' }).toEqual(aggregate.data);
      }
      // Refused once, the aggregate is not tried again: one COQL call per later summary.
      const before = plain.emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/coql' });
      await plain.json('crm_pipeline_summary', {});
      expect(plain.emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/coql' })).toBe(before + 1);
    } finally {
      await plain.close();
    }
  });

  it('refuses a bad date or a backwards range naming the field, sending nothing', async () => {
    const before = sent();
    const bad = await h.kit.call('crm_pipeline_summary', { from: '2025-02-30' });
    expect(bad.outcome).toBe('invalid');
    expect(bad.text).toMatch(/from.*yyyy-mm-dd/);
    const backwards = await h.kit.call('crm_pipeline_summary', { from: '2025-12-01', to: '2025-01-01' });
    expect(backwards.outcome).toBe('invalid');
    expect(backwards.text).toMatch(/"to".*before from/);
    expect((await h.kit.call('crm_pipeline_summary', { group_by: 'region' })).text).toMatch(/group_by/);
    expect(sent()).toBe(before);
  });
});

describe('crm_list_activities', () => {
  it("a record's tasks, meetings and calls, soonest first, with what they relate to", async () => {
    const res = await h.json('crm_list_activities', { record_id: ZYLKER, status: 'all' });
    expect(res.outcome).toBe('ok');
    const list = rows(res.data);
    expect(new Set(list.map((r) => r.Activity_Type))).toEqual(new Set(['Events', 'Calls']));
    for (const r of list) expect([r.What_Id?.id, r.Who_Id?.id]).toContain(ZYLKER);
    const when = list.map((r) => Date.parse(r.Start_DateTime ?? r.Call_Start_Time ?? `${r.Due_Date}T00:00:00Z`));
    expect([...when].sort((a, b) => a - b)).toEqual(when);
    expect(list[0]!.What_Id).toEqual({ name: 'Zylker Corp', id: ZYLKER });
  });

  it('overdue: open tasks due before today; upcoming: open tasks due later and meetings still to come', async () => {
    const overdue = rows((await h.json('crm_list_activities', { status: 'overdue', per_page: 100 })).data);
    const today = new Date().toISOString().slice(0, 10);
    expect(overdue.length).toBeGreaterThan(0);
    for (const t of overdue) {
      expect(t.Activity_Type).toBe('Tasks');
      expect(t.Due_Date < today).toBe(true);
      expect(t.Status).not.toBe('Completed');
    }
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const day = soon.toISOString().slice(0, 10);
    await h.json('crm_create_record', { module: 'Tasks', records: [{ Subject: 'Upcoming review', Due_Date: day, What_Id: ZYLKER, $se_module: 'Accounts' }] });
    await h.json('crm_create_record', { module: 'Events', records: [{ Event_Title: 'Upcoming workshop', Start_DateTime: `${day}T15:00:00+00:00`, End_DateTime: `${day}T16:00:00+00:00`, What_Id: ZYLKER, $se_module: 'Accounts' }] });
    const upcoming = rows((await h.json('crm_list_activities', { status: 'upcoming', record_id: ZYLKER })).data);
    expect(upcoming.map((r) => r.Subject ?? r.Event_Title)).toEqual(['Upcoming review', 'Upcoming workshop']);
    const tasksOnly = rows((await h.json('crm_list_activities', { status: 'upcoming', record_id: ZYLKER, types: ['Tasks'] })).data);
    expect(tasksOnly.map((r) => r.Subject)).toEqual(['Upcoming review']);
  });

  it("an owner's activities in a date window, paged to the end without repeats", async () => {
    const owner = '4150868000000225014';
    const seen: string[] = [];
    let page = 1;
    for (;;) {
      const res = await h.json('crm_list_activities', { owner_id: owner, status: 'all', from: '2025-01-01', to: '2025-12-31', per_page: 2, page });
      for (const r of rows(res.data)) {
        expect(r.Owner.id).toBe(owner);
        seen.push(r.id);
      }
      if (!res.data.next_page) break;
      page = res.data.next_page;
    }
    const expected = ['Tasks', 'Events', 'Calls'].flatMap((m) =>
      state().modules.get(m)!.records.filter((r) => (r.Owner as { id: string }).id === owner && String(r.Due_Date ?? r.Start_DateTime ?? r.Call_Start_Time).startsWith('2025')),
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(expected.map((r) => r.id)));
    expect(page).toBeGreaterThan(1);
  });

  it('refuses bad input naming the field, sending nothing', async () => {
    const before = sent();
    expect((await h.kit.call('crm_list_activities', { status: 'late' })).text).toMatch(/status/);
    expect((await h.kit.call('crm_list_activities', { record_id: 4150868000000100000 as unknown as string })).text).toMatch(/record_id/);
    expect((await h.kit.call('crm_list_activities', { types: ['Emails'] })).text).toMatch(/types/);
    expect((await h.kit.call('crm_list_activities', { per_page: 500 })).text).toMatch(/per_page/);
    expect((await h.kit.call('crm_list_activities', { from: '2025-12-01', to: '2025-11-01' })).text).toMatch(/"to".*before from/);
    expect(sent()).toBe(before);
  });
});

describe('crm_list_notes and crm_add_note', () => {
  it("lists a record's notes newest first and adds one after confirmation", async () => {
    const listed = await h.json('crm_list_notes', { module: 'Accounts', id: ZYLKER });
    expect(listed.data.columns.slice(0, 3)).toEqual(['id', 'Note_Title', 'Note_Content']);
    const before = rows(listed.data);
    expect(before.length).toBe(2);
    const added = await h.json('crm_add_note', { module: 'Accounts', id: ZYLKER, title: 'Renewal', content: 'Renewal signed for another year.' });
    expect(added.outcome).toBe('ok');
    expect(added.data).toEqual({ id: expect.stringMatching(/^\d{19}$/), status: 'added' });
    expect(h.confirmations[0]).toMatchObject({ tool: 'crm_add_note', access: 'write', payload: { data: [{ Note_Title: 'Renewal', Note_Content: 'Renewal signed for another year.', Parent_Id: { module: { api_name: 'Accounts' }, id: ZYLKER } }] } });
    expect(h.confirmations[0]!.summary).toContain('Zylker Corp');
    const after = rows((await h.json('crm_list_notes', { module: 'Accounts', id: ZYLKER })).data);
    expect(after[0]).toMatchObject({ id: added.data.id, Note_Title: 'Renewal', Note_Content: 'Renewal signed for another year.', Owner: { name: 'Maya Ortiz' } });
    expect(after).toHaveLength(3);
  });

  it('pages a long list of notes to the end', async () => {
    const deal = state().modules.get('Deals')!.records[3]!;
    for (let i = 0; i < 5; i++) expect((await h.json('crm_add_note', { module: 'Deals', id: deal.id, content: `Note ${i}` })).outcome).toBe('ok');
    const seen = new Set<string>();
    let page = 1;
    for (;;) {
      const res = await h.json('crm_list_notes', { module: 'Deals', id: deal.id, per_page: 2, page });
      for (const n of rows(res.data)) seen.add(n.id);
      if (!res.data.next_page) break;
      page = res.data.next_page;
    }
    expect(seen.size).toBe(state().notes.filter((n) => n.parent.id === deal.id).length);
  });

  it('a refused note sends nothing; an empty or oversized note and an unknown record are refused naming the field', async () => {
    h.answer.value = false;
    const notes = sent('POST /crm/v8/Notes');
    const refused = await h.kit.call('crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'Not today.' });
    expect(refused.outcome).toBe('refused');
    expect(refused.text).toContain('Nothing was sent to Zoho');
    expect(sent('POST /crm/v8/Notes')).toBe(notes);
    h.answer.value = true;
    const empty = await h.kit.call('crm_add_note', { module: 'Accounts', id: ZYLKER, content: '   ' });
    expect(empty.outcome).toBe('invalid');
    expect(empty.text).toMatch(/content.*needs some text/);
    const long = await h.kit.call('crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'x'.repeat(32_001) });
    expect(long.text).toMatch(/content/);
    const unknown = await h.kit.call('crm_add_note', { module: 'Accounts', id: '4150868000999999999', content: 'Lost note' });
    expect(unknown.outcome).toBe('invalid');
    expect(unknown.text).toMatch(/id.*no Accounts record has id 4150868000999999999/);
    expect(sent('POST /crm/v8/Notes')).toBe(notes);
    expect(h.confirmations).toHaveLength(1);
  });
});

describe('crm_get_related_records', () => {
  it("an account's contacts and deals and a contact's deals, with the list names read from the metadata", async () => {
    const metadata = sent('GET /crm/v8/settings/related_lists');
    const contacts = await h.json('crm_get_related_records', { module: 'Accounts', id: ZYLKER, related_list: 'Contacts' });
    expect(contacts.data.related_list).toBe('Contacts');
    const people = rows(contacts.data);
    expect(new Set(people.map((p) => p.id))).toEqual(new Set(state().modules.get('Contacts')!.records.filter((c) => (c.Account_Name as { id: string } | null)?.id === ZYLKER).map((c) => c.id)));
    const deals = rows((await h.json('crm_get_related_records', { module: 'Accounts', id: ZYLKER, related_list: 'deals' })).data);
    expect(deals.every((d) => d.Account_Name.id === ZYLKER)).toBe(true);
    const bobsDeals = rows((await h.json('crm_get_related_records', { module: 'Contacts', id: BOB, related_list: 'Deals', fields: ['Deal_Name', 'Stage'] })).data);
    expect(bobsDeals.length).toBeGreaterThan(0);
    expect(Object.keys(bobsDeals[0]!).sort()).toEqual(['Deal_Name', 'Stage', 'id']);
    // Related-list metadata is read once per module and cached.
    expect(sent('GET /crm/v8/settings/related_lists')).toBe(metadata + 2);
  });

  it("a record's activities by the label a person uses", async () => {
    const res = await h.json('crm_get_related_records', { module: 'Contacts', id: BOB, related_list: 'Open Activities' });
    expect(res.data.related_list).toBe('Activities');
    expect(rows(res.data).every((a) => ['Tasks', 'Events', 'Calls'].includes(a.Activity_Type))).toBe(true);
  });

  it('an unknown list is answered with the record’s list names; a misspelt field with the closest names', async () => {
    const lists = await h.kit.call('crm_get_related_records', { module: 'Accounts', id: ZYLKER, related_list: 'Contactz' });
    expect(lists.outcome).toBe('invalid');
    expect(lists.text).toMatch(/related_list.*Accounts has no related list "Contactz"; did you mean "Contacts"\?.*Its related lists: Notes, Contacts, Deals, Activities, Attachments, Retainers/);
    const related = sent('GET /crm/:version/:module/:id/:related');
    const field = await h.kit.call('crm_get_related_records', { module: 'Accounts', id: ZYLKER, related_list: 'Deals', fields: ['Deal_Nmae'] });
    expect(field.text).toMatch(/fields\[0\].*Deals has no field "Deal_Nmae"; did you mean "Deal_Name"/);
    expect(sent('GET /crm/:version/:module/:id/:related')).toBe(related);
  });

  it('an unknown record id is Zoho’s error, readable', async () => {
    const res = await h.kit.call('crm_get_related_records', { module: 'Accounts', id: '4150868000999999999', related_list: 'Contacts' });
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('INVALID_DATA');
  });
});

describe('crm_convert_lead', () => {
  const lead = (n: number) => state().modules.get('Leads')!.records[n]!;

  it('converts into a new contact and account and a deal; the confirmation shows what will be created', async () => {
    const l = lead(10);
    const res = await h.json('crm_convert_lead', { id: l.id, deal: { Deal_Name: 'Website refresh', Stage: 'qualification', Closing_Date: '2026-09-30', Amount: '18000' } });
    expect(res.outcome).toBe('ok');
    const c = h.confirmations[0]!;
    expect(c.summary).toMatch(new RegExp(`Convert lead .*\\(${l.id}\\): create contact ${String(l.First_Name)} ${String(l.Last_Name)} <${String(l.Email).replace('.', '\\.')}>; create account ${String(l.Company)}; create deal Website refresh \\(Qualification\\)`));
    expect(c.after).toEqual({ Contacts: `new: ${String(l.First_Name)} ${String(l.Last_Name)}`, Accounts: `new: ${String(l.Company)}`, Deals: 'new: Website refresh' });
    expect(c.payload).toEqual({ data: [{ Deals: { Deal_Name: 'Website refresh', Stage: 'Qualification', Closing_Date: '2026-09-30', Amount: 18000 } }] });
    const contact = state().modules.get('Contacts')!.byId.get(res.data.contact.id)!;
    const account = state().modules.get('Accounts')!.byId.get(res.data.account.id)!;
    const deal = state().modules.get('Deals')!.byId.get(res.data.deal.id)!;
    expect(contact).toMatchObject({ Last_Name: l.Last_Name, Email: l.Email, Account_Name: { id: account.id } });
    expect(account.Account_Name).toBe(l.Company);
    expect(deal).toMatchObject({ Deal_Name: 'Website refresh', Account_Name: { id: account.id }, Contact_Name: { id: contact.id } });
    expect(l).toMatchObject({ Converted__s: true, Converted_Contact: { id: contact.id }, Converted_Account: { id: account.id }, Converted_Deal: { id: deal.id } });
    // A converted lead leaves the Leads list, and cannot be converted twice.
    const search = await h.json('crm_search', { module: 'Leads', email: String(l.Email) });
    expect(search.data).toEqual({ columns: [], rows: [] });
    const again = await h.kit.call('crm_convert_lead', { id: l.id });
    expect(again.outcome).toBe('invalid');
    expect(again.text).toMatch(/id.*already converted/);
  });

  it('links an existing account and an existing contact', async () => {
    const l = lead(11);
    const accounts = state().modules.get('Accounts')!.records.length;
    const res = await h.json('crm_convert_lead', { id: l.id, account_id: ZYLKER, contact_id: BOB });
    expect(h.confirmations[0]!.summary).toMatch(/add to existing contact Bob Burns \(4150868000000100001\); link existing account Zylker Corp \(4150868000000100000\)/);
    expect(h.confirmations[0]!.after).toEqual({ Contacts: { id: BOB, name: 'Bob Burns' }, Accounts: { id: ZYLKER, name: 'Zylker Corp' } });
    expect(res.data).toEqual({ status: 'converted', contact: { name: 'Bob Burns', id: BOB }, account: { name: 'Zylker Corp', id: ZYLKER } });
    expect(state().modules.get('Accounts')!.records.length).toBe(accounts);
  });

  it("the lead's notes follow it to the contact", async () => {
    const l = state().modules.get('Leads')!.records.at(-1)!;
    const notes = state().notes.filter((n) => n.parent.id === l.id).map((n) => n.id);
    expect(notes.length).toBeGreaterThan(0);
    const res = await h.json('crm_convert_lead', { id: l.id });
    const contactNotes = rows((await h.json('crm_list_notes', { module: 'Contacts', id: res.data.contact.id })).data).map((n) => n.id);
    expect(contactNotes.sort()).toEqual(notes.sort());
  });

  it('a refused conversion sends nothing; a deal without Stage, an unknown account or lead are refused naming the field', async () => {
    const l = lead(12);
    h.answer.value = false;
    const before = writes();
    const refused = await h.kit.call('crm_convert_lead', { id: l.id });
    expect(refused.outcome).toBe('refused');
    expect(l.Converted__s).not.toBe(true);
    h.answer.value = true;
    const noStage = await h.kit.call('crm_convert_lead', { id: l.id, deal: { Deal_Name: 'Half', Closing_Date: '2026-01-01' } });
    expect(noStage.outcome).toBe('invalid');
    expect(noStage.text).toMatch(/deal\.Stage.*a deal needs Deal_Name, Stage, Closing_Date; missing Stage/);
    const badStage = await h.kit.call('crm_convert_lead', { id: l.id, deal: { Deal_Name: 'Half', Stage: 'Won-ish', Closing_Date: '2026-01-01' } });
    expect(badStage.text).toMatch(/deal\.Stage.*has no value "Won-ish"/);
    const account = await h.kit.call('crm_convert_lead', { id: l.id, account_id: '4150868000999999999' });
    expect(account.text).toMatch(/account_id.*no account has id/);
    const unknown = await h.kit.call('crm_convert_lead', { id: '4150868000999999999' });
    expect(unknown.text).toMatch(/id.*no lead has id/);
    const owner = await h.kit.call('crm_convert_lead', { id: l.id, owner_id: '4150868000999999999' });
    expect(owner.text).toMatch(/owner_id.*no user has id.*Maya Ortiz/);
    expect(writes()).toBe(before);
    expect(h.confirmations).toHaveLength(1);
  });
});

describe('the emulated conversion scopes', () => {
  it('a token that may update leads but not create contacts cannot convert; the lead is unchanged', async () => {
    const lead = state().modules.get('Leads')!.records[30]!;
    const convert = (scopes: string[]) =>
      request(`${h.emu.url}/crm/v8/Leads/${lead.id}/actions/convert`, {
        method: 'POST',
        headers: { authorization: `Zoho-oauthtoken ${h.emu.accounts.issueAccessToken(h.emu.accounts.issueRefreshToken({ scopes }))}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: [{}] }),
      });
    const narrow = await convert(['ZohoCRM.modules.leads.UPDATE']);
    expect(narrow.statusCode).toBe(401);
    expect(await narrow.body.json()).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
    expect(lead.Converted__s).not.toBe(true);
    const none = await convert(['ZohoCRM.modules.contacts.CREATE', 'ZohoCRM.modules.accounts.CREATE']);
    expect(none.statusCode).toBe(401);
    await none.body.dump();
    const enough = await convert(['ZohoCRM.modules.leads.UPDATE', 'ZohoCRM.modules.contacts.CREATE', 'ZohoCRM.modules.accounts.CREATE']);
    expect(enough.statusCode).toBe(200);
    await enough.body.dump();
    expect(lead.Converted__s).toBe(true);
  });
});

describe('crm_upsert_record', () => {
  it('inserts when no record has the duplicate-check value, saying so before and after', async () => {
    const res = await h.json('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Hopper', Company: 'Navy Labs', Email: 'grace@navy-labs.example' } });
    expect(h.confirmations[0]!.summary).toBe('Upsert Leads by Email: insert Hopper, Navy Labs (no existing record matches)');
    expect(h.confirmations[0]!.payload).toEqual({ data: [{ Last_Name: 'Hopper', Company: 'Navy Labs', Email: 'grace@navy-labs.example' }], duplicate_check_fields: ['Email'] });
    expect(res.data).toEqual({ action: 'insert', id: expect.stringMatching(/^\d{19}$/) });
    expect(state().modules.get('Leads')!.byId.get(res.data.id)).toMatchObject({ Email: 'grace@navy-labs.example' });
  });

  it('updates the record the duplicate-check field finds, with before → after of what changes', async () => {
    const contact = state().modules.get('Contacts')!.records.find((c) => c.Last_Name === 'Chen')!;
    const res = await h.json('crm_upsert_record', { module: 'Contacts', record: { Email: String(contact.Email).toUpperCase(), Last_Name: 'Chen', Title: 'Chief Financial Officer' } });
    // An email differing only in case is the same email: only Title changes.
    expect(h.confirmations[0]).toMatchObject({ summary: `Upsert Contacts by Email: update Amelia Chen (${contact.id}): Title`, before: { Title: 'CFO' }, after: { Title: 'Chief Financial Officer' } });
    expect(res.data).toEqual({ action: 'update', id: contact.id, duplicate_field: 'Email', changed: ['Title'] });
    expect(contact.Title).toBe('Chief Financial Officer');
  });

  it('takes other duplicate-check fields, in order', async () => {
    const res = await h.json('crm_upsert_record', { module: 'Accounts', record: { Account_Name: 'Zylker Corp', Phone: '+1 512 555 0999' }, duplicate_check_fields: ['Account_Name'] });
    expect(res.data).toMatchObject({ action: 'update', id: ZYLKER, duplicate_field: 'Account_Name' });
  });

  it('refuses before asking: no duplicate-check value, a missing mandatory field on insert, no change, several matches, a misspelt field', async () => {
    const before = writes();
    const noKey = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Nobody', Company: 'X' } });
    expect(noKey.outcome).toBe('invalid');
    expect(noKey.text).toMatch(/record\.Email.*give Email: the upsert finds the existing Leads record by it/);
    const mandatory = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'NoCompany', Email: 'nocompany@example.com' } });
    expect(mandatory.text).toMatch(/record\.Company.*this inserts one.*missing Company/);
    const same = await h.kit.call('crm_upsert_record', { module: 'Contacts', record: { Email: 'bob.burns@zylker.example', Last_Name: 'Burns' } });
    expect(same.text).toMatch(/record.*already has these values/);
    await h.json('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Twin', Company: 'A', Email: 'twin@dup.example' }, { Last_Name: 'Twin', Company: 'B', Email: 'twin@dup.example' }] });
    const ambiguous = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Twin', Company: 'C', Email: 'twin@dup.example' } });
    expect(ambiguous.text).toMatch(/record\.Email.*several Leads records have Email "twin@dup\.example": Twin, [AB] \(\d+\); Twin, [AB] \(\d+\)/);
    const misspelt = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'X', Company: 'Y', Emial: 'x@y.example' } });
    expect(misspelt.text).toMatch(/record\.Emial.*did you mean "Email"/);
    const field = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'X', Company: 'Y', Email: 'x@y.example' }, duplicate_check_fields: ['Phon'] });
    expect(field.text).toMatch(/duplicate_check_fields.*no field "Phon"/);
    expect(writes()).toBe(before + 1);
    expect(h.confirmations.map((c) => c.tool)).toEqual(['crm_create_record']);
  });

  it('a refused upsert sends nothing', async () => {
    h.answer.value = false;
    const before = sent('POST /crm/v8/Leads/upsert');
    const res = await h.kit.call('crm_upsert_record', { module: 'Leads', record: { Last_Name: 'Shy', Company: 'Quiet Co', Email: 'shy@quiet.example' } });
    expect(res.outcome).toBe('refused');
    expect(sent('POST /crm/v8/Leads/upsert')).toBe(before);
    expect(state().modules.get('Leads')!.records.some((r) => r.Email === 'shy@quiet.example')).toBe(false);
  });
});

describe('strict inputs of the new tools', () => {
  it.each([
    ['crm_list_notes', { module: 'Accounts', id: 'zylker' }, /"id"|id:/],
    ['crm_list_attachments', { module: 'Accounts ', id: ZYLKER }, /module/],
    ['crm_get_related_records', { module: 'Accounts', id: ZYLKER, related_list: 'Contacts', page: 0 }, /page/],
    ['crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: 123 }, /attachment_id/],
    ['crm_add_note', { module: 'Accounts', id: ZYLKER, content: 'x', colour: 'red' }, /unknown field "colour"/],
    ['crm_convert_lead', { id: '4150868000000100070', deal: { Deal_Name: 'D', Stage: 'Qualification', Closing_Date: '31/12/2026' } }, /deal\.Closing_Date.*yyyy-mm-dd/],
    ['crm_upsert_record', { module: 'Leads', record: { Last_Name: 'L', Company: 'C', Email: 'not-an-email' } }, /record\.Email.*email address/],
    ['crm_upload_attachment', { module: 'Deals', id: '4150868000000100019', path: '' }, /path/],
    ['crm_pipeline_summary', { group_by: 'stage', currency: 'EUR' }, /unknown field "currency"/],
  ])('%s refuses %j naming the field, sending no write and asking nothing', async (tool, input, message) => {
    const before = writes();
    const res = await h.kit.call(tool, input);
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(message);
    expect(writes()).toBe(before);
    expect(h.confirmations).toHaveLength(0);
  });
});
