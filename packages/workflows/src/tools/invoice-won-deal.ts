import { defineZohoTool, toTable, ToolInputError, type WritePlan } from '@zoho-agent-kit/core';
import { booksCreateInvoice, checkLines, formatAmount, type BooksInvoice } from '@zoho-agent-kit/books';
import { crmAddNote, type CrmRecord, type CrmWriteResponse } from '@zoho-agent-kit/crm';
import { z } from 'zod';
import { runBatch, type BatchDone, type BatchItem } from '../batch.js';
import { booksCustomerFor, loadAccount } from '../customers.js';
import { amountText, createCustomerStep, customerFromAccount, invoicesWithReference, type InvoiceLine } from '../invoicing.js';
import { appPlan, asStep, crmStep } from '../steps.js';
import { allows, amountInput, client, dateInput, findMarker, idInput, marker, type FlowClients, type FlowContext } from '../shared.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  deal_id: idInput('CRM deal').describe('The won deal.'),
  line_items: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200).describe('What is billed.'),
        quantity: amountInput().describe('Units, > 0.'),
        rate: amountInput().describe('Price per unit.'),
      }),
    )
    .min(1)
    .max(50)
    .optional()
    .describe("Bill these (e.g. the deal's products) instead of one line of the deal's Amount."),
  date: dateInput().optional().describe('Invoice date; default today.'),
  payment_terms: z.number().int().min(0).max(365).optional().describe("Days to pay; default the customer's."),
});

export const DEAL_REFERENCE = (dealId: string) => `CRM deal ${dealId}`;
export const DEAL_NOTE_TITLE = 'Invoiced in Zoho Books';
const INVOICE_MARKER = 'books-invoice';

interface InvoiceResult {
  done: BatchDone;
}

/** The deal's invoice note, if CRM has one: `[books-invoice: INV-000065]`. */
async function dealInvoiceNotes(ctx: FlowContext, dealId: string): Promise<string[]> {
  const notes = await client(ctx, 'crm').getRelatedRecords('Deals', dealId, 'Notes', { fields: ['Note_Title', 'Note_Content'], perPage: 200, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  return notes.data.filter((n) => n.Note_Title === DEAL_NOTE_TITLE).flatMap((n) => findMarker(n.Note_Content, INVOICE_MARKER));
}

function noteStepPlan(ctx: FlowContext, deal: CrmRecord, invoice: BooksInvoice): Promise<WritePlan<CrmWriteResponse>> {
  const number = String(invoice.invoice_number ?? invoice.invoice_id);
  return appPlan<CrmWriteResponse>(
    crmAddNote,
    { module: 'Deals', id: deal.id, title: DEAL_NOTE_TITLE, content: `${marker(INVOICE_MARKER, number)} Draft invoice ${number} (invoice_id ${String(invoice.invoice_id)}) created in Zoho Books from this deal.` },
    ctx,
    'crm',
  );
}

export const flowInvoiceWonDeal = defineZohoTool<typeof input, FlowClients, InvoiceResult>({
  name: 'flow_invoice_won_deal',
  app: 'flow',
  access: 'write',
  uses: [use('crm', 'read', SCOPES.crmRead), use('books', 'write', SCOPES.booksInvoiceWrite), use('crm', 'write', SCOPES.crmNote, "notes the invoice number on the deal (the invoice's reference names the deal either way)")],
  description: `Bill a Closed Won CRM deal: a draft Books invoice for its account's customer (created from the CRM account, in the same confirmation, when Books has none), one line of the deal's Amount or the lines given.
The invoice's reference names the deal and the deal gets the invoice number, so a deal is never invoiced twice.
Returns the invoice number and total.`,
  examples: [{ deal_id: '4150868000000100034' }],
  input,
  async plan(args, ctx): Promise<WritePlan<InvoiceResult>> {
    const crm = client(ctx, 'crm');
    const books = client(ctx, 'books');
    const signal = ctx.signal;
    const deal = await crm.getRecord('Deals', args.deal_id, { fields: ['Deal_Name', 'Stage', 'Amount', 'Probability', 'Account_Name', 'Closing_Date'], ...(signal ? { signal } : {}) }).catch((err: unknown) => {
      if ((err as { code?: string }).code === 'INVALID_DATA') return undefined;
      throw err;
    });
    if (!deal) throw new ToolInputError('deal_id', `no CRM deal has id ${args.deal_id}; find it with crm_search {"module":"Deals",…}`);
    const dealName = String(deal.Deal_Name ?? args.deal_id);
    if (deal.Stage !== 'Closed Won') throw new ToolInputError('deal_id', `${dealName} is at stage "${String(deal.Stage)}", not Closed Won; only won deals are invoiced`);
    const accountId = (deal.Account_Name as { id?: unknown } | null)?.id;
    if (!accountId) throw new ToolInputError('deal_id', `${dealName} has no account; link it to a CRM account first`);

    const lines: InvoiceLine[] = args.line_items ?? (() => {
      const amount = typeof deal.Amount === 'number' || typeof deal.Amount === 'string' ? String(deal.Amount) : '';
      if (!amount || Number(amount) <= 0) throw new ToolInputError('line_items', `${dealName} has no Amount; give line_items`);
      return [{ name: dealName, quantity: '1', rate: amountText(amount) }];
    })();
    // Books' own line checks (2 decimals, quantity > 0, rate ≥ 0, amounts within Books' bound), before anything is sent.
    const { total, preview } = checkLines(lines);
    const reference = DEAL_REFERENCE(deal.id);

    // Never twice: an invoice whose reference names the deal already bills it.
    const existing = await invoicesWithReference(books, reference, undefined, signal);
    const noteAllowed = allows(ctx, 'crm', 'write');
    const base = { summary: '', payload: {}, execute: async () => ({ done: { status: 'done' as const, applied: [], ids: [] } }) };
    if (existing.length) {
      const inv = existing[0]!;
      const number = String(inv.invoice_number ?? inv.invoice_id);
      const noted = noteAllowed ? (await dealInvoiceNotes(ctx, deal.id)).includes(number) : true;
      if (noted) return { ...base, nothingToDo: { status: 'already invoiced', deal: dealName, invoice_number: number, invoice_id: String(inv.invoice_id), invoice_status: inv.status, total: amountText(inv.total) } };
      const plan = await noteStepPlan(ctx, deal, inv);
      return {
        summary: `${dealName} is already invoiced as ${number}; note the number on the deal`,
        payload: plan.payload,
        after: { deal: dealName, invoice_number: number },
        execute: async () => ({ done: await runBatch(ctx, [{ label: `note ${number} on the deal`, run: async (send) => ({ note_id: (await send(crmStep(plan, `note ${number} on the deal`))).id ?? '' }) }], 'Run flow_invoice_won_deal again: it finds the invoice by its reference and only adds the missing note.') }),
        checkWith: plan.checkWith ?? `crm_list_notes {"module":"Deals","id":"${deal.id}"}`,
      };
    }

    const account = await loadAccount(crm, String(accountId), signal);
    if (!account) throw new ToolInputError('deal_id', `the deal's account ${String(accountId)} no longer exists in CRM`);
    const pair = await booksCustomerFor(books, account, signal);
    const newCustomer = pair ? undefined : await customerFromAccount(books, account, signal);
    const customerName = pair?.books.name ?? account.name;
    const currency = pair?.books.currency ?? 'the base currency';

    const items: BatchItem[] = [];
    let customerId = pair?.books.id;
    if (newCustomer) {
      items.push({
        label: `create Books customer ${newCustomer.contact_name}`,
        async run(send) {
          const sent = await send(createCustomerStep(books, newCustomer));
          customerId = String(sent.result?.contact_id ?? sent.id ?? '');
          return { action: 'created customer', customer_id: customerId };
        },
      });
    }
    items.push({
      label: `draft invoice for ${dealName}`,
      async run(send) {
        const invoicePlan = await appPlan<BooksInvoice>(
          booksCreateInvoice,
          { customer_id: customerId, line_items: lines, reference_number: reference, ...(args.date ? { date: args.date } : {}), ...(args.payment_terms !== undefined ? { payment_terms: args.payment_terms } : {}) },
          ctx,
          'books',
        );
        const sent = await send(asStep(invoicePlan, `create the draft invoice (${formatAmount(total)})`));
        const invoice = sent.result ?? ({ invoice_id: sent.id ?? '' } as BooksInvoice);
        const out: Record<string, unknown> = { action: 'invoiced', invoice_id: String(invoice.invoice_id), invoice_number: invoice.invoice_number, total: amountText(invoice.total ?? formatAmount(total)) };
        if (noteAllowed) {
          const notePlan = await noteStepPlan(ctx, deal, invoice);
          await send(crmStep(notePlan, `note ${String(invoice.invoice_number ?? '')} on the deal`));
          out.deal_note = 'added';
        } else out.deal_note = 'not allowed for this role (the reference names the deal)';
        return out;
      },
    });
    const after: Record<string, unknown> = {
      deal: dealName,
      customer: newCustomer ? `${customerName} (new: created from the CRM account)` : `${customerName} (${pair!.books.id}, matched by ${pair!.matched_by})`,
      reference_number: reference,
      line_items: toTable(preview as unknown as Record<string, unknown>[]),
      total: `${currency === 'the base currency' ? '' : `${currency} `}${formatAmount(total)}`,
      deal_note: noteAllowed ? 'the invoice number, as a note on the deal' : 'not allowed for this role',
    };
    return {
      summary: `Invoice the won deal ${dealName}: ${newCustomer ? `create Books customer ${customerName}, then ` : ''}a draft invoice for ${customerName}, ${lines.length} line${lines.length === 1 ? '' : 's'}, total ${formatAmount(total)}${noteAllowed ? '; note its number on the deal' : ''}`,
      payload: { ...(newCustomer ? { customer: newCustomer } : {}), invoice: { customer_id: customerId ?? '(the new customer)', reference_number: reference, line_items: lines } },
      after,
      execute: async () => ({ done: await runBatch(ctx, items, 'Run flow_invoice_won_deal again with the same deal: a customer already created is matched by its cross-reference, an invoice already made is found by its reference, and only what is missing is sent.') }),
      checkWith: `books_list_invoices {"search_text":"${reference}"}`,
    };
  },
  shape: ({ done }) => ({ status: 'done', applied: toTable(done.applied) }),
  ids: ({ done }) => done.ids,
});
