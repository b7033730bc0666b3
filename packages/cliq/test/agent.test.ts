/**
 * The whole loop with the Cliq plugin: createAgent (langchain) with a scripted tool-calling model, the CMO's
 * policy, the confirm hook and the emulator over HTTP — model → tool call → policy → confirmation → HTTP.
 */
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { findRole, fromTable } from '@zoho-agent-kit/core';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCliq, type CliqHarness } from './helpers.js';


let h: CliqHarness;
beforeAll(async () => {
  h = await startCliq({ toolkit: { policy: findRole('CMO')!.policy } });
});
afterAll(() => h.close());

const lastTool = (seen: BaseMessage[]) => JSON.parse(String(seen[seen.length - 1]!.content));

it("createAgent runs the Cliq tools end to end: read #Marketing → post a summary (confirmed) → answer", async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'cliq_get_messages', args: { channel: '#Marketing', hours: 24 } }] }),
    (seen) => {
      const read = lastTool(seen);
      const lines = fromTable(read.messages).map((m) => `- ${String(m.from)}: ${String(m.text)}`);
      return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'cliq_post_to_channel', args: { channel: read.conversation.unique_name, text: `*Daily summary* (${lines.length} messages)\n${lines.join('\n')}` } }] });
    },
    () => new AIMessage('Posted the daily summary to #Marketing.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Summarise today in #Marketing and post it there.' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['cliq_get_messages', 'cliq_post_to_channel', 'cliq_list_channels', 'cliq_create_bot_message']));
  const toolMessages = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(toolMessages).toHaveLength(2);
  expect(JSON.parse(String(toolMessages[0]!.content))).toMatchObject({ conversation: { name: '#Marketing' }, count: 4 });
  const posted = JSON.parse(String(toolMessages[1]!.content));
  expect(posted).toMatchObject({ status: 'sent', to: { channel: '#Marketing' } });
  const chat = h.state().chats.find((c) => c.chat_id === posted.chat_id)!;
  expect(chat.messages.at(-1)).toMatchObject({ id: posted.message_id, text: expect.stringMatching(/^\*Daily summary\* \(4 messages\)\n- Maya Ortiz: Looks good/) });
  expect(h.confirmations).toHaveLength(1);
  expect(h.confirmations[0]).toMatchObject({ tool: 'cliq_post_to_channel', payload: { text: chat.messages.at(-1)!.text } });
  expect(String(result.messages.at(-1)!.content)).toBe('Posted the daily summary to #Marketing.');
});

it('a refusal and a too-long message reach the model as readable text, and nothing is posted', async () => {
  const before = h.emu.counters.requests({ app: 'cliq', route: 'POST /api/v2/**' });
  h.approve.value = false;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'cliq_send_message', args: { email: 'priya.natarajan@northwind-creative.example', text: 'x'.repeat(6000) } }] }),
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'cliq_send_message', args: { email: 'priya.natarajan@northwind-creative.example', text: 'Short now.' } }] }),
    () => new AIMessage('The user declined.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Tell Priya everything.' }] });
  const [tooLong, refused] = result.messages.filter((m: BaseMessage) => m.getType() === 'tool').map((m: BaseMessage) => String(m.content));
  expect(tooLong).toMatch(/Invalid input for cliq_send_message: field "text": Cliq takes at most 5000 characters/);
  expect(refused).toMatch(/The user declined: Send a direct message to Priya Natarajan.*Nothing was sent to Zoho/);
  expect(h.emu.counters.requests({ app: 'cliq', route: 'POST /api/v2/**' })).toBe(before);
  h.approve.value = true;
});
