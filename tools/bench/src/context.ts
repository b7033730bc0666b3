/**
 * 4. CRM context cost: tokens of each read tool's shaped result vs the same call with `raw: true`
 * (Zoho's JSON as the client returned it), and a check that every non-empty business field of the raw
 * record(s) survives shaping.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEncoding } from 'js-tiktoken';
import { compact, createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { crmPlugin } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { seededIds } from './lib/crm.js';
import type { BenchOptions, BenchResult, Figure } from './lib/result.js';
import { ratio, table } from './lib/stats.js';

const TARGET = 3;

/** The plugin's documented noise list (RECORD_NOISE in packages/crm/src/shape.ts), read from the source so it cannot drift. */
function recordNoise(): { re: RegExp; source: string } {
  const file = join(dirname(fileURLToPath(import.meta.resolve('@zoho-agent-kit/crm'))), 'shape.ts');
  const text = readFileSync(file, 'utf8');
  const m = /const RECORD_NOISE\s*=\s*\/(.+)\/;/.exec(text);
  if (!m) throw new Error(`could not find RECORD_NOISE in ${file}`);
  return { re: new RegExp(m[1]!), source: file };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => compact(v, { noise: /^\$/ }) === undefined;

interface Coverage {
  checked: number;
  missing: string[];
  changed: string[];
  /** Non-empty keys inside lookup objects that shaping drops (kept only {name, id}). */
  droppedSubfields: Map<string, number>;
}

function checkRecord(raw: Json, shaped: Json | undefined, noise: RegExp, where: string, cov: Coverage): void {
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$') || noise.test(key) || isEmpty(value)) continue;
    cov.checked++;
    if (!shaped || !(key in shaped)) {
      cov.missing.push(`${where}.${key}=${JSON.stringify(value).slice(0, 60)}`);
      continue;
    }
    const got = shaped[key];
    if (key === 'Tag' && Array.isArray(value)) {
      const names = value.map((t) => (isObject(t) ? t.name : t)).filter(Boolean);
      if (JSON.stringify(names) !== JSON.stringify(got)) cov.changed.push(`${where}.Tag`);
      continue;
    }
    if (isObject(value) && 'id' in value && value.id != null) {
      const g = got as Json;
      if (String(g?.id) !== String(value.id) || (typeof value.name === 'string' && value.name && g?.name !== value.name)) cov.changed.push(`${where}.${key}`);
      for (const [sub, subValue] of Object.entries(value)) {
        if (sub === 'id' || sub === 'name' || sub.startsWith('$') || isEmpty(subValue)) continue;
        const k = `${key}.${sub}`;
        cov.droppedSubfields.set(k, (cov.droppedSubfields.get(k) ?? 0) + 1);
      }
      continue;
    }
    if (JSON.stringify(compact(value, { noise: /^\$/ }, key)) !== JSON.stringify(got)) {
      cov.changed.push(`${where}.${key}: ${JSON.stringify(value).slice(0, 40)} → ${JSON.stringify(got).slice(0, 40)}`);
    }
  }
}

interface Case {
  label: string;
  tool: string;
  input: Json;
  /** Raw record(s) and the shaped counterpart(s), by id. */
  records?: (raw: unknown, shaped: unknown) => { raw: Json; shaped: Json | undefined }[];
  fields?: true;
}

const pageRecords = (raw: unknown, shaped: unknown) => {
  const shapedById = new Map(((shaped as { records?: Json[] }).records ?? []).map((r) => [String(r.id), r]));
  return ((raw as { data?: Json[] }).data ?? []).map((r) => ({ raw: r, shaped: shapedById.get(String(r.id)) }));
};

export async function contextBench(_opts: BenchOptions): Promise<BenchResult> {
  const enc = getEncoding('o200k_base');
  const enc100 = getEncoding('cl100k_base');
  const noise = recordNoise();
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  try {
    const kit = createZohoToolkit({ connection, plugins: [crmPlugin] });
    const deal = seededIds(emu, 'Deals')[0]!;
    const lead = seededIds(emu, 'Leads')[0]!;
    const contact = seededIds(emu, 'Contacts')[0]!;
    const cases: Case[] = [
      { label: 'crm_search Leads word=Zylker (10)', tool: 'crm_search', input: { module: 'Leads', word: 'Zylker', per_page: 10 }, records: pageRecords },
      { label: 'crm_search Contacts criteria (all)', tool: 'crm_search', input: { module: 'Contacts', criteria: [{ field: 'Last_Name', operator: 'equals', value: 'Burns' }] }, records: pageRecords },
      { label: 'crm_get_record Deals', tool: 'crm_get_record', input: { module: 'Deals', id: deal }, records: (r, s) => [{ raw: ((r as { data?: Json[] }).data ?? [])[0] as Json, shaped: (s as { record?: Json }).record }] },
      { label: 'crm_get_record Leads', tool: 'crm_get_record', input: { module: 'Leads', id: lead }, records: (r, s) => [{ raw: ((r as { data?: Json[] }).data ?? [])[0] as Json, shaped: (s as { record?: Json }).record }] },
      { label: 'crm_get_record Contacts', tool: 'crm_get_record', input: { module: 'Contacts', id: contact }, records: (r, s) => [{ raw: ((r as { data?: Json[] }).data ?? [])[0] as Json, shaped: (s as { record?: Json }).record }] },
      { label: 'crm_list_records Leads (default fields, 10)', tool: 'crm_list_records', input: { module: 'Leads' }, records: pageRecords },
      { label: 'crm_list_records Deals (default fields, 10)', tool: 'crm_list_records', input: { module: 'Deals' }, records: pageRecords },
      {
        label: 'crm_coql_query Deals (5 columns, 10 rows)',
        tool: 'crm_coql_query',
        input: { query: 'select Deal_Name, Stage, Amount, Closing_Date, Account_Name from Deals where Amount > 0 order by Amount desc limit 10' },
        records: pageRecords,
      },
      { label: 'crm_describe_module Deals', tool: 'crm_describe_module', input: { module: 'Deals' }, fields: true },
      { label: 'crm_describe_module (module list)', tool: 'crm_describe_module', input: {} },
    ];

    const rows: (string | number)[][] = [];
    const figures: Figure[] = [];
    const notes: string[] = [];
    const missingAll: string[] = [];
    const dropped = new Map<string, number>();
    const perTool = new Map<string, { raw: number; shaped: number }>();
    for (const c of cases) {
      const shapedRes = await kit.call(c.tool, c.input);
      const rawRes = await kit.call(c.tool, { ...c.input, raw: true });
      if (shapedRes.outcome !== 'ok' || rawRes.outcome !== 'ok') throw new Error(`${c.label}: ${shapedRes.outcome} ${shapedRes.text.slice(0, 200)} / ${rawRes.outcome}`);
      const shapedTok = enc.encode(shapedRes.text).length;
      const rawTok = enc.encode(rawRes.text).length;
      const raw = JSON.parse(rawRes.text) as unknown;
      const shaped = JSON.parse(shapedRes.text) as unknown;
      const cov: Coverage = { checked: 0, missing: [], changed: [], droppedSubfields: new Map() };
      let count = 0;
      if (c.records) {
        const pairs = c.records(raw, shaped);
        count = pairs.length;
        pairs.forEach((p, i) => checkRecord(p.raw, p.shaped, noise.re, `${c.tool}[${i}]`, cov));
      }
      if (c.fields) {
        const rawFields = ((raw as { fields?: Json[] }).fields ?? []).filter((f) => f.visible !== false && f.data_type !== 'profileimage');
        const shapedNames = new Set(((shaped as { fields?: Json[] }).fields ?? []).map((f) => f.api_name));
        count = rawFields.length;
        for (const f of rawFields) {
          cov.checked++;
          if (!shapedNames.has(f.api_name)) cov.missing.push(`${c.tool}.fields.${String(f.api_name)}`);
        }
      }
      for (const [k, v] of cov.droppedSubfields) dropped.set(k, (dropped.get(k) ?? 0) + v);
      missingAll.push(...cov.missing.map((m) => `${c.label}: ${m}`));
      const agg = perTool.get(c.tool) ?? { raw: 0, shaped: 0 };
      perTool.set(c.tool, { raw: agg.raw + rawTok, shaped: agg.shaped + shapedTok });
      rows.push([
        c.label,
        count,
        rawTok,
        shapedTok,
        ratio(rawTok / shapedTok),
        `${enc100.encode(rawRes.text).length}/${enc100.encode(shapedRes.text).length}`,
        cov.checked ? `${cov.checked - cov.missing.length}/${cov.checked}` : '—',
        cov.changed.length,
      ]);
      if (cov.changed.length) notes.push(`${c.label}: values changed by shaping: ${cov.changed.slice(0, 5).join('; ')}`);
      figures.push({ metric: `raw ÷ shaped tokens, ${c.label}`, value: `${ratio(rawTok / shapedTok)} (${rawTok} → ${shapedTok})`, target: `≥ ${TARGET}×`, pass: rawTok / shapedTok >= TARGET });
    }
    console.log(
      table(
        'CRM context cost — tokens (o200k_base) of the tool text, raw:true vs shaped, on the seed',
        ['call', 'records/fields', 'raw tok', 'shaped tok', 'raw ÷ shaped', 'cl100k raw/shaped', 'business fields kept', 'values changed'],
        rows,
      ),
    );
    console.log(
      table(
        'Per tool (sum over the calls above)',
        ['tool', 'raw tok', 'shaped tok', 'raw ÷ shaped'],
        [...perTool].map(([t, v]) => [t, v.raw, v.shaped, ratio(v.raw / v.shaped)]),
      ),
    );
    figures.push({
      metric: 'non-empty business fields of raw records present in shaped output',
      value: missingAll.length ? `${missingAll.length} missing` : 'all present',
      target: 'all present',
      pass: missingAll.length === 0,
    });
    if (missingAll.length) notes.push(`MISSING business fields: ${missingAll.slice(0, 15).join('; ')}${missingAll.length > 15 ? ` … (+${missingAll.length - 15})` : ''}`);
    if (dropped.size) {
      notes.push(
        `lookup sub-values dropped by shaping (lookups become {name,id}; counted, not a MISS): ${[...dropped].map(([k, v]) => `${k}×${v}`).join(', ')}`,
      );
    }
    notes.push(`business field = not null/empty, not $-prefixed, not matched by RECORD_NOISE read from ${noise.source}; "raw" = the tool's raw:true text, which is Zoho's own response body.`);
    return { name: 'context', figures, notes };
  } finally {
    await connection.close();
    await emu.close();
  }
}
