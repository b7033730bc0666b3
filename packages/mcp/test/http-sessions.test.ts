/** Abandoned Streamable HTTP sessions: once the limit is reached, a new client replaces the one idle the longest. */
import { request } from 'node:http';
import { createZohoConnection, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHttp, type McpHttpServer } from '../src/http.js';
import { ZohoMcp } from '../src/server.js';

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };
const PING = { jsonrpc: '2.0', id: 2, method: 'ping' };

/** One POST; an SSE answer is read up to its first event. */
function post(url: string, body: unknown, session?: string): Promise<{ status: number; session?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' } : {}) };
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      const done = () => resolve({ status: res.statusCode ?? 0, text, ...(typeof res.headers['mcp-session-id'] === 'string' ? { session: res.headers['mcp-session-id'] } : {}) });
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (/^data: /m.test(text)) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let emu: Emulator;
let connection: ZohoConnection;
let http: McpHttpServer;
const log: string[] = [];
beforeAll(async () => {
  emu = await startEmulator({ apps: [] });
  connection = createZohoConnection(emulatorConnectionOptions(emu));
  const mcp = new ZohoMcp({ connection, plugins: [], policy: { apps: {} } });
  http = await serveHttp(mcp, { bind: { host: '127.0.0.1', port: 0, loopback: true }, maxSessions: 2, sessionIdleMs: 1000, log: (l) => void log.push(l) });
});
afterAll(async () => {
  await http?.close();
  await connection?.close();
  await emu?.close();
});

describe('HTTP sessions', () => {
  it('answers 503 while every session is in use, then replaces the one idle the longest', async () => {
    const a = await post(http.url, INITIALIZE);
    const b = await post(http.url, INITIALIZE);
    expect([a.status, b.status]).toEqual([200, 200]);
    const full = await post(http.url, INITIALIZE);
    expect(full.status).toBe(503);
    expect(full.text).toMatch(/too many open sessions \(2\), none idle for 1 s/);

    await sleep(600);
    expect((await post(http.url, PING, b.session)).status).toBe(200); // b is used; a is not
    await sleep(600);
    const c = await post(http.url, INITIALIZE);
    expect(c.status).toBe(200);
    expect(http.sessions()).toBe(2);
    expect((await post(http.url, PING, a.session)).status).toBe(404);
    expect((await post(http.url, PING, b.session)).status).toBe(200);
    expect((await post(http.url, PING, c.session)).status).toBe(200);
    expect(log.join('\n')).toMatch(/closed an MCP session idle for \d+ s to make room for a new one/);
    expect(log.join('\n')).not.toContain(a.session!);
  });
});
