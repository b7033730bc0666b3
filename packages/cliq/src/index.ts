import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { CliqClient, type CliqClientOptions } from './client.js';
import { CLIQ_ERROR_KINDS, cliqEnvelopeReader } from './envelope.js';
import { cliqTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options of the Cliq plugin: `pluginOptions: { cliq: {...} }` in createZohoToolkit. */
export type CliqPluginOptions = CliqClientOptions;

/** Guidance every Cliq tool shares, said once in the toolkit's instructions. */
export const CLIQ_INSTRUCTIONS = `Zoho Cliq tools:
- Name a channel by its unique name ("marketing") or its name ("#Marketing"); the tools look it up and refuse a name that matches none or several. chat_id (CT_…) names a chat, a channel's conversation or a thread.
- Message text is Cliq markdown: *bold*, _italic_, ~strike~, \`code\`, [label](https://…), "- " lists; at most 5000 characters. It is posted exactly as given: write the final text.
- Message ids look like 1712061144120_84327734455; times are ISO 8601.
- To summarise a conversation, read it with cliq_get_messages and page back with next_page until you have the period asked for.`;

/** Zoho Cliq (REST API v2): channels, chats, messages, threads and bot posts. */
export const cliqPlugin: ZohoPlugin<CliqClient, CliqPluginOptions> = {
  name: '@zoho-agent-kit/cliq',
  app: 'cliq',
  version,
  tools: cliqTools,
  readError: cliqEnvelopeReader,
  createClient: (connection, options) => new CliqClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/cliq/emulator',
  instructions: CLIQ_INSTRUCTIONS,
};

export { CliqClient, CLIQ_ERROR_KINDS, cliqEnvelopeReader, cliqTools };
export { cliqCreateBotMessage, cliqGetMessages, cliqListChannels, cliqListChats, cliqPostToChannel, cliqReplyInThread, cliqSendMessage } from './tools/index.js';
export { BOT_NOT_PARTICIPANT_CODES } from './tools/create-bot-message.js';
export { MAX_MESSAGE_LENGTH } from './tools/shared.js';
export type {
  CallOptions,
  CliqBroadcastResult,
  CliqCard,
  CliqChannel,
  CliqChannelLevel,
  CliqChannelPage,
  CliqChat,
  CliqClientOptions,
  CliqLastMessage,
  CliqMember,
  CliqMessage,
  CliqMessageBody,
  CliqPostResult,
  CliqSubscriberPage,
  CliqUser,
  CliqUserPage,
  GetMessagesParams,
  ListChannelsParams,
  ListChatsParams,
} from './client.js';
