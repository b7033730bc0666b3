import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksInvoice, UpdateInvoiceBody } from '../client.js';
import { amountFromZoho, amountToWire, formatAmount } from '../money.js';
import { checkLines, editLineItemSchema, previewOf, sameLines, type WireLine } from './documents.js';
import { shapeInvoice } from './get-invoice.js';
import { invoiceFor, invoiceLabel } from './invoice-status.js';
import { addDaysIso, dateSchema, idSchema, ORG_DISCOVERY_SCOPE } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The draft invoice.'),
  line_items: z.array(editLineItemSchema).min(1).max(100).optional().describe('All lines; lines left out are removed.'),
  date: dateSchema().optional().describe('New invoice date.'),
  due_date: dateSchema().optional().describe('New due date.'),
  notes: z.string().trim().max(5000).optional().describe('New notes ("" clears).'),
});

const FIELDS = ['line_items', 'date', 'due_date', 'notes'] as const;
type Field = (typeof FIELDS)[number];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The editable fields of an invoice as the person reads them (lines and total exact). */
function viewOf(invoice: BooksInvoice): Record<Field | 'total', unknown> {
  return {
    date: invoice.date ?? '',
    due_date: invoice.due_date ?? '',
    notes: String(invoice.notes ?? ''),
    line_items: (invoice.line_items ?? []).map(previewOf),
    total: formatAmount(amountFromZoho(invoice.total) ?? 0n),
  };
}

/** The invoice's current lines as they are re-sent when only other fields change (Books replaces the list). */
function currentLines(invoice: BooksInvoice): WireLine[] {
  return (invoice.line_items ?? []).map((l) => {
    const line: WireLine = { quantity: amountToWire(amountFromZoho(l.quantity) ?? 0n), rate: amountToWire(amountFromZoho(l.rate) ?? 0n) };
    if (l.line_item_id) line.line_item_id = String(l.line_item_id);
    if (l.item_id) line.item_id = String(l.item_id);
    if (l.name) line.name = l.name;
    if (l.description) line.description = l.description;
    return line;
  });
}

export const booksUpdateInvoice = defineZohoTool<typeof input, BooksClient, BooksInvoice>({
  name: 'books_update_invoice',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.invoices.UPDATE', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Edit a draft Zoho Books invoice: lines, dates or notes.
Use to correct a draft before sending (line ids: books_get_invoice).
Returns the updated invoice.`,
  examples: [{ invoice_id: '4372460000000000066', notes: 'Thank you for your business.' }],
  input,
  plan: async (args, ctx) => {
    const given = FIELDS.filter((f) => args[f] !== undefined);
    if (!given.length) throw new ToolInputError('line_items', 'give what to change: line_items, date, due_date or notes');
    const checked = args.line_items ? checkLines(args.line_items) : undefined;
    if (args.date && args.due_date && args.due_date < args.date) throw new ToolInputError('due_date', `${args.due_date} is before the invoice date ${args.date}`);

    const invoice = await invoiceFor(ctx.client, args.invoice_id, ctx.signal);
    const number = String(invoice.invoice_number ?? args.invoice_id);
    if (invoice.status !== 'draft') throw new ToolInputError('invoice_id', `invoice ${number} is ${invoice.status ?? 'not a draft'}; only drafts can be edited here`);
    const known = (invoice.line_items ?? []).map((l) => String(l.line_item_id));
    args.line_items?.forEach((l, i) => {
      if (l.line_item_id && !known.includes(l.line_item_id)) throw new ToolInputError(`line_items[${i}].line_item_id`, `${l.line_item_id} is not a line of invoice ${number}; its lines are ${known.join(', ') || 'none'}`);
    });

    const date = args.date ?? String(invoice.date ?? '');
    // A new date without a new due date keeps the invoice's terms (the same number of days to pay).
    const due = args.due_date ?? (args.date && invoice.date && invoice.due_date ? addDaysIso(args.date, daysBetween(invoice.date, invoice.due_date)) : String(invoice.due_date ?? ''));
    if (due && date && due < date) throw new ToolInputError(args.due_date ? 'due_date' : 'date', `the due date ${due} would be before the invoice date ${date}`);

    const now = viewOf(invoice);
    const next: Record<string, unknown> = { ...now, date, due_date: due };
    if (args.notes !== undefined) next.notes = args.notes;
    if (checked) {
      next.line_items = checked.preview;
      next.total = formatAmount(checked.total);
    }
    const changed = (Object.keys(next) as (keyof typeof now)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(now[k]));
    if (!changed.length) throw new ToolInputError(given[0]!, `invoice ${number} already has these values; nothing to update`);
    const before = Object.fromEntries(changed.map((k) => [k, now[k]]));
    const after = Object.fromEntries(changed.map((k) => [k, next[k]]));

    const body: UpdateInvoiceBody = { line_items: checked?.wire ?? currentLines(invoice) };
    if (changed.includes('date')) body.date = date;
    if (changed.includes('due_date')) body.due_date = due;
    if (args.notes !== undefined) body.notes = args.notes;

    /** After a lost answer: read the invoice back; every changed field at its new value → applied. */
    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<BooksInvoice>> => {
      const { invoice: stored } = await ctx.client.getInvoice(args.invoice_id, { signal });
      const view = viewOf(stored);
      const same = (k: string, target: Record<string, unknown>) =>
        k === 'line_items' ? sameLines(stored.line_items, target === after ? body.line_items : currentLines(invoice)) : JSON.stringify(view[k as keyof typeof view]) === JSON.stringify(target[k]);
      if (changed.every((k) => same(k, after))) return { status: 'applied', id: args.invoice_id, result: stored, detail: `invoice ${number} reads back with the new values` };
      if (changed.every((k) => same(k, before))) return { status: 'not_applied', detail: `invoice ${number} still has its previous values` };
      return { status: 'unknown', detail: `invoice ${number} reads back with some of the new values only (edited meanwhile?)` };
    };

    const totals = changed.includes('total') ? ` (total ${invoice.currency_code ?? ''} ${String(now.total)} → ${String(next.total)})` : '';
    return {
      summary: `Update draft invoice ${invoiceLabel(invoice)}: ${changed.filter((k) => k !== 'total').join(', ')}${totals}`,
      payload: body,
      before,
      after,
      execute: async () => (await ctx.client.updateInvoice(args.invoice_id, body, { signal: ctx.signal })).invoice,
      reconcile,
      checkWith: `books_get_invoice {"invoice_id":"${args.invoice_id}"}`,
    };
  },
  shape: (invoice) => shapeInvoice(invoice),
  ids: (invoice) => [String(invoice.invoice_id)],
});
