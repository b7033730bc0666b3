import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksEstimate, CreateEstimateBody } from '../client.js';
import { formatAmount } from '../money.js';
import { checkLines, findCreatedDocument, findCustomer, lineItemSchema } from './documents.js';
import { shapeInvoice } from './get-invoice.js';
import { addDaysIso, dateSchema, idSchema, ORG_DISCOVERY_SCOPE, textSchema, todayIso } from './shared.js';

const input = z.object({
  customer_id: idSchema('customer').optional().describe('contact_id; or give customer_name.'),
  customer_name: textSchema(200).optional().describe("The customer's exact name."),
  line_items: z.array(lineItemSchema).min(1).max(100).describe('Quoted lines.'),
  date: dateSchema().optional().describe('Estimate date; default today.'),
  expiry_date: dateSchema().optional().describe('Valid until; default +30 days.'),
  reference_number: z.string().trim().max(100).optional().describe('Reference number.'),
  notes: z.string().trim().max(5000).optional().describe('Note printed on the quote.'),
});

/** Books' default validity when no expiry date is given (unconfirmed; the emulator uses it too). */
const DEFAULT_VALID_DAYS = 30;

async function findCreated(client: BooksClient, body: CreateEstimateBody, sentAt: number, signal: AbortSignal): Promise<ReconcileVerdict<BooksEstimate>> {
  const { estimates } = await client.listEstimates({ customer_id: body.customer_id, sort_column: 'created_time', sort_order: 'D', per_page: 25 }, { signal });
  return findCreatedDocument({
    listed: estimates ?? [],
    sent: body,
    sentAt,
    read: async (row) => (await client.getEstimate(String(row.estimate_id), { signal })).estimate,
    id: (est) => String(est.estimate_id),
    label: (est) => String(est.estimate_number ?? est.estimate_id),
    kind: 'estimate',
  });
}

export const booksCreateEstimate = defineZohoTool<typeof input, BooksClient, BooksEstimate>({
  name: 'books_create_estimate',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.estimates.CREATE', 'ZohoBooks.estimates.READ', 'ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `Create a draft Zoho Books estimate (a quote) for an existing customer.
Use to quote a price before invoicing.
Returns the estimate with its number and exact total.`,
  examples: [{ customer_name: 'Helios Solar', line_items: [{ name: 'Brand Strategy Workshop', quantity: '1', rate: '2400.00' }] }],
  input,
  plan: async (args, ctx) => {
    const { wire, preview, total } = checkLines(args.line_items);
    const date = args.date ?? todayIso();
    if (args.expiry_date && args.expiry_date < date) throw new ToolInputError('expiry_date', `${args.expiry_date} is before the estimate date ${date}`);
    const customer = await findCustomer(ctx.client, args, ctx.signal);
    const body: CreateEstimateBody = { customer_id: String(customer.contact_id), line_items: wire };
    if (args.date) body.date = args.date;
    if (args.expiry_date) body.expiry_date = args.expiry_date;
    if (args.reference_number) body.reference_number = args.reference_number;
    if (args.notes) body.notes = args.notes;
    const currency = customer.currency_code ?? '';
    const after: Record<string, unknown> = {
      status: 'draft',
      customer_id: String(customer.contact_id),
      customer_name: customer.contact_name,
      date,
      expiry_date: args.expiry_date ?? addDaysIso(date, DEFAULT_VALID_DAYS),
      currency_code: currency,
      line_items: preview,
      total: formatAmount(total),
    };
    if (args.reference_number) after.reference_number = args.reference_number;
    return {
      summary: `Create a draft estimate for ${customer.contact_name ?? body.customer_id}: ${wire.length} line${wire.length === 1 ? '' : 's'}, total ${currency} ${formatAmount(total)}`.replace(/ {2,}/g, ' '),
      payload: body,
      after,
      execute: async () => (await ctx.client.createEstimate(body, { signal: ctx.signal })).estimate,
      reconcile: ({ sentAt, signal }) => findCreated(ctx.client, body, sentAt, signal),
      checkWith: `books_list_estimates {"customer_id":"${body.customer_id}"}`,
    };
  },
  shape: (estimate) => shapeInvoice(estimate),
  ids: (estimate) => [String(estimate.estimate_id)],
});
