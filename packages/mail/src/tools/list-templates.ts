import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { MailClient } from '../client.js';
import { sayOnce } from '../shape.js';
import { listTemplates, TEMPLATES_DIR, type MailTemplate } from '../templates.js';
import { ACCOUNT_SCOPE } from './shared.js';

const input = z.object({});

export const mailListTemplates = defineZohoTool<typeof input, MailClient, { templates: MailTemplate[] }>({
  name: 'mail_list_templates',
  app: 'mail',
  access: 'read',
  // Reads only the local files folder; it declares the one scope every Mail toolkit holds (core wants one).
  scopes: [ACCOUNT_SCOPE],
  description: `List email templates for the template option of mail_send, mail_reply, mail_save_draft: Markdown/HTML files in ${TEMPLATES_DIR}/ of the files folder, and built-in ones. Returns name, subject, {{placeholders}}.`,
  examples: [{}],
  input,
  run: async (_args, ctx) => ({ templates: await listTemplates(ctx.client.files, ctx.client.builtinTemplates) }),
  shape: ({ templates }) => {
    const records: Record<string, unknown>[] = templates.map((t) => ({ name: t.name, subject: t.subject, placeholders: t.placeholders.join(', '), format: t.format, source: t.source, file: t.file }));
    // format and source said once when every template shares them (e.g. only the built-in ones).
    const every_row = sayOnce(records, ['format', 'source']);
    const table = toTable(records, { columns: ['name', 'subject', 'placeholders', 'format', 'source', 'file'] });
    return Object.keys(every_row).length ? { every_row, templates: table } : { templates: table };
  },
});
