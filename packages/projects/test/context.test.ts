/**
 * Context economy of the Projects tools, measured on the emulator's seed with o200k_base (js-tiktoken):
 * - results: raw ÷ shaped tokens of each read tool's examples (raw = the same call with raw:true);
 * - no business value of the raw records is lost: every leaf value outside the documented noise (NOISE; ids,
 *   emails and spelled-out names inside embedded people; ids and colours of status objects) is in the shaped text;
 * - definitions: name + description + JSON Schema as LangChain sends them, per tool and on average.
 * The figures are printed (`npx vitest run --project projects test/context.test.ts`).
 */
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { scopesSatisfy, type RecordTable } from '@zoho-agent-kit/core';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTS_EMULATOR_SCOPES } from '../src/emulator/index.js';
import { projectsPlugin, projectsTools } from '../src/index.js';
import { NOISE, plainText, dateText } from '../src/tools/shared.js';
import { startProjects, ZYLKER, type ProjectsHarness } from './helpers.js';

const encoder = getEncoding('o200k_base');
const tokens = (text: string) => encoder.encode(text).length;
const LIST_TARGET = 2.5;
const GET_TARGET = 3;
const GETS = ['projects_get'];

let h: ProjectsHarness;
beforeAll(async () => {
  h = await startProjects();
});
afterAll(() => h.close());

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const isTable = (v: unknown): v is RecordTable => isObject(v) && Array.isArray(v.columns) && Array.isArray(v.rows);

/** Keys shaping leaves out on purpose beyond NOISE (documented in the README). */
const DROPPED = new Set(['root_task_id', 'is_active']);
/** Paging bookkeeping of the raw result (what the tool asked Zoho for), not record values. */
const PAGING = new Set(['page_info', 'per_page', 'perPage', 'page', 'has_next_page', 'scanned', 'next_page_token', 'projects', 'truncated']);
/** `{id,name}` values shaped to their name. */
const NAMED = new Set(['severity', 'classification', 'is_it_reproducible']);

/** Every raw leaf value a model could need, as the text it must appear as in the shaped result. */
function leaves(value: unknown, key = '', out: string[] = []): string[] {
  if (NOISE.test(key) || DROPPED.has(key) || PAGING.has(key)) return out;
  if (Array.isArray(value)) {
    for (const v of value) leaves(v, key, out);
    return out;
  }
  if (isObject(value)) {
    // An embedded person is its name; a status object its name (and `closed` when closed); so are an issue's
    // severity, classification and reproducibility.
    if ('zpuid' in value && 'name' in value && key !== '') return (out.push(JSON.stringify(value.name)), out);
    if ('is_closed_type' in value || NAMED.has(key)) return (out.push(JSON.stringify(value.name)), out);
    for (const [k, v] of Object.entries(value)) leaves(v, k, out);
    return out;
  }
  if (value === null || value === undefined || value === '' || value === false) return out;
  if (key === 'description' || key === 'comment') {
    const text = plainText(value);
    if (text) out.push(JSON.stringify(text).slice(1, -1));
    return out;
  }
  if (key === 'cost_per_hour' && value === '0.00') return out;
  if (typeof value === 'string') return (out.push(JSON.stringify(dateText(value)).slice(1, -1)), out);
  out.push(String(value));
  return out;
}

async function both(tool: string, input: Json) {
  const shaped = await h.call(tool, input);
  const raw = await h.call(tool, { ...input, raw: true });
  expect(shaped.outcome, `${tool}: ${shaped.text.slice(0, 200)}`).toBe('ok');
  expect(raw.outcome).toBe('ok');
  return { raw: raw.json, shaped: shaped.json, rawText: raw.text, shapedText: shaped.text };
}

describe('results: raw ÷ shaped tokens on the seed', () => {
  it('meets the targets on every read tool example, and prints the figures', async () => {
    const figures: string[] = [];
    for (const t of projectsTools.filter((x) => x.access === 'read')) {
      expect(t.examples.length, `${t.name} needs an example`).toBeGreaterThan(0);
      for (const example of t.examples) {
        const { rawText, shapedText, shaped } = await both(t.name, example);
        const [raw, small] = [tokens(rawText), tokens(shapedText)];
        const ratio = raw / small;
        figures.push(`${t.name.padEnd(26)} ${JSON.stringify(example).padEnd(68)} raw ${String(raw).padStart(5)}  shaped ${String(small).padStart(4)}  ${ratio.toFixed(2)}×`);
        for (const table of Object.values(shaped).filter(isTable)) expect(table.rows.length, `${t.name} ${JSON.stringify(example)} returns data`).toBeGreaterThan(0);
        expect(ratio, t.name).toBeGreaterThanOrEqual(GETS.includes(t.name) ? GET_TARGET : LIST_TARGET);
      }
    }
    console.log(`Projects results (o200k_base):\n${figures.join('\n')}`);
  });
});

describe('no business value of the raw records is lost', () => {
  const cases: [string, Json][] = [
    ['projects_list', {}],
    ['projects_list', { status: 'archived' }],
    ['projects_get', { project_id: ZYLKER }],
    ['projects_list_tasks', { project_id: ZYLKER, limit: 100 }],
    ['projects_list_tasks', { project_id: ZYLKER, parent_task_id: '2438400000000000032' }],
    ['projects_list_tasklists', { project_id: ZYLKER }],
    ['projects_list_milestones', { project_id: ZYLKER }],
    ['projects_list_time_logs', { project_id: ZYLKER, per_page: 200 }],
    ['projects_list_issues', { project_id: ZYLKER }],
    ['projects_list_comments', { project_id: ZYLKER, task_id: '2438400000000000032' }],
    ['projects_list_users', { project_id: ZYLKER }],
  ];
  it.each(cases)('%s %j', async (tool, input) => {
    const { raw, shapedText } = await both(tool, input);
    const missing = [...new Set(leaves(raw))].filter((text) => !shapedText.includes(text));
    expect(missing, JSON.stringify(missing)).toEqual([]);
  });

  it("covers the fields that hold values only sometimes: an issue's classification and reproducibility, a timer log's times", async () => {
    const issues = await both('projects_list_issues', { project_id: ZYLKER });
    expect(leaves(issues.raw)).toEqual(expect.arrayContaining(['"Bug"', '"Always"']));
    expect(issues.shapedText).toMatch(/"classification"/);
    const logs = await both('projects_list_time_logs', { project_id: ZYLKER, per_page: 200 });
    expect(leaves(logs.raw)).toEqual(expect.arrayContaining(['10:00 AM', '10:30 AM']));
    expect(logs.shapedText).toMatch(/"start_time".*"end_time"/);
  });
});

describe('definitions are lean', () => {
  /** The OpenAI function definition LangChain builds for the tool, in o200k_base tokens (as tools/bench measures it). */
  const definitionTokens = (t: (typeof projectsTools)[number]) => tokens(JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: toJsonSchema(t.schema) } }));

  it('every Projects tool ≤ 600 tokens, the average ≤ 260', () => {
    const rows = projectsTools.map((t) => [t.name, definitionTokens(t)] as const);
    const average = rows.reduce((s, [, n]) => s + n, 0) / rows.length;
    console.log(`Projects definitions (o200k_base):\n${rows.map(([name, n]) => `${name.padEnd(26)} ${n}`).join('\n')}\naverage ${average.toFixed(1)}; instructions ${tokens(projectsPlugin.instructions ?? '')} tokens`);
    for (const [name, n] of rows) expect(n, name).toBeLessThanOrEqual(600);
    expect(average).toBeLessThanOrEqual(260);
  });

  it('names, descriptions and examples follow the contract; scopes are ones Zoho grants', () => {
    const names = projectsTools.map((t) => t.name);
    expect(names).toEqual([
      'projects_list',
      'projects_get',
      'projects_list_tasks',
      'projects_list_tasklists',
      'projects_list_milestones',
      'projects_list_time_logs',
      'projects_list_issues',
      'projects_list_comments',
      'projects_list_users',
      'projects_create_task',
      'projects_update_task',
      'projects_log_time',
      'projects_create_issue',
      'projects_add_comment',
    ]);
    expect(new Set(projectsTools.map((t) => t.description)).size).toBe(projectsTools.length);
    const instructions = projectsPlugin.instructions ?? '';
    for (const said of ['portal', 'yyyy-mm-dd', 'time zone', '1:30', 'page_token', 'names or emails']) expect(instructions).toContain(said);
    for (const t of projectsTools) {
      expect(t.description.match(/Example:/g), t.name).toHaveLength(1);
      expect(t.description, t.name).not.toMatch(/yyyy-mm-dd|portal_id|page_token/);
      for (const scope of t.scopes) expect(scopesSatisfy(PROJECTS_EMULATOR_SCOPES, [scope]), `${t.name}: ${scope}`).toBe(true);
      expect(t.access === 'read' ? t.scopes.every((s) => /\.READ$/.test(s)) : t.scopes.some((s) => /\.(CREATE|UPDATE)$/.test(s)), t.name).toBe(true);
    }
  });
});
