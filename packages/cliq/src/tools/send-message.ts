import { defineZohoTool, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqClient, CliqMessageBody } from '../client.js';
import { byUser, chatIdSchema, findPosted, messageTextSchema, preview, resolveUser, shapeSent, type PostedMessage, type SentMessage } from './shared.js';

const input = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'must be an email address')
    .optional()
    .describe('Email of the person; or user_id, or chat_id.'),
  user_id: z
    .string()
    .trim()
    .max(30)
    .refine((v) => /^\d+$/.test(v), 'must be a Cliq user id (digits)')
    .optional()
    .describe('Cliq user id of the person.'),
  chat_id: chatIdSchema().optional().describe('An existing chat.'),
  text: messageTextSchema().describe('Cliq markdown.'),
});

export const cliqSendMessage = defineZohoTool<typeof input, CliqClient, SentMessage | PostedMessage>({
  name: 'cliq_send_message',
  app: 'cliq',
  access: 'write',
  scopes: ['ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Users.READ', 'ZohoCliq.Chats.READ', 'ZohoCliq.Messages.READ'],
  description: `Send a Zoho Cliq direct message to a person, or a message to an existing chat (not a channel: cliq_post_to_channel).
Returns the message_id and where it went.`,
  examples: [{ email: 'leo.brandt@northwind-creative.example', text: 'Deck *approved*.' }],
  input,
  plan: async (args, ctx) => {
    const given = (['email', 'user_id', 'chat_id'] as const).filter((k) => args[k] !== undefined);
    if (given.length !== 1) throw new ToolInputError(given[1] ?? 'email', 'give exactly one of email, user_id or chat_id');
    const body: CliqMessageBody = { text: args.text, sync_message: true };
    const userId = ctx.client.options.userId;

    if (args.chat_id) {
      const chatId = args.chat_id;
      let names: string[];
      try {
        names = (await ctx.client.getChatMembers(chatId, { signal: ctx.signal })).members.map((m) => m.name ?? m.user_id);
      } catch (err) {
        if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('chat_id', `no chat ${chatId} of yours; find it with cliq_list_chats`);
        throw err;
      }
      const to = { chat_id: chatId, members: names.join(', ') };
      return {
        summary: `Send to the Cliq chat ${chatId} (members: ${names.join(', ') || 'unknown'}): ${preview(args.text)}`,
        payload: body,
        execute: async () => {
          const { message_id } = await ctx.client.postToChat(chatId, body, { signal: ctx.signal });
          return { message_id, chat_id: chatId, to };
        },
        reconcile: ({ sentAt, signal }) => findPosted(ctx.client, chatId, args.text, sentAt, byUser(userId), signal),
        checkWith: `cliq_get_messages {"chat_id":"${chatId}","hours":1}`,
      };
    }

    const user = await resolveUser(ctx.client, { email: args.email, user_id: args.user_id }, ctx.signal);
    const id = String(user.id);
    const to = { name: user.name, email: user.email_id, user_id: id };
    /** After a lost answer: the direct chat with this person (the post creates it if there was none), then the text. */
    const reconcile = async ({ sentAt, signal }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<PostedMessage>> => {
      const { chats } = await ctx.client.listChats({ limit: 100 }, { signal });
      const dm = chats.find((c) => c.chat_type === 'dm' && (c.recipients_summary ?? []).some((r) => String(r.user_id) === id));
      if (!dm) return { status: 'not_applied', detail: `there is no direct chat with ${user.name ?? id}` };
      return findPosted(ctx.client, String(dm.chat_id), args.text, sentAt, byUser(userId, id), signal);
    };
    return {
      summary: `Send a direct message to ${user.name ?? id} <${user.email_id ?? 'no email'}> (user id ${id}): ${preview(args.text)}`,
      payload: body,
      execute: async () => {
        const { message_id } = await ctx.client.postToUser(id, body, { signal: ctx.signal });
        return { message_id, to };
      },
      reconcile,
      checkWith: 'cliq_list_chats {"limit":5}',
    };
  },
  shape: (sent) => shapeSent(sent),
  ids: (sent) => [sent.message_id, sent.chat_id].filter((v): v is string => typeof v === 'string'),
});
