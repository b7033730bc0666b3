import { describe, expect, it } from 'vitest';
import { booksEnvelopeReader } from '../src/envelope.js';

const read = (status: number, body: unknown, headers: Record<string, string> = {}) => booksEnvelopeReader({ status, headers, body });

describe('Books envelope', () => {
  it('treats code 0 as success and code ≠ 0 as an error even on HTTP 200', () => {
    expect(read(200, { code: 0, message: 'success', invoices: [] })).toBeUndefined();
    expect(read(201, { code: 0, message: 'The invoice has been created.' })).toBeUndefined();
    expect(read(200, { code: 4, message: 'Invalid value passed for rate' })).toMatchObject({ code: '4', kind: 'validation' });
  });

  it('maps 57 to invalid_token on 401 (refresh once) and to permission otherwise', () => {
    expect(read(401, { code: 57, message: 'You are not authorized to perform this operation' })).toMatchObject({ code: '57', kind: 'invalid_token' });
    const info = read(200, { code: 57, message: 'You are not authorized to perform this operation' });
    expect(info).toMatchObject({ kind: 'permission' });
    expect(info?.message).toMatch(/scope/);
  });

  it('maps 1002, 44, 45, 6024, 1000 and 5xx', () => {
    expect(read(404, { code: 1002, message: 'Invoice does not exist.' })).toMatchObject({ kind: 'not_found' });
    expect(read(429, { code: 44, message: 'too many' }, { 'retry-after': '7' })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    expect(read(429, { code: 99, message: 'slow down' })).toMatchObject({ kind: 'throttled' });
    const quota = read(429, { code: 45, message: 'You have reached the maximum number of API calls for the day.' }, { 'retry-after': '3600' });
    expect(quota).toMatchObject({ kind: 'quota', retryAfterMs: 3_600_000 });
    expect(quota?.message).toMatch(/resets at \d{4}-\d\d-\d\dT.*in about 1 h 0 min/);
    expect(read(429, { code: 45, message: 'Limit reached.' })?.message).toMatch(/Zoho did not say when/);
    const multi = read(400, { code: 6024, message: 'This user belongs to multiple organizations.', organizations: [{ organization_id: '1', name: 'A' }, { organization_id: 2, name: 'B' }] });
    expect(multi).toMatchObject({ kind: 'validation', details: { organizations: [{ organization_id: '1', name: 'A' }, { organization_id: '2', name: 'B' }] } });
    expect(multi?.message).toMatch(/A \(organization_id 1\), B \(organization_id 2\).*ZOHO_BOOKS_ORGANIZATION_ID/);
    expect(read(500, { code: 1000, message: 'Internal error' })).toMatchObject({ kind: 'server' });
    expect(read(502, 'Bad gateway')).toMatchObject({ kind: 'server' });
  });
});
