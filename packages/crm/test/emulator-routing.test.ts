/**
 * Requests reach the handler Zoho's API would: every path of every operation in Zoho's CRM OpenAPI files
 * (read at test time) lands in the emulator route that serves that operation, or — for the operations
 * the emulator does not serve — in no route at all (a 404 or 400 INVALID_REQUEST_METHOD), never in
 * another operation's handler. And bodies and query strings are read as Zoho reads them.
 */
import { readdirSync } from 'node:fs';
import { emulatorConnectionOptions, startEmulator, type EmulatorApp, type Emulator } from '@zoho-agent-kit/core/emulator';
import { createZohoConnection } from '@zoho-agent-kit/core';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CrmClient } from '../src/client.js';
import { crmEmulator, type CrmState } from '../src/emulator/index.js';
import { findOasDir, OasValidator } from './oas.js';

const dir = findOasDir();
const oas = new OasValidator(dir);

let handled: string | undefined;
/** The CRM slice, noting which route's handler ran. */
const recording: EmulatorApp<CrmState> = {
  ...crmEmulator,
  routes: crmEmulator.routes.map((route) => ({
    ...route,
    handle: (req) => {
      handled = `${route.method} ${route.path}`;
      return route.handle(req);
    },
  })),
};

let emu: Emulator;
let token: string;
let state: CrmState;

beforeAll(async () => {
  emu = await startEmulator({ apps: [recording], limits: { crm: false } });
  token = emu.accounts.issueAccessToken();
  state = emu.state<CrmState>('crm');
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

const MODULE = /^[A-Z][A-Za-z0-9_]*$/;
const LITERAL = new Set(['Notes', 'Attachments', 'Emails', 'Locking_Information__s']);

/** The emulator route serving an OAS operation (method and concrete path), written out independently of the router. */
function servedBy(method: string, path: string): string | undefined {
  const s = path.split('/').filter(Boolean);
  if (s[0] !== 'crm' || s[1] !== 'v8') return undefined;
  const rest = s.slice(2);
  // Names that are CRM resources of their own, not a module or a related list, stay as they are.
  const key = `${method} ${rest.map((x) => (LITERAL.has(x) ? x : MODULE.test(x) ? '{M}' : /^\d+$/.test(x) ? '{N}' : x)).join('/')}`;
  const table: Record<string, string> = {
    'GET org': 'GET /crm/:version/org',
    'GET users': 'GET /crm/:version/users',
    'GET users/{N}': 'GET /crm/:version/users/:user',
    'GET settings/modules': 'GET /crm/:version/settings/modules',
    'GET settings/modules/{M}': 'GET /crm/:version/settings/modules/:api_name',
    'GET settings/modules/{N}': 'GET /crm/:version/settings/modules/:api_name',
    'GET settings/fields': 'GET /crm/:version/settings/fields',
    'GET settings/related_lists': 'GET /crm/:version/settings/related_lists',
    'GET settings/related_lists/{N}': 'GET /crm/:version/settings/related_lists/:related_list_id',
    'GET Notes': 'GET /crm/:version/Notes',
    'POST Notes': 'POST /crm/:version/Notes',
    'POST {M}/upsert': 'POST /crm/:version/:module/upsert',
    // convert_lead.json's path; inventory_convert.json's /{module}/{id}/actions/convert with module Leads is the same URL.
    'POST {M}/{N}/actions/convert': 'POST /crm/:version/Leads/:id/actions/convert',
    'GET {M}/{N}/Attachments': 'GET /crm/:version/:module/:id/Attachments',
    'POST {M}/{N}/Attachments': 'POST /crm/:version/:module/:id/Attachments',
    'GET {M}/{N}/Attachments/{N}': 'GET /crm/:version/:module/:id/Attachments/:attachment',
    'GET {M}/{N}/{M}': 'GET /crm/:version/:module/:id/:related',
    'GET {M}/{N}/Notes': 'GET /crm/:version/:module/:id/:related',
    'POST coql': 'POST /crm/:version/coql',
    'GET {M}/search': 'GET /crm/:version/:module/search',
    'GET {M}': 'GET /crm/:version/:module',
    'POST {M}': 'POST /crm/:version/:module',
    'PUT {M}': 'PUT /crm/:version/:module',
    'DELETE {M}': 'DELETE /crm/:version/:module',
    'GET {M}/{N}': 'GET /crm/:version/:module/:id',
    'PUT {M}/{N}': 'PUT /crm/:version/:module/:id',
    'DELETE {M}/{N}': 'DELETE /crm/:version/:module/:id',
  };
  return table[key];
}

/** A concrete path for an OAS template: modules as `Leads`, ids as a real lead's id, anything else a word. */
function concrete(template: string): string {
  const lead = state.modules.get('Leads')!.records[0]!.id;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (/module|api_name/i.test(name)) return 'Leads';
    if (/external/i.test(name)) return 'ext-42';
    if (/(^|_)id$|Id$|^user$|^record$/i.test(name)) return lead;
    return 'sample';
  });
}

const operations = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) =>
    Object.entries<Record<string, unknown>>(oas.file(file).paths ?? {}).flatMap(([template, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ file, template, method: m.toUpperCase() })),
    ),
  )
  .filter((op) => op.template !== '/');

describe('routing against every path in the OAS', () => {
  it('reads the OAS files', () => {
    expect(operations.length).toBeGreaterThan(300);
    expect(operations.filter((op) => servedBy(op.method, concrete(op.template))).length).toBeGreaterThanOrEqual(28);
  });

  it('each served operation reaches its own handler; no other reaches any', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const path = concrete(op.template);
      const want = servedBy(op.method, path);
      handled = undefined;
      const res = await request(`${emu.url}${path}`, {
        method: op.method as 'GET',
        headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: '{}' }),
      });
      const body = (await res.body.text()) || '{}';
      if (want && handled !== want) wrong.push(`${op.method} ${op.template} (${op.file}): expected ${want}, ran ${handled ?? 'no handler'}`);
      if (!want && handled) wrong.push(`${op.method} ${op.template} (${op.file}): swallowed by ${handled}`);
      if (!want && !handled) {
        const code = (JSON.parse(body) as { code?: string }).code;
        if (!['INVALID_URL_PATTERN', 'INVALID_REQUEST_METHOD'].includes(code ?? '')) wrong.push(`${op.method} ${op.template}: unserved but answered ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('CRM resources never fall into /:module', async () => {
    for (const path of ['/crm/v8/users', '/crm/v8/org', '/crm/v8/settings/modules', '/crm/v8/settings/fields?module=Leads', '/crm/v8/settings/modules/Leads']) {
      handled = undefined;
      const res = await request(`${emu.url}${path}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
      await res.body.dump();
      expect(res.statusCode, path).toBe(200);
      expect(handled, path).not.toMatch(/:module$/);
    }
  });

  it('answers a method a served path does not take with 400 INVALID_REQUEST_METHOD, and unknown paths with 404', async () => {
    const cases: [string, string, number, string][] = [
      ['POST', '/crm/v8/org', 400, 'INVALID_REQUEST_METHOD'],
      ['PATCH', '/crm/v8/Leads', 400, 'INVALID_REQUEST_METHOD'],
      ['POST', `/crm/v8/Leads/${state.modules.get('Leads')!.records[0]!.id}`, 400, 'INVALID_REQUEST_METHOD'],
      ['GET', '/crm/v8/Leads/deleted', 404, 'INVALID_URL_PATTERN'],
      ['GET', '/crm/v8/org/photo', 404, 'INVALID_URL_PATTERN'],
      ['GET', '/crm/bulk/v8/read', 404, 'INVALID_URL_PATTERN'],
      ['GET', '/crm/v8/Leads/%E0%A4%A', 404, 'INVALID_URL_PATTERN'],
    ];
    for (const [method, path, status, code] of cases) {
      handled = undefined;
      const res = await request(`${emu.url}${path}`, { method: method as 'GET', headers: { authorization: `Zoho-oauthtoken ${token}` } });
      expect([res.statusCode, ((await res.body.json()) as { code: string }).code], `${method} ${path}`).toEqual([status, code]);
      expect(handled).toBeUndefined();
    }
    expect(emu.counters.requests({ app: 'crm', route: '(method not allowed)' })).toBe(3);
  });
});

describe('bodies as Zoho reads them', () => {
  const lead = (name: string) => JSON.stringify({ data: [{ Last_Name: name, Company: 'Content Types Inc' }] });

  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['application/json;charset=UTF-8', 'application/json;charset=UTF-8'],
    ['application/json', 'application/json'],
    ['application/x-www-form-urlencoded (a JSON body all the same)', 'application/x-www-form-urlencoded'],
  ])('a JSON body with %s creates a record', async (label, type) => {
    const name = `Typed ${label}`;
    const res = await request(`${emu.url}/crm/v8/Leads`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}`, ...(type ? { 'content-type': type } : {}) },
      body: Buffer.from(lead(name)),
    });
    expect(res.statusCode).toBe(201);
    const id = ((await res.body.json()) as { data: { details: { id: string } }[] }).data[0]!.details.id;
    expect(emu.state<CrmState>('crm').modules.get('Leads')!.byId.get(id)).toMatchObject({ Last_Name: name });
  });

  it('PUT and COQL read JSON without a Content-Type too', async () => {
    const deal = emu.state<CrmState>('crm').modules.get('Deals')!.records[0]!;
    const put = await request(`${emu.url}/crm/v8/Deals/${deal.id}`, { method: 'PUT', headers: { authorization: `Zoho-oauthtoken ${token}` }, body: Buffer.from(JSON.stringify({ data: [{ Amount: 777 }] })) });
    expect(put.statusCode).toBe(200);
    await put.body.dump();
    expect(emu.state<CrmState>('crm').modules.get('Deals')!.byId.get(deal.id)!.Amount).toBe(777);
    const coql = await request(`${emu.url}/crm/v8/coql`, { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${token}` }, body: Buffer.from('{"select_query":"select Deal_Name from Deals where Amount = 777"}') });
    expect(coql.statusCode).toBe(200);
    expect(((await coql.body.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('a Latin-1 charset is decoded as declared; a UTF-8 byte-order mark is ignored', async () => {
    const latin = await request(`${emu.url}/crm/v8/Leads`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json; charset=ISO-8859-1' },
      body: Buffer.from(lead('Müller'), 'latin1'),
    });
    expect(latin.statusCode).toBe(201);
    const id = ((await latin.body.json()) as { data: { details: { id: string } }[] }).data[0]!.details.id;
    expect(emu.state<CrmState>('crm').modules.get('Leads')!.byId.get(id)!.Last_Name).toBe('Müller');
    const bom = await request(`${emu.url}/crm/v8/Leads`, { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${token}` }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lead('Bom'))]) });
    expect(bom.statusCode).toBe(201);
    await bom.body.dump();
  });

  it('broken JSON is INVALID_DATA, whatever the Content-Type', async () => {
    for (const type of [undefined, 'application/json', 'text/plain']) {
      const res = await request(`${emu.url}/crm/v8/Leads`, { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${token}`, ...(type ? { 'content-type': type } : {}) }, body: Buffer.from('{"data": [') });
      expect(res.statusCode, String(type)).toBe(400);
      expect(await res.body.json()).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'data', expected_data_type: 'jsonarray' } });
    }
  });
});

describe('query strings as Zoho reads them', () => {
  const search = async (query: string) => {
    const res = await request(`${emu.url}/crm/v8/Contacts/search?${query}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
    return { status: res.statusCode, names: res.statusCode === 200 ? ((await res.body.json()) as { data: { Full_Name: string }[] }).data.map((r) => r.Full_Name) : (await res.body.dump(), []) };
  };

  it('criteria the same however a client encodes it', async () => {
    const plain = '((Last_Name:equals:Burns)and(First_Name:starts_with:B))';
    const forms = [
      `criteria=${encodeURIComponent(plain)}`, // JavaScript: parentheses and colons left as they are
      `criteria=${plain}`, // nothing encoded
      `criteria=${plain.replace(/[():]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`, // everything encoded (Java's URLEncoder)
    ];
    const answers = await Promise.all(forms.map(search));
    for (const a of answers) expect(a).toEqual({ status: 200, names: ['Bob Burns'] });
  });

  it('a space as + or %20; escaped commas and parentheses in values (\\, \\( \\))', async () => {
    const plus = await search('criteria=(Mailing_City:equals:New+York)');
    const pct = await search('criteria=(Mailing_City:equals:New%20York)');
    expect(plus).toEqual(pct);
    expect(plus.names).toEqual(['Omar Haddad']);
    const contact = (await request(`${emu.url}/crm/v8/Contacts`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}` },
      body: Buffer.from(JSON.stringify({ data: [{ First_Name: 'Ann', Last_Name: 'Smith, Jr. (II)' }] })),
    }).then((r) => r.body.json())) as { data: unknown[] };
    expect(contact.data).toHaveLength(1);
    expect(await search(`criteria=${encodeURIComponent('(Last_Name:equals:Smith\\, Jr. \\(II\\))')}`)).toEqual({ status: 200, names: ['Ann Smith, Jr. (II)'] });
  });

  it('our own client round-trips the same search', async () => {
    const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
    try {
      const found = await new CrmClient(connection).searchRecords('Contacts', { criteria: '(Mailing_City:equals:New York)' });
      expect(found.data.map((r) => r.Full_Name)).toEqual(['Omar Haddad']);
    } finally {
      await connection.close();
    }
  });
});
