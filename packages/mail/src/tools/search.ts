import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { hasAttachments, isUnread, receivedAt, type MailClient, type MailMessageRow, type MailNotes } from '../client.js';
import { buildSearchKey } from '../search.js';
import { messageTable, rowContext, withNotes, type RowContext } from '../shape.js';
import { ACCOUNT_SCOPE, dateSchema, dayEnd, dayStart, folderSchema, limitSchema, startSchema } from './shared.js';

const DEFAULT_LIMIT = 20;
const term = () => z.string().trim().max(200);

const input = z.object({
  from: term().optional().describe('Sender address or words of it.'),
  to: term().optional().describe('Recipient address or words of it.'),
  subject: term().optional().describe('Subject words.'),
  text: term().optional().describe('Words anywhere.'),
  date_from: dateSchema().optional().describe('Received from.'),
  date_to: dateSchema().optional().describe('Received until.'),
  has_attachment: z.boolean().optional().describe('With/without attachments.'),
  unread: z.boolean().optional().describe('Unread/read only.'),
  folder: folderSchema().optional().describe('One folder (default all).'),
  start: startSchema(),
  limit: limitSchema(DEFAULT_LIMIT),
});

interface Result {
  /** The searchKey sent, or undefined when only filters were given (the list view then serves them). */
  searchKey?: string;
  messages: MailMessageRow[];
  start: number;
  /** Rows examined (Zoho's offset moves by this much). */
  examined: number;
  more: boolean;
  context: RowContext;
  notes: MailNotes;
}

export const mailSearch = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_search',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.messages.READ', 'ZohoMail.folders.READ', 'ZohoMail.tags.READ', ACCOUNT_SCOPE],
  description: `Search mail in all folders (or one) by sender, recipient, subject, text, dates, attachments, read state. Returns rows newest first; mail of the last 2 minutes may be missing.`,
  examples: [{ from: 'zylker.example', subject: 'campaign' }, { has_attachment: true, unread: true }],
  input,
  async run(args, ctx) {
    if (args.date_from && args.date_to && args.date_from > args.date_to) throw new ToolInputError('date_to', `is before date_from (${args.date_from})`);
    const searchKey = buildSearchKey(args);
    const filters = args.folder !== undefined || args.unread !== undefined || args.has_attachment !== undefined || args.date_from !== undefined || args.date_to !== undefined;
    if (!searchKey && !filters) throw new ToolInputError('text', 'give at least one of from, to, subject, text, a date, has_attachment, unread or folder');
    const folder = args.folder ? await ctx.client.resolveFolder(args.folder, 'folder', { signal: ctx.signal }) : undefined;
    const start = args.start ?? 1;
    const limit = args.limit ?? DEFAULT_LIMIT;
    // Filters Zoho's search cannot take (their syntax is unconfirmed) are applied to the rows it returns,
    // so fetch more rows per request when they thin the page out.
    const fetch = Math.min(200, filters ? Math.max(limit * 4, 50) : limit + 1);
    const signal = ctx.signal;
    const rows = searchKey
      ? await ctx.client.search({ searchKey, start, limit: fetch, ...(args.date_to ? { receivedTime: dayEnd(args.date_to) } : {}) }, { signal })
      : await ctx.client.listMessages(
          {
            start,
            limit: fetch,
            includesent: true,
            ...(folder ? { folderId: String(folder.folderId) } : {}),
            ...(args.unread !== undefined ? { status: args.unread ? ('unread' as const) : ('read' as const) } : {}),
            ...(args.has_attachment ? { attachedMails: true } : {}),
          },
          { signal },
        );
    const from = args.date_from ? dayStart(args.date_from) : undefined;
    const to = args.date_to ? dayEnd(args.date_to) : undefined;
    const matches: MailMessageRow[] = [];
    let examined = 0;
    let older = false;
    for (const row of rows) {
      if (matches.length === limit) break;
      const at = receivedAt(row);
      if (from !== undefined && at !== undefined && at < from) {
        older = true; // newest first: nothing further can match
        break;
      }
      examined++;
      if (to !== undefined && at !== undefined && at >= to) continue;
      if (folder && String(row.folderId) !== String(folder.folderId)) continue;
      if (args.unread !== undefined && isUnread(row) !== args.unread) continue;
      const attached = hasAttachments(row);
      if (args.has_attachment !== undefined && attached !== args.has_attachment) continue;
      matches.push(row);
    }
    const more = !older && (examined < rows.length || rows.length === fetch);
    const result: Result = { messages: matches, start, examined, more, context: await rowContext(ctx.client, matches, signal), notes: await ctx.client.notes() };
    if (searchKey) result.searchKey = searchKey;
    return result;
  },
  shape: ({ searchKey, messages, start, examined, more, context, notes }) => {
    const { table, folder_id, every_row } = messageTable(messages, context);
    const out: Record<string, unknown> = {};
    if (searchKey) out.search = searchKey;
    if (folder_id) out.folder_id = folder_id;
    if (every_row) out.every_row = every_row;
    out.messages = table;
    if (more) out.next_start = start + examined;
    return withNotes(out, notes);
  },
});
