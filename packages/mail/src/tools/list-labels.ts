import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient, MailLabel, MailNotes } from '../client.js';
import { withNotes } from '../shape.js';
import { ACCOUNT_SCOPE } from './shared.js';

const input = z.object({});

export const mailListLabels = defineZohoTool<typeof input, MailClient, { labels: MailLabel[]; notes: MailNotes }>({
  name: 'mail_list_labels',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.tags.READ', ACCOUNT_SCOPE],
  description: `List the mailbox's labels, to apply or remove with mail_update_message. Returns label_id, name and colour of each.`,
  examples: [{}],
  input,
  async run(_args, ctx) {
    const labels = await ctx.client.labels({ signal: ctx.signal });
    return { labels, notes: await ctx.client.notes() };
  },
  shape: ({ labels, notes }) =>
    withNotes({ labels: toTable(labels.map((l) => ({ label_id: String(l.labelId), name: l.displayName, color: l.color }))) }, notes),
});
