/** Input schemas, name resolution, reconciliation and result shaping shared by the Cliq tools. */
import { compact, quoteInput, toTable, ToolInputError, ZohoApiError, type RecordTable, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqCard, CliqChannel, CliqChat, CliqClient, CliqLastMessage, CliqMessage, CliqUser } from '../client.js';

/** Cliq v2 takes at most 5000 characters of message text (Zoho's OpenAPI files; v3 says 10000). */
export const MAX_MESSAGE_LENGTH = 5000;

// ---------- inputs ----------

/** Message text: Cliq markdown, 1–5000 characters, sent exactly as given. Describe at the use site. */
export const messageTextSchema = () =>
  z
    .string()
    .max(MAX_MESSAGE_LENGTH, `Cliq takes at most ${MAX_MESSAGE_LENGTH} characters in a message; shorten it or send it in parts`)
    .refine((v) => v.trim().length > 0, 'must not be empty');

/** A channel by unique name (`marketing`) or display name (`#Marketing`); resolved through the API. */
export const channelSchema = () =>
  z
    .string()
    .trim()
    .max(100)
    .refine((v) => v.replace(/^#/, '').trim().length > 0, 'must name a channel');

const CHAT_ID = /^[A-Za-z0-9_-]{3,200}$/;
/** A chat id as Cliq shows it: `CT_1203…_60100001`, digits, or a thread's `…-T-…`. */
export const chatIdSchema = () =>
  z
    .string()
    .trim()
    .max(200)
    .refine((v) => CHAT_ID.test(v), 'must be a Cliq chat id (e.g. CT_1203004812000146001_60100001), from cliq_list_chats or cliq_list_channels');

const MESSAGE_ID = /^\d{10,16}(_|%20| )\d{1,20}$/;
/** A message id as Cliq shows it: `1712061144120_84327734455` (also with `%20` for the `_`). */
export const messageIdSchema = () =>
  z
    .string()
    .trim()
    .max(60)
    .refine((v) => MESSAGE_ID.test(v), 'must be a Cliq message id such as 1712061144120_84327734455 (from cliq_get_messages)');

export const cardSchema = () =>
  z
    .strictObject({
      title: z.string().trim().max(200).optional().describe('Title.'),
      theme: z.enum(['modern-inline', 'prompt']).optional().describe('Look.'),
      thumbnail: z
        .string()
        .trim()
        .max(2000)
        .refine((v) => /^https:\/\/\S+$/.test(v), 'must be an https URL')
        .optional()
        .describe('https image URL.'),
    })
    .optional()
    .describe('Show the text as a card.');

/** The card as Cliq's body takes it (empty values left out). */
export function cardBody(card: { title?: string | undefined; theme?: string | undefined; thumbnail?: string | undefined } | undefined): CliqCard | undefined {
  if (!card) return undefined;
  const out: CliqCard = {};
  if (card.title) out.title = card.title;
  if (card.theme) out.theme = card.theme as CliqCard['theme'];
  if (card.thumbnail) out.thumbnail = card.thumbnail;
  return Object.keys(out).length ? out : undefined;
}

/** A date-time input (ISO 8601, or yyyy-mm-dd for midnight UTC) as milliseconds. */
export function timeInput(value: string, field: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new ToolInputError(field, `${quoteInput(value)} is not a date-time; use ISO 8601 such as 2026-01-05T09:00:00Z`);
  return ms;
}

export const timeSchema = () => z.string().trim().max(40);

// ---------- resolution (before anything is confirmed) ----------

const bare = (name: string) => name.replace(/^#/, '').trim().toLowerCase();
const label = (c: CliqChannel) => `${c.name} (${c.unique_name ?? c.channel_id})`;

/**
 * Finds the channel a person means: its unique name, or its display name with or without `#` (with `#` only the
 * display name), case-insensitively.
 * Never guesses: no match is an error naming what there is, several are an error listing them.
 */
export async function resolveChannel(client: CliqClient, ref: string, field: string, signal: AbortSignal | undefined): Promise<CliqChannel> {
  const want = bare(ref);
  // "#Ops" is a display name; "ops" is a unique name first (they are unique), else a display name.
  const displayOnly = ref.trim().startsWith('#');
  const exact = (channels: CliqChannel[]) => {
    const byUnique = displayOnly ? [] : channels.filter((c) => (c.unique_name ?? '').toLowerCase() === want);
    if (byUnique.length) return byUnique;
    return channels.filter((c) => bare(c.name) === want);
  };
  // Cliq's `name` filter matches display names; a unique name that is not part of one needs the full list.
  const named = (await client.listChannels({ name: want, limit: 100 }, { signal })).channels;
  let found = exact(named);
  let seen = named;
  if (found.length === 0) {
    seen = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await client.listChannels({ limit: 100, next_token: token }, { signal });
      seen.push(...res.channels);
      token = res.has_more ? res.next_token : undefined;
      if (!token) break;
    }
    found = exact(seen);
  }
  const unique = [...new Map(found.map((c) => [c.channel_id, c])).values()];
  if (unique.length === 1) return unique[0]!;
  if (unique.length > 1) {
    throw new ToolInputError(field, `several channels are named ${quoteInput(ref)}: ${unique.map((c) => `${label(c)}, ${c.level ?? 'channel'}`).join('; ')}; give the unique name instead`);
  }
  const close = (named.length ? named : seen.filter((c) => bare(c.name).includes(want.slice(0, 4)) || (c.unique_name ?? '').includes(want.slice(0, 4)))).slice(0, 8);
  const hint = close.length ? `; did you mean ${close.map(label).join(', ')}?` : '; list them with cliq_list_channels';
  throw new ToolInputError(field, `no channel you can see is named ${quoteInput(ref)}${hint}`);
}

/** The channel as the confirmation names it: `#Marketing (marketing, 4 members)`. */
export function channelLabel(c: CliqChannel): string {
  const members = typeof c.participant_count === 'number' ? `, ${c.participant_count} members` : '';
  return `${c.name} (${c.unique_name ?? c.channel_id}${members})`;
}

/** A channel the signed-in user may post in: a member of it. */
export function requireJoined(c: CliqChannel, field: string): void {
  if (c.joined === false) throw new ToolInputError(field, `you are not a member of ${channelLabel(c)}; join it in Cliq first (or ask a member to add you)`);
}

/** An organization member by email (searched, exact match only) or by user id. */
export async function resolveUser(client: CliqClient, by: { email?: string | undefined; user_id?: string | undefined }, signal: AbortSignal | undefined): Promise<CliqUser> {
  if (by.user_id) {
    try {
      return await client.getUser(by.user_id, { signal });
    } catch (err) {
      if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('user_id', `no Cliq user in your organization has the id ${by.user_id}`);
      throw err;
    }
  }
  const email = by.email!.toLowerCase();
  const { data } = await client.listUsers({ search: email, limit: 100 }, { signal });
  const match = data.find((u) => (u.email_id ?? '').toLowerCase() === email);
  if (match) return match;
  const local = email.split('@')[0]!.split(/[._-]/)[0]!;
  const similar = local.length >= 2 ? (await client.listUsers({ search: local, limit: 10 }, { signal })).data : [];
  const hint = similar.length ? `; did you mean ${similar.map((u) => `${u.name} <${u.email_id}>`).join(', ')}?` : '';
  throw new ToolInputError('email', `no Cliq user in your organization has the email ${quoteInput(by.email)} (direct messages reach organization members and contacts only)${hint}`);
}

// ---------- reconciliation ----------

/**
 * How far Cliq's clock may lag ours: a message stamped this long before the send still counts as possibly
 * ours (a guess; Cliq documents none).
 */
export const CLOCK_SKEW_MS = 60_000;

export function messageText(m: CliqMessage): string {
  if (typeof m.content === 'string') return m.content;
  return typeof m.content?.text === 'string' ? m.content.text : '';
}

/** What a found message is reported as: its id, chat and time. */
export interface PostedMessage {
  message_id: string;
  chat_id: string;
  time?: string;
}

/** Slack for Cliq's clock being a little behind ours when a message is stamped. */
export const STAMP_SLACK_MS = 2_000;

/**
 * After a lost answer: the conversation's messages since the send (less the clock skew) with exactly the text
 * that was sent, by the sender `isOurs` accepts. One stamped at the send or after (within `STAMP_SLACK_MS`) →
 * applied with its id; none at all → not applied; several, or only ones from before the send → unknown (an
 * identical message was posted just before). Never sends anything.
 */
export async function findPosted(
  client: CliqClient,
  chatId: string,
  text: string,
  sentAt: number,
  isOurs: (m: CliqMessage) => boolean,
  signal: AbortSignal,
): Promise<ReconcileVerdict<PostedMessage>> {
  const { data } = await client.getMessages(chatId, { fromtime: sentAt - CLOCK_SKEW_MS, limit: 100 }, { signal });
  const same = data.filter((m) => messageText(m) === text && isOurs(m) && m.time >= sentAt - CLOCK_SKEW_MS);
  if (same.length === 0) return { status: 'not_applied' };
  const atSend = same.filter((m) => m.time >= sentAt - STAMP_SLACK_MS);
  if (atSend.length === 1) {
    const found = atSend[0]!;
    return { status: 'applied', id: String(found.id), result: { message_id: String(found.id), chat_id: chatId, time: isoTime(found.time) }, detail: `found message ${String(found.id)}` };
  }
  if (atSend.length > 1) return { status: 'unknown', detail: `${atSend.length} messages with this text were posted at the send (${atSend.map((m) => m.id).join(', ')})` };
  return { status: 'unknown', detail: `the same text was posted ${Math.round((sentAt - same.at(-1)!.time) / 1000)} s before the send (${String(same.at(-1)!.id)}), and nothing since` };
}

/** A post by the user themself: not a bot's, and from `userId` when the plugin knows it. */
export function byUser(userId: string | undefined, notFrom?: string): (m: CliqMessage) => boolean {
  return (m) => !m.bot && (userId === undefined || m.sender?.id === userId) && (notFrom === undefined || m.sender?.id !== notFrom);
}

/**
 * An epoch time as ISO-8601 UTC (`2026-01-05T09:00:00.120Z`); `toSecond` drops the milliseconds, as messages are
 * read (`2026-01-05T09:00:00Z`: the message id keeps them).
 */
export function isoTime(ms: number | undefined, toSecond = false): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const text = new Date(ms).toISOString();
  return toSecond ? text.replace(/\.\d{3}Z$/, 'Z') : text;
}

/** The text as a person reads it in a confirmation: quoted, shortened to its start. */
export function preview(text: string, max = 160): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

// ---------- results ----------

function lastMessage(info: CliqLastMessage | undefined): Record<string, unknown> | undefined {
  if (!info) return undefined;
  return { from: info.sender_name ?? info.bot?.name, time: info.time, text: info.text };
}

/**
 * A channel for the model: ids to post and read with, who is in it, what it is for and its last message.
 * Left out (the shaping's noise list): organization_id (the same for every channel), the creator's id, the
 * admin/moderator/member permission sets, `teams` when empty, `status` when `created`, `invite_only`/`pinned`
 * when false, creation and modification stamps (the last message's time says when it was active), and the
 * last message's sender id and type.
 */
export function shapeChannel(c: CliqChannel): Record<string, unknown> {
  const row: Record<string, unknown> = {
    name: c.name,
    unique_name: c.unique_name,
    channel_id: c.channel_id,
    chat_id: c.chat_id,
    level: c.level,
    joined: c.joined,
    participant_count: c.participant_count,
    description: c.description,
    total_message_count: c.total_message_count === undefined ? undefined : Number(c.total_message_count),
    unread_message_count: c.unread_message_count || undefined,
    current_user_role: c.joined ? c.current_user_role : undefined,
    creator_name: c.creator_name,
    status: c.status && c.status !== 'created' ? c.status : undefined,
    invite_only: c.invite_only === true ? true : undefined,
    pinned: c.pinned === true ? true : undefined,
    teams: c.teams && typeof c.teams === 'object' && Object.keys(c.teams).length ? c.teams : undefined,
    last_message: lastMessage(c.last_message_info),
  };
  return (compact(row) ?? {}) as Record<string, unknown>;
}

export const CHANNEL_COLUMNS = ['name', 'unique_name', 'channel_id', 'chat_id', 'level', 'joined', 'participant_count', 'description'];

/** A chat for the model: its id, kind, who is in it and its last message (no removed flag or creator id). */
export function shapeChat(c: CliqChat): Record<string, unknown> {
  const row: Record<string, unknown> = {
    chat_id: c.chat_id,
    name: c.name,
    chat_type: c.chat_type,
    with: (c.recipients_summary ?? []).map((r) => r.name ?? r.user_id).join(', ') || undefined,
    participant_count: c.participant_count,
    pinned: c.pinned === true ? true : undefined,
    removed: c.removed === true ? true : undefined,
    last_message: lastMessage(c.last_message_info),
    // Said once: it is the last message's time unless the chat changed otherwise since.
    last_modified_time: c.last_modified_time !== c.last_message_info?.time ? c.last_modified_time : undefined,
  };
  return (compact(row) ?? {}) as Record<string, unknown>;
}

export const CHAT_COLUMNS = ['chat_id', 'name', 'chat_type', 'with', 'participant_count'];

/**
 * A message for the model: when, who, what, its id (to reply to) and its thread, if it started one. The sender is
 * its name (`from`); the ids of the senders are said once, beside the table. Left out: `type` when `text`.
 */
export function shapeMessage(m: CliqMessage, withSenderId = false): Record<string, unknown> {
  const content = typeof m.content === 'object' && m.content ? m.content : undefined;
  const extra = content ? Object.fromEntries(Object.entries(content).filter(([k]) => k !== 'text' && k !== 'card')) : {};
  const thread = m.thread_information;
  const row: Record<string, unknown> = {
    time: isoTime(m.time, true),
    from: m.sender?.name ?? m.sender?.id,
    ...(withSenderId ? { sender_id: m.sender?.id } : {}),
    text: messageText(m),
    id: m.id,
    type: m.type && m.type !== 'text' ? m.type : undefined,
    bot: m.bot ? true : undefined,
    card: content?.card,
    reply_to: m.reply_to,
    thread: thread ? { chat_id: thread.chat_id, title: thread.title, message_count: thread.message_count } : undefined,
    ...extra,
  };
  return (compact(row) ?? {}) as Record<string, unknown>;
}

export const MESSAGE_COLUMNS = ['time', 'from', 'text', 'id'];

/**
 * Messages as one table plus `senders` (name → user id) said once; when two senders share a name, each row keeps
 * its `sender_id` instead.
 */
export function messagesTable(messages: readonly CliqMessage[]): { senders: Record<string, string>; messages: RecordTable } {
  const byName = new Map<string, Set<string>>();
  for (const m of messages) {
    const name = m.sender?.name ?? m.sender?.id ?? '';
    const ids = byName.get(name) ?? new Set<string>();
    if (m.sender?.id !== undefined) ids.add(String(m.sender.id));
    byName.set(name, ids);
  }
  const clash = [...byName.values()].some((ids) => ids.size > 1);
  const senders = clash ? {} : Object.fromEntries([...byName].filter(([, ids]) => ids.size === 1).map(([name, ids]) => [name, [...ids][0]!]));
  return { senders, messages: toTable(messages.map((m) => shapeMessage(m, clash)), { columns: MESSAGE_COLUMNS }) };
}

/** What a send tool answers: the message id and where it went. */
export interface SentMessage {
  message_id?: string;
  chat_id?: string;
  to: Record<string, unknown>;
  note?: string;
}

export function shapeSent(sent: SentMessage | PostedMessage, to?: Record<string, unknown>): Record<string, unknown> {
  return (compact({ status: 'sent', ...sent, ...(to ? { to } : {}) }) ?? {}) as Record<string, unknown>;
}
