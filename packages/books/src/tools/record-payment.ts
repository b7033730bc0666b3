import { defineZohoTool, ToolInputError, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksCustomerPayment, BooksInvoice, CreateCustomerPaymentBody } from '../client.js';
import { amountFromZoho, amountToWire, formatAmount } from '../money.js';
import { invoiceFor, readBack } from './invoice-status.js';
import { addDaysIso, amountInput, amountSchema, dateSchema, idSchema, ORG_DISCOVERY_SCOPE, shapeRecord, todayIso } from './shared.js';

const input = z.object({
  invoice_id: idSchema('invoice').describe('The invoice to pay.'),
  amount: amountSchema().optional().describe('Default the whole balance.'),
  date: dateSchema().optional().describe('Date received; default today.'),
  payment_mode: z.enum(['banktransfer', 'cash', 'check', 'creditcard', 'bankremittance', 'others']).optional().describe('Default banktransfer.'),
  reference_number: z.string().trim().max(100).optional().describe('Bank or check reference.'),
  deposit_to_account_id: idSchema('account').optional().describe('Bank or cash account_id; default Undeposited Funds.'),
});

export interface PaymentResult {
  payment: BooksCustomerPayment;
  invoice_before: BooksInvoice;
  invoice_after: BooksInvoice | undefined;
}

interface InvoicePayment {
  payment_id?: unknown;
  payment_number?: unknown;
  date?: unknown;
  payment_mode?: unknown;
  amount?: unknown;
  reference_number?: unknown;
}

const paymentsOf = (invoice: BooksInvoice): InvoicePayment[] => (Array.isArray(invoice.payments) ? (invoice.payments as InvoicePayment[]) : []);

/** The deposit account must be an active bank or cash account in the invoice's or the organization's currency. */
async function checkDepositAccount(client: BooksClient, accountId: string, invoice: BooksInvoice, signal: AbortSignal | undefined): Promise<void> {
  const field = 'deposit_to_account_id';
  let account;
  try {
    account = (await client.getChartOfAccount(accountId, { signal })).chart_of_account;
  } catch (err) {
    if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError(field, `no Books account has the id ${accountId}; see books_get_balance`);
    throw err;
  }
  const name = account.account_name ?? accountId;
  if (account.account_type !== 'bank' && account.account_type !== 'cash') throw new ToolInputError(field, `${name} is a ${account.account_type ?? 'non-deposit'} account; deposit to a bank or cash account`);
  if (account.is_active === false) throw new ToolInputError(field, `${name} is inactive`);
  const currency = invoice.currency_code;
  if (account.currency_code && currency && account.currency_code !== currency) {
    const base = await client.baseCurrency({ signal });
    if (account.currency_code !== base) throw new ToolInputError(field, `${name} holds ${account.currency_code}; a ${currency} payment goes to a ${currency}${base && base !== currency ? ` or ${base}` : ''} account`);
  }
}

export const booksRecordPayment = defineZohoTool<typeof input, BooksClient, PaymentResult>({
  name: 'books_record_payment',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.customerpayments.CREATE', 'ZohoBooks.invoices.READ', 'ZohoBooks.accountants.READ', ORG_DISCOVERY_SCOPE],
  description: `Record a customer payment against one Zoho Books invoice.
Use when money was received for it.
Returns the payment and the invoice's balance_before, balance_after and status.`,
  examples: [{ invoice_id: '4372460000000000060', amount: '250.00', payment_mode: 'check' }],
  input,
  plan: async (args, ctx) => {
    const requested = args.amount === undefined ? undefined : amountInput(args.amount, 'amount', 'positive');
    const today = todayIso();
    // A day of slack: Books dates payments in the organization's time zone, which may be ahead of UTC.
    if (args.date && args.date > addDaysIso(today, 1)) throw new ToolInputError('date', `${args.date} is in the future; record a payment once it is received`);

    const invoice = await invoiceFor(ctx.client, args.invoice_id, ctx.signal);
    const number = invoice.invoice_number ?? args.invoice_id;
    const currency = invoice.currency_code ?? '';
    if (invoice.status === 'void') throw new ToolInputError('invoice_id', `invoice ${number} is void; payments cannot be recorded against it`);
    const balance = amountFromZoho(invoice.balance) ?? 0n;
    if (balance <= 0n) throw new ToolInputError('invoice_id', `invoice ${number} has no balance due (status ${invoice.status ?? 'unknown'}); nothing to record`);
    const amount = requested ?? balance;
    if (amount > balance) {
      throw new ToolInputError('amount', `${formatAmount(amount)} is more than the balance due of invoice ${number} (${currency} ${formatAmount(balance)}); record at most ${formatAmount(balance)}`);
    }
    const date = args.date ?? today;
    // Books does not take a payment dated before its invoice (unconfirmed wording; the rule is Books' UI rule).
    if (typeof invoice.date === 'string' && date < invoice.date) throw new ToolInputError('date', `${date} is before the invoice date ${invoice.date} of ${number}`);
    if (args.deposit_to_account_id) await checkDepositAccount(ctx.client, args.deposit_to_account_id, invoice, ctx.signal);

    const remaining = balance - amount;
    const body: CreateCustomerPaymentBody = {
      customer_id: String(invoice.customer_id),
      payment_mode: args.payment_mode ?? 'banktransfer',
      amount: amountToWire(amount),
      date,
      invoices: [{ invoice_id: String(invoice.invoice_id), amount_applied: amountToWire(amount) }],
    };
    if (args.reference_number) body.reference_number = args.reference_number;
    if (args.deposit_to_account_id) body.account_id = args.deposit_to_account_id;
    const afterStatus = remaining === 0n ? 'paid' : invoice.status === 'overdue' ? 'overdue' : 'partially_paid';
    const known = new Set(paymentsOf(invoice).map((p) => String(p.payment_id)));

    /** After a lost answer: the invoice's payments; a new one of this amount and date is ours. */
    const reconcile = async ({ signal }: { signal: AbortSignal }): Promise<ReconcileVerdict<PaymentResult>> => {
      const { invoice: now } = await ctx.client.getInvoice(String(invoice.invoice_id), { signal });
      const fresh = paymentsOf(now).filter((p) => !known.has(String(p.payment_id)) && amountFromZoho(p.amount) === amount && p.date === date);
      if (fresh.length === 0) return { status: 'not_applied' };
      if (fresh.length > 1) return { status: 'unknown', detail: `${fresh.length} new payments of ${formatAmount(amount)} on ${date} are on invoice ${number}` };
      const found = fresh[0]!;
      const payment = { ...found, payment_id: String(found.payment_id), currency_code: currency } as BooksCustomerPayment;
      return { status: 'applied', id: payment.payment_id, result: { payment, invoice_before: invoice, invoice_after: now }, detail: `found payment ${String(found.payment_number ?? found.payment_id)} on invoice ${number}` };
    };

    return {
      summary: `Record a ${currency} ${formatAmount(amount)} payment from ${invoice.customer_name ?? 'the customer'} against invoice ${number} (balance ${formatAmount(balance)} → ${formatAmount(remaining)})`,
      payload: body,
      before: { invoice_id: String(invoice.invoice_id), invoice_number: number, status: invoice.status, currency_code: currency, balance: formatAmount(balance) },
      after: { invoice_id: String(invoice.invoice_id), invoice_number: number, status: afterStatus, currency_code: currency, balance: formatAmount(remaining) },
      execute: async () => {
        const { payment } = await ctx.client.createCustomerPayment(body, { signal: ctx.signal });
        // Read the invoice back for its real new balance and status; the payment stands even if this read fails.
        return { payment, invoice_before: invoice, invoice_after: await readBack(ctx.client, String(invoice.invoice_id), ctx.signal) };
      },
      reconcile,
      checkWith: `books_get_invoice {"invoice_id":"${String(invoice.invoice_id)}"}`,
    };
  },
  shape: ({ payment, invoice_before, invoice_after }) => {
    const p = shapeRecord<Record<string, unknown>>(payment, ['invoices']);
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
