import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { fromTable } from '@zoho-agent-kit/core';
import { lastToolResult, ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';


let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm();
});
afterAll(() => h.close());

it('createAgent runs crm tools end to end with the lean definitions: search → page a list → update (confirmed) → answer', async () => {
  const bob = h.emu.state<CrmState>('crm').modules.get('Contacts')!.records.find((r) => r.Last_Name === 'Burns')!;
  type Table = { columns: string[]; rows: unknown[][]; next_page?: number };
  let bobId: unknown;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'call_1', name: 'crm_search', args: { module: 'Contacts', email: 'bob.burns@zylker.example' } }] }),
    (seen) => {
      // The search answers with a table: read the id column of the first row.
      const found = lastToolResult<Table>(seen);
      bobId = found.rows[0]![found.columns.indexOf('id')];
      return new AIMessage({ content: '', tool_calls: [{ id: 'call_2', name: 'crm_list_records', args: { module: 'Contacts', per_page: 5 } }] });
    },
    (seen) => new AIMessage({ content: '', tool_calls: [{ id: 'call_3', name: 'crm_list_records', args: { module: 'Contacts', per_page: 5, page: lastToolResult<Table>(seen).next_page } }] }),
    () => new AIMessage({ content: '', tool_calls: [{ id: 'call_4', name: 'crm_update_record', args: { module: 'Contacts', id: bobId, fields: { Title: 'VP Marketing' } } }] }),
    () => new AIMessage('Bob Burns is now VP Marketing.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Promote Bob Burns at Zylker to VP Marketing' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['crm_search', 'crm_update_record', 'crm_coql_query']));
  // The shared guidance reached the model once, as its system prompt.
  const system = model.seen[0]![0]!;
  expect(system.getType()).toBe('system');
  expect(system.text).toContain('crm_describe_module for a module');
  const toolMessages = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(toolMessages).toHaveLength(4);
  expect(fromTable(JSON.parse(String(toolMessages[0]!.content)))[0]).toMatchObject({ id: bob.id, Last_Name: 'Burns' });
  const page1 = fromTable(JSON.parse(String(toolMessages[1]!.content)));
  const page2 = fromTable(JSON.parse(String(toolMessages[2]!.content)));
  expect(page1).toHaveLength(5);
  expect(page2.length).toBeGreaterThan(0);
  expect(new Set([...page1, ...page2].map((r) => r.id)).size).toBe(page1.length + page2.length);
  expect(JSON.parse(String(toolMessages[3]!.content))).toMatchObject({ status: 'updated', id: bob.id });
  expect(h.confirmations.at(-1)).toMatchObject({ tool: 'crm_update_record', before: { Title: 'Marketing Director' }, after: { Title: 'VP Marketing' } });
  expect(bob.Title).toBe('VP Marketing');
  expect(String(result.messages.at(-1)!.content)).toBe('Bob Burns is now VP Marketing.');
});

it('tool errors reach the model as readable text, not exceptions', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'crm_create_record', args: { module: 'Deals', records: [{ Deal_Name: 'Half a deal' }] } }] }),
    () => new AIMessage('I need the stage.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const posts = h.emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/**' });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Create a deal' }] });
  const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
  expect(String(tool.content)).toMatch(/Invalid input for crm_create_record.*Stage.*(Nothing|No change) was sent/);
  expect(h.emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/**' })).toBe(posts);
});

it('createAgent runs the sales tools: pipeline summary → overdue activities → a note on the deal (confirmed) → answer', async () => {
  let dealId: unknown;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 's1', name: 'crm_pipeline_summary', args: { open_only: true } }] }),
    () => new AIMessage({ content: '', tool_calls: [{ id: 's2', name: 'crm_list_activities', args: { status: 'overdue', types: ['Tasks'], per_page: 1 } }] }),
    (seen) => {
      const tasks = lastToolResult<{ columns: string[]; rows: unknown[][] }>(seen);
      dealId = tasks.rows[0]![tasks.columns.indexOf('What_Id.id')];
      return new AIMessage({ content: '', tool_calls: [{ id: 's3', name: 'crm_add_note', args: { module: 'Deals', id: dealId, content: 'Follow-up is overdue; call the client this week.' } }] });
    },
    () => new AIMessage('Pipeline summarised; the overdue follow-up is noted on the deal.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'How is the pipeline, and what is overdue?' }] });
  const toolMessages = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(toolMessages).toHaveLength(3);
  const summary = JSON.parse(String(toolMessages[0]!.content));
  expect(summary).toMatchObject({ group_by: 'stage', columns: ['stage', 'deals', 'total', 'weighted'], totals: { weighted: expect.stringMatching(/^\d+\.\d{2,}$/) } });
  expect(JSON.parse(String(toolMessages[2]!.content))).toMatchObject({ status: 'added' });
  expect(h.confirmations.at(-1)).toMatchObject({ tool: 'crm_add_note' });
  const notes = h.emu.state<CrmState>('crm').notes.filter((n) => n.parent.id === dealId);
  expect(notes.at(-1)!.Note_Content).toBe('Follow-up is overdue; call the client this week.');
});

it("a lookup id said once in a table's ids is one the model can use: tasks → the first one's owner id → that owner's tasks", async () => {
  type Table = { columns: string[]; rows: unknown[][]; ids?: Record<string, Record<string, string>> };
  let owner: { name: string; id: string } | undefined;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'o1', name: 'crm_list_records', args: { module: 'Tasks', per_page: 10 } }] }),
    (seen) => {
      // As the instructions say: the Owner column holds names, and ids.Owner gives each name's id.
      const tasks = lastToolResult<Table>(seen);
      const name = String(tasks.rows[0]![tasks.columns.indexOf('Owner')]);
      owner = { name, id: tasks.ids!.Owner![name]! };
      return new AIMessage({ content: '', tool_calls: [{ id: 'o2', name: 'crm_list_activities', args: { owner_id: owner.id, status: 'all', types: ['Tasks'] } }] });
    },
    () => new AIMessage('Here are the owner’s tasks.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'What else is the owner of the latest task working on?' }] });
  expect(model.seen[0]![0]!.text).toContain('"ids":{"Owner":');
  const user = h.emu.state<CrmState>('crm').users.find((u) => u.name === owner!.name)!;
  expect(owner!.id).toBe(user.id);
  const tasks = fromTable(JSON.parse(String(result.messages.filter((m: BaseMessage) => m.getType() === 'tool')[1]!.content)));
  expect(tasks.length).toBeGreaterThan(0);
  for (const t of tasks) expect(t.Owner).toMatchObject({ id: user.id });
});
