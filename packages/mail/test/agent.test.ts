import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { fromTable } from '@zoho-agent-kit/core';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMail, type MailHarness } from './helpers.js';


let h: MailHarness;
beforeAll(async () => {
  h = await startMail();
});
afterAll(() => h.close());

const last = (seen: BaseMessage[]) => JSON.parse(String(seen[seen.length - 1]!.content));

it('createAgent triages mail end to end: search → read → draft a reply (confirmed) → answer', async () => {
  const drafts = () => h.maya().messages.filter((m) => m.folderId === h.folderId('/Drafts'));
  const before = drafts().length;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'mail_search', args: { from: 'zylker.example', unread: true } }] }),
    (seen) => {
      const found = last(seen);
      const row = fromTable(found.messages).find((r) => r.subject === 'Re: Q3 campaign brief')!;
      return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'mail_get_message', args: { message_id: row.message_id, folder_id: row.folder_id ?? found.folder_id } }] });
    },
    (seen) => {
      const message = last(seen);
      return new AIMessage({
        content: '',
        tool_calls: [{ id: 'c3', name: 'mail_save_draft', args: { reply_to_message_id: message.message_id, folder_id: message.folder_id, reply_all: true, text: 'Hi Bob,\n\nTuesday at 10:00 works; the split estimate follows.\n\nMaya' } }],
      });
    },
    () => new AIMessage('I drafted a reply to Bob and Amelia in Drafts for you to check and send.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Anything unread from Zylker? Draft an answer to Bob.' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['mail_search', 'mail_get_message', 'mail_save_draft', 'mail_send']));
  const tools = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(tools).toHaveLength(3);
  expect(JSON.parse(String(tools[1]!.content))).toMatchObject({ subject: 'Re: Q3 campaign brief', from: 'Bob Burns <bob.burns@zylker.example>' });
  expect(JSON.parse(String(tools[2]!.content))).toMatchObject({ status: 'saved_as_draft', to: ['Bob Burns <bob.burns@zylker.example>'], cc: ['Amelia Chen <amelia.chen@zylker.example>'] });
  expect(h.confirmations.at(-1)).toMatchObject({ tool: 'mail_save_draft', after: { subject: 'Re: Q3 campaign brief' } });
  expect(drafts().length).toBe(before + 1);
  expect(String(result.messages.at(-1)!.content)).toMatch(/drafted a reply/);
  // The system prompt carries the plugin's shared guidance once.
  expect(JSON.stringify(model.seen[0]![0]!.content)).toContain('A sent email cannot be taken back');
});

it('a bad tool call reaches the model as readable text, and nothing is sent', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'x1', name: 'mail_send', args: { to: ['bob'], subject: 'Hi', text: 'x' } }] }),
    () => new AIMessage('That address is incomplete.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const sends = h.emu.counters.requests({ app: 'mail', route: 'POST /**' });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Mail Bob' }] });
  const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
  expect(String(tool.content)).toMatch(/Invalid input for mail_send: field "to\[0\]": "bob" is not an email address.*No change was sent/);
  expect(h.emu.counters.requests({ app: 'mail', route: 'POST /**' })).toBe(sends);
});
