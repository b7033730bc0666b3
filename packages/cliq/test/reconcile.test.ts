/**
 * Writes whose answer was lost: the toolkit asks each plan's reconcile check, which reads the conversation's
 * messages since the send and looks for the exact text from the sender, and reports applied (with the message
 * id), not applied (safe to send again) or unknown. A write is never sent twice.
 *
 * A short header timeout turns the emulator's slow answer into a lost one; the write still lands when the
 * emulator gets to it (1.5 s later), so the check must wait and find it. A reset drops the request before the
 * emulator handles it.
 */
import type { AuditEvent } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmuChat } from '../src/emulator/index.js';
import { POSTS, startCliq, type CliqHarness } from './helpers.js';

let h: CliqHarness;
const events: AuditEvent[] = [];

beforeAll(async () => {
  h = await startCliq({ connection: { http: { headersTimeoutMs: 300 } }, toolkit: { reconcileSettleMs: [1000, 1500], audit: (e) => void events.push(e) } });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('cliq');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  events.length = 0;
});

const posts = () => h.emu.counters.requests({ app: 'cliq', route: POSTS });
const slow = (route: string) => h.emu.faults.add({ route, kind: 'slow', delayMs: 1500, times: 1 });
const reset = (route: string) => h.emu.faults.add({ route, kind: 'reset', times: 1 });
const chat = (id: string): EmuChat => h.state().chats.find((c) => c.chat_id === id)!;
const channelChat = (unique: string): EmuChat => chat(h.state().channels.find((c) => c.unique_name === unique)!.chat_id);
const withText = (c: EmuChat, text: string) => c.messages.filter((m) => m.text === text);
const THREAD = 'CT_1290011223344556604_60100003-T-1256254377053900001';

describe('cliq_post_to_channel after a lost answer', () => {
  const route = 'POST /api/v2/channelsbyname/*/message';

  it('a post that timed out after Cliq applied it is reported applied with its message id, sent once', async () => {
    slow(route);
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Timed out but posted' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const [posted] = withText(channelChat('marketing'), 'Timed out but posted');
    expect(posted).toBeDefined();
    expect(res.json).toMatchObject({ reconciled: 'applied', id: posted!.id, result: { status: 'sent', message_id: posted!.id, chat_id: channelChat('marketing').chat_id } });
    expect(res.json.note).toMatch(/did not answer in time.*applied.*found message .*Do not send it again/);
    expect(res.text).not.toMatch(/try again/i);
    expect(posts()).toBe(1);
    expect(withText(channelChat('marketing'), 'Timed out but posted')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ tool: 'cliq_post_to_channel', outcome: 'ok', reconciled: 'applied', ids: [posted!.id] });
  });

  it('a post reset before it reached Cliq is reported not applied; sending it again posts it once', async () => {
    reset(route);
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Never arrived' });
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(posts()).toBe(1);
    expect(withText(channelChat('marketing'), 'Never arrived')).toHaveLength(0);
    const again = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Never arrived' });
    expect(again.outcome, again.text).toBe('ok');
    expect(withText(channelChat('marketing'), 'Never arrived')).toHaveLength(1);
  });

  it('the same text posted earlier does not count as this post', async () => {
    const old = channelChat('marketing').messages[0]!;
    reset(route);
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: old.text });
    expect(res.reconciled).toBe('not_applied');
  });

  it('an identical post just before the send makes the outcome unknown rather than a guess', async () => {
    const first = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Twice in a row' });
    expect(first.outcome).toBe('ok');
    // Pretend the first one was stamped 10 s ago: it is not this post, but it could have been (clock skew).
    withText(channelChat('marketing'), 'Twice in a row')[0]!.time -= 10_000;
    reset(route);
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Twice in a row' });
    expect(res.reconciled).toBe('unknown');
    expect(res.text).toMatch(/posted 10 s before the send.*Check with cliq_get_messages \{"channel":"marketing","hours":1\}/);
  });

  it('a 5xx after the send is checked, not reported as "try again later"', async () => {
    h.emu.faults.add({ route, kind: 'status', status: 502, times: 1 });
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Gateway trouble' });
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/internal_server_error \(HTTP 502\).*NOT applied/);
    expect(posts()).toBe(1);
  });
});

describe('cliq_send_message after a lost answer', () => {
  const route = 'POST /api/v2/buddies/*/message';

  it('a direct message that timed out after Cliq applied it is reported applied', async () => {
    const dm = h.state().chats.find((c) => c.kind === 'dm' && c.title === 'Leo Brandt')!;
    slow(route);
    const res = await h.call('cliq_send_message', { email: 'leo.brandt@northwind-creative.example', text: 'Lost answer, message sent' });
    expect(res.reconciled).toBe('applied');
    const [sent] = withText(dm, 'Lost answer, message sent');
    expect(res.json).toMatchObject({ reconciled: 'applied', id: sent!.id, result: { message_id: sent!.id, chat_id: dm.chat_id } });
    expect(posts()).toBe(1);
  });

  it('a first message to someone (the post creates the chat) is found too, or found missing', async () => {
    reset(route);
    const lost = await h.call('cliq_send_message', { user_id: '60100006', text: 'Hello Hana' });
    expect(lost.reconciled).toBe('not_applied');
    expect(lost.text).toMatch(/there is no direct chat with Hana Kimura/);
    slow(route);
    const res = await h.call('cliq_send_message', { user_id: '60100006', text: 'Hello Hana' });
    expect(res.reconciled).toBe('applied');
    const dm = h.state().chats.find((c) => c.kind === 'dm' && c.participants.includes('60100006'))!;
    expect(res.json.id).toBe(dm.messages[0]!.id);
    expect(dm.messages).toHaveLength(1);
    expect(posts()).toBe(2);
  });

  it('a message to a chat reset on the way is not applied', async () => {
    const group = h.state().chats.find((c) => c.kind === 'group')!;
    reset('POST /api/v2/chats/*/message');
    const res = await h.call('cliq_send_message', { chat_id: group.chat_id, text: 'Reset' });
    expect(res.reconciled).toBe('not_applied');
    expect(withText(group, 'Reset')).toHaveLength(0);
  });
});

describe('cliq_reply_in_thread after a lost answer', () => {
  it('a reply in an existing thread that timed out is applied; one reset is not', async () => {
    slow('POST /api/v2/chats/*/message');
    const res = await h.call('cliq_reply_in_thread', { thread_chat_id: THREAD, text: 'Slow reply' });
    expect(res.reconciled).toBe('applied');
    expect(res.json.id).toBe(withText(chat(THREAD), 'Slow reply')[0]!.id);
    reset('POST /api/v2/chats/*/message');
    const lost = await h.call('cliq_reply_in_thread', { thread_chat_id: THREAD, text: 'Reset reply' });
    expect(lost.reconciled).toBe('not_applied');
    expect(posts()).toBe(2);
  });

  it('a reply that starts a thread: timed out → applied in the new thread; reset → not applied, no thread', async () => {
    const freeze = channelChat('tech').messages.find((m) => m.text.startsWith('Code freeze'))!;
    reset('POST /api/v2/channels/*/message');
    const lost = await h.call('cliq_reply_in_thread', { channel: 'tech', message_id: freeze.id, text: 'New thread?' });
    expect(lost.reconciled).toBe('not_applied');
    expect(lost.text).toMatch(/the message still has no thread/);
    expect(freeze.thread_chat_id).toBeUndefined();
    slow('POST /api/v2/channels/*/message');
    const res = await h.call('cliq_reply_in_thread', { channel: 'tech', message_id: freeze.id, text: 'New thread?' });
    expect(res.reconciled).toBe('applied');
    expect(res.json.result).toMatchObject({ chat_id: freeze.thread_chat_id, message_id: chat(freeze.thread_chat_id!).messages[0]!.id });
  });
});

describe('cliq_create_bot_message after a lost answer', () => {
  it('a post as the bot in a channel: timed out → applied with the message id Cliq never returned; reset → not applied', async () => {
    slow('POST /api/v2/channelsbyname/*/message');
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'ops', text: 'Bot, slowly' });
    expect(res.reconciled).toBe('applied');
    const [posted] = withText(channelChat('ops'), 'Bot, slowly');
    expect(posted!.bot).toBeDefined();
    expect(res.json).toMatchObject({ id: posted!.id, result: { status: 'sent', message_id: posted!.id, to: { bot: 'northwindbot', channel: '#Ops' } } });
    reset('POST /api/v2/channelsbyname/*/message');
    const lost = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'ops', text: 'Bot, reset' });
    expect(lost.reconciled).toBe('not_applied');
    expect(posts()).toBe(2);
  });

  it("a broadcast: found in the user's own chat with the bot → applied; missing → unknown, unless the user is known to be a recipient", async () => {
    slow('POST /api/v2/bots/*/message');
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', text: 'Broadcast, slowly' });
    expect(res.reconciled).toBe('applied');
    const mine = h.state().chats.find((c) => c.kind === 'bot' && c.owner === '60100001')!;
    expect(res.json).toMatchObject({ id: withText(mine, 'Broadcast, slowly')[0]!.id, result: { recipients: { columns: ['user_id', 'chat_id', 'message_id'] } } });

    reset('POST /api/v2/bots/*/message');
    const unknown = await h.call('cliq_create_bot_message', { bot: 'northwindbot', text: 'Broadcast, reset' });
    expect(unknown.reconciled).toBe('unknown');
    expect(unknown.text).toMatch(/only your own chat with the bot can be read.*Check with cliq_list_chats/);

    const known = await startCliq({ reuse: h.emu, plugin: { userId: '60100001' } });
    try {
      reset('POST /api/v2/bots/*/message');
      const lost = await known.call('cliq_create_bot_message', { bot: 'northwindbot', text: 'Broadcast, reset' });
      expect(lost.reconciled).toBe('not_applied');
    } finally {
      await known.close();
    }
    expect(h.state().chats.filter((c) => c.kind === 'bot').every((c) => withText(c, 'Broadcast, reset').length === 0)).toBe(true);
    expect(posts()).toBe(3);
  });
});
