/**
 * The Cliq slice answers as ../shared/zoho-api/cliq.md (and Zoho's Cliq OpenAPI files) say Cliq does: one table of
 * requests and the answers they must get — 204 with no body for posts, 200 `{message_id}` with `sync_message`
 * (never for a post as a bot in a channel), the bot broadcast's `user_ids`/`message_details`, channel paging
 * with `has_more`/`next_token`, flat `{code, message}` errors, and throttling as HTTP 400
 * `request_limit_exceeded`. Run with core's table runner, over HTTP.
 */
import { createManualClock, runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliqEmulator, type CliqState } from '../src/emulator/index.js';
import { createCliqState } from '../src/emulator/state.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const clock = createManualClock(NOW);
/** The seed the emulator starts from (deterministic for a given clock), for ids in the table. */
const seed = createCliqState({ seed: true, now: NOW });
const channel = (unique: string) => seed.channels.find((c) => c.unique_name === unique)!;
const chatOf = (unique: string) => seed.chats.find((c) => c.chat_id === channel(unique).chat_id)!;
const marketing = channel('marketing');
const tech = channel('tech');
const design = channel('design');
const incident = chatOf('tech').messages.find((m) => m.thread_chat_id)!;
const thread = seed.chats.find((c) => c.kind === 'thread')!;
const dmLeo = seed.chats.find((c) => c.kind === 'dm' && c.title === 'Leo Brandt')!;
const leo = seed.users.find((u) => u.first_name === 'Leo')!;
const guest = seed.users.find((u) => u.external)!;

/** Cliq's times: ISO-8601 with an offset, no milliseconds. */
const CLIQ_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const MESSAGE_ID = /^\d{13}_\d+$/;
const error = (code: string, message: RegExp = /./) => ({ code, message });
const array = (length: number) => (v: unknown) => Array.isArray(v) && v.length === length;
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

const CASES: AnswerCase[] = [
  // Reads.
  {
    name: 'GET /channels: every visible channel, has_more false, times with an offset, total_message_count a string',
    path: '/api/v2/channels',
    expect: {
      status: 200,
      body: { channels: array(seed.channels.length), has_more: false, sync_token: /./ },
      check: ({ body }) => {
        const problems: string[] = [];
        for (const c of (body as { channels: Record<string, unknown>[] }).channels) {
          if (typeof c.total_message_count !== 'string') problems.push(`${String(c.name)}: total_message_count is not a string`);
          if (typeof c.participant_count !== 'number') problems.push(`${String(c.name)}: participant_count is not a number`);
          if (!CLIQ_TIME.test(String(c.creation_time)) || !CLIQ_TIME.test(String(c.last_modified_time))) problems.push(`${String(c.name)}: times are not Cliq's format`);
          if (!/^T\d+$/.test(String(c.channel_id)) || !/^CT_\d{19}_\d+$/.test(String(c.chat_id))) problems.push(`${String(c.name)}: ids look wrong`);
        }
        if ('next_token' in (body as object)) problems.push('next_token without more');
        return problems;
      },
    },
  },
  { name: 'GET /channels?limit=5: has_more with a next_token', path: '/api/v2/channels', query: { limit: 5 }, expect: { status: 200, body: { channels: array(5), has_more: true, next_token: /^[\w-]+$/ } } },
  { name: 'GET /channels?limit=500: capped at 100, not refused', path: '/api/v2/channels', query: { limit: 500 }, expect: { status: 200, body: { channels: array(seed.channels.length), has_more: false } } },
  {
    name: 'GET /channels?name=market: the display-name filter',
    path: '/api/v2/channels',
    query: { name: 'market' },
    expect: { status: 200, body: { channels: [{ name: '#Marketing', unique_name: 'marketing', level: 'team', joined: true, participant_count: 4, last_message_info: { sender_name: 'Leo Brandt', time: CLIQ_TIME } }] } },
  },
  {
    name: 'GET /channels?joined=false: the channels the user is not in',
    path: '/api/v2/channels',
    query: { joined: false },
    expect: { status: 200, body: { channels: (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((c: { joined: boolean }) => c.joined === false) } },
  },
  {
    name: 'GET /channels/{id}: the channel, no last message',
    path: `/api/v2/channels/${marketing.channel_id}`,
    expect: { status: 200, body: { channel_id: marketing.channel_id, chat_id: marketing.chat_id, unique_name: 'marketing', current_user_role: 'member', member_permission: { send_message: true } }, check: ({ body }) => ('last_message_info' in (body as object) ? ['last_message_info in a channel'] : []) },
  },
  { name: 'GET /channels/{id}/members', path: `/api/v2/channels/${marketing.channel_id}/members`, expect: { status: 200, body: { members: array(4) } } },
  {
    name: 'GET /chats: direct, group and bot chats of the user, newest first',
    path: '/api/v2/chats',
    expect: {
      status: 200,
      body: { chats: nonEmpty },
      check: ({ body }) => {
        const chats = (body as { chats: { chat_type: string; last_modified_time: string; recipients_summary: unknown[] }[] }).chats;
        const problems = chats.filter((c) => !['dm', 'chat'].includes(c.chat_type)).map((c) => `chat_type ${c.chat_type}`);
        const times = chats.map((c) => Date.parse(c.last_modified_time));
        if (times.some((t, i) => i > 0 && t > times[i - 1]!)) problems.push('not newest first');
        return problems;
      },
    },
  },
  { name: 'GET /chats?limit=2', path: '/api/v2/chats', query: { limit: 2 }, expect: { status: 200, body: { chats: array(2) } } },
  {
    name: 'GET /chats/{id}/messages: the window, oldest first, {sender, id, time, type, content}',
    path: `/api/v2/chats/${marketing.chat_id}/messages`,
    query: { fromtime: NOW - 24 * 3_600_000, totime: NOW },
    expect: { status: 200, body: { data: (v: unknown) => Array.isArray(v) && v.length === 4 && v.every((m: { id: string; type: string }) => MESSAGE_ID.test(m.id) && m.type === 'text') } },
  },
  {
    name: 'GET /chats/{id}/messages?limit=2: the latest two',
    path: `/api/v2/chats/${marketing.chat_id}/messages`,
    query: { limit: 2 },
    expect: { status: 200, body: { data: [{ content: { text: /studio/ } }, { content: { text: /social calendar/ } }] } },
  },
  {
    name: 'GET /chats/{id}/messages/{id}: one message, with its thread',
    path: `/api/v2/chats/${tech.chat_id}/messages/${incident.id}`,
    expect: { status: 200, body: { id: incident.id, sender: { name: 'Priya Natarajan', id: '60100003' }, thread_information: { chat_id: thread.chat_id, title: 'Checkout latency', message_count: 3, thread_message_id: /%20/ } } },
  },
  { name: 'a message id with %20 is the same message', path: `/api/v2/chats/${tech.chat_id}/messages/${incident.id.replace('_', '%20')}`, expect: { status: 200, body: { id: incident.id } } },
  { name: 'GET /threads/{id}/messages/main', path: `/api/v2/threads/${thread.chat_id}/messages/main`, expect: { status: 200, body: { id: incident.id, parent_resource_id: '#Tech', thread_information: { chat_id: thread.chat_id } } } },
  { name: 'GET /chats/{thread}/messages: the replies', path: `/api/v2/chats/${thread.chat_id}/messages`, expect: { status: 200, body: { data: array(3) } } },
  { name: 'GET /users?search=leo', path: '/api/v2/users', query: { search: 'leo' }, expect: { status: 200, body: { data: [{ email_id: leo.email, id: leo.id, zuid: leo.id, name: 'Leo Brandt' }], has_more: false } } },
  { name: 'GET /users leaves out guests', path: '/api/v2/users', query: { search: guest.email }, expect: { status: 200, body: { data: [] } } },
  { name: 'GET /users/{id}', path: `/api/v2/users/${leo.id}`, expect: { status: 200, body: { data: { id: leo.id, email_id: leo.email, designation: { name: 'CMO' } } } } },
  { name: 'GET /bots/{bot}/subscribers', path: '/api/v2/bots/northwindbot/subscribers', expect: { status: 200, body: { type: 'bot_subscriber', data: array(3) } } },

  // Posts: 204, or 200 {message_id} with sync_message.
  { name: 'POST /channelsbyname/{name}/message → 204, no body', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'Hello *team*' }, expect: { status: 204, empty: true } },
  { name: 'with sync_message → 200 {message_id}', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'Synced', sync_message: true }, expect: { status: 200, body: { message_id: MESSAGE_ID } } },
  {
    name: 'a card and a reply_to are taken',
    method: 'POST',
    path: '/api/v2/channelsbyname/marketing/message',
    json: { text: 'Carded', card: { title: 'Launch', theme: 'modern-inline', thumbnail: 'https://img.example/t.png' }, reply_to: chatOf('marketing').messages[0]!.id, sync_message: true },
    expect: { status: 200, body: { message_id: MESSAGE_ID } },
  },
  { name: 'as a participant bot → 204 even with sync_message', method: 'POST', path: '/api/v2/channelsbyname/ops/message', query: { bot_unique_name: 'northwindbot' }, json: { text: 'From the bot', sync_message: true }, expect: { status: 204, empty: true } },
  { name: 'POST /channels/{id}/message → 204', method: 'POST', path: `/api/v2/channels/${marketing.channel_id}/message`, json: { text: 'By id' }, expect: { status: 204, empty: true } },
  {
    name: 'POST /channels/{id}/message with thread_message_id starts a thread → 200 {message_id}',
    method: 'POST',
    path: `/api/v2/channels/${tech.channel_id}/message`,
    json: { text: 'Starting a thread', thread_message_id: chatOf('tech').messages[0]!.id, thread_title: 'Staging', sync_message: true },
    expect: { status: 200, body: { message_id: MESSAGE_ID } },
  },
  { name: 'POST /chats/{thread}/message → 200', method: 'POST', path: `/api/v2/chats/${thread.chat_id}/message`, json: { text: 'In the thread', sync_message: true }, expect: { status: 200, body: { message_id: MESSAGE_ID } } },
  { name: 'POST /chats/{id}/message → 204', method: 'POST', path: `/api/v2/chats/${dmLeo.chat_id}/message`, json: { text: 'In the chat' }, expect: { status: 204, empty: true } },
  { name: 'POST /buddies/{email}/message with sync_message → 200', method: 'POST', path: `/api/v2/buddies/${leo.email}/message`, json: { text: 'Hi Leo', sync_message: true }, expect: { status: 200, body: { message_id: MESSAGE_ID } } },
  { name: 'POST /buddies/{zuid}/message → 204', method: 'POST', path: `/api/v2/buddies/${leo.id}/message`, json: { text: 'Hi again' }, expect: { status: 204, empty: true } },
  {
    name: 'POST /bots/{bot}/message with sync_message → each subscriber, ids with %20',
    method: 'POST',
    path: '/api/v2/bots/northwindbot/message',
    json: { text: 'To subscribers', sync_message: true },
    expect: {
      status: 200,
      body: { user_ids: array(3), message_details: (v: unknown) => Object.values(v as Record<string, { chat_id: string; message_id: string }>).every((d) => /-B2$/.test(d.chat_id) && /^\d{13}%20\d+$/.test(d.message_id)) },
    },
  },
  { name: 'POST /bots/{bot}/message to some (userids) → 204', method: 'POST', path: '/api/v2/bots/northwindbot/message', json: { text: 'To one', userids: '60100001' }, expect: { status: 204, empty: true } },

  // Errors: a flat {code, message}.
  { name: 'no text → 400 invalid_input', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { card: { title: 'x' } }, expect: { status: 400, body: error('invalid_input', /text/) } },
  { name: 'text over 5000 characters → 400 invalid_input', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'x'.repeat(5001) }, expect: { status: 400, body: error('invalid_input', /5000/) } },
  { name: 'exactly 5000 characters → 204', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'y'.repeat(5000) }, expect: { status: 204, empty: true } },
  { name: 'a card theme Cliq does not have → 400', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'x', card: { theme: 'fancy' } }, expect: { status: 400, body: error('invalid_input', /card.theme/) } },
  { name: 'an unknown reply_to → 400', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', json: { text: 'x', reply_to: '1700000000000_1' }, expect: { status: 400, body: error('invalid_input', /reply_to/) } },
  { name: 'an unknown unique name → 404 channel_not_found', method: 'POST', path: '/api/v2/channelsbyname/nosuchchannel/message', json: { text: 'x' }, expect: { status: 404, body: error('channel_not_found') } },
  { name: 'a channel the user is not in → 403 not_a_member', method: 'POST', path: `/api/v2/channelsbyname/${design.unique_name}/message`, json: { text: 'x' }, expect: { status: 403, body: error('not_a_member') } },
  { name: "reading such a channel's messages → 403 not_a_member", path: `/api/v2/chats/${design.chat_id}/messages`, expect: { status: 403, body: error('not_a_member') } },
  { name: 'a bot that is not a participant → 403 bot_not_participant', method: 'POST', path: '/api/v2/channelsbyname/marketing/message', query: { bot_unique_name: 'northwindbot' }, json: { text: 'x' }, expect: { status: 403, body: error('bot_not_participant') } },
  { name: 'an unknown bot → 404 bot_not_found', method: 'POST', path: '/api/v2/bots/nosuchbot/message', json: { text: 'x' }, expect: { status: 404, body: error('bot_not_found') } },
  { name: 'a broadcast to a non-subscriber → 400', method: 'POST', path: '/api/v2/bots/northwindbot/message', json: { text: 'x', userids: leo.id }, expect: { status: 400, body: error('invalid_input', /userids/) } },
  { name: 'a DM to a guest (not an organization member) → 404 user_not_found', method: 'POST', path: `/api/v2/buddies/${guest.email}/message`, json: { text: 'x' }, expect: { status: 404, body: error('user_not_found') } },
  { name: 'an unknown chat → 404 chat_not_found', path: '/api/v2/chats/CT_1_2/messages', expect: { status: 404, body: error('chat_not_found') } },
  { name: 'an unknown message → 404 message_not_found', path: `/api/v2/chats/${tech.chat_id}/messages/1700000000000_1`, expect: { status: 404, body: error('message_not_found') } },
  { name: 'an unknown user → 404 user_not_found', path: '/api/v2/users/123', expect: { status: 404, body: error('user_not_found') } },
  { name: 'a next_token the emulator did not issue → 400', path: '/api/v2/channels', query: { next_token: 'bogus' }, expect: { status: 400, body: error('invalid_next_token') } },
  { name: 'no token → 401 oauthtoken_invalid', path: '/api/v2/channels', token: null, expect: { status: 401, body: error('oauthtoken_invalid') } },
  { name: 'an invalid token → 401 oauthtoken_invalid', path: '/api/v2/channels', token: '1000.nope.nope', expect: { status: 401, body: error('oauthtoken_invalid') } },
  {
    name: 'a token without the scope → 401 invalid_oauthscope',
    method: 'POST',
    path: '/api/v2/channelsbyname/marketing/message',
    json: { text: 'x' },
    token: (emu) => emu.accounts.issueAccessToken(emu.accounts.issueRefreshToken({ scopes: ['ZohoCliq.Channels.READ'] })),
    expect: { status: 401, body: error('invalid_oauthscope', /Webhooks.CREATE/) },
  },
  {
    name: 'throttled → HTTP 400 request_limit_exceeded (not 429)',
    path: '/api/v2/channels',
    setup: (emu) => void emu.faults.add({ app: 'cliq', kind: 'throttle', retryAfterSec: 3, times: 1 }),
    expect: { status: 400, body: { code: 'request_limit_exceeded', message: 'You have exceeded the URL throttle limits.' }, headers: { 'retry-after': '3' } },
  },
  { name: 'a server failure → 500', path: '/api/v2/channels', setup: (emu) => void emu.faults.add({ app: 'cliq', kind: 'status', status: 500, times: 1 }), expect: { status: 500, body: error('internal_server_error') } },
  { name: 'an unknown path → 404 invalid_endpoint', path: '/api/v2/nothing', expect: { status: 404, body: error('invalid_endpoint') } },
  { name: 'a method the path does not take → 405', method: 'DELETE', path: '/api/v2/channels', expect: { status: 405, body: error('method_not_allowed', /DELETE/) } },
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apps: [createCliqEmulator({ rateLimit: false })], clock: clock.now });
});
afterAll(() => emu?.close());

describe('the Cliq emulator answers as the digest says', () => {
  it.each(CASES)('$name', async (c) => {
    expect((await runAnswerCase(emu, 'cliq', c)).problems).toEqual([]);
  });

  it('stored what the posts sent: the card, the reply, the thread, the bot', () => {
    const state = emu.state<CliqState>('cliq');
    const marketingChat = state.chats.find((c) => c.chat_id === marketing.chat_id)!;
    const carded = marketingChat.messages.find((m) => m.text === 'Carded')!;
    expect(carded).toMatchObject({ card: { title: 'Launch', theme: 'modern-inline' }, reply_to: chatOf('marketing').messages[0]!.id, sender: { id: '60100001', name: 'Maya Ortiz' } });
    const opsChat = state.chats.find((c) => c.chat_id === channel('ops').chat_id)!;
    expect(opsChat.messages.at(-1)).toMatchObject({ text: 'From the bot', bot: { name: 'Northwind Bot' } });
    const staging = state.chats.find((c) => c.kind === 'thread' && c.title === 'Staging')!;
    expect(staging.messages.map((m) => m.text)).toEqual(['Starting a thread']);
    expect(state.chats.filter((c) => c.kind === 'bot').every((c) => c.messages.at(-1)!.text === 'To subscribers' || c.messages.at(-1)!.text === 'To one')).toBe(true);
  });
});

describe("Cliq's per-endpoint limits", () => {
  it('15 message reads a minute, then the endpoint is locked for 5 minutes; other endpoints go on', async () => {
    const lclock = createManualClock(NOW);
    const limited = await startEmulator({ apps: [createCliqEmulator()], clock: lclock.now });
    try {
      const read = { path: `/api/v2/chats/${marketing.chat_id}/messages`, expect: { status: 200 } } satisfies Omit<AnswerCase, 'name'>;
      for (let i = 0; i < 15; i++) expect((await runAnswerCase(limited, 'cliq', { name: `read ${i}`, ...read })).problems).toEqual([]);
      const over = await runAnswerCase(limited, 'cliq', { name: '16th', ...read, expect: { status: 400, body: error('request_limit_exceeded') } });
      expect(over.problems).toEqual([]);
      expect((await runAnswerCase(limited, 'cliq', { name: 'channels still answer', path: '/api/v2/channels', expect: { status: 200 } })).problems).toEqual([]);
      lclock.advance(61_000);
      expect((await runAnswerCase(limited, 'cliq', { name: 'locked after the window', ...read, expect: { status: 400, body: error('request_limit_exceeded') } })).problems).toEqual([]);
      lclock.advance(300_000);
      expect((await runAnswerCase(limited, 'cliq', { name: 'free after the lock', ...read })).problems).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('are off with limits: false (--no-limits)', async () => {
    const free = await startEmulator({ apps: [createCliqEmulator()], limits: false });
    try {
      for (let i = 0; i < 20; i++) expect((await runAnswerCase(free, 'cliq', { name: `read ${i}`, path: `/api/v2/chats/${marketing.chat_id}/messages`, expect: { status: 200 } })).problems).toEqual([]);
    } finally {
      await free.close();
    }
  });
});
