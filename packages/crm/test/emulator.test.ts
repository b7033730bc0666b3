import { createZohoConnection, ZohoApiError, type ZohoConnection } from '@zoho-agent-kit/core';
import { createManualClock, emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmClient } from '../src/client.js';
import { createCrmEmulator, crmEmulator, type CrmState } from '../src/emulator/index.js';
import { materialise } from '../src/emulator/state.js';

const clock = createManualClock(Date.UTC(2026, 0, 5, 9));
let emu: Emulator;
let connection: ZohoConnection;
let client: CrmClient;

async function failure(p: Promise<unknown>): Promise<ZohoApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ZohoApiError) return err;
    throw err;
  }
  throw new Error('expected a ZohoApiError');
}

beforeAll(async () => {
  emu = await startEmulator({ apps: [crmEmulator], clock: clock.now, limits: { crm: false } });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  client = new CrmClient(connection);
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});

describe('seed', () => {
  it('is deterministic and holds the agency world', () => {
    // Speed is a benchmark's business, not a timed test's (a busy machine would make it flaky).
    const a: CrmState = crmEmulator.createState({ seed: true, now: 0 });
    const b = crmEmulator.createState({ seed: true, now: 1 });
    const leads = a.modules.get('Leads')!.records;
    expect(leads.length).toBe(2150);
    expect(leads.map((r) => r.Email)).toEqual(b.modules.get('Leads')!.records.map((r) => r.Email));
    expect(a.modules.get('Accounts')!.records.map((r) => r.Account_Name)).toContain('Zylker Corp');
    const stages = new Set(a.modules.get('Deals')!.records.map((r) => r.Stage));
    for (const s of ['Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost']) expect(stages).toContain(s);
    const lead = leads[0]!;
    expect(lead.id).toMatch(/^\d{19}$/);
    const sent = materialise(a, a.modules.get('Leads')!.spec, lead);
    expect(sent).toHaveProperty('$approval_state', 'approved');
    expect(sent).toHaveProperty('Description', null);
    expect(lead.Owner).toMatchObject({ name: expect.any(String), id: expect.stringMatching(/^\d{19}$/) });
    expect(crmEmulator.createState({ seed: false, now: 0 }).modules.get('Leads')!.records).toHaveLength(0);
  });
});

describe('records', () => {
  it('requires fields on list (REQUIRED_PARAM_MISSING) and caps per_page (LIMIT_EXCEEDED)', async () => {
    expect(await failure(client.listRecords('Leads', { fields: [] }))).toMatchObject({ status: 400, code: 'REQUIRED_PARAM_MISSING', details: { param: 'fields' } });
    expect(await failure(client.listRecords('Leads', { fields: ['Last_Name'], perPage: 201 }))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(await failure(client.listRecords('Leads', { fields: ['Nope'] }))).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Nope' } });
  });

  it('stops page at 2,000 records and hands out user-bound, expiring page tokens', async () => {
    expect(await failure(client.listRecords('Leads', { fields: ['Last_Name'], page: 21, perPage: 100 }))).toMatchObject({ code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED' });
    const wall = await client.listRecords('Leads', { fields: ['Last_Name'], page: 20, perPage: 100 });
    expect(wall.info).toMatchObject({ more_records: true, page: 20, next_page_token: expect.any(String), page_token_expiry: expect.stringMatching(/^2026-01-06T/) });
    const beyond = await client.listRecords('Leads', { fields: ['Last_Name'], perPage: 100, pageToken: wall.info.next_page_token! });
    expect(beyond.info.page).toBe(21);
    // Another user's connection cannot use it.
    const other = createZohoConnection(emulatorConnectionOptions(emu, { refreshToken: emu.accounts.issueRefreshToken(), limits: { crm: false } }));
    try {
      expect(await failure(new CrmClient(other).listRecords('Leads', { fields: ['Last_Name'], pageToken: wall.info.next_page_token! }))).toMatchObject({ code: 'INVALID_DATA' });
    } finally {
      await other.close();
    }
    clock.advance(25 * 3_600_000);
    const expired = await failure(client.listRecords('Leads', { fields: ['Last_Name'], perPage: 100, pageToken: wall.info.next_page_token! }));
    expect(expired).toMatchObject({ code: 'INVALID_DATA', details: { param: 'page_token' } });
  });

  it('answers 204 for no records and 304 for nothing modified since', async () => {
    const empty = await client.listRecords('Leads', { fields: ['Last_Name'], ids: ['1'] });
    expect(empty).toEqual({ data: [], info: { count: 0, more_records: false } });
    const http = connection.app({ app: 'crm' });
    const res = await http.request({ method: 'GET', path: '/crm/v8/Products', query: { fields: 'Product_Name' }, headers: { 'If-Modified-Since': '2030-01-01T00:00:00+00:00' } });
    expect(res.status).toBe(304);
  });

  it('updates several records (PUT /{module}) and deletes by ids, per record in input order', async () => {
    const made = await client.createRecords('Tasks', [{ Subject: 'One' }, { Subject: 'Two' }]);
    expect(made.httpStatus).toBe(201);
    const ids = made.data.map((r) => String(r.details.id));
    const upd = await client.updateRecords('Tasks', [{ id: ids[0]!, Status: 'Completed' }, { id: ids[1]!, Status: 'Not a status' }]);
    expect(upd.httpStatus).toBe(207);
    expect(upd.data.map((r) => r.code)).toEqual(['SUCCESS', 'INVALID_DATA']);
    const del = await client.deleteRecords('Tasks', [...ids, '4150868000999999999']);
    expect(del.httpStatus).toBe(207);
    expect(del.data.map((r) => r.status)).toEqual(['success', 'success', 'error']);
  });

  it('refuses more than 100 records and reports MANDATORY_NOT_FOUND with json_path', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ Subject: `t${i}` }));
    expect(await failure(client.createRecords('Tasks', many))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    const err = await failure(client.createRecords('Deals', [{ Deal_Name: 'x', Stage: 'Qualification' }]));
    expect(err).toMatchObject({ status: 400, code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Account_Name', json_path: '$.data[0].Account_Name' } });
  });

  it('layout-mandatory fields can be switched off', async () => {
    const lax = await startEmulator({ apps: [createCrmEmulator({ layoutMandatory: false, leads: 10 })], limits: { crm: false } });
    const conn = createZohoConnection(emulatorConnectionOptions(lax, { limits: { crm: false } }));
    try {
      const res = await new CrmClient(conn).createRecords('Leads', [{ Last_Name: 'No company' }]);
      expect(res.httpStatus).toBe(201);
      expect(lax.state<CrmState>('crm').modules.get('Leads')!.records).toHaveLength(11);
    } finally {
      await conn.close();
      await lax.close();
    }
  });
});

describe('COQL', () => {
  it('handles null checks, in, not like, between, and `limit offset, count`', async () => {
    const open = await client.coql("select Deal_Name, Stage from Deals where (Stage not in ('Closed Won', 'Closed Lost', 'Closed Lost to Competition') and Next_Step is not null) order by Deal_Name asc limit 0, 3");
    expect(open.data).toHaveLength(3);
    for (const d of open.data) expect(String(d.Stage)).not.toMatch(/^Closed/);
    const big = await client.coql("select Deal_Name from Deals where Amount between 20000 and 50000 and Deal_Name not like '%Zylker%'");
    expect(big.data.length).toBeGreaterThan(0);
    const owner = await client.coql("select Last_Name, Owner.email from Leads where Owner.email = 'leo.brandt@northwind-creative.example' limit 2");
    expect(owner.data[0]).toMatchObject({ 'Owner.email': 'leo.brandt@northwind-creative.example' });
    expect(owner.info.more_records).toBe(true);
    const none = await client.coql("select Last_Name from Leads where Last_Name = 'Nobody-At-All'");
    expect(none.data).toEqual([]);
  });

  it('answers SYNTAX_ERROR with position and LIMIT_EXCEEDED beyond 2000', async () => {
    expect(await failure(client.coql('select Last_Name frm Leads'))).toMatchObject({ code: 'SYNTAX_ERROR', details: { line: 1, near: 'frm' } });
    expect(await failure(client.coql('select Last_Name from Leads limit 2001'))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('needs the module read scope besides ZohoCRM.coql.READ', async () => {
    const coqlOnly = createZohoConnection(emulatorConnectionOptions(emu, { refreshToken: emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.coql.READ'] }), limits: { crm: false } }));
    try {
      expect(await failure(new CrmClient(coqlOnly).coql('select Last_Name from Leads limit 1'))).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH', kind: 'scope' });
    } finally {
      await coqlOnly.close();
    }
  });
});

describe('protocol', () => {
  it('honours a configured API version and refuses unsupported ones', async () => {
    const v7 = new CrmClient(connection, { apiVersion: 'v7' });
    expect((await v7.getRecord('Accounts', emu.state<CrmState>('crm').modules.get('Accounts')!.records[0]!.id))?.Account_Name).toBe('Zylker Corp');
    const other = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
    try {
      expect(await failure(new CrmClient(other, { apiVersion: 'v2' }).listModules())).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    } finally {
      await other.close();
    }
  });

  it('rate-limits with 429 TOO_MANY_REQUESTS, which the client waits out and retries', async () => {
    emu.faults.add({ app: 'crm', route: 'GET /crm/v8/settings/modules', kind: 'throttle', retryAfterSec: 1, times: 1 });
    const fresh = new CrmClient(connection);
    const started = Date.now();
    expect((await fresh.listModules()).length).toBeGreaterThan(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emu.counters.requests({ app: 'crm', route: 'GET /crm/v8/settings/modules', status: 429 })).toBe(1);
  });

  it('answers an invalid token with 401 INVALID_TOKEN', async () => {
    const http = connection.app({ app: 'crm' });
    // Refreshed and replayed (a read up to 3 times): the fourth refusal reaches the caller.
    emu.faults.add({ app: 'crm', kind: 'invalid-token', times: 4 });
    const err = await failure(http.request({ method: 'GET', path: '/crm/v8/settings/modules' }));
    expect(err).toMatchObject({ status: 401, code: 'INVALID_TOKEN', kind: 'invalid_token' });
  });
});
