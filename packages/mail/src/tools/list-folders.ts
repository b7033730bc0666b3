import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { asNumber, type MailAccountInfo, type MailClient, type MailFolder, type MailNotes } from '../client.js';
import { folderPath, withNotes } from '../shape.js';
import { ACCOUNT_SCOPE } from './shared.js';

const input = z.object({});

interface Result {
  account: MailAccountInfo;
  folders: MailFolder[];
  notes: MailNotes;
}

/** Folder columns; `type` only for system folders whose name differs from their type (custom folders report Inbox). */
export function folderRecord(f: MailFolder): Record<string, unknown> {
  const unread = asNumber(f.unreadCount);
  const total = asNumber(f.messageCount);
  const out: Record<string, unknown> = { folder_id: String(f.folderId), path: folderPath(f) };
  if (f.folderType && f.folderType !== 'Inbox' && f.folderType !== f.folderName) out.type = f.folderType;
  if (unread) out.unread = unread;
  if (total !== undefined) out.total = total;
  return out;
}

export const mailListFolders = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_list_folders',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.folders.READ', ACCOUNT_SCOPE],
  description: `List the mailbox's folders. Returns them by path (system, custom, nested) with unread and total counts, and the account's send-as addresses.`,
  examples: [{}],
  input,
  async run(_args, ctx) {
    const account = await ctx.client.account({ signal: ctx.signal });
    const folders = await ctx.client.folders({ signal: ctx.signal, fresh: true });
    return { account, folders, notes: await ctx.client.notes() };
  },
  shape: ({ account, folders, notes }) =>
    withNotes(
      {
        account: {
          account_id: account.accountId,
          email: account.email,
          send_as: account.sendAs.map((s) => s.address),
        },
        folders: toTable(folders.map(folderRecord), { columns: ['folder_id', 'path', 'type', 'unread', 'total'] }),
      },
      notes,
    ),
});
