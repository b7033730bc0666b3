import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createJsonlAuditWriter,
  createZohoConnection,
  createZohoToolkit,
  defineZohoTool,
  ToolInputError,
  type AuditEvent,
  type ConfirmRequest,
  type ZohoAppClient,
  type ZohoConnection,
  type ZohoPlugin,
} from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '../src/emulator/index.js';
import { testApp, type TestState } from './helpers/test-app.js';

const getThing = defineZohoTool({
  name: 'crm_get_thing',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.things.READ'],
  description: 'Reads one Thing by id. Use when you know the id; returns its fields.',
  input: z.object({ id: z.string().max(19).regex(/^\d{19}$/, 'must be a 19-digit record id').describe('The Thing record id (19 digits).') }),
  run: async ({ id }, { client }: { client: ZohoAppClient }) => (await client.request({ method: 'GET', path: `/crm/v8/Things/${id}` })).data,
  shape: (result) => (result as { data: unknown[] }).data[0],
});

const createThing = defineZohoTool({
  name: 'crm_create_thing',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.things.CREATE'],
  description: 'Creates a Thing. Use to add a new Thing; returns the new id.',
  input: z.object({
    name: z.string().max(200).describe('Name of the Thing.'),
    secret_note: z.string().max(200).optional().describe('A note kept private.'),
  }),
  plan: async ({ name }, { client }: { client: ZohoAppClient }) => {
    if (name.trim() === '') throw new ToolInputError('name', 'must not be blank; give the Thing a name');
    const payload = { data: [{ name }] };
    return {
      summary: `Create Thing "${name}"`,
      payload,
      execute: async () => (await client.request({ method: 'POST', path: '/crm/v8/Things', json: payload })).data,
    };
  },
  ids: (result) => [(result as { data: { details: { id: string } }[] }).data[0]!.details.id],
});

const plugin: ZohoPlugin<ZohoAppClient> = {
  name: '@zoho-agent-kit/test-things',
  app: 'crm',
  version: '0.0.0',
  tools: [getThing, createThing],
  readError: (res) => (res.status >= 400 ? { code: String((res.body as { code?: string })?.code ?? res.status), message: String((res.body as { message?: string })?.message ?? ''), kind: res.status === 401 ? 'invalid_token' : 'validation' } : undefined),
  createClient: (connection) => connection.app({ app: 'crm' }),
  emulator: '@zoho-agent-kit/test-things/emulator',
};

let emu: Emulator;
let connection: ZohoConnection;

beforeAll(async () => {
  emu = await startEmulator({ apps: [testApp] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});
afterEach(() => {
  emu.counters.reset();
  emu.resetState();
});

const writes = () => emu.counters.requests({ route: 'POST /crm/v8/Things' });

describe('defineZohoTool', () => {
  it('derives a JSON Schema with every field described and MCP hints from access', () => {
    expect(getThing.jsonSchema).toMatchObject({ type: 'object', properties: { id: { type: 'string', description: expect.any(String) } }, required: ['id'] });
    expect(getThing.jsonSchema.properties).toHaveProperty('raw');
    expect(getThing.mcp.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(createThing.mcp.annotations.readOnlyHint).toBe(false);
    expect(createThing.jsonSchema.properties).not.toHaveProperty('raw');
  });

  it('rejects definitions that break the contract', () => {
    const base = { app: 'crm' as const, access: 'read' as const, scopes: ['ZohoCRM.modules.READ'], description: 'x', run: async () => ({}) };
    expect(() => defineZohoTool({ ...base, name: 'CrmThing', input: z.object({}) })).toThrow(/snake_case/);
    expect(() => defineZohoTool({ ...base, name: 'books_thing', input: z.object({}) })).toThrow(/start with "crm_"/);
    expect(() => defineZohoTool({ ...base, name: 'crm_thing', input: z.object({ a: z.string() }) })).toThrow(/"a" needs .describe/);
    expect(() => defineZohoTool({ ...base, name: 'crm_thing', scopes: [], input: z.object({}) })).toThrow(/scopes/);
  });
});

describe('createZohoToolkit', () => {
  it('runs a read tool and shapes its result; raw returns Zoho JSON', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    const shaped = await kit.call('crm_get_thing', { id: '4150868000000000001' });
    expect(shaped).toEqual({ outcome: 'ok', text: '{"id":"4150868000000000001","name":"first"}' });
    const raw = await kit.call('crm_get_thing', { id: '4150868000000000001', raw: true });
    expect(JSON.parse(raw.text)).toEqual({ data: [{ id: '4150868000000000001', name: 'first' }] });
  });

  it('rejects bad input naming the field, and sends nothing', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    const res = await kit.call('crm_get_thing', { id: '12' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('field "id"');
    expect(res.text).toContain('19-digit');
    expect(res.text).toContain('Nothing was sent');
    const missing = await kit.call('crm_get_thing', {});
    expect(missing.text).toContain('field "id" is required (a string)');
    const blank = await kit.call('crm_create_thing', { name: '  ' });
    expect(blank.text).toMatch(/field "name": must not be blank/);
    expect(emu.counters.requests()).toBe(0);
  });

  it('asks before a write with the exact payload, and a refusal sends nothing', async () => {
    const asked: ConfirmRequest[] = [];
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: (r) => (asked.push(r), false) });
    const res = await kit.call('crm_create_thing', { name: 'Widget' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/declined.*Create Thing "Widget".*Nothing was sent/);
    expect(asked[0]).toMatchObject({ tool: 'crm_create_thing', access: 'write', payload: { data: [{ name: 'Widget' }] } });
    expect(writes()).toBe(0);
  });

  it('refuses writes when no confirm hook is configured', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    expect((await kit.call('crm_create_thing', { name: 'Widget' })).outcome).toBe('refused');
    expect(writes()).toBe(0);
  });

  it('sends an approved write exactly once', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const res = await kit.call('crm_create_thing', { name: 'Widget' });
    expect(res.outcome).toBe('ok');
    expect(writes()).toBe(1);
    expect(emu.state<TestState>('crm').writes).toBe(1);
  });

  it('keeps tools outside the policy away from the model and from direct calls', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], policy: { name: 'viewer', apps: { crm: ['read'] } }, confirm: () => true });
    expect(kit.tools.map((t) => t.name)).toEqual(['crm_get_thing']);
    expect(kit.scopes).toEqual(['ZohoCRM.modules.things.READ']);
    const res = await kit.call('crm_create_thing', { name: 'Widget' });
    expect(res.outcome).toBe('denied');
    expect(res.text).toContain('not allowed for the viewer role');
    expect(emu.counters.requests()).toBe(0);
  });

  it('exposes LangChain tools that go through the same path', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const lcTool = kit.tools.find((t) => t.name === 'crm_get_thing')!;
    expect(await lcTool.invoke({ id: '4150868000000000001' })).toBe('{"id":"4150868000000000001","name":"first"}');
  });

  it('answers schema violations from LangChain callers with the same contract, as an error ToolMessage', async () => {
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({ connection, plugins: [plugin], audit: (e) => void events.push(e) });
    const lcTool = kit.tools.find((t) => t.name === 'crm_get_thing')!;
    const message = (await lcTool.invoke({ type: 'tool_call', id: 'call_1', name: 'crm_get_thing', args: { id: 12 } })) as { content: string; tool_call_id: string; status: string };
    expect(message).toMatchObject({ tool_call_id: 'call_1', status: 'error' });
    expect(message.content).toMatch(/^Invalid input for crm_get_thing: field "id": .*Nothing was sent to Zoho\.$/);
    expect(await lcTool.invoke({})).toBe('Invalid input for crm_get_thing: field "id" is required (a string). Nothing was sent to Zoho.');
    expect(events.map((e) => e.outcome)).toEqual(['invalid', 'invalid']);
    expect(emu.counters.requests()).toBe(0);
  });

  it('reports Zoho errors as one short message with the code and what to change', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    const res = await kit.call('crm_get_thing', { id: '4150868000000000999' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/^crm_get_thing failed: Zoho crm answered INVALID_DATA \(HTTP 400, validation\): the id given seems to be invalid/);
    expect(res.text).not.toContain('    at ');
  });

  it('audits every call to JSONL with secrets redacted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zak-audit-'));
    const path = join(dir, 'audit', 'log.jsonl');
    const events: AuditEvent[] = [];
    const writer = createJsonlAuditWriter(path);
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true, audit: (e) => (events.push(e), writer(e)) });
    await kit.call('crm_create_thing', { name: 'Audited', secret_note: 'hunter2' });
    await kit.call('crm_get_thing', { id: 'bad' });
    const lines = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    expect(lines.map((l) => [l.tool, l.outcome])).toEqual([
      ['crm_create_thing', 'ok'],
      ['crm_get_thing', 'invalid'],
    ]);
    expect(lines[0]!.ids).toHaveLength(1);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(emu.credentials.refreshToken);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
