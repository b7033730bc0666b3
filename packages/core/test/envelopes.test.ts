import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, genericEnvelopeReader, ZohoApiError, type ZohoApp, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '../src/emulator/index.js';

/** Answers as each app really does (bodies from the wire digests), so readers are tested over HTTP. */
const CASES: Record<string, EmulatorResponse> = {
  'calendar-error': { status: 400, body: { error: [{ message: 'Invalid event uid', code: 'INVALID_EVENT' }] } },
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
    apps: [echoApp('calendar', '/_calendar')],
  });
  connection = createZohoConnection(
    emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { calendar: false } }),
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
  it('Calendar', async () => {
    expect(await failure('calendar', 'calendar-error')).toMatchObject({ code: 'INVALID_EVENT', kind: 'validation', message: 'Invalid event uid' });
  });

  it('the generic reader finds a code and message in common shapes', () => {
    expect(genericEnvelopeReader({ status: 403, headers: {}, body: { code: 'NO_PERMISSION', message: 'permission denied' } })).toMatchObject({ code: 'NO_PERMISSION', kind: 'permission' });
    expect(genericEnvelopeReader({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000, message: 'slow down' });
    expect(genericEnvelopeReader({ status: 200, headers: {}, body: {} })).toBeUndefined();
  });
});
