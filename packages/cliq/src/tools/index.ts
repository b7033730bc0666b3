import type { ZohoTool } from '@zoho-agent-kit/core';
import type { CliqClient } from '../client.js';
import { cliqCreateBotMessage } from './create-bot-message.js';
import { cliqGetMessages } from './get-messages.js';
import { cliqListChannels } from './list-channels.js';
import { cliqListChats } from './list-chats.js';
import { cliqPostToChannel } from './post-to-channel.js';
import { cliqReplyInThread } from './reply-in-thread.js';
import { cliqSendMessage } from './send-message.js';

export { cliqCreateBotMessage, cliqGetMessages, cliqListChannels, cliqListChats, cliqPostToChannel, cliqReplyInThread, cliqSendMessage };

/** Every Cliq tool, reads first. */
export const cliqTools: ZohoTool<CliqClient>[] = [cliqListChannels, cliqListChats, cliqGetMessages, cliqSendMessage, cliqPostToChannel, cliqReplyInThread, cliqCreateBotMessage];
