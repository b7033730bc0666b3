/**
 * The Books emulator's records. Money is held in integer cents and quantities in hundredths, so every
 * total, balance and payment the emulator computes is exact; the routes turn them into JSON numbers
 * (12345 → 123.45) on the way out, as Zoho does.
 */
import { createIdGenerator } from '@zoho-agent-kit/core/emulator';

export type InvoiceStatus = 'draft' | 'sent' | 'void' | 'paid' | 'partially_paid' | 'overdue' | 'unpaid';

export interface EmuOrganization {
  organization_id: string;
  name: string;
  contact_name: string;
  email: string;
  is_default_org: boolean;
  plan_name: string;
  currency_id: string;
  currency_code: string;
  currency_symbol: string;
  time_zone: string;
  country: string;
  fiscal_year_start_month: number;
  account_created_date: string;
}

export interface EmuContactPerson {
  contact_person_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  designation: string;
  is_primary_contact: boolean;
}

export interface EmuAddress {
  address_id: string;
  attention: string;
  address: string;
  street2: string;
  city: string;
  state: string;
  state_code: string;
  zip: string;
  country: string;
  phone: string;
  fax: string;
}

export interface EmuContact {
  contact_id: string;
  contact_name: string;
  company_name: string;
  contact_type: 'customer' | 'vendor';
  customer_sub_type: 'business' | 'individual';
  status: 'active' | 'inactive';
  email: string;
  phone: string;
  website: string;
  currency_code: string;
  /** Days; 0 = due on receipt. */
  payment_terms: number;
  billing_address: EmuAddress;
  /** Books keeps a shipping address beside the billing one (the seed: the same place). */
  shipping_address?: EmuAddress;
  contact_persons: EmuContactPerson[];
  notes?: string;
  /** How the contact was created: `user` (Books' UI) or `api`. */
  source: 'user' | 'api';
  /** Overpayments kept as credit, in cents. */
  unused_credits_cents: number;
  created_time: string;
  last_modified_time: string;
}

export interface EmuLineItem {
  line_item_id: string;
  item_id?: string;
  name: string;
  description?: string;
  /** Hundredths: 150 = 1.5. */
  quantity_hundredths: number;
  rate_cents: number;
  item_total_cents: number;
  item_order: number;
}

export interface EmuInvoice {
  invoice_id: string;
  invoice_number: string;
  /** Stored status; `overdue`, `paid` and `partially_paid` are derived when the invoice is read. */
  status: 'draft' | 'sent' | 'void';
  customer_id: string;
  date: string;
  due_date: string;
  payment_terms: number;
  reference_number?: string;
  notes?: string;
  currency_code: string;
  line_items: EmuLineItem[];
  sub_total_cents: number;
  total_cents: number;
  payment_made_cents: number;
  /** Contact persons the invoice is addressed to (Books e-mails them). */
  contact_person_ids: string[];
  /** Whether the invoice was e-mailed (Books' `is_emailed`). */
  emailed: boolean;
  /** Comments & history, oldest first (GET /invoices/{id}/comments lists them newest first). */
  history: EmuComment[];
  created_time: string;
  last_modified_time: string;
}

/** One entry of a transaction's "comments & history". */
export interface EmuComment {
  comment_id: string;
  description: string;
  commented_by: string;
  /** Books timestamp of the event; the answer splits it into `date` and `time`. */
  at: string;
  comment_type: 'system' | 'internal';
  operation_type: 'Added' | 'Updated' | 'Emailed' | 'Voided' | 'Sent';
  transaction_type: string;
  transaction_id?: string;
}

export interface EmuCurrency {
  currency_id: string;
  currency_code: string;
  currency_name: string;
  currency_symbol: string;
  is_base_currency: boolean;
  /** Rate to the base currency, as Books states it (1 for the base). */
  exchange_rate: number;
}

export type EstimateStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'invoiced' | 'expired';

export interface EmuEstimate {
  estimate_id: string;
  estimate_number: string;
  /** Stored status; a sent estimate past its expiry date reads as `expired`. */
  status: 'draft' | 'sent' | 'accepted' | 'declined' | 'invoiced';
  customer_id: string;
  contact_person_ids: string[];
  date: string;
  expiry_date: string;
  reference_number?: string;
  notes?: string;
  terms?: string;
  currency_code: string;
  salesperson_name?: string;
  line_items: EmuLineItem[];
  sub_total_cents: number;
  total_cents: number;
  /** The invoice an accepted estimate became. */
  invoice_id?: string;
  accepted_date?: string;
  declined_date?: string;
  created_time: string;
  last_modified_time: string;
}

export interface EmuPurchaseLine {
  line_item_id: string;
  name: string;
  description?: string;
  account_id: string;
  quantity_hundredths: number;
  rate_cents: number;
  item_total_cents: number;
  item_order: number;
}

export interface EmuPurchaseOrder {
  purchaseorder_id: string;
  purchaseorder_number: string;
  status: 'draft' | 'open' | 'billed' | 'cancelled';
  vendor_id: string;
  date: string;
  delivery_date: string;
  reference_number?: string;
  notes?: string;
  currency_code: string;
  line_items: EmuPurchaseLine[];
  sub_total_cents: number;
  total_cents: number;
  /** Bills raised against the order. */
  bill_ids: string[];
  emailed: boolean;
  created_time: string;
  last_modified_time: string;
}

export type BillStatus = 'draft' | 'open' | 'overdue' | 'partially_paid' | 'paid' | 'void';

export interface EmuBill {
  bill_id: string;
  /** The vendor's own number. */
  bill_number: string;
  /** Stored status; open bills read as overdue, partially_paid or paid from the due date and payments. */
  status: 'draft' | 'open' | 'void';
  vendor_id: string;
  date: string;
  due_date: string;
  payment_terms: number;
  reference_number?: string;
  notes?: string;
  currency_code: string;
  line_items: EmuPurchaseLine[];
  sub_total_cents: number;
  total_cents: number;
  payment_made_cents: number;
  purchaseorder_ids: string[];
  /** Vendor payments: from which account, when, how much. */
  payments: { payment_id: string; date: string; amount_cents: number; account_id: string; payment_mode: string; reference_number?: string }[];
  created_time: string;
  last_modified_time: string;
}

export type BankTransactionStatus = 'categorized' | 'uncategorized' | 'matched' | 'manually_added' | 'excluded';

export interface EmuBankTransaction {
  transaction_id: string;
  /** The bank or credit-card account the money moved in. */
  account_id: string;
  date: string;
  amount_cents: number;
  /** `debit`: money into the account (a deposit); `credit`: money out. */
  debit_or_credit: 'debit' | 'credit';
  transaction_type: string;
  status: BankTransactionStatus;
  source: 'bank_feed' | 'manually_added' | 'csv' | 'api';
  payee: string;
  description: string;
  reference_number?: string;
  customer_id?: string;
  vendor_id?: string;
  /** The other side of the entry (an expense or income account, another bank account…). */
  offset_account_id?: string;
  /** The record behind a categorized or matched line: payment, expense, bill payment or journal id. */
  entity_id?: string;
  currency_code: string;
  /** The bank-feed statement line it was matched with. */
  imported_transaction_id?: string;
}

export interface EmuJournalLine {
  line_id: string;
  account_id: string;
  description: string;
  debit_or_credit: 'debit' | 'credit';
  amount_cents: number;
  customer_id?: string;
}

export interface EmuJournal {
  journal_id: string;
  entry_number: string;
  journal_date: string;
  reference_number?: string;
  notes: string;
  status: 'published' | 'draft';
  currency_code: string;
  line_items: EmuJournalLine[];
  /** Sum of the debits (= the credits). */
  total_cents: number;
  created_time: string;
  last_modified_time: string;
}

export interface EmuPayment {
  payment_id: string;
  payment_number: string;
  customer_id: string;
  payment_mode: string;
  amount_cents: number;
  date: string;
  reference_number?: string;
  description?: string;
  account_id: string;
  currency_code: string;
  invoices: { invoice_id: string; amount_applied_cents: number }[];
  created_time: string;
}

export type AccountType =
  | 'bank'
  | 'cash'
  | 'credit_card'
  | 'accounts_receivable'
  | 'accounts_payable'
  | 'income'
  | 'expense'
  | 'other_current_asset'
  | 'fixed_asset'
  | 'other_current_liability'
  | 'cost_of_goods_sold'
  | 'equity';

export interface EmuAccount {
  account_id: string;
  account_name: string;
  account_code: string;
  account_type: AccountType;
  currency_code: string;
  description?: string;
  is_active: boolean;
  is_user_created: boolean;
  /** Book balance in cents (bank, cash, credit card: what `balance` / `current_balance` report). */
  balance_cents: number;
  /** Last balance reported by the bank feed (bank accounts only). */
  bank_balance_cents?: number;
  account_number?: string;
  bank_name?: string;
  is_primary_account?: boolean;
}

export interface EmuExpense {
  expense_id: string;
  date: string;
  account_id: string;
  paid_through_account_id: string;
  vendor_id?: string;
  customer_id?: string;
  description: string;
  reference_number?: string;
  currency_code: string;
  total_cents: number;
  is_billable: boolean;
  status: 'unbilled' | 'invoiced' | 'reimbursed' | 'non-billable';
  created_time: string;
}

/** One organization's books. */
export interface BooksOrgData {
  organization: EmuOrganization;
  contacts: EmuContact[];
  invoices: EmuInvoice[];
  payments: EmuPayment[];
  accounts: EmuAccount[];
  expenses: EmuExpense[];
  currencies: EmuCurrency[];
  estimates: EmuEstimate[];
  purchaseOrders: EmuPurchaseOrder[];
  bills: EmuBill[];
  bankTransactions: EmuBankTransaction[];
  journals: EmuJournal[];
  nextInvoiceNumber: number;
  nextPaymentNumber: number;
  nextEstimateNumber: number;
  nextPurchaseOrderNumber: number;
  nextJournalNumber: number;
  /** Calls today (UTC day of the emulator clock), against the daily quota. */
  usage: { day: string; count: number };
}

export interface BooksState {
  organizations: BooksOrgData[];
  /** API calls per organization per day before code 45 (Zoho: 1,000 on Free up to 10,000). */
  dailyLimit: number;
  nextId: () => string;
}

export function newIdGenerator(): () => string {
  return createIdGenerator('4372460000');
}

/** `2024-02-10T11:25:54+0000`: Books timestamps carry an offset without a colon. */
export function zohoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

export function termsLabel(days: number): string {
  return days === 0 ? 'Due on Receipt' : `Net ${days}`;
}

export function invoiceBalanceCents(inv: EmuInvoice): number {
  return inv.total_cents - inv.payment_made_cents;
}

/** The status Books reports: payments and the due date move an issued invoice along. */
export function invoiceStatus(inv: EmuInvoice, today: string): InvoiceStatus {
  if (inv.status === 'draft' || inv.status === 'void') return inv.status;
  const balance = invoiceBalanceCents(inv);
  if (balance <= 0) return 'paid';
  if (inv.due_date < today) return 'overdue';
  if (inv.payment_made_cents > 0) return 'partially_paid';
  return 'unpaid';
}

/** Base chart of accounts every organization starts with (balances zero). */
export function baseAccounts(nextId: () => string, currency: string): EmuAccount[] {
  const account = (account_name: string, account_code: string, account_type: AccountType, extra: Partial<EmuAccount> = {}): EmuAccount => ({
    account_id: nextId(),
    account_name,
    account_code,
    account_type,
    currency_code: currency,
    is_active: true,
    is_user_created: false,
    balance_cents: 0,
    ...extra,
  });
  return [
    account('Business Checking', '1010', 'bank', { is_user_created: true, bank_name: 'First Harbor Bank', account_number: 'XXXXXX4821', is_primary_account: true, bank_balance_cents: 0 }),
    account('Petty Cash', '1000', 'cash', { description: 'Cash kept in the office for small purchases.' }),
    account('Undeposited Funds', '1020', 'cash', { description: 'Payments received but not yet deposited.' }),
    account('Accounts Receivable', '1200', 'accounts_receivable'),
    account('Prepaid Expenses', '1300', 'other_current_asset'),
    account('Company Credit Card', '2100', 'credit_card', { is_user_created: true, bank_name: 'First Harbor Bank', account_number: 'XXXXXXXXXXXX9034' }),
    account('Accounts Payable', '2000', 'accounts_payable'),
    account("Owner's Equity", '3000', 'equity'),
    account('Sales', '4000', 'income'),
    account('Advertising And Marketing', '6010', 'expense'),
    account('Office Supplies', '6020', 'expense'),
    account('Rent Expense', '6030', 'expense'),
    account('Travel Expense', '6040', 'expense'),
    account('Software Subscriptions', '6050', 'expense', { is_user_created: true }),
    account('Meals and Entertainment', '6060', 'expense'),
    account('Contract Labor', '6070', 'expense', { is_user_created: true }),
    account('Telephone Expense', '6080', 'expense'),
  ];
}

export function findAccount(org: BooksOrgData, name: string): EmuAccount {
  const found = org.accounts.find((a) => a.account_name === name);
  if (!found) throw new Error(`emulator seed: no account "${name}"`);
  return found;
}

export function billBalanceCents(bill: EmuBill): number {
  return bill.total_cents - bill.payment_made_cents;
}

/** The status Books reports for a bill: payments and the due date move an open bill along. */
export function billStatus(bill: EmuBill, today: string): BillStatus {
  if (bill.status !== 'open') return bill.status;
  const balance = billBalanceCents(bill);
  if (balance <= 0) return 'paid';
  if (bill.due_date < today) return 'overdue';
  if (bill.payment_made_cents > 0) return 'partially_paid';
  return 'open';
}

/** The status Books reports for an estimate: a sent one past its expiry date has expired. */
export function estimateStatus(est: EmuEstimate, today: string): EstimateStatus {
  if (est.status === 'sent' && est.expiry_date < today) return 'expired';
  return est.status;
}

/** The id of the organization's base currency (USD in the seed); the other currencies get fixed ids too. */
export const BASE_CURRENCY_ID = '4372460000000000097';

/**
 * The currencies every organization has enabled, its base currency first. Ids are fixed (not drawn from the
 * id generator), so adding currencies never shifts the seed's record ids.
 */
export function baseCurrencies(base: string): EmuCurrency[] {
  const known: Omit<EmuCurrency, 'currency_id' | 'is_base_currency' | 'exchange_rate'>[] = [
    { currency_code: 'USD', currency_name: 'USD- US Dollar', currency_symbol: '$' },
    { currency_code: 'EUR', currency_name: 'EUR- Euro', currency_symbol: '€' },
    { currency_code: 'GBP', currency_name: 'GBP- Pound Sterling', currency_symbol: '£' },
    { currency_code: 'CAD', currency_name: 'CAD- Canadian Dollar', currency_symbol: '$' },
  ];
  // Rates against USD as of the seed (an emulator's fixed table, not market data).
  const perUsd: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73 };
  const ordered = [...known.filter((c) => c.currency_code === base), ...known.filter((c) => c.currency_code !== base)];
  return ordered.map((c, i) => ({
    ...c,
    currency_id: i === 0 ? BASE_CURRENCY_ID : `43724600000990000${String(i).padStart(2, '0')}`,
    is_base_currency: i === 0,
    exchange_rate: i === 0 ? 1 : Math.round(((perUsd[c.currency_code] ?? 1) / (perUsd[base] ?? 1)) * 1e6) / 1e6,
  }));
}

/** "$1,234.50": how Books writes an amount in a history entry. */
export function moneyText(cents: number, currency: string): string {
  const symbol = currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : '$';
  const whole = Math.floor(Math.abs(cents) / 100).toLocaleString('en-US');
  return `${cents < 0 ? '-' : ''}${symbol}${whole}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** A history entry of an invoice (or another transaction). */
export function historyEntry(nextId: () => string, at: string, description: string, by: string, operation: EmuComment['operation_type'], type = 'invoice', transactionId?: string): EmuComment {
  const entry: EmuComment = { comment_id: nextId(), description, commented_by: by, at, comment_type: 'system', operation_type: operation, transaction_type: type };
  if (transactionId) entry.transaction_id = transactionId;
  return entry;
}

/** Recomputes line totals, sub total and total from line quantities and rates (exact, in cents). */
export function computeTotals(inv: Pick<EmuInvoice, 'line_items' | 'sub_total_cents' | 'total_cents'>): void {
  let sum = 0;
  for (const line of inv.line_items) {
    // Quantity in hundredths × rate in cents, back to cents with half-up rounding; BigInt keeps it exact.
    const product = BigInt(line.quantity_hundredths) * BigInt(line.rate_cents);
    line.item_total_cents = Number((product + 50n) / 100n);
    sum += line.item_total_cents;
  }
  inv.sub_total_cents = sum;
  inv.total_cents = sum;
}
