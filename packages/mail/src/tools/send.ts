import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient } from '../client.js';
import { composeOutgoing, parseRecipients, sendPlan, type SentResult } from '../compose.js';
import { ACCOUNT_SCOPE, addressesSchema, attachmentsSchema, bodySchema, checkBody, subjectSchema, templateSchema } from './shared.js';
import { shapeSent } from '../shape.js';

const input = z.object({
  to: addressesSchema().describe('Recipients.'),
  cc: addressesSchema().optional().describe('Cc.'),
  bcc: addressesSchema().optional().describe('Bcc.'),
  subject: subjectSchema().optional().describe('Subject (or from the template).'),
  text: bodySchema().optional().describe('Plain-text body.'),
  html: bodySchema().optional().describe('HTML body.'),
  template: templateSchema(),
  attachments: attachmentsSchema(),
  from: z.string().trim().max(320).optional().describe('A send-as address (default the primary).'),
});

export const mailSend = defineZohoTool<typeof input, MailClient, SentResult>({
  name: 'mail_send',
  app: 'mail',
  access: 'write',
  scopes: ['ZohoMail.messages.CREATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', ACCOUNT_SCOPE],
  description: `Send a new email, only when asked to (else mail_save_draft); the user confirms every recipient and the full body first. Returns the sent message's id.`,
  examples: [{ to: ['bob.burns@zylker.example'], subject: 'Q3 estimate', text: 'Hi Bob, the estimate follows Thursday. Maya' }],
  input,
  plan: async (args, ctx) => {
    checkBody(args);
    const to = parseRecipients(args.to, 'to');
    if (to.length === 0) throw new ToolInputError('to', 'give at least one recipient');
    const out = await composeOutgoing(ctx.client, args, {
      signal: ctx.signal,
      to,
      cc: parseRecipients(args.cc, 'cc'),
      bcc: parseRecipients(args.bcc, 'bcc'),
      requireSubject: true,
    });
    await ctx.client.ensureBudget(out.files.length ? 2 : 1, 'this send');
    return sendPlan(ctx.client, 'Send', out, 'sent', (body) => ctx.client.send(body, { signal: ctx.signal }), ctx.signal);
  },
  shape: shapeSent,
  ids: (r) => [String(r.message.messageId)],
});
