import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient, MailFolder, MailMessageRow, MailNotes } from '../client.js';
import { folderPath, messageTable, rowContext, withNotes, type RowContext } from '../shape.js';
import { ACCOUNT_SCOPE, folderSchema, limitSchema, startSchema } from './shared.js';

const DEFAULT_LIMIT = 20;

const input = z.object({
  folder: folderSchema().optional().describe('Folder path, name or folder_id (default Inbox).'),
  unread_only: z.boolean().optional().describe('Only unread mail.'),
  flagged_only: z.boolean().optional().describe('Only flagged mail.'),
  start: startSchema(),
  limit: limitSchema(DEFAULT_LIMIT),
});

interface Result {
  folder: MailFolder;
  messages: MailMessageRow[];
  start: number;
  /** Zoho returned a row beyond the page: there is more. */
  more: boolean;
  /** Label names and the mailbox's address, for the rows. */
  context: RowContext;
  notes: MailNotes;
}

export const mailListMessages = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_list_messages',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.messages.READ', 'ZohoMail.folders.READ', 'ZohoMail.tags.READ', ACCOUNT_SCOPE],
  description: `List mail in a folder (default Inbox). Returns rows newest first: sender, subject, date, summary, unread, flag, attachments, labels; read one with mail_get_message.`,
  examples: [{ unread_only: true, limit: 5 }, { folder: '/Clients/Zylker Corp' }],
  input,
  async run(args, ctx) {
    const folder = args.folder ? await ctx.client.resolveFolder(args.folder, 'folder', { signal: ctx.signal }) : await ctx.client.systemFolder('Inbox', { signal: ctx.signal });
    if (!folder) throw new Error('this mailbox has no Inbox folder');
    const start = args.start ?? 1;
    const limit = args.limit ?? DEFAULT_LIMIT;
    // One row more than asked tells whether there is a next page without a second request.
    const rows = await ctx.client.listMessages(
      {
        folderId: String(folder.folderId),
        start,
        limit: limit + 1,
        ...(args.unread_only ? { status: 'unread' as const } : {}),
        ...(args.flagged_only ? { flaggedMails: true } : {}),
      },
      { signal: ctx.signal },
    );
    const messages = rows.slice(0, limit);
    return { folder, messages, start, more: rows.length > limit, context: await rowContext(ctx.client, messages, ctx.signal), notes: await ctx.client.notes() };
  },
  shape: ({ folder, messages, start, more, context, notes }) => {
    const { table, every_row } = messageTable(messages, context);
    const out: Record<string, unknown> = { folder: folderPath(folder), folder_id: String(folder.folderId) };
    if (every_row) out.every_row = every_row;
    out.messages = table;
    if (more) out.next_start = start + messages.length;
    return withNotes(out, notes);
  },
});
