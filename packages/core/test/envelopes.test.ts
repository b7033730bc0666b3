import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, genericEnvelopeReader, ZohoApiError, type ZohoApp, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '../src/emulator/index.js';

/** Answers as each app really does (bodies from the wire digests), so readers are tested over HTTP. */
const CASES: Record<string, EmulatorResponse> = {
  'mail-token': { status: 401, body: { status: { code: 401, description: 'Invalid Access' }, data: { errorCode: 'INVALID_OAUTHTOKEN' } } },
  'mail-200-failure': { status: 200, body: { status: { code: '500', description: 'Internal Error' }, data: { errorCode: 'INTERNAL_ERROR', moreInfo: 'send failed' } } },
  'mail-ok': { status: 200, raw: '{"status":{"code":200,"description":"success"},"data":{"messageId":4411200000000012003}}' },
  'cliq-throttle': { status: 400, body: { code: 'request_limit_exceeded', message: 'You have exceeded the URL throttle limits.' } },
  'cliq-token': { status: 401, body: { code: 'oauthtoken_invalid', message: 'Invalid OAuth token' } },
};

function echoApp(app: ZohoApp, basePath: string): EmulatorApp<null> {
  const plain = (status: number): EmulatorResponse => ({ status, body: { message: `HTTP ${status}` } });
  return {
    app,
    basePath,
    scopes: [`Zoho${app}.all.ALL`],
    createState: () => null,
    routes: [{ method: 'GET', path: '/echo/:case', auth: false, handle: ({ params }) => CASES[params.case!] ?? plain(404) }],
    errors: { invalidToken: () => plain(401), scopeMismatch: () => plain(401), throttled: () => plain(429), notFound: () => plain(404), serverError: (s) => plain(s) },
  };
}

let emu: Emulator;
let connection: ZohoConnection;
beforeAll(async () => {
  emu = await startEmulator({
    apps: [echoApp('mail', '/_mail'), echoApp('cliq', '/_cliq')],
  });
  connection = createZohoConnection(
    emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { mail: false, cliq: false } }),
  );
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});

async function failure(app: ZohoApp, name: string): Promise<ZohoApiError> {
  const err = await connection.request(app, { method: 'GET', path: `/echo/${name}` }).catch((e: unknown) => e);
  if (!(err instanceof ZohoApiError)) throw new Error(`expected a ZohoApiError for ${name}`);
  return err;
}

describe('app error envelopes map to one ZohoApiError', () => {
  it('Mail: nested errorCode, and a failure inside HTTP 200', async () => {
    expect(await failure('mail', 'mail-token')).toMatchObject({ app: 'mail', status: 401, code: 'INVALID_OAUTHTOKEN', kind: 'invalid_token' });
    expect(await failure('mail', 'mail-200-failure')).toMatchObject({ status: 200, code: 'INTERNAL_ERROR', kind: 'server', message: 'send failed' });
    const ok = await connection.request<{ data: { messageId: string } }>('mail', { method: 'GET', path: '/echo/mail-ok' });
    expect(ok.data.data.messageId).toBe('4411200000000012003');
  });

  it("Cliq: the 400 request_limit_exceeded is a throttle, oauthtoken_invalid a token problem", async () => {
    expect(await failure('cliq', 'cliq-throttle')).toMatchObject({ status: 400, code: 'request_limit_exceeded', kind: 'throttled' });
    expect(await failure('cliq', 'cliq-token')).toMatchObject({ code: 'oauthtoken_invalid', kind: 'invalid_token' });
  });

  it('the generic reader finds a code and message in common shapes', () => {
    expect(genericEnvelopeReader({ status: 403, headers: {}, body: { code: 'NO_PERMISSION', message: 'permission denied' } })).toMatchObject({ code: 'NO_PERMISSION', kind: 'permission' });
    expect(genericEnvelopeReader({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000, message: 'slow down' });
    expect(genericEnvelopeReader({ status: 200, headers: {}, body: {} })).toBeUndefined();
  });
});
