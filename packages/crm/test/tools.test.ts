import { fromTable, type RecordTable } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';

/** The records of a table result. */
const rows = (data: RecordTable): Record<string, any>[] => fromTable(data);

let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm();
});
afterAll(() => h.close());
beforeEach(() => {
  h.answer.value = true;
  h.confirmations.length = 0;
});

const crmRequests = (route?: string) => h.emu.counters.requests({ app: 'crm', ...(route ? { route } : {}) });

describe('crm_search', () => {
  it('finds by structured criteria: a table with id first, lookups spread into name/id, no system noise', async () => {
    const res = await h.json('crm_search', { module: 'Contacts', criteria: [{ field: 'Last_Name', operator: 'equals', value: 'Burns' }] });
    expect(res.outcome).toBe('ok');
    expect(res.data.columns.slice(0, 3)).toEqual(['id', 'First_Name', 'Last_Name']);
    expect(res.data.columns).toEqual(expect.arrayContaining(['Account_Name.name', 'Account_Name.id', 'Owner.name', 'Owner.id']));
    expect(res.data.rows).toHaveLength(1);
    const [bob] = rows(res.data);
    expect(bob).toMatchObject({ First_Name: 'Bob', Last_Name: 'Burns', Account_Name: { name: 'Zylker Corp', id: expect.stringMatching(/^\d{19}$/) } });
    expect(bob!.id).toMatch(/^\d{19}$/);
    expect(res.text).not.toMatch(/"\$|null|Created_By|Created_Time|Locked__s|"Tag"|"records"/);
  });

  it('refuses a misspelt criteria or fields name with the closest names, before searching', async () => {
    const searches = () => crmRequests('GET /crm/:version/:module/search');
    const before = searches();
    const criteria = await h.kit.call('crm_search', { module: 'Contacts', criteria: [{ field: 'Last_Nmae', operator: 'equals', value: 'Burns' }] });
    expect(criteria.outcome).toBe('invalid');
    expect(criteria.text).toMatch(/criteria\[0\]\.field.*Contacts has no field "Last_Nmae"; did you mean "Last_Name"/);
    const raw = await h.kit.call('crm_search', { module: 'Contacts', criteria: '((Last_Name:equals:Burns)and(Emial:equals:x))' });
    expect(raw.text).toMatch(/no field "Emial"; did you mean "Email"/);
    const fields = await h.kit.call('crm_search', { module: 'Contacts', word: 'Burns', fields: ['Last_Name', 'Titel'] });
    expect(fields.text).toMatch(/fields\[1\].*no field "Titel"; did you mean "Title"/);
    expect(searches()).toBe(before);
  });

  it('round-trips a value containing ( ) , and \\ through escaping', async () => {
    const company = 'Burns, Bob (Jr.) \\ Sons';
    const created = await h.json('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Escapist', Company: company }] });
    expect(created.data.created).toBe(1);
    const found = await h.json('crm_search', { module: 'Leads', criteria: [{ field: 'Company', operator: 'equals', value: company }] });
    expect(found.outcome).toBe('ok');
    expect(rows(found.data).map((r) => r.Company)).toEqual([company]);
    // The same value pre-escaped in a raw criteria string finds it too.
    const raw = await h.json('crm_search', { module: 'Leads', criteria: '(Company:equals:Burns\\, Bob \\(Jr.\\) \\\\ Sons)' });
    expect(rows(raw.data)[0]!.Last_Name).toBe('Escapist');
  });

  it('searches by email, phone and word and pages with next_page', async () => {
    const byEmail = await h.json('crm_search', { module: 'Contacts', email: 'grace.hopper@bluebird-logistics.example' });
    expect(rows(byEmail.data)[0]!.Last_Name).toBe('Hopper');
    const byPhone = await h.json('crm_search', { module: 'Contacts', phone: '312 555 0122' });
    expect(rows(byPhone.data)[0]!.Last_Name).toBe('Rivera');
    const page1 = await h.json('crm_search', { module: 'Leads', word: 'zylker', per_page: 5 });
    expect(page1.data.rows).toHaveLength(5);
    expect(page1.data.next_page).toBe(2);
    const page2 = await h.json('crm_search', { module: 'Leads', word: 'zylker', per_page: 5, page: 2 });
    expect(rows(page2.data)[0]!.id).not.toBe(rows(page1.data)[0]!.id);
  });

  it('combines conditions with or, in and between', async () => {
    const res = await h.json('crm_search', {
      module: 'Deals',
      criteria: [
        { field: 'Stage', operator: 'in', value: ['Closed Won', 'Closed Lost'] },
        { field: 'Amount', operator: 'between', value: [0, 1_000_000] },
      ],
    });
    expect(res.data.rows.length).toBeGreaterThan(0);
    for (const d of rows(res.data)) expect(['Closed Won', 'Closed Lost']).toContain(d.Stage);
  });

  it('needs exactly one of criteria/email/phone/word, without sending anything', async () => {
    const before = crmRequests();
    const none = await h.kit.call('crm_search', { module: 'Leads' });
    const two = await h.kit.call('crm_search', { module: 'Leads', email: 'a@b.co', word: 'x1' });
    expect(none.outcome).toBe('invalid');
    expect(two.text).toContain('exactly one of criteria, email, phone or word');
    const match = await h.kit.call('crm_search', { module: 'Leads', word: 'Zylker', match: 'or' });
    expect(match.text).toMatch(/field "match": match combines a list of criteria conditions/);
    expect(crmRequests()).toBe(before);
  });

  it('reports an empty result (204) as zero records', async () => {
    const res = await h.json('crm_search', { module: 'Leads', word: 'no-such-word-anywhere' });
    expect(res.data).toEqual({ columns: [], rows: [] });
  });
});

describe('crm_list_records', () => {
  it('pages past 2,000 records with page_token after the page wall', async () => {
    const seen = new Set<string>();
    let input: Record<string, unknown> = { module: 'Leads', per_page: 200, fields: ['Last_Name'], sort_by: 'id', sort_order: 'asc' };
    let pages = 0;
    for (;;) {
      const res = await h.json('crm_list_records', input);
      expect(res.outcome).toBe('ok');
      for (const r of rows(res.data)) seen.add(r.id);
      pages++;
      if (res.data.next_page) input = { ...input, page: res.data.next_page };
      else if (res.data.next_page_token) {
        expect(pages).toBe(10); // page 10 × 200 = 2,000: the wall
        const { page: _page, ...rest } = input;
        input = { ...rest, page_token: res.data.next_page_token };
      } else break;
    }
    const leads = h.emu.state<CrmState>('crm').modules.get('Leads')!.records.length;
    expect(leads).toBeGreaterThan(2000);
    expect(seen.size).toBe(leads);
    expect(pages).toBe(Math.ceil(leads / 200));
  });

  it('refuses page beyond the wall before sending, naming page_token', async () => {
    const before = crmRequests();
    const res = await h.kit.call('crm_list_records', { module: 'Leads', page: 11, per_page: 200 });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('page_token');
    expect(crmRequests()).toBe(before);
  });

  it('lists every business field by default (usual columns first), custom modules too, and the sort time when sorted by it', async () => {
    const deals = await h.json('crm_list_records', { module: 'Deals', per_page: 3, sort_by: 'Modified_Time' });
    expect(deals.data.columns.slice(0, 5)).toEqual(['id', 'Deal_Name', 'Stage', 'Amount', 'Closing_Date']);
    expect(deals.data.columns).toEqual(expect.arrayContaining(['Account_Name.name', 'Account_Name.id', 'Type', 'Lead_Source', 'Modified_Time']));
    expect(deals.data.columns).not.toContain('Created_Time');
    const times = rows(deals.data).map((d) => Date.parse(d.Modified_Time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const retainers = await h.json('crm_list_records', { module: 'Retainers' });
    expect(retainers.data.columns).toEqual(expect.arrayContaining(['Name', 'Monthly_Fee', 'Hours_Included', 'Account.name', 'Retainer_Status']));
    expect(h.emu.counters.requests({ app: 'crm', route: 'GET /crm/v8/settings/fields' })).toBeGreaterThan(0);
  });

  it('refuses a misspelt name in fields with the closest names, listing nothing', async () => {
    const lists = () => crmRequests('GET /crm/:version/:module');
    const before = lists();
    const res = await h.kit.call('crm_list_records', { module: 'Leads', fields: ['Last_Name', 'Compnay'] });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/fields\[1\].*Leads has no field "Compnay"; did you mean "Company"/);
    expect(lists()).toBe(before);
  });

  it('raw:true returns Zoho JSON (data + info, nulls and all)', async () => {
    const res = await h.json('crm_list_records', { module: 'Accounts', per_page: 2, raw: true, fields: ['Account_Name', 'Description', 'Parent_Account'] });
    expect(res.data.info).toMatchObject({ per_page: 2, count: 2, page: 1, more_records: true, sort_by: 'id', sort_order: 'desc' });
    expect(res.data.data[0]).toHaveProperty('Parent_Account', null);
  });
});

describe('crm_get_record', () => {
  it('returns every business field and hides system noise', async () => {
    const acme = h.emu.state<CrmState>('crm').modules.get('Accounts')!.records.find((r) => r.Account_Name === 'Acme Widgets')!;
    const res = await h.json('crm_get_record', { module: 'Accounts', id: acme.id });
    expect(res.data).toMatchObject({ id: acme.id, Account_Name: 'Acme Widgets', Billing_City: 'Denver', Industry: 'Retail', Owner: { name: expect.any(String), id: expect.stringMatching(/^\d{19}$/) } });
    expect(res.text).not.toMatch(/\$approval|\$currency_symbol|Locked__s|Created_By|Modified_Time|null/);
    // Audit fields named in fields are shown.
    const audit = await h.json('crm_get_record', { module: 'Accounts', id: acme.id, fields: ['Account_Name', 'Created_Time', 'Modified_By'] });
    expect(audit.data).toEqual({ Account_Name: 'Acme Widgets', Created_Time: acme.Created_Time, Modified_By: { name: expect.any(String), id: expect.any(String) }, id: acme.id });
    const raw = await h.json('crm_get_record', { module: 'Accounts', id: acme.id, raw: true });
    // raw is Zoho's own body for GET /Accounts/{id}: {data:[record]} with every `$`-key.
    expect(raw.data.data[0]).toHaveProperty('$currency_symbol', '$');
  });

  it('explains an unknown id (Zoho 400 INVALID_DATA)', async () => {
    const res = await h.kit.call('crm_get_record', { module: 'Accounts', id: '4150868000999999999' });
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('INVALID_DATA');
    expect(res.text).toContain('the id given seems to be invalid');
  });

  it('explains an unknown module', async () => {
    const res = await h.kit.call('crm_get_record', { module: 'Widgets', id: '4150868000000000001' });
    expect(res.text).toContain('INVALID_MODULE');
  });
});

describe('crm_create_record', () => {
  it('checks mandatory fields before sending anything', async () => {
    const before = crmRequests();
    const res = await h.kit.call('crm_create_record', { module: 'Deals', records: [{ Deal_Name: 'No stage', Amount: 1000 }] });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('Stage');
    expect(res.text).toMatch(/(Nothing|No change) was sent/);
    expect(crmRequests()).toBe(before);
    expect(h.confirmations).toHaveLength(0);
    const lead = await h.kit.call('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'Only' }] });
    expect(lead.text).toContain('Company');
    expect(crmRequests()).toBe(before);
  });

  it('refuses unknown field names with suggestions (nothing written)', async () => {
    const posts = crmRequests('POST /crm/v8/Leads');
    const res = await h.kit.call('crm_create_record', { module: 'Leads', records: [{ Last_Name: 'A', Company: 'B', EmailAddress: 'a@b.co' }] });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/no field "EmailAddress".*Email/);
    expect(crmRequests('POST /crm/v8/Leads')).toBe(posts);
  });

  it('reports a 207 partial failure per record', async () => {
    // A lookup to an id that does not exist is something only Zoho can know.
    const res = await h.json('crm_create_record', {
      module: 'Contacts',
      records: [
        { First_Name: 'Ok', Last_Name: 'Person', Email: 'ok.person@example.com' },
        { First_Name: 'Bad', Last_Name: 'Account', Account_Name: { id: '4150868000999999999' } },
      ],
    });
    expect(res.outcome).toBe('ok');
    expect(res.data).toMatchObject({ created: 1, failed: 1 });
    expect(res.data.results[0]).toMatchObject({ index: 0, status: 'ok' });
    expect(res.data.results[1]).toMatchObject({ index: 1, status: 'failed', code: 'INVALID_DATA', api_name: 'Account_Name', json_path: '$.data[1].Account_Name' });
    expect(h.emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/Contacts', status: 207 })).toBe(1);
    expect(h.confirmations[0]!.summary).toContain('Create 2 Contacts records');
  });

  it('creates a deal linked to an account given by bare id', async () => {
    const zylker = h.emu.state<CrmState>('crm').modules.get('Accounts')!.records.find((r) => r.Account_Name === 'Zylker Corp')!;
    const res = await h.json('crm_create_record', {
      module: 'Deals',
      records: [{ Deal_Name: 'Zylker — Annual report', Stage: 'Qualification', Closing_Date: '2026-06-30', Account_Name: zylker.id, Amount: 12000 }],
    });
    expect(res.data.created).toBe(1);
    const deal = await h.json('crm_get_record', { module: 'Deals', id: res.data.results[0].id });
    expect(deal.data.Account_Name).toEqual({ name: 'Zylker Corp', id: zylker.id });
  });

  it('a refused confirmation sends nothing', async () => {
    h.answer.value = false;
    const posts = crmRequests('POST /crm/v8/**');
    const res = await h.kit.call('crm_create_record', { module: 'Tasks', records: [{ Subject: 'Never' }] });
    expect(res.outcome).toBe('refused');
    expect(res.text).toContain('Nothing was sent');
    expect(crmRequests('POST /crm/v8/**')).toBe(posts);
  });
});

describe('values are checked against the field metadata before the person is asked', () => {
  const create = (module: string, record: Record<string, unknown>) => h.kit.call('crm_create_record', { module, records: [record] });
  const lead = { Last_Name: 'Checked', Company: 'Validation Works' };

  it.each([
    ['a picklist value that does not exist', { Lead_Status: 'Banana' }, /records\[0\]\.Lead_Status.*Leads\.Lead_Status \(picklist\) has no value "Banana"\. Valid values: "Attempted to Contact", "Contact in Future"/],
    ['text for an integer', { No_of_Employees: 'lots' }, /Leads\.No_of_Employees \(integer\) takes a whole number, not "lots"/],
    ['an integer over the field length', { No_of_Employees: 1_234_567_890 }, /No_of_Employees \(integer\) takes at most 9 digits/],
    ['a number that is not one', { Annual_Revenue: '12k' }, /Leads\.Annual_Revenue \(currency\) takes a number, not "12k"/],
    ['a malformed email', { Email: 'not-an-email' }, /Leads\.Email \(email\) needs an email address like name@example\.com, not "not-an-email"/],
    ['a phone with no digits', { Phone: 'call me' }, /Leads\.Phone \(phone\) needs a phone number/],
    ['a phone as a JSON number', { Phone: 5550101 }, /takes the number as a string/],
    ['a website with spaces', { Website: 'our site' }, /Leads\.Website \(website\) needs a web address like https:\/\/example\.com/],
    ['a boolean as a word', { Email_Opt_Out: 'yes' }, /Leads\.Email_Opt_Out \(boolean\) takes true or false, not "yes"/],
    ['a text over its length', { First_Name: 'A'.repeat(41) }, /Leads\.First_Name \(text\) takes at most 40 characters; got 41/],
    ['a many-valued picklist, listed shortened', { Industry: 'Knitting' }, /Valid values: "Agriculture".*… \(5 more; crm_describe_module lists them\)/],
  ])('refuses %s, sending and asking nothing', async (_label, values, message) => {
    const before = crmRequests('POST /crm/v8/**');
    const res = await create('Leads', { ...lead, ...values });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(message);
    expect(res.text).toContain('No change was sent to Zoho');
    expect(h.confirmations).toHaveLength(0);
    expect(crmRequests('POST /crm/v8/**')).toBe(before);
  });

  it('refuses dates and date-times in the wrong shape', async () => {
    const deal = { Deal_Name: 'Dated', Stage: 'Qualification', Account_Name: '4150868000000100000' };
    expect((await create('Deals', { ...deal, Closing_Date: '31/03/2026' })).text).toMatch(/Deals\.Closing_Date \(date\) takes a date as "yyyy-mm-dd"/);
    expect((await create('Deals', { ...deal, Closing_Date: '2026-02-30' })).text).toMatch(/takes a date as "yyyy-mm-dd"/);
    const event = { Event_Title: 'Timed', End_DateTime: '2026-03-31T16:00:00-05:00' };
    expect((await create('Events', { ...event, Start_DateTime: '2026-03-31 15:00' })).text).toMatch(/Events\.Start_DateTime \(datetime\) takes a date-time with its offset, e\.g\. "2026-03-31T15:00:00-05:00"/);
    expect(h.confirmations).toHaveLength(0);
  });

  it('brings values Zoho would read the same to its form, and shows that in the confirmation', async () => {
    h.answer.value = false;
    await create('Leads', { ...lead, Lead_Status: 'not contacted', No_of_Employees: '250', Email_Opt_Out: 'false', Owner: '4150868000000225013' });
    await create('Events', { Event_Title: 'Zulu', Start_DateTime: '2026-03-31T15:00Z', End_DateTime: '2026-03-31T16:00:00.000+01:00' });
    expect(h.confirmations[0]!.payload).toEqual({ data: [{ ...lead, Lead_Status: 'Not Contacted', No_of_Employees: 250, Email_Opt_Out: false, Owner: { id: '4150868000000225013' } }] });
    expect(h.confirmations[1]!.payload).toEqual({ data: [{ Event_Title: 'Zulu', Start_DateTime: '2026-03-31T15:00:00+00:00', End_DateTime: '2026-03-31T16:00:00+01:00' }] });
  });

  it('never turns a number into an id: lookups take ids as strings', async () => {
    const res = await create('Contacts', { Last_Name: 'Numeric', Account_Name: 4150868000 });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/records\[0\]\.Account_Name.*is the number 4150868000; send ids as strings/);
    const nested = await create('Contacts', { Last_Name: 'Numeric', Account_Name: { id: 4150868000 } });
    expect(nested.text).toMatch(/has id as the number 4150868000; send ids as strings/);
    expect((await create('Contacts', { Last_Name: 'Named', Account_Name: { id: '4150868000000100000', nmae: 'x' } })).text).toMatch(/takes \{"id":"…"\}; unknown key "nmae"/);
    expect(h.confirmations).toHaveLength(0);
  });

  it('refuses a 19-digit lookup sent as a bare JSON number, through toolkit.call and the LangChain tool', async () => {
    // What a model's JSON looks like on the wire; JSON.parse has already rounded the number.
    const input = JSON.parse('{"module":"Deals","records":[{"Deal_Name":"Big id","Stage":"Qualification","Closing_Date":"2026-06-30","Account_Name":4150868000000100003}]}');
    expect(input.records[0].Account_Name).not.toBe(Number('4150868000000100003'.slice(0, 15)));
    const before = crmRequests();
    const viaCall = await h.kit.call('crm_create_record', input);
    expect(viaCall.outcome).toBe('invalid');
    expect(viaCall.text).toMatch(/records\[0\]\.Account_Name.*beyond 2\^53.*send ids as strings/);
    const tool = h.kit.tools.find((t) => t.name === 'crm_create_record')!;
    const viaInvoke = String(await tool.invoke(input));
    expect(viaInvoke).toMatch(/records\[0\]\.Account_Name.*send ids as strings/);
    const viaToolCall = (await tool.invoke({ type: 'tool_call', id: 'call_big', name: 'crm_create_record', args: input })) as { content: unknown; status?: string };
    expect(String(viaToolCall.content)).toMatch(/send ids as strings/);
    expect(viaToolCall.status).toBe('error');
    expect(crmRequests()).toBe(before);
    expect(h.confirmations).toHaveLength(0);
  });

  it('answers an oversized input briefly, quoting only a short prefix', async () => {
    const big = await create('Leads', { ...lead, Description: 'x'.repeat(40_000) });
    expect(big.text).toMatch(/Leads\.Description \(textarea\) takes at most 32000 characters; got 40000 \("x{20}… \(40000 characters\)"\)/);
    expect(big.text.length).toBeLessThan(400);
    const huge = await create('Leads', { ...lead, Description: 'y'.repeat(1_000_000) });
    expect(huge.outcome).toBe('invalid');
    expect(huge.text.length).toBeLessThan(400);
    expect(huge.text).not.toContain('y'.repeat(50));
    const word = await h.kit.call('crm_search', { module: 'Leads', word: 'z'.repeat(1_000_000) });
    expect(word.outcome).toBe('invalid');
    expect(word.text.length).toBeLessThan(400);
    expect(h.confirmations).toHaveLength(0);
  });
});

describe('crm_update_record', () => {
  it('shows before/after of the changed fields only', async () => {
    const deal = h.emu.state<CrmState>('crm').modules.get('Deals')!.records.find((r) => r.Stage === 'Qualification')!;
    const amountBefore = deal.Amount;
    const res = await h.json('crm_update_record', { module: 'Deals', id: deal.id, fields: { Stage: 'Needs Analysis', Deal_Name: deal.Deal_Name, Amount: 99_000 } });
    expect(res.outcome).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.before).toEqual({ Stage: 'Qualification', Amount: amountBefore });
    expect(confirm.after).toEqual({ Stage: 'Needs Analysis', Amount: 99_000 });
    expect(confirm.payload).toEqual({ data: [{ Stage: 'Needs Analysis', Amount: 99_000 }] });
    expect(res.data).toEqual({ status: 'updated', id: deal.id, changed: ['Stage', 'Amount'], modified_time: deal.Modified_Time });
    expect(deal.Stage).toBe('Needs Analysis');
  });

  it('refuses a no-op update without writing', async () => {
    const deal = h.emu.state<CrmState>('crm').modules.get('Deals')!.records[0]!;
    const puts = crmRequests('PUT /crm/v8/**');
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: deal.id, fields: { Stage: deal.Stage } });
    expect(res.outcome).toBe('invalid');
    expect(crmRequests('PUT /crm/v8/**')).toBe(puts);
  });

  it('refuses an invalid picklist value before reading or asking, naming the valid ones', async () => {
    const deal = h.emu.state<CrmState>('crm').modules.get('Deals')!.records[1]!;
    const before = crmRequests();
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: deal.id, fields: { Stage: 'Won-ish' } });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/fields\.Stage.*Deals\.Stage \(picklist\) has no value "Won-ish".*Valid values: "Qualification", "Needs Analysis"/);
    expect(crmRequests()).toBe(before);
    expect(h.confirmations).toHaveLength(0);
  });

  it('passes errors only Zoho can know through (a lookup to a missing record)', async () => {
    const deal = h.emu.state<CrmState>('crm').modules.get('Deals')!.records[1]!;
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: deal.id, fields: { Contact_Name: '4150868000999999999' } });
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('INVALID_DATA');
    expect(res.text).toContain('api_name=Contact_Name');
  });

  it('refuses clearing a mandatory field', async () => {
    const deal = h.emu.state<CrmState>('crm').modules.get('Deals')!.records[1]!;
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: deal.id, fields: { Closing_Date: null } });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/Deals\.Closing_Date \(date\) is required and cannot be cleared/);
  });

  it('refuses an unknown id as a field error naming id, writing nothing', async () => {
    const puts = crmRequests('PUT /crm/v8/**');
    const res = await h.kit.call('crm_update_record', { module: 'Deals', id: '4150868000999999999', fields: { Stage: 'Needs Analysis' } });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "id": no Deals record has id 4150868000999999999/);
    expect(res.text).not.toContain('INVALID_DATA');
    expect(crmRequests('PUT /crm/v8/**')).toBe(puts);
    expect(h.confirmations).toHaveLength(0);
  });
});

describe('crm_delete_record', () => {
  it('is destructive, shows the record, and deletes after confirmation', async () => {
    const created = await h.json('crm_create_record', { module: 'Leads', records: [{ First_Name: 'Temp', Last_Name: 'Lead', Company: 'Throwaway Inc' }] });
    const id = created.data.results[0].id;
    h.confirmations.length = 0;
    h.answer.value = false;
    const refused = await h.kit.call('crm_delete_record', { module: 'Leads', id });
    expect(refused.outcome).toBe('refused');
    expect(h.confirmations[0]).toMatchObject({ access: 'destructive', before: { Company: 'Throwaway Inc', Last_Name: 'Lead' } });
    expect(h.confirmations[0]!.summary).toContain('Temp Lead');
    expect(crmRequests('DELETE /crm/v8/**')).toBe(0);
    h.answer.value = true;
    const res = await h.json('crm_delete_record', { module: 'Leads', id });
    expect(res.data).toEqual({ id, status: 'deleted' });
    expect(h.emu.state<CrmState>('crm').modules.get('Leads')!.byId.has(id)).toBe(false);
  });

  it('refuses an unknown id as a field error naming id, deleting nothing', async () => {
    const deletes = crmRequests('DELETE /crm/v8/**');
    const res = await h.kit.call('crm_delete_record', { module: 'Deals', id: '4150868000999999999' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "id": no Deals record has id 4150868000999999999; nothing to delete/);
    expect(crmRequests('DELETE /crm/v8/**')).toBe(deletes);
    expect(h.confirmations).toHaveLength(0);
  });
});

describe('crm_coql_query', () => {
  it('runs a SELECT with lookups, ordering and limit/offset paging', async () => {
    const res = await h.json('crm_coql_query', {
      query: "select Last_Name, Email, Account_Name.Account_Name from Contacts where (Account_Name.Account_Name = 'Zylker Corp' or Account_Name.Account_Name like '%Bluebird%') order by Last_Name asc limit 2",
    });
    expect(res.outcome).toBe('ok');
    expect(res.data.columns).toEqual(['id', 'Last_Name', 'Email', 'Account_Name.Account_Name']);
    expect(rows(res.data).map((r) => r.Last_Name)).toEqual(['Burns', 'Chen']);
    expect(res.data.next).toBe('limit 2 offset 2');
    const next = await h.json('crm_coql_query', {
      query: "select Last_Name from Contacts where (Account_Name.Account_Name = 'Zylker Corp' or Account_Name.Account_Name like '%Bluebird%') order by Last_Name asc limit 2, 2",
    });
    expect(rows(next.data).map((r) => r.Last_Name)).toEqual(['Hopper', 'Rivera']);
    // Audit fields a query selects are shown; a lookup comes back as its id.
    const audit = await h.json('crm_coql_query', { query: "select Deal_Name, Created_Time, Account_Name from Deals where Deal_Name like 'Zylker%' limit 1" });
    expect(rows(audit.data)[0]).toMatchObject({ Deal_Name: expect.any(String), Created_Time: expect.any(String), Account_Name: { id: expect.stringMatching(/^\d{19}$/) } });
  });

  it('refuses anything but SELECT before sending', async () => {
    const before = crmRequests('POST /crm/v8/coql');
    for (const query of ["delete from Leads where Last_Name = 'x'", "update Leads set Company = 'x'", "select id from Leads; delete from Leads"]) {
      const res = await h.kit.call('crm_coql_query', { query });
      expect(res.outcome).toBe('invalid');
    }
    expect(crmRequests('POST /crm/v8/coql')).toBe(before);
  });

  it('passes COQL errors through with Zoho code and column', async () => {
    const res = await h.kit.call('crm_coql_query', { query: 'select Nope from Deals limit 5' });
    expect(res.text).toContain('INVALID_QUERY');
    expect(res.text).toContain('column_name=Nope');
  });
});

describe('crm_describe_module', () => {
  it('describes fields with types, mandatory flags and picklist values', async () => {
    const res = await h.json('crm_describe_module', { module: 'Deals' });
    expect(res.data.module).toBe('Deals');
    const fields = rows(res.data);
    const stage = fields.find((f) => f.api_name === 'Stage')!;
    expect(stage).toMatchObject({ type: 'picklist', mandatory: true });
    expect(stage.values).toContain('Closed Won');
    expect(fields.find((f) => f.api_name === 'Closing_Date')).toMatchObject({ mandatory: true });
    expect(fields.find((f) => f.api_name === 'Account_Name')).toMatchObject({ lookup: 'Accounts' });
    expect(fields.find((f) => f.api_name === 'Created_Time')).toMatchObject({ read_only: true });
    expect(fields.find((f) => f.api_name === 'Deal_Name')).toMatchObject({ max_length: 120 });
  });

  it('lists modules, custom ones marked', async () => {
    const res = await h.json('crm_describe_module', {});
    expect(rows(res.data)).toContainEqual({ api_name: 'Retainers', label: 'Retainers', custom: true });
    expect(rows(res.data)).toContainEqual({ api_name: 'Events', label: 'Meetings' });
  });
});

describe('policy and secrets', () => {
  it('a tool outside the policy sends nothing', async () => {
    const ro = await startCrm({ policy: { name: 'reader', apps: { crm: ['read'] } } });
    try {
      const res = await ro.kit.call('crm_delete_record', { module: 'Leads', id: '4150868000000100001' });
      expect(res.outcome).toBe('denied');
      expect(ro.emu.counters.requests({ app: 'crm' })).toBe(0);
      expect(ro.kit.tools.map((t) => t.name)).not.toContain('crm_delete_record');
      expect(ro.kit.scopes).toEqual(['ZohoCRM.coql.READ', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.modules.READ', 'ZohoCRM.settings.related_lists.READ', 'ZohoCRM.users.READ']);
    } finally {
      await ro.close();
    }
  });

  it('never puts a secret in a tool result', async () => {
    const outputs = [
      await h.kit.call('crm_search', { module: 'Leads', word: 'Apex', per_page: 3 }),
      await h.kit.call('crm_get_record', { module: 'Leads', id: '1' }),
      await h.kit.call('crm_coql_query', { query: 'select from' }),
    ].map((r) => r.text);
    const { clientSecret, refreshToken } = h.emu.credentials;
    for (const text of outputs) {
      expect(text).not.toContain(clientSecret);
      expect(text).not.toContain(refreshToken);
      expect(text).not.toMatch(/1000\.[0-9a-f]{32}\.[0-9a-f]{32}|Zoho-oauthtoken \S/);
    }
  });
});
