/**
 * Books API v3 routes of the emulator, below `/books/v3`.
 *
 * Choices where Zoho's behaviour is unconfirmed (see shared/zoho-api/books.md):
 * - `organization_id` is required on every call except GET /organizations. Missing with several
 *   organizations → HTTP 400 code 6024 with the `organizations` list; missing with one → HTTP 400 code 4
 *   (strict, so clients that forget it are caught); an unknown id → HTTP 404 code 1002 "organization does
 *   not exist" (not 57, which would make clients refresh their token for nothing).
 * - Invalid and expired tokens and missing scopes all answer HTTP 401 code 57, as Books does.
 * - The daily quota counts calls per organization per UTC day of the emulator clock; over it → HTTP 429
 *   code 45 with Retry-After = seconds to the next UTC midnight. The per-minute limit (core's sliding
 *   window, per grant) answers HTTP 429 code 44.
 * - Invoice status filter `unpaid` matches every issued invoice with a balance (unpaid, partially paid,
 *   overdue); other statuses match exactly. Statuses paid/partially_paid/overdue derive from payments and
 *   the due date at read time.
 * - Chart of accounts with `showbalance=true` adds `current_balance` (the book balance).
 * - A method a served path does not take → HTTP 405 code 37 (the status is in the digest; code and text
 *   are guesses). Bodies are JSON whatever the Content-Type, or the legacy `JSONString` form field.
 * - Without limits (`limits: false`, `--no-limits`) the daily quota is not counted.
 */
import type { EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { bodyOf, booksError, centsOf, contains, dateOf, inOrganization, invalid, isResponse, money, notFound, paginate, parseLineItems, scopes, sortRows, today, V3, type Json, type Req } from './http.js';
import { getBankTransaction, getBill, getJournal, getPurchaseOrder, listBankTransactions, listBills, listJournals, listPurchaseOrders } from './routes-accounting.js';
import {
  addInvoiceComment,
  createContact,
  createEstimate,
  emailInvoice,
  emailInvoiceTo,
  getEstimate,
  invoicePersons,
  listCurrencies,
  listEstimates,
  listInvoiceComments,
  markInvoiceDraft,
  markInvoiceSent,
  personEmails,
  updateContact,
  updateInvoice,
  voidInvoice,
} from './routes-sales.js';
import {
  accountById,
  bankAccountJson,
  chartAccountJson,
  contactDetail,
  contactName,
  contactSummary,
  expenseJson,
  invoiceDetail,
  invoiceSummary,
  outstandingCents,
  paymentJson,
} from './representations.js';
import {
  addDays,
  computeTotals,
  historyEntry,
  invoiceBalanceCents,
  moneyText,
  invoiceStatus,
  zohoTime,
  type BooksState,
  type EmuAccount,
  type EmuBankTransaction,
  type EmuContact,
  type EmuExpense,
  type EmuInvoice,
  type EmuLineItem,
  type EmuPayment,
} from './state.js';

// ---------- handlers ----------

const listOrganizations = (req: Req): EmulatorResponse => ({
  status: 200,
  body: { code: 0, message: 'success', organizations: req.state.organizations.map((o) => ({ ...o.organization })) },
});

const listInvoices = inOrganization((req, org) => {
  const q = req.query;
  const day = today(req);
  const criteria: Json[] = [];
  let rows = [...org.invoices];
  const status = q.get('status') ?? filterStatus(q.get('filter_by'));
  if (status && status !== 'all') {
    criteria.push({ column_name: 'status', search_text: status, comparator: 'equal' });
    rows = rows.filter((inv) => {
      const s = invoiceStatus(inv, day);
      if (status === 'unpaid') return s === 'unpaid' || s === 'overdue' || s === 'partially_paid';
      if (status === 'sent') return s !== 'draft' && s !== 'void';
      return s === status;
    });
  }
  const customerId = q.get('customer_id');
  if (customerId) {
    criteria.push({ column_name: 'customer_id', search_text: customerId, comparator: 'equal' });
    rows = rows.filter((inv) => inv.customer_id === customerId);
  }
  const customerName = q.get('customer_name');
  if (customerName) rows = rows.filter((inv) => contains(contactName(org, inv.customer_id), customerName));
  const dateStart = q.get('date_start') ?? q.get('date_after');
  const dateEnd = q.get('date_end') ?? q.get('date_before');
  if (dateStart) rows = rows.filter((inv) => inv.date >= dateStart);
  if (dateEnd) rows = rows.filter((inv) => inv.date <= dateEnd);
  const exactDate = q.get('date');
  if (exactDate) rows = rows.filter((inv) => inv.date === exactDate);
  const search = q.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((inv) => contains(inv.invoice_number, search) || contains(inv.reference_number, search) || contains(contactName(org, inv.customer_id), search));
  }
  const sortColumn = q.get('sort_column') ?? 'created_time';
  const sortOrder = q.get('sort_order') ?? 'D';
  const keys: Record<string, (i: EmuInvoice) => string | number> = {
    customer_name: (i) => contactName(org, i.customer_id) ?? '',
    invoice_number: (i) => i.invoice_number,
    date: (i) => i.date,
    due_date: (i) => i.due_date,
    total: (i) => i.total_cents,
    balance: (i) => invoiceBalanceCents(i),
    created_time: (i) => i.created_time,
  };
  const key = keys[sortColumn];
  if (!key) return invalid(`Invalid value passed for sort_column: ${sortColumn}`);
  sortRows(rows, (i) => key(i), sortOrder);
  const { items, page_context } = paginate(req, rows, {
    report_name: 'Invoices',
    applied_filter: status ? `Status.${status}` : 'Status.All',
    sort_column: sortColumn,
    sort_order: sortOrder,
    criteria,
  });
  return { status: 200, body: { code: 0, message: 'success', invoices: items.map((i) => invoiceSummary(org, i, day)), page_context } };
});

function filterStatus(filterBy: string | null): string | undefined {
  if (!filterBy) return undefined;
  const map: Record<string, string> = {
    'Status.All': 'all',
    'Status.Sent': 'sent',
    'Status.Draft': 'draft',
    'Status.OverDue': 'overdue',
    'Status.Paid': 'paid',
    'Status.Void': 'void',
    'Status.Unpaid': 'unpaid',
    'Status.PartiallyPaid': 'partially_paid',
  };
  return map[filterBy];
}

const getInvoice = inOrganization((req, org) => {
  const inv = org.invoices.find((i) => i.invoice_id === req.params.invoice_id);
  if (!inv) return notFound('Invoice');
  return { status: 200, body: { code: 0, message: 'success', invoice: invoiceDetail(org, inv, today(req)) } };
});

const createInvoice = inOrganization((req, org) => {
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const customerId = body.customer_id === undefined || body.customer_id === null ? '' : String(body.customer_id);
  if (!customerId) return invalid('Invalid value passed for customer_id: it is required.');
  const customer = org.contacts.find((c) => c.contact_id === customerId && c.contact_type === 'customer');
  if (!customer) return notFound('Customer');
  if (!Array.isArray(body.line_items) || body.line_items.length === 0) return invalid('Invalid value passed for line_items: at least one line item is required.');

  const line_items = parseLineItems(req, body.line_items);
  if (isResponse(line_items)) return line_items;

  const date = dateOf(body.date, today(req));
  if (!date) return invalid('Invalid value passed for date (use yyyy-mm-dd).');
  const terms = body.payment_terms === undefined || body.payment_terms === null || body.payment_terms === '' ? customer.payment_terms : Number(body.payment_terms);
  if (!Number.isInteger(terms) || terms < 0) return invalid('Invalid value passed for payment_terms');
  const dueDate = dateOf(body.due_date, addDays(date, terms));
  if (!dueDate) return invalid('Invalid value passed for due_date (use yyyy-mm-dd).');

  let invoiceNumber: string;
  if (req.query.get('ignore_auto_number_generation') === 'true') {
    if (typeof body.invoice_number !== 'string' || !body.invoice_number.trim()) return invalid('Invalid value passed for invoice_number: it is required when auto numbering is off.');
    invoiceNumber = body.invoice_number.trim();
    if (org.invoices.some((i) => i.invoice_number === invoiceNumber)) return booksError(400, 1001, `Invoice "${invoiceNumber}" already exists.`);
  } else {
    invoiceNumber = `INV-${String(org.nextInvoiceNumber++).padStart(6, '0')}`;
  }
  const stamp = zohoTime(req.now);
  const inv: EmuInvoice = {
    invoice_id: req.state.nextId(),
    invoice_number: invoiceNumber,
    status: req.query.get('send') === 'true' ? 'sent' : 'draft',
    customer_id: customer.contact_id,
    date,
    due_date: dueDate,
    payment_terms: terms,
    currency_code: customer.currency_code,
    line_items,
    sub_total_cents: 0,
    total_cents: 0,
    payment_made_cents: 0,
    contact_person_ids: invoicePersons(customer, body.contact_persons),
    emailed: false,
    history: [],
    created_time: stamp,
    last_modified_time: stamp,
  };
  if (typeof body.reference_number === 'string' && body.reference_number) inv.reference_number = body.reference_number;
  if (typeof body.notes === 'string' && body.notes) inv.notes = body.notes;
  computeTotals(inv);
  inv.history.push(historyEntry(req.state.nextId, stamp, `Invoice created for ${moneyText(inv.total_cents, inv.currency_code)}`, org.organization.contact_name, 'Added'));
  if (inv.status === 'sent') emailInvoiceTo(req, org, inv, personEmails(customer, inv.contact_person_ids), []);
  org.invoices.push(inv);
  return { status: 201, body: { code: 0, message: 'The invoice has been created.', invoice: invoiceDetail(org, inv, today(req)) } };
});

const listContacts = inOrganization((req, org) => {
  const q = req.query;
  let rows = [...org.contacts];
  const criteria: Json[] = [];
  const type = q.get('contact_type');
  if (type) {
    criteria.push({ column_name: 'contact_type', search_text: type, comparator: 'equal' });
    rows = rows.filter((c) => c.contact_type === type);
  }
  const filterBy = q.get('filter_by');
  if (filterBy === 'Status.Active') rows = rows.filter((c) => c.status === 'active');
  if (filterBy === 'Status.Inactive') rows = rows.filter((c) => c.status === 'inactive');
  // `contact_name` matches the whole name (ignoring case); the _startswith/_contains variants match a part.
  const name = q.get('contact_name');
  if (name) rows = rows.filter((c) => c.contact_name.toLowerCase() === name.trim().toLowerCase());
  const starts = q.get('contact_name_startswith');
  if (starts) rows = rows.filter((c) => c.contact_name.toLowerCase().startsWith(starts.toLowerCase()));
  const part = q.get('contact_name_contains');
  if (part) rows = rows.filter((c) => contains(c.contact_name, part));
  const company = q.get('company_name');
  if (company) rows = rows.filter((c) => contains(c.company_name, company));
  const email = q.get('email');
  if (email) rows = rows.filter((c) => c.email.toLowerCase() === email.toLowerCase() || c.contact_persons.some((p) => p.email.toLowerCase() === email.toLowerCase()));
  const search = q.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((c) => contains(c.contact_name, search) || contains(c.company_name, search) || contains(c.email, search) || c.contact_persons.some((p) => contains(`${p.first_name} ${p.last_name}`, search) || contains(p.email, search)));
  }
  const sortColumn = q.get('sort_column') ?? 'contact_name';
  const sortOrder = q.get('sort_order') ?? 'A';
  const keys: Record<string, (c: EmuContact) => string | number> = {
    contact_name: (c) => c.contact_name,
    first_name: (c) => c.contact_persons[0]?.first_name ?? '',
    last_name: (c) => c.contact_persons[0]?.last_name ?? '',
    email: (c) => c.email,
    outstanding_receivable_amount: (c) => outstandingCents(org, c.contact_id),
    created_time: (c) => c.created_time,
    last_modified_time: (c) => c.last_modified_time,
  };
  const key = keys[sortColumn];
  if (!key) return invalid(`Invalid value passed for sort_column: ${sortColumn}`);
  sortRows(rows, (c) => key(c), sortOrder);
  const { items, page_context } = paginate(req, rows, { report_name: 'Contacts', applied_filter: filterBy ?? 'Status.All', sort_column: sortColumn, sort_order: sortOrder, criteria });
  return { status: 200, body: { code: 0, message: 'success', contacts: items.map((c) => contactSummary(org, c)), page_context } };
});

const getContact = inOrganization((req, org) => {
  const c = org.contacts.find((x) => x.contact_id === req.params.contact_id);
  if (!c) return notFound('Contact');
  return { status: 200, body: { code: 0, message: 'success', contact: contactDetail(org, c) } };
});

const listExpenses = inOrganization((req, org) => {
  const q = req.query;
  let rows = [...org.expenses];
  const criteria: Json[] = [];
  for (const field of ['account_id', 'customer_id', 'vendor_id', 'paid_through_account_id'] as const) {
    const value = q.get(field);
    if (value) {
      criteria.push({ column_name: field, search_text: value, comparator: 'equal' });
      rows = rows.filter((e) => e[field] === value);
    }
  }
  const status = q.get('status');
  if (status) rows = rows.filter((e) => (status === 'billable' ? e.is_billable : e.status === status));
  const dateStart = q.get('date_start') ?? q.get('date_after');
  const dateEnd = q.get('date_end') ?? q.get('date_before');
  if (dateStart) rows = rows.filter((e) => e.date >= dateStart);
  if (dateEnd) rows = rows.filter((e) => e.date <= dateEnd);
  const search = q.get('search_text');
  if (search) rows = rows.filter((e) => contains(e.description, search) || contains(e.reference_number, search) || contains(contactName(org, e.vendor_id), search));
  const sortColumn = q.get('sort_column') ?? 'date';
  const sortOrder = q.get('sort_order') ?? 'D';
  const keys: Record<string, (e: EmuExpense) => string | number> = {
    date: (e) => e.date,
    account_name: (e) => accountById(org, e.account_id)?.account_name ?? '',
    total: (e) => e.total_cents,
    bcy_total: (e) => e.total_cents,
    reference_number: (e) => e.reference_number ?? '',
    customer_name: (e) => contactName(org, e.customer_id) ?? '',
    created_time: (e) => e.created_time,
  };
  const key = keys[sortColumn];
  if (!key) return invalid(`Invalid value passed for sort_column: ${sortColumn}`);
  sortRows(rows, (e) => key(e), sortOrder);
  const { items, page_context } = paginate(req, rows, { report_name: 'Expenses', applied_filter: 'Status.All', sort_column: sortColumn, sort_order: sortOrder, criteria });
  return { status: 200, body: { code: 0, message: 'success', expenses: items.map((e) => expenseJson(org, e)), page_context } };
});

const getExpense = inOrganization((req, org) => {
  const e = org.expenses.find((x) => x.expense_id === req.params.expense_id);
  if (!e) return notFound('Expense');
  return { status: 200, body: { code: 0, message: 'success', expense: expenseJson(org, e) } };
});

const isBankAccount = (a: EmuAccount) => a.account_type === 'bank' || a.account_type === 'credit_card';

const listBankAccounts = inOrganization((req, org) => {
  const rows = org.accounts.filter(isBankAccount).sort((a, b) => a.account_name.localeCompare(b.account_name));
  const { items, page_context } = paginate(req, rows, { report_name: 'Bank Accounts', applied_filter: 'Status.All', sort_column: 'account_name', sort_order: 'A', criteria: [] });
  return { status: 200, body: { code: 0, message: 'success', bankaccounts: items.map((a) => bankAccountJson(org, a)), page_context } };
});

const getBankAccount = inOrganization((req, org) => {
  const a = org.accounts.find((x) => x.account_id === req.params.account_id && isBankAccount(x));
  if (!a) return notFound('Bank account');
  return { status: 200, body: { code: 0, message: 'success', bankaccount: bankAccountJson(org, a) } };
});

const ACCOUNT_GROUPS: Record<string, EmuAccount['account_type'][]> = {
  'AccountType.Asset': ['bank', 'cash', 'accounts_receivable', 'other_current_asset', 'fixed_asset'],
  'AccountType.Liability': ['credit_card', 'accounts_payable', 'other_current_liability'],
  'AccountType.Equity': ['equity'],
  'AccountType.Income': ['income'],
  'AccountType.Expense': ['expense', 'cost_of_goods_sold'],
};

const listChartOfAccounts = inOrganization((req, org) => {
  const filterBy = req.query.get('filter_by') ?? 'AccountType.All';
  let rows = [...org.accounts];
  if (filterBy === 'AccountType.Active') rows = rows.filter((a) => a.is_active);
  else if (filterBy === 'AccountType.Inactive') rows = rows.filter((a) => !a.is_active);
  else if (ACCOUNT_GROUPS[filterBy]) rows = rows.filter((a) => ACCOUNT_GROUPS[filterBy]!.includes(a.account_type));
  else if (filterBy !== 'AccountType.All') return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  const sortColumn = req.query.get('sort_column') ?? 'account_code';
  const sortOrder = req.query.get('sort_order') ?? 'A';
  const keys: Record<string, (a: EmuAccount) => string> = { account_code: (a) => a.account_code, account_name: (a) => a.account_name, account_type: (a) => `${a.account_type} ${a.account_code}` };
  const key = keys[sortColumn];
  if (!key) return invalid(`Invalid value passed for sort_column: ${sortColumn}`);
  sortRows(rows, key, sortOrder);
  const withBalance = req.query.get('showbalance') === 'true';
  const { items, page_context } = paginate(req, rows, { report_name: 'Chart of Accounts', applied_filter: filterBy, sort_column: sortColumn, sort_order: sortOrder, criteria: [] });
  return { status: 200, body: { code: 0, message: 'success', chartofaccounts: items.map((a) => chartAccountJson(org, a, withBalance)), page_context } };
});

const getChartAccount = inOrganization((req, org) => {
  const a = org.accounts.find((x) => x.account_id === req.params.account_id);
  if (!a) return notFound('Account');
  return { status: 200, body: { code: 0, message: 'success', chart_of_account: chartAccountJson(org, a, true) } };
});

const PAYMENT_MODES = new Set(['cash', 'check', 'creditcard', 'banktransfer', 'bankremittance', 'autotransaction', 'others']);

const createCustomerPayment = inOrganization((req, org) => {
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const customerId = body.customer_id === undefined || body.customer_id === null ? '' : String(body.customer_id);
  const customer = org.contacts.find((c) => c.contact_id === customerId && c.contact_type === 'customer');
  if (!customerId) return invalid('Invalid value passed for customer_id: it is required.');
  if (!customer) return notFound('Customer');
  const amount = centsOf(body.amount, 'amount', { positive: true });
  if (isResponse(amount)) return amount;
  const mode = typeof body.payment_mode === 'string' && body.payment_mode ? body.payment_mode.toLowerCase() : 'cash';
  if (!PAYMENT_MODES.has(mode)) return invalid(`Invalid value passed for payment_mode: ${mode}`);
  const date = dateOf(body.date, today(req));
  if (!date) return invalid('Invalid value passed for date (use yyyy-mm-dd).');
  let account: EmuAccount | undefined;
  if (body.account_id) {
    account = org.accounts.find((a) => a.account_id === String(body.account_id) && (a.account_type === 'bank' || a.account_type === 'cash'));
    if (!account) return invalid('Invalid value passed for account_id: deposit to a bank or cash account.');
  } else {
    account = org.accounts.find((a) => a.account_name === (mode === 'cash' ? 'Petty Cash' : 'Undeposited Funds')) ?? org.accounts.find((a) => a.account_type === 'cash');
  }
  if (!account) return invalid('Invalid value passed for account_id');

  const applications: { inv: EmuInvoice; cents: number }[] = [];
  const rawInvoices = Array.isArray(body.invoices) ? (body.invoices as unknown[]) : [];
  for (const [index, raw] of rawInvoices.entries()) {
    const entry = (raw ?? {}) as Json;
    const inv = org.invoices.find((i) => i.invoice_id === String(entry.invoice_id ?? ''));
    if (!inv) return notFound('Invoice');
    if (inv.customer_id !== customer.contact_id) return invalid(`Invalid value passed for invoices[${index}].invoice_id: the invoice ${inv.invoice_number} belongs to another customer.`);
    if (inv.status === 'void') return invalid(`Payments cannot be applied to the void invoice ${inv.invoice_number}.`);
    const applied = centsOf(entry.amount_applied, `invoices[${index}].amount_applied`, { positive: true });
    if (isResponse(applied)) return applied;
    if (applied > invoiceBalanceCents(inv)) {
      return invalid(`The amount applied (${money(applied).toFixed(2)}) is more than the balance due (${money(invoiceBalanceCents(inv)).toFixed(2)}) of invoice ${inv.invoice_number}.`);
    }
    applications.push({ inv, cents: applied });
  }
  const appliedTotal = applications.reduce((s, a) => s + a.cents, 0);
  if (appliedTotal > amount) return invalid('The amount applied to invoices is more than the payment amount.');

  const stamp = zohoTime(req.now);
  for (const { inv, cents } of applications) {
    inv.payment_made_cents += cents;
    if (inv.status === 'draft') inv.status = 'sent';
    inv.last_modified_time = stamp;
  }
  customer.unused_credits_cents += amount - appliedTotal;
  account.balance_cents += amount;
  const payment: EmuPayment = {
    payment_id: req.state.nextId(),
    payment_number: String(org.nextPaymentNumber++),
    customer_id: customer.contact_id,
    payment_mode: mode,
    amount_cents: amount,
    date,
    account_id: account.account_id,
    currency_code: customer.currency_code,
    invoices: applications.map(({ inv, cents }) => ({ invoice_id: inv.invoice_id, amount_applied_cents: cents })),
    created_time: stamp,
  };
  if (typeof body.reference_number === 'string' && body.reference_number) payment.reference_number = body.reference_number;
  if (typeof body.description === 'string' && body.description) payment.description = body.description;
  org.payments.push(payment);
  for (const { inv, cents } of applications) {
    inv.history.push(historyEntry(req.state.nextId, stamp, `Payment of ${moneyText(cents, inv.currency_code)} received (${mode})`, org.organization.contact_name, 'Added', 'customer_payment', payment.payment_id));
  }
  if (account.account_type === 'bank') {
    // A deposit straight into a bank account shows among its transactions (until the feed matches it).
    const txn: EmuBankTransaction = {
      transaction_id: req.state.nextId(),
      account_id: account.account_id,
      date,
      amount_cents: amount,
      debit_or_credit: 'debit',
      transaction_type: 'customer_payment',
      status: 'manually_added',
      source: 'manually_added',
      payee: customer.contact_name,
      description: `Payment ${payment.payment_number} for ${applications.map((a) => a.inv.invoice_number).join(', ')}`,
      customer_id: customer.contact_id,
      offset_account_id: org.accounts.find((a) => a.account_type === 'accounts_receivable')?.account_id ?? '',
      entity_id: payment.payment_id,
      currency_code: payment.currency_code,
    };
    if (payment.reference_number) txn.reference_number = payment.reference_number;
    org.bankTransactions.push(txn);
  }
  return { status: 201, body: { code: 0, message: 'The payment has been created.', payment: paymentJson(org, payment) } };
});

const listCustomerPayments = inOrganization((req, org) => {
  let rows = [...org.payments];
  const customerId = req.query.get('customer_id');
  if (customerId) rows = rows.filter((p) => p.customer_id === customerId);
  rows.sort((a, b) => b.date.localeCompare(a.date));
  const { items, page_context } = paginate(req, rows, { report_name: 'Customer Payments', applied_filter: 'Status.All', sort_column: 'date', sort_order: 'D', criteria: [] });
  return { status: 200, body: { code: 0, message: 'success', customerpayments: items.map((p) => paymentJson(org, p)), page_context } };
});

const getCustomerPayment = inOrganization((req, org) => {
  const p = org.payments.find((x) => x.payment_id === req.params.payment_id);
  if (!p) return notFound('Payment');
  return { status: 200, body: { code: 0, message: 'success', payment: paymentJson(org, p) } };
});

export const booksRoutes: EmulatorRoute<BooksState>[] = [
  { method: 'GET', path: `${V3}/organizations`, scopes: scopes('settings', 'READ'), handle: listOrganizations },
  { method: 'GET', path: `${V3}/invoices`, scopes: scopes('invoices', 'READ'), handle: listInvoices },
  { method: 'POST', path: `${V3}/invoices`, scopes: scopes('invoices', 'CREATE'), handle: createInvoice },
  { method: 'GET', path: `${V3}/invoices/:invoice_id`, scopes: scopes('invoices', 'READ'), handle: getInvoice },
  { method: 'PUT', path: `${V3}/invoices/:invoice_id`, scopes: scopes('invoices', 'UPDATE'), handle: updateInvoice },
  { method: 'POST', path: `${V3}/invoices/:invoice_id/status/sent`, scopes: scopes('invoices', 'CREATE'), handle: markInvoiceSent },
  { method: 'POST', path: `${V3}/invoices/:invoice_id/status/void`, scopes: scopes('invoices', 'CREATE'), handle: voidInvoice },
  { method: 'POST', path: `${V3}/invoices/:invoice_id/status/draft`, scopes: scopes('invoices', 'CREATE'), handle: markInvoiceDraft },
  { method: 'POST', path: `${V3}/invoices/:invoice_id/email`, scopes: scopes('invoices', 'CREATE'), handle: emailInvoice },
  { method: 'GET', path: `${V3}/invoices/:invoice_id/comments`, scopes: scopes('invoices', 'READ'), handle: listInvoiceComments },
  { method: 'POST', path: `${V3}/invoices/:invoice_id/comments`, scopes: scopes('invoices', 'CREATE'), handle: addInvoiceComment },
  { method: 'GET', path: `${V3}/contacts`, scopes: scopes('contacts', 'READ'), handle: listContacts },
  { method: 'POST', path: `${V3}/contacts`, scopes: scopes('contacts', 'CREATE'), handle: createContact },
  { method: 'GET', path: `${V3}/contacts/:contact_id`, scopes: scopes('contacts', 'READ'), handle: getContact },
  { method: 'PUT', path: `${V3}/contacts/:contact_id`, scopes: scopes('contacts', 'UPDATE'), handle: updateContact },
  { method: 'GET', path: `${V3}/settings/currencies`, scopes: scopes('settings', 'READ'), handle: listCurrencies },
  { method: 'GET', path: `${V3}/estimates`, scopes: scopes('estimates', 'READ'), handle: listEstimates },
  { method: 'POST', path: `${V3}/estimates`, scopes: scopes('estimates', 'CREATE'), handle: createEstimate },
  { method: 'GET', path: `${V3}/estimates/:estimate_id`, scopes: scopes('estimates', 'READ'), handle: getEstimate },
  { method: 'GET', path: `${V3}/purchaseorders`, scopes: scopes('purchaseorders', 'READ'), handle: listPurchaseOrders },
  { method: 'GET', path: `${V3}/purchaseorders/:purchaseorder_id`, scopes: scopes('purchaseorders', 'READ'), handle: getPurchaseOrder },
  { method: 'GET', path: `${V3}/bills`, scopes: scopes('bills', 'READ'), handle: listBills },
  { method: 'GET', path: `${V3}/bills/:bill_id`, scopes: scopes('bills', 'READ'), handle: getBill },
  { method: 'GET', path: `${V3}/banktransactions`, scopes: scopes('banking', 'READ'), handle: listBankTransactions },
  { method: 'GET', path: `${V3}/banktransactions/:transaction_id`, scopes: scopes('banking', 'READ'), handle: getBankTransaction },
  { method: 'GET', path: `${V3}/journals`, scopes: scopes('accountants', 'READ'), handle: listJournals },
  { method: 'GET', path: `${V3}/journals/:journal_id`, scopes: scopes('accountants', 'READ'), handle: getJournal },
  { method: 'GET', path: `${V3}/expenses`, scopes: scopes('expenses', 'READ'), handle: listExpenses },
  { method: 'GET', path: `${V3}/expenses/:expense_id`, scopes: scopes('expenses', 'READ'), handle: getExpense },
  { method: 'GET', path: `${V3}/bankaccounts`, scopes: scopes('banking', 'READ'), handle: listBankAccounts },
  { method: 'GET', path: `${V3}/bankaccounts/:account_id`, scopes: scopes('banking', 'READ'), handle: getBankAccount },
  { method: 'GET', path: `${V3}/chartofaccounts`, scopes: scopes('accountants', 'READ'), handle: listChartOfAccounts },
  { method: 'GET', path: `${V3}/chartofaccounts/:account_id`, scopes: scopes('accountants', 'READ'), handle: getChartAccount },
  { method: 'GET', path: `${V3}/customerpayments`, scopes: scopes('customerpayments', 'READ'), handle: listCustomerPayments },
  { method: 'POST', path: `${V3}/customerpayments`, scopes: scopes('customerpayments', 'CREATE'), handle: createCustomerPayment },
  { method: 'GET', path: `${V3}/customerpayments/:payment_id`, scopes: scopes('customerpayments', 'READ'), handle: getCustomerPayment },
];
