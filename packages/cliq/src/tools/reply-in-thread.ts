import { defineZohoTool, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqClient, CliqMessage, CliqMessageBody } from '../client.js';
import {
  byUser,
  channelLabel,
  channelSchema,
  chatIdSchema,
  findPosted,
  messageIdSchema,
  messageText,
  messageTextSchema,
  preview,
  requireJoined,
  resolveChannel,
  shapeSent,
  type PostedMessage,
  type SentMessage,
} from './shared.js';

const input = z.object({
  channel: channelSchema().optional().describe('Channel of the message.'),
  message_id: messageIdSchema().optional().describe('The message whose thread to reply in.'),
  thread_chat_id: chatIdSchema().optional().describe('Or the thread.chat_id of that message.'),
  text: messageTextSchema().describe('Cliq markdown.'),
  title: z.string().trim().max(100).optional().describe('Title of a new thread.'),
});

const notFound = (err: unknown) => err instanceof ZohoApiError && err.kind === 'not_found';
const about = (m: CliqMessage) => `${m.sender?.name ?? 'someone'}'s message ${preview(messageText(m), 60)}`;

export const cliqReplyInThread = defineZohoTool<typeof input, CliqClient, SentMessage | PostedMessage>({
  name: 'cliq_reply_in_thread',
  app: 'cliq',
  access: 'write',
  scopes: ['ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Channels.READ', 'ZohoCliq.Messages.READ'],
  description: `Reply in the thread of a Zoho Cliq channel message (starting it if there is none), to answer it without filling the channel.
Returns the reply's message_id and the thread's chat_id.`,
  examples: [{ thread_chat_id: 'CT_1290011223344556604_60100003-T-1256254377053900001', text: 'Post-mortem is in the wiki.' }],
  input,
  plan: async (args, ctx) => {
    const userId = ctx.client.options.userId;
    const body: CliqMessageBody = { text: args.text, sync_message: true };

    if (args.thread_chat_id) {
      if (args.channel || args.message_id) throw new ToolInputError('thread_chat_id', 'give thread_chat_id alone, or channel with message_id');
      const threadChatId = args.thread_chat_id;
      let main;
      try {
        main = await ctx.client.getThreadMainMessage(threadChatId, { signal: ctx.signal });
      } catch (err) {
        if (notFound(err)) throw new ToolInputError('thread_chat_id', `no thread ${threadChatId}; find it as thread.chat_id in cliq_get_messages`);
        throw err;
      }
      const title = main.thread_information?.title;
      const to = { thread_chat_id: threadChatId, thread: title, channel: main.parent_resource_id };
      return {
        summary: `Reply in the Cliq thread ${title ? `"${title}" ` : ''}on ${about(main)}${main.parent_resource_id ? ` in ${main.parent_resource_id}` : ''}: ${preview(args.text)}`,
        payload: body,
        execute: async () => {
          const { message_id } = await ctx.client.postToChat(threadChatId, body, { signal: ctx.signal });
          return { message_id, chat_id: threadChatId, to };
        },
        reconcile: ({ sentAt, signal }) => findPosted(ctx.client, threadChatId, args.text, sentAt, byUser(userId), signal),
        checkWith: `cliq_get_messages {"chat_id":"${threadChatId}","hours":1}`,
      };
    }

    if (!args.channel || !args.message_id) throw new ToolInputError(args.channel ? 'message_id' : 'channel', 'give channel and message_id (or thread_chat_id)');
    const channel = await resolveChannel(ctx.client, args.channel, 'channel', ctx.signal);
    requireJoined(channel, 'channel');
    const chatId = String(channel.chat_id);
    const messageId = args.message_id;
    let parent: CliqMessage;
    try {
      parent = await ctx.client.getMessage(chatId, messageId, { signal: ctx.signal });
    } catch (err) {
      if (notFound(err)) throw new ToolInputError('message_id', `no message ${messageId} in ${channel.name}; find its id with cliq_get_messages`);
      throw err;
    }
    const existing = parent.thread_information?.chat_id;
    const where = `in ${channelLabel(channel)}`;
    if (existing) {
      const to = { thread_chat_id: existing, thread: parent.thread_information?.title, channel: channel.name };
      return {
        summary: `Reply in the Cliq thread "${parent.thread_information?.title ?? existing}" on ${about(parent)} ${where}: ${preview(args.text)}`,
        payload: body,
        execute: async () => {
          const { message_id } = await ctx.client.postToChat(existing, body, { signal: ctx.signal });
          return { message_id, chat_id: existing, to };
        },
        reconcile: ({ sentAt, signal }) => findPosted(ctx.client, existing, args.text, sentAt, byUser(userId), signal),
        checkWith: `cliq_get_messages {"chat_id":"${existing}","hours":1}`,
      };
    }

    const start: CliqMessageBody = { ...body, thread_message_id: messageId };
    if (args.title) start.thread_title = args.title;
    const to = { channel: channel.name, thread: args.title, on_message: messageId };
    /** After a lost answer: does the message have a thread now, and is the reply in it? */
    const reconcile = async ({ sentAt, signal }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<PostedMessage>> => {
      const now = await ctx.client.getMessage(chatId, messageId, { signal });
      const thread = now.thread_information?.chat_id;
      if (!thread) return { status: 'not_applied', detail: 'the message still has no thread' };
      return findPosted(ctx.client, thread, args.text, sentAt, byUser(userId), signal);
    };
    return {
      summary: `Start a Cliq thread${args.title ? ` "${args.title}"` : ''} on ${about(parent)} ${where}, replying: ${preview(args.text)}`,
      payload: start,
      execute: async () => {
        const { message_id } = await ctx.client.postToChannelById(String(channel.channel_id), start, {}, { signal: ctx.signal });
        // The new thread's chat id: read back from the message (the post answers with the reply's id only).
        const threadChatId = await ctx.client
          .getMessage(chatId, messageId, { signal: ctx.signal })
          .then((m) => m.thread_information?.chat_id)
          .catch(() => undefined);
        return { message_id, ...(threadChatId ? { chat_id: threadChatId } : {}), to };
      },
      reconcile,
      checkWith: `cliq_get_messages {"channel":"${channel.unique_name ?? channel.name}","hours":1}`,
    };
  },
  shape: (sent) => shapeSent(sent),
  ids: (sent) => [sent.message_id, sent.chat_id].filter((v): v is string => typeof v === 'string'),
});
