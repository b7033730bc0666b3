import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { MailClient, type MailClientOptions } from './client.js';
import { mailEnvelopeReader } from './envelope.js';
import { mailTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options of the Mail plugin: `pluginOptions: { mail: { accountId, files, … } }` in createZohoToolkit. */
export type MailPluginOptions = MailClientOptions;

/** Guidance every Mail tool shares, said once in the toolkit's instructions. */
export const MAIL_INSTRUCTIONS = `Zoho Mail tools:
- One mailbox is used (configured, or the user's primary one); never ask for an account id.
- Message rows carry message_id and folder_id: pass both to mail_get_message, mail_reply, mail_forward, mail_get_attachment and mail_update_message. folder inputs take a path ("/Clients/Zylker Corp"), a unique name ("Sent") or a folder_id.
- Times in results are UTC; date inputs are yyyy-mm-dd. Paging: pass next_start as start. Values every row of a table shares are said once in every_row (and folder_id beside it); a row without "to" was sent to this mailbox's own address.
- Addresses are "name@example.com" or "Name <name@example.com>"; from must be one of the account's send-as addresses (mail_list_folders lists them).
- A sent email cannot be taken back: send, reply or forward only when the user asked; otherwise save a draft (mail_save_draft). The user sees every recipient and the full body before anything goes out.
- Templates (mail_list_templates) fill {{placeholders}}: give every one in template.values; sender_name and sender_email are filled for you.
- Attachments are files in the local files folder: mail_get_attachment saves there, attachments of mail_send read from there.
- Mail allows few requests (30 a minute; a daily budget): prefer one search over many reads. A budget_left note means the day's budget runs low.`;

/** Zoho Mail for LangChain agents. */
export const mailPlugin: ZohoPlugin<MailClient, MailPluginOptions> = {
  name: '@zoho-agent-kit/mail',
  app: 'mail',
  version,
  tools: mailTools,
  readError: mailEnvelopeReader,
  createClient: (connection, options) => new MailClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/mail/emulator',
  instructions: MAIL_INSTRUCTIONS,
};

export { MailClient, mailEnvelopeReader, mailTools };
export { MAIL_ERROR_KINDS } from './envelope.js';
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
} from './tools/index.js';
export { buildSearchKey, searchValue, type SearchQuery } from './search.js';
export { BUILTIN_TEMPLATES, fillTemplate, listTemplates, loadTemplate, TEMPLATES_DIR, type FilledTemplate, type MailTemplate } from './templates.js';
export { htmlToText, readableBody, trimReply } from './text.js';
export { DEFAULT_MAX_ATTACHMENT_BYTES } from './client.js';
export type {
  CallOptions,
  ListViewParams,
  MailAccount,
  MailAccountInfo,
  MailAttachmentInfo,
  MailClientOptions,
  MailEnvelope,
  MailFolder,
  MailLabel,
  MailMessageDetails,
  MailMessageRow,
  MailNotes,
  MailSendBody,
  MailSendResult,
  MailUploadedAttachment,
  SearchParams,
} from './client.js';
export type { SentResult } from './compose.js';
