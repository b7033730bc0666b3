import { readFileSync } from 'node:fs';
import { createZohoConnection, createZohoToolkit, scopesSatisfy, type ZohoConnection, type ZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WORKDRIVE_EMULATOR_SCOPES, workdriveEmulator } from '../src/emulator/index.js';
import { workdriveEnvelopeReader, workdrivePlugin, workdriveTools } from '../src/index.js';

const APP = 'workdrive';
const TOOL = 'workdrive_list_teams';
/** The route workdrive_list_teams calls, as the emulator counts it. */
const ROUTE = 'GET /workdrive/api/v1/users/:zuid/teams';

let emu: Emulator;
let connection: ZohoConnection;
let kit: ZohoToolkit;

beforeAll(async () => {
  emu = await startEmulator({ apps: [workdriveEmulator], limits: { workdrive: false } });
  // Short backoff, so the error test below does not wait for the production retry delays.
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { workdrive: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 } }));
  kit = createZohoToolkit({ connection, plugins: [workdrivePlugin] });
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

describe(`${TOOL} against the emulator`, () => {
  it("lists the user's teams, shaped for the model", async () => {
    const res = await call({});
    expect(res.outcome, res.text).toBe('ok');
    expect(res.data).toMatchObject({
      count: 2,
      teams: [
        { name: 'Northwind Creative', is_default: true, edition: 'BUSINESS' },
        { name: 'Zylker Corp Shared', edition: 'ENTERPRISE' },
      ],
    });
    expect(emu.counters.requests({ app: APP, route: ROUTE })).toBeGreaterThan(0);
  });

  it('finds a team by part of its name', async () => {
    const res = await call({ name: 'zylker' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.data).toMatchObject({
      count: 1,
      teams: [
        {
          name: 'Zylker Corp Shared',
          description: 'Files Zylker Corp shares with its agencies',
        },
      ],
    });
    expect(emu.counters.requests({ app: APP, route: ROUTE })).toBeGreaterThan(0);
  });

  it("returns Zoho's JSON:API resources with raw: true", async () => {
    const res = await call({ raw: true });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.data).toMatchObject([
      { type: 'teams', attributes: { name: 'Northwind Creative', is_default: true } },
      { type: 'teams' },
    ]);
  });

  it('sends nothing to Zoho for a bad input, and names the field', async () => {
    const before = emu.counters.requests({ app: APP });
    const res = await call({ name: '   ' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toContain('name');
    expect(emu.counters.requests({ app: APP })).toBe(before);
  });

  it('waits and retries when Zoho WorkDrive throttles', async () => {
    emu.faults.add({ app: APP, kind: 'throttle', retryAfterSec: 1, times: 1 });
    const throttled = () => emu.counters.requests({ app: APP, status: 429 });
    const before = throttled();
    const res = await call({});
    expect(res.outcome, res.text).toBe('ok');
    expect(throttled()).toBe(before + 1);
  });

  it("shows the model Zoho's code when Zoho WorkDrive keeps failing", async () => {
    emu.faults.add({ app: APP, kind: 'status', status: 500 });
    const res = await call({});
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('INTERNAL_SERVER_ERROR');
    expect(res.text).toContain('HTTP 500');
  });
});

describe('workdriveEnvelopeReader', () => {
  const kind = (answer: EmulatorResponse) => workdriveEnvelopeReader({ status: answer.status, headers: answer.headers ?? {}, body: answer.body })?.kind;

  it("reads each of the emulator's error answers with the kind that drives refresh and retry", () => {
    const errors = workdriveEmulator.errors;
    expect(kind(errors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errors.invalidToken('missing'))).toBe('invalid_token');
    expect(kind(errors.scopeMismatch(['WorkDrive.users.READ']))).toBe('scope');
    expect(kind(errors.throttled(1))).toBe('throttled');
    expect(kind(errors.notFound('GET', '/no/such/path'))).toBe('not_found');
    expect(kind(errors.serverError(503))).toBe('server');
  });

  it('lets an empty success through', () => {
    expect(workdriveEnvelopeReader({ status: 204, headers: {}, body: undefined })).toBeUndefined();
  });
});

describe('workdrivePlugin', () => {
  it('names its tools workdrive_…, uniquely, each with a description, scopes and described input fields', () => {
    const toolNames = workdriveTools.map((t) => t.name);
    expect(new Set(toolNames).size).toBe(toolNames.length);
    expect(new Set(workdriveTools.map((t) => t.description)).size).toBe(workdriveTools.length);
    for (const tool of workdriveTools) {
      expect(tool.name).toMatch(/^workdrive_[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(tool.scopes.length).toBeGreaterThan(0);
      expect(tool.description).toMatch(/Example: \{/);
      const properties = (tool.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(properties)) expect(schema.description, `${tool.name}.${field}`).toBeTruthy();
    }
  });

  it('asks only for scopes the emulator grants its demo credentials', () => {
    for (const scope of kit.scopes) expect(scopesSatisfy(WORKDRIVE_EMULATOR_SCOPES, [scope]), scope).toBe(true);
  });

  it("reports its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(workdrivePlugin).toMatchObject({ name: pkg.name, version: pkg.version, app: APP, emulator: `${pkg.name}/emulator` });
  });
});
