import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';


let h: WorkDriveHarness;
beforeAll(async () => {
  h = await startWorkDrive();
});
afterAll(() => h.close());

const last = (seen: BaseMessage[]) => JSON.parse(String(seen[seen.length - 1]!.content));

it('createAgent runs WorkDrive tools end to end: search → download → share (confirmed) → answer', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'workdrive_search', args: { query: 'Statement of work', in: 'name', folder: 'Finance/Helios Solar' } }] }),
    (seen) => {
      const found = last(seen);
      const id = found.files.rows[0][found.files.columns.indexOf('id')];
      return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'workdrive_download', args: { file: id, local_path: 'helios-sow.pdf' } }] });
    },
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c3', name: 'workdrive_share', args: { item: 'Finance/Helios Solar/Statement of work.pdf', people: [{ member: 'Sofia Lindqvist', role: 'viewer' }] } }] }),
    () => new AIMessage('Downloaded the Helios Solar SOW and shared it with Sofia.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Get the Helios SOW and share it with Sofia (read only)' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['workdrive_search', 'workdrive_download', 'workdrive_share', 'workdrive_trash']));
  expect(JSON.stringify(model.seen[0]![0]!.content)).toMatch(/Zoho WorkDrive tools:/);
  const tools = result.messages.filter((m: BaseMessage) => m.getType() === 'tool').map((m: BaseMessage) => JSON.parse(String(m.content)));
  expect(tools).toHaveLength(3);
  const sow = h.item('Finance/Helios Solar/Statement of work.pdf');
  expect(tools[1]).toMatchObject({ id: sow.id, local_path: 'helios-sow.pdf', size_bytes: sow.size });
  expect(readFileSync(join(h.dir, 'helios-sow.pdf')).length).toBe(sow.size);
  expect(tools[2]).toMatchObject({ shared: [{ email: 'sofia.lindqvist@northwind-creative.example', role: 'viewer' }] });
  expect(h.confirmations.at(-1)!.summary).toMatch(/Sofia Lindqvist <sofia.lindqvist@northwind-creative.example> as viewer/);
  expect(String(result.messages.at(-1)!.content)).toBe('Downloaded the Helios Solar SOW and shared it with Sofia.');
});

it('tool errors reach the model as readable text and send nothing', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'e1', name: 'workdrive_upload', args: { local_path: '../secrets.txt', folder: 'Marketing' } }] }),
    () => new AIMessage('That file is outside the files folder.'),
  ]);
  h.emu.counters.reset();
  const agent = createAgent({ model, tools: h.kit.tools });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Upload ../secrets.txt' }] });
  const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
  expect(String(tool.content)).toMatch(/Invalid input for workdrive_upload: field "local_path".*".." .*No change was sent/);
  expect(h.emu.counters.requests({ app: 'workdrive' })).toBe(0);
});
