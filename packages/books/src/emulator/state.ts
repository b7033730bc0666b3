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
  billing_address: { address: string; city: string; country: string };
  contact_persons: EmuContactPerson[];
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
  nextInvoiceNumber: number;
  nextPaymentNumber: number;
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
