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
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { amountFromZoho, parseAmount } from '../money.js';
import {
  addDays,
  computeTotals,
  invoiceBalanceCents,
  invoiceStatus,
  isoDate,
  termsLabel,
  zohoTime,
  type BooksOrgData,
  type BooksState,
  type EmuAccount,
  type EmuContact,
  type EmuExpense,
  type EmuInvoice,
  type EmuLineItem,
  type EmuPayment,
} from './state.js';

type Req = EmulatorRequest<BooksState>;
type Json = Record<string, unknown>;

const V3 = '/books/v3';
const MAX_PER_PAGE = 200;

/** JSON number of an integer amount of cents: 45010 → 450.1 (serialised exactly as "450.1"). */
const money = (cents: number) => cents / 100;

export function booksError(status: number, code: number, message: string, extra: Json = {}): EmulatorResponse {
  return { status, body: { code, message, ...extra } };
}

const notFound = (what: string) => booksError(404, 1002, `${what} does not exist.`);
const invalid = (message: string) => booksError(400, 4, message);

/** Any-of scope lists: the module scope or Books full access. */
export function scopes(module: string, op: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE'): string[] {
  return [`ZohoBooks.${module}.${op}`, 'ZohoBooks.fullaccess.all'];
}

function today(req: Req): string {
  return isoDate(req.now);
}

/** The organization a call addresses, or the error Books answers. */
function resolveOrganization(req: Req): BooksOrgData | EmulatorResponse {
  const id = req.query.get('organization_id')?.trim();
  const orgs = req.state.organizations;
  if (!id) {
    if (orgs.length > 1) {
      return booksError(400, 6024, 'This user belongs to multiple organizations. Please specify the organization_id.', {
        organizations: orgs.map((o) => ({ organization_id: o.organization.organization_id, name: o.organization.name })),
      });
    }
    return invalid('Invalid value passed for organization_id: it is required on every call.');
  }
  const org = orgs.find((o) => o.organization.organization_id === id);
  return org ?? notFound(`The organization ${id}`);
}

function checkDailyQuota(req: Req, org: BooksOrgData): EmulatorResponse | undefined {
  if (!req.quotas) return undefined; // the emulator runs without limits
  const day = today(req);
  if (org.usage.day !== day) org.usage = { day, count: 0 };
  if (org.usage.count >= req.state.dailyLimit) {
    const reset = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    const seconds = Math.max(1, Math.ceil((reset - req.now) / 1000));
    return {
      ...booksError(429, 45, `You have reached the maximum number of API calls for the day (${req.state.dailyLimit} per organization).`),
      headers: { 'Retry-After': String(seconds) },
    };
  }
  org.usage.count++;
  return undefined;
}

/** Wraps a handler that works inside one organization: resolves it and charges the daily quota. */
function inOrganization(handler: (req: Req, org: BooksOrgData) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => {
    const org = resolveOrganization(req);
    if ('status' in org) return org;
    return checkDailyQuota(req, org) ?? handler(req, org);
  };
}

/** The request body: JSON, or the legacy form field `JSONString` holding JSON. */
function bodyOf(req: Req): Json | EmulatorResponse {
  let body = req.body;
  if (body === Symbol.for('invalid-json')) return invalid('The request body is not valid JSON.');
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as Json).JSONString === 'string') {
    try {
      body = JSON.parse((body as Json).JSONString as string);
    } catch {
      return invalid('Invalid value passed for JSONString');
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return invalid('A JSON object body (or the JSONString form field) is required.');
  return body as Json;
}

function isResponse(value: unknown): value is EmulatorResponse {
  return !!value && typeof value === 'object' && 'status' in value && typeof (value as EmulatorResponse).status === 'number';
}

// ---------- paging and sorting ----------

function pageParams(req: Req): { page: number; perPage: number } {
  const page = Math.max(1, Math.floor(Number(req.query.get('page') ?? '1')) || 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(Number(req.query.get('per_page') ?? String(MAX_PER_PAGE))) || MAX_PER_PAGE));
  return { page, perPage };
}

function paginate<T>(req: Req, rows: T[], context: { report_name: string; applied_filter: string; sort_column: string; sort_order: string; criteria: Json[] }) {
  const { page, perPage } = pageParams(req);
  const start = (page - 1) * perPage;
  const items = rows.slice(start, start + perPage);
  const page_context: Json = {
    page,
    per_page: perPage,
    has_more_page: start + perPage < rows.length,
    report_name: context.report_name,
    applied_filter: context.applied_filter,
    sort_column: context.sort_column,
    sort_order: context.sort_order,
  };
  if (context.criteria.length) page_context.search_criteria = context.criteria;
  return { items, page_context };
}

function sortRows<T>(rows: T[], key: (row: T) => string | number, order: string): T[] {
  const dir = order === 'A' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
    return c * dir;
  });
}

function contains(haystack: string | undefined, needle: string): boolean {
  return (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

// ---------- representations ----------

function contactName(org: BooksOrgData, id: string | undefined): string | undefined {
  return id ? org.contacts.find((c) => c.contact_id === id)?.contact_name : undefined;
}

function accountById(org: BooksOrgData, id: string): EmuAccount | undefined {
  return org.accounts.find((a) => a.account_id === id);
}

function invoiceSummary(org: BooksOrgData, inv: EmuInvoice, day: string): Json {
  return {
    invoice_id: inv.invoice_id,
    invoice_number: inv.invoice_number,
    status: invoiceStatus(inv, day),
    customer_id: inv.customer_id,
    customer_name: contactName(org, inv.customer_id) ?? '',
    date: inv.date,
    due_date: inv.due_date,
    reference_number: inv.reference_number ?? '',
    currency_id: org.organization.currency_id,
    currency_code: inv.currency_code,
    total: money(inv.total_cents),
    balance: money(invoiceBalanceCents(inv)),
    is_emailed: inv.status !== 'draft',
    template_id: '4372460000000017001',
    created_time: inv.created_time,
    last_modified_time: inv.last_modified_time,
  };
}

function invoiceDetail(org: BooksOrgData, inv: EmuInvoice, day: string): Json {
  const payments = org.payments
    .filter((p) => p.invoices.some((i) => i.invoice_id === inv.invoice_id))
    .map((p) => ({
      payment_id: p.payment_id,
      payment_number: p.payment_number,
      date: p.date,
      payment_mode: p.payment_mode,
      amount: money(p.invoices.find((i) => i.invoice_id === inv.invoice_id)!.amount_applied_cents),
      reference_number: p.reference_number ?? '',
    }));
  return {
    ...invoiceSummary(org, inv, day),
    payment_terms: inv.payment_terms,
    payment_terms_label: termsLabel(inv.payment_terms),
    exchange_rate: 1.0,
    line_items: inv.line_items.map((l) => lineJson(l)),
    sub_total: money(inv.sub_total_cents),
    tax_total: 0,
    discount: 0,
    shipping_charge: 0,
    adjustment: 0,
    payment_made: money(inv.payment_made_cents),
    credits_applied: 0,
    write_off_amount: 0,
    notes: inv.notes ?? '',
    terms: '',
    payments,
    custom_fields: [],
    documents: [],
  };
}

function lineJson(l: EmuLineItem): Json {
  const out: Json = {
    line_item_id: l.line_item_id,
    name: l.name,
    description: l.description ?? '',
    item_order: l.item_order,
    quantity: l.quantity_hundredths / 100,
    rate: money(l.rate_cents),
    item_total: money(l.item_total_cents),
    tax_id: '',
    discount: 0,
  };
  if (l.item_id) out.item_id = l.item_id;
  return out;
}

function outstandingCents(org: BooksOrgData, contactId: string): number {
  let sum = 0;
  for (const inv of org.invoices) {
    if (inv.customer_id !== contactId || inv.status === 'draft' || inv.status === 'void') continue;
    sum += Math.max(0, invoiceBalanceCents(inv));
  }
  return sum;
}

function contactSummary(org: BooksOrgData, c: EmuContact): Json {
  return {
    contact_id: c.contact_id,
    contact_name: c.contact_name,
    company_name: c.company_name,
    contact_type: c.contact_type,
    customer_sub_type: c.customer_sub_type,
    status: c.status,
    email: c.email,
    phone: c.phone,
    website: c.website,
    currency_code: c.currency_code,
    outstanding_receivable_amount: money(c.contact_type === 'customer' ? outstandingCents(org, c.contact_id) : 0),
    outstanding_payable_amount: 0,
    unused_credits_receivable_amount: money(c.unused_credits_cents),
    payment_terms: c.payment_terms,
    payment_terms_label: termsLabel(c.payment_terms),
    created_time: c.created_time,
    last_modified_time: c.last_modified_time,
  };
}

function contactDetail(org: BooksOrgData, c: EmuContact): Json {
  return {
    ...contactSummary(org, c),
    billing_address: { ...c.billing_address, state: '', zip: '' },
    shipping_address: { address: '', city: '', state: '', zip: '', country: '' },
    contact_persons: c.contact_persons,
    notes: '',
    custom_fields: [],
  };
}

function expenseJson(org: BooksOrgData, e: EmuExpense): Json {
  return {
    expense_id: e.expense_id,
    date: e.date,
    account_id: e.account_id,
    account_name: accountById(org, e.account_id)?.account_name ?? '',
    paid_through_account_id: e.paid_through_account_id,
    paid_through_account_name: accountById(org, e.paid_through_account_id)?.account_name ?? '',
    description: e.description,
    reference_number: e.reference_number ?? '',
    currency_code: e.currency_code,
    total: money(e.total_cents),
    bcy_total: money(e.total_cents),
    vendor_id: e.vendor_id ?? '',
    vendor_name: contactName(org, e.vendor_id) ?? '',
    customer_id: e.customer_id ?? '',
    customer_name: contactName(org, e.customer_id) ?? '',
    is_billable: e.is_billable,
    status: e.status,
    has_attachment: false,
    created_time: e.created_time,
  };
}

function bankAccountJson(a: EmuAccount): Json {
  return {
    account_id: a.account_id,
    account_name: a.account_name,
    account_code: a.account_code,
    account_type: a.account_type,
    account_number: a.account_number ?? '',
    bank_name: a.bank_name ?? '',
    currency_id: '4372460000000000097',
    currency_code: a.currency_code,
    currency_symbol: a.currency_code === 'EUR' ? '€' : '$',
    balance: money(a.balance_cents),
    bank_balance: money(a.bank_balance_cents ?? a.balance_cents),
    bcy_balance: money(a.balance_cents),
    uncategorized_transactions: 0,
    total_unprinted_checks: 0,
    is_active: a.is_active,
    is_primary_account: a.is_primary_account ?? false,
    is_paypal_account: false,
    is_feeds_subscribed: a.bank_balance_cents !== undefined,
    is_feeds_active: a.bank_balance_cents !== undefined,
    description: a.description ?? '',
  };
}

function chartAccountJson(a: EmuAccount, withBalance: boolean): Json {
  const out: Json = {
    account_id: a.account_id,
    account_name: a.account_name,
    account_code: a.account_code,
    account_type: a.account_type,
    is_active: a.is_active,
    is_user_created: a.is_user_created,
    is_system_account: !a.is_user_created,
    is_involved_in_transaction: true,
    currency_id: '4372460000000000097',
    currency_code: a.currency_code,
    description: a.description ?? '',
    parent_account_id: '',
  };
  if (withBalance) out.current_balance = money(a.balance_cents);
  return out;
}

function paymentJson(org: BooksOrgData, p: EmuPayment): Json {
  return {
    payment_id: p.payment_id,
    payment_number: p.payment_number,
    customer_id: p.customer_id,
    customer_name: contactName(org, p.customer_id) ?? '',
    payment_mode: p.payment_mode,
    date: p.date,
    account_id: p.account_id,
    account_name: accountById(org, p.account_id)?.account_name ?? '',
    amount: money(p.amount_cents),
    unused_amount: money(p.amount_cents - p.invoices.reduce((s, i) => s + i.amount_applied_cents, 0)),
    currency_code: p.currency_code,
    reference_number: p.reference_number ?? '',
    description: p.description ?? '',
    invoices: p.invoices.map((i) => {
      const inv = org.invoices.find((x) => x.invoice_id === i.invoice_id);
      return {
        invoice_id: i.invoice_id,
        invoice_number: inv?.invoice_number ?? '',
        amount_applied: money(i.amount_applied_cents),
        total: inv ? money(inv.total_cents) : 0,
        balance_amount: inv ? money(invoiceBalanceCents(inv)) : 0,
      };
    }),
    created_time: p.created_time,
  };
}

// ---------- input parsing ----------

function centsOf(value: unknown, field: string, opts: { min?: number; positive?: boolean } = {}): number | EmulatorResponse {
  let units: bigint | undefined;
  try {
    units = typeof value === 'number' || typeof value === 'string' ? parseAmount(value) : undefined;
  } catch {
    units = amountFromZoho(value);
  }
  if (units === undefined) return invalid(`Invalid value passed for ${field}`);
  const n = Number(units);
  if (opts.positive && n <= 0) return invalid(`Invalid value passed for ${field}: it must be greater than zero`);
  if (opts.min !== undefined && n < opts.min) return invalid(`Invalid value passed for ${field}`);
  return n;
}

function dateOf(value: unknown, fallback: string): string | undefined {
  if (value === undefined || value === null || value === '') return fallback;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

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

  const line_items: EmuLineItem[] = [];
  for (const [index, raw] of (body.line_items as unknown[]).entries()) {
    if (!raw || typeof raw !== 'object') return invalid(`Invalid value passed for line_items[${index}]`);
    const line = raw as Json;
    const name = typeof line.name === 'string' ? line.name.trim() : '';
    const itemId = line.item_id === undefined || line.item_id === null || line.item_id === '' ? undefined : String(line.item_id);
    if (!name && !itemId) return invalid(`Invalid value passed for line_items[${index}]: an item_id or a name is required.`);
    const quantity = centsOf(line.quantity ?? 1, `line_items[${index}].quantity`, { positive: true });
    if (isResponse(quantity)) return quantity;
    const rate = centsOf(line.rate ?? 0, `line_items[${index}].rate`, { min: 0 });
    if (isResponse(rate)) return rate;
    const item: EmuLineItem = {
      line_item_id: req.state.nextId(),
      name: name || `Item ${itemId}`,
      quantity_hundredths: quantity,
      rate_cents: rate,
      item_total_cents: 0,
      item_order: index + 1,
    };
    if (itemId) item.item_id = itemId;
    if (typeof line.description === 'string' && line.description) item.description = line.description;
    line_items.push(item);
  }

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
    created_time: stamp,
    last_modified_time: stamp,
  };
  if (typeof body.reference_number === 'string' && body.reference_number) inv.reference_number = body.reference_number;
  if (typeof body.notes === 'string' && body.notes) inv.notes = body.notes;
  computeTotals(inv);
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
  const name = q.get('contact_name');
  if (name) rows = rows.filter((c) => contains(c.contact_name, name));
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
  return { status: 200, body: { code: 0, message: 'success', bankaccounts: items.map(bankAccountJson), page_context } };
});

const getBankAccount = inOrganization((req, org) => {
  const a = org.accounts.find((x) => x.account_id === req.params.account_id && isBankAccount(x));
  if (!a) return notFound('Bank account');
  return { status: 200, body: { code: 0, message: 'success', bankaccount: bankAccountJson(a) } };
});

const ACCOUNT_GROUPS: Record<string, EmuAccount['account_type'][]> = {
  'AccountType.Asset': ['bank', 'cash', 'accounts_receivable', 'other_current_asset'],
  'AccountType.Liability': ['credit_card', 'accounts_payable'],
  'AccountType.Equity': ['equity'],
  'AccountType.Income': ['income'],
  'AccountType.Expense': ['expense'],
};

const listChartOfAccounts = inOrganization((req, org) => {
  const filterBy = req.query.get('filter_by') ?? 'AccountType.All';
  let rows = [...org.accounts];
  if (filterBy === 'AccountType.Active') rows = rows.filter((a) => a.is_active);
  else if (filterBy === 'AccountType.Inactive') rows = rows.filter((a) => !a.is_active);
  else if (ACCOUNT_GROUPS[filterBy]) rows = rows.filter((a) => ACCOUNT_GROUPS[filterBy]!.includes(a.account_type));
  else if (filterBy !== 'AccountType.All') return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  rows.sort((a, b) => a.account_code.localeCompare(b.account_code));
  const withBalance = req.query.get('showbalance') === 'true';
  const { items, page_context } = paginate(req, rows, { report_name: 'Chart of Accounts', applied_filter: filterBy, sort_column: 'account_code', sort_order: 'A', criteria: [] });
  return { status: 200, body: { code: 0, message: 'success', chartofaccounts: items.map((a) => chartAccountJson(a, withBalance)), page_context } };
});

const getChartAccount = inOrganization((req, org) => {
  const a = org.accounts.find((x) => x.account_id === req.params.account_id);
  if (!a) return notFound('Account');
  return { status: 200, body: { code: 0, message: 'success', chart_of_account: chartAccountJson(a, true) } };
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
  { method: 'GET', path: `${V3}/contacts`, scopes: scopes('contacts', 'READ'), handle: listContacts },
  { method: 'GET', path: `${V3}/contacts/:contact_id`, scopes: scopes('contacts', 'READ'), handle: getContact },
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
