import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, genericEnvelopeReader, ZohoApiError, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '../src/emulator/index.js';

// Each app's own envelope reader lives in its plugin (src/envelope.ts) and is tested there; core holds only the
// generic fallback a connection uses for an app no plugin has registered.
const CASES: Record<string, EmulatorResponse> = {
  nested: { status: 400, body: { error: { code: 'INVALID_INPUT', message: 'name is required' } } },
  list: { status: 404, body: { data: [{ code: 'NOT_FOUND', message: 'no such record' }] } },
  throttled: { status: 429, headers: { 'Retry-After': '3' }, body: 'slow down' },
  ok: { status: 200, raw: '{"data":{"id":4411200000000012003}}' },
};

const echoApp: EmulatorApp<null> = {
  app: 'projects',
  basePath: '/_echo',
  scopes: ['ZohoProjects.all.ALL'],
  createState: () => null,
  routes: [{ method: 'GET', path: '/echo/:case', auth: false, handle: ({ params }) => CASES[params.case!] ?? { status: 404, body: { message: 'HTTP 404' } } }],
  errors: { invalidToken: () => ({ status: 401 }), scopeMismatch: () => ({ status: 401 }), throttled: () => ({ status: 429 }), notFound: () => ({ status: 404 }), serverError: (s) => ({ status: s }) },
};

let emu: Emulator;
let connection: ZohoConnection;
beforeAll(async () => {
  emu = await startEmulator({ apps: [echoApp] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { projects: false } }));
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

describe('the generic envelope reader, for apps no plugin has registered', () => {
  it('reads code and message from common shapes over HTTP', async () => {
    expect(await failure('nested')).toMatchObject({ status: 400, code: 'INVALID_INPUT', kind: 'validation', message: 'name is required' });
    expect(await failure('list')).toMatchObject({ status: 404, code: 'NOT_FOUND', kind: 'not_found' });
    expect(await failure('throttled')).toMatchObject({ status: 429, kind: 'throttled', retryAfterMs: 3000 });
    const ok = await connection.request<{ data: { id: string } }>('projects', { method: 'GET', path: '/echo/ok' });
    expect(ok.data.data.id).toBe('4411200000000012003');
  });

  it('finds a code and message in common shapes', () => {
    expect(genericEnvelopeReader({ status: 403, headers: {}, body: { code: 'NO_PERMISSION', message: 'permission denied' } })).toMatchObject({ code: 'NO_PERMISSION', kind: 'permission' });
    expect(genericEnvelopeReader({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000, message: 'slow down' });
    expect(genericEnvelopeReader({ status: 200, headers: {}, body: {} })).toBeUndefined();
  });
});
