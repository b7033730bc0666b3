/**
 * Context economy of the Cliq tools, measured on the emulator's seed with o200k_base (js-tiktoken):
 * - results: raw ÷ shaped tokens of each read tool's examples and of full pages (raw = the same call with raw:true);
 * - no business value of the raw records is lost: every raw value outside the documented noise list is found again
 *   in the shaped result (tables read back with fromTable);
 * - definitions: name + description + JSON Schema as LangChain sends them, per tool and on average.
 * The figures are printed (`npx vitest run --project cliq test/context.test.ts`).
 */
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliqPlugin, cliqTools } from '../src/index.js';
import { rowsOf, startCliq, type CliqHarness } from './helpers.js';

const encoder = getEncoding('o200k_base');
const tokens = (text: string) => encoder.encode(text).length;

/**
 * Channel and chat lists ≥ 2.5× (the issue's target for lists). A page of messages is mostly the messages' own
 * text, and Cliq's message JSON has little else (sender, id, time, type): it falls short of 2.5× by nature, so it
 * has floors of its own (reported): a small page stays at least as small as raw, a full page 1.25×.
 */
const TARGET: Record<string, number> = { cliq_list_channels: 2.5, cliq_list_chats: 2.5, cliq_get_messages: 1 };
const FULL_PAGE_MESSAGES = 1.25;

let h: CliqHarness;
beforeAll(async () => {
  h = await startCliq();
});
afterAll(() => h.close());

type Json = Record<string, any>;

async function both(tool: string, input: Json): Promise<{ raw: Json; shaped: Json; ratio: number; rawTokens: number; shapedTokens: number }> {
  const shaped = await h.call(tool, input);
  const raw = await h.call(tool, { ...input, raw: true });
  expect(shaped.outcome, `${tool}: ${shaped.text.slice(0, 200)}`).toBe('ok');
  expect(raw.outcome).toBe('ok');
  const [rawTokens, shapedTokens] = [tokens(raw.text), tokens(shaped.text)];
  return { raw: raw.json, shaped: shaped.json, ratio: rawTokens / shapedTokens, rawTokens, shapedTokens };
}

describe('results: raw ÷ shaped tokens on the seed', () => {
  it('every read tool example returns data and meets its target; full pages too; the figures are printed', async () => {
    const figures: string[] = [];
    const short: string[] = [];
    const cases: [string, Json][] = cliqTools.filter((t) => t.access === 'read').flatMap((t) => t.examples.map((e) => [t.name, e] as [string, Json]));
    cases.push(['cliq_list_channels', { limit: 100 }], ['cliq_list_chats', { limit: 100 }], ['cliq_get_messages', { channel: 'general', hours: 72, limit: 100 }]);
    for (const [tool, input] of cases) {
      const { shaped, ratio, rawTokens, shapedTokens } = await both(tool, input);
      figures.push(`${tool.padEnd(20)} ${JSON.stringify(input).padEnd(50)} raw ${String(rawTokens).padStart(5)}  shaped ${String(shapedTokens).padStart(5)}  ${ratio.toFixed(2)}×`);
      expect(shaped.count, `${tool} ${JSON.stringify(input)}`).toBeGreaterThan(0);
      const target = tool === 'cliq_get_messages' && input.limit === 100 ? FULL_PAGE_MESSAGES : TARGET[tool]!;
      if (ratio < target) short.push(`${tool} ${JSON.stringify(input)} ${ratio.toFixed(2)}× < ${target}×`);
    }
    console.log(`Cliq results (o200k_base):\n${figures.join('\n')}`);
    expect(short).toEqual([]);
  });
});

describe('no business value of the raw records is lost', () => {
  it('channels: every value but the documented noise is in the table', async () => {
    const { raw, shaped } = await both('cliq_list_channels', { limit: 100 });
    const rows = rowsOf(shaped, 'channels');
    const problems: string[] = [];
    raw.channels.forEach((c: Json, i: number) => {
      const r = rows[i];
      for (const key of ['name', 'unique_name', 'channel_id', 'chat_id', 'level', 'joined', 'participant_count', 'description', 'creator_name']) if (r[key] !== c[key]) problems.push(`${c.name}.${key}`);
      if (r.total_message_count !== Number(c.total_message_count)) problems.push(`${c.name}.total_message_count`);
      if ((r.unread_message_count ?? 0) !== c.unread_message_count) problems.push(`${c.name}.unread_message_count`);
      if (c.joined && r.current_user_role !== c.current_user_role) problems.push(`${c.name}.current_user_role`);
      if ((r.pinned ?? false) !== c.pinned || (r.invite_only ?? false) !== c.invite_only || (r.status ?? 'created') !== c.status) problems.push(`${c.name}: a flag`);
      const last = c.last_message_info;
      if (last && (r.last_message?.from !== last.sender_name || r.last_message?.time !== last.time || r.last_message?.text !== last.text)) problems.push(`${c.name}.last_message`);
    });
    expect(problems).toEqual([]);
  });

  it('chats and messages: every value but the documented noise is in the table', async () => {
    const chats = await both('cliq_list_chats', { limit: 100 });
    const chatRows = rowsOf(chats.shaped, 'chats');
    const problems: string[] = [];
    chats.raw.chats.forEach((c: Json, i: number) => {
      const r = chatRows[i];
      for (const key of ['chat_id', 'name', 'chat_type', 'participant_count']) if (r[key] !== c[key]) problems.push(`${c.name}.${key}`);
      if (r.with !== c.recipients_summary.map((x: Json) => x.name).join(', ')) problems.push(`${c.name}.with`);
      if ((r.last_modified_time ?? c.last_message_info?.time) !== c.last_modified_time) problems.push(`${c.name}.last_modified_time`);
      if (r.last_message?.text !== c.last_message_info?.text || r.last_message?.from !== c.last_message_info?.sender_name) problems.push(`${c.name}.last_message`);
    });
    const messages = await both('cliq_get_messages', { channel: 'tech', hours: 48 });
    const messageRows = rowsOf(messages.shaped, 'messages');
    messages.raw.data.forEach((m: Json, i: number) => {
      const r = messageRows[i];
      // The sender's id is said once in `senders`; the time to the second (the id keeps the milliseconds).
      if (r.id !== m.id || r.text !== m.content.text || r.from !== m.sender.name || messages.shaped.senders[r.from] !== m.sender.id) problems.push(`message ${m.id}`);
      if (r.time !== new Date(m.time).toISOString().replace(/\.\d{3}Z$/, 'Z') || !String(m.id).startsWith(String(m.time))) problems.push(`message ${m.id}.time`);
      if (m.bot && r.bot !== true) problems.push(`message ${m.id}.bot`);
      if (m.thread_information && r.thread?.chat_id !== m.thread_information.chat_id) problems.push(`message ${m.id}.thread`);
    });
    expect(problems).toEqual([]);
  });
});

describe('definitions are lean', () => {
  /** The OpenAI function definition LangChain builds for the tool, in o200k_base tokens (as tools/bench measures it). */
  const definitionTokens = (t: (typeof cliqTools)[number]) => tokens(JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: toJsonSchema(t.schema) } }));

  it('every Cliq tool ≤ 600 tokens, the average ≤ 260', () => {
    const rows = cliqTools.map((t) => [t.name, definitionTokens(t)] as const);
    const average = rows.reduce((s, [, n]) => s + n, 0) / rows.length;
    console.log(`Cliq definitions (o200k_base):\n${rows.map(([name, n]) => `${name.padEnd(24)} ${n}`).join('\n')}\naverage ${average.toFixed(1)}; instructions ${tokens(cliqPlugin.instructions ?? '')} tokens`);
    for (const [name, n] of rows) expect(n, name).toBeLessThanOrEqual(600);
    expect(average).toBeLessThanOrEqual(260);
  });
});
