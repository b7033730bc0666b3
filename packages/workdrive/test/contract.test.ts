/**
 * The plugin's contract: names, descriptions, scopes the emulator grants, the definition budget, and the context
 * economy of the read tools on the seed — raw ÷ shaped tokens (o200k_base), with no business value lost.
 * The figures are printed (`npx vitest run --project workdrive test/contract.test.ts`).
 */
import { readFileSync } from 'node:fs';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { fromTable, scopesSatisfy } from '@zoho-agent-kit/core';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKDRIVE_EMULATOR_SCOPES } from '../src/emulator/index.js';
import { FILE_NOISE, workdrivePlugin, workdriveTools } from '../src/index.js';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

const enc = getEncoding('o200k_base');
const tokens = (text: string) => enc.encode(text).length;

let h: WorkDriveHarness;
beforeAll(async () => {
  h = await startWorkDrive();
});
afterAll(() => h.close());

describe('workdrivePlugin', () => {
  it('names its tools as the issue does, each with scopes, an example and described fields', () => {
    expect(workdriveTools.map((t) => t.name).sort()).toEqual(
      ['workdrive_copy', 'workdrive_create_folder', 'workdrive_download', 'workdrive_list_files', 'workdrive_list_teams', 'workdrive_move', 'workdrive_rename', 'workdrive_search', 'workdrive_share', 'workdrive_trash', 'workdrive_upload'].sort(),
    );
    expect(new Set(workdriveTools.map((t) => t.description)).size).toBe(workdriveTools.length);
    const access = Object.fromEntries(workdriveTools.map((t) => [t.name, t.access]));
    expect(access).toMatchObject({ workdrive_download: 'read', workdrive_upload: 'write', workdrive_share: 'write', workdrive_trash: 'destructive' });
    for (const t of workdriveTools) {
      expect(t.examples.length, t.name).toBeGreaterThan(0);
      expect(t.description).toMatch(/Returns/);
      for (const [field, prop] of Object.entries((t.jsonSchema.properties ?? {}) as Record<string, { description?: string }>)) expect(prop.description, `${t.name}.${field}`).toBeTruthy();
    }
  });

  it('asks only for scopes the emulator grants its demo credentials', () => {
    for (const scope of h.kit.scopes) expect(scopesSatisfy(WORKDRIVE_EMULATOR_SCOPES, [scope]), scope).toBe(true);
  });

  it("reports its package's name and version, and its shared guidance", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(workdrivePlugin).toMatchObject({ name: pkg.name, version: pkg.version, app: 'workdrive', emulator: `${pkg.name}/emulator` });
    expect(h.kit.instructions).toContain(workdrivePlugin.instructions!.trim());
  });

  it('keeps every definition within 600 tokens and the average within 260', () => {
    const cost = workdriveTools.map((t) => ({ name: t.name, n: tokens(JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: toJsonSchema(t.schema) } })) }));
    const average = cost.reduce((a, c) => a + c.n, 0) / cost.length;
    console.log(`definition tokens: ${cost.map((c) => `${c.name} ${c.n}`).join(', ')}; average ${average.toFixed(0)}`);
    expect(cost.filter((c) => c.n > 600)).toEqual([]);
    expect(average).toBeLessThanOrEqual(260);
  });
});

describe('context economy on the seed', () => {
  const LISTS: [string, Record<string, unknown>][] = [
    ['workdrive_list_files', { folder: 'Marketing/Zylker Corp' }],
    ['workdrive_list_files', { folder: 'Marketing/Zylker Corp/Campaign photos', limit: 50 }],
    ['workdrive_search', { query: 'budget' }],
    ['workdrive_search', { query: 'rate limits', in: 'content', folder: 'Technical Docs' }],
    ['workdrive_list_teams', {}],
  ];

  it.each(LISTS)('%s %j: raw ÷ shaped ≥ 2.5×, no business value lost', async (tool, input) => {
    const shaped = await h.call(tool, input);
    const raw = await h.call(tool, { ...input, raw: true });
    const ratio = tokens(raw.text) / tokens(shaped.text);
    console.log(`${tool} ${JSON.stringify(input)}: raw ${tokens(raw.text)} → shaped ${tokens(shaped.text)} tokens = ${ratio.toFixed(2)}×`);
    expect(ratio).toBeGreaterThanOrEqual(2.5);
    if (tool === 'workdrive_list_teams') return;
    // Every attribute outside the documented noise is in the table, under its own name.
    const rows = fromTable(shaped.json.files);
    raw.json.page.data.forEach((resource: { id: string; attributes: Record<string, unknown> }, i: number) => {
      const row = rows[i]!;
      expect(row.id).toBe(resource.id);
      expect(row.name).toBe(resource.attributes.name);
      expect(row.size_bytes).toBe((resource.attributes.storage_info as { size_in_bytes: number }).size_in_bytes);
      expect(row.modified).toBe(new Date(resource.attributes.modified_time_in_millisecond as number).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      for (const [key, value] of Object.entries(resource.attributes)) {
        if (FILE_NOISE.has(key) || value === '' || value === false || (key === 'version' && value === '1') || (key === 'parent_id' && tool === 'workdrive_list_files')) continue;
        expect(row[key], `${resource.attributes.name}.${key}`).toEqual(value);
      }
    });
  });

  it('workdrive_download: raw ÷ shaped ≥ 3×', async () => {
    const shaped = await h.call('workdrive_download', { file: 'Operations/Vendor contacts.csv', local_path: 'ctx-1.csv' });
    const raw = await h.call('workdrive_download', { file: 'Operations/Vendor contacts.csv', local_path: 'ctx-2.csv', raw: true });
    const ratio = tokens(raw.text) / tokens(shaped.text);
    console.log(`workdrive_download: raw ${tokens(raw.text)} → shaped ${tokens(shaped.text)} tokens = ${ratio.toFixed(2)}×`);
    expect(ratio).toBeGreaterThanOrEqual(3);
  });
});
