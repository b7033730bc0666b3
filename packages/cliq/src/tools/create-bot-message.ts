import { defineZohoTool, quoteInput, toTable, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqClient, CliqMessageBody } from '../client.js';
import { cardBody, cardSchema, channelLabel, channelSchema, CLOCK_SKEW_MS, findPosted, messageTextSchema, preview, resolveChannel } from './shared.js';

const input = z.object({
  bot: z
    .string()
    .trim()
    .max(100)
    .refine((v) => /^[A-Za-z0-9_]+$/.test(v), 'must be a bot unique name (letters and digits, e.g. northwindbot)')
    .describe('Bot unique name.'),
  channel: channelSchema().optional().describe("Channel; omit for the bot's subscribers."),
  subscribers: z.array(z.string().trim().max(254)).min(1).max(100).optional().describe('Only these subscribers (emails or user ids).'),
  text: messageTextSchema().describe('Cliq markdown.'),
  card: cardSchema(),
});

/**
 * Cliq codes that mean "this bot is not a participant of the channel". Cliq's own is unconfirmed: the emulator
 * answers 403 `bot_not_participant`. Any other 403 keeps its kind and Zoho's message, with the likely fix beside it.
 */
export const BOT_NOT_PARTICIPANT_CODES = new Set(['bot_not_participant']);

export interface BotMessageResult {
  to: Record<string, unknown>;
  message_id?: string;
  chat_id?: string;
  recipients?: { user_id: string; chat_id?: string; message_id?: string }[];
  note?: string;
}

/** A refused subscriber list: no such bot is a field error; `permission` (only its creator or an admin may list) means it exists. */
function unlisted(err: unknown, bot: string): undefined {
  if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('bot', `there is no Cliq bot with the unique name ${quoteInput(bot)}; the unique name is in the bot's API endpoint URL (Bots & Tools → Bots)`);
  if (err instanceof ZohoApiError && err.kind === 'permission') return undefined;
  throw err;
}

/** The bot's subscribers (every page), or undefined when Cliq will not list them (only its creator or an admin may). */
async function subscribersOf(client: CliqClient, bot: string, signal: AbortSignal | undefined) {
  const all: { user_id: string; email_id?: string; name?: string }[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < 10; page++) {
      const res = await client.listBotSubscribers(bot, { limit: 100, ...(token ? { next_token: token } : {}) }, { signal });
      all.push(...res.data);
      token = res.next_token;
      if (!token) break;
    }
  } catch (err) {
    return unlisted(err, bot);
  }
  return all;
}

/** Checks that the bot exists with one request (its first subscriber). */
async function checkBot(client: CliqClient, bot: string, signal: AbortSignal | undefined): Promise<void> {
  try {
    await client.listBotSubscribers(bot, { limit: 1 }, { signal });
  } catch (err) {
    unlisted(err, bot);
  }
}

export const cliqCreateBotMessage = defineZohoTool<typeof input, CliqClient, BotMessageResult>({
  name: 'cliq_create_bot_message',
  app: 'cliq',
  access: 'write',
  scopes: ['ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Bots.READ', 'ZohoCliq.Channels.READ', 'ZohoCliq.Messages.READ', 'ZohoCliq.Chats.READ'],
  description: `Post as a Zoho Cliq bot to a channel it takes part in, or to its subscribers; for alerts and digests.
Returns where it went and the message ids Cliq gives.`,
  examples: [{ bot: 'northwindbot', channel: 'ops', text: 'Backup *done*.' }],
  input,
  plan: async (args, ctx) => {
    if (args.channel && args.subscribers) throw new ToolInputError('subscribers', 'give channel or subscribers, not both');
    const body: CliqMessageBody = { text: args.text };
    const card = cardBody(args.card);
    if (card) body.card = card;
    const asBot = args.bot;

    if (args.channel) {
      await checkBot(ctx.client, asBot, ctx.signal);
      const channel = await resolveChannel(ctx.client, args.channel, 'channel', ctx.signal);
      const chatId = String(channel.chat_id);
      const to = { bot: asBot, channel: channel.name, unique_name: channel.unique_name, chat_id: chatId };
      return {
        summary: `Post as the bot ${asBot} to the Cliq channel ${channelLabel(channel)}${card ? ' (as a card)' : ''}: ${preview(args.text)}`,
        payload: body,
        execute: async () => {
          try {
            if (channel.unique_name) await ctx.client.postToChannel(channel.unique_name, body, { bot: asBot }, { signal: ctx.signal });
            else await ctx.client.postToChannelById(String(channel.channel_id), body, { bot: asBot }, { signal: ctx.signal });
          } catch (err) {
            if (err instanceof ZohoApiError && BOT_NOT_PARTICIPANT_CODES.has(err.code)) {
              throw new ZohoApiError({
                app: 'cliq',
                status: err.status,
                code: err.code,
                kind: 'validation',
                message: `the bot ${asBot} is not a participant of ${channel.name}, so it cannot post there; nothing was posted. Add the bot to the channel in Cliq (channel → Bots), or post as yourself with cliq_post_to_channel`,
              });
            }
            if (err instanceof ZohoApiError && err.status === 403) {
              throw new ZohoApiError({
                app: 'cliq',
                status: err.status,
                code: err.code,
                kind: err.kind,
                message: `Cliq refused the post as the bot ${asBot} to ${channel.name}; nothing was posted. If the bot is not a participant, add it to the channel in Cliq (channel → Bots). Cliq said: ${err.message}`,
                details: err.details,
                retryable: err.retryable,
                ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
              });
            }
            throw err;
          }
          // Zoho: "the message_id will not be returned if the message is posted as a bot".
          return { to, chat_id: chatId, note: 'Cliq returns no message id for a post as a bot in a channel' };
        },
        reconcile: async ({ sentAt, signal }) => {
          const verdict = await findPosted(ctx.client, chatId, args.text, sentAt, (m) => m.bot !== undefined, signal);
          return verdict.status === 'applied' ? { ...verdict, result: { to, message_id: verdict.id, chat_id: chatId } } : verdict;
        },
        checkWith: `cliq_get_messages {"channel":"${channel.unique_name ?? channel.name}","hours":1}`,
      };
    }

    // To the subscribers: all of them, or those named (each must be one).
    const subscribers = await subscribersOf(ctx.client, asBot, ctx.signal);
    let userIds: string[] | undefined;
    let audience: string;
    if (args.subscribers) {
      if (!subscribers) throw new ToolInputError('subscribers', `Cliq does not list the subscribers of ${asBot} to you (only its creator or an organization admin may), so they cannot be checked; omit subscribers to message all of them`);
      userIds = args.subscribers.map((want, i) => {
        const found = subscribers.find((s) => s.user_id === want || (s.email_id ?? '').toLowerCase() === want.toLowerCase());
        if (!found) throw new ToolInputError(`subscribers[${i}]`, `${quoteInput(want)} is not a subscriber of ${asBot}; its subscribers: ${subscribers.map((s) => s.email_id ?? s.user_id).join(', ') || 'none'}`);
        return found.user_id;
      });
      body.userids = userIds.join(',');
      audience = `${userIds.length} of its subscribers (${userIds.map((id) => subscribers.find((s) => s.user_id === id)?.name ?? id).join(', ')})`;
    } else if (subscribers) {
      if (subscribers.length === 0) throw new ToolInputError('bot', `${asBot} has no subscribers; nobody would receive it`);
      audience = `all ${subscribers.length} subscribers (${subscribers.map((s) => s.name ?? s.user_id).join(', ')})`;
    } else {
      audience = 'all its subscribers (Cliq does not list them to you)';
    }
    body.sync_message = true;
    const me = ctx.client.options.userId;
    const recipients = userIds ?? subscribers?.map((s) => s.user_id);
    const to = { bot: asBot, subscribers: recipients?.length ?? 'all' };

    /**
     * After a lost answer: only the signed-in user's own chat with the bot can be read. Found there → applied.
     * Not found → not applied when that user was a recipient (their id configured as `userId`), else unknown
     * (after a timeout, only once the toolkit's pauses are over).
     */
    const reconcile = async ({ sentAt, signal, error }: { sentAt: number; signal: AbortSignal; error: unknown }): Promise<ReconcileVerdict<BotMessageResult>> => {
      const { chats } = await ctx.client.listChats({ limit: 100, modified_after: new Date(sentAt - CLOCK_SKEW_MS).toISOString() }, { signal });
      for (const chat of chats.filter((c) => /-B\d+$/.test(String(c.chat_id))).slice(0, 5)) {
        const verdict = await findPosted(ctx.client, String(chat.chat_id), args.text, sentAt, (m) => m.bot !== undefined, signal);
        if (verdict.status === 'applied') return { ...verdict, result: { to, recipients: [{ user_id: me ?? 'you', chat_id: String(chat.chat_id), message_id: verdict.id! }], note: 'found in your own chat with the bot' } };
      }
      if (me && recipients?.includes(me)) return { status: 'not_applied', detail: 'it is not in your own chat with the bot' };
      // A timed-out send may still land: "not yet" lets the toolkit look again, and it says unknown if it never shows.
      if (error instanceof ZohoApiError && (error.kind === 'timeout' || error.kind === 'aborted')) return { status: 'not_applied' };
      return { status: 'unknown', detail: 'only your own chat with the bot can be read, and you are not known to be a recipient; ask a recipient' };
    };
    return {
      summary: `Message as the bot ${asBot} to ${audience}${card ? ' (as a card)' : ''}: ${preview(args.text)}`,
      payload: body,
      execute: async () => {
        const res = await ctx.client.postToBotSubscribers(asBot, body, { signal: ctx.signal });
        const details = res.message_details ?? {};
        const sent = (res.user_ids ?? Object.keys(details)).map((id) => ({ user_id: String(id), chat_id: details[id]?.chat_id, message_id: details[id]?.message_id }));
        return { to: { bot: asBot, subscribers: sent.length || (recipients?.length ?? 'all') }, recipients: sent.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as { user_id: string }) };
      },
      reconcile,
      checkWith: 'cliq_list_chats {"limit":5}',
    };
  },
  shape: (result) => {
    const { recipients, ...rest } = result;
    return { status: 'sent', ...rest, ...(recipients?.length ? { recipients: toTable(recipients, { columns: ['user_id', 'chat_id', 'message_id'] }) } : {}) };
  },
  ids: (result) => [result.message_id, ...(result.recipients ?? []).map((r) => r.message_id)].filter((v): v is string => typeof v === 'string'),
});

