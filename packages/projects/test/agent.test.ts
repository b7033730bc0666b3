/**
 * The agent loop with the Projects plugin: createAgent (langchain) driven by a scripted tool-calling model, so
 * model → tool call → policy → confirmation → HTTP → emulator runs for real. A COO-style question: what is
 * overdue for Hana, then log her time on one of those tasks, then answer.
 */
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { fromTable } from '@zoho-agent-kit/core';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProjects, type ProjectsHarness } from './helpers.js';


let h: ProjectsHarness;
beforeAll(async () => {
  h = await startProjects();
});
afterAll(() => h.close());

const last = (seen: BaseMessage[]) => JSON.parse(String(seen[seen.length - 1]!.content));

it('createAgent runs the projects tools end to end: overdue tasks → log time (confirmed) → answer', async () => {
  let picked: { id: string; project: string } | undefined;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'projects_list_tasks', args: { owner: 'Hana Kimura', due: 'overdue' } }] }),
    (seen) => {
      const result = last(seen);
      const rows = fromTable(result.tasks).map((r) => ({ ...result.every_row, ...r }));
      const task = rows[0]!;
      picked = { id: task.id, project: task.project?.id ?? task['project.id'] };
      return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'projects_log_time', args: { project_id: picked.project, task_id: picked.id, hours: '45m', billable: true, person: 'Hana', notes: 'Catching up' } }] });
    },
    () => new AIMessage('Logged 0:45 for Hana on her overdue task.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: "What is overdue for Hana? Log 45 minutes on the first one, billable." }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['projects_list_tasks', 'projects_log_time', 'projects_list_time_logs']));
  expect(JSON.stringify(model.seen[0]![0]!.content)).toMatch(/Zoho Projects tools:/);
  const tools = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(tools).toHaveLength(2);
  expect(JSON.parse(String(tools[1]!.content))).toMatchObject({ hours: '00:45', person: 'Hana Kimura', bill_status: 'Billable', task: { id: picked!.id } });
  expect(h.confirmations.at(-1)).toMatchObject({ tool: 'projects_log_time', after: { person: 'Hana Kimura', hours: '0:45' } });
  expect(h.confirmations.at(-1)!.summary).toMatch(/^Log 0:45 h \(0\.75 h\), billable, for Hana Kimura on task /);
  expect(h.data().timelogs.some((l) => l.notes === 'Catching up' && l.minutes === 45 && l.record_id === picked!.id)).toBe(true);
  expect(String(result.messages.at(-1)!.content)).toBe('Logged 0:45 for Hana on her overdue task.');
});

it('a name that fits two people reaches the model as a readable error listing them, and nothing is written', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'projects_list_time_logs', args: { person: 'Daniel' } }] }),
    () => new AIMessage('Which Daniel?'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const result = await agent.invoke({ messages: [{ role: 'user', content: "How many hours did Daniel log?" }] });
  const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
  expect(String(tool.content)).toMatch(/Invalid input for projects_list_time_logs: field "person".*Daniel Okafor.*Daniel Reyes/);
  expect(h.emu.counters.requests({ app: 'projects', route: 'POST /**' })).toBe(1); // only the first test's log
});
