import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient } from '../client.js';
import { addressedAs, composeOutgoing, loadOriginal, parseRecipients, prefixed, replyBody, replyRecipients, sendPlan, type SentResult } from '../compose.js';
import { shapeSent } from '../shape.js';
import { ACCOUNT_SCOPE, addressesSchema, attachmentsSchema, bodySchema, checkBody, idSchema, subjectSchema, templateSchema } from './shared.js';

const input = z.object({
  to: addressesSchema().optional().describe('Recipients.'),
  cc: addressesSchema().optional().describe('Cc.'),
  subject: subjectSchema().optional().describe('Subject.'),
  text: bodySchema().optional().describe('Plain-text body.'),
  html: bodySchema().optional().describe('HTML body.'),
  template: templateSchema(),
  attachments: attachmentsSchema(),
  reply_to_message_id: idSchema('message').optional().describe('Draft a reply to this message.'),
  reply_all: z.boolean().optional().describe('Reply to all.'),
  folder_id: idSchema('folder').optional().describe("That message's folder_id."),
  from: z.string().trim().max(320).optional().describe('A send-as address.'),
});

export const mailSaveDraft = defineZohoTool<typeof input, MailClient, SentResult>({
  name: 'mail_save_draft',
  app: 'mail',
  access: 'write',
  scopes: ['ZohoMail.messages.CREATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', ACCOUNT_SCOPE],
  description: `Save an email, or a reply, as a draft for a person to finish and send in Zoho Mail; nothing is sent. The safe choice unless asked to send. Returns the draft's id.`,
  examples: [{ reply_to_message_id: '1721050000000000023', folder_id: '4411200001000000001', text: 'Wednesday 14:00 works. Maya' }],
  input,
  plan: async (args, ctx) => {
    checkBody(args, true);
    if (args.reply_all && !args.reply_to_message_id) throw new ToolInputError('reply_all', 'goes with reply_to_message_id');
    if (args.folder_id && !args.reply_to_message_id) throw new ToolInputError('folder_id', 'goes with reply_to_message_id');
    let to = parseRecipients(args.to, 'to');
    let cc = parseRecipients(args.cc, 'cc');
    const bcc: ReturnType<typeof parseRecipients> = [];
    const options: Parameters<typeof composeOutgoing>[2] = { signal: ctx.signal, to, cc, bcc, requireSubject: false, body: (b) => b ?? { format: 'plaintext', content: '', text: '' } };
    if (args.reply_to_message_id) {
      const original = await loadOriginal(ctx.client, args.reply_to_message_id, args.folder_id, { signal: ctx.signal, attachments: false, field: 'reply_to_message_id' });
      const account = await ctx.client.account({ signal: ctx.signal });
      const reply = replyRecipients(account, original, args.reply_all === true);
      if (!args.to) to = reply.to;
      cc = [...reply.cc, ...cc];
      const defaultFrom = addressedAs(account, original);
      Object.assign(options, {
        to,
        cc,
        subject: prefixed('Re', original.subject),
        ...(defaultFrom ? { defaultFrom } : {}),
        body: replyBody(ctx.client, original),
      });
    }
    const out = await composeOutgoing(ctx.client, args, options);
    if (!out.subject && !out.bodyText.trim() && out.to.length === 0) throw new ToolInputError('subject', 'an empty draft: give at least a subject, a body or a recipient');
    await ctx.client.ensureBudget(out.files.length ? 2 : 1, 'saving this draft');
    return sendPlan(ctx.client, 'Save draft', out, 'saved_as_draft', (body) => ctx.client.send({ ...body, mode: 'draft' }, { signal: ctx.signal }), ctx.signal);
  },
  shape: shapeSent,
  ids: (r) => [String(r.message.messageId)],
});
