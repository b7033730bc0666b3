import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createZohoConnection,
  createZohoToolkit,
  defineZohoTool,
  fromTable,
  kindForStatus,
  toTable,
  type AuditEvent,
  type ToolPolicy,
  type ZohoAppClient,
  type ZohoConnection,
  type ZohoPlugin,
} from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '../src/emulator/index.js';
import { testApp, type TestState } from './helpers/test-app.js';

type Thing = { id: string; name: string };

const getThing = defineZohoTool({
  name: 'crm_get_thing',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.things.READ'],
  description: 'Reads one Thing by id.',
  input: z.object({ id: z.string().max(19).regex(/^\d{19}$/, 'must be a 19-digit record id').describe('The Thing id.') }),
  run: async ({ id }, { client }: { client: ZohoAppClient }) => (await client.request({ method: 'GET', path: `/crm/v8/Things/${id}` })).data,
  shape: (result) => (result as { data: unknown[] }).data[0],
});

async function listThings(client: ZohoAppClient, signal?: AbortSignal): Promise<Thing[]> {
  const res = await client.request<{ data?: Thing[] } | undefined>({ method: 'GET', path: '/crm/v8/Things', ...(signal ? { signal } : {}) });
  return res.data?.data ?? [];
}

/** A create whose plan finds the record by the name it sent when the answer is lost. */
function createTool(options: { reconcile: boolean }) {
  return defineZohoTool({
    name: options.reconcile ? 'crm_create_thing' : 'crm_create_unchecked_thing',
    app: 'crm',
    access: 'write',
    scopes: ['ZohoCRM.modules.things.CREATE'],
    description: 'Creates a Thing.',
    input: z.object({ name: z.string().min(1).max(200).describe('Name of the Thing.') }),
    plan: async ({ name }, { client }: { client: ZohoAppClient }) => {
      const payload = { data: [{ name }] };
      const before = new Set((await listThings(client)).map((t) => t.id));
      return {
        summary: `Create Thing "${name}"`,
        payload,
        checkWith: 'crm_get_thing',
        execute: async () => (await client.request({ method: 'POST', path: '/crm/v8/Things', json: payload })).data,
        ...(options.reconcile
          ? {
              reconcile: async ({ signal }: { signal: AbortSignal }) => {
                const found = (await listThings(client, signal)).find((t) => t.name === name && !before.has(t.id));
                return found ? { status: 'applied' as const, id: found.id } : { status: 'not_applied' as const };
              },
            }
          : {}),
      };
    },
  });
}

const plugin: ZohoPlugin<ZohoAppClient> = {
  name: '@zoho-agent-kit/test-things',
  app: 'crm',
  version: '0.0.0',
  tools: [getThing, createTool({ reconcile: true }), createTool({ reconcile: false })],
  readError: (res) =>
    res.status >= 400 ? { code: String((res.body as { code?: string })?.code ?? res.status), message: String((res.body as { message?: string })?.message ?? ''), kind: kindForStatus(res.status) } : undefined,
  createClient: (connection) => connection.app({ app: 'crm' }),
  emulator: '@zoho-agent-kit/test-things/emulator',
  instructions: 'Things are named objects.',
};

let emu: Emulator;
let connection: ZohoConnection;

beforeAll(async () => {
  emu = await startEmulator({ apps: [testApp] });
  // A short header timeout so a slow emulator answer becomes a lost answer.
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false }, http: { headersTimeoutMs: 300 } }));
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

const applied = () => emu.state<TestState>('crm').writes;
const posts = () => emu.counters.requests({ route: 'POST /crm/v8/Things' });

describe('approval is true and nothing else', () => {
  const answers: [string, () => unknown][] = [
    ["'no'", () => 'no'],
    ["'yes'", () => 'yes'],
    ['1', () => 1],
    ['{}', () => ({})],
    ['{approved:false}', () => ({ approved: false })],
    ['{approved:true}', () => ({ approved: true })],
    ['null', () => null],
    ['undefined', () => undefined],
    ['a promise of false', async () => false],
    ['a throw', () => {
      throw new Error('prompt crashed');
    }],
    ['a rejected promise', async () => {
      throw new Error('prompt crashed');
    }],
  ];
  for (const [label, answer] of answers) {
    it(`refuses when the hook answers ${label}, sending nothing`, async () => {
      const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: answer });
      const res = await kit.call('crm_create_thing', { name: 'Widget' });
      expect(res.outcome).toBe('refused');
      expect(res.text).toContain('Nothing was sent');
      expect(posts()).toBe(0);
    });
  }

  it('approves on true (and a promise of true)', async () => {
    for (const confirm of [() => true, async () => true]) {
      const kit = createZohoToolkit({ connection, plugins: [plugin], confirm });
      expect((await kit.call('crm_create_thing', { name: 'Widget' })).outcome).toBe('ok');
    }
    expect(posts()).toBe(2);
  });

  it('refuses when the call is aborted while the person is deciding, and tells the hook', async () => {
    let hookSignal: AbortSignal | undefined;
    const kit = createZohoToolkit({
      connection,
      plugins: [plugin],
      confirm: (_req, { signal }) => {
        hookSignal = signal;
        return new Promise(() => {});
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const res = await kit.call('crm_create_thing', { name: 'Widget' }, { signal: controller.signal });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/cancelled while waiting/);
    expect(hookSignal?.aborted).toBe(true);
    expect(posts()).toBe(0);
  });
});

describe('writes whose answer was lost are reconciled, never "try again"', () => {
  it('a write that timed out after Zoho applied it is reported applied with its id, and not sent again', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'slow', delayMs: 1500, times: 1 });
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true, audit: (e) => void events.push(e), reconcileSettleMs: [1000, 1500] });
    const res = await kit.call('crm_create_thing', { name: 'Slow widget' });
    expect(res.outcome).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const body = JSON.parse(res.text) as { reconciled: string; id: string; note: string };
    const created = [...emu.state<TestState>('crm').items.values()].find((t) => t.name === 'Slow widget')!;
    expect(body).toMatchObject({ reconciled: 'applied', id: created.id });
    expect(body.note).toMatch(/did not answer in time.*applied.*Do not send it again/);
    expect(res.text).not.toMatch(/try again/i);
    expect(posts()).toBe(1);
    expect(applied()).toBe(1);
    expect(events.at(-1)).toMatchObject({ tool: 'crm_create_thing', outcome: 'ok', reconciled: 'applied', ids: [created.id] });
  });

  it('a write reset before it reached Zoho is reported not applied, safe to retry', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'reset', times: 1 });
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true, audit: (e) => void events.push(e) });
    const res = await kit.call('crm_create_thing', { name: 'Reset widget' });
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(posts()).toBe(1);
    expect(applied()).toBe(0);
    expect(events.at(-1)).toMatchObject({ outcome: 'error', reconciled: 'not_applied' });
    // Following the advice creates it once.
    expect((await kit.call('crm_create_thing', { name: 'Reset widget' })).outcome).toBe('ok');
    expect(applied()).toBe(1);
  });

  it('a 5xx on a write is checked, not retried, and reported as found', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'status', status: 503, times: 1 });
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const res = await kit.call('crm_create_thing', { name: 'Busy widget' });
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/answered INTERNAL_ERROR \(HTTP 503\)/);
    expect(posts()).toBe(1);
  });

  it('a 5xx or a reset after Zoho applied the write is reconciled as applied, never resent', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    for (const kind of ['status', 'reset'] as const) {
      emu.faults.add({ route: 'POST /crm/v8/Things', kind, status: 500, afterHandling: true, times: 1 });
      const res = await kit.call('crm_create_thing', { name: `Landed ${kind}` });
      expect(res.reconciled, kind).toBe('applied');
      expect(res.outcome).toBe('ok');
    }
    expect(posts()).toBe(2);
    expect(applied()).toBe(2);
  });

  it('without a check the outcome is unknown and names the tool to check with', async () => {
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'reset', times: 1 });
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const res = await kit.call('crm_create_unchecked_thing', { name: 'Mystery' });
    expect(res.reconciled).toBe('unknown');
    expect(res.text).toMatch(/outcome unknown.*Check with crm_get_thing before retrying; do not simply send it again/);
    expect(posts()).toBe(1);
  });

  it('a failed sign-in is certain, not an unknown outcome: nothing reached the app', async () => {
    // A write whose plan reads nothing, so the token endpoint is first asked when the write is sent.
    const blindCreate = defineZohoTool({
      name: 'crm_create_thing',
      app: 'crm',
      access: 'write',
      scopes: ['ZohoCRM.modules.things.CREATE'],
      description: 'Creates a Thing.',
      input: z.object({ name: z.string().min(1).max(200).describe('Name of the Thing.') }),
      plan: async ({ name }, { client }: { client: ZohoAppClient }) => ({
        summary: `Create Thing "${name}"`,
        payload: { data: [{ name }] },
        execute: async () => (await client.request({ method: 'POST', path: '/crm/v8/Things', json: { data: [{ name }] } })).data,
        reconcile: async () => ({ status: 'not_applied' as const }),
      }),
    });
    const signedOut = createZohoConnection(emulatorConnectionOptions(emu, { refreshToken: '1000.unknownrefreshtoken', limits: { crm: false } }));
    try {
      const kit = createZohoToolkit({ connection: signedOut, plugins: [{ ...plugin, tools: [getThing, blindCreate] }], confirm: () => true });
      const res = await kit.call('crm_create_thing', { name: 'Signed out' });
      expect(res.outcome).toBe('error');
      expect(res.reconciled).toBeUndefined();
      expect(res.text).toMatch(/sign-in error invalid_code/);
      expect(posts()).toBe(0);
      expect(applied()).toBe(0);
    } finally {
      await signedOut.close();
    }
  });

  it('a validation error is not reconciled (Zoho refused it)', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    emu.faults.add({ route: 'POST /crm/v8/Things', kind: 'status', status: 400, times: 1 });
    const res = await kit.call('crm_create_thing', { name: 'Refused' });
    expect(res.reconciled).toBeUndefined();
    expect(res.outcome).toBe('error');
  });
});

describe('strict inputs', () => {
  it('a misspelt field is an error naming the closest valid field, through call and LangChain, sending nothing', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const res = await kit.call('crm_get_thing', { idd: '4150868000000000001' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/unknown field "idd"; did you mean "id"\?/);
    const viaLangChain = (await kit.tools.find((t) => t.name === 'crm_create_thing')!.invoke({ type: 'tool_call', id: 'c1', name: 'crm_create_thing', args: { name: 'X', nmae: 'Y' } })) as { content: string };
    expect(viaLangChain.content).toMatch(/unknown field "nmae"; did you mean "name"\?/);
    expect(emu.counters.requests()).toBe(0);
  });

  it('an id sent as a bare number beyond 2^53 is refused with "send ids as strings"', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    // eslint-disable-next-line @typescript-eslint/no-loss-of-precision
    const rounded = JSON.parse('{"id": 4150868000000100003}') as { id: number };
    const res = await kit.call('crm_get_thing', rounded);
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "id".*beyond 2\^53.*send ids as strings/);
    const lc = await kit.tools[0]!.invoke(rounded as never);
    expect(lc).toMatch(/send ids as strings/);
    expect(emu.counters.requests()).toBe(0);
  });

  it('a 1 MB input is answered briefly, without echoing it', async () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin], confirm: () => true });
    const huge = 'A'.repeat(1_000_000);
    for (const input of [{ name: huge }, { name: 'ok', [huge.slice(0, 5000)]: 1 }, { id: huge }]) {
      const res = await kit.call(input.id ? 'crm_get_thing' : 'crm_create_thing', input);
      expect(res.outcome).toBe('invalid');
      expect(res.text.length).toBeLessThan(1_600);
    }
    expect(emu.counters.requests()).toBe(0);
  });

  it('definitions must use strict nested objects and bounded strings', () => {
    const base = { name: 'crm_x', app: 'crm' as const, access: 'read' as const, scopes: ['ZohoCRM.modules.READ'], description: 'x', run: async () => ({}) };
    expect(() => defineZohoTool({ ...base, input: z.object({ a: z.string().describe('a') }) })).toThrow(/a: strings need \.max/);
    expect(() => defineZohoTool({ ...base, input: z.object({ a: z.array(z.object({ b: z.number() })).describe('a') }) })).toThrow(/a\[\]: nested objects must be z\.strictObject/);
    expect(() => defineZohoTool({ ...base, input: z.object({ a: z.array(z.strictObject({ b: z.string().max(5) })).describe('a') }) })).not.toThrow();
  });
});

describe('policy, audit and instructions', () => {
  it('freezes a copy of the policy: changing it afterwards changes nothing', async () => {
    const policy: ToolPolicy = { name: 'viewer', apps: { crm: ['read'] } };
    const kit = createZohoToolkit({ connection, plugins: [plugin], policy, confirm: () => true });
    (policy.apps.crm as string[]).push('write');
    policy.allowTools = ['crm_create_thing'];
    expect((await kit.call('crm_create_thing', { name: 'Sneaky' })).outcome).toBe('denied');
    expect(() => (kit.policy.apps.crm as string[]).push('write')).toThrow();
    expect(posts()).toBe(0);
  });

  it('a denied call is audited with the input it was given', async () => {
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({ connection, plugins: [plugin], policy: { name: 'viewer', apps: { crm: ['read'] } }, audit: (e) => void events.push(e) });
    expect((await kit.call('crm_create_thing', { name: 'Sneaky' })).outcome).toBe('denied');
    expect((await kit.call('crm_create_thing', 'not an object')).outcome).toBe('denied');
    expect(events.map((e) => [e.outcome, e.input])).toEqual([
      ['denied', { name: 'Sneaky' }],
      ['denied', {}],
    ]);
    expect(posts()).toBe(0);
  });

  it('audit lines carry the policy name and session id, and the time a person took is its own field', async () => {
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({
      connection,
      plugins: [plugin],
      policy: { name: 'CFO', apps: { crm: ['read', 'write'] } },
      sessionId: 'session-1',
      confirm: () => new Promise((r) => setTimeout(() => r(true), 400)),
      audit: (e) => void events.push(e),
    });
    await kit.call('crm_create_thing', { name: 'Timed' });
    const event = events.at(-1)!;
    expect(event).toMatchObject({ session: 'session-1', policy: 'CFO', outcome: 'ok' });
    expect(event.confirmMs).toBeGreaterThanOrEqual(380);
    expect(event.durationMs).toBeLessThan(event.confirmMs!);
    expect(kit.sessionId).toBe('session-1');
  });

  it('exposes the shared instructions once, with each allowed app\'s own', () => {
    const kit = createZohoToolkit({ connection, plugins: [plugin] });
    expect(kit.instructions).toMatch(/Ids are strings/);
    expect(kit.instructions).toMatch(/next_page/);
    expect(kit.instructions).toMatch(/raw/);
    expect(kit.instructions).toContain('Things are named objects.');
    const none = createZohoToolkit({ connection, plugins: [plugin], policy: { apps: {} } });
    expect(none.instructions).not.toContain('Things are named objects.');
  });
});

describe('toTable', () => {
  it('puts shared columns once and rows as values, spreading lookups, keeping every value', () => {
    const records = [
      { id: '1', Deal_Name: 'A', Account_Name: { name: 'Zylker', id: '9' }, Amount: 10 },
      { id: '2', Deal_Name: 'B', Stage: 'Won', Tags: ['x', 'y'] },
    ];
    const table = toTable(records, { columns: ['Deal_Name', 'Account_Name'] });
    expect(table.columns).toEqual(['Deal_Name', 'Account_Name.name', 'Account_Name.id', 'id', 'Amount', 'Stage', 'Tags']);
    expect(table.rows).toEqual([
      ['A', 'Zylker', '9', '1', 10, null, null],
      ['B', null, null, '2', null, 'Won', ['x', 'y']],
    ]);
    expect(fromTable(table)).toEqual([
      { Deal_Name: 'A', Account_Name: { name: 'Zylker', id: '9' }, id: '1', Amount: 10 },
      { Deal_Name: 'B', id: '2', Stage: 'Won', Tags: ['x', 'y'] },
    ]);
    const many = Array.from({ length: 10 }, (_, i) => ({ id: String(i), Deal_Name: `Deal ${i}`, Stage: 'Won', Amount: i * 10 }));
    expect(JSON.stringify(toTable(many)).length * 1.5).toBeLessThan(JSON.stringify(many).length);
  });

  it('says a repeated lookup id once, in ids by column and name, and reads it back whole', () => {
    const owners = [
      { name: 'Maya Ortiz', id: '4150868000000225013' },
      { name: 'Leo Brandt', id: '4150868000000225014' },
    ];
    const records = Array.from({ length: 6 }, (_, i) => ({
      id: `41508680000001000${10 + i}`,
      Deal_Name: `Deal ${i}`,
      Owner: owners[i % 2],
      Account_Name: { name: `Account ${i}`, id: `41508680000001001${10 + i}` },
    }));
    const table = toTable(records, { columns: ['Deal_Name', 'Owner'] });
    // Owner repeats: its column holds names, the ids are said once. Every account differs: its ids stay inline.
    expect(table.columns).toEqual(['Deal_Name', 'Owner', 'id', 'Account_Name.name', 'Account_Name.id']);
    expect(table.rows[1]).toEqual(['Deal 1', 'Leo Brandt', '4150868000000100011', 'Account 1', '4150868000000100111']);
    expect(table.ids).toEqual({ Owner: { 'Maya Ortiz': '4150868000000225013', 'Leo Brandt': '4150868000000225014' } });
    expect(fromTable(table)).toEqual(records.map(({ id, Deal_Name, Owner, Account_Name }) => ({ Deal_Name, Owner, id, Account_Name })));
    expect(JSON.stringify(table).length).toBeLessThan(JSON.stringify(toTable(records, { columns: ['Deal_Name', 'Owner'], lookupIds: false })).length);
  });

  it('keeps lookup ids inline where a name would be ambiguous or a lookup has more than a name and an id', () => {
    const twins = Array.from({ length: 6 }, (_, i) => ({ id: String(i), Owner: { name: 'Sam Lee', id: i % 2 ? '4150868000000225001' : '4150868000000225002' } }));
    expect(toTable(twins).ids).toBeUndefined();
    expect(toTable(twins).columns).toEqual(['id', 'Owner.name', 'Owner.id']);
    const withEmail = Array.from({ length: 6 }, (_, i) => ({ id: String(i), Owner: { name: 'Sam Lee', id: '4150868000000225001', email: 'sam@x.example' } }));
    expect(toTable(withEmail).ids).toBeUndefined();
    const someUnnamed = Array.from({ length: 6 }, (_, i) => ({ id: String(i), Owner: i === 3 ? { id: '4150868000000225001' } : { name: 'Sam Lee', id: '4150868000000225001' } }));
    expect(toTable(someUnnamed).ids).toBeUndefined();
    expect(fromTable(toTable(someUnnamed))).toEqual(someUnnamed);
  });
});
