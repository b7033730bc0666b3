/** Mail's envelope reader (moved here from core): answers as Mail really sends them, read over HTTP. */
import { createZohoConnection, ZohoApiError, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailEmulator } from '../src/emulator/index.js';
import { mailEnvelopeReader } from '../src/index.js';

const CASES: Record<string, EmulatorResponse> = {
  'mail-token': { status: 401, body: { status: { code: 401, description: 'Invalid Access' }, data: { errorCode: 'INVALID_OAUTHTOKEN' } } },
  'mail-token-bare': { status: 401, body: { data: { errorCode: 'INVALID_OAUTHTOKEN' } } },
  'mail-200-failure': { status: 200, body: { status: { code: '500', description: 'Internal Error' }, data: { errorCode: 'INTERNAL_ERROR', moreInfo: 'send failed' } } },
  'mail-200-errorcode-only': { status: 200, body: { data: { errorCode: 'INVALID_OAUTHSCOPE' } } },
  'mail-ok': { status: 200, raw: '{"status":{"code":200,"description":"success"},"data":{"messageId":4411200000000012003}}' },
  'mail-ok-string-code': { status: 200, body: { status: { code: '200', description: 'success' }, data: { accountId: '4411200000000012003' } } },
  'mail-html-500': { status: 502, raw: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } },
};

/** Answers the canned cases on Mail's base path, without auth, so the connection's reader is what is tested. */
const echo: EmulatorApp<null> = {
  app: 'mail',
  basePath: '/_mail',
  scopes: ['ZohoMail.messages.ALL'],
  createState: () => null,
  routes: [{ method: 'GET', path: '/echo/:case', auth: false, handle: ({ params }) => CASES[params.case!] ?? { status: 404, body: {} } }],
  errors: mailEmulator.errors,
};

let emu: Emulator;
let connection: ZohoConnection;
beforeAll(async () => {
  emu = await startEmulator({ apps: [echo] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { mail: false } }));
  connection.app({ app: 'mail', readError: mailEnvelopeReader });
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});

async function failure(name: string): Promise<ZohoApiError> {
  const err = await connection.request('mail', { method: 'GET', path: `/echo/${name}` }).catch((e: unknown) => e);
  if (!(err instanceof ZohoApiError)) throw new Error(`expected a ZohoApiError for ${name}`);
  return err;
}

describe('mailEnvelopeReader', () => {
  it('reads the nested errorCode, a failure inside HTTP 200 and an errorCode without status', async () => {
    expect(await failure('mail-token')).toMatchObject({ app: 'mail', status: 401, code: 'INVALID_OAUTHTOKEN', kind: 'invalid_token' });
    expect(await failure('mail-token-bare')).toMatchObject({ code: 'INVALID_OAUTHTOKEN', kind: 'invalid_token' });
    expect(await failure('mail-200-failure')).toMatchObject({ status: 200, code: 'INTERNAL_ERROR', kind: 'server', message: 'send failed' });
    expect(await failure('mail-200-errorcode-only')).toMatchObject({ code: 'INVALID_OAUTHSCOPE', kind: 'scope' });
    expect(await failure('mail-html-500')).toMatchObject({ status: 502, kind: 'server' });
  });

  it('lets successes through, 19-digit ids exact, the status code as a number or a string', async () => {
    const ok = await connection.request<{ data: { messageId: string } }>('mail', { method: 'GET', path: '/echo/mail-ok' });
    expect(ok.data.data.messageId).toBe('4411200000000012003');
    const stringCode = await connection.request<{ data: { accountId: string } }>('mail', { method: 'GET', path: '/echo/mail-ok-string-code' });
    expect(stringCode.data.data.accountId).toBe('4411200000000012003');
    expect(mailEnvelopeReader({ status: 204, headers: {}, body: undefined })).toBeUndefined();
    expect(mailEnvelopeReader({ status: 200, headers: {}, body: Buffer.from('%PDF') })).toBeUndefined();
  });

  it("reads each of the emulator's own error answers with the kind that drives refresh and retry", () => {
    const kind = (answer: EmulatorResponse) => mailEnvelopeReader({ status: answer.status, headers: answer.headers ?? {}, body: JSON.parse(String(answer.raw ?? JSON.stringify(answer.body))) })?.kind;
    const errors = mailEmulator.errors;
    expect(kind(errors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errors.invalidToken('missing'))).toBe('invalid_token');
    expect(kind(errors.scopeMismatch(['ZohoMail.accounts.READ']))).toBe('scope');
    expect(kind(errors.throttled(1))).toBe('throttled');
    expect(kind(errors.notFound('GET', '/no/such/path'))).toBe('not_found');
    expect(kind(errors.serverError(503))).toBe('server');
    expect(mailEnvelopeReader({ status: 429, headers: { 'retry-after': '7' }, body: { status: { code: 429 }, data: { errorCode: 'TOO_MANY_REQUESTS' } } })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
  });
});
