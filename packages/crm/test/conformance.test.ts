import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createZohoConnection, ZohoApiError } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type EmulatorApp, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmClient } from '../src/client.js';
import { crmEmulator, type CrmState } from '../src/emulator/index.js';
import { OasValidator } from './oas.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const oas = new OasValidator(path.resolve(repoRoot, '../shared/zoho-api/oas/crm-v8'));

/** Where each emulator route is documented. */
const DOCUMENTED: Record<string, { file: string; path: string }> = {
  '/crm/:version/settings/modules': { file: 'modules.json', path: '/crm/v8/settings/modules' },
  '/crm/:version/settings/fields': { file: 'fields.json', path: '/crm/v8/settings/fields' },
  '/crm/:version/coql': { file: 'coql.json', path: '/crm/v8/coql' },
  '/crm/:version/:module/search': { file: 'record.json', path: '/crm/v8/{module_api_name}/search' },
  '/crm/:version/:module': { file: 'record.json', path: '/crm/v8/{module_api_name}' },
  '/crm/:version/:module/:id': { file: 'record.json', path: '/crm/v8/{module_api_name}/{id}' },
};

interface Captured {
  method: string;
  route: string;
  status: number;
  body: unknown;
}
const captured: Captured[] = [];

/** The CRM slice with every route's answer recorded on its way out. */
const recording: EmulatorApp<CrmState> = {
  ...crmEmulator,
  routes: crmEmulator.routes.map((route) => ({
    ...route,
    handle: async (req) => {
      const answer: EmulatorResponse = await route.handle(req);
      captured.push({ method: route.method, route: route.path, status: answer.status, body: answer.body });
      return answer;
    },
  })),
};

let close: () => Promise<void>;
let client: CrmClient;
let state: CrmState;

beforeAll(async () => {
  const emu = await startEmulator({ apps: [recording], limits: { crm: false } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  client = new CrmClient(connection);
  state = emu.state<CrmState>('crm');
  close = async () => {
    await connection.close();
    await emu.close();
  };
  const swallow = (p: Promise<unknown>) => p.catch((e: unknown) => expect(e).toBeInstanceOf(ZohoApiError));
  const zylker = state.modules.get('Accounts')!.records[0]!;
  const deal = state.modules.get('Deals')!.records[0]!;

  // Success paths.
  await client.listModules();
  await client.getFields('Deals');
  await client.getFields('Retainers');
  const first = await client.listRecords('Leads', { fields: ['Last_Name', 'Company', 'Owner'], perPage: 200, page: 10 });
  await client.listRecords('Leads', { fields: ['Last_Name'], perPage: 200, pageToken: first.info.next_page_token! });
  await client.listRecords('Deals', { fields: ['Deal_Name', 'Account_Name', 'Amount'], sortBy: 'Modified_Time', sortOrder: 'asc' });
  await client.getRecord('Accounts', zylker.id);
  await client.searchRecords('Contacts', { criteria: '(Last_Name:starts_with:B)' });
  await client.searchRecords('Leads', { word: 'no-such-thing' }); // 204
  await client.coql("select Deal_Name, Account_Name, Account_Name.Account_Name, Owner.email from Deals where Amount > 1000 order by Amount desc limit 5");
  await client.createRecords('Contacts', [{ Last_Name: 'Conformance' }, { Last_Name: 'Bad', Email: 'x' }]); // 207
  const created = await client.createRecords('Leads', [{ Last_Name: 'Ok', Company: 'Co' }]); // 201
  const newId = String(created.data[0]!.details.id);
  await client.updateRecord('Deals', deal.id, { Amount: 1234 });
  await client.updateRecords('Deals', [{ id: deal.id, Next_Step: 'Call' }, { id: '4150868000999999999' }]);
  await client.deleteRecords('Leads', [newId, '4150868000999999998']);
  const another = await client.createRecords('Leads', [{ Last_Name: 'Gone', Company: 'Co' }]);
  await client.deleteRecord('Leads', String(another.data[0]!.details.id));

  // Error paths.
  await swallow(client.listRecords('Leads', { fields: [] }));
  await swallow(client.listRecords('Leads', { fields: ['Last_Name'], page: 11, perPage: 200 }));
  await swallow(client.listRecords('Leads', { fields: ['Last_Name'], sortBy: 'Last_Name' as 'id' }));
  await swallow(client.listRecords('Nope', { fields: ['Last_Name'] }));
  await swallow(client.getRecord('Leads', '4150868000999999999'));
  await swallow(client.searchRecords('Leads', { criteria: '(Last_Name:sounds_like:x)' }));
  await swallow(client.createRecords('Leads', [{ First_Name: 'No last name' }]));
  await swallow(client.coql('select Last_Name frm Leads'));
  await swallow(client.coql('select Nope from Leads'));
  await swallow(client.coql('select Last_Name from Leads limit 5000'));
  await swallow(client.getFields('Nope'));
});
afterAll(() => close());

describe('emulator responses conform to Zoho CRM v8 OpenAPI', () => {
  it('covers success, multi-status, empty and error answers', () => {
    const statuses = new Set(captured.map((c) => c.status));
    for (const s of [200, 201, 204, 207, 400]) expect(statuses).toContain(s);
    expect(captured.length).toBeGreaterThan(25);
  });

  it('every captured body validates against its documented schema', () => {
    const failures: string[] = [];
    for (const c of captured) {
      const doc = DOCUMENTED[c.route]!;
      if (c.status === 204 || c.status === 304) {
        if (c.body !== undefined) failures.push(`${c.method} ${c.route} ${c.status}: body on an empty answer`);
        continue;
      }
      const schema = oas.responseSchema(doc.file, doc.path, c.method, c.status);
      if (!schema) {
        failures.push(`${c.method} ${c.route} ${c.status}: undocumented`);
        continue;
      }
      const errors = oas.validate(schema.schema, c.body, schema.file);
      if (errors.length) failures.push(`${c.method} ${c.route} ${c.status}: ${errors.slice(0, 5).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('the envelope answers for token, scope, throttle, 404 and 5xx validate as API_Exception', () => {
    const exception = oas.resolve('#/components/schemas/API_Exception', 'record.json');
    const answers = [
      crmEmulator.errors.invalidToken('expired'),
      crmEmulator.errors.scopeMismatch(['ZohoCRM.modules.leads.READ']),
      crmEmulator.errors.throttled(2),
      crmEmulator.errors.notFound('GET', '/crm/v8/x/y/z'),
      crmEmulator.errors.serverError(500),
    ];
    for (const a of answers) expect(oas.validate(exception.schema, a.body, exception.file)).toEqual([]);
  });

  it('the validator has teeth', () => {
    const exception = oas.resolve('#/components/schemas/API_Exception', 'record.json');
    expect(oas.validate(exception.schema, { code: 'MADE_UP', message: 'invalid data', status: 'error', details: {} }, exception.file)).not.toEqual([]);
    const list = oas.responseSchema('record.json', '/crm/v8/{module_api_name}', 'GET', 200)!;
    expect(oas.validate(list.schema, { data: [{ id: 1 }], info: { count: '1' } }, list.file).length).toBeGreaterThan(0);
    const fields = oas.responseSchema('fields.json', '/crm/v8/settings/fields', 'GET', 200)!;
    expect(oas.validate(fields.schema, { fields: [{ api_name: 'X' }] }, fields.file).length).toBeGreaterThan(10);
  });
});
