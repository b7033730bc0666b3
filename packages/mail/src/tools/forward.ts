import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient } from '../client.js';
import { composeOutgoing, forwardBody, loadOriginal, parseRecipients, prefixed, sendPlan, type SentResult } from '../compose.js';
import { shapeSent } from '../shape.js';
import { ACCOUNT_SCOPE, addressesSchema, attachmentsSchema, bodySchema, checkBody, folderIdSchema, messageIdSchema } from './shared.js';

const input = z.object({
  message_id: messageIdSchema(),
  folder_id: folderIdSchema(),
  to: addressesSchema().describe('Recipients.'),
  cc: addressesSchema().optional().describe('Cc.'),
  text: bodySchema().optional().describe('Note above it.'),
  html: bodySchema().optional().describe('Note as HTML.'),
  attachments: attachmentsSchema(),
  from: z.string().trim().max(320).optional().describe('A send-as address (default the primary).'),
});

export const mailForward = defineZohoTool<typeof input, MailClient, SentResult>({
  name: 'mail_forward',
  app: 'mail',
  access: 'write',
  scopes: ['ZohoMail.messages.CREATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', ACCOUNT_SCOPE],
  description: `Forward an email with its attachments and an optional note; the user confirms first. Returns the sent message's id.`,
  examples: [{ message_id: '1721050000000000027', folder_id: '4411200001000000001', to: ['leo.brandt@northwind-creative.example'], text: 'Leo, yours?' }],
  input,
  plan: async (args, ctx) => {
    checkBody(args, true);
    const to = parseRecipients(args.to, 'to');
    if (to.length === 0) throw new ToolInputError('to', 'give at least one recipient');
    const original = await loadOriginal(ctx.client, args.message_id, args.folder_id, { signal: ctx.signal, attachments: true });
    const out = await composeOutgoing(ctx.client, args, {
      signal: ctx.signal,
      to,
      cc: parseRecipients(args.cc, 'cc'),
      bcc: [],
      subject: prefixed('Fwd', original.subject),
      body: (note) => forwardBody(note, original),
      requireSubject: true,
    });
    if (original.attachments.length) out.forwarded = original.attachments;
    await ctx.client.ensureBudget(out.files.length ? 2 : 1, 'this forward');
    return sendPlan(ctx.client, 'Forward', out, 'sent', (body) => ctx.client.respond(original.messageId, { ...body, action: 'forward' }, { signal: ctx.signal }), ctx.signal);
  },
  shape: shapeSent,
  ids: (r) => [String(r.message.messageId)],
});
