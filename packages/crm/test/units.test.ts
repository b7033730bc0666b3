import { ToolInputError } from '@zoho-agent-kit/core';
import { describe, expect, it } from 'vitest';
import { buildCriteria, criteriaCondition, crmEnvelopeReader, crmPlugin, crmTools, escapeCriteriaValue, mandatoryFieldsFor, type CrmField } from '../src/index.js';
import { checkFieldValue, sameFieldValue } from '../src/tools/values.js';
import { parseCriteria } from '../src/emulator/criteria.js';
import { createRequire } from 'node:module';

const res = (status: number, body?: unknown, headers: Record<string, string> = {}) => ({ status, headers, body });

describe('crmEnvelopeReader', () => {
  it('treats every 2xx (201, 204, 207) and 304 as success', () => {
    for (const status of [200, 201, 202, 204, 207, 304]) expect(crmEnvelopeReader(res(status, status === 204 ? undefined : { data: [] }))).toBeUndefined();
  });

  it.each([
    [401, 'INVALID_TOKEN', 'invalid_token'],
    [401, 'AUTHENTICATION_FAILURE', 'invalid_token'],
    [401, 'OAUTH_SCOPE_MISMATCH', 'scope'],
    [403, 'NO_PERMISSION', 'permission'],
    [400, 'INVALID_MODULE', 'validation'],
    [400, 'INVALID_DATA', 'validation'],
    [400, 'REQUIRED_PARAM_MISSING', 'validation'],
    [400, 'MANDATORY_NOT_FOUND', 'validation'],
    [400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', 'validation'],
    [400, 'SYNTAX_ERROR', 'validation'],
    [400, 'INVALID_QUERY', 'validation'],
    [429, 'TOO_MANY_REQUESTS', 'throttled'],
    [500, 'INTERNAL_ERROR', 'server'],
    [503, 'SOMETHING_NEW', 'server'],
  ])('%i %s → %s', (status, code, kind) => {
    const info = crmEnvelopeReader(res(status, { code, message: 'm', details: { api_name: 'X' }, status: 'error' }));
    expect(info).toMatchObject({ code, kind, message: 'm', details: { api_name: 'X' } });
  });

  it('reads a 429 without a body and its Retry-After', () => {
    expect(crmEnvelopeReader(res(429, undefined, { 'retry-after': '3' }))).toMatchObject({ code: 'TOO_MANY_REQUESTS', kind: 'throttled', retryAfterMs: 3000 });
  });

  it('reads an all-failed batch (400 with per-record results)', () => {
    const info = crmEnvelopeReader(
      res(400, {
        data: [
          { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }, message: 'required field not found', status: 'error' },
          { code: 'INVALID_DATA', details: { api_name: 'Email' }, message: 'invalid data', status: 'error' },
        ],
      }),
    );
    expect(info).toMatchObject({ code: 'MANDATORY_NOT_FOUND', kind: 'validation', details: { api_name: 'Last_Name' } });
    expect(info!.message).toContain('2 of 2 records failed');
    expect(info!.message).toContain('record 2: INVALID_DATA');
  });
});

describe('criteria helpers', () => {
  it('escapes backslash first, then ( ) ,', () => {
    expect(escapeCriteriaValue('a\\b(c),d')).toBe('a\\\\b\\(c\\)\\,d');
    expect(escapeCriteriaValue(42)).toBe('42');
  });

  it('builds conditions and groups', () => {
    expect(criteriaCondition({ field: 'Last_Name', operator: 'equals', value: 'Burns,B' })).toBe('(Last_Name:equals:Burns\\,B)');
    expect(criteriaCondition({ field: 'Stage', operator: 'in', value: ['A', 'B,C'] })).toBe('(Stage:in:A,B\\,C)');
    expect(
      buildCriteria([
        { field: 'A', operator: 'equals', value: 1 },
        { field: 'B', operator: 'starts_with', value: 'x' },
      ], 'or'),
    ).toBe('((A:equals:1)or(B:starts_with:x))');
    expect(() => criteriaCondition({ field: 'A', operator: 'between', value: [1] })).toThrow(/two values/);
    expect(() => criteriaCondition({ field: 'A;drop', operator: 'equals', value: 1 })).toThrow();
  });

  it('what the builder escapes, the emulator parser reads back exactly', () => {
    const value = 'Burns, Bob (Jr.) \\ Sons';
    const node = parseCriteria(buildCriteria([{ field: 'Company', operator: 'equals', value }, { field: 'Stage', operator: 'in', value: ['a,b', 'c'] }]));
    expect(node).toEqual({
      kind: 'group',
      op: 'and',
      children: [
        { kind: 'cond', field: 'Company', operator: 'equals', values: [value] },
        { kind: 'cond', field: 'Stage', operator: 'in', values: ['a,b', 'c'] },
      ],
    });
  });
});

describe('plugin contract', () => {
  it('has the package name and version', () => {
    const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };
    expect(crmPlugin).toMatchObject({ name: pkg.name, version: pkg.version, app: 'crm', emulator: '@zoho-agent-kit/crm/emulator' });
  });

  it('names and descriptions are unique, every input field is described, scopes are declared', () => {
    const names = crmTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(crmTools.map((t) => t.description)).size).toBe(names.length);
    expect(names.sort()).toEqual([
      'crm_add_note',
      'crm_convert_lead',
      'crm_coql_query',
      'crm_create_record',
      'crm_delete_record',
      'crm_describe_module',
      'crm_download_attachment',
      'crm_get_record',
      'crm_get_related_records',
      'crm_list_activities',
      'crm_list_attachments',
      'crm_list_notes',
      'crm_list_records',
      'crm_pipeline_summary',
      'crm_search',
      'crm_update_record',
      'crm_upload_attachment',
      'crm_upsert_record',
    ]);
    for (const t of crmTools) {
      expect(t.scopes.length).toBeGreaterThan(0);
      expect(t.description).toMatch(/Example/);
      expect(t.description, t.name).toMatch(/Returns/);
      const props = (t.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(props)) expect(schema.description, `${t.name}.${field}`).toBeTruthy();
    }
    expect(crmTools.find((t) => t.name === 'crm_delete_record')!.access).toBe('destructive');
    expect(crmTools.filter((t) => t.access === 'write').map((t) => t.name).sort()).toEqual(['crm_add_note', 'crm_convert_lead', 'crm_create_record', 'crm_update_record', 'crm_upload_attachment', 'crm_upsert_record']);
  });

  it('knows the standard-layout mandatory fields', () => {
    expect(mandatoryFieldsFor('Deals')).toEqual(['Deal_Name', 'Stage', 'Closing_Date', 'Account_Name']);
    expect(mandatoryFieldsFor('Leads')).toEqual(['Last_Name', 'Company']);
    expect(mandatoryFieldsFor('Retainers')).toEqual([]);
  });
});

describe('checkFieldValue (field metadata → value checks)', () => {
  const field = (data_type: string, extra: Partial<CrmField> = {}): CrmField => ({ api_name: 'F', data_type, ...extra });
  const ctx = { module: 'M', path: 'records[0].F', mandatory: false };
  const check = (f: CrmField, v: unknown) => checkFieldValue(f, v, ctx);
  const refuses = (f: CrmField, v: unknown, message: RegExp) => {
    let error: unknown;
    try {
      check(f, v);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ToolInputError);
    expect((error as ToolInputError).field).toBe('records[0].F');
    expect((error as Error).message).toMatch(message);
  };
  const picklist = (...values: string[]) => ({ pick_list_values: ['-None-', ...values].map((v) => ({ display_value: v, actual_value: v })) });

  it('multi-select picklists take lists of known values', () => {
    const f = field('multiselectpicklist', picklist('Red', 'Green'));
    expect(check(f, ['Red', 'green'])).toEqual(['Red', 'Green']);
    refuses(f, 'Red', /takes a list/);
    refuses(f, ['Blue'], /has no value "Blue"/);
    refuses(f, [1], /takes text values/);
  });

  it('decimal, percent and currency take numbers within their digits; bigint takes whole numbers', () => {
    expect(check(field('double'), '12.5')).toBe(12.5);
    expect(check(field('percent'), 42)).toBe(42);
    refuses(field('currency', { length: 16, decimal_place: 2 }), 1e15, /at most 14 digits before the decimal point/);
    refuses(field('decimal'), Number.NaN, /takes a number/);
    expect(check(field('bigint'), '123456789012')).toBe(123456789012);
    refuses(field('bigint'), 1.5, /whole number/);
  });

  it('date-times gain seconds and a numeric offset; impossible ones are refused', () => {
    expect(check(field('datetime'), '2026-03-31T15:00Z')).toBe('2026-03-31T15:00:00+00:00');
    expect(check(field('datetime'), '2026-03-31T15:00:05.123-05:00')).toBe('2026-03-31T15:00:05-05:00');
    refuses(field('datetime'), '2026-03-31T25:00:00-05:00', /date-time with its offset/);
    refuses(field('datetime'), '2026-03-31T15:00:00', /date-time with its offset/);
    refuses(field('date'), '2026-13-01', /yyyy-mm-dd/);
  });

  it('lookups and users take ids as strings or {id}, never numbers', () => {
    expect(check(field('lookup'), '4150868000000100000')).toEqual({ id: '4150868000000100000' });
    expect(check(field('userlookup'), { id: '4150868000000225013', name: 'Maya' })).toEqual({ id: '4150868000000225013' });
    refuses(field('ownerlookup'), 4150868000000225, /send ids as strings/);
    refuses(field('lookup'), 'Zylker Corp', /record id \(digits\)/);
    refuses(field('lookup'), [], /must be \{"id":"…"\}/);
  });

  it('mandatory fields cannot be cleared; others clear with null', () => {
    expect(check(field('text'), null)).toBeNull();
    expect(() => checkFieldValue(field('text'), '  ', { ...ctx, mandatory: true })).toThrow(/required and cannot be cleared/);
  });

  it('uploads are refused; unknown types are checked by their JSON shape only', () => {
    refuses(field('fileupload'), [{ file_id: 'x' }], /cannot be set through this tool/);
    refuses(field('subform', { json_type: 'jsonarray' }), { a: 1 }, /takes a list/);
    expect(check(field('subform', { json_type: 'jsonarray' }), [{ a: 1 }])).toEqual([{ a: 1 }]);
  });

  it('quotes at most a short prefix of a bad value', () => {
    let message = '';
    try {
      check(field('email'), `${'a'.repeat(5000)}`);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('(5000 characters)');
  });
});

describe('sameFieldValue (reading a write back)', () => {
  const field = (data_type: string, extra: Partial<CrmField> = {}): CrmField => ({ api_name: 'F', data_type, ...extra });
  it('compares as Zoho stores values', () => {
    expect(sameFieldValue(field('lookup'), { id: '1' }, { name: 'A', id: '1' })).toBe(true);
    expect(sameFieldValue(field('lookup'), { id: '1' }, { name: 'A', id: '2' })).toBe(false);
    expect(sameFieldValue(field('datetime'), '2026-03-31T15:00:00+00:00', '2026-03-31T10:00:00-05:00')).toBe(true);
    expect(sameFieldValue(field('currency', { decimal_place: 2 }), 10.004, 10)).toBe(true);
    expect(sameFieldValue(field('currency', { decimal_place: 2 }), 10.01, 10)).toBe(false);
    expect(sameFieldValue(field('email'), 'Ada@Example.com', 'ada@example.com')).toBe(true);
    expect(sameFieldValue(field('text'), ' Ada  Lovelace ', 'Ada Lovelace')).toBe(true);
    expect(sameFieldValue(field('multiselectpicklist'), ['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameFieldValue(field('text'), null, undefined)).toBe(true);
    expect(sameFieldValue(field('text'), 'x', null)).toBe(false);
  });
});
