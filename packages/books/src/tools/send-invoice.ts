import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksComment, BooksInvoice, EmailInvoiceBody } from '../client.js';
import { invoiceFor, invoiceLabel, readBack } from './invoice-status.js';
import { EMAIL, idSchema, ORG_DISCOVERY_SCOPE } from './shared.js';

const emails = () =>
  z
    .array(
      z
        .string()
        .trim()
        .max(100)
        .refine((v) => EMAIL.test(v), 'must be an e-mail address'),
    )
    .min(1)
    .max(10);

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice to e-mail.'),
  to: emails().optional().describe("Recipients; default the invoice's contact persons."),
  cc: emails().optional().describe('Copy to.'),
});

export interface SendResult {
  invoice_id: string;
  invoice_number?: string;
  sent_to: string[];
  cc?: string[];
  status?: string;
}

interface Person {
  email?: unknown;
  is_primary_contact?: unknown;
}

/** Who Books e-mails by default: the invoice's contact persons, else the customer's primary contact person. */
async function defaultRecipients(client: BooksClient, invoice: BooksInvoice, signal: AbortSignal | undefined): Promise<string[]> {
  const persons = Array.isArray(invoice.contact_persons_details) ? (invoice.contact_persons_details as Person[]) : [];
  const onInvoice = persons.map((p) => (typeof p.email === 'string' ? p.email : '')).filter(Boolean);
  if (onInvoice.length) return onInvoice;
  if (!invoice.customer_id) return [];
  const { contact } = await client.getContact(String(invoice.customer_id), { signal });
  const people = (Array.isArray(contact.contact_persons) ? (contact.contact_persons as Person[]) : []).filter((p) => typeof p.email === 'string' && p.email);
  const primary = people.filter((p) => p.is_primary_contact === true);
  const chosen = (primary.length ? primary : people).map((p) => String(p.email));
  return chosen.length ? chosen : contact.email ? [contact.email] : [];
}

const isEmailEntry = (c: BooksComment) => /e-?mailed/i.test(String(c.description ?? '')) || /email/i.test(String(c.operation_type ?? ''));

export const booksSendInvoice = defineZohoTool<typeof input, BooksClient, SendResult>({
  name: 'books_send_invoice',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.invoices.CREATE', 'ZohoBooks.invoices.READ', 'ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `E-mail a Zoho Books invoice to the customer with Books' own message; a draft becomes sent.
Use when the customer should receive it.
Returns the recipients and the invoice's status.`,
  examples: [{ invoice_id: '4372460000000000066' }],
  input,
  plan: async (args, ctx) => {
    const invoice = await invoiceFor(ctx.client, args.invoice_id, ctx.signal);
    const number = String(invoice.invoice_number ?? args.invoice_id);
    if (invoice.status === 'void') throw new ToolInputError('invoice_id', `invoice ${number} is void; a void invoice is not sent`);
    const to = args.to ?? (await defaultRecipients(ctx.client, invoice, ctx.signal));
    if (!to.length) throw new ToolInputError('to', `invoice ${number} has no contact person with an e-mail address; give the recipients in to`);
    const body: EmailInvoiceBody = { to_mail_ids: to };
    if (args.cc) body.cc_mail_ids = args.cc;
    // The history before the send: an e-mail entry that is not among these is this send's.
    const earlier = await ctx.client
      .listInvoiceComments(args.invoice_id, { signal: ctx.signal })
      .then((r) => new Set((r.comments ?? []).map((c) => String(c.comment_id))))
      .catch(() => undefined);
    const wasDraft = invoice.status === 'draft';

    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<SendResult>> => {
      const result: SendResult = { invoice_id: args.invoice_id, invoice_number: number, sent_to: to, ...(args.cc ? { cc: args.cc } : {}) };
      if (earlier) {
        const { comments } = await ctx.client.listInvoiceComments(args.invoice_id, { signal });
        const fresh = (comments ?? []).filter((c) => !earlier.has(String(c.comment_id)) && isEmailEntry(c) && String(c.description ?? '').toLowerCase().includes(to[0]!.toLowerCase()));
        if (fresh.length) return { status: 'applied', id: args.invoice_id, result, detail: `the invoice history shows "${String(fresh[0]!.description).slice(0, 120)}"` };
        return { status: 'not_applied', detail: `no new e-mail entry in the history of invoice ${number}` };
      }
      // Without the history, only a draft that turned sent tells.
      const { invoice: now } = await ctx.client.getInvoice(args.invoice_id, { signal });
      if (wasDraft && now.status !== 'draft' && now.is_emailed === true) return { status: 'applied', id: args.invoice_id, result: { ...result, status: String(now.status) } };
      if (wasDraft && now.status === 'draft') return { status: 'not_applied', detail: `invoice ${number} is still a draft` };
      return { status: 'unknown', detail: 'the invoice history could not be read' };
    };

    const becomes = wasDraft ? '; the draft becomes sent' : '';
    return {
      summary: `E-mail invoice ${invoiceLabel(invoice)} to ${to.join(', ')}${args.cc ? ` (cc ${args.cc.join(', ')})` : ''}${becomes}`,
      payload: body,
      before: { invoice_number: number, status: invoice.status },
      after: { invoice_number: number, status: wasDraft ? 'sent' : invoice.status, sent_to: to, ...(args.cc ? { cc: args.cc } : {}) },
      execute: async () => {
        await ctx.client.emailInvoice(args.invoice_id, body, { signal: ctx.signal });
        const now = await readBack(ctx.client, args.invoice_id, ctx.signal);
        const result: SendResult = { invoice_id: args.invoice_id, invoice_number: number, sent_to: to };
        if (args.cc) result.cc = args.cc;
        if (now?.status) result.status = String(now.status);
        return result;
      },
      reconcile,
      checkWith: `books_get_invoice {"invoice_id":"${args.invoice_id}"}`,
    };
  },
  ids: (result) => [result.invoice_id],
});
