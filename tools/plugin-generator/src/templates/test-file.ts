import { indent, literal, type TemplateContext } from './context.js';
import type { ToolCase } from '../spec.js';

function caseBlock(c: ToolCase): string {
  return `it(${literal(c.title)}, async () => {
  const res = await call(${literal(c.input, 1)});
  expect(res.outcome, res.text).toBe('ok');
  expect(res.data).toMatchObject(${literal(c.expected, 1)});
  expect(emu.counters.requests({ app: APP, route: ROUTE })).toBeGreaterThan(0);
});`;
}

/** test/<app>.test.ts: the example tool over real HTTP, input errors, the envelope, and the plugin contract. */
export function testFile({ spec, names, tool }: TemplateContext): string {
  const first = spec.test.cases[0]!;
  const cases = spec.test.cases.map((c) => caseBlock(c)).join('\n\n');
  return `import { readFileSync } from 'node:fs';
import { createZohoConnection, createZohoToolkit, scopesSatisfy, type ZohoConnection, type ZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ${names.emulatorScopes}, ${names.emulator} } from '../src/emulator/index.js';
import { ${names.envelopeReader}, ${names.plugin}, ${names.tools} } from '../src/index.js';

const APP = '${names.app}';
const TOOL = '${tool.name}';
/** The route ${tool.name} calls, as the emulator counts it. */
const ROUTE = '${spec.tool.route}';

let emu: Emulator;
let connection: ZohoConnection;
let kit: ZohoToolkit;

beforeAll(async () => {
  emu = await startEmulator({ apps: [${names.emulator}], limits: { ${names.app}: false } });
  // Short backoff, so the error test below does not wait for the production retry delays.
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { ${names.app}: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 } }));
  kit = createZohoToolkit({ connection, plugins: [${names.plugin}] });
});

afterEach(() => emu.faults.clear());

afterAll(async () => {
  await connection?.close();
  await emu?.close();
});

/** Calls the tool through the toolkit (validation, policy, shaping) and parses the text the model reads. */
async function call(input: Record<string, unknown>): Promise<{ outcome: string; text: string; data: any }> {
  const res = await kit.call(TOOL, input);
  let data: unknown;
  try {
    data = JSON.parse(res.text);
  } catch {
    data = undefined;
  }
  return { ...res, data };
}

describe(\`\${TOOL} against the emulator\`, () => {
${indent(cases, 2)}

  it(${literal(spec.test.raw.title)}, async () => {
    const res = await call(${literal({ ...spec.test.raw.input, raw: true }, 2)});
    expect(res.outcome, res.text).toBe('ok');
    expect(res.data).toMatchObject(${literal(spec.test.raw.expected, 2)});
  });

  it('sends nothing to Zoho for a bad input, and names the field', async () => {
    const before = emu.counters.requests({ app: APP });
    const res = await call(${literal(spec.test.bad.input, 2)});
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain(${literal(spec.test.bad.field)});
    expect(emu.counters.requests({ app: APP })).toBe(before);
  });

  it('waits and retries when ${spec.product} throttles', async () => {
    emu.faults.add({ app: APP, kind: 'throttle', retryAfterSec: 1, times: 1 });
    const throttled = () => emu.counters.requests({ app: APP, status: ${spec.test.throttleStatus} });
    const before = throttled();
    const res = await call(${literal(first.input, 2)});
    expect(res.outcome, res.text).toBe('ok');
    expect(throttled()).toBe(before + 1);
  });

  it("shows the model Zoho's code when ${spec.product} keeps failing", async () => {
    emu.faults.add({ app: APP, kind: 'status', status: 500 });
    const res = await call(${literal(first.input, 2)});
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('${spec.test.serverErrorCode}');
    expect(res.text).toContain('HTTP 500');
  });
});

describe('${names.envelopeReader}', () => {
  const kind = (answer: EmulatorResponse) => ${names.envelopeReader}({ status: answer.status, headers: answer.headers ?? {}, body: answer.body })?.kind;

  it("reads each of the emulator's error answers with the kind that drives refresh and retry", () => {
    const errors = ${names.emulator}.errors;
    expect(kind(errors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errors.invalidToken('missing'))).toBe('invalid_token');
    expect(kind(errors.scopeMismatch(['${spec.tool.scopes[0]}']))).toBe('scope');
    expect(kind(errors.throttled(1))).toBe('throttled');
    expect(kind(errors.notFound('GET', '/no/such/path'))).toBe('not_found');
    expect(kind(errors.serverError(503))).toBe('server');
  });

  it('lets an empty success through', () => {
    expect(${names.envelopeReader}({ status: 204, headers: {}, body: undefined })).toBeUndefined();
  });
});

describe('${names.plugin}', () => {
  it('names its tools ${names.app}_…, uniquely, each with a description, scopes and described input fields', () => {
    const toolNames = ${names.tools}.map((t) => t.name);
    expect(new Set(toolNames).size).toBe(toolNames.length);
    expect(new Set(${names.tools}.map((t) => t.description)).size).toBe(${names.tools}.length);
    for (const tool of ${names.tools}) {
      expect(tool.name).toMatch(/^${names.app}_[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(tool.scopes.length).toBeGreaterThan(0);
      expect(tool.description).toMatch(/Example: \\{/);
      const properties = (tool.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(properties)) expect(schema.description, \`\${tool.name}.\${field}\`).toBeTruthy();
    }
  });

  it('asks only for scopes the emulator grants its demo credentials', () => {
    for (const scope of kit.scopes) expect(scopesSatisfy(${names.emulatorScopes}, [scope]), scope).toBe(true);
  });

  it("reports its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(${names.plugin}).toMatchObject({ name: pkg.name, version: pkg.version, app: APP, emulator: \`\${pkg.name}/emulator\` });
  });
});
`;
}
