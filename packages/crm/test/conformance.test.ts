/**
 * The CRM emulator against Zoho's own OpenAPI files (read from ../shared at test time): for every CRM
 * operation the emulator serves, a valid request and each error the OAS documents for it that the emulator
 * can produce, sent over HTTP; status, `code` and `details` keys are checked against the OAS response
 * schemas. A documented error the emulator never answers is listed with the reason, and a test keeps that
 * list in step with the files.
 */
import { runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crmEmulator, type CrmState } from '../src/emulator/index.js';
import { findOasDir, OasValidator, type OasDoc } from './oas.js';

const oas = new OasValidator(findOasDir());

/** The seed the emulator starts from (deterministic), for ids in the table. */
const seed = crmEmulator.createState({ seed: true, now: 0 });
const first = (module: string) => seed.modules.get(module)!.records[0]!;
const LEAD = first('Leads').id;
const ACCOUNT = first('Accounts').id;
const DEAL = first('Deals').id;
const UNKNOWN_ID = '4150868000999999999';
const ME = seed.currentUser;
const LEADS_MODULE_ID = seed.metadataIds.module.get('Leads')!;
const BOB = seed.modules.get('Contacts')!.records[0]!.id;
const ACME = seed.modules.get('Accounts')!.records[1]!.id;
const LEAD2 = seed.modules.get('Leads')!.records[1]!.id;
const CONTACTS_LIST_ID = seed.metadataIds.relatedList.get('Accounts.Contacts')!;
const PDF = seed.attachments.find((a) => a.parent.id === ACCOUNT && a.File_Name.endsWith('.pdf'))!;

/** A multipart/form-data body with one file part, as a browser or SDK sends an upload. */
function multipart(field: string, name: string, type: string, data: Buffer): { headers: Record<string, string>; body: Buffer } {
  const boundary = '----crm-conformance-7f3a';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

/** A case with the error code it shows (top level, or of the first record of a batch). */
type Case = AnswerCase & { code?: string };

interface Operation {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  docs: OasDoc[];
  /** Empty answers the digest documents where the OAS says nothing (record.json puts every status under 200). */
  empty?: number[];
  /** Documented error codes the emulator never answers for this operation, and why. */
  notProduced?: Record<string, string>;
  /** A 200 answer is a file (not JSON): checked against the OAS's non-JSON content type. */
  binary?: boolean;
  cases: Case[];
}

const error = (code: string, details: Record<string, unknown> = {}) => ({ code, details, status: 'error', message: (m: unknown) => typeof m === 'string' && m.length > 0 });
const recordError = (code: string, details: Record<string, unknown> = {}) => ({ data: [{ code, details, status: 'error' }] });
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
const conditions = (n: number) => `(${Array.from({ length: n }, (_, i) => `(Last_Name:equals:nobody${i})`).join('or')})`;

const record = (file: string, path: string): OasDoc => ({ file, path });
const RECORDS = record('record.json', '/crm/v8/{module_api_name}');
const RECORD = record('record.json', '/crm/v8/{module_api_name}/{id}');

const OPERATIONS: Operation[] = [
  {
    name: 'GET /crm/v8/org',
    method: 'GET',
    docs: [record('org.json', '/crm/v8/org')],
    notProduced: { INVALID_DATA: 'GET /org takes no parameters, so nothing in a request can be invalid' },
    cases: [
      {
        name: 'the agency as the org',
        path: '/crm/v8/org',
        expect: { status: 200, body: { org: [{ company_name: 'Northwind Creative', currency: 'USD', iso_code: 'USD', time_zone: 'America/New_York', primary_email: ME.email }] } },
      },
    ],
  },
  {
    name: 'GET /crm/v8/users',
    method: 'GET',
    docs: [record('users.json', '/crm/v8/users')],
    notProduced: {
      MANDATORY_NOT_FOUND: 'a body error of POST/PUT /users; GET takes no body',
      EXPECTED_FIELD_MISSING: 'a body error of POST/PUT /users; GET takes no body',
      PATTERN_NOT_MATCHED: 'a body value error (email, names) of POST/PUT /users',
    },
    cases: [
      {
        name: 'type=CurrentUser: the administrator the API acts as',
        path: '/crm/v8/users?type=CurrentUser',
        expect: { status: 200, body: { users: [{ id: ME.id, email: ME.email, full_name: ME.name, profile: { name: 'Administrator' }, status: 'active' }], info: { count: 1, more_records: false } } },
      },
      { name: 'type=AllUsers: the staff', path: '/crm/v8/users?type=AllUsers', expect: { status: 200, body: { users: seed.users.map((u) => ({ id: u.id, email: u.email })), info: { count: seed.users.length } } } },
      { name: 'no type: every user', path: '/crm/v8/users', expect: { status: 200, body: { info: { count: seed.users.length } } } },
      { name: 'type=ActiveUsers', path: '/crm/v8/users?type=ActiveUsers', expect: { status: 200, body: { info: { count: seed.users.length } } } },
      { name: 'type=ActiveConfirmedUsers', path: '/crm/v8/users?type=ActiveConfirmedUsers', expect: { status: 200, body: { info: { count: seed.users.length } } } },
      { name: 'type=AdminUsers', path: '/crm/v8/users?type=AdminUsers', expect: { status: 200, body: { users: [{ id: ME.id }] } } },
      { name: 'type=DeactiveUsers: none, 204', path: '/crm/v8/users?type=DeactiveUsers', expect: { status: 204, empty: true } },
      { name: 'type=NotConfirmedUsers: none, 204', path: '/crm/v8/users?type=NotConfirmedUsers', expect: { status: 204, empty: true } },
      { name: 'pages with per_page', path: '/crm/v8/users?per_page=4&page=1', expect: { status: 200, body: { info: { per_page: 4, count: 4, page: 1, more_records: true } } } },
      { name: 'ids filter', path: `/crm/v8/users?ids=${seed.users[1]!.id}`, expect: { status: 200, body: { users: [{ id: seed.users[1]!.id }] } } },
      { name: 'an unknown type → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/users?type=Everybody', expect: { status: 400, body: error('INVALID_DATA', { api_name: 'type' }) } },
      { name: 'per_page over 200 → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/users?per_page=201', expect: { status: 400, body: error('INVALID_DATA', { api_name: 'per_page' }) } },
      { name: 'page not a number → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/users?page=first', expect: { status: 400, body: error('INVALID_DATA', { api_name: 'page' }) } },
      {
        name: 'a server failure → 500 INTERNAL_SERVER_ERROR (users.json)',
        code: 'INTERNAL_SERVER_ERROR',
        path: '/crm/v8/users',
        setup: (emu) => void emu.faults.add({ app: 'crm', route: 'GET /crm/v8/users', kind: 'status', status: 500, times: 1 }),
        expect: { status: 500, body: error('INTERNAL_SERVER_ERROR') },
      },
    ],
  },
  {
    name: 'GET /crm/v8/users/{user}',
    method: 'GET',
    docs: [record('users.json', '/crm/v8/users/{user}')],
    cases: [
      { name: 'one user', path: `/crm/v8/users/${seed.users[2]!.id}`, expect: { status: 200, body: { users: [{ id: seed.users[2]!.id, profile: { name: 'Standard' } }] } } },
      { name: 'an unknown user → 204', path: `/crm/v8/users/${UNKNOWN_ID}`, expect: { status: 204, empty: true } },
      {
        name: 'a server failure → 500 INTERNAL_SERVER_ERROR',
        code: 'INTERNAL_SERVER_ERROR',
        path: `/crm/v8/users/${ME.id}`,
        setup: (emu) => void emu.faults.add({ app: 'crm', route: 'GET /crm/v8/users/*', kind: 'status', status: 500, times: 1 }),
        expect: { status: 500, body: error('INTERNAL_SERVER_ERROR') },
      },
    ],
  },
  {
    name: 'GET /crm/v8/settings/modules',
    method: 'GET',
    docs: [record('modules.json', '/crm/v8/settings/modules')],
    notProduced: {
      INVALID_MODULE: 'the list names no module',
      NOT_SUPPORTED: 'answers a module the API does not support; the list names none',
    },
    cases: [
      { name: 'every module', path: '/crm/v8/settings/modules', expect: { status: 200, body: { modules: (m: unknown) => Array.isArray(m) && m.length === seed.modules.size } } },
      { name: 'status=visible', path: '/crm/v8/settings/modules?status=visible', expect: { status: 200, body: { modules: nonEmpty } } },
      { name: 'status=user_hidden: none', path: '/crm/v8/settings/modules?status=user_hidden', expect: { status: 200, body: { modules: [] } } },
      { name: 'an unknown status → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/settings/modules?status=sideways', expect: { status: 400, body: error('INVALID_DATA', { api_name: 'status' }) } },
    ],
  },
  {
    name: 'GET /crm/v8/settings/modules/{api_name}',
    method: 'GET',
    docs: [record('modules.json', '/crm/v8/settings/modules/{api_name}')],
    notProduced: {
      INVALID_DATA: 'the operation takes no parameters',
      NOT_SUPPORTED: 'every emulated module is supported in the API',
    },
    cases: [
      { name: 'Leads', path: '/crm/v8/settings/modules/Leads', expect: { status: 200, body: { modules: [{ api_name: 'Leads', id: LEADS_MODULE_ID, convertable: true }] } } },
      { name: 'the custom Retainers module', path: '/crm/v8/settings/modules/Retainers', expect: { status: 200, body: { modules: [{ api_name: 'Retainers', generated_type: 'custom' }] } } },
      {
        name: 'an unknown module → INVALID_MODULE at resource_path_index 2',
        code: 'INVALID_MODULE',
        path: '/crm/v8/settings/modules/Nope',
        expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 2 }) },
      },
    ],
  },
  {
    name: 'GET /crm/v8/settings/modules/{id}',
    method: 'GET',
    docs: [record('modules.json', '/crm/v8/settings/modules/{id}')],
    notProduced: {
      INVALID_DATA: 'the operation takes no parameters',
      NOT_SUPPORTED: 'every emulated module is supported in the API',
      INVALID_MODULE: 'a numeric id that names no module answers 204',
    },
    cases: [
      { name: 'by module id', path: `/crm/v8/settings/modules/${LEADS_MODULE_ID}`, expect: { status: 200, body: { modules: [{ api_name: 'Leads' }] } } },
      { name: 'an unknown module id → 204', path: `/crm/v8/settings/modules/${UNKNOWN_ID}`, expect: { status: 204, empty: true } },
    ],
  },
  {
    name: 'GET /crm/v8/settings/fields',
    method: 'GET',
    docs: [record('fields.json', '/crm/v8/settings/fields')],
    notProduced: {
      MANDATORY_NOT_FOUND: 'a body error of creating or updating fields',
      INVALID_DATA: 'answers a bad `type` filter; the emulator does not model `type` and answers every field',
    },
    cases: [
      { name: 'Deals fields', path: '/crm/v8/settings/fields?module=Deals', expect: { status: 200, body: { fields: nonEmpty } } },
      { name: 'a custom module', path: '/crm/v8/settings/fields?module=Retainers', expect: { status: 200, body: { fields: nonEmpty } } },
      { name: 'no module → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: '/crm/v8/settings/fields', expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'module' }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: '/crm/v8/settings/fields?module=Nope', expect: { status: 400, body: error('INVALID_MODULE', { api_name: 'module' }) } },
    ],
  },
  {
    name: 'POST /crm/v8/coql',
    method: 'POST',
    docs: [record('coql.json', '/crm/v8/coql')],
    notProduced: {
      INVALID_ALIAS: 'the emulated COQL has no column aliases (an `as` is a SYNTAX_ERROR)',
      DUPLICATE_ALIAS: 'the emulated COQL has no column aliases',
      DUPLICATE_DATA: 'no emulated query produces it',
    },
    cases: [
      {
        name: 'a query with a lookup traversal',
        path: '/crm/v8/coql',
        json: { select_query: 'select Deal_Name, Account_Name.Account_Name from Deals where Amount > 1000 order by Amount desc limit 5' },
        expect: { status: 200, body: { data: nonEmpty, info: { more_records: true } } },
      },
      {
        name: 'no rows: an empty page (coql.json documents no 204)',
        path: '/crm/v8/coql',
        json: { select_query: "select Last_Name from Leads where Last_Name = 'Nobody-At-All'" },
        expect: { status: 200, body: { data: [], info: { count: 0, more_records: false } } },
      },
      {
        name: 'aggregates grouped by a column (COUNT, SUM): one row per group, under the aggregate as written',
        path: '/crm/v8/coql',
        json: { select_query: "select Stage, COUNT(id), SUM(Amount) from Deals where Stage = 'Qualification' group by Stage" },
        expect: {
          status: 200,
          body: {
            data: [{ Stage: 'Qualification', 'COUNT(id)': 2, 'SUM(Amount)': seed.modules.get('Deals')!.records.filter((d) => d.Stage === 'Qualification').reduce((a, d) => a + Number(d.Amount), 0) }],
            info: { count: 1, more_records: false },
          },
        },
      },
      {
        name: 'SUM of a text column → INVALID_QUERY data type not supported',
        code: 'INVALID_QUERY',
        path: '/crm/v8/coql',
        json: { select_query: 'select SUM(Deal_Name) from Deals where Amount > 0' },
        expect: { status: 400, body: error('INVALID_QUERY', { column_name: 'Deal_Name', clause: 'select' }) },
      },
      {
        name: 'a selected column that is not grouped → INVALID_QUERY',
        code: 'INVALID_QUERY',
        path: '/crm/v8/coql',
        json: { select_query: 'select Stage, Amount, COUNT(id) from Deals where Amount > 0 group by Stage' },
        expect: { status: 400, body: error('INVALID_QUERY', { column_name: 'Amount', clause: 'select' }) },
      },
      { name: 'a typo → SYNTAX_ERROR with position', code: 'SYNTAX_ERROR', path: '/crm/v8/coql', json: { select_query: 'select Last_Name frm Leads' }, expect: { status: 400, body: error('SYNTAX_ERROR', { line: 1, near: 'frm' }) } },
      { name: 'no select_query → SYNTAX_ERROR with clause', code: 'SYNTAX_ERROR', path: '/crm/v8/coql', json: {}, expect: { status: 400, body: error('SYNTAX_ERROR', { clause: 'select_query' }) } },
      { name: 'an unknown column → INVALID_QUERY', code: 'INVALID_QUERY', path: '/crm/v8/coql', json: { select_query: 'select Nope from Leads' }, expect: { status: 400, body: error('INVALID_QUERY', { column_name: 'Nope' }) } },
      { name: 'an unknown module → INVALID_QUERY', code: 'INVALID_QUERY', path: '/crm/v8/coql', json: { select_query: 'select Name from Nope' }, expect: { status: 400, body: error('INVALID_QUERY', { module: 'Nope' }) } },
      { name: 'limit over 2000 → LIMIT_EXCEEDED', code: 'LIMIT_EXCEEDED', path: '/crm/v8/coql', json: { select_query: 'select Last_Name from Leads limit 5000' }, expect: { status: 400, body: error('LIMIT_EXCEEDED', { limit: 2000 }) } },
    ],
  },
  {
    name: 'GET /crm/v8/{module}/search',
    method: 'GET',
    docs: [record('module_search.json', '/crm/v8/{module}/search'), record('record.json', '/crm/v8/{module_api_name}/search')],
    empty: [204],
    notProduced: { INVALID_REQUEST: 'Zoho\'s generic "unable to process your request"; no search input the emulator models leads to it' },
    cases: [
      { name: 'by criteria', path: '/crm/v8/Contacts/search?criteria=(Last_Name:starts_with:B)', expect: { status: 200, body: { data: nonEmpty, info: { more_records: false } } } },
      { name: 'by email', path: '/crm/v8/Contacts/search?email=bob.burns@zylker.example', expect: { status: 200, body: { data: [{ Last_Name: 'Burns' }] } } },
      { name: 'by phone', path: '/crm/v8/Contacts/search?phone=%2B1%20512%20555%200101', expect: { status: 200, body: { data: [{ Last_Name: 'Burns' }] } } },
      { name: 'by word', path: '/crm/v8/Accounts/search?word=Zylker', expect: { status: 200, body: { data: [{ Account_Name: 'Zylker Corp' }] } } },
      { name: 'no match → 204', path: '/crm/v8/Leads/search?word=no-such-thing', expect: { status: 204, empty: true } },
      { name: '15 conditions are allowed', path: `/crm/v8/Leads/search?criteria=${encodeURIComponent(conditions(15))}`, expect: { status: 204, empty: true } },
      { name: 'the last page before the 2,000-record wall', path: '/crm/v8/Leads/search?criteria=(Country:equals:United%20States)&page=10&per_page=200', expect: { status: 200, body: { info: { count: 200, page: 10, more_records: true } } } },
      {
        name: 'none of criteria/email/phone/word → EXPECTED_PARAM_MISSING',
        code: 'EXPECTED_PARAM_MISSING',
        path: '/crm/v8/Leads/search',
        expect: { status: 400, body: error('EXPECTED_PARAM_MISSING', { param_names: ['criteria', 'email', 'phone', 'word'] }) },
      },
      {
        name: '16 conditions → CRITERIA_LIMIT_EXCEEDED (limit 15)',
        code: 'CRITERIA_LIMIT_EXCEEDED',
        path: `/crm/v8/Leads/search?criteria=${encodeURIComponent(conditions(16))}`,
        expect: { status: 400, body: { ...error('CRITERIA_LIMIT_EXCEEDED', { limit: 15 }), message: 'no of criterium that can be given exceed the limit 15' } },
      },
      {
        name: 'paging past 2,000 records → LIMIT_REACHED',
        code: 'LIMIT_REACHED',
        path: '/crm/v8/Leads/search?criteria=(Country:equals:United%20States)&page=11&per_page=200',
        expect: { status: 400, body: error('LIMIT_REACHED', { limit: '2000' }) },
      },
      { name: 'an unknown module → INVALID_MODULE at resource_path_index 0', code: 'INVALID_MODULE', path: '/crm/v8/Nope/search?word=x', expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
      { name: 'an unknown field → INVALID_QUERY', code: 'INVALID_QUERY', path: '/crm/v8/Leads/search?criteria=(Nope:equals:x)', expect: { status: 400, body: error('INVALID_QUERY', { api_name: 'Nope', reason: /not in the module/ }) } },
      {
        name: 'an unknown operator → INVALID_QUERY',
        code: 'INVALID_QUERY',
        path: '/crm/v8/Leads/search?criteria=(Last_Name:sounds_like:x)',
        expect: { status: 400, body: error('INVALID_QUERY', { api_name: 'Last_Name', operator: 'sounds_like', reason: /operator/ }) },
      },
      {
        name: 'a value of the wrong type → INVALID_QUERY',
        code: 'INVALID_QUERY',
        path: '/crm/v8/Leads/search?criteria=(No_of_Employees:greater_than:many)',
        expect: { status: 400, body: error('INVALID_QUERY', { api_name: 'No_of_Employees', expected_data_type: 'integer', reason: /integer/ }) },
      },
      { name: 'broken criteria → INVALID_QUERY', code: 'INVALID_QUERY', path: '/crm/v8/Leads/search?criteria=Last_Name:equals:x', expect: { status: 400, body: error('INVALID_QUERY', { api_name: 'criteria', reason: /expected "\("/ }) } },
      {
        name: 'more than 100 values in "in" → INVALID_QUERY',
        code: 'INVALID_QUERY',
        path: `/crm/v8/Leads/search?criteria=${encodeURIComponent(`(Last_Name:in:${Array.from({ length: 101 }, (_, i) => `n${i}`).join(',')})`)}`,
        expect: { status: 400, body: { ...error('INVALID_QUERY', { api_name: 'Last_Name' }), message: 'Only 100 values are allowed in "IN" criteria' } },
      },
      { name: 'per_page over 200 → LIMIT_EXCEEDED', code: 'LIMIT_EXCEEDED', path: '/crm/v8/Leads/search?word=a&per_page=201', expect: { status: 400, body: error('LIMIT_EXCEEDED', { param: 'per_page', limit: 200 }) } },
    ],
  },
  {
    name: 'GET /crm/v8/{module_api_name}',
    method: 'GET',
    docs: [RECORDS],
    empty: [204, 304],
    cases: [
      {
        name: 'a page with a page token for the next',
        path: '/crm/v8/Leads?fields=Last_Name,Company,Owner&per_page=5',
        expect: { status: 200, body: { data: (d: unknown) => Array.isArray(d) && d.length === 5, info: { per_page: 5, count: 5, page: 1, more_records: true, next_page_token: /^[0-9a-f]{48}$/ } } },
      },
      { name: 'sorted by Modified_Time', path: '/crm/v8/Deals?fields=Deal_Name,Amount&sort_by=Modified_Time&sort_order=asc', expect: { status: 200, body: { info: { sort_by: 'Modified_Time', sort_order: 'asc' } } } },
      { name: 'nothing → 204', path: '/crm/v8/Leads?fields=Last_Name&ids=1', expect: { status: 204, empty: true } },
      { name: 'nothing modified since → 304', path: '/crm/v8/Products?fields=Product_Name', headers: { 'If-Modified-Since': '2030-01-01T00:00:00+00:00' }, expect: { status: 304, empty: true } },
      { name: 'no fields → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: '/crm/v8/Leads', expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'fields', param: 'fields' }) } },
      { name: 'per_page over 200 → LIMIT_EXCEEDED', code: 'LIMIT_EXCEEDED', path: '/crm/v8/Leads?fields=Last_Name&per_page=201', expect: { status: 400, body: error('LIMIT_EXCEEDED', { param: 'per_page', limit: 200 }) } },
      {
        name: 'more than 50 fields → LIMIT_EXCEEDED',
        code: 'LIMIT_EXCEEDED',
        path: `/crm/v8/Leads?fields=${Array.from({ length: 51 }, (_, i) => `F${i}`).join(',')}`,
        expect: { status: 400, body: error('LIMIT_EXCEEDED', { param: 'fields', limit: 50 }) },
      },
      {
        name: 'page past 2,000 records → DISCRETE_PAGINATION_LIMIT_EXCEEDED',
        code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
        path: '/crm/v8/Leads?fields=Last_Name&page=11&per_page=200',
        expect: { status: 400, body: error('DISCRETE_PAGINATION_LIMIT_EXCEEDED', { limit: 2000 }) },
      },
      { name: 'an unknown field → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/Leads?fields=Nope', expect: { status: 400, body: error('INVALID_DATA', { api_name: 'Nope', param: 'fields' }) } },
      { name: 'sort_by another field → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/Leads?fields=Last_Name&sort_by=Last_Name', expect: { status: 400, body: error('INVALID_DATA', { param: 'sort_by' }) } },
      { name: 'an unknown page_token → INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/Leads?fields=Last_Name&page_token=feed', expect: { status: 400, body: error('INVALID_DATA', { param: 'page_token' }) } },
      { name: 'an unknown module → INVALID_MODULE at resource_path_index 0', code: 'INVALID_MODULE', path: '/crm/v8/Nope?fields=Name', expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
      { name: 'v2 → API_NOT_SUPPORTED', code: 'API_NOT_SUPPORTED', path: '/crm/v2/Leads?fields=Last_Name', expect: { status: 400, body: error('API_NOT_SUPPORTED', { supported_version: 8 }) } },
    ],
  },
  {
    name: 'POST /crm/v8/{module_api_name}',
    method: 'POST',
    docs: [RECORDS],
    cases: [
      {
        name: 'every record created → 201',
        path: '/crm/v8/Leads',
        json: { data: [{ Last_Name: 'Conformance', Company: 'OAS Ltd' }] },
        expect: { status: 201, body: { data: [{ code: 'SUCCESS', status: 'success', message: 'record added', details: { id: /^\d{19}$/, Created_By: { id: ME.id } } }] } },
      },
      {
        name: 'some created → 207 with each record in order',
        path: '/crm/v8/Contacts',
        json: { data: [{ Last_Name: 'Fine' }, { Last_Name: 'Bad', Email: 'not-an-email' }] },
        expect: { status: 207, body: { data: [{ code: 'SUCCESS' }, { code: 'INVALID_DATA', details: { api_name: 'Email', json_path: '$.data[1].Email', expected_data_type: 'email' } }] } },
      },
      {
        name: 'none created → 400 MANDATORY_NOT_FOUND per record',
        code: 'MANDATORY_NOT_FOUND',
        path: '/crm/v8/Leads',
        json: { data: [{ First_Name: 'No last name', Company: 'X' }] },
        expect: { status: 400, body: recordError('MANDATORY_NOT_FOUND', { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }) },
      },
      {
        name: 'no data array → INVALID_DATA',
        code: 'INVALID_DATA',
        path: '/crm/v8/Leads',
        json: { Last_Name: 'x' },
        expect: { status: 400, body: error('INVALID_DATA', { api_name: 'data', json_path: '$.data', expected_data_type: 'jsonarray' }) },
      },
      {
        name: 'more than 100 records → LIMIT_EXCEEDED',
        code: 'LIMIT_EXCEEDED',
        path: '/crm/v8/Tasks',
        json: { data: Array.from({ length: 101 }, (_, i) => ({ Subject: `t${i}` })) },
        expect: { status: 400, body: error('LIMIT_EXCEEDED', { limit: 100 }) },
      },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: '/crm/v8/Nope', json: { data: [{}] }, expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
    ],
  },
  {
    name: 'PUT /crm/v8/{module_api_name}',
    method: 'PUT',
    docs: [RECORDS],
    cases: [
      { name: 'updated → 200', path: '/crm/v8/Deals', json: { data: [{ id: DEAL, Next_Step: 'Call' }] }, expect: { status: 200, body: { data: [{ code: 'SUCCESS', message: 'record updated', details: { id: DEAL } }] } } },
      {
        name: 'one unknown id → 207',
        path: '/crm/v8/Deals',
        json: { data: [{ id: DEAL, Amount: 1234 }, { id: UNKNOWN_ID, Amount: 1 }] },
        expect: { status: 207, body: { data: [{ code: 'SUCCESS' }, { code: 'INVALID_DATA', details: { api_name: 'id', json_path: '$.data[1].id', id: UNKNOWN_ID } }] } },
      },
      { name: 'no id → MANDATORY_NOT_FOUND', code: 'MANDATORY_NOT_FOUND', path: '/crm/v8/Deals', json: { data: [{ Amount: 1 }] }, expect: { status: 400, body: recordError('MANDATORY_NOT_FOUND', { api_name: 'id' }) } },
    ],
  },
  {
    name: 'DELETE /crm/v8/{module_api_name}',
    method: 'DELETE',
    docs: [RECORDS],
    cases: [
      { name: 'deleted → 200', path: `/crm/v8/Leads?ids=${LEAD}`, expect: { status: 200, body: { data: [{ code: 'SUCCESS', message: 'record deleted', details: { id: LEAD } }] } } },
      { name: 'one unknown → 207', path: `/crm/v8/Leads?ids=${LEAD},${UNKNOWN_ID}`, expect: { status: 207, body: { data: [{ code: 'SUCCESS' }, { code: 'INVALID_DATA', details: { id: UNKNOWN_ID } }] } } },
      { name: 'no ids → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: '/crm/v8/Leads', expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param: 'ids' }) } },
      {
        name: 'more than 100 ids → LIMIT_EXCEEDED',
        code: 'LIMIT_EXCEEDED',
        path: `/crm/v8/Leads?ids=${Array.from({ length: 101 }, (_, i) => String(4150868000900000000n + BigInt(i))).join(',')}`,
        expect: { status: 400, body: error('LIMIT_EXCEEDED', { param: 'ids', limit: 100 }) },
      },
    ],
  },
  {
    name: 'GET /crm/v8/{module_api_name}/{id}',
    method: 'GET',
    docs: [RECORD],
    cases: [
      { name: 'one record, every field', path: `/crm/v8/Accounts/${ACCOUNT}`, expect: { status: 200, body: { data: [{ id: ACCOUNT, Account_Name: 'Zylker Corp', Description: (v: unknown) => v !== undefined }] } } },
      { name: 'projected by fields', path: `/crm/v8/Accounts/${ACCOUNT}?fields=Account_Name`, expect: { status: 200, body: { data: [{ id: ACCOUNT, Account_Name: 'Zylker Corp' }] } } },
      { name: 'an unknown id → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Leads/${UNKNOWN_ID}`, expect: { status: 400, body: error('INVALID_DATA', { id: UNKNOWN_ID }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: `/crm/v8/Nope/${LEAD}`, expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
    ],
  },
  {
    name: 'PUT /crm/v8/{module_api_name}/{id}',
    method: 'PUT',
    docs: [RECORD],
    cases: [
      { name: 'updated → 200', path: `/crm/v8/Deals/${DEAL}`, json: { data: [{ Amount: 4321 }] }, expect: { status: 200, body: { data: [{ code: 'SUCCESS', details: { id: DEAL } }] } } },
      { name: 'an unknown id → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Deals/${UNKNOWN_ID}`, json: { data: [{ Amount: 1 }] }, expect: { status: 400, body: recordError('INVALID_DATA', { id: UNKNOWN_ID }) } },
      {
        name: 'a bad value → INVALID_DATA',
        code: 'INVALID_DATA',
        path: `/crm/v8/Deals/${DEAL}`,
        json: { data: [{ Stage: 'Nowhere' }] },
        expect: { status: 400, body: recordError('INVALID_DATA', { api_name: 'Stage', json_path: '$.data[0].Stage', expected_data_type: 'picklist' }) },
      },
    ],
  },
  {
    name: 'DELETE /crm/v8/{module_api_name}/{id}',
    method: 'DELETE',
    docs: [RECORD],
    cases: [
      { name: 'deleted → 200', path: `/crm/v8/Leads/${LEAD}`, expect: { status: 200, body: { data: [{ code: 'SUCCESS', details: { id: LEAD } }] } } },
      { name: 'an unknown id → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Leads/${UNKNOWN_ID}`, expect: { status: 400, body: recordError('INVALID_DATA', { id: UNKNOWN_ID }) } },
    ],
  },
  {
    name: 'GET /crm/v8/settings/related_lists',
    method: 'GET',
    docs: [record('related_lists.json', '/crm/v8/settings/related_lists')],
    cases: [
      {
        name: "an account's related lists",
        path: '/crm/v8/settings/related_lists?module=Accounts',
        expect: { status: 200, body: { related_lists: ['Notes', 'Contacts', 'Deals', 'Activities', 'Attachments', 'Retainers'].map((api_name) => ({ api_name, status: 'visible' })) } },
      },
      { name: "a lead's: notes, activities, attachments", path: '/crm/v8/settings/related_lists?module=Leads', expect: { status: 200, body: { related_lists: [{ api_name: 'Notes' }, { api_name: 'Activities' }, { api_name: 'Attachments' }] } } },
      { name: 'no module → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: '/crm/v8/settings/related_lists', expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'module', param: 'module' }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: '/crm/v8/settings/related_lists?module=Nope', expect: { status: 400, body: error('INVALID_MODULE', { param: 'module' }) } },
    ],
  },
  {
    name: 'GET /crm/v8/settings/related_lists/{id}',
    method: 'GET',
    docs: [record('related_lists.json', '/crm/v8/settings/related_lists/{id}')],
    cases: [
      { name: 'one related list by id', path: `/crm/v8/settings/related_lists/${CONTACTS_LIST_ID}?module=Accounts`, expect: { status: 200, body: { related_lists: [{ id: CONTACTS_LIST_ID, api_name: 'Contacts', module: { api_name: 'Contacts' } }] } } },
      { name: 'an id the module has not → 204', path: `/crm/v8/settings/related_lists/${UNKNOWN_ID}?module=Accounts`, expect: { status: 204, empty: true } },
      { name: 'no module → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: `/crm/v8/settings/related_lists/${CONTACTS_LIST_ID}`, expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'module' }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: `/crm/v8/settings/related_lists/${CONTACTS_LIST_ID}?module=Nope`, expect: { status: 400, body: error('INVALID_MODULE', { param: 'module' }) } },
    ],
  },
  {
    name: 'GET /crm/v8/{module_api_name}/{record_id}/{related_list_api_name}',
    method: 'GET',
    docs: [record('related_records.json', '/crm/v8/{module_api_name}/{record_id}/{related_list_api_name}')],
    empty: [204],
    notProduced: {
      NO_PERMISSION: 'the emulator has one administrator profile, allowed everything',
      CANNOT_BE_UPDATED: 'an error of PUT (updating a relation); GET changes nothing',
    },
    cases: [
      { name: "an account's contacts", path: `/crm/v8/Accounts/${ACCOUNT}/Contacts`, expect: { status: 200, body: { data: (d: unknown) => Array.isArray(d) && d.length === seed.modules.get('Contacts')!.records.filter((c) => (c.Account_Name as { id: string } | null)?.id === ACCOUNT).length, info: { page: 1, more_records: false } } } },
      { name: "a contact's deals, projected by fields", path: `/crm/v8/Contacts/${BOB}/Deals?fields=Deal_Name,Stage`, expect: { status: 200, body: { data: [{ Deal_Name: /Zylker/, Stage: /./, id: /^\d{19}$/ }, { Deal_Name: /Zylker/, Stage: /./, id: /^\d{19}$/ }] } } },
      { name: "a record's notes", path: `/crm/v8/Accounts/${ACCOUNT}/Notes`, expect: { status: 200, body: { data: [{ Note_Content: /quarterly review/ }, { Note_Title: 'Kick-off call' }] } } },
      { name: "a contact's activities, each with its Activity_Type", path: `/crm/v8/Contacts/${BOB}/Activities?per_page=2`, expect: { status: 200, body: { data: [{ Activity_Type: /^(Tasks|Events|Calls)$/ }, { Activity_Type: /^(Tasks|Events|Calls)$/ }], info: { per_page: 2, more_records: true } } } },
      { name: 'none → 204', path: `/crm/v8/Accounts/${ACME}/Retainers`, expect: { status: 204, empty: true } },
      { name: 'an unknown record → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Accounts/${UNKNOWN_ID}/Contacts`, expect: { status: 400, body: error('INVALID_DATA', { id: UNKNOWN_ID, resource_path_index: 1 }) } },
      { name: 'an unknown related list → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Accounts/${ACCOUNT}/Invoices`, expect: { status: 400, body: { code: 'INVALID_DATA', message: 'The relation name given seems to be invalid', details: { resource_path_index: 2 } } } },
      { name: 'an unknown field → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Accounts/${ACCOUNT}/Deals?fields=Nope`, expect: { status: 400, body: error('INVALID_DATA', { param_name: 'fields' }) } },
      { name: 'an unknown module → INVALID_URL_PATTERN', code: 'INVALID_URL_PATTERN', path: `/crm/v8/Nope/${ACCOUNT}/Contacts`, expect: { status: 404, body: error('INVALID_URL_PATTERN', { resource_path_index: 0 }) } },
      { name: 'a method the path does not take → INVALID_REQUEST_METHOD', code: 'INVALID_REQUEST_METHOD', method: 'POST', path: `/crm/v8/Accounts/${ACCOUNT}/Contacts`, json: {}, expect: { status: 400, body: error('INVALID_REQUEST_METHOD') } },
      { name: 'an invalid token → INVALID_TOKEN', code: 'INVALID_TOKEN', path: `/crm/v8/Accounts/${ACCOUNT}/Contacts`, token: 'not-a-token', expect: { status: 401, body: error('INVALID_TOKEN') } },
      {
        name: 'a server failure → INTERNAL_ERROR',
        code: 'INTERNAL_ERROR',
        path: `/crm/v8/Accounts/${ACCOUNT}/Contacts`,
        setup: (emu) => void emu.faults.add({ app: 'crm', route: 'GET /crm/v8/Accounts/*/Contacts', kind: 'status', status: 500, times: 1 }),
        expect: { status: 500, body: error('INTERNAL_ERROR') },
      },
    ],
  },
  {
    name: 'GET /crm/v8/Notes',
    method: 'GET',
    // Notes is a module too: record.json's list documents its errors (REQUIRED_PARAM_MISSING).
    docs: [record('notes.json', '/crm/v8/Notes'), RECORDS],
    empty: [204],
    notProduced: { INTERNAL_SERVER_ERROR: "notes.json puts it under its 400 answer; a 5xx of the emulator's module paths is record.json's INTERNAL_ERROR" },
    cases: [
      { name: 'every note, newest first', path: '/crm/v8/Notes?fields=Note_Title,Note_Content&per_page=3', expect: { status: 200, body: { data: (d: unknown) => Array.isArray(d) && d.length === 3, info: { per_page: 3, page: 1, more_records: true, sort_by: 'id', sort_order: 'desc' } } } },
      { name: 'by ids', path: `/crm/v8/Notes?fields=Note_Content&ids=${seed.notes[0]!.id}`, expect: { status: 200, body: { data: [{ id: seed.notes[0]!.id, Parent_Id: { module: { api_name: 'Accounts' }, id: ACCOUNT } }] } } },
      { name: 'no fields → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: '/crm/v8/Notes', expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'fields', param: 'fields' }) } },
    ],
  },
  {
    name: 'POST /crm/v8/Notes',
    method: 'POST',
    docs: [record('notes.json', '/crm/v8/Notes')],
    cases: [
      {
        name: 'a note on a record → 201',
        path: '/crm/v8/Notes',
        json: { data: [{ Note_Title: 'Call', Note_Content: 'Called about the launch.', Parent_Id: { module: { api_name: 'Accounts' }, id: ACCOUNT } }] },
        expect: { status: 201, body: { data: [{ code: 'SUCCESS', message: 'record added', details: { id: /^\d{19}$/, Created_By: { id: ME.id } } }] } },
      },
      {
        name: 'no content → 202 MANDATORY_NOT_FOUND',
        code: 'MANDATORY_NOT_FOUND',
        path: '/crm/v8/Notes',
        json: { data: [{ Note_Title: 'Empty', Parent_Id: { module: { api_name: 'Accounts' }, id: ACCOUNT } }] },
        expect: { status: 202, body: recordError('MANDATORY_NOT_FOUND', { api_name: 'Note_Content' }) },
      },
      {
        name: 'an unknown parent → 202 INVALID_DATA',
        code: 'INVALID_DATA',
        path: '/crm/v8/Notes',
        json: { data: [{ Note_Content: 'x', Parent_Id: { module: { api_name: 'Accounts' }, id: UNKNOWN_ID } }] },
        expect: { status: 202, body: recordError('INVALID_DATA', { api_name: 'Parent_Id', expected_data_type: 'jsonobject' }) },
      },
      {
        name: 'a title over its length → 202 INVALID_DATA with maximum_length',
        code: 'INVALID_DATA',
        path: '/crm/v8/Notes',
        json: { data: [{ Note_Title: 'T'.repeat(121), Note_Content: 'x', Parent_Id: { module: { api_name: 'Accounts' }, id: ACCOUNT } }] },
        expect: { status: 202, body: recordError('INVALID_DATA', { api_name: 'Note_Title', maximum_length: 120 }) },
      },
      { name: 'no data → 202 INVALID_DATA', code: 'INVALID_DATA', path: '/crm/v8/Notes', json: {}, expect: { status: 202, body: error('INVALID_DATA', { api_name: 'data', expected_data_type: 'jsonarray' }) } },
    ],
  },
  {
    name: 'POST /crm/v8/{module_api_name}/upsert',
    method: 'POST',
    docs: [record('record.json', '/crm/v8/{module_api_name}/upsert')],
    cases: [
      {
        name: 'no record has the Email → inserted, action insert',
        path: '/crm/v8/Leads/upsert',
        json: { data: [{ Last_Name: 'Upsert', Company: 'New Co', Email: 'upsert.new@example.com' }] },
        expect: { status: 200, body: { data: [{ code: 'SUCCESS', message: 'record added', action: 'insert', duplicate_field: null, details: { id: /^\d{19}$/ } }] } },
      },
      {
        name: 'a record has the Email → updated, action update, duplicate_field Email',
        path: '/crm/v8/Contacts/upsert',
        json: { data: [{ Email: 'BOB.BURNS@zylker.example', Last_Name: 'Burns', Title: 'CMO' }] },
        expect: { status: 200, body: { data: [{ code: 'SUCCESS', message: 'record updated', action: 'update', duplicate_field: 'Email', details: { id: BOB } }] } },
      },
      {
        name: 'by named duplicate_check_fields',
        path: '/crm/v8/Accounts/upsert',
        json: { data: [{ Account_Name: 'Zylker Corp', Phone: '+1 512 555 0999' }], duplicate_check_fields: ['Account_Name'] },
        expect: { status: 200, body: { data: [{ action: 'update', duplicate_field: 'Account_Name', details: { id: ACCOUNT } }] } },
      },
      {
        name: 'one inserted, one refused → 207',
        path: '/crm/v8/Leads/upsert',
        json: { data: [{ Last_Name: 'Fine', Company: 'Ok', Email: 'fine.upsert@example.com' }, { Company: 'No last name', Email: 'nolast@example.com' }] },
        expect: { status: 207, body: { data: [{ code: 'SUCCESS', action: 'insert' }, { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' } }] } },
      },
      {
        name: 'every record refused → 400',
        code: 'MANDATORY_NOT_FOUND',
        path: '/crm/v8/Leads/upsert',
        json: { data: [{ Company: 'No last name', Email: 'nolast2@example.com' }] },
        expect: { status: 400, body: recordError('MANDATORY_NOT_FOUND', { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }) },
      },
      {
        name: 'an unknown duplicate-check field → INVALID_DATA',
        code: 'INVALID_DATA',
        path: '/crm/v8/Leads/upsert',
        json: { data: [{ Last_Name: 'X', Company: 'Y' }], duplicate_check_fields: ['Nope'] },
        expect: { status: 400, body: error('INVALID_DATA', { api_name: 'Nope', json_path: '$.duplicate_check_fields[0]' }) },
      },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: '/crm/v8/Nope/upsert', json: { data: [{}] }, expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
    ],
  },
  {
    name: 'POST /crm/v8/Leads/{lead_id}/actions/convert',
    method: 'POST',
    docs: [record('convert_lead.json', '/crm/v8/Leads/{lead_id}/actions/convert')],
    notProduced: { MAPPING_MISMATCH: 'pipelines are not emulated, so no Stage is missing from one' },
    cases: [
      {
        name: 'into a new contact, a new account and a deal',
        path: `/crm/v8/Leads/${LEAD}/actions/convert`,
        json: { data: [{ Deals: { Deal_Name: 'Converted deal', Stage: 'Qualification', Closing_Date: '2026-06-30', Amount: 5000 } }] },
        expect: {
          status: 200,
          body: { data: [{ code: 'SUCCESS', message: 'The record has been converted successfully', status: 'success', details: { Contacts: { id: /^\d{19}$/ }, Accounts: { id: /^\d{19}$/ }, Deals: { id: /^\d{19}$/, name: 'Converted deal' } } }] },
        },
      },
      {
        name: 'into an existing account, no deal',
        path: `/crm/v8/Leads/${LEAD2}/actions/convert`,
        json: { data: [{ Accounts: { id: ACCOUNT } }] },
        expect: { status: 200, body: { data: [{ code: 'SUCCESS', details: { Accounts: { id: ACCOUNT, name: 'Zylker Corp' }, Deals: null } }] } },
      },
      {
        name: 'already converted → ID_ALREADY_CONVERTED',
        code: 'ID_ALREADY_CONVERTED',
        path: `/crm/v8/Leads/${LEAD}/actions/convert`,
        json: { data: [{}] },
        setup: (emu) => void Object.assign(emu.state<CrmState>('crm').modules.get('Leads')!.byId.get(LEAD)!, { Converted__s: true }),
        expect: { status: 400, body: error('ID_ALREADY_CONVERTED', { resource_path_index: 1 }) },
      },
      { name: 'an unknown lead → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Leads/${UNKNOWN_ID}/actions/convert`, json: { data: [{}] }, expect: { status: 400, body: error('INVALID_DATA', { resource_path_index: 1 }) } },
      {
        name: 'a deal without Stage → MANDATORY_NOT_FOUND at its json_path',
        code: 'MANDATORY_NOT_FOUND',
        path: `/crm/v8/Leads/${LEAD}/actions/convert`,
        json: { data: [{ Deals: { Deal_Name: 'No stage', Closing_Date: '2026-06-30' } }] },
        expect: { status: 400, body: recordError('MANDATORY_NOT_FOUND', { api_name: 'Stage', json_path: '$.data[0].Deals.Stage' }) },
      },
      {
        name: "a deal's bad value → INVALID_DATA with expected_data_type",
        code: 'INVALID_DATA',
        path: `/crm/v8/Leads/${LEAD}/actions/convert`,
        json: { data: [{ Deals: { Deal_Name: 'Odd', Stage: 'Nowhere', Closing_Date: '2026-06-30' } }] },
        expect: { status: 400, body: recordError('INVALID_DATA', { api_name: 'Stage', json_path: '$.data[0].Deals.Stage', expected_data_type: 'picklist' }) },
      },
      { name: 'no data → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Leads/${LEAD}/actions/convert`, json: {}, expect: { status: 400, body: error('INVALID_DATA', { api_name: 'data', json_path: '$.data' }) } },
    ],
  },
  {
    name: 'GET /crm/v8/{module}/{record_id}/Attachments',
    method: 'GET',
    docs: [record('attachments.json', '/crm/v8/{module}/{record_id}/Attachments')],
    notProduced: { INVALID_REQUEST: 'answers an upload without a file part; a list takes no body' },
    cases: [
      { name: "a record's files", path: `/crm/v8/Accounts/${ACCOUNT}/Attachments?fields=id,File_Name,Size`, expect: { status: 200, body: { data: [{ File_Name: /meeting-notes\.txt$/ }, { File_Name: /brand-guide\.pdf$/, Size: String(PDF.data.length) }], info: { per_page: 200, page: 1, count: 2, more_records: false } } } },
      { name: 'none → 204', path: `/crm/v8/Leads/${LEAD}/Attachments?fields=File_Name`, expect: { status: 204, empty: true } },
      { name: 'no fields → REQUIRED_PARAM_MISSING', code: 'REQUIRED_PARAM_MISSING', path: `/crm/v8/Accounts/${ACCOUNT}/Attachments`, expect: { status: 400, body: error('REQUIRED_PARAM_MISSING', { param_name: 'fields', param: 'fields' }) } },
      { name: 'an unknown record → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Accounts/${UNKNOWN_ID}/Attachments?fields=File_Name`, expect: { status: 400, body: error('INVALID_DATA', { related_status: 'invalid', resource_path_index: 1 }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: `/crm/v8/Nope/${ACCOUNT}/Attachments?fields=File_Name`, expect: { status: 400, body: error('INVALID_MODULE', { related_status: 'invalid', resource_path_index: 0 }) } },
    ],
  },
  {
    name: 'POST /crm/v8/{module}/{record_id}/Attachments',
    method: 'POST',
    docs: [record('attachments.json', '/crm/v8/{module}/{record_id}/Attachments')],
    notProduced: { REQUIRED_PARAM_MISSING: 'an upload needs no query parameter; a missing file is INVALID_REQUEST' },
    cases: [
      {
        name: 'a file as multipart → 200',
        path: `/crm/v8/Deals/${DEAL}/Attachments`,
        ...multipart('file', 'scope.txt', 'text/plain', Buffer.from('the scope')),
        expect: { status: 200, body: { data: [{ code: 'SUCCESS', status: 'success', details: { id: /^\d{19}$/, Created_By: { id: ME.id, email: ME.email } } }] } },
      },
      { name: 'a link by attachmentUrl → 200', path: `/crm/v8/Deals/${DEAL}/Attachments?attachmentUrl=${encodeURIComponent('https://example.com/brief')}&title=Brief`, expect: { status: 200, body: { data: [{ code: 'SUCCESS' }] } } },
      { name: 'no file → INVALID_REQUEST', code: 'INVALID_REQUEST', path: `/crm/v8/Deals/${DEAL}/Attachments`, json: {}, expect: { status: 400, body: error('INVALID_REQUEST', { expected_type: 'file' }) } },
      {
        name: 'over 20 MB → INVALID_DATA',
        code: 'INVALID_DATA',
        path: `/crm/v8/Deals/${DEAL}/Attachments`,
        ...multipart('file', 'huge.bin', 'application/octet-stream', Buffer.alloc(20 * 1024 * 1024 + 1)),
        expect: { status: 400, body: error('INVALID_DATA', { api_name: 'file', limit: 20 * 1024 * 1024 }) },
      },
      { name: 'an unknown record → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Deals/${UNKNOWN_ID}/Attachments`, ...multipart('file', 'a.txt', 'text/plain', Buffer.from('a')), expect: { status: 400, body: error('INVALID_DATA', { resource_path_index: 1 }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: `/crm/v8/Nope/${DEAL}/Attachments`, ...multipart('file', 'a.txt', 'text/plain', Buffer.from('a')), expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
    ],
  },
  {
    name: 'GET /crm/v8/{module}/{record_id}/Attachments/{id}',
    method: 'GET',
    docs: [record('attachments.json', '/crm/v8/{module}/{record_id}/Attachments/{id}')],
    binary: true,
    notProduced: {
      INVALID_REQUEST: 'answers an upload without a file part; a download takes no body',
      REQUIRED_PARAM_MISSING: 'a download takes no query parameter',
    },
    cases: [
      {
        name: "the file's bytes, type, length and name",
        path: `/crm/v8/Accounts/${ACCOUNT}/Attachments/${PDF.id}`,
        expect: {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-length': String(PDF.data.length), 'content-disposition': new RegExp(`filename="${PDF.File_Name.replace(/\./g, '\\.')}"`) },
          check: (a) => (a.text.startsWith('%PDF-') ? [] : ['not the PDF']),
        },
      },
      { name: 'an unknown attachment → INVALID_DATA', code: 'INVALID_DATA', path: `/crm/v8/Accounts/${ACCOUNT}/Attachments/${UNKNOWN_ID}`, expect: { status: 400, body: error('INVALID_DATA', { related_status: 'invalid', resource_path_index: 3 }) } },
      { name: "another record's attachment → INVALID_DATA", code: 'INVALID_DATA', path: `/crm/v8/Accounts/${ACME}/Attachments/${PDF.id}`, expect: { status: 400, body: error('INVALID_DATA', { resource_path_index: 3 }) } },
      { name: 'an unknown module → INVALID_MODULE', code: 'INVALID_MODULE', path: `/crm/v8/Nope/${ACCOUNT}/Attachments/${PDF.id}`, expect: { status: 400, body: error('INVALID_MODULE', { resource_path_index: 0 }) } },
    ],
  },
];

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false } });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

/** The OAS check of one answer: empty answers where documented, bodies against the operation's schemas. */
function conforms(op: Operation, status: number, body: unknown, text: string, headers: Record<string, string>): string[] {
  if (op.binary && status === 200) {
    const types = op.docs.flatMap((d) => Object.keys(oas.operation(d.file, d.path, op.method).responses['200']?.content ?? oas.resolve(oas.operation(d.file, d.path, op.method).responses['200'].$ref, d.file).schema.content ?? {}));
    const problems = types.some((t) => !t.includes('json')) ? [] : ['the OAS documents no file answer'];
    if (String(headers['content-type'] ?? '').includes('json')) problems.push('a file answer sent as JSON');
    if (text === '') problems.push('an empty file');
    return problems;
  }
  if (status === 204 || status === 304) {
    const documented = op.docs.some((d) => oas.statuses(d.file, d.path, op.method).includes(status)) || op.empty?.includes(status);
    return [...(documented ? [] : [`${status} is documented neither by the OAS nor the digest`]), ...(text === '' ? [] : ['a body on an empty answer'])];
  }
  return oas.validateAnswer(op.docs, op.method, status, body);
}

describe.each(OPERATIONS)('$name', (op) => {
  it.each(op.cases)('$name', async (c) => {
    // A case sends its operation's method unless it names another on purpose.
    const outcome = await runAnswerCase(emu, 'crm', {
      method: op.method,
      ...c,
      expect: { ...c.expect, check: (answer) => [...(c.expect.check?.(answer) ?? []), ...conforms(op, answer.status, answer.body, answer.text, answer.headers)] },
    });
    expect(outcome.problems).toEqual([]);
  });
});

describe('the table covers the OAS', () => {
  it('every documented error code of a served operation is sent, or listed as not produced with a reason', () => {
    const gaps: string[] = [];
    for (const op of OPERATIONS) {
      const documented = new Set(op.docs.flatMap((d) => oas.documentedErrorCodes(d, op.method)));
      const sent = new Set(op.cases.flatMap((c) => (c.code ? [c.code] : [])));
      for (const code of documented) if (!sent.has(code) && !op.notProduced?.[code]) gaps.push(`${op.name}: ${code} is documented but neither sent nor listed as not produced`);
      for (const code of Object.keys(op.notProduced ?? {})) {
        if (!documented.has(code)) gaps.push(`${op.name}: ${code} is listed as not produced but the OAS does not document it`);
        if (sent.has(code)) gaps.push(`${op.name}: ${code} is listed as not produced but a case sends it`);
      }
      if (!op.cases.some((c) => c.expect.status < 300)) gaps.push(`${op.name}: no valid request`);
    }
    expect(gaps).toEqual([]);
  });

  it('search documents the errors the issue names', () => {
    const codes = oas.documentedErrorCodes({ file: 'module_search.json', path: '/crm/v8/{module}/search' }, 'GET');
    expect(codes).toEqual(expect.arrayContaining(['EXPECTED_PARAM_MISSING', 'CRITERIA_LIMIT_EXCEEDED', 'LIMIT_REACHED', 'INVALID_MODULE', 'INVALID_QUERY']));
  });
});

describe('envelopes every CRM route shares', () => {
  it('token, scope, throttle, 404, bad method and 5xx answers validate as API_Exception', () => {
    const exception = oas.resolve('#/components/schemas/API_Exception', 'record.json');
    const answers = [
      crmEmulator.errors.invalidToken('expired'),
      crmEmulator.errors.scopeMismatch(['ZohoCRM.modules.leads.READ']),
      crmEmulator.errors.throttled(2),
      crmEmulator.errors.notFound('GET', '/crm/v8/x/y/z'),
      crmEmulator.errors.methodNotAllowed!('POST', '/crm/v8/org', ['GET']),
      crmEmulator.errors.serverError(500, '/crm/v8/Leads'),
    ];
    for (const a of answers) expect(oas.validate(exception.schema, a.body, exception.file)).toEqual([]);
  });

  it('the validator has teeth', () => {
    const exception = oas.resolve('#/components/schemas/API_Exception', 'record.json');
    expect(oas.validate(exception.schema, { code: 'MADE_UP', message: 'invalid data', status: 'error', details: {} }, exception.file)).not.toEqual([]);
    expect(oas.validate(exception.schema, { code: 'INVALID_DATA', message: 'invalid data', status: 'error', details: { position: 3 } }, exception.file)).toEqual([
      expect.stringContaining('"position" is not a documented details key'),
    ]);
    const list = oas.responseSchema('record.json', '/crm/v8/{module_api_name}', 'GET', 200)!;
    expect(oas.validate(list.schema, { data: [{ id: 1 }], info: { count: '1' } }, list.file).length).toBeGreaterThan(0);
    const fields = oas.responseSchema('fields.json', '/crm/v8/settings/fields', 'GET', 200)!;
    expect(oas.validate(fields.schema, { fields: [{ api_name: 'X' }] }, fields.file).length).toBeGreaterThan(10);
    const search = [{ file: 'module_search.json', path: '/crm/v8/{module}/search' }];
    expect(oas.validateAnswer(search, 'GET', 400, { code: 'EXPECTED_PARAM_MISSING', message: 'x', status: 'error', details: { param: 'criteria' } }).length).toBeGreaterThan(0);
  });
});

describe('the seed behind the answers', () => {
  it('the current user owns seeded records, and every owner is a user', () => {
    const state = emu.state<CrmState>('crm');
    const ids = new Set(state.users.map((u) => u.id));
    let mine = 0;
    for (const store of state.modules.values()) {
      for (const r of store.records) {
        const owner = (r.Owner as { id: string }).id;
        expect(ids.has(owner)).toBe(true);
        if (owner === state.currentUser.id) mine++;
      }
    }
    expect(mine).toBeGreaterThan(100);
  });
});
