import { compact, defineZohoTool, toTable, ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { asId, asNumber, hasAttachments, isUnread, receivedAt, type MailAttachmentInfo, type MailClient, type MailMessageDetails, type MailNotes } from '../client.js';
import { flagName, isoTime, labelsOfRows, withNotes } from '../shape.js';
import { addressesOf, parseHeaders, readableBody, showAddress } from '../text.js';
import { ACCOUNT_SCOPE, folderIdSchema, messageIdSchema } from './shared.js';

const input = z.object({
  message_id: messageIdSchema(),
  folder_id: folderIdSchema(),
  include_quoted: z.boolean().optional().describe('Keep quoted history and signature.'),
});

interface Result {
  details: MailMessageDetails;
  content: string;
  headers: string;
  attachments: MailAttachmentInfo[];
  labels: Record<string, string>;
  /** The plugin's cap on the body shown (maxBodyChars). */
  maxBodyChars: number;
  notes: MailNotes;
}

export const mailGetMessage = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_get_message',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.messages.READ', 'ZohoMail.tags.READ', ACCOUNT_SCOPE],
  description: `Read one email as plain text. Returns headers (from, to, cc, reply-to, date), flag, labels, attachments (id, name, size) and the body without quoted history or signature.`,
  examples: [{ message_id: '1721050000000000030', folder_id: '4411200001000000001' }],
  input,
  async run(args, ctx) {
    const folder = ctx.client.locate(args.message_id, args.folder_id);
    const signal = ctx.signal;
    let details: MailMessageDetails;
    try {
      details = await ctx.client.details(folder, args.message_id, { signal });
    } catch (err) {
      if (err instanceof ZohoApiError && err.kind === 'not_found') {
        throw new ToolInputError(args.folder_id ? 'folder_id' : 'message_id', `no message ${args.message_id} in folder ${folder}; it may have moved: find it with mail_search`);
      }
      throw err;
    }
    const content = await ctx.client.content(folder, args.message_id, args.include_quoted === true, { signal });
    const header = await ctx.client.header(folder, args.message_id, { signal });
    const attachments = hasAttachments(details) ? await ctx.client.attachmentInfo(folder, args.message_id, { signal }) : [];
    return { details, content: content?.content ?? '', headers: header?.headerContent ?? '', attachments, labels: await labelsOfRows(ctx.client, [details], signal), maxBodyChars: ctx.client.maxBodyChars, notes: await ctx.client.notes() };
  },
  shape: ({ details, content, headers, attachments, labels, maxBodyChars, notes }, args) => {
    const h = parseHeaders(headers);
    const list = (field: unknown) => addressesOf(field).map(showAddress);
    const fromHeader = h.get('from')?.[0];
    const body = readableBody(content, args.include_quoted === true, maxBodyChars);
    const messageId = asId(details.messageId) ?? args.message_id;
    const threadId = asId(details.threadId);
    const priority = asNumber(details.priority);
    // compact drops what is not there (no thread, no cc, …); the body stays even when empty.
    const out = (compact({
      message_id: messageId,
      folder_id: asId(details.folderId),
      thread_id: threadId && threadId !== messageId ? threadId : undefined,
      date: isoTime(receivedAt(details)),
      from: fromHeader ? list(fromHeader)[0] : details.fromAddress,
      to: list(h.get('to')?.[0] ?? details.toAddress),
      cc: list(h.get('cc')?.[0] ?? details.ccAddress),
      bcc: list(details.bccAddress),
      reply_to: list(h.get('reply-to')?.[0]),
      subject: details.subject,
      unread: isUnread(details) ? true : undefined,
      flag: flagName(details.flagid),
      priority: priority !== undefined && priority !== 3 ? priority : undefined,
      labels: (details.labelId ?? []).map((id) => labels[String(id)] ?? String(id)),
      attachments: attachments.map((a) => ({ attachment_id: String(a.attachmentId), name: a.attachmentName, size: asNumber(a.attachmentSize) })),
    }) ?? {}) as Record<string, unknown>;
    if (Array.isArray(out.attachments)) out.attachments = toTable(out.attachments as Record<string, unknown>[]);
    out.body = body.text;
    if (body.trimmed) out.trimmed = `quoted history and signature left out (${body.trimmed} characters); include_quoted: true shows them`;
    if (body.cut) out.cut = `the body was cut after ${maxBodyChars} characters (${body.cut} more)`;
    return withNotes(out, notes);
  },
});
