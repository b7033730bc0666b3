import { ZohoConfigError, type QueryValue, type RequestCap, type ZohoAppClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { cliqEnvelopeReader } from './envelope.js';

const BASE = '/api/v2';

export type CliqChannelLevel = 'organization' | 'team' | 'private' | 'external';

/** `last_message_info` of a channel or chat. */
export interface CliqLastMessage {
  sender_id?: string;
  sender_name?: string;
  message_type?: string;
  time?: string;
  text?: string;
  bot?: { name?: string; image_url?: string };
  [key: string]: unknown;
}

/** One channel as `GET /api/v2/channels` sends it (times are ISO-8601 strings with an offset). */
export interface CliqChannel {
  channel_id: string;
  chat_id?: string;
  name: string;
  unique_name?: string;
  description?: string;
  level?: CliqChannelLevel | string;
  status?: string;
  invite_only?: boolean;
  joined?: boolean;
  pinned?: boolean;
  organization_id?: string;
  creator_id?: string;
  creator_name?: string;
  creation_time?: string;
  last_modified_time?: string;
  participant_count?: number;
  /** A string on the wire. */
  total_message_count?: string | number;
  unread_message_count?: number;
  current_user_role?: string;
  last_message_info?: CliqLastMessage;
  [key: string]: unknown;
}

/** One page of channels; pass `next_token` back for the next one while `has_more`. */
export interface CliqChannelPage {
  channels: CliqChannel[];
  has_more?: boolean;
  next_token?: string;
  sync_token?: string;
}

export interface ListChannelsParams {
  name?: string | undefined;
  level?: CliqChannelLevel | undefined;
  status?: 'created' | 'pending' | 'archived' | undefined;
  joined?: boolean | undefined;
  pinned?: boolean | undefined;
  order_by?: '+last_modified_time' | '-last_modified_time' | '+creation_time' | '-creation_time' | undefined;
  /** At most 100. */
  limit?: number | undefined;
  next_token?: string | undefined;
}

/** A direct, group or bot chat of the signed-in user (`GET /api/v2/chats`). */
export interface CliqChat {
  chat_id: string;
  name?: string;
  chat_type?: 'chat' | 'dm' | string;
  creator_id?: string;
  creation_time?: string;
  last_modified_time?: string;
  removed?: boolean;
  recipients_summary?: { user_id?: string; name?: string }[];
  participant_count?: number;
  pinned?: boolean;
  last_message_info?: CliqLastMessage;
  [key: string]: unknown;
}

export interface ListChatsParams {
  /** At most 100. */
  limit?: number | undefined;
  /** Chats whose last message is older than this (ISO-8601). */
  modified_before?: string | undefined;
  modified_after?: string | undefined;
}

/** One message of `GET /api/v2/chats/{id}/messages`; `time` is milliseconds since the epoch. */
export interface CliqMessage {
  id: string;
  time: number;
  type?: string;
  sender?: { id?: string; name?: string };
  content?: { text?: string; card?: Record<string, unknown>; [key: string]: unknown } | string;
  bot?: { name?: string; image_url?: string };
  reply_to?: string;
  thread_information?: { chat_id?: string; title?: string; message_count?: number; follower_count?: number; is_follower?: boolean; thread_message_id?: string };
  [key: string]: unknown;
}

export interface GetMessagesParams {
  /** Milliseconds since the epoch (inclusive). */
  fromtime?: number | undefined;
  totime?: number | undefined;
  /** At most 100 (Cliq's default). */
  limit?: number | undefined;
}

export interface CliqMember {
  user_id: string;
  email_id?: string;
  name?: string;
  user_role?: string;
}

export interface CliqUser {
  id: string;
  email_id?: string;
  name?: string;
  display_name?: string;
  zuid?: string;
  [key: string]: unknown;
}

export interface CliqUserPage {
  data: CliqUser[];
  has_more?: boolean;
  next_token?: string;
}

export interface CliqSubscriberPage {
  data: { user_id: string; email_id?: string; name?: string }[];
  next_token?: string;
  sync_token?: string;
}

export interface CliqCard {
  title?: string;
  theme?: 'modern-inline' | 'prompt';
  thumbnail?: string;
}

/** The body of every `…/message` route (cliq.md §3). */
export interface CliqMessageBody {
  text: string;
  card?: CliqCard;
  reply_to?: string;
  /** Ask for the new message's id (not returned when posting as a bot in a channel). */
  sync_message?: boolean;
  /** Bot broadcasts: only these subscribers (CSV of user ids). */
  userids?: string;
  /** `POST /channels/{id}/message`: start a thread from this message. */
  thread_message_id?: string;
  thread_title?: string;
}

/** What a post answers: 204 (nothing) or, with `sync_message`, the new message's id. */
export interface CliqPostResult {
  message_id?: string;
}

/** A bot broadcast with `sync_message`: each recipient's chat and message. */
export interface CliqBroadcastResult {
  user_ids?: string[];
  message_details?: Record<string, { chat_id?: string; message_id?: string }>;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** Options of the Cliq plugin: `pluginOptions: { cliq: {...} }` in createZohoToolkit. */
export interface CliqClientOptions {
  /**
   * Zoho Cliq answers at most 15 message reads a minute per user and then locks the endpoint for 5 minutes; the
   * client keeps `GET …/messages` within this budget (default `{ perWindow: 15, windowMs: 60_000 }`: bursts up to
   * it go at once), on top of the app's budget: a core `RequestCap`, counted per account in the connection's
   * send log, so it is shared through Redis by every worker when the connection has a Redis URL. false turns it off.
   */
  messageReads?: { perWindow: number; windowMs?: number } | false;
  /**
   * The signed-in user's Cliq user id (ZUID). Optional: when given, a lost post is matched by its sender too,
   * not only by its text and time (Cliq's v2 API has no documented "who am I" call).
   */
  userId?: string | undefined;
}

const enc = encodeURIComponent;

/** Typed calls to the Zoho Cliq REST API v2 (`https://cliq.zoho.<tld>/api/v2`); no LLM concerns. */
export class CliqClient {
  readonly http: ZohoAppClient;
  private readonly messageCap: RequestCap | undefined;

  constructor(
    readonly connection: ZohoConnection,
    readonly options: CliqClientOptions = {},
  ) {
    this.http = connection.app({ app: 'cliq', readError: cliqEnvelopeReader });
    const budget = options.messageReads ?? { perWindow: 15 };
    if (budget !== false) {
      if (!(budget.perWindow >= 1)) throw new ZohoConfigError('cliq messageReads.perWindow', `must be at least 1, not ${budget.perWindow}`);
      this.messageCap = { name: 'messages', perWindow: budget.perWindow, ...(budget.windowMs !== undefined ? { windowMs: budget.windowMs } : {}) };
    }
  }

  // ----- channels -----

  /** `GET /channels`: one page of channels, filtered; cursor paging with `next_token`. */
  async listChannels(params: ListChannelsParams = {}, options: CallOptions = {}): Promise<CliqChannelPage> {
    const data = await this.get<CliqChannelPage>('/channels', { ...params }, options);
    return { ...data, channels: data?.channels ?? [] };
  }

  /** `GET /channels/{id}`. */
  getChannel(channelId: string, options: CallOptions = {}): Promise<CliqChannel> {
    return this.get<CliqChannel>(`/channels/${enc(channelId)}`, {}, options);
  }

  // ----- chats and messages -----

  /** `GET /chats`: the user's direct and group chats, newest activity first (no cursor: page with `modified_before`). */
  async listChats(params: ListChatsParams = {}, options: CallOptions = {}): Promise<{ chats: CliqChat[] }> {
    const data = await this.get<{ chats?: CliqChat[] }>('/chats', { ...params }, options);
    return { ...data, chats: data?.chats ?? [] };
  }

  /** `GET /chats/{id}/members`. */
  async getChatMembers(chatId: string, options: CallOptions = {}): Promise<{ members: CliqMember[] }> {
    const data = await this.get<{ members?: CliqMember[] }>(`/chats/${enc(chatId)}/members`, {}, options);
    return { ...data, members: data?.members ?? [] };
  }

  /** `GET /chats/{id}/messages`: messages in a time window, paced to Cliq's 15 reads a minute. */
  async getMessages(chatId: string, params: GetMessagesParams = {}, options: CallOptions = {}): Promise<{ data: CliqMessage[] }> {
    const data = await this.get<{ data?: CliqMessage[] }>(`/chats/${enc(chatId)}/messages`, { ...params }, options, this.messageCap);
    return { ...data, data: data?.data ?? [] };
  }

  /** `GET /chats/{id}/messages/{message_id}`: one message (with `thread_information` when it started a thread). */
  getMessage(chatId: string, messageId: string, options: CallOptions = {}): Promise<CliqMessage> {
    return this.get<CliqMessage>(`/chats/${enc(chatId)}/messages/${enc(messageId)}`, {}, options);
  }

  /** `GET /threads/{thread_chat_id}/messages/main`: the message a thread hangs from. */
  getThreadMainMessage(threadChatId: string, options: CallOptions = {}): Promise<CliqMessage & { parent_resource_id?: string }> {
    return this.get(`/threads/${enc(threadChatId)}/messages/main`, {}, options);
  }

  // ----- people and bots -----

  /** `GET /users`: organization members, searched by name or email. */
  async listUsers(params: { search?: string; limit?: number; next_token?: string } = {}, options: CallOptions = {}): Promise<CliqUserPage> {
    const data = await this.get<CliqUserPage>('/users', { ...params }, options);
    return { ...data, data: data?.data ?? [] };
  }

  /** `GET /users/{id}`. */
  async getUser(userId: string, options: CallOptions = {}): Promise<CliqUser> {
    const data = await this.get<{ data: CliqUser }>(`/users/${enc(userId)}`, {}, options);
    return data.data;
  }

  /** `GET /bots/{bot}/subscribers` (only the bot's creator or an organization admin may read them). */
  async listBotSubscribers(bot: string, params: { limit?: number; next_token?: string } = {}, options: CallOptions = {}): Promise<CliqSubscriberPage> {
    const data = await this.get<CliqSubscriberPage>(`/bots/${enc(bot)}/subscribers`, { ...params }, options);
    return { ...data, data: data?.data ?? [] };
  }

  // ----- posting (each sent once: a write is never retried after it may have reached Cliq) -----

  /** `POST /buddies/{email or user id}/message`: a direct message. */
  postToUser(emailOrUserId: string, body: CliqMessageBody, options: CallOptions = {}): Promise<CliqPostResult> {
    return this.post(`/buddies/${enc(emailOrUserId)}/message`, body, {}, options);
  }

  /** `POST /channelsbyname/{unique_name}/message`, as the user or (`bot`) as a bot that is a channel participant. */
  postToChannel(uniqueName: string, body: CliqMessageBody, post: { bot?: string | undefined } = {}, options: CallOptions = {}): Promise<CliqPostResult> {
    return this.post(`/channelsbyname/${enc(uniqueName)}/message`, body, post.bot ? { bot_unique_name: post.bot } : {}, options);
  }

  /** `POST /channels/{channel_id}/message`; with `thread_message_id` in the body it starts a thread from that message. */
  postToChannelById(channelId: string, body: CliqMessageBody, post: { bot?: string | undefined } = {}, options: CallOptions = {}): Promise<CliqPostResult> {
    return this.post(`/channels/${enc(channelId)}/message`, body, post.bot ? { bot_unique_name: post.bot } : {}, options);
  }

  /** `POST /chats/{chat_id}/message`: a chat, a channel's chat, or a thread (its chat id). */
  postToChat(chatId: string, body: CliqMessageBody, options: CallOptions = {}): Promise<CliqPostResult> {
    return this.post(`/chats/${enc(chatId)}/message`, body, {}, options);
  }

  /** `POST /bots/{bot}/message`: to the bot's subscribers (all, or `userids`). */
  postToBotSubscribers(bot: string, body: CliqMessageBody, options: CallOptions = {}): Promise<CliqBroadcastResult> {
    return this.post(`/bots/${enc(bot)}/message`, body, {}, options);
  }

  private async get<T>(path: string, query: Record<string, QueryValue>, options: CallOptions, cap?: RequestCap): Promise<T> {
    const res = await this.http.request<T>({ method: 'GET', path: BASE + path, query, signal: options.signal, ...(cap ? { cap } : {}) });
    return res.data;
  }

  private async post<T>(path: string, body: CliqMessageBody, query: Record<string, QueryValue>, options: CallOptions): Promise<T> {
    const res = await this.http.request<T | undefined>({ method: 'POST', path: BASE + path, query, json: body, signal: options.signal });
    // 204 No Content: Cliq posted the message and sent nothing back.
    return (res.data ?? {}) as T;
  }
}
