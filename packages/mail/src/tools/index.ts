import type { ZohoTool } from '@zoho-agent-kit/core';
import type { MailClient } from '../client.js';
import { mailForward } from './forward.js';
import { mailGetAttachment } from './get-attachment.js';
import { mailGetMessage } from './get-message.js';
import { mailListFolders } from './list-folders.js';
import { mailListLabels } from './list-labels.js';
import { mailListMessages } from './list-messages.js';
import { mailListTemplates } from './list-templates.js';
import { mailReply } from './reply.js';
import { mailSaveDraft } from './save-draft.js';
import { mailSearch } from './search.js';
import { mailSend } from './send.js';
import { mailUpdateMessage } from './update-message.js';

export {
  mailForward,
  mailGetAttachment,
  mailGetMessage,
  mailListFolders,
  mailListLabels,
  mailListMessages,
  mailListTemplates,
  mailReply,
  mailSaveDraft,
  mailSearch,
  mailSend,
  mailUpdateMessage,
};

/** Every Mail tool, reads first. */
export const mailTools: ZohoTool<MailClient>[] = [
  mailListFolders,
  mailListMessages,
  mailGetMessage,
  mailSearch,
  mailGetAttachment,
  mailListLabels,
  mailListTemplates,
  mailSend,
  mailReply,
  mailForward,
  mailSaveDraft,
  mailUpdateMessage,
];
