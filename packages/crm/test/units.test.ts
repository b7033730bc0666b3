import { describe, expect, it } from 'vitest';
import { buildCriteria, criteriaCondition, crmEnvelopeReader, crmPlugin, crmTools, escapeCriteriaValue, mandatoryFieldsFor } from '../src/index.js';
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
    expect(names.sort()).toEqual(['crm_coql_query', 'crm_create_record', 'crm_delete_record', 'crm_describe_module', 'crm_get_record', 'crm_list_records', 'crm_search', 'crm_update_record']);
    for (const t of crmTools) {
      expect(t.scopes.length).toBeGreaterThan(0);
      expect(t.description).toMatch(/Example/);
      const props = (t.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(props)) expect(schema.description, `${t.name}.${field}`).toBeTruthy();
    }
    expect(crmTools.find((t) => t.name === 'crm_delete_record')!.access).toBe('destructive');
    expect(crmTools.filter((t) => t.access === 'write').map((t) => t.name).sort()).toEqual(['crm_create_record', 'crm_update_record']);
  });

  it('knows the standard-layout mandatory fields', () => {
    expect(mandatoryFieldsFor('Deals')).toEqual(['Deal_Name', 'Stage', 'Closing_Date', 'Account_Name']);
    expect(mandatoryFieldsFor('Leads')).toEqual(['Last_Name', 'Company']);
    expect(mandatoryFieldsFor('Retainers')).toEqual([]);
  });
});
