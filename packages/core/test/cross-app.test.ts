import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createZohoConnection,
  createZohoToolkit,
  defineZohoTool,
  loadInstalledPlugins,
  PartialWriteError,
  policyAllows,
  requiredScopes,
  scopesAllowed,
  toolsAllowed,
  type AuditEvent,
  type ConfirmRequest,
  type ToolClients,
  type ZohoAppClient,
  type ZohoConnection,
  type ZohoCrossAppPlugin,
  type ZohoPlugin,
} from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp } from '../src/emulator/index.js';
import { testApp } from './helpers/test-app.js';

// A second app slice (Books' envelope, one list and one create), so a tool can read one app and write another.
const widgets: EmulatorApp<{ widgets: { id: string; name: string }[] }> = {
  app: 'books',
  basePath: '',
  scopes: ['ZohoBooks.widgets.ALL'],
  createState: () => ({ widgets: [] }),
  routes: [
    { method: 'GET', path: '/books/v3/widgets', scopes: ['ZohoBooks.widgets.READ'], handle: ({ state }) => ({ status: 200, body: { code: 0, widgets: state.widgets } }) },
    {
      method: 'POST',
      path: '/books/v3/widgets',
      scopes: ['ZohoBooks.widgets.CREATE'],
      handle: ({ state, body }) => {
        const widget = { id: String(9000 + state.widgets.length), name: String((body as { name?: unknown }).name) };
        state.widgets.push(widget);
        return { status: 201, body: { code: 0, widget } };
      },
    },
  ],
  errors: {
    invalidToken: () => ({ status: 401, body: { code: 57, message: 'invalid token' } }),
    scopeMismatch: () => ({ status: 401, body: { code: 57, message: 'scope' } }),
    throttled: () => ({ status: 429, body: { code: 44, message: 'throttled' } }),
    notFound: () => ({ status: 404, body: { code: 1002, message: 'not found' } }),
    serverError: (status) => ({ status, body: { code: 500, message: 'server' } }),
  },
};

const readError = (res: { status: number; body: unknown }) =>
  res.status >= 400 ? { code: String((res.body as { code?: unknown })?.code ?? res.status), message: String((res.body as { message?: unknown })?.message ?? ''), kind: res.status === 401 ? ('invalid_token' as const) : ('validation' as const) } : undefined;

const appPlugin = (app: 'crm' | 'books'): ZohoPlugin<ZohoAppClient> => ({
  name: `@test/${app}`,
  app,
  version: '0.0.0',
  tools: [],
  readError,
  createClient: (connection) => connection.app({ app, readError }),
  emulator: `@test/${app}/emulator`,
});

type Clients = { crm?: ZohoAppClient; books?: ZohoAppClient };
const seen: { clients?: ToolClients; marks?: boolean }[] = [];

const copyThing = defineZohoTool<z.ZodObject<{ id: z.ZodString }>, Clients, { widget: { id: string } }>({
  name: 'flow_copy_thing',
  app: 'flow',
  access: 'write',
  uses: [
    { app: 'crm', access: 'read', scopes: ['ZohoCRM.modules.things.READ'] },
    { app: 'books', access: 'write', scopes: ['ZohoBooks.widgets.CREATE'] },
    { app: 'crm', access: 'write', scopes: ['ZohoCRM.modules.things.CREATE'], optional: true, purpose: 'adds a copy mark in CRM' },
  ],
  description: 'Copies a CRM Thing into a Books widget; with CRM write, marks it. Returns the widget.',
  input: z.object({ id: z.string().max(19).describe('Thing id.') }),
  async plan({ id }, ctx) {
    const thing = (await ctx.client.crm!.request<{ data: { name: string }[] }>({ method: 'GET', path: `/crm/v8/Things/${id}` })).data.data[0]!;
    const marks = ctx.allows!('crm', 'write');
    seen.push({ clients: ctx.clients!, marks });
    const list = async () => (await ctx.client.books!.request<{ widgets: { id: string; name: string }[] }>({ method: 'GET', path: '/books/v3/widgets' })).data.widgets;
    const before = new Set((await list()).map((w) => w.id));
    const write = async () => (await ctx.client.books!.request<{ widget: { id: string } }>({ method: 'POST', path: '/books/v3/widgets', json: { name: thing.name } })).data;
    return {
      summary: `Copy ${thing.name}`,
      payload: { name: thing.name },
      execute: async () => {
        const step = await ctx.sendWrite!({
          summary: 'create the widget',
          execute: write,
          reconcile: async () => {
            const found = (await list()).find((w) => w.name === thing.name && !before.has(w.id));
            return found ? { status: 'applied', id: found.id, result: { widget: found } } : { status: 'not_applied' };
          },
        });
        if (step.status !== 'applied') throw new PartialWriteError('stopped', { status: 'stopped', step: step.status, error: step.error });
        return step.result ?? { widget: { id: step.id ?? '' } };
      },
      reconcile: async () => ({ status: 'unknown' }),
    };
  },
  ids: (r) => [r.widget.id],
});

const peek = defineZohoTool<z.ZodObject<{ id: z.ZodString }>, Clients, unknown>({
  name: 'flow_peek',
  app: 'flow',
  access: 'read',
  uses: [
    { app: 'crm', access: 'read', scopes: ['ZohoCRM.modules.things.READ'] },
    { app: 'books', access: 'read', scopes: ['ZohoBooks.widgets.READ'], optional: true, purpose: 'adds the widgets' },
  ],
  description: 'Reads a Thing, and the widgets when Books may be read. Returns both.',
  input: z.object({ id: z.string().max(19).describe('Thing id.') }),
  run: async ({ id }, ctx) => ({
    thing: (await ctx.client.crm!.request({ method: 'GET', path: `/crm/v8/Things/${id}` })).data,
    widgets: ctx.client.books ? (await ctx.client.books.request({ method: 'GET', path: '/books/v3/widgets' })).data : 'left out',
  }),
});

const nothing = defineZohoTool<z.ZodObject<{}>, Clients, unknown>({
  name: 'flow_noop',
  app: 'flow',
  access: 'write',
  uses: [{ app: 'books', access: 'write', scopes: ['ZohoBooks.widgets.CREATE'] }],
  description: 'Finds nothing to do. Returns why.',
  input: z.object({}),
  plan: async () => ({ summary: '', payload: {}, execute: async () => ({}), nothingToDo: { status: 'nothing to do' } }),
});

const flows: ZohoCrossAppPlugin = { name: '@test/flows', app: 'flow', apps: ['crm', 'books'], version: '0.0.0', tools: [copyThing, peek, nothing], instructions: 'Flow tools: test guidance.' };

let emu: Emulator;
let connection: ZohoConnection;
const THING = '4150868000000000001';

beforeAll(async () => {
  emu = await startEmulator({ apps: [testApp, widgets] });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false, books: false }, http: { headersTimeoutMs: 300 } }));
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});
afterEach(() => {
  emu.counters.reset();
  emu.resetState();
  emu.faults.clear();
  seen.length = 0;
});

const posts = () => emu.counters.requests({ route: 'POST /books/v3/widgets' });

describe('tools across apps', () => {
  it('are checked at definition: a prefix that is no app, access the highest required use, scopes per use, a purpose for optional uses', () => {
    const base = { name: 'flow_x', access: 'read' as const, description: 'x', input: z.object({}), run: async () => ({}) };
    expect(() => defineZohoTool({ ...base, name: 'crm_x', app: 'crm', uses: [{ app: 'crm', access: 'read', scopes: ['ZohoCRM.modules.READ'] }] } as never)).toThrow(/prefix, not the app name "crm"/);
    expect(() => defineZohoTool({ ...base, app: 'flow' } as never)).toThrow(/"flow" is not a Zoho app/);
    expect(() => defineZohoTool({ ...base, app: 'flow', uses: [{ app: 'crm', access: 'write', scopes: ['a'] }] } as never)).toThrow(/above the tool's access/);
    expect(() => defineZohoTool({ ...base, app: 'flow', uses: [{ app: 'crm', access: 'read', scopes: ['a'] }, { app: 'books', access: 'read', scopes: ['b'], optional: true }] } as never)).toThrow(/needs a purpose/);
    expect(() => defineZohoTool({ ...base, app: 'flow', scopes: ['a'], uses: [{ app: 'crm', access: 'read', scopes: ['a'] }] } as never)).toThrow(/scopes in each use/);
    expect(() => defineZohoTool({ ...base, access: 'write', plan: async () => ({}), app: 'flow', uses: [{ app: 'crm', access: 'read', scopes: ['a'] }] } as never)).toThrow(/highest required use's \("read"\)/);
    expect(copyThing.uses.map((u) => `${u.app}:${u.access}${u.optional ? '?' : ''}`)).toEqual(['crm:read', 'books:write', 'crm:write?']);
    expect(copyThing.scopes).toEqual(['ZohoCRM.modules.things.READ', 'ZohoBooks.widgets.CREATE', 'ZohoCRM.modules.things.CREATE']);
  });

  it('exist where the policy allows every required use, get those clients, and use optional ones only where allowed', async () => {
    const policy = { name: 'CFO-like', apps: { crm: ['read' as const], books: ['read' as const, 'write' as const] } };
    expect(policyAllows(policy, copyThing)).toBe(true);
    expect(policyAllows({ apps: { crm: ['read', 'write'], books: ['read'] } }, copyThing)).toBe(false);
    const confirms: ConfirmRequest[] = [];
    const events: AuditEvent[] = [];
    const kit = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], policy, confirm: (r) => (confirms.push(r), true), audit: (e) => void events.push(e) });
    expect(kit.allowed.map((t) => t.name)).toEqual(['flow_copy_thing', 'flow_peek', 'flow_noop']);
    // The union of the required uses and the optional ones the policy allows (no CRM create here).
    expect(kit.scopes).toEqual(['ZohoBooks.widgets.CREATE', 'ZohoBooks.widgets.READ', 'ZohoCRM.modules.things.READ']);
    expect(scopesAllowed([appPlugin('crm'), appPlugin('books'), flows], policy)).toEqual(kit.scopes);
    expect(requiredScopes([copyThing])).toContain('ZohoCRM.modules.things.CREATE');
    expect(kit.instructions).toContain('Flow tools: test guidance.');

    const res = await kit.call('flow_copy_thing', { id: THING });
    expect(res.outcome).toBe('ok');
    expect(Object.keys(seen[0]!.clients!).sort()).toEqual(['books', 'crm']);
    expect(seen[0]!.marks).toBe(false);
    expect(confirms[0]).toMatchObject({ tool: 'flow_copy_thing', app: 'flow', apps: ['crm', 'books'], summary: 'Copy first' });
    expect(events.at(-1)).toMatchObject({ tool: 'flow_copy_thing', app: 'flow', apps: ['crm', 'books'], outcome: 'ok' });

    const all = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], confirm: () => true });
    await all.call('flow_copy_thing', { id: THING });
    expect(seen[1]!.marks).toBe(true);
    const peekLeft = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], policy: { apps: { crm: ['read'] } } });
    expect((await peekLeft.call('flow_peek', { id: THING })).text).toContain('left out');
  });

  it('refuse a policy that lacks one app, and a toolkit that lacks its plugin, sending nothing', async () => {
    const crmOnly = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], policy: { name: 'CRM only', apps: { crm: ['read', 'write'] } }, confirm: () => true });
    const denied = await crmOnly.call('flow_copy_thing', { id: THING });
    expect(denied.outcome).toBe('denied');
    expect(denied.text).toMatch(/not allowed for the CRM only role; nothing was sent/);
    const noBooks = createZohoToolkit({ connection, plugins: [appPlugin('crm'), flows], confirm: () => true });
    expect(noBooks.allowed.map((t) => t.name)).toEqual(['flow_peek']);
    expect(toolsAllowed([appPlugin('crm'), flows], { apps: { crm: ['read'], books: ['read', 'write'] } }).map((t) => t.name)).toEqual(['flow_peek']);
    const missing = await noBooks.call('flow_copy_thing', { id: THING });
    expect(missing).toMatchObject({ outcome: 'denied' });
    expect(missing.text).toContain('needs the books plugin (@zoho-agent-kit/books)');
    expect(posts()).toBe(0);
    expect(emu.counters.requests({ route: 'GET /crm/v8/Things/:id' })).toBe(0);
  });

  it('compose beside the app plugins: one plugin per app still, one per prefix', () => {
    expect(() => createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('crm')] })).toThrow(/two plugins for app "crm"/);
    expect(() => createZohoToolkit({ connection, plugins: [appPlugin('crm'), flows, { ...flows, name: '@test/other', tools: [] }] })).toThrow(/two plugins for prefix "flow"/);
    expect(() => createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows] })).not.toThrow();
  });

  it("reconcile a batch step's lost answer with the toolkit's pauses (applied, once) and tell a stopped batch as it is", async () => {
    const kit = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], confirm: () => true, reconcileSettleMs: [1000, 1500] });
    emu.faults.add({ route: 'POST /books/v3/widgets', kind: 'slow', delayMs: 1500, times: 1 });
    const lost = await kit.call('flow_copy_thing', { id: THING });
    expect(lost.outcome).toBe('ok');
    expect(JSON.parse(lost.text)).toMatchObject({ widget: { id: '9000', name: 'first' } });
    expect(posts()).toBe(1);

    emu.faults.add({ route: 'POST /books/v3/widgets', kind: 'reset', times: 1 });
    const stopped = await kit.call('flow_copy_thing', { id: THING });
    expect(stopped.outcome).toBe('error');
    expect(JSON.parse(stopped.text)).toMatchObject({ status: 'stopped', step: 'not_applied' });
  });

  it('answer a plan that finds nothing to do without asking', async () => {
    const confirms: ConfirmRequest[] = [];
    const kit = createZohoToolkit({ connection, plugins: [appPlugin('crm'), appPlugin('books'), flows], confirm: (r) => (confirms.push(r), true) });
    const res = await kit.call('flow_noop', {});
    expect(res).toMatchObject({ outcome: 'ok', text: '{"status":"nothing to do"}' });
    expect(confirms).toHaveLength(0);
  });

  it('are loaded after the app plugins from the second list', async () => {
    const loaded = await loadInstalledPlugins();
    const apps = loaded.map((l) => l.plugin.app);
    expect(apps.indexOf('flow')).toBe(apps.length - 1);
    expect(loaded.at(-1)!.emulator).toBeUndefined();
    expect((await loadInstalledPlugins(['crm'])).map((l) => l.plugin.app)).toEqual(['crm']);
  });
});
