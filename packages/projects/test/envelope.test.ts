/**
 * The Projects error envelope → one ZohoApiError (moved here from core's envelope tests): V3
 * `{error:{status_code,title,error_type,details}}` (object or array) and legacy `{error:{code,message}}`,
 * read over HTTP; and each of the emulator's own error answers read with the kind that drives refresh and retry.
 */
import { createZohoConnection, ZohoApiError, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectsEmulator } from '../src/emulator/index.js';
import { projectsEnvelopeReader } from '../src/index.js';

const CASES: Record<string, EmulatorResponse> = {
  'projects-v3': {
    status: 400,
    body: { error: { status_code: '400', title: 'LESS_THAN_MIN_OCCURANCE', error_type: 'FIELDS_VALIDATION_ERROR', details: [{ message: 'Enter a value.', field_name: 'name' }] } },
  },
  'projects-v3-array': { status: 400, body: { error: [{ status_code: '400', title: 'INVALID_METHOD', error_type: 'INVALID_REQUEST', details: [{ message: 'Use PATCH.' }] }] } },
  'projects-portal': { status: 404, body: { error: { code: 6504, message: 'Domain Not Available' } } },
  'projects-url': { status: 400, body: { error: { status_code: '400', title: 'URL_RULE_NOT_CONFIGURED', error_type: 'URL_ERROR', details: [{ message: 'The URL is not configured.' }] } } },
  'projects-html': { status: 502, body: '<html>Bad gateway</html>' },
};

function echoApp(): EmulatorApp<null> {
  const plain = (status: number): EmulatorResponse => ({ status, body: { message: `HTTP ${status}` } });
  return {
    app: 'projects',
    basePath: '/_projects',
    scopes: ['ZohoProjects.all.ALL'],
    createState: () => null,
    routes: [{ method: 'GET', path: '/echo/:case', auth: false, handle: ({ params }) => CASES[params.case!] ?? plain(404) }],
    errors: { invalidToken: () => plain(401), scopeMismatch: () => plain(401), throttled: () => plain(429), notFound: () => plain(404), serverError: (s) => plain(s) },
  };
}

let emu: Emulator;
let connection: ZohoConnection;
beforeAll(async () => {
  emu = await startEmulator({ apps: [echoApp()] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { projects: false } }));
  connection.app({ app: 'projects', readError: projectsEnvelopeReader });
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});

async function failure(name: string): Promise<ZohoApiError> {
  const err = await connection.request('projects', { method: 'GET', path: `/echo/${name}` }).catch((e: unknown) => e);
  if (!(err instanceof ZohoApiError)) throw new Error(`expected a ZohoApiError for ${name}`);
  return err;
}

describe('projectsEnvelopeReader over HTTP', () => {
  it('V3: the title is the code, the field is named', async () => {
    expect(await failure('projects-v3')).toMatchObject({ code: 'LESS_THAN_MIN_OCCURANCE', kind: 'validation', message: 'Enter a value. (field name)', details: { field_name: 'name' } });
  });
  it('V3 with `error` as an array', async () => {
    expect(await failure('projects-v3-array')).toMatchObject({ code: 'INVALID_METHOD', kind: 'validation', message: 'Use PATCH.' });
  });
  it('legacy: the numeric code; 6504 is not found', async () => {
    expect(await failure('projects-portal')).toMatchObject({ code: '6504', kind: 'not_found', message: 'Domain Not Available' });
  });
  it('URL_RULE_NOT_CONFIGURED is not found (a bad path)', async () => {
    expect(await failure('projects-url')).toMatchObject({ code: 'URL_RULE_NOT_CONFIGURED', kind: 'not_found' });
  });
  it('a non-JSON error page falls back to the generic reader', async () => {
    expect(await failure('projects-html')).toMatchObject({ status: 502, kind: 'server' });
  });
});

describe("the emulator's own error answers", () => {
  const kind = (answer: EmulatorResponse) => projectsEnvelopeReader({ status: answer.status, headers: answer.headers ?? {}, body: answer.body })?.kind;

  it('read with the kind that drives refresh and retry', () => {
    const errors = projectsEmulator.errors;
    expect(kind(errors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errors.invalidToken('missing'))).toBe('invalid_token');
    expect(kind(errors.scopeMismatch(['ZohoProjects.tasks.READ']))).toBe('scope');
    expect(kind(errors.throttled(1))).toBe('throttled');
    expect(kind(errors.notFound('GET', '/no/such/path'))).toBe('not_found');
    expect(kind(errors.methodNotAllowed!('PUT', '/x', ['PATCH']))).toBe('validation');
    expect(kind(errors.serverError(503))).toBe('server');
  });

  it('lets a success through, an empty 204 included', () => {
    expect(projectsEnvelopeReader({ status: 204, headers: {}, body: undefined })).toBeUndefined();
    expect(projectsEnvelopeReader({ status: 200, headers: {}, body: [] })).toBeUndefined();
  });

  it('keeps Retry-After', () => {
    expect(projectsEnvelopeReader({ status: 429, headers: { 'retry-after': '1800' }, body: projectsEmulator.errors.throttled(1800).body })).toMatchObject({ kind: 'throttled', retryAfterMs: 1_800_000 });
  });
});
