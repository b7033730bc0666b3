import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksCustomerPayment, BooksInvoice, CreateCustomerPaymentBody } from '../client.js';
import { amountFromZoho, amountToWire, formatAmount } from '../money.js';
import { amountInput, amountSchema, dateSchema, idSchema, ORG_DISCOVERY_SCOPE, shapeRecord, todayIso } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice_id (digit string) to pay, from books_list_invoices or books_get_customer.'),
  amount: amountSchema()
    .optional()
    .describe('Amount received, in the invoice currency, at most 2 decimal places; default the whole balance due (marks the invoice paid). Cannot exceed the balance.'),
  date: dateSchema().optional().describe('Date the payment was received (yyyy-mm-dd); default today.'),
  payment_mode: z
    .enum(['banktransfer', 'cash', 'check', 'creditcard', 'bankremittance', 'others'])
    .default('banktransfer')
    .describe('How it was paid (default banktransfer).'),
  reference_number: z.string().trim().max(100).optional().describe('Bank or check reference of the payment.'),
  deposit_to_account_id: idSchema('account')
    .optional()
    .describe('Bank or cash account the money went into (account_id from books_get_balance); default Books\' Undeposited Funds.'),
});

interface PaymentResult {
  payment: BooksCustomerPayment;
  invoice_before: BooksInvoice;
  invoice_after: BooksInvoice | undefined;
}

export const booksRecordPayment = defineZohoTool<typeof input, BooksClient, PaymentResult>({
  name: 'books_record_payment',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.customerpayments.CREATE', 'ZohoBooks.invoices.READ', ORG_DISCOVERY_SCOPE],
  description: `Record a customer payment against one Zoho Books invoice ("mark this invoice paid", "Zylker paid 500 of INV-000042"). The user confirms first, seeing the balance before and after.
Use it when money was received for an invoice. Without amount the whole balance due is recorded and the invoice becomes paid; a smaller amount makes it partially_paid; more than the balance is refused.
Returns {payment_id, payment_number, date, amount, currency_code, payment_mode, invoice:{invoice_id, invoice_number, balance_before, balance_after, status}}. Amounts are exact decimal strings. No paging.
Example: {"invoice_id":"4372460000000650034"} or {"invoice_id":"4372460000000650034","amount":"250.00","payment_mode":"check","reference_number":"CHK-1182"}.`,
  input,
  plan: async (args, ctx) => {
    const requested = args.amount === undefined ? undefined : amountInput(args.amount, 'amount');
    if (requested !== undefined && requested <= 0n) throw new ToolInputError('amount', 'must be greater than 0');

    const { invoice } = await ctx.client.getInvoice(args.invoice_id, { signal: ctx.signal });
    const number = invoice.invoice_number ?? args.invoice_id;
    const currency = invoice.currency_code ?? '';
    if (invoice.status === 'void') throw new ToolInputError('invoice_id', `invoice ${number} is void; payments cannot be recorded against it`);
    const balance = amountFromZoho(invoice.balance) ?? 0n;
    if (balance <= 0n) throw new ToolInputError('invoice_id', `invoice ${number} has no balance due (status ${invoice.status ?? 'unknown'}); nothing to record`);
    const amount = requested ?? balance;
    if (amount > balance) {
      throw new ToolInputError('amount', `${formatAmount(amount)} is more than the balance due of invoice ${number} (${currency} ${formatAmount(balance)}); record at most ${formatAmount(balance)}`);
    }
    const remaining = balance - amount;
    const body: CreateCustomerPaymentBody = {
      customer_id: String(invoice.customer_id),
      payment_mode: args.payment_mode,
      amount: amountToWire(amount),
      date: args.date ?? todayIso(),
      invoices: [{ invoice_id: String(invoice.invoice_id), amount_applied: amountToWire(amount) }],
    };
    if (args.reference_number) body.reference_number = args.reference_number;
    if (args.deposit_to_account_id) body.account_id = args.deposit_to_account_id;
    const afterStatus = remaining === 0n ? 'paid' : invoice.status === 'overdue' ? 'overdue' : 'partially_paid';
    return {
      summary: `Record a ${currency} ${formatAmount(amount)} payment from ${invoice.customer_name ?? 'the customer'} against invoice ${number} (balance ${formatAmount(balance)} → ${formatAmount(remaining)})`,
      payload: body,
      before: { invoice_id: String(invoice.invoice_id), invoice_number: number, status: invoice.status, currency_code: currency, balance: formatAmount(balance) },
      after: { invoice_id: String(invoice.invoice_id), invoice_number: number, status: afterStatus, currency_code: currency, balance: formatAmount(remaining) },
      execute: async () => {
        const { payment } = await ctx.client.createCustomerPayment(body, { signal: ctx.signal });
        // Read the invoice back for its real new balance and status; the payment stands even if this read fails.
        const invoiceAfter = await ctx.client
          .getInvoice(String(invoice.invoice_id), { signal: ctx.signal })
          .then((r) => r.invoice)
          .catch(() => undefined);
        return { payment, invoice_before: invoice, invoice_after: invoiceAfter };
      },
    };
  },
  shape: ({ payment, invoice_before, invoice_after }) => {
    const p = shapeRecord<Record<string, unknown>>(payment, ['invoices', 'customer_id', 'account_id', 'created_time', 'unused_amount']);
    const before = amountFromZoho(invoice_before.balance) ?? 0n;
    const applied = amountFromZoho(payment.invoices?.find((i) => String(i.invoice_id) === String(invoice_before.invoice_id))?.amount_applied ?? payment.amount) ?? 0n;
    const afterBalance = invoice_after ? (amountFromZoho(invoice_after.balance) ?? before - applied) : before - applied;
    return {
      ...p,
      invoice: {
        invoice_id: String(invoice_before.invoice_id),
        invoice_number: invoice_before.invoice_number,
        balance_before: formatAmount(before),
        balance_after: formatAmount(afterBalance),
        status: invoice_after?.status ?? (afterBalance === 0n ? 'paid' : 'partially_paid'),
      },
    };
  },
  ids: ({ payment, invoice_before }) => [String(payment.payment_id), String(invoice_before.invoice_id)],
});
