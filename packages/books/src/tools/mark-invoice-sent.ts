import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient } from '../client.js';
import { invoiceFor, invoiceLabel, readBack } from './invoice-status.js';
import { idSchema, ORG_DISCOVERY_SCOPE } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The draft invoice.'),
});

export interface MarkSentResult {
  invoice_id: string;
  invoice_number?: string;
  status: string;
}

export const booksMarkInvoiceSent = defineZohoTool<typeof input, BooksClient, MarkSentResult>({
  name: 'books_mark_invoice_sent',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.invoices.CREATE', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Mark a draft Zoho Books invoice as sent without e-mailing it; it then counts as owed.
Use when it was delivered another way.
Returns the new status.`,
  examples: [{ invoice_id: '4372460000000000066' }],
  input,
  plan: async (args, ctx) => {
    const invoice = await invoiceFor(ctx.client, args.invoice_id, ctx.signal);
    const number = String(invoice.invoice_number ?? args.invoice_id);
    if (invoice.status !== 'draft') throw new ToolInputError('invoice_id', `invoice ${number} is ${invoice.status ?? 'not a draft'}; only a draft can be marked as sent`);

    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<MarkSentResult>> => {
      const { invoice: now } = await ctx.client.getInvoice(args.invoice_id, { signal });
      if (now.status && now.status !== 'draft') return { status: 'applied', id: args.invoice_id, result: { invoice_id: args.invoice_id, invoice_number: number, status: String(now.status) } };
      return { status: 'not_applied', detail: `invoice ${number} is still a draft` };
    };

    return {
      summary: `Mark draft invoice ${invoiceLabel(invoice)} as sent (no e-mail is sent)`,
      payload: { invoice_id: args.invoice_id },
      before: { invoice_number: number, status: 'draft' },
      after: { invoice_number: number, status: 'sent' },
      execute: async () => {
        await ctx.client.markInvoiceSent(args.invoice_id, { signal: ctx.signal });
        const now = await readBack(ctx.client, args.invoice_id, ctx.signal);
        return { invoice_id: args.invoice_id, invoice_number: number, status: String(now?.status ?? 'sent') };
      },
      reconcile,
      checkWith: `books_get_invoice {"invoice_id":"${args.invoice_id}"}`,
    };
  },
  ids: (result) => [result.invoice_id],
});
