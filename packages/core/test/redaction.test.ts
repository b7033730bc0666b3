import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crmPlugin } from '@zoho-agent-kit/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createZohoConnection,
  createZohoToolkit,
  defineZohoTool,
  ZohoApiError,
  ZohoAuthError,
  ZohoOAuthClient,
  type AuditEvent,
  type ZohoConnectionOptions,
  type ZohoPlugin,
} from '../src/index.js';

// Secrets that are not token-shaped, so only the configured-secret redaction can catch them.
const CLIENT_ID = '1000.ECHOCLIENT';
const CLIENT_SECRET = 'cs-Echo/Secret+value=42~x';
const REFRESH_TOKEN = 'rt-echo.refresh-token-plain-9x';
const ACCESS_TOKEN = 'at-plain-access-token-7q';
const FRAGMENTS = ['Echo/Secret', 'Echo%2FSecret', 'refresh-token-plain', 'plain-access-token', 'cs-Echo'];

type Mode = 'token-echo' | 'token-error-echo' | 'app-echo';

/**
 * A misconfigured endpoint that echoes the request: the token endpoint puts the request body (raw, as JSON and
 * value by value) into `error_description` or `error`, or answers with a token and then the "CRM API" echoes
 * the last token request and its own Authorization header into its error message and details.
 */
class EchoServer {
  mode: Mode = 'token-echo';
  lastTokenBody = '';
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.answer(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname.startsWith('/oauth/v2/token')) {
      const params = Object.fromEntries(new URLSearchParams(raw || url.search));
      const echo = `got ${raw} ${JSON.stringify(params)} secret ${params.client_secret ?? ''} refresh ${params.refresh_token ?? ''} token ${url.searchParams.get('token') ?? ''}`;
      this.lastTokenBody = echo;
      if (this.mode === 'token-echo') return { status: 200, body: { error: 'invalid_request', error_description: echo } };
      if (this.mode === 'token-error-echo') return { status: 200, body: { error: echo, status: 'failure' } };
      return { status: 200, body: { access_token: ACCESS_TOKEN, api_domain: this.url, token_type: 'Bearer', expires_in: 3600 } };
    }
    const auth = String(req.headers.authorization ?? '');
    return {
      status: 400,
      body: {
        code: `INVALID_DATA ${ACCESS_TOKEN}`,
        message: `echo ${auth} / ${this.lastTokenBody} / ${ACCESS_TOKEN.split('').join('')}`,
        details: { api_name: 'Last_Name', authorization: auth, seen: [this.lastTokenBody, { bare: ACCESS_TOKEN }], [CLIENT_SECRET]: 'key' },
        status: 'error',
      },
    };
  }
}

function expectClean(label: string, text: string): void {
  for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, encodeURIComponent(CLIENT_SECRET), ...FRAGMENTS]) {
    expect(text, `${label} leaks ${secret}`).not.toContain(secret);
  }
}

/** Every way an error is seen: message, String(), JSON, stack, cause. */
function expectErrorClean(err: unknown): void {
  expect(err).toBeInstanceOf(Error);
  const e = err as Error & { cause?: unknown; details?: unknown };
  expectClean('message', e.message);
  expectClean('String(err)', String(e));
  expectClean('JSON.stringify(err)', JSON.stringify(e));
  expectClean('stack', String(e.stack));
  expectClean('cause', JSON.stringify(e.cause ?? null) + String(e.cause ?? ''));
  if (e instanceof ZohoApiError) expectClean('details', JSON.stringify(e.details));
}

let echo: EchoServer;
const options = (): ZohoConnectionOptions => ({
  region: 'us',
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  refreshToken: REFRESH_TOKEN,
  accountsUrl: echo.url,
  baseUrls: { crm: echo.url },
  limits: { crm: false },
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
});

beforeAll(async () => {
  echo = new EchoServer();
  await echo.start();
});
afterAll(() => echo.close());

describe('errors built from an answer that echoes the request leak no secret', () => {
  it('sanity: the echo server really echoes every secret', async () => {
    echo.mode = 'token-echo';
    const res = await fetch(`${echo.url}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams({ client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN }) });
    const text = await res.text();
    expect(text).toContain(CLIENT_SECRET);
    expect(text).toContain(REFRESH_TOKEN);
  });

  it.each(['token-echo', 'token-error-echo'] as const)('ZohoAuthError from the token endpoint (%s), thrown by the connection', async (mode) => {
    echo.mode = mode;
    const connection = createZohoConnection(options());
    try {
      const err = await connection
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Leads' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoAuthError);
      expect((err as Error).message).toMatch(/rejected the token refresh/);
      expect((err as Error).message).toContain('[redacted]');
      expectErrorClean(err);
    } finally {
      await connection.close();
    }
  });

  it('ZohoAuthError from the OAuth client itself: refresh and revoke (the token in the query)', async () => {
    echo.mode = 'token-echo';
    const oauth = new ZohoOAuthClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: 'us', accountsUrl: echo.url });
    expectErrorClean(await oauth.refresh(REFRESH_TOKEN).catch((e: unknown) => e));
    echo.mode = 'token-error-echo';
    expectErrorClean(await oauth.refresh(REFRESH_TOKEN).catch((e: unknown) => e));
    const revoked = await oauth.revoke(REFRESH_TOKEN, { variant: 'basic' }).catch((e: unknown) => e);
    expectErrorClean(revoked);
    expectClean('code', (revoked as ZohoAuthError).code);
  });

  it('ZohoApiError from an app answer echoing the Authorization header and the token request', async () => {
    echo.mode = 'app-echo';
    const connection = createZohoConnection(options());
    try {
      const err = await connection
        .app({ app: 'crm', readError: crmPlugin.readError })
        .request({ method: 'GET', path: '/crm/v8/Leads' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoApiError);
      expect((err as ZohoApiError).details).toMatchObject({ api_name: 'Last_Name' });
      expectErrorClean(err);
    } finally {
      await connection.close();
    }
  });

  it('network errors carry no secret', async () => {
    const connection = createZohoConnection({ ...options(), accountsUrl: 'http://127.0.0.1:1', baseUrls: { crm: 'http://127.0.0.1:1' } });
    try {
      const err = await connection
        .app({ app: 'crm' })
        .request({ method: 'GET', path: '/crm/v8/Leads' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoAuthError);
      expect((err as ZohoAuthError).code).toBe('network_error');
      expectErrorClean(err);
    } finally {
      await connection.close();
    }
  });

  it.each(['token-echo', 'token-error-echo', 'app-echo'] as const)('the toolkit (CRM plugin): tool text and audit line (%s)', async (mode) => {
    echo.mode = mode;
    const connection = createZohoConnection(options());
    const events: AuditEvent[] = [];
    try {
      const toolkit = createZohoToolkit({ connection, plugins: [crmPlugin], audit: (e) => void events.push(e) });
      const result = await toolkit.call('crm_get_record', { module: 'Leads', id: '4150868000000000001' });
      expect(result.outcome).toBe('error');
      expect(result.text).toContain('[redacted]');
      expectClean('tool text', result.text);
      expect(events).toHaveLength(1);
      expectClean('audit line', JSON.stringify(events));
    } finally {
      await connection.close();
    }
  });
});

describe('a tool result is data: only the exact secrets are redacted in it', () => {
  // A read tool whose answer holds ordinary words that look token-ish, and (by mistake) the client secret.
  const readNote = defineZohoTool({
    name: 'crm_read_note',
    app: 'crm',
    access: 'read',
    scopes: ['ZohoCRM.modules.notes.READ'],
    description: 'Reads a note.',
    input: z.object({ leak: z.boolean().describe('Whether the answer echoes the client secret.') }),
    run: async ({ leak }) => ({ note: 'paid to bearer on delivery', promo: 'code=SUMMER20', terms: 'Net 30', ...(leak ? { echo: `secret ${CLIENT_SECRET} / ${encodeURIComponent(CLIENT_SECRET)}` } : {}) }),
  });
  const plugin: ZohoPlugin = { ...crmPlugin, tools: [readNote] };

  it('an OK result keeps "bearer on delivery" and "code=SUMMER20" as they are, and loses a configured secret', async () => {
    const connection = createZohoConnection(options());
    try {
      const toolkit = createZohoToolkit({ connection, plugins: [plugin] });
      const plain = await toolkit.call('crm_read_note', { leak: false });
      expect(plain.outcome).toBe('ok');
      expect(JSON.parse(plain.text)).toEqual({ note: 'paid to bearer on delivery', promo: 'code=SUMMER20', terms: 'Net 30' });
      const leaked = await toolkit.call('crm_read_note', { leak: true });
      expect(leaked.outcome).toBe('ok');
      expectClean('tool result', leaked.text);
      expect(JSON.parse(leaked.text)).toMatchObject({ note: 'paid to bearer on delivery', promo: 'code=SUMMER20', echo: 'secret [redacted] / [redacted]' });
    } finally {
      await connection.close();
    }
  });
});
