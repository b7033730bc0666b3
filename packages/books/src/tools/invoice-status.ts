/** Reading the invoice a write acts on, and telling what its status lets the write do. */
import { ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import type { BooksClient, BooksInvoice } from '../client.js';
import { amountFromZoho, formatAmount } from '../money.js';

/** The invoice an action is about; an unknown id is a field error (nothing is sent). */
export async function invoiceFor(client: BooksClient, invoiceId: string, signal: AbortSignal | undefined): Promise<BooksInvoice> {
  try {
    return (await client.getInvoice(invoiceId, { signal })).invoice;
  } catch (err) {
    if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('invoice_id', `no Books invoice has the id ${invoiceId}; find it with books_list_invoices`);
    throw err;
  }
}

/** `INV-000041 for Zylker Corp (USD 3753.50, partially_paid)`: how a confirmation names an invoice. */
export function invoiceLabel(invoice: BooksInvoice): string {
  const total = formatAmount(amountFromZoho(invoice.total) ?? 0n);
  return `${invoice.invoice_number ?? invoice.invoice_id} for ${invoice.customer_name ?? 'the customer'} (${invoice.currency_code ?? ''} ${total}, ${invoice.status ?? 'unknown status'})`.replace(/\( /, '(');
}

/** Reads the invoice back after a write; the write stands even when this read fails. */
export async function readBack(client: BooksClient, invoiceId: string, signal: AbortSignal | undefined): Promise<BooksInvoice | undefined> {
  return client
    .getInvoice(invoiceId, { signal })
    .then((r) => r.invoice)
    .catch(() => undefined);
}
