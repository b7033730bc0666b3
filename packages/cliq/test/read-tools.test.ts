import { startEmulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCliqEmulator, type CliqState } from '../src/emulator/index.js';
import { rowsOf, startCliq, type CliqHarness } from './helpers.js';

let h: CliqHarness;
beforeAll(async () => {
  h = await startCliq();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('cliq');
  h.emu.counters.reset();
});

const requests = (route?: string) => h.emu.counters.requests(route ? { app: 'cliq', route } : { app: 'cliq' });
const chatOf = (state: CliqState, unique: string) => state.chats.find((c) => c.chat_id === state.channels.find((x) => x.unique_name === unique)!.chat_id)!;

describe('cliq_list_channels', () => {
  it('a name that is empty after its # is refused, sending nothing', async () => {
    const before = h.emu.counters.requests({ app: 'cliq' });
    for (const name of ['', '#', ' # ']) expect((await h.call('cliq_list_channels', { name })).text).toMatch(/field "name": must not be empty/);
    expect(h.emu.counters.requests({ app: 'cliq' })).toBe(before);
  });

  it('finds a channel by name: unique name, members, description, joined, last message', async () => {
    const res = await h.call('cliq_list_channels', { name: 'marketing' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.count).toBe(1);
    expect(rowsOf(res.json, 'channels')).toEqual([
      expect.objectContaining({
        name: '#Marketing',
        unique_name: 'marketing',
        channel_id: 'T5100000061203',
        level: 'team',
        joined: true,
        participant_count: 4,
        description: 'Campaigns, content and social for our clients',
        last_message: expect.objectContaining({ from: 'Leo Brandt', text: 'Draft social calendar for Redwood Health is ready for review.' }),
      }),
    ]);
    expect(res.json.next_token).toBeUndefined();
  });

  it('filters on joined: the channels the user is not in, #Design among them', async () => {
    const res = await h.call('cliq_list_channels', { joined: false });
    const rows = rowsOf(res.json, 'channels');
    expect(rows.map((r) => r.unique_name)).toContain('design');
    expect(rows.every((r) => r.joined === false)).toBe(true);
    expect(rows.length).toBe(h.state().channels.filter((c) => !c.members.some((m) => m.user_id === h.state().me)).length);
  });

  it('pages with next_token to the end, every channel once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await h.call('cliq_list_channels', { limit: 5, ...(token ? { next_token: token } : {}) });
      expect(res.outcome, res.text).toBe('ok');
      seen.push(...rowsOf(res.json, 'channels').map((r) => r.unique_name as string));
      token = res.json.next_token;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(h.state().channels.length / 5));
    expect(seen).toEqual(h.state().channels.map((c) => c.unique_name));
  });

  it("returns Cliq's JSON with raw: true", async () => {
    const res = await h.call('cliq_list_channels', { name: 'general', raw: true });
    expect(res.json).toMatchObject({ has_more: false, channels: [{ name: '#General', total_message_count: '37', admin_permission: { delete_channel: true }, organization_id: '4435792' }] });
  });

  it('refuses a bad input naming the field, sending nothing', async () => {
    const res = await h.call('cliq_list_channels', { limit: 500 });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "limit"/);
    const typo = await h.call('cliq_list_channels', { nam: 'x' });
    expect(typo.text).toMatch(/unknown field "nam"; did you mean "name"/);
    expect(requests()).toBe(0);
  });
});

describe('cliq_list_chats', () => {
  it('lists direct and group chats with who is in them, newest first', async () => {
    const res = await h.call('cliq_list_chats', {});
    expect(res.outcome, res.text).toBe('ok');
    const rows = rowsOf(res.json, 'chats');
    expect(rows[0]).toMatchObject({ name: 'Q3 launch crew', chat_type: 'chat', with: 'Leo Brandt, Priya Natarajan, Sofia Lindqvist', participant_count: 4 });
    expect(rows.find((r) => r.name === 'Leo Brandt')).toMatchObject({ chat_type: 'dm', pinned: true, last_message: { from: 'Leo Brandt', text: 'Sent. Slides 4 to 9 are the new ones.' } });
    expect(rows.find((r) => r.name === 'Northwind Bot')).toMatchObject({ chat_type: 'dm', with: 'Northwind Bot' });
  });

  it('pages back with next_before to the end, every chat once', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await h.call('cliq_list_chats', { limit: 2, ...(before ? { before } : {}) });
      expect(res.outcome, res.text).toBe('ok');
      seen.push(...rowsOf(res.json, 'chats').map((r) => r.chat_id as string));
      before = res.json.next_before;
      if (!before) break;
    }
    const state = h.state();
    const mine = state.chats.filter((c) => (c.kind === 'dm' || c.kind === 'group' || (c.kind === 'bot' && c.owner === state.me)) && c.participants.includes(state.me));
    expect([...seen].sort()).toEqual(mine.map((c) => c.chat_id).sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps an id Cliq sends as a bare 19-digit JSON number exact, as a string', async () => {
    const base = createCliqEmulator({ rateLimit: false });
    const raw = '{"chats":[{"chat_id":2230748224630350194,"name":"Ryan West","chat_type":"dm","creator_id":631830848,"participant_count":2,"last_modified_time":"2019-10-15T03:37:28-07:00"}]}';
    const emu = await startEmulator({ apps: [{ ...base, routes: base.routes.map((r) => (r.method === 'GET' && r.path === '/api/v2/chats' ? { ...r, handle: () => ({ status: 200, raw, headers: { 'content-type': 'application/json' } }) } : r)) }] });
    const other = await startCliq({ reuse: emu });
    try {
      const res = await other.call('cliq_list_chats', {});
      expect(res.text).toContain('"2230748224630350194"');
      expect(rowsOf(res.json, 'chats')[0]).toMatchObject({ chat_id: '2230748224630350194', name: 'Ryan West' });
      const rawRes = await other.call('cliq_list_chats', { raw: true });
      expect(rawRes.json.chats[0]).toMatchObject({ chat_id: '2230748224630350194', creator_id: 631830848 });
    } finally {
      await other.close();
      await emu.close();
    }
  });
});

describe('cliq_get_messages', () => {
  it("reads a channel's last 24 hours, oldest first, with senders and ids", async () => {
    const res = await h.call('cliq_get_messages', { channel: 'marketing' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.conversation).toEqual({ chat_id: 'CT_1290011223344556603_60100002', name: '#Marketing', unique_name: 'marketing' });
    const rows = rowsOf(res.json, 'messages');
    expect(rows.map((r) => r.text)).toEqual([
      'Looks good. Can we move the launch to *next Tuesday*?',
      'Zylker Corp newsletter went out: 38% open rate so far.',
      'Booked the studio for the Acme Widgets shoot on Thursday.',
      'Draft social calendar for Redwood Health is ready for review.',
    ]);
    expect(rows[0]).toMatchObject({ from: 'Maya Ortiz', id: expect.stringMatching(/^\d{13}_\d+$/), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect(res.json.senders).toEqual({ 'Maya Ortiz': '60100001', 'Leo Brandt': '60100002', 'Hana Kimura': '60100006' });
    expect(res.json.next_page).toBeUndefined();
  });

  it('takes the display name and shows the thread a message started', async () => {
    const res = await h.call('cliq_get_messages', { channel: '#Tech', hours: 48 });
    const rows = rowsOf(res.json, 'messages');
    const incident = rows.find((r) => String(r.text).startsWith('Incident'));
    expect(incident).toMatchObject({ thread: { chat_id: 'CT_1290011223344556604_60100003-T-1256254377053900001', title: 'Checkout latency', message_count: 3 } });
    expect(rows.find((r) => r.bot === true)).toMatchObject({ from: 'Northwind Bot', text: 'Deploy v2.4.1 to production finished (4 min 12 s).' });
    expect(res.json.senders['Northwind Bot']).toBe('60109001');
  });

  it('reads a thread by its chat id', async () => {
    const res = await h.call('cliq_get_messages', { chat_id: 'CT_1290011223344556604_60100003-T-1256254377053900001' });
    expect(rowsOf(res.json, 'messages').map((r) => r.from)).toEqual(['Priya Natarajan', 'Sofia Lindqvist', 'Maya Ortiz']);
  });

  it('keeps each sender id in the rows when two senders share a name', async () => {
    const marketing = chatOf(h.state(), 'marketing');
    marketing.messages.at(-1)!.sender = { id: '60109999', name: 'Maya Ortiz' };
    const res = await h.call('cliq_get_messages', { channel: 'marketing' });
    expect(res.json.senders).toBeUndefined();
    expect(rowsOf(res.json, 'messages').map((r) => [r.from, r.sender_id])).toEqual([
      ['Maya Ortiz', '60100001'],
      ['Leo Brandt', '60100002'],
      ['Hana Kimura', '60100006'],
      ['Maya Ortiz', '60109999'],
    ]);
  });

  it('pages back by time with next_page to the end of the window, every message once', async () => {
    const general = chatOf(h.state(), 'general');
    const from = new Date(Date.now() - 72 * 3_600_000).toISOString();
    const seen: string[] = [];
    let page: { from: string; to?: string } = { from };
    let pages = 0;
    for (;;) {
      const res = await h.call('cliq_get_messages', { channel: 'general', limit: 10, ...page });
      expect(res.outcome, res.text).toBe('ok');
      seen.unshift(...rowsOf(res.json, 'messages').map((r) => r.id as string));
      pages++;
      if (!res.json.next_page) break;
      expect(res.json.next_page.from).toBe(from);
      page = res.json.next_page;
    }
    expect(pages).toBe(Math.ceil(general.messages.length / 10));
    expect(seen).toEqual(general.messages.map((m) => m.id));
    expect(requests('GET /api/v2/chats/*/messages')).toBe(pages);
  });

  it("returns Cliq's JSON with raw: true", async () => {
    const res = await h.call('cliq_get_messages', { channel: 'ops', raw: true });
    expect(res.json.data[0]).toMatchObject({ sender: { name: expect.any(String), id: expect.any(String) }, type: 'text', content: { text: expect.any(String) }, time: expect.any(Number) });
  });

  it('refuses a channel the user is not a member of, before reading it', async () => {
    const res = await h.call('cliq_get_messages', { channel: 'design' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "channel": you are not a member of #Design/);
    expect(requests('GET /api/v2/chats/*/messages')).toBe(0);
  });

  it('names what there is when no channel matches, and what to pick when several do', async () => {
    const none = await h.call('cliq_get_messages', { channel: 'marketting' });
    expect(none.text).toMatch(/no channel you can see is named "marketting"; did you mean #Marketing \(marketing\)/);
    const state = h.state();
    const twin = { ...state.channels.find((c) => c.unique_name === 'ops')!, channel_id: 'T5100000061299', unique_name: 'opsarchive', level: 'private' as const };
    state.channels.push(twin);
    state.chats.push({ ...chatOf(state, 'ops'), chat_id: 'CT_1290011223344556699_60100005', channel_id: twin.channel_id });
    twin.chat_id = 'CT_1290011223344556699_60100005';
    const two = await h.call('cliq_get_messages', { channel: '#Ops' });
    expect(two.outcome).toBe('invalid');
    expect(two.text).toMatch(/several channels are named "#Ops": #Ops \(ops\), team; #Ops \(opsarchive\), private; give the unique name instead/);
    const byUnique = await h.call('cliq_get_messages', { channel: 'opsarchive' });
    expect(byUnique.outcome, byUnique.text).toBe('ok');
    expect(requests('GET /api/v2/chats/*/messages')).toBe(1);
  });

  it('refuses bad inputs, sending nothing', async () => {
    const both = await h.call('cliq_get_messages', { channel: 'ops', chat_id: 'CT_1_2' });
    expect(both.text).toMatch(/field "chat_id": give channel or chat_id/);
    const neither = await h.call('cliq_get_messages', {});
    expect(neither.text).toMatch(/field "channel": give channel or chat_id/);
    const badTime = await h.call('cliq_get_messages', { channel: 'ops', from: 'yesterday' });
    expect(badTime.text).toMatch(/field "from": "yesterday" is not a date-time; use ISO 8601/);
    const backwards = await h.call('cliq_get_messages', { chat_id: 'CT_1_2', from: '2026-01-05T10:00:00Z', to: '2026-01-05T09:00:00Z' });
    expect(backwards.text).toMatch(/field "from": .* is after the end of the window/);
    const badId = await h.call('cliq_get_messages', { chat_id: 'not a chat id!' });
    expect(badId.text).toMatch(/field "chat_id": must be a Cliq chat id/);
    expect(requests()).toBe(0);
  });

  it("shows the model Cliq's code when it fails", async () => {
    h.emu.faults.add({ app: 'cliq', route: 'GET /api/v2/chats/*/messages', kind: 'status', status: 500 });
    const res = await h.call('cliq_get_messages', { chat_id: 'CT_1290011223344556603_60100002' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/Zoho cliq answered internal_server_error \(HTTP 500, server\)/);
    h.emu.faults.clear();
    const missing = await h.call('cliq_get_messages', { chat_id: 'CT_1_2' });
    expect(missing.text).toMatch(/chat_not_found \(HTTP 404, not_found\)/);
  });
});
