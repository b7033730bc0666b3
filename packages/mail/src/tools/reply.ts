import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient } from '../client.js';
import { addressedAs, composeOutgoing, loadOriginal, parseRecipients, prefixed, replyBody, replyRecipients, sendPlan, type SentResult } from '../compose.js';
import { shapeSent } from '../shape.js';
import { ACCOUNT_SCOPE, addressesSchema, attachmentsSchema, bodySchema, checkBody, folderIdSchema, messageIdSchema, templateSchema } from './shared.js';

const input = z.object({
  message_id: messageIdSchema(),
  folder_id: folderIdSchema(),
  reply_all: z.boolean().optional().describe('Reply to all.'),
  text: bodySchema().optional().describe('Plain-text body.'),
  html: bodySchema().optional().describe('HTML body.'),
  template: templateSchema(),
  cc: addressesSchema().optional().describe('Extra Cc.'),
  attachments: attachmentsSchema(),
  from: z.string().trim().max(320).optional().describe('A send-as address (default the one it was sent to).'),
});

export const mailReply = defineZohoTool<typeof input, MailClient, SentResult>({
  name: 'mail_reply',
  app: 'mail',
  access: 'write',
  scopes: ['ZohoMail.messages.CREATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', ACCOUNT_SCOPE],
  description: `Reply or reply-all to an email, quoting it; recipients (Reply-To first) and "Re:" subject follow from it. The user confirms first. Returns the reply's id.`,
  examples: [{ message_id: '1721050000000000030', folder_id: '4411200001000000001', text: 'Tuesday 10:00 works. Maya' }],
  input,
  plan: async (args, ctx) => {
    checkBody(args);
    const original = await loadOriginal(ctx.client, args.message_id, args.folder_id, { signal: ctx.signal, attachments: false });
    const account = await ctx.client.account({ signal: ctx.signal });
    const { to, cc } = replyRecipients(account, original, args.reply_all === true);
    if (to.length === 0) throw new ToolInputError('message_id', 'the original has no recipient to reply to other than this mailbox; use mail_send');
    const extraCc = parseRecipients(args.cc, 'cc');
    const defaultFrom = addressedAs(account, original);
    const out = await composeOutgoing(ctx.client, args, {
      signal: ctx.signal,
      to,
      cc: [...cc, ...extraCc],
      bcc: [],
      subject: prefixed('Re', original.subject),
      ...(defaultFrom ? { defaultFrom } : {}),
      body: replyBody(ctx.client, original),
      requireSubject: true,
    });
    await ctx.client.ensureBudget(out.files.length ? 2 : 1, 'this reply');
    const action = args.reply_all ? 'replyall' : 'reply';
    return sendPlan(ctx.client, args.reply_all ? 'Reply to all' : 'Reply', out, 'sent', (body) => ctx.client.respond(original.messageId, { ...body, action }, { signal: ctx.signal }), ctx.signal);
  },
  shape: shapeSent,
  ids: (r) => [String(r.message.messageId)],
});
