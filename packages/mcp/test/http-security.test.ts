import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, httpClient, runToExit, scratch, ServerProcess } from './helpers.js';

const TOKEN = 'test-token-0123456789abcdef';
const processes: ServerProcess[] = [];
afterAll(async () => {
  await Promise.allSettled(processes.map((p) => p.stop()));
});

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
};

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A POST through node:http, which (unlike fetch) lets the test set any Host header. */
function post(url: string, headers: Record<string, string> = {}, body: unknown = INITIALIZE): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      // An SSE answer stays open: the first event is enough.
      res.on('data', () => {
        if (/^data: /m.test(text)) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('the Streamable HTTP endpoint guards itself', () => {
  it('refuses to start on a non-loopback address without ZOHO_MCP_TOKEN, before connecting anywhere', async () => {
    const r = await runToExit(['--role', 'CFO', '--emulator', '--http', '0.0.0.0:0'], cleanEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to serve MCP on 0\.0\.0\.0:0 without ZOHO_MCP_TOKEN: a non-loopback address is reachable/);
    expect(r.stderr).not.toMatch(/listening on/);
    expect(r.stdout).toBe('');
    const short = await runToExit(['--role', 'CFO', '--emulator', '--http', '0.0.0.0:0'], cleanEnv({ ZOHO_MCP_TOKEN: 'short' }));
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/ZOHO_MCP_TOKEN is too short: use at least 16 characters/);
    expect(short.stderr).not.toContain('short\n');
  });

  it('with a token, answers 401 to a wrong or missing bearer and serves the right one (bound to every interface)', async () => {
    const server = new ServerProcess(['--role', 'CFO', '--emulator', '--http', '0.0.0.0:0', '--files', join(scratch, 'files')], cleanEnv({ ZOHO_MCP_TOKEN: TOKEN }));
    processes.push(server);
    const url = (await server.url()).replace('0.0.0.0', '127.0.0.1');
    expect(server.stderr).toContain('(every request must send ZOHO_MCP_TOKEN)');
    expect(server.stderr).not.toContain(TOKEN);

    const wrong = await post(url, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(wrong.text).toMatch(/Unauthorized/);
    expect((await post(url)).status).toBe(401);
    expect((await post(url, { authorization: TOKEN })).status).toBe(401); // the scheme is part of it

    await expect(httpClient(url, { token: 'wrong-token-wrong-token' })).rejects.toThrow(/401|Unauthorized/);
    const client = await httpClient(url, { token: TOKEN });
    const { tools } = await client.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    const result = await client.client.callTool({ name: 'books_list_customers', arguments: { per_page: 1 } });
    expect(result.isError).toBeFalsy();
    await client.close();
    expect(await server.stop()).toBe(0);
  });

  it('checks Origin and Host on a loopback bind (browser pages and DNS rebinding)', async () => {
    const server = new ServerProcess(['--role', 'CFO', '--emulator', '--http', '0', '--allow-origin', 'https://app.example.com', '--files', join(scratch, 'files')], cleanEnv());
    processes.push(server);
    const url = await server.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const evil = await post(url, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.text).toMatch(/origin https:\/\/evil\.example is not allowed/);
    // A rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away.
    const port = new URL(url).port;
    const rebound = await post(url, { host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toMatch(/Host header/);

    const allowed = await post(url, { origin: 'https://app.example.com' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['mcp-session-id']).toMatch(/^[0-9a-f-]{36}$/);
    const local = await post(url, { origin: `http://localhost:${port}` });
    expect(local.status).toBe(200);
    const noSession = await post(url, {}, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(noSession.status).toBe(400);
    const unknownSession = await post(url, { 'mcp-session-id': '00000000-0000-0000-0000-000000000000' }, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(unknownSession.status).toBe(404);
    expect((await post(url.replace('/mcp', '/other'))).status).toBe(404);
    expect(await server.stop()).toBe(0);
  });
});
