import { literal, type TemplateContext } from './context.js';

/** test/<name>.test.ts: both tools over real HTTP against the app's own emulator slice. */
export function testFile(ctx: TemplateContext): string {
  const { demo, names, builtin, read, write } = ctx;
  const r = demo.read;
  const w = demo.write;
  const p = w.parent;
  const target = p ? `WRITE_INPUT, await parentOf(WRITE_INPUT.${p.field})` : 'WRITE_INPUT';
  const found = (since: string) => `h.client.findCreated(${target}, ${since})`;
  const paging = r.paging
    ? `

  it('pages with next_page, each page new rows', async () => {
    const first = await h.call(READ, { ...READ_INPUT, limit: 1 });
    expect(first.outcome, first.text).toBe('ok');
    expect(typeof first.json.next_page).toBe('string');
    const second = await h.call(READ, { limit: 1, next_page: first.json.next_page });
    expect(second.outcome, second.text).toBe('ok');
    expect(fromTable(second.json.${r.key})[0]!.id).not.toBe(fromTable(first.json.${r.key})[0]!.id);
  });`
    : '';
  const parentTests = p
    ? `

  it('refuses a ${p.what} that does not exist, naming ${p.field}, and sends no write', async () => {
    const res = await h.call(WRITE, { ...WRITE_INPUT, ${p.field}: ${literal(p.missing)} });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('${p.field}');
    expect(h.confirmations).toHaveLength(0);
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(0);
  });

  it('lists the ${p.what} of the example in ${read.name}', async () => {
    const res = await h.call(READ, READ_INPUT);
    expect(fromTable(res.json.${r.key}).map((row) => row.id)).toContain(WRITE_INPUT.${p.field});
  });`
    : '';
  const uniqueTest = w.unique
    ? `

  it('refuses a ${w.name.field} that already exists, before asking', async () => {
    expect((await h.call(WRITE, WRITE_INPUT)).outcome).toBe('ok');
    const again = await h.call(WRITE, WRITE_INPUT);
    expect(again.outcome).toBe('invalid');
    expect(again.text).toContain('${w.name.field}');
    expect(h.confirmations).toHaveLength(1);
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(1);
  });`
    : '';
  const parentHelper = p
    ? `

/** The ${p.what} the example writes to, as the client reads it. */
async function parentOf(id: string): Promise<ZohoRow> {
  const row = await h.client.parent(id);
  if (!row) throw new Error(\`the seed has no ${p.what} \${id}\`);
  return row;
}`
    : '';
  return `import { readFileSync } from 'node:fs';
import {
  createZohoConnection,
  createZohoToolkit,
  fromTable,
  type ConfirmRequest,
  type ZohoConnection,
  type ZohoConnectionOptions,
  type ZohoToolkit,
  type ZohoToolkitOptions,
} from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { ${builtin.plugin} } from '${builtin.packageName}';
import { ${builtin.emulator} } from '${builtin.packageName}/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ${names.client}${p ? ', type ZohoRow' : ''} } from '../src/client.js';
import { ${names.combine}, ${names.plugin}, ${names.tools} } from '../src/index.js';

const APP = '${demo.app}';
const READ = '${read.name}';
const WRITE = '${write.name}';
/** The routes the tools call, as the emulator counts them. */
const READ_ROUTE = '${r.route}';
const WRITE_ROUTE = '${w.route}';
const READ_INPUT = ${literal(r.example)};
const WRITE_INPUT = ${literal(w.example)};

interface Harness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  /** The plugin's client on the same connection, to read back what the tools did. */
  client: ${names.client};
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers (default yes). */
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  close(): Promise<void>;
}

/** The emulator (${builtin.emulator}, no rate limits), a connection and a toolkit with this plugin and a recording confirm hook. */
async function start(options: { connection?: Partial<ZohoConnectionOptions>; toolkit?: Partial<ZohoToolkitOptions> } = {}): Promise<Harness> {
  const emu = await startEmulator({ apps: [${builtin.emulator}], limits: { ${demo.app}: false } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { ${demo.app}: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const confirmations: ConfirmRequest[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [${names.plugin}],
    confirm: (request) => {
      confirmations.push(request);
      return approve.value;
    },
    ...options.toolkit,
  });
  return {
    emu,
    connection,
    kit,
    client: new ${names.client}(connection),
    confirmations,
    approve,
    async call(name, input) {
      const res = await kit.call(name, input);
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      return { ...res, json };
    },
    async close() {
      await connection.close();
      await emu.close();
    },
  };
}

let h: Harness;
${parentHelper}

describe('with the emulator', () => {
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.emu.reset();
    h.confirmations.length = 0;
    h.approve.value = true;
  });

  it('${read.name} returns the seeded ${r.key.replace(/_/g, ' ')} as a table, ids as strings', async () => {
    const res = await h.call(READ, READ_INPUT);
    expect(res.outcome, res.text).toBe('ok');
    const rows = fromTable(res.json.${r.key});
    expect(rows.map((row) => row.${r.seeded.column})).toContain(${literal(r.seeded.value)});
    for (const row of rows) expect(typeof row.id).toBe('string');
    expect(h.emu.counters.requests({ app: APP, route: READ_ROUTE })).toBe(1);
  });${paging}

  it('refuses an unknown field, naming it, and sends nothing', async () => {
    const before = h.emu.counters.requests({ app: APP });
    const res = await h.call(READ, { ...READ_INPUT, colour: 'blue' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('colour');
    expect(h.emu.counters.requests({ app: APP })).toBe(before);
  });

  it('refuses a blank ${w.name.field}, naming it, before anything is sent', async () => {
    const res = await h.call(WRITE, { ...WRITE_INPUT, ${w.name.field}: '   ' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('${w.name.field}');
    expect(h.emu.counters.requests({ app: APP })).toBe(0);
  });

  it('refuses a ${w.name.field} longer than ${demo.product} takes, naming it', async () => {
    const res = await h.call(WRITE, { ...WRITE_INPUT, ${w.name.field}: 'x'.repeat(${w.name.max + 1}) });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('${w.name.field}');
    expect(h.emu.counters.requests({ app: APP })).toBe(0);
  });${parentTests}

  it('sends nothing when the person declines', async () => {
    h.approve.value = false;
    const res = await h.call(WRITE, WRITE_INPUT);
    expect(res.outcome).toBe('refused');
    expect(res.text).toContain('Nothing was sent');
    expect(h.confirmations).toHaveLength(1);
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(0);
    expect((await ${found('0')}).rows).toEqual([]);
  });

  it('sends a confirmed write once, showing the body first, and returns the new id', async () => {
    const res = await h.call(WRITE, WRITE_INPUT);
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    expect(JSON.stringify(h.confirmations[0]!.payload)).toContain(WRITE_INPUT.${w.name.field});
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(1);
    expect(typeof res.json.id).toBe('string');
    const landed = await ${found('0')};
    expect(landed.rows.map((row) => row.id)).toEqual([res.json.id]);
  });${uniqueTest}
});

describe('after a lost answer', () => {
  beforeAll(async () => {
    // A short header timeout turns a slow answer into a lost one; the toolkit checks again after 1 s and 1.5 s.
    h = await start({ connection: { http: { headersTimeoutMs: 300 } }, toolkit: { reconcileSettleMs: [1000, 1500] } });
  });
  afterAll(() => h.close());
  afterEach(() => h.emu.reset());

  it('timed out after ${demo.product} applied it: reported applied with its id, sent once', async () => {
    h.emu.faults.add({ app: APP, route: WRITE_ROUTE, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call(WRITE, WRITE_INPUT);
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const landed = await ${found('0')};
    expect(landed.rows).toHaveLength(1);
    expect(res.json).toMatchObject({ reconciled: 'applied', id: landed.rows[0]!.id });
    expect(res.text).not.toMatch(/try again/i);
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(1);
  });

  it('reset before it reached ${demo.product}: reported not applied, safe to send again', async () => {
    h.emu.faults.add({ app: APP, route: WRITE_ROUTE, kind: 'reset', times: 1 });
    const res = await h.call(WRITE, WRITE_INPUT);
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect((await ${found('0')}).rows).toEqual([]);
    expect(h.emu.counters.requests({ app: APP, route: WRITE_ROUTE })).toBe(1);
  });
});

describe('${names.plugin}', () => {
  it('joins the built-in ${demo.app} plugin with ${names.combine}, and its tools run there', async () => {
    const emu = await startEmulator({ apps: [${builtin.emulator}], limits: { ${demo.app}: false } });
    const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { ${demo.app}: false } }));
    try {
      const kit = createZohoToolkit({ connection, plugins: [${names.combine}(${builtin.plugin})] });
      const names = kit.all.map((t) => t.name);
      for (const t of ${builtin.plugin}.tools) expect(names).toContain(t.name);
      expect(names).toEqual(expect.arrayContaining([READ, WRITE]));
      expect(kit.instructions).toContain(READ);
      const res = await kit.call(READ, READ_INPUT);
      expect(res.outcome, res.text).toBe('ok');
    } finally {
      await connection.close();
      await emu.close();
    }
  });

  it('names its tools ${demo.app}_…, none a built-in ${demo.app} tool, every field described, with an example', () => {
    const builtin = new Set(${builtin.plugin}.tools.map((t) => t.name));
    for (const tool of ${names.tools}) {
      expect(tool.name).toMatch(/^${names.toolPrefix}_[a-z0-9_]+$/);
      expect(builtin.has(tool.name), tool.name).toBe(false);
      expect(tool.description).toContain('Example: {');
      const properties = (tool.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(properties)) expect(schema.description, \`\${tool.name}.\${field}\`).toBeTruthy();
    }
  });

  it("reports its package's name and version, and the emulator slice its routes are on", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(${names.plugin}).toMatchObject({ name: pkg.name, version: pkg.version, app: APP, emulator: '${builtin.packageName}/emulator' });
  });
});
`;
}
