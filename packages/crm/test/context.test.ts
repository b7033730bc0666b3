/**
 * Context economy on the seed: what the model reads (shaped) against the same call with `raw: true`
 * (Zoho's JSON), in o200k_base tokens, and proof that shaping loses no business value of the raw records.
 */
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { fromTable, type RecordTable } from '@zoho-agent-kit/core';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_INSTRUCTIONS, crmTools } from '../src/index.js';
import type { CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';

const enc = getEncoding('o200k_base');
const tokens = (text: string) => enc.encode(text).length;

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * What shaping may leave out of a raw record, stated here independently of the plugin's code: Zoho's
 * `$`-keys (but `$se_module`), layout/image/enrichment/data-source bookkeeping, the audit fields unless
 * asked for, Full_Name next to its parts, false flags, a user's email inside a lookup, and Expected_Revenue
 * when it is exactly Amount × Probability / 100.
 */
const BOOKKEEPING = new Set(['Layout', 'Record_Image', 'Enrich_Status__s', 'Last_Enriched_Time__s', 'Data_Source']);
const AUDIT = new Set(['Created_By', 'Modified_By', 'Created_Time', 'Modified_Time', 'Last_Activity_Time', 'Change_Log_Time__s']);

/** `key` → value, with objects spread one level into `key.sub` (a lookup's name and id; COQL's dotted columns stay). */
function flat(record: Json, lookupSubs?: readonly string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (isObject(value)) {
      for (const [sub, v] of Object.entries(value)) if (!lookupSubs || lookupSubs.includes(sub)) out.set(`${key}.${sub}`, sub === 'id' ? String(v) : v);
    } else out.set(key, key === 'id' ? String(value) : value);
  }
  return out;
}

/** Keys a tool may leave out because they repeat its input: the parent record of a record's attachments. */
const ECHOES: Record<string, readonly string[]> = { crm_list_attachments: ['Parent_Id', '$se_module'] };

function lostValues(raw: Json, shaped: Json | undefined, requested: ReadonlySet<string>, where: string, echoes: readonly string[] = []): string[] {
  if (!shaped) return [`${where}: record missing`];
  const kept = flat(shaped);
  const lost: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (echoes.includes(key)) continue;
    if (isEmpty(value) || (key.startsWith('$') && key !== '$se_module') || BOOKKEEPING.has(key)) continue;
    if (AUDIT.has(key) && !requested.has(key)) continue;
    if (key === 'Full_Name' && raw.Last_Name) continue;
    if ((key === 'Locked__s' || key === 'Converted__s') && value === false) continue;
    if (key === 'Expected_Revenue' && Math.abs((raw.Amount * raw.Probability) / 100 - value) < 0.005) continue;
    if (key === 'Tag') {
      if (JSON.stringify(value.map((t: Json) => t.name)) !== JSON.stringify(shaped.Tag)) lost.push(`${where}.Tag`);
      continue;
    }
    // A lookup keeps its name and id (a user's email is the user's, not the record's).
    for (const [k, v] of flat({ [key]: value }, ['name', 'id'])) {
      if (JSON.stringify(kept.get(k)) !== JSON.stringify(v)) lost.push(`${where}.${k}=${JSON.stringify(v)} → ${JSON.stringify(kept.get(k))}`);
    }
  }
  return lost;
}

/** The records of a shaped result by id: a table read back with fromTable, or one record. */
function shapedRecords(shaped: Json): Map<string, Json> {
  const records = 'columns' in shaped ? fromTable(shaped as RecordTable) : [shaped];
  return new Map(records.map((r) => [String(r.id), r]));
}

/** Columns a call asks for by name (fields, sort key, COQL select list): shown even when they are audit fields. */
function requestedFields(tool: string, input: Json): Set<string> {
  if (tool === 'crm_coql_query') return new Set(/select\s+(.+?)\s+from/i.exec(input.query)![1]!.split(',').map((s) => s.trim()));
  return new Set([...(input.fields ?? []), ...(input.sort_by ? [input.sort_by] : [])]);
}

let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm();
});
afterAll(() => h.close());

interface Figure {
  tool: string;
  input: Json;
  raw: number;
  shaped: number;
  ratio: number;
  /** Tokens of the table's rows alone: the floor for any lossless format that names columns once. */
  rowsOnly?: number;
}

async function measure(tool: string, input: Json): Promise<Figure & { lost: string[] }> {
  const shapedRes = await h.kit.call(tool, input);
  const rawRes = await h.kit.call(tool, { ...input, raw: true });
  expect(shapedRes.outcome, shapedRes.text).toBe('ok');
  expect(rawRes.outcome).toBe('ok');
  const shaped = JSON.parse(shapedRes.text) as Json;
  const raw = JSON.parse(rawRes.text) as Json;
  const figure: Figure & { lost: string[] } = { tool, input, raw: tokens(rawRes.text), shaped: tokens(shapedRes.text), ratio: 0, lost: [] };
  figure.ratio = figure.raw / figure.shaped;
  if (Array.isArray(shaped.rows)) figure.rowsOnly = tokens(JSON.stringify(shaped.rows));
  // Records are compared value by value; crm_pipeline_summary's rows are sums, checked against the deals below.
  if (tool !== 'crm_describe_module' && tool !== 'crm_pipeline_summary') {
    const byId = shapedRecords(shaped);
    const requested = requestedFields(tool, input);
    for (const [i, record] of (raw.data as Json[]).entries()) figure.lost.push(...lostValues(record, byId.get(String(record.id)), requested, `${tool}[${i}]`, ECHOES[tool]));
  }
  return figure;
}

const figures: Figure[] = [];
afterAll(() => {
  // The figures the report quotes (npx vitest run --project crm test/context.test.ts).
  console.log(figures.map((f) => `${f.tool.padEnd(20)} ${JSON.stringify(f.input).slice(0, 70).padEnd(72)} raw ${String(f.raw).padStart(5)}  shaped ${String(f.shaped).padStart(4)}  ${f.ratio.toFixed(2)}×${f.rowsOnly ? `  (rows alone ${f.rowsOnly}: ≤ ${(f.raw / f.rowsOnly).toFixed(2)}×)` : ''}`).join('\n'));
});

describe('results cost less than Zoho JSON and keep every business value', () => {
  it('every read tool example returns data on the seed, loses nothing, and is smaller than raw', async () => {
    // crm_download_attachment saves a file (its result is the file's name and size): tools.test covers it.
    for (const t of crmTools.filter((x) => x.access === 'read' && x.name !== 'crm_download_attachment')) {
      expect(t.examples.length, t.name).toBeGreaterThan(0);
      for (const example of t.examples) {
        const f = await measure(t.name, example);
        figures.push(f);
        expect(f.lost, `${t.name} ${JSON.stringify(example)}`).toEqual([]);
        expect(f.shaped, `${t.name} ${JSON.stringify(example)}`).toBeLessThan(f.raw);
        const text = (await h.kit.call(t.name, example)).text;
        expect(text, `${t.name} ${JSON.stringify(example)} returns data`).toMatch(/"rows":\[\[|"id":"\d{19}"/);
      }
    }
  });

  it('crm_pipeline_summary: the table adds up to every deal of the seed, exactly', async () => {
    const deals = h.emu.state<CrmState>('crm').modules.get('Deals')!.records;
    const res = JSON.parse((await h.kit.call('crm_pipeline_summary', {})).text) as Json;
    const cents = (s: string) => Math.round(Number(s) * 100);
    const amount = deals.reduce((a, d) => a + Math.round(Number(d.Amount ?? 0) * 100), 0);
    const weighted = deals.reduce((a, d) => a + Math.round(Number(d.Amount ?? 0) * Number(d.Probability ?? 0)), 0);
    expect(res.totals).toEqual({ deals: deals.length, total: (amount / 100).toFixed(2), weighted: (weighted / 100).toFixed(2) });
    expect(res.rows.reduce((a: number, r: unknown[]) => a + Number(r[1]), 0)).toBe(deals.length);
    expect(res.rows.reduce((a: number, r: unknown[]) => a + cents(String(r[2])), 0)).toBe(amount);
  });

  it('crm_search: ≥ 2.5× on its examples', () => {
    for (const f of figures.filter((x) => x.tool === 'crm_search')) expect(f.ratio, JSON.stringify(f.input)).toBeGreaterThanOrEqual(2.5);
  });

  it('crm_get_record: ≥ 3× for every seeded Deal and for the first Leads, Contacts and Accounts', async () => {
    const state = h.emu.state<CrmState>('crm');
    const ids = (module: string, n: number) => state.modules.get(module)!.records.slice(0, n).map((r) => r.id);
    const cases = [...ids('Deals', 16).map((id) => ['Deals', id]), ...ids('Leads', 10).map((id) => ['Leads', id]), ...ids('Contacts', 5).map((id) => ['Contacts', id]), ...ids('Accounts', 5).map((id) => ['Accounts', id])];
    let worst = Infinity;
    for (const [module, id] of cases) {
      const f = await measure('crm_get_record', { module, id });
      expect(f.lost).toEqual([]);
      expect(f.ratio, `${module} ${id}`).toBeGreaterThanOrEqual(3);
      worst = Math.min(worst, f.ratio);
    }
    figures.push({ tool: 'crm_get_record', input: { worst_of: `${cases.length} records` }, raw: 0, shaped: 0, ratio: worst });
  });

  it('crm_list_records: ≥ 2.5× by default on Leads, Contacts and Accounts; lists keep every value on every module', async () => {
    for (const module of ['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Events', 'Calls', 'Products', 'Campaigns', 'Retainers']) {
      const f = await measure('crm_list_records', { module });
      figures.push(f);
      expect(f.lost, module).toEqual([]);
      if (['Leads', 'Contacts', 'Accounts'].includes(module)) expect(f.ratio, module).toBeGreaterThanOrEqual(2.5);
      // The table itself costs little beyond its values: column names once.
      expect(f.shaped, module).toBeLessThanOrEqual(f.rowsOnly! * 1.1 + 40);
    }
  });

  it('crm_coql_query: a table costs little more than its values alone', async () => {
    const queries = [
      'select Last_Name, First_Name, Company, Email, Phone, Lead_Status, Lead_Source, Industry, Annual_Revenue, Owner from Leads where Lead_Status = \'Contacted\' limit 20',
      'select Subject, Status, Priority, Due_Date, What_Id, Who_Id, Owner from Tasks limit 20',
    ];
    for (const query of queries) {
      const f = await measure('crm_coql_query', { query });
      figures.push(f);
      expect(f.lost).toEqual([]);
      expect(f.shaped).toBeLessThanOrEqual(f.rowsOnly! * 1.1 + 40);
    }
  });
});

describe('definitions are lean', () => {
  /** The OpenAI function definition LangChain sends for the tool, as the bench's definition meter counts it. */
  const definitionTokens = (t: (typeof crmTools)[number]) =>
    tokens(JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: toJsonSchema(t.schema) } }));

  it('every CRM tool ≤ 600 tokens and ≤ 260 on average', () => {
    const sizes = crmTools.map((t) => [t.name, definitionTokens(t)] as const);
    console.log(sizes.map(([n, s]) => `${n.padEnd(20)} ${s}`).join('\n'), `\naverage ${(sizes.reduce((a, [, s]) => a + s, 0) / sizes.length).toFixed(1)}`);
    for (const [name, size] of sizes) expect(size, name).toBeLessThanOrEqual(600);
    expect(sizes.reduce((a, [, s]) => a + s, 0) / sizes.length).toBeLessThanOrEqual(260);
  });

  it('every field, nested ones too, keeps a description', () => {
    const visit = (schema: Json, path: string): string[] => {
      const missing: string[] = [];
      for (const [key, sub] of Object.entries((schema.properties ?? {}) as Json)) {
        if (!sub.description) missing.push(`${path}${key}`);
        for (const inner of [sub, sub.items, ...(sub.anyOf ?? []), ...(sub.anyOf ?? []).map((a: Json) => a.items)].filter(Boolean)) missing.push(...visit(inner, `${path}${key}.`));
      }
      return missing;
    };
    for (const t of crmTools) expect(visit(t.jsonSchema, `${t.name}:`)).toEqual([]);
  });

  it('shared guidance is said once, in the plugin instructions the toolkit hands the agent', () => {
    expect(h.kit.instructions).toContain(CRM_INSTRUCTIONS);
    for (const phrase of ['crm_describe_module', '{"id":"…"}', '"2026-03-31T15:00:00-05:00"', 'no select *', 'audit fields']) expect(CRM_INSTRUCTIONS).toContain(phrase);
    for (const t of crmTools) expect(t.description, t.name).not.toMatch(/2026-03-31T15|Module API name, case-sensitive/);
  });
});
