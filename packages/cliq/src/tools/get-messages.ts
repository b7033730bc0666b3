import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqClient, CliqMessage } from '../client.js';
import { channelSchema, chatIdSchema, isoTime, messagesTable, requireJoined, resolveChannel, timeInput, timeSchema } from './shared.js';

const input = z.object({
  channel: channelSchema().optional().describe('Channel; or give chat_id.'),
  chat_id: chatIdSchema().optional().describe('A chat or thread chat id.'),
  hours: z.number().min(0.1).max(2160).optional().describe('Hours before to (default 24).'),
  from: timeSchema().optional().describe('Start; overrides hours.'),
  to: timeSchema().optional().describe('End (default now).'),
  limit: z.number().int().min(1).max(100).optional().describe('Per page (default 50, max 100).'),
});

export interface MessagesResult {
  /** Cliq's answer, unchanged. */
  data: CliqMessage[];
  conversation: { chat_id: string; name?: string; unique_name?: string };
  window: { fromtime: number; totime: number; limit: number };
}

export const cliqGetMessages = defineZohoTool<typeof input, CliqClient, MessagesResult>({
  name: 'cliq_get_messages',
  app: 'cliq',
  access: 'read',
  scopes: ['ZohoCliq.Messages.READ', 'ZohoCliq.Channels.READ'],
  description: `Read a Zoho Cliq channel's or chat's messages in a time window, newest page first: to catch up, summarise, or find a message id.
Returns a table of messages (oldest first); next_page has the from and to of the older ones.`,
  examples: [{ channel: 'marketing' }, { channel: 'tech', hours: 48, limit: 20 }],
  input,
  run: async (args, ctx) => {
    if (!args.channel === !args.chat_id) throw new ToolInputError(args.channel ? 'chat_id' : 'channel', 'give channel or chat_id (one of them)');
    const totime = args.to === undefined ? Date.now() : timeInput(args.to, 'to');
    const fromtime = args.from === undefined ? totime - Math.round((args.hours ?? 24) * 3_600_000) : timeInput(args.from, 'from');
    if (fromtime > totime) throw new ToolInputError('from', `${args.from} is after the end of the window (${new Date(totime).toISOString()})`);
    let conversation: MessagesResult['conversation'];
    if (args.channel) {
      const channel = await resolveChannel(ctx.client, args.channel, 'channel', ctx.signal);
      requireJoined(channel, 'channel');
      conversation = { chat_id: String(channel.chat_id), name: channel.name, ...(channel.unique_name ? { unique_name: channel.unique_name } : {}) };
    } else {
      conversation = { chat_id: args.chat_id! };
    }
    const limit = args.limit ?? 50;
    const { data } = await ctx.client.getMessages(conversation.chat_id, { fromtime, totime, limit }, { signal: ctx.signal });
    return { data, conversation, window: { fromtime, totime, limit } };
  },
  shape: ({ data, conversation, window }) => {
    const messages = [...data].sort((a, b) => a.time - b.time);
    const oldest = messages[0]?.time;
    // A full page may have older messages behind it: the next page ends just before the oldest one here.
    const more = messages.length >= window.limit && typeof oldest === 'number' && oldest - 1 >= window.fromtime;
    const table = messagesTable(messages);
    return {
      conversation,
      from: isoTime(window.fromtime),
      to: isoTime(window.totime),
      count: messages.length,
      ...(Object.keys(table.senders).length ? { senders: table.senders } : {}),
      messages: table.messages,
      ...(more ? { next_page: { from: isoTime(window.fromtime), to: isoTime(oldest - 1) } } : {}),
    };
  },
  ids: ({ data }) => data.map((m) => String(m.id)),
});
