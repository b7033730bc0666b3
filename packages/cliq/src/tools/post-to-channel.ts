import { defineZohoTool, ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqClient, CliqMessageBody } from '../client.js';
import {
  byUser,
  cardBody,
  cardSchema,
  channelLabel,
  channelSchema,
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
  channel: channelSchema().describe('Unique name or name.'),
  text: messageTextSchema().describe('Cliq markdown.'),
  card: cardSchema(),
  reply_to: messageIdSchema().optional().describe('Id of a channel message to reply to (not in a thread).'),
});

export const cliqPostToChannel = defineZohoTool<typeof input, CliqClient, SentMessage | PostedMessage>({
  name: 'cliq_post_to_channel',
  app: 'cliq',
  access: 'write',
  scopes: ['ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Channels.READ', 'ZohoCliq.Messages.READ'],
  description: `Post as yourself to a Zoho Cliq channel you are a member of, to update or alert a team.
Returns the message_id and the channel.`,
  examples: [{ channel: 'marketing', text: 'Launch moves to *Tuesday*.', card: { title: 'Launch' } }],
  input,
  plan: async (args, ctx) => {
    const channel = await resolveChannel(ctx.client, args.channel, 'channel', ctx.signal);
    requireJoined(channel, 'channel');
    const chatId = String(channel.chat_id);
    const body: CliqMessageBody = { text: args.text, sync_message: true };
    const card = cardBody(args.card);
    if (card) body.card = card;
    let replying = '';
    if (args.reply_to) {
      try {
        const original = await ctx.client.getMessage(chatId, args.reply_to, { signal: ctx.signal });
        replying = ` replying to ${original.sender?.name ?? 'a message'} (${preview(messageText(original), 60)})`;
      } catch (err) {
        if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('reply_to', `no message ${args.reply_to} in ${channel.name}; find its id with cliq_get_messages`);
        throw err;
      }
      body.reply_to = args.reply_to;
    }
    const to = { channel: channel.name, unique_name: channel.unique_name, channel_id: String(channel.channel_id), chat_id: chatId };
    return {
      summary: `Post to the Cliq channel ${channelLabel(channel)} as you${card ? ' (as a card)' : ''}${replying}: ${preview(args.text)}`,
      payload: body,
      execute: async () => {
        const { message_id } = channel.unique_name
          ? await ctx.client.postToChannel(channel.unique_name, body, {}, { signal: ctx.signal })
          : await ctx.client.postToChannelById(String(channel.channel_id), body, {}, { signal: ctx.signal });
        return { message_id, chat_id: chatId, to };
      },
      reconcile: ({ sentAt, signal }) => findPosted(ctx.client, chatId, args.text, sentAt, byUser(ctx.client.options.userId), signal),
      checkWith: `cliq_get_messages {"channel":"${channel.unique_name ?? channel.name}","hours":1}`,
    };
  },
  shape: (sent) => shapeSent(sent),
  ids: (sent) => [sent.message_id, sent.chat_id].filter((v): v is string => typeof v === 'string'),
});
