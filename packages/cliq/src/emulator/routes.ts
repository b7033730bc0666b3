/**
 * Cliq routes of the emulator, on Zoho's paths below `/api/v2` (shared/zoho-api/cliq.md, and Zoho's Cliq OpenAPI
 * files for chats, users, bots and threads). Every token acts as the signed-in user (the agency's CEO).
 *
 * Answers the digest documents: message posts 204 with no body, or 200 `{message_id}` with `sync_message: true`
 * (never for a post as a bot in a channel); a bot broadcast with `sync_message` 200 `{user_ids, message_details}`
 * whose ids carry `%20`; `GET /channels` with `has_more` + `next_token` and `limit` capped at 100; `text` at most
 * 5000 characters; errors as a flat `{code, message}`; throttling as HTTP 400 `request_limit_exceeded`, with Cliq's
 * per-endpoint thresholds and lock periods (`CLIQ_ENDPOINT_LIMITS`).
 *
 * Choices where Cliq's behaviour is unconfirmed (the codes are the emulator's own):
 * - a token without the scope: 401 `invalid_oauthscope`; an unknown path: 404 `invalid_endpoint`; a method the
 *   path does not take: 405 `method_not_allowed`; a 5xx: `internal_server_error`;
 * - a bad body field (no text, text over 5000, a card theme or thumbnail Cliq does not take, an unknown reply_to):
 *   400 `invalid_input`, naming the field;
 * - unknown channel, chat, user, bot or message: 404 `channel_not_found`, `chat_not_found`, `user_not_found`,
 *   `bot_not_found`, `message_not_found`; a DM to someone outside the organization: 404 `user_not_found`;
 * - posting to or reading a channel the user is not a member of: 403 `not_a_member`;
 * - posting as a bot that is not a participant of the channel: 403 `bot_not_participant`;
 * - `GET /chats/{id}/messages`: `fromtime`/`totime` inclusive (ms); more than `limit` (default and max 100) in the
 *   window → the latest `limit`, oldest first; each message `{sender:{name,id}, id, time, type, content:{text,card}}`,
 *   plus `bot` for bot posts, `reply_to`, and `thread_information` on a message that started a thread;
 * - `GET /chats`: the user's direct, group and bot chats, newest activity first; `modified_before`/`after` take
 *   ISO-8601 or milliseconds; no cursor (page with `modified_before`);
 * - a `next_token` the emulator did not issue: 400 `invalid_next_token`.
 */
import { thresholdLock, type ThresholdLimit, type EmulatorAppErrors, type EmulatorRequest, type EmulatorResponse, type EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import {
  addMessage,
  chatParticipants,
  findChat,
  findDm,
  findUser,
  newChatId,
  newThreadChatId,
  type CliqState,
  type EmuBot,
  type EmuChannel,
  type EmuChat,
  type EmuMessage,
  type EmuUser,
} from './state.js';

export function cliqError(status: number, code: string, message: string): EmulatorResponse {
  return { status, body: { code, message } };
}

export const cliqErrors: EmulatorAppErrors = {
  invalidToken: () => cliqError(401, 'oauthtoken_invalid', 'The OAuth token is invalid or has expired.'),
  scopeMismatch: (required) => cliqError(401, 'invalid_oauthscope', `The OAuth token lacks a scope this call needs: ${required.join(' or ')}.`),
  throttled: () => cliqError(400, 'request_limit_exceeded', 'You have exceeded the URL throttle limits.'),
  notFound: () => cliqError(404, 'invalid_endpoint', 'The requested URL is not valid.'),
  methodNotAllowed: (method, _path, allowed) => cliqError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed.join(' or ')}.`),
  serverError: (status) => cliqError(status, 'internal_server_error', 'Something went wrong on our side. Please try again later.'),
};

/** Cliq's thresholds per endpoint (calls per minute per user) and the lock after exceeding one (core's threshold lock). */
export type CliqEndpointLimit = ThresholdLimit;

export type CliqEndpointClass = 'post' | 'messages' | 'message' | 'channels' | 'members' | 'chats' | 'users' | 'user' | 'subscribers';

/** From Zoho's OpenAPI files (cliq.md §6): e.g. 50 posts a minute (10-minute lock), 15 message reads (5 minutes). */
export const CLIQ_ENDPOINT_LIMITS: Readonly<Record<CliqEndpointClass, CliqEndpointLimit>> = {
  post: { limit: 50, windowMs: 60_000, lockMs: 600_000 },
  messages: { limit: 15, windowMs: 60_000, lockMs: 300_000 },
  message: { limit: 30, windowMs: 60_000, lockMs: 300_000 },
  channels: { limit: 30, windowMs: 60_000, lockMs: 300_000 },
  members: { limit: 100, windowMs: 60_000, lockMs: 300_000 },
  chats: { limit: 30, windowMs: 60_000, lockMs: 300_000 },
  users: { limit: 30, windowMs: 60_000, lockMs: 600_000 },
  user: { limit: 20, windowMs: 60_000, lockMs: 600_000 },
  subscribers: { limit: 100, windowMs: 60_000, lockMs: 600_000 },
};

export const MAX_TEXT = 5000;
const CARD_THEMES = ['modern-inline', 'poll', 'prompt'];
type Req = EmulatorRequest<CliqState>;

// ---------- wire shapes ----------

/** Cliq's time format: ISO-8601 with an offset, no milliseconds. */
export function cliqTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The other form of a message id Cliq uses in some answers: `%20` where get-messages shows `_`. */
const encodedMessageId = (id: string) => id.replace('_', '%20');

/** Message ids arrive as `<time>_<n>`, `<time>%20<n>` or `<time> <n>`: all the same message. */
export function sameMessageId(a: string, b: string): boolean {
  const norm = (s: string) => {
    let text = s;
    try {
      text = decodeURIComponent(s);
    } catch {
      // keep it as it is
    }
    return text.replace(/[ _]/, '_');
  };
  return norm(a) === norm(b);
}

const PERMISSIONS = (role: 'admin' | 'moderator' | 'member') => {
  const all = role !== 'member';
  return {
    send_message: true,
    edit_channel_info: all,
    delete_channel: role === 'admin',
    archive_channel: role === 'admin',
    clear_all_messages: role === 'admin',
    add_participant: all,
    remove_participant: all,
    mention_users: true,
    unarchive_channel: role === 'admin',
    leave_channel: true,
    special_mentions: all,
    edit_my_msg: true,
    delete_my_msg: true,
    video_conference: true,
    sticky_message: all,
    audio_conference: true,
    post_reply: true,
    delete_others_message: all,
    prime_time: role === 'admin',
    close_thread: all,
  };
};

function userName(state: CliqState, id: string): string {
  return state.users.find((u) => u.id === id)?.name ?? state.bots.find((b) => b.id === id)?.name ?? id;
}

function chatOf(state: CliqState, channel: EmuChannel): EmuChat {
  return findChat(state, channel.chat_id)!;
}

function lastMessageInfo(message: EmuMessage | undefined): Record<string, unknown> | undefined {
  if (!message) return undefined;
  const info: Record<string, unknown> = { sender_id: message.sender.id, message_type: 'text', time: cliqTime(message.time), text: message.text, sender_name: message.sender.name };
  if (message.bot) info.bot = message.bot;
  return info;
}

function channelJson(state: CliqState, c: EmuChannel, list: boolean): Record<string, unknown> {
  const chat = chatOf(state, c);
  const me = c.members.find((m) => m.user_id === state.me);
  const last = chat.messages.at(-1);
  const json: Record<string, unknown> = {
    name: c.name,
    chat_id: c.chat_id,
    description: c.description,
    level: c.level,
    invite_only: c.level === 'private',
    status: c.status,
    channel_id: c.channel_id,
    organization_id: state.organization_id,
    creator_id: c.creator_id,
    creator_name: userName(state, c.creator_id),
    creation_time: cliqTime(c.created),
    last_modified_time: cliqTime(last?.time ?? c.created),
    current_user_role: me?.role ?? 'none',
    participant_count: c.members.length,
    admin_permission: PERMISSIONS('admin'),
    moderator_permission: PERMISSIONS('moderator'),
    member_permission: PERMISSIONS('member'),
    unique_name: c.unique_name,
    teams: {},
    joined: me !== undefined,
    pinned: c.pinned,
    total_message_count: String(chat.messages.length),
    unread_message_count: me ? c.unread : 0,
  };
  if (me && c.unread > 0) json.unread_time = cliqTime(chat.messages.at(-c.unread)?.time ?? c.created);
  if (list && last) json.last_message_info = lastMessageInfo(last);
  return json;
}

function threadInformation(state: CliqState, message: EmuMessage): Record<string, unknown> | undefined {
  if (!message.thread_chat_id) return undefined;
  const thread = findChat(state, message.thread_chat_id);
  if (!thread) return undefined;
  const followers = new Set(thread.messages.map((m) => m.sender.id));
  followers.add(thread.creator_id);
  return {
    is_follower: followers.has(state.me),
    message_count: thread.messages.length,
    follower_count: followers.size,
    thread_message_id: encodedMessageId(message.id),
    title: thread.title,
    chat_id: thread.chat_id,
  };
}

function messageJson(state: CliqState, m: EmuMessage): Record<string, unknown> {
  const content: Record<string, unknown> = { text: m.text };
  if (m.card) content.card = m.card;
  const json: Record<string, unknown> = { sender: { name: m.sender.name, id: m.sender.id }, id: m.id, time: m.time, type: 'text', content };
  if (m.bot) json.bot = m.bot;
  if (m.reply_to) json.reply_to = m.reply_to;
  const thread = threadInformation(state, m);
  if (thread) json.thread_information = thread;
  return json;
}

function chatJson(state: CliqState, chat: EmuChat): Record<string, unknown> {
  const others = chat.participants.filter((p) => p !== state.me);
  const bot = chat.bot ? state.bots.find((b) => b.unique_name === chat.bot) : undefined;
  const last = chat.messages.at(-1);
  const json: Record<string, unknown> = {
    name: bot ? bot.name : chat.kind === 'dm' ? userName(state, others[0] ?? state.me) : chat.title,
    creation_time: cliqTime(chat.created),
    creator_id: chat.creator_id,
    last_modified_time: cliqTime(last?.time ?? chat.created),
    removed: false,
    recipients_summary: bot ? [{ user_id: bot.id, name: bot.name }] : others.map((id) => ({ user_id: id, name: userName(state, id) })),
    chat_type: chat.kind === 'group' ? 'chat' : 'dm',
    chat_id: chat.chat_id,
    pinned: chat.pinned,
    participant_count: bot ? 2 : chat.participants.length,
  };
  if (last) json.last_message_info = lastMessageInfo(last);
  return json;
}

function userListJson(state: CliqState, u: EmuUser): Record<string, unknown> {
  return { email_id: u.email, zuid: u.id, zoid: state.organization_id, display_name: u.display_name, name: u.name, organization_id: state.organization_id, id: u.id };
}

function userDetailJson(state: CliqState, u: EmuUser): Record<string, unknown> {
  return {
    first_name: u.first_name,
    last_name: u.last_name,
    full_name: u.name,
    display_name: u.display_name,
    name: u.name,
    email_id: u.email,
    id: u.id,
    zoid: state.organization_id,
    organization_id: state.organization_id,
    status: 'active',
    timezone: 'America/New_York',
    language: 'English',
    country: 'United States',
    designation: { name: u.designation, id: `190131800000107${u.id.slice(-4)}` },
    department: { name: u.department, id: '1901318000001424001' },
  };
}

// ---------- helpers ----------

/** A handler's early answer (a status code), as opposed to the record it looked up. */
const isAnswer = (x: unknown): x is EmulatorResponse => typeof (x as { status?: unknown }).status === 'number';

/** Opaque cursor: the offset of the next page, base64url-encoded. */
const encodeToken = (kind: string, offset: number) => Buffer.from(`${kind}:${offset}`).toString('base64url');
function decodeToken(kind: string, token: string): number | undefined {
  const m = new RegExp(`^${kind}:(\\d+)$`).exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function limitOf(req: Req, fallback: number, max = 100): number {
  const raw = req.query.get('limit');
  const n = raw === null ? fallback : Number(raw);
  return Number.isFinite(n) && n >= 1 ? Math.min(max, Math.floor(n)) : fallback;
}

/** A time query parameter as ms: digits are milliseconds, anything else an ISO-8601 date-time. */
function timeParam(req: Req, name: string): number | undefined | 'bad' {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? 'bad' : ms;
}

const isMember = (state: CliqState, channel: EmuChannel) => channel.members.some((m) => m.user_id === state.me);

function notMember(channel: EmuChannel): EmulatorResponse {
  return cliqError(403, 'not_a_member', `You are not a member of the channel ${channel.name}.`);
}

/** Whether the signed-in user may see the conversation (its member, participant or owner). */
function canSee(state: CliqState, chat: EmuChat): boolean {
  if (chat.kind === 'bot') return chat.owner === state.me;
  return chatParticipants(state, chat).includes(state.me);
}

function channelOfChat(state: CliqState, chat: EmuChat): EmuChannel | undefined {
  return chat.channel_id ? state.channels.find((c) => c.channel_id === chat.channel_id) : undefined;
}

// ---------- message bodies ----------

interface MessageBody {
  text: string;
  card?: EmuMessage['card'];
  reply_to?: string;
  sync: boolean;
  userids?: string[];
  thread_message_id?: string;
  thread_title?: string;
  post_in_parent?: boolean;
}

function invalid(field: string, why: string): EmulatorResponse {
  return cliqError(400, 'invalid_input', `${field}: ${why}`);
}

/** Reads and checks a message body as Cliq's v2 message APIs take it. */
function readBody(req: Req): MessageBody | EmulatorResponse {
  const body = req.body;
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body) || Array.isArray(body)) return invalid('text', 'the body must be a JSON object with the message text');
  const b = body as Record<string, unknown>;
  if (typeof b.text !== 'string' || !b.text.trim()) return invalid('text', 'is required');
  if (b.text.length > MAX_TEXT) return invalid('text', `is ${b.text.length} characters long; the limit is ${MAX_TEXT}`);
  const out: MessageBody = { text: b.text, sync: b.sync_message === true || b.sync_message === 'true' };
  if (b.card !== undefined) {
    if (!b.card || typeof b.card !== 'object' || Array.isArray(b.card)) return invalid('card', 'must be an object');
    const card = b.card as Record<string, unknown>;
    if (card.theme !== undefined && !CARD_THEMES.includes(String(card.theme))) return invalid('card.theme', `must be one of ${CARD_THEMES.join(', ')}`);
    if (card.thumbnail !== undefined && !/^https:\/\/\S+$/.test(String(card.thumbnail))) return invalid('card.thumbnail', 'must be an https URL');
    const kept: NonNullable<EmuMessage['card']> = {};
    for (const key of ['title', 'theme', 'thumbnail', 'icon'] as const) if (typeof card[key] === 'string') kept[key] = card[key] as string;
    out.card = kept;
  }
  if (b.reply_to !== undefined) out.reply_to = String(b.reply_to);
  if (typeof b.userids === 'string' && b.userids.trim()) out.userids = b.userids.split(',').map((s) => s.trim()).filter(Boolean);
  if (b.thread_message_id !== undefined) out.thread_message_id = String(b.thread_message_id);
  if (typeof b.thread_title === 'string' && b.thread_title.trim()) out.thread_title = b.thread_title.trim();
  if (b.post_in_parent === true) out.post_in_parent = true;
  return out;
}

function me(state: CliqState): { id: string; name: string } {
  return { id: state.me, name: userName(state, state.me) };
}

/** Appends a message to a conversation (checking reply_to), as the user or as a bot. */
function post(state: CliqState, chat: EmuChat, body: MessageBody, now: number, asBot?: EmuBot): EmuMessage | EmulatorResponse {
  if (body.reply_to && !chat.messages.some((m) => sameMessageId(m.id, body.reply_to!))) return invalid('reply_to', `no message ${body.reply_to} in this conversation`);
  const message: Omit<EmuMessage, 'id'> = { time: now, sender: asBot ? { id: asBot.id, name: asBot.name } : me(state), text: body.text };
  if (asBot) message.bot = { name: asBot.name, image_url: asBot.image_url };
  if (body.card) message.card = body.card;
  if (body.reply_to) message.reply_to = chat.messages.find((m) => sameMessageId(m.id, body.reply_to!))!.id;
  const stored = addMessage(state, chat, message);
  const channel = channelOfChat(state, chat);
  if (channel && !asBot) channel.unread = 0;
  return stored;
}

function withoutReply(body: MessageBody): MessageBody {
  const { reply_to: _ignored, ...rest } = body;
  return rest;
}

const posted = (message: EmuMessage, sync: boolean): EmulatorResponse => (sync ? { status: 200, body: { message_id: message.id } } : { status: 204 });

function botFor(state: CliqState, name: string | null): EmuBot | undefined | 'missing' {
  if (name === null || name === '') return undefined;
  return state.bots.find((b) => b.unique_name === name) ?? 'missing';
}

const botNotFound = (name: string) => cliqError(404, 'bot_not_found', `There is no bot with the unique name ${name}.`);

/** A post to a channel's conversation, as the user or (with `bot_unique_name`) as a participant bot. */
function postToChannel(req: Req, channel: EmuChannel, body: MessageBody): EmulatorResponse {
  const state = req.state;
  const bot = botFor(state, req.query.get('bot_unique_name'));
  if (bot === 'missing') return botNotFound(req.query.get('bot_unique_name')!);
  if (bot && !channel.bots.includes(bot.unique_name)) return cliqError(403, 'bot_not_participant', `The bot ${bot.unique_name} is not a participant of the channel ${channel.name}.`);
  if (!bot && !isMember(state, channel)) return notMember(channel);
  if (channel.status === 'archived') return cliqError(400, 'channel_archived', `The channel ${channel.name} is archived.`);
  const result = post(state, chatOf(state, channel), body, req.now, bot);
  if (isAnswer(result)) return result;
  // Zoho: "the message_id will not be returned if the message is posted as a bot".
  return posted(result, body.sync && !bot);
}

// ---------- handlers ----------

function listChannels(req: Req): EmulatorResponse {
  const state = req.state;
  const q = req.query;
  const name = q.get('name')?.toLowerCase().replace(/^#/, '').trim();
  const level = q.get('level');
  const status = q.get('status');
  const joined = q.get('joined');
  const pinned = q.get('pinned');
  const limit = limitOf(req, 100);
  const token = q.get('next_token');
  const offset = token ? decodeToken('channels', token) : 0;
  if (offset === undefined) return cliqError(400, 'invalid_next_token', 'The next_token is not valid; start again without it.');
  const visible = state.channels.filter((c) => c.level !== 'private' || isMember(state, c));
  const matching = visible.filter(
    (c) =>
      (!name || c.name.toLowerCase().replace(/^#/, '').includes(name)) &&
      (!level || c.level === level) &&
      (!status || c.status === status) &&
      (joined === null || String(isMember(state, c)) === joined) &&
      (pinned !== 'true' || c.pinned),
  );
  const page = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length;
  return {
    status: 200,
    body: { channels: page.map((c) => channelJson(state, c, true)), has_more: more, ...(more ? { next_token: encodeToken('channels', offset + limit) } : {}), sync_token: encodeToken('sync', matching.length) },
  };
}

function channelById(req: Req): EmuChannel | EmulatorResponse {
  const channel = req.state.channels.find((c) => c.channel_id === req.params.channel_id);
  if (!channel || (channel.level === 'private' && !isMember(req.state, channel))) return cliqError(404, 'channel_not_found', `There is no channel with the id ${req.params.channel_id}.`);
  return channel;
}

function getChannel(req: Req): EmulatorResponse {
  const channel = channelById(req);
  if (isAnswer(channel)) return channel;
  return { status: 200, body: channelJson(req.state, channel, false) };
}

function channelMembers(req: Req): EmulatorResponse {
  const channel = channelById(req);
  if (isAnswer(channel)) return channel;
  const members = channel.members.map((m) => {
    const user = req.state.users.find((u) => u.id === m.user_id)!;
    return { user_id: user.id, email_id: user.email, name: user.name, user_role: m.role };
  });
  return { status: 200, body: { members } };
}

function postByUniqueName(req: Req): EmulatorResponse {
  const channel = req.state.channels.find((c) => c.unique_name === req.params.unique_name);
  if (!channel || (channel.level === 'private' && !isMember(req.state, channel))) return cliqError(404, 'channel_not_found', `There is no channel with the unique name ${req.params.unique_name}.`);
  const body = readBody(req);
  if (isAnswer(body)) return body;
  return postToChannel(req, channel, body);
}

/** `POST /channels/{id}/message`: a plain post, or (with `thread_message_id`) a message that starts a thread. */
function postByChannelId(req: Req): EmulatorResponse {
  const state = req.state;
  const channel = channelById(req);
  if (isAnswer(channel)) return channel;
  const body = readBody(req);
  if (isAnswer(body)) return body;
  if (!body.thread_message_id) return postToChannel(req, channel, body);
  const bot = botFor(state, req.query.get('bot_unique_name'));
  if (bot === 'missing') return botNotFound(req.query.get('bot_unique_name')!);
  if (bot && !channel.bots.includes(bot.unique_name)) return cliqError(403, 'bot_not_participant', `The bot ${bot.unique_name} is not a participant of the channel ${channel.name}.`);
  if (!bot && !isMember(state, channel)) return notMember(channel);
  const parentChat = chatOf(state, channel);
  const parent = parentChat.messages.find((m) => sameMessageId(m.id, body.thread_message_id!));
  if (!parent) return cliqError(404, 'message_not_found', `There is no message ${body.thread_message_id} in ${channel.name}.`);
  let thread = parent.thread_chat_id ? findChat(state, parent.thread_chat_id) : undefined;
  if (!thread) {
    thread = {
      chat_id: newThreadChatId(state, parentChat.chat_id),
      kind: 'thread',
      title: body.thread_title ?? parent.text.slice(0, 60),
      participants: [],
      creator_id: state.me,
      created: req.now,
      pinned: false,
      messages: [],
      channel_id: channel.channel_id,
      parent_chat_id: parentChat.chat_id,
      thread_message_id: parent.id,
    };
    state.chats.push(thread);
    parent.thread_chat_id = thread.chat_id;
  }
  const result = post(state, thread, withoutReply(body), req.now, bot);
  if (isAnswer(result)) return result;
  if (body.post_in_parent) post(state, parentChat, withoutReply(body), req.now, bot);
  return posted(result, body.sync);
}

function postToChat(req: Req): EmulatorResponse {
  const state = req.state;
  const chat = findChat(state, req.params.chat_id!);
  if (!chat || !(canSee(state, chat) || (chat.kind === 'thread' && req.query.get('bot_unique_name')))) return cliqError(404, 'chat_not_found', `There is no chat with the id ${req.params.chat_id}.`);
  const body = readBody(req);
  if (isAnswer(body)) return body;
  const channel = channelOfChat(state, chat);
  if (channel && chat.kind === 'channel') return postToChannel(req, channel, body);
  let bot: EmuBot | undefined;
  if (chat.kind === 'thread' && channel) {
    const found = botFor(state, req.query.get('bot_unique_name'));
    if (found === 'missing') return botNotFound(req.query.get('bot_unique_name')!);
    if (found && !channel.bots.includes(found.unique_name)) return cliqError(403, 'bot_not_participant', `The bot ${found.unique_name} is not a participant of the channel ${channel.name}.`);
    bot = found;
    if (!bot && !isMember(state, channel)) return notMember(channel);
  }
  const result = post(state, chat, body, req.now, bot);
  if (isAnswer(result)) return result;
  if (chat.kind === 'thread' && body.post_in_parent) post(state, findChat(state, chat.parent_chat_id!)!, withoutReply(body), req.now, bot);
  return posted(result, body.sync);
}

function postToBuddy(req: Req): EmulatorResponse {
  const state = req.state;
  const key = decodeURIComponent(req.params.user!);
  const user = findUser(state, key);
  if (!user || user.external) return cliqError(404, 'user_not_found', `There is no user ${key} in your organization or contacts.`);
  if (user.id === state.me) return invalid('user', 'you cannot message yourself');
  const body = readBody(req);
  if (isAnswer(body)) return body;
  let chat = findDm(state, user.id);
  if (!chat) {
    chat = { chat_id: newChatId(state, state.me), kind: 'dm', title: user.name, participants: [state.me, user.id], creator_id: state.me, created: req.now, pinned: false, messages: [] };
    state.chats.push(chat);
  }
  const result = post(state, chat, body, req.now);
  if (isAnswer(result)) return result;
  return posted(result, body.sync);
}

/** `POST /bots/{bot}/message`: to every subscriber (or those in `userids`), each in their own chat with the bot. */
function postToBot(req: Req): EmulatorResponse {
  const state = req.state;
  const bot = state.bots.find((b) => b.unique_name === req.params.bot);
  if (!bot) return botNotFound(req.params.bot!);
  const body = readBody(req);
  if (isAnswer(body)) return body;
  const targets = body.userids ?? bot.subscribers;
  const strangers = targets.filter((id) => !bot.subscribers.includes(id));
  if (strangers.length) return invalid('userids', `not subscribers of ${bot.unique_name}: ${strangers.join(', ')}`);
  if (targets.length === 0) return invalid('userids', `${bot.unique_name} has no subscribers`);
  const details: Record<string, { chat_id: string; message_id: string }> = {};
  for (const userId of targets) {
    let chat = state.chats.find((c) => c.kind === 'bot' && c.bot === bot.unique_name && c.owner === userId);
    if (!chat) {
      chat = {
        chat_id: `CT_13001122334455${String(state.nextChat++).padStart(5, '0')}_${bot.creator_id}-B2`,
        kind: 'bot',
        title: bot.name,
        participants: [userId],
        creator_id: userId,
        created: req.now,
        pinned: false,
        messages: [],
        bot: bot.unique_name,
        owner: userId,
      };
      state.chats.push(chat);
    }
    const message = post(state, chat, withoutReply(body), req.now, bot);
    if (isAnswer(message)) return message;
    details[userId] = { chat_id: chat.chat_id, message_id: encodedMessageId(message.id) };
  }
  return body.sync ? { status: 200, body: { user_ids: targets, message_details: details } } : { status: 204 };
}

function visibleChat(req: Req): EmuChat | EmulatorResponse {
  const state = req.state;
  const chat = findChat(state, req.params.chat_id!);
  if (!chat) return cliqError(404, 'chat_not_found', `There is no chat with the id ${req.params.chat_id}.`);
  const channel = channelOfChat(state, chat);
  if (channel && !isMember(state, channel)) return channel.level === 'private' ? cliqError(404, 'chat_not_found', `There is no chat with the id ${req.params.chat_id}.`) : notMember(channel);
  if (!channel && !canSee(state, chat)) return cliqError(404, 'chat_not_found', `There is no chat with the id ${req.params.chat_id}.`);
  return chat;
}

function getMessages(req: Req): EmulatorResponse {
  const chat = visibleChat(req);
  if (isAnswer(chat)) return chat;
  const from = timeParam(req, 'fromtime');
  const to = timeParam(req, 'totime');
  if (from === 'bad') return invalid('fromtime', 'must be a time in milliseconds');
  if (to === 'bad') return invalid('totime', 'must be a time in milliseconds');
  const limit = limitOf(req, 100);
  const inWindow = chat.messages.filter((m) => (from === undefined || m.time >= from) && (to === undefined || m.time <= to));
  const page = inWindow.slice(Math.max(0, inWindow.length - limit));
  return { status: 200, body: { data: page.map((m) => messageJson(req.state, m)) } };
}

function getMessage(req: Req): EmulatorResponse {
  const chat = visibleChat(req);
  if (isAnswer(chat)) return chat;
  const message = chat.messages.find((m) => sameMessageId(m.id, req.params.message_id!));
  if (!message) return cliqError(404, 'message_not_found', `There is no message ${req.params.message_id} in this chat.`);
  return { status: 200, body: messageJson(req.state, message) };
}

/** `GET /threads/{thread_chat_id}/messages/main`: the message a thread hangs from, with the thread's details. */
function threadMainMessage(req: Req): EmulatorResponse {
  const state = req.state;
  const thread = findChat(state, req.params.chat_id!);
  if (!thread || thread.kind !== 'thread') return cliqError(404, 'chat_not_found', `There is no thread with the chat id ${req.params.chat_id}.`);
  const channel = channelOfChat(state, thread);
  if (channel && !isMember(state, channel)) return notMember(channel);
  const parent = findChat(state, thread.parent_chat_id!)!.messages.find((m) => m.id === thread.thread_message_id)!;
  return {
    status: 200,
    body: { ...messageJson(state, parent), parent_resource_id: channel?.name ?? '', thread_state_info: { thread_state: 'open' }, is_read: true, revision: 1 },
  };
}

function listChats(req: Req): EmulatorResponse {
  const state = req.state;
  const before = timeParam(req, 'modified_before');
  const after = timeParam(req, 'modified_after');
  if (before === 'bad') return invalid('modified_before', 'must be a date-time');
  if (after === 'bad') return invalid('modified_after', 'must be a date-time');
  const limit = limitOf(req, 100);
  const lastTime = (c: EmuChat) => c.messages.at(-1)?.time ?? c.created;
  // Cliq's times have whole seconds, so "before" compares at that precision.
  const second = (ms: number) => Math.floor(ms / 1000);
  const chats = state.chats
    .filter((c) => (c.kind === 'dm' || c.kind === 'group' || c.kind === 'bot') && canSee(state, c))
    .filter((c) => (before === undefined || second(lastTime(c)) < second(before)) && (after === undefined || second(lastTime(c)) > second(after)))
    .sort((a, b) => lastTime(b) - lastTime(a))
    .slice(0, limit);
  return { status: 200, body: { chats: chats.map((c) => chatJson(state, c)) } };
}

function chatMembers(req: Req): EmulatorResponse {
  const chat = visibleChat(req);
  if (isAnswer(chat)) return chat;
  const state = req.state;
  const ids = chat.kind === 'bot' ? [chat.owner!] : chatParticipants(state, chat);
  const members = ids.map((id) => {
    const user = state.users.find((u) => u.id === id);
    return { user_id: id, email_id: user?.email ?? '', name: userName(state, id) };
  });
  if (chat.kind === 'bot') {
    const bot = state.bots.find((b) => b.unique_name === chat.bot)!;
    members.push({ user_id: bot.id, email_id: '', name: bot.name });
  }
  return { status: 200, body: { members } };
}

function listUsers(req: Req): EmulatorResponse {
  const state = req.state;
  const search = req.query.get('search')?.trim().toLowerCase();
  const limit = limitOf(req, 100);
  const token = req.query.get('next_token');
  const offset = token ? decodeToken('users', token) : 0;
  if (offset === undefined) return cliqError(400, 'invalid_next_token', 'The next_token is not valid; start again without it.');
  const users = state.users.filter((u) => !u.external && (!search || [u.name, u.email, u.display_name].some((v) => v.toLowerCase().includes(search))));
  const page = users.slice(offset, offset + limit);
  const more = offset + limit < users.length;
  return { status: 200, body: { data: page.map((u) => userListJson(state, u)), has_more: more, ...(more ? { next_token: encodeToken('users', offset + limit) } : {}) } };
}

function getUser(req: Req): EmulatorResponse {
  const user = req.state.users.find((u) => u.id === req.params.user_id && !u.external);
  if (!user) return cliqError(404, 'user_not_found', `There is no user with the id ${req.params.user_id}.`);
  return { status: 200, body: { data: userDetailJson(req.state, user) } };
}

function botSubscribers(req: Req): EmulatorResponse {
  const state = req.state;
  const bot = state.bots.find((b) => b.unique_name === req.params.bot);
  if (!bot) return botNotFound(req.params.bot!);
  const limit = limitOf(req, 100);
  const token = req.query.get('next_token');
  const offset = token ? decodeToken('subscribers', token) : 0;
  if (offset === undefined) return cliqError(400, 'invalid_next_token', 'The next_token is not valid; start again without it.');
  const page = bot.subscribers.slice(offset, offset + limit);
  const more = offset + limit < bot.subscribers.length;
  const data = page.map((id) => {
    const user = state.users.find((u) => u.id === id)!;
    return { email_id: user.email, user_id: user.id, name: user.name };
  });
  return {
    status: 200,
    body: { url: `/api/v2/bots/${bot.unique_name}/subscribers`, type: 'bot_subscriber', sync_token: encodeToken('sync', bot.subscribers.length), data, ...(more ? { next_token: encodeToken('subscribers', offset + limit) } : {}) },
  };
}

// ---------- the route table ----------

/**
 * Cliq's per-endpoint thresholds: a request over the threshold locks the endpoint class for the lock period, and
 * every request in it answers 400 `request_limit_exceeded` (Cliq sends no Retry-After). Off with `--no-limits`.
 */
function limited(cls: CliqEndpointClass, limits: Partial<Record<CliqEndpointClass, CliqEndpointLimit>> | false, handle: (req: Req) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => {
    const limit = limits === false ? undefined : limits[cls];
    if (limit && req.quotas) {
      const refused = thresholdLock(req.state.limits, `${req.token?.grantId ?? 'anonymous'}:${cls}`, req.now, limit);
      if (refused) return cliqErrors.throttled(Math.ceil(refused.retryAfterMs / 1000));
    }
    return handle(req);
  };
}

const READ_CHANNELS = ['ZohoCliq.Channels.READ'];
const READ_MESSAGES = ['ZohoCliq.Messages.READ'];
const READ_CHATS = ['ZohoCliq.Chats.READ'];
const READ_USERS = ['ZohoCliq.Users.READ'];
const POST = ['ZohoCliq.Webhooks.CREATE'];

/** The route table, with Cliq's endpoint limits (or the given ones, or none). */
export function cliqRoutes(limits: Partial<Record<CliqEndpointClass, CliqEndpointLimit>> | false = CLIQ_ENDPOINT_LIMITS): EmulatorRoute<CliqState>[] {
  const r = (method: EmulatorRoute['method'], path: string, scopes: string[], cls: CliqEndpointClass, handle: (req: Req) => EmulatorResponse): EmulatorRoute<CliqState> => ({
    method,
    path,
    scopes,
    handle: limited(cls, limits, handle),
  });
  return [
    r('GET', '/api/v2/channels', READ_CHANNELS, 'channels', listChannels),
    r('GET', '/api/v2/channels/:channel_id', READ_CHANNELS, 'channels', getChannel),
    r('GET', '/api/v2/channels/:channel_id/members', READ_CHANNELS, 'members', channelMembers),
    r('POST', '/api/v2/channels/:channel_id/message', POST, 'post', postByChannelId),
    r('POST', '/api/v2/channelsbyname/:unique_name/message', POST, 'post', postByUniqueName),
    r('GET', '/api/v2/chats', READ_CHATS, 'chats', listChats),
    r('GET', '/api/v2/chats/:chat_id/members', READ_CHATS, 'chats', chatMembers),
    r('GET', '/api/v2/chats/:chat_id/messages', READ_MESSAGES, 'messages', getMessages),
    r('GET', '/api/v2/chats/:chat_id/messages/:message_id', READ_MESSAGES, 'message', getMessage),
    r('POST', '/api/v2/chats/:chat_id/message', POST, 'post', postToChat),
    r('GET', '/api/v2/threads/:chat_id/messages/main', READ_MESSAGES, 'message', threadMainMessage),
    r('POST', '/api/v2/buddies/:user/message', POST, 'post', postToBuddy),
    r('POST', '/api/v2/bots/:bot/message', POST, 'post', postToBot),
    r('GET', '/api/v2/bots/:bot/subscribers', ['ZohoCliq.Bots.READ'], 'subscribers', botSubscribers),
    r('GET', '/api/v2/users', READ_USERS, 'users', listUsers),
    r('GET', '/api/v2/users/:user_id', READ_USERS, 'user', getUser),
  ];
}
