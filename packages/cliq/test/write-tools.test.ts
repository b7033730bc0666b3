import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliqState, EmuChat } from '../src/emulator/index.js';
import { POSTS, rowsOf, startCliq, type CliqHarness } from './helpers.js';

let h: CliqHarness;
beforeAll(async () => {
  h = await startCliq();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('cliq');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.approve.value = true;
});

const posts = () => h.emu.counters.requests({ app: 'cliq', route: POSTS });
const requests = () => h.emu.counters.requests({ app: 'cliq' });
const channelChat = (unique: string): EmuChat => {
  const state = h.state();
  return state.chats.find((c) => c.chat_id === state.channels.find((x) => x.unique_name === unique)!.chat_id)!;
};
const messageCount = (state: CliqState) => state.chats.reduce((n, c) => n + c.messages.length, 0);
const THREAD = 'CT_1290011223344556604_60100003-T-1256254377053900001';

describe('cliq_post_to_channel', () => {
  it('posts as the user to the channel it resolved, after a confirmation that shows where and the exact text', async () => {
    const text = 'Helios Solar launch moves to *Tuesday*.\n- new date: 14th\n- same budget';
    const res = await h.call('cliq_post_to_channel', { channel: '#Marketing', text, card: { title: 'Launch update', theme: 'modern-inline' } });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    expect(h.confirmations[0]).toMatchObject({ tool: 'cliq_post_to_channel', access: 'write', payload: { text, card: { title: 'Launch update', theme: 'modern-inline' }, sync_message: true } });
    expect(h.confirmations[0]!.summary).toMatch(/^Post to the Cliq channel #Marketing \(marketing, 4 members\) as you \(as a card\): "Helios Solar launch/);
    const posted = channelChat('marketing').messages.at(-1)!;
    expect(posted).toMatchObject({ text, sender: { id: '60100001', name: 'Maya Ortiz' }, card: { title: 'Launch update' } });
    expect(res.json).toEqual({ status: 'sent', message_id: posted.id, chat_id: 'CT_1290011223344556603_60100002', to: { channel: '#Marketing', unique_name: 'marketing', channel_id: 'T5100000061203', chat_id: 'CT_1290011223344556603_60100002' } });
    expect(posts()).toBe(1);
  });

  it("replies to one of the channel's messages, naming it in the confirmation", async () => {
    const original = channelChat('marketing').messages.find((m) => m.text.startsWith('Zylker Corp newsletter'))!;
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Great result!', reply_to: original.id });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/replying to Leo Brandt \("Zylker Corp newsletter/);
    expect(channelChat('marketing').messages.at(-1)).toMatchObject({ text: 'Great result!', reply_to: original.id });
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const before = messageCount(h.state());
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Not this one' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Post to the Cliq channel #Marketing.*Nothing was sent to Zoho/);
    expect(posts()).toBe(0);
    expect(messageCount(h.state())).toBe(before);
  });

  it("refuses a message over Cliq's 5000 characters before any confirmation or request; 5000 is fine", async () => {
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'x'.repeat(5001) });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "text": Cliq takes at most 5000 characters in a message; shorten it or send it in parts/);
    expect(h.confirmations).toHaveLength(0);
    expect(requests()).toBe(0);
    const full = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'y'.repeat(5000) });
    expect(full.outcome, full.text).toBe('ok');
    expect(channelChat('marketing').messages.at(-1)!.text).toHaveLength(5000);
  });

  it('refuses, before confirming, a channel the user is not in, one that does not exist, an unknown reply_to and a bad card', async () => {
    const design = await h.call('cliq_post_to_channel', { channel: 'design', text: 'Hi' });
    expect(design.text).toMatch(/field "channel": you are not a member of #Design \(design, 2 members\)/);
    const none = await h.call('cliq_post_to_channel', { channel: 'nosuch', text: 'Hi' });
    expect(none.text).toMatch(/field "channel": no channel you can see is named "nosuch"/);
    const reply = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Hi', reply_to: '1700000000000_1' });
    expect(reply.text).toMatch(/field "reply_to": no message 1700000000000_1 in #Marketing/);
    const card = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Hi', card: { colour: 'red' } });
    expect(card.text).toMatch(/unknown field "card.colour"/);
    const thumb = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'Hi', card: { thumbnail: 'http://x.example/a.png' } });
    expect(thumb.text).toMatch(/field "card.thumbnail": must be an https URL/);
    const blank = await h.call('cliq_post_to_channel', { channel: 'marketing', text: '   ' });
    expect(blank.text).toMatch(/field "text": must not be empty/);
    expect(h.confirmations).toHaveLength(0);
    expect(posts()).toBe(0);
  });

  it('a post Cliq throttled (HTTP 400 request_limit_exceeded) was not processed: it is sent again and lands once', async () => {
    h.emu.faults.add({ app: 'cliq', route: 'POST /api/v2/channelsbyname/*/message', kind: 'throttle', retryAfterSec: 0, times: 1 });
    const before = channelChat('marketing').messages.length;
    const res = await h.call('cliq_post_to_channel', { channel: 'marketing', text: 'After the throttle' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.emu.counters.requests({ app: 'cliq', route: 'POST /api/v2/channelsbyname/*/message', status: 400 })).toBe(1);
    expect(posts()).toBe(2);
    expect(channelChat('marketing').messages.length).toBe(before + 1);
  });
});

describe('cliq_send_message', () => {
  it('messages a person by email, in the direct chat that exists', async () => {
    const dm = h.state().chats.find((c) => c.kind === 'dm' && c.title === 'Leo Brandt')!;
    const res = await h.call('cliq_send_message', { email: 'Leo.Brandt@northwind-creative.example', text: 'The deck is *approved*.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Send a direct message to Leo Brandt <leo.brandt@northwind-creative.example> (user id 60100002): "The deck is *approved*."');
    expect(h.confirmations[0]!.payload).toEqual({ text: 'The deck is *approved*.', sync_message: true });
    expect(dm.messages.at(-1)).toMatchObject({ text: 'The deck is *approved*.', sender: { id: '60100001' } });
    expect(res.json).toEqual({ status: 'sent', message_id: dm.messages.at(-1)!.id, to: { name: 'Leo Brandt', email: 'leo.brandt@northwind-creative.example', user_id: '60100002' } });
  });

  it('messages a person by user id, starting the direct chat when there is none', async () => {
    const state = h.state();
    expect(state.chats.some((c) => c.kind === 'dm' && c.participants.includes('60100006'))).toBe(false);
    const res = await h.call('cliq_send_message', { user_id: '60100006', text: 'Can you book the room?' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Send a direct message to Hana Kimura <hana.kimura@northwind-creative.example> \(user id 60100006\)/);
    const dm = state.chats.find((c) => c.kind === 'dm' && c.participants.includes('60100006'))!;
    expect(dm.messages.map((m) => m.text)).toEqual(['Can you book the room?']);
    expect(res.json.message_id).toBe(dm.messages[0]!.id);
  });

  it('writes to an existing chat by chat_id, naming its members', async () => {
    const group = h.state().chats.find((c) => c.kind === 'group')!;
    const res = await h.call('cliq_send_message', { chat_id: group.chat_id, text: 'Banners look great.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe(`Send to the Cliq chat ${group.chat_id} (members: Leo Brandt, Maya Ortiz, Priya Natarajan, Sofia Lindqvist): "Banners look great."`);
    expect(group.messages.at(-1)!.text).toBe('Banners look great.');
    expect(res.json).toMatchObject({ status: 'sent', chat_id: group.chat_id, message_id: group.messages.at(-1)!.id });
  });

  it('resolves people through the API and never guesses: unknown, guest, bad id, unknown chat, two targets', async () => {
    const typo = await h.call('cliq_send_message', { email: 'leo.brant@northwind-creative.example', text: 'Hi' });
    expect(typo.text).toMatch(/field "email": no Cliq user in your organization has the email "leo.brant@northwind-creative.example".*did you mean Leo Brandt <leo.brandt@northwind-creative.example>/);
    const guest = await h.call('cliq_send_message', { email: 'bob.burns@zylker.example', text: 'Hi' });
    expect(guest.text).toMatch(/field "email": no Cliq user in your organization has the email "bob.burns@zylker.example"/);
    const id = await h.call('cliq_send_message', { user_id: '123', text: 'Hi' });
    expect(id.text).toMatch(/field "user_id": no Cliq user in your organization has the id 123/);
    const chat = await h.call('cliq_send_message', { chat_id: 'CT_1_2', text: 'Hi' });
    expect(chat.text).toMatch(/field "chat_id": no chat CT_1_2 of yours; find it with cliq_list_chats/);
    const two = await h.call('cliq_send_message', { email: 'leo.brandt@northwind-creative.example', user_id: '60100002', text: 'Hi' });
    expect(two.text).toMatch(/field "user_id": give exactly one of email, user_id or chat_id/);
    const notEmail = await h.call('cliq_send_message', { email: 'leo', text: 'Hi' });
    expect(notEmail.text).toMatch(/field "email": must be an email address/);
    expect(h.confirmations).toHaveLength(0);
    expect(posts()).toBe(0);
  });
});

describe('cliq_create_bot_message', () => {
  it('posts as the bot in a channel it takes part in; Cliq gives no id for that', async () => {
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'ops', text: 'Nightly backup *completed*.', card: { title: 'Backup' } });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Post as the bot northwindbot to the Cliq channel #Ops (ops, 5 members) (as a card): "Nightly backup *completed*."');
    expect(h.confirmations[0]!.payload).toEqual({ text: 'Nightly backup *completed*.', card: { title: 'Backup' } });
    expect(channelChat('ops').messages.at(-1)).toMatchObject({ text: 'Nightly backup *completed*.', bot: { name: 'Northwind Bot' }, sender: { id: '60109001' } });
    expect(res.json).toMatchObject({ status: 'sent', to: { bot: 'northwindbot', channel: '#Ops' }, note: 'Cliq returns no message id for a post as a bot in a channel' });
    expect(h.emu.counters.requests({ app: 'cliq', route: 'POST /api/v2/channelsbyname/*/message', status: 204 })).toBe(1);
  });

  it('says when the bot is not a participant of the channel, and nothing was posted', async () => {
    const before = channelChat('marketing').messages.length;
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'marketing', text: 'Hello from the bot' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/bot_not_participant \(HTTP 403, validation\): the bot northwindbot is not a participant of #Marketing, so it cannot post there; nothing was posted\. Add the bot to the channel/);
    expect(res.reconciled).toBeUndefined();
    expect(channelChat('marketing').messages.length).toBe(before);
    expect(posts()).toBe(1);
  });

  it('another 403 to the post keeps its kind and Cliq\'s message; the bot was checked with one subscriber read', async () => {
    h.emu.faults.add({ app: 'cliq', route: 'POST /api/v2/channelsbyname/*/message', kind: 'status', status: 403, times: 1 });
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'ops', text: 'Refused' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/\(HTTP 403, permission\): Cliq refused the post as the bot northwindbot to #Ops; nothing was posted\. If the bot is not a participant, add it to the channel in Cliq \(channel → Bots\)\. Cliq said: \S/);
    expect(res.text).not.toMatch(/is not a participant of/);
    expect(h.emu.counters.requests({ app: 'cliq', route: 'GET /api/v2/bots/*/subscribers' })).toBe(1);
  });

  it("messages all the bot's subscribers, listing them in the confirmation", async () => {
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', text: 'Deploy window tonight at 10 pm.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Message as the bot northwindbot to all 3 subscribers (Maya Ortiz, Priya Natarajan, Sofia Lindqvist): "Deploy window tonight at 10 pm."');
    const rows = rowsOf(res.json, 'recipients');
    expect(rows.map((r) => r.user_id)).toEqual(['60100001', '60100003', '60100005']);
    const botChats = h.state().chats.filter((c) => c.kind === 'bot');
    for (const row of rows) {
      const chat = botChats.find((c) => c.chat_id === row.chat_id)!;
      expect(chat.messages.at(-1)!.text).toBe('Deploy window tonight at 10 pm.');
      expect(row.message_id).toBe(chat.messages.at(-1)!.id.replace('_', '%20'));
    }
  });

  it('messages some subscribers by email or id, refusing anyone who is not one', async () => {
    const res = await h.call('cliq_create_bot_message', { bot: 'northwindbot', subscribers: ['priya.natarajan@northwind-creative.example'], text: 'Your deploy is ready.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.payload).toEqual({ text: 'Your deploy is ready.', userids: '60100003', sync_message: true });
    expect(h.confirmations[0]!.summary).toMatch(/to 1 of its subscribers \(Priya Natarajan\)/);
    expect(rowsOf(res.json, 'recipients').map((r) => r.user_id)).toEqual(['60100003']);
    const stranger = await h.call('cliq_create_bot_message', { bot: 'northwindbot', subscribers: ['60100003', 'leo.brandt@northwind-creative.example'], text: 'x' });
    expect(stranger.text).toMatch(/field "subscribers\[1\]": "leo.brandt@northwind-creative.example" is not a subscriber of northwindbot; its subscribers: maya.ortiz@/);
    expect(posts()).toBe(1);
  });

  it('refuses an unknown bot and a channel with subscribers, before confirming', async () => {
    const none = await h.call('cliq_create_bot_message', { bot: 'nosuchbot', channel: 'ops', text: 'x' });
    expect(none.text).toMatch(/field "bot": there is no Cliq bot with the unique name "nosuchbot"/);
    const both = await h.call('cliq_create_bot_message', { bot: 'northwindbot', channel: 'ops', subscribers: ['60100001'], text: 'x' });
    expect(both.text).toMatch(/field "subscribers": give channel or subscribers, not both/);
    const bad = await h.call('cliq_create_bot_message', { bot: 'north wind', text: 'x' });
    expect(bad.text).toMatch(/field "bot": must be a bot unique name/);
    expect(h.confirmations).toHaveLength(0);
    expect(posts()).toBe(0);
  });
});

describe('cliq_reply_in_thread', () => {
  it("replies in a message's existing thread", async () => {
    const incident = channelChat('tech').messages.find((m) => m.thread_chat_id)!;
    const res = await h.call('cliq_reply_in_thread', { channel: 'tech', message_id: incident.id, text: 'Post-mortem is in the wiki.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe(`Reply in the Cliq thread "Checkout latency" on Priya Natarajan's message "Incident: checkout API latency above 2 s for Quantum Bakery'…" in #Tech (tech, 3 members): "Post-mortem is in the wiki."`);
    const thread = h.state().chats.find((c) => c.chat_id === THREAD)!;
    expect(thread.messages.at(-1)).toMatchObject({ text: 'Post-mortem is in the wiki.', sender: { id: '60100001' } });
    expect(res.json).toMatchObject({ status: 'sent', message_id: thread.messages.at(-1)!.id, chat_id: THREAD });
  });

  it('replies by the thread chat id', async () => {
    const res = await h.call('cliq_reply_in_thread', { thread_chat_id: THREAD, text: 'On it.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Reply in the Cliq thread "Checkout latency" on Priya Natarajan's message .* in #Tech: "On it."/);
    expect(h.state().chats.find((c) => c.chat_id === THREAD)!.messages.at(-1)!.text).toBe('On it.');
  });

  it('starts a thread on a message that has none, and gives its chat id', async () => {
    const freeze = channelChat('tech').messages.find((m) => m.text.startsWith('Code freeze'))!;
    const res = await h.call('cliq_reply_in_thread', { channel: 'tech', message_id: freeze.id, title: 'Code freeze', text: 'Does it cover the API too?' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Start a Cliq thread "Code freeze" on Priya Natarajan's message "Code freeze for the Bluebird/);
    expect(h.confirmations[0]!.payload).toEqual({ text: 'Does it cover the API too?', sync_message: true, thread_message_id: freeze.id, thread_title: 'Code freeze' });
    const thread = h.state().chats.find((c) => c.chat_id === freeze.thread_chat_id)!;
    expect(thread).toMatchObject({ kind: 'thread', title: 'Code freeze' });
    expect(res.json).toMatchObject({ message_id: thread.messages[0]!.id, chat_id: thread.chat_id });
    expect(channelChat('tech').messages.some((m) => m.text === 'Does it cover the API too?')).toBe(false);
  });

  it('refuses an unknown message or thread, and mixed targets, before confirming', async () => {
    const msg = await h.call('cliq_reply_in_thread', { channel: 'tech', message_id: '1700000000000_1', text: 'x' });
    expect(msg.text).toMatch(/field "message_id": no message 1700000000000_1 in #Tech/);
    const thread = await h.call('cliq_reply_in_thread', { thread_chat_id: 'CT_1_2-T-3', text: 'x' });
    expect(thread.text).toMatch(/field "thread_chat_id": no thread CT_1_2-T-3/);
    const mixed = await h.call('cliq_reply_in_thread', { thread_chat_id: THREAD, channel: 'tech', text: 'x' });
    expect(mixed.text).toMatch(/field "thread_chat_id": give thread_chat_id alone/);
    const half = await h.call('cliq_reply_in_thread', { channel: 'tech', text: 'x' });
    expect(half.text).toMatch(/field "message_id": give channel and message_id/);
    expect(h.confirmations).toHaveLength(0);
    expect(posts()).toBe(0);
  });
});
