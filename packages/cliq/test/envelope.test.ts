/** The Cliq envelope reader (moved here from core), on Cliq's bodies and over HTTP through a connection. */
import { createZohoConnection, ZohoApiError } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { describe, expect, it } from 'vitest';
import { cliqEmulator, cliqErrors } from '../src/emulator/index.js';
import { cliqEnvelopeReader } from '../src/envelope.js';

const read = (status: number, body: unknown, headers: Record<string, string> = {}) => cliqEnvelopeReader({ status, headers, body });

describe('cliqEnvelopeReader', () => {
  it('classifies the 400 request_limit_exceeded as throttled (retried, not bad input), and 429 too', () => {
    expect(read(400, { code: 'request_limit_exceeded', message: 'You have exceeded the URL throttle limits.' })).toMatchObject({ code: 'request_limit_exceeded', kind: 'throttled' });
    expect(read(429, { code: 'request_limit_exceeded', message: 'x' }, { 'retry-after': '7' })).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
  });

  it('reads token, scope, not-found and server codes, else the HTTP status', () => {
    expect(read(401, { code: 'oauthtoken_invalid', message: 'Invalid OAuth token' })).toMatchObject({ code: 'oauthtoken_invalid', kind: 'invalid_token' });
    expect(read(401, { code: 'invalid_oauthscope', message: 'x' })).toMatchObject({ kind: 'scope' });
    expect(read(404, { code: 'invalid_endpoint', message: 'x' })).toMatchObject({ kind: 'not_found' });
    expect(read(403, { code: 'bot_not_participant', message: 'x' })).toMatchObject({ kind: 'permission' });
    expect(read(400, { code: 'invalid_input', message: 'text: is required' })).toMatchObject({ kind: 'validation', message: 'text: is required' });
    expect(read(500, { code: 'internal_server_error', message: 'x' })).toMatchObject({ kind: 'server' });
    expect(read(400, { message: 'v3 wording, no code' })).toMatchObject({ code: 'HTTP_400', kind: 'validation', message: 'v3 wording, no code' });
  });

  it('lets successes through: 204 with no body, 200 with a message id', () => {
    expect(read(204, undefined)).toBeUndefined();
    expect(read(200, { message_id: '1712061144120_84327734455' })).toBeUndefined();
    expect(read(200, { code: 'request_limit_exceeded' })).toBeUndefined();
  });

  it('falls back to the generic reader for bodies that are not a JSON object', () => {
    expect(read(502, '<html>Bad gateway</html>')).toMatchObject({ kind: 'server' });
    expect(read(503, undefined)).toMatchObject({ kind: 'server', code: 'HTTP_503' });
  });

  it("reads each of the emulator's own error answers with the kind that drives refresh and retry", () => {
    const kind = (answer: EmulatorResponse) => read(answer.status, answer.body, answer.headers ?? {})?.kind;
    expect(kind(cliqErrors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(cliqErrors.scopeMismatch(['ZohoCliq.Channels.READ']))).toBe('scope');
    expect(kind(cliqErrors.throttled(1))).toBe('throttled');
    expect(kind(cliqErrors.notFound('GET', '/x'))).toBe('not_found');
    expect(kind(cliqErrors.methodNotAllowed!('DELETE', '/x', ['GET']))).toBe('validation');
    expect(kind(cliqErrors.serverError(503))).toBe('server');
  });

  it('over HTTP: a connection turns the throttle into a retry, and a lasting one into a throttled ZohoApiError', async () => {
    const emu = await startEmulator({ apps: [cliqEmulator], limits: false });
    const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { cliq: false }, retry: { baseDelayMs: 5, maxDelayMs: 10, maxTotalWaitMs: 200 } }));
    connection.app({ app: 'cliq', readError: cliqEnvelopeReader });
    try {
      emu.faults.add({ app: 'cliq', kind: 'throttle', retryAfterSec: 0, times: 1 });
      const ok = await connection.request<{ channels: unknown[] }>('cliq', { method: 'GET', path: '/api/v2/channels', query: { limit: 1 } });
      expect(ok.attempts).toBe(2);
      emu.faults.add({ app: 'cliq', kind: 'throttle', retryAfterSec: 0 });
      const err = await connection.request('cliq', { method: 'GET', path: '/api/v2/channels' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoApiError);
      expect(err).toMatchObject({ app: 'cliq', status: 400, code: 'request_limit_exceeded', kind: 'throttled' });
    } finally {
      await connection.close();
      await emu.close();
    }
  });
});
