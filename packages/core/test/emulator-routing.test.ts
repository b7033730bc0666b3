import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePattern, comparePatterns, matchPattern, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '../src/emulator/index.js';
import { testApp } from './helpers/test-app.js';

const envelope = (status: number, code: string): EmulatorResponse => ({ status, body: { code, message: code, details: {}, status: 'error' } });

/** An app whose routes would swallow each other if they were tried in table order. */
const overlapping: EmulatorApp<{ hits: string[] }> = {
  app: 'crm',
  basePath: '',
  scopes: ['ZohoCRM.modules.ALL'],
  createState: () => ({ hits: [] }),
  routes: [
    { method: 'GET', path: '/r/:version/:thing/:id', params: { id: /^\d+$/ }, handle: ({ params }) => ({ status: 200, body: { route: 'thing/id', params } }) },
    { method: 'GET', path: '/r/:version/:thing', handle: ({ params }) => ({ status: 200, body: { route: 'thing', params } }) },
    { method: 'GET', path: '/r/:version/:thing/search', handle: () => ({ status: 200, body: { route: 'thing/search' } }) },
    { method: 'GET', path: '/r/:version/users', handle: () => ({ status: 200, body: { route: 'users' } }) },
    { method: 'GET', path: '/r/:version/users/:user', params: { user: /^\d+$/ }, handle: () => ({ status: 200, body: { route: 'users/user' } }) },
    { method: 'POST', path: '/r/:version/echo', handle: ({ body, headers }) => ({ status: 200, body: { body: Buffer.isBuffer(body) ? { bytes: body.length } : typeof body === 'symbol' ? String(body.description) : body, type: headers['content-type'] ?? null } }) },
  ],
  errors: {
    invalidToken: () => envelope(401, 'INVALID_TOKEN'),
    scopeMismatch: () => envelope(401, 'OAUTH_SCOPE_MISMATCH'),
    throttled: () => envelope(429, 'TOO_MANY_REQUESTS'),
    notFound: () => envelope(404, 'INVALID_URL_PATTERN'),
    methodNotAllowed: (_m, _p, allowed) => ({ status: 405, body: { code: 'METHOD', allowed } }),
    serverError: (status) => envelope(status, 'INTERNAL_ERROR'),
  },
};

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ apps: [overlapping] });
  token = emu.accounts.issueAccessToken();
});
afterAll(() => emu.close());

const call = async (method: string, path: string, init: { body?: Buffer | string; type?: string } = {}) => {
  const res = await request(`${emu.url}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Zoho-oauthtoken ${token}`, ...(init.type ? { 'content-type': init.type } : {}) },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, any> };
};

describe('route order', () => {
  it('literal segments beat constrained parameters, which beat free ones, whatever the table order', async () => {
    expect((await call('GET', '/r/v1/users')).body.route).toBe('users');
    expect((await call('GET', '/r/v1/users/42')).body.route).toBe('users/user');
    expect((await call('GET', '/r/v1/Leads/search')).body.route).toBe('thing/search');
    expect((await call('GET', '/r/v1/Leads/42')).body).toEqual({ route: 'thing/id', params: { version: 'v1', thing: 'Leads', id: '42' } });
    expect((await call('GET', '/r/v1/Leads')).body.route).toBe('thing');
  });

  it('a segment failing its constraint matches no route; a served path with another method is method-not-allowed', async () => {
    expect(await call('GET', '/r/v1/Leads/deleted')).toMatchObject({ status: 404, body: { code: 'INVALID_URL_PATTERN' } });
    expect(await call('GET', '/r/v1/users/abc')).toMatchObject({ status: 404 });
    expect(await call('DELETE', '/r/v1/users')).toEqual({ status: 405, body: { code: 'METHOD', allowed: ['GET'] } });
    // A bad %-escape is not a crash.
    expect(await call('GET', '/r/v1/Leads/%E0%A4%A')).toMatchObject({ status: 404 });
  });

  it('without a methodNotAllowed answer the app says not found', async () => {
    const plain = await startEmulator({ apps: [testApp] });
    try {
      const del = await request(`${plain.url}/crm/v8/Things`, { method: 'DELETE', headers: { authorization: `Zoho-oauthtoken ${plain.accounts.issueAccessToken()}` } });
      expect(del.statusCode).toBe(404);
      expect(await del.body.json()).toMatchObject({ code: 'INVALID_URL_PATTERN' });
    } finally {
      await plain.close();
    }
  });

  it('two routes of one method and shape are refused when the emulator starts', async () => {
    const clash: EmulatorApp<unknown> = { ...testApp, routes: [...testApp.routes, { method: 'GET', path: '/crm/v8/Things/:other', handle: () => ({ status: 200 }) }] } as EmulatorApp<unknown>;
    await expect(startEmulator({ apps: [clash] })).rejects.toThrow(/routes clash: crm GET \/crm\/v8\/Things\/:id and crm GET \/crm\/v8\/Things\/:other/);
  });

  it('compares patterns segment by segment', () => {
    const p = (s: string, c?: Record<string, RegExp>) => compilePattern(s, c);
    expect(comparePatterns(p('/a/b'), p('/a/:x'))).toBeLessThan(0);
    expect(comparePatterns(p('/a/:x', { x: /^\d+$/ }), p('/a/:x'))).toBeLessThan(0);
    expect(comparePatterns(p('/a/:x/c'), p('/a/b/:y'))).toBeGreaterThan(0);
    expect(comparePatterns(p('/a/:x'), p('/a/:y'))).toBe(0);
    expect(matchPattern(p('/a/:x', { x: /^\d+$/ }), '/a/12')).toEqual({ x: '12' });
    expect(matchPattern(p('/a/:x', { x: /^\d+$/ }), '/a/b')).toBeUndefined();
    expect(() => p('/a/:x', { y: /./ })).toThrow(/names ":y"/);
  });
});

describe('request bodies', () => {
  const json = '{"data":[{"Last_Name":"Burns"}]}';
  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['application/json;charset=UTF-8', 'application/json;charset=UTF-8'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
    ['a form type', 'application/x-www-form-urlencoded'],
  ])('JSON with %s is JSON', async (_label, type) => {
    expect((await call('POST', '/r/v1/echo', { body: Buffer.from(json), ...(type ? { type } : {}) })).body.body).toEqual({ data: [{ Last_Name: 'Burns' }] });
  });

  it('forms are their fields; multipart text parts too', async () => {
    expect((await call('POST', '/r/v1/echo', { body: 'JSONString=%7B%22a%22%3A1%7D&x=y', type: 'application/x-www-form-urlencoded' })).body.body).toEqual({ JSONString: '{"a":1}', x: 'y' });
    const form = new FormData();
    form.set('name', 'value');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await req.arrayBuffer());
    expect((await call('POST', '/r/v1/echo', { body, type: req.headers.get('content-type')! })).body.body).toEqual({ name: 'value' });
  });

  it('other types stay bytes; text that is not JSON stays bytes; broken JSON is marked', async () => {
    expect((await call('POST', '/r/v1/echo', { body: Buffer.from('{"looks":"like json"}'), type: 'application/octet-stream' })).body.body).toEqual({ bytes: 21 });
    expect((await call('POST', '/r/v1/echo', { body: 'hello', type: 'text/plain' })).body.body).toEqual({ bytes: 5 });
    expect((await call('POST', '/r/v1/echo', { body: '{"a":' })).body.body).toBe('invalid-json');
    expect((await call('POST', '/r/v1/echo', { body: 'not json', type: 'application/json' })).body.body).toBe('invalid-json');
  });
});
