import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, ZohoApiError, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '../src/emulator/index.js';
import { testApp, type TestState } from './helpers/test-app.js';

let emu: Emulator;
let connection: ZohoConnection;

beforeAll(async () => {
  emu = await startEmulator({ apps: [testApp] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { retry: { baseDelayMs: 5, maxDelayMs: 20 }, limits: { crm: false } }));
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});
afterEach(() => {
  emu.faults.clear();
  emu.counters.reset();
  emu.resetState();
});

const crm = () => connection.app({ app: 'crm' });

describe('request pipeline', () => {
  it('gets JSON with a cached token and keeps 19-digit integers exact as strings', async () => {
    const res = await crm().request<{ data: Record<string, unknown> }>({ method: 'GET', path: '/crm/v8/big' });
    expect(res.data.data).toEqual({ messageId: '4411200000000012003', folderId: '9007199254740993', small: 42, ratio: 0.5 });
    await crm().request({ method: 'GET', path: '/crm/v8/big' });
    expect(emu.accounts.tokenRequests()).toBe(1);
  });

  it('returns undefined data for HTTP 204', async () => {
    emu.state<TestState>('crm').items.clear();
    const res = await crm().request({ method: 'GET', path: '/crm/v8/Things' });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
  });

  it('maps the envelope to ZohoApiError with app, status, code and kind', async () => {
    const err = await crm()
      .request({ method: 'GET', path: '/crm/v8/Things/123' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZohoApiError);
    expect(err).toMatchObject({ app: 'crm', status: 400, code: 'INVALID_DATA', kind: 'validation', retryable: false });
  });

  it('retries an idempotent GET after a 5xx', async () => {
    emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'status', status: 503, times: 2 });
    const res = await crm().request({ method: 'GET', path: '/crm/v8/Things' });
    expect(res.attempts).toBe(3);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(3);
  });

  it('never re-sends a POST after a 5xx or a connection reset', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'status', status: 502, times: 1 });
    await expect(crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{ name: 'x' }] } })).rejects.toMatchObject({ status: 502 });
    expect(emu.counters.requests({ route: 'POST /crm/v8/Things' })).toBe(1);

    emu.counters.reset();
    emu.faults.clear();
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'reset', times: 1 });
    await expect(crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{ name: 'y' }] } })).rejects.toMatchObject({ kind: 'network' });
    expect(emu.counters.requests({ route: 'POST /crm/v8/Things' })).toBe(1);
    expect(emu.state<TestState>('crm').writes).toBe(0);
  });

  it('resends a POST the server rejected unprocessed (429) after Retry-After', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'throttle', retryAfterSec: 0, times: 1 });
    const res = await crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{ name: 'z' }] } });
    expect(res.attempts).toBe(2);
    expect(emu.state<TestState>('crm').writes).toBe(1);
  });

  it('gives up when Retry-After exceeds the wait budget, telling when to retry, and holds later calls', async () => {
    const own = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
    try {
      emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'throttle', retryAfterSec: 120 });
      const err = (await own
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Things' })
        .catch((e: unknown) => e)) as ZohoApiError;
      expect(err.kind).toBe('throttled');
      expect(err.retryAfterMs).toBe(120_000);
      expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(1);
      // Zoho said to wait two minutes: the next call fails fast instead of spending another request.
      const next = (await own
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Things/1' })
        .catch((e: unknown) => e)) as ZohoApiError;
      expect(next).toMatchObject({ kind: 'throttled', code: 'RATE_LIMITED_LOCALLY' });
      expect(next.retryAfterMs).toBeGreaterThan(100_000);
      expect(emu.counters.requests({ app: 'crm' })).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('bounds attempts for persistent 5xx: 8 sends for a read, 1 for a write', async () => {
    emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'status', status: 500 });
    await expect(crm().request({ method: 'GET', path: '/crm/v8/Things' })).rejects.toMatchObject({ status: 500 });
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(8);
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'status', status: 500 });
    await expect(crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{}] } })).rejects.toMatchObject({ status: 500 });
    expect(emu.counters.requests({ route: 'POST /crm/v8/Things' })).toBe(1);
  });

  it('retry: { maxAttempts } alone still bounds reads too', async () => {
    const once = createZohoConnection(emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { crm: false } }));
    try {
      emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'status', status: 500 });
      await expect(once.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' })).rejects.toMatchObject({ status: 500 });
      expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(1);
    } finally {
      await once.close();
    }
  });

  it('refreshes once and replays once on an invalid-token answer', async () => {
    await crm().request({ method: 'GET', path: '/crm/v8/Things' });
    const before = emu.accounts.tokenRequests();
    emu.accounts.invalidateAccessTokens();
    const res = await crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{ name: 'after-refresh' }] } });
    expect(res.attempts).toBe(2);
    expect(emu.accounts.tokenRequests() - before).toBe(1);
    expect(emu.state<TestState>('crm').writes).toBe(1);
  });

  it('does not loop when the token keeps being rejected: one refresh; a read replays 3 times, a write once', async () => {
    emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'invalid-token' });
    const before = emu.accounts.tokenRequests();
    await expect(crm().request({ method: 'GET', path: '/crm/v8/Things' })).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect(emu.accounts.tokenRequests() - before).toBe(1);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(4);
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'invalid-token' });
    await expect(crm().request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{}] } })).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect(emu.counters.requests({ route: 'POST /crm/v8/Things' })).toBe(2);
    expect(emu.accounts.tokenRequests() - before).toBe(2);
  });

  it('never replays a streamed body', async () => {
    emu.faults.add({ route: 'POST /crm/v8/upload', kind: 'throttle', retryAfterSec: 0, times: 1 });
    const body = Readable.from([Buffer.from('hello '), Buffer.from('world')]);
    await expect(crm().request({ method: 'POST', path: '/crm/v8/upload', body, contentType: 'application/octet-stream' })).rejects.toMatchObject({
      kind: 'throttled',
    });
    expect(emu.counters.requests({ route: 'POST /crm/v8/upload' })).toBe(1);
    const ok = await crm().request<{ data: { bytes: number } }>({ method: 'POST', path: '/crm/v8/upload', body: Readable.from([Buffer.from('abc')]) });
    expect(ok.data.data.bytes).toBe(3);
  });

  it('honours an AbortSignal', async () => {
    emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'slow', delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(crm().request({ method: 'GET', path: '/crm/v8/Things', signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('sends nothing for calls cancelled while they wait for a limiter slot', async () => {
    const paced = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: { perWindow: 10, windowMs: 1000 } } }));
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 6 }, (_, i) =>
        paced
          .app({ app: 'crm' })
          .request({ method: 'GET', path: '/crm/v8/Things', ...(i % 2 ? { signal: controller.signal } : {}) })
          .then(
            () => 'ok',
            (e: ZohoApiError) => e.kind,
          ),
      );
      controller.abort();
      expect(await Promise.all(calls)).toEqual(['ok', 'aborted', 'ok', 'aborted', 'ok', 'aborted']);
      expect(emu.counters.requests({ route: 'GET /crm/v8/Things' })).toBe(3);
    } finally {
      await paced.close();
    }
  });

  it('times out slow responses and retries only idempotent calls', async () => {
    const quick = createZohoConnection(
      emulatorConnectionOptions(emu, { http: { headersTimeoutMs: 300 }, retry: { maxAttempts: 2, baseDelayMs: 5 }, limits: { crm: false } }),
    );
    try {
      emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'slow', delayMs: 2500, times: 1 });
      const res = await quick.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
      expect(res.attempts).toBe(2);
      emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'slow', delayMs: 2500, times: 1 });
      await expect(quick.app({ app: 'crm' }).request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{}] } })).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      await quick.close();
    }
  });

  it('sends form and multipart bodies', async () => {
    const form = await crm().request<{ data: { bytes: number } }>({ method: 'POST', path: '/crm/v8/upload', form: { a: '1', b: 'two' } });
    expect(form.data.data.bytes).toBe('a=1&b=two'.length);
    const fd = new FormData();
    fd.set('file', new Blob([Buffer.from('file-content')]), 'note.txt');
    const multipart = await crm().request<{ data: { bytes: number } }>({ method: 'POST', path: '/crm/v8/upload', multipart: fd });
    expect(multipart.data.data.bytes).toBeGreaterThan('file-content'.length);
  });

  it('answers a scope mismatch without retrying', async () => {
    const limited = emu.accounts.issueRefreshToken({ scopes: ['ZohoCRM.modules.things.READ'] });
    const conn = createZohoConnection({ ...emulatorConnectionOptions(emu), refreshToken: limited, limits: { crm: false } });
    try {
      await conn.app({ app: 'crm' }).request({ method: 'GET', path: '/crm/v8/Things' });
      await expect(conn.app({ app: 'crm' }).request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{}] } })).rejects.toMatchObject({
        code: 'OAUTH_SCOPE_MISMATCH',
      });
    } finally {
      await conn.close();
    }
  });

  it('reads rate-limit headers: an exhausted budget holds the next call until the reset', async () => {
    await crm().request({ method: 'GET', path: '/crm/v8/quota' });
    const started = Date.now();
    await crm().request({ method: 'GET', path: '/crm/v8/Things' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('keeps secrets out of errors', async () => {
    emu.faults.add({ route: 'GET /crm/v8/Things', kind: 'invalid-token' });
    const err = (await crm()
      .request({ method: 'GET', path: '/crm/v8/Things' })
      .catch((e: unknown) => e)) as ZohoApiError;
    const text = JSON.stringify(err.toJSON()) + err.message + String(err.stack);
    expect(text).not.toContain(emu.credentials.clientSecret);
    expect(text).not.toContain(emu.credentials.refreshToken);
    expect(text).not.toMatch(/1000\.[0-9a-f]{32}\.[0-9a-f]{32}/);
  });
});
