import { describe, expect, it } from 'vitest';
import { DirectInputError, parseDirectCall, parseValue } from '../src/direct.js';

describe('direct-mode calls', () => {
  it('reads tool_name {json}, keeping 19-digit ids exact', () => {
    expect(parseDirectCall('crm_search {"module":"Leads","word":"Zylker"}')).toEqual({ name: 'crm_search', input: { module: 'Leads', word: 'Zylker' } });
    expect(parseDirectCall('crm_get_record {"module":"Leads","id":5725767000000411001}').input.id).toBe('5725767000000411001');
  });

  it('reads key=value pairs, parsing numbers, booleans and JSON', () => {
    expect(parseDirectCall('crm_list_records module=Leads per_page=5 raw=true fields=["Email","Company"]')).toEqual({
      name: 'crm_list_records',
      input: { module: 'Leads', per_page: 5, raw: true, fields: ['Email', 'Company'] },
    });
    expect(parseDirectCall(`crm_search module=Leads word="Zylker Corp" criteria='(Last_Name:equals:O''Brien)'`).input.word).toBe('Zylker Corp');
    expect(parseDirectCall('crm_search code="0042" n=7').input).toEqual({ code: '0042', n: 7 });
    expect(parseDirectCall('books_list_invoices').input).toEqual({});
  });

  it('keeps long ids and odd values as strings', () => {
    expect(parseValue('5725767000000411001')).toBe('5725767000000411001');
    expect(parseValue('007')).toBe('007');
    expect(parseValue('12.5')).toBe(12.5);
    expect(parseValue('{broken')).toBe('{broken');
  });

  it('explains malformed lines', () => {
    expect(() => parseDirectCall('crm_search {"module":')).toThrow(DirectInputError);
    expect(() => parseDirectCall('crm_search Leads')).toThrow(/not key=value/);
    expect(() => parseDirectCall('Hello there')).toThrow(/not a tool name/);
    expect(() => parseDirectCall('crm_search word="open')).toThrow(/unclosed/);
  });
});
