import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient } from '../client.js';
import { amountFromZoho, formatAmount } from '../money.js';
import { shapeInvoice } from './get-invoice.js';
import { invoiceFor, invoiceLabel, readBack } from './invoice-status.js';
import { idSchema, ORG_DISCOVERY_SCOPE } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice to void.'),
});

export interface VoidResult {
  invoice_id: string;
  invoice_number?: string;
  status: string;
  /** Payments that were applied to the invoice and are now the customer's credits. */
  credited?: string;
  currency_code?: string;
}

export const booksVoidInvoice = defineZohoTool<typeof input, BooksClient, VoidResult>({
  name: 'books_void_invoice',
  app: 'books',
  access: 'destructive',
  scopes: ['ZohoBooks.invoices.CREATE', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Void a Zoho Books invoice: no longer owed; its payments become customer credits.
Use only when the user clearly asks to cancel it.
Returns the new status and what was credited.`,
  examples: [{ invoice_id: '4372460000000000092' }],
  input,
  plan: async (args, ctx) => {
    const invoice = await invoiceFor(ctx.client, args.invoice_id, ctx.signal);
    const number = String(invoice.invoice_number ?? args.invoice_id);
    if (invoice.status === 'void') throw new ToolInputError('invoice_id', `invoice ${number} is already void`);
    const paid = amountFromZoho(invoice.payment_made) ?? 0n;
    const currency = invoice.currency_code ?? '';
    const credits = paid > 0n ? `; payments of ${currency} ${formatAmount(paid)} become ${invoice.customer_name ?? 'the customer'}'s credits` : '';

    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<VoidResult>> => {
      const { invoice: now } = await ctx.client.getInvoice(args.invoice_id, { signal });
      if (now.status === 'void') return { status: 'applied', id: args.invoice_id, result: { invoice_id: args.invoice_id, invoice_number: number, status: 'void', ...(paid > 0n ? { credited: formatAmount(paid), currency_code: currency } : {}) } };
      return { status: 'not_applied', detail: `invoice ${number} is still ${now.status ?? 'not void'}` };
    };

    return {
      summary: `Void invoice ${invoiceLabel(invoice)}${credits}`,
      payload: { invoice_id: args.invoice_id },
      before: shapeInvoice(invoice),
      after: { invoice_number: number, status: 'void' },
      execute: async () => {
        await ctx.client.voidInvoice(args.invoice_id, { signal: ctx.signal });
        const now = await readBack(ctx.client, args.invoice_id, ctx.signal);
        const result: VoidResult = { invoice_id: args.invoice_id, invoice_number: number, status: String(now?.status ?? 'void') };
        if (paid > 0n) Object.assign(result, { credited: formatAmount(paid), currency_code: currency });
        return result;
      },
      reconcile,
      checkWith: `books_get_invoice {"invoice_id":"${args.invoice_id}"}`,
    };
  },
  ids: (result) => [result.invoice_id],
});
