import { ZohoApiError, ZohoConfigError, type QueryValue, type ZohoAppClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { booksEnvelopeReader } from './envelope.js';

/** Amounts arrive as JSON numbers (sometimes numeric strings); convert them with money.ts, never with float math. */
export type BooksAmount = number | string;

export interface BooksPageContext {
  page?: number;
  per_page?: number;
  has_more_page?: boolean;
  report_name?: string;
  applied_filter?: string;
  sort_column?: string;
  sort_order?: string;
  search_criteria?: { column_name?: string; search_text?: string; comparator?: string }[];
}

interface Envelope {
  code: number;
  message: string;
}

export interface BooksOrganization {
  organization_id: string;
  name: string;
  contact_name?: string;
  email?: string;
  is_default_org?: boolean;
  currency_code?: string;
  time_zone?: string;
  [key: string]: unknown;
}

export interface BooksLineItem {
  line_item_id?: string;
  item_id?: string;
  name?: string;
  description?: string;
  quantity?: number | string;
  rate?: BooksAmount;
  item_total?: BooksAmount;
  [key: string]: unknown;
}

export interface BooksInvoice {
  invoice_id: string;
  invoice_number?: string;
  status?: string;
  customer_id?: string;
  customer_name?: string;
  date?: string;
  due_date?: string;
  currency_code?: string;
  total?: BooksAmount;
  balance?: BooksAmount;
  line_items?: BooksLineItem[];
  [key: string]: unknown;
}

export interface BooksContact {
  contact_id: string;
  contact_name?: string;
  company_name?: string;
  contact_type?: string;
  status?: string;
  email?: string;
  currency_code?: string;
  outstanding_receivable_amount?: BooksAmount;
  [key: string]: unknown;
}

export interface BooksExpense {
  expense_id: string;
  date?: string;
  account_id?: string;
  account_name?: string;
  total?: BooksAmount;
  currency_code?: string;
  [key: string]: unknown;
}

export interface BooksBankAccount {
  account_id: string;
  account_name?: string;
  account_type?: string;
  currency_code?: string;
  balance?: BooksAmount;
  bank_balance?: BooksAmount;
  [key: string]: unknown;
}

export interface BooksChartAccount {
  account_id: string;
  account_name?: string;
  account_type?: string;
  currency_code?: string;
  current_balance?: BooksAmount;
  [key: string]: unknown;
}

export interface BooksCustomerPayment {
  payment_id: string;
  payment_number?: string;
  customer_id?: string;
  amount?: BooksAmount;
  date?: string;
  invoices?: { invoice_id: string; amount_applied?: BooksAmount; [key: string]: unknown }[];
  [key: string]: unknown;
}

export type BooksInvoiceStatus = 'sent' | 'draft' | 'overdue' | 'paid' | 'void' | 'unpaid' | 'partially_paid' | 'viewed';

export interface ListInvoicesParams {
  status?: BooksInvoiceStatus;
  customer_id?: string;
  /** Invoice date from (yyyy-mm-dd, inclusive). */
  date_start?: string;
  date_end?: string;
  search_text?: string;
  sort_column?: 'customer_name' | 'invoice_number' | 'date' | 'due_date' | 'total' | 'balance' | 'created_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface ListContactsParams {
  contact_type?: 'customer' | 'vendor';
  filter_by?: string;
  search_text?: string;
  contact_name?: string;
  sort_column?: 'contact_name' | 'outstanding_receivable_amount' | 'created_time' | 'last_modified_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface ListExpensesParams {
  date_start?: string;
  date_end?: string;
  account_id?: string;
  customer_id?: string;
  vendor_id?: string;
  status?: 'unbilled' | 'invoiced' | 'reimbursed' | 'non-billable' | 'billable';
  sort_column?: 'date' | 'account_name' | 'total' | 'created_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface ListChartOfAccountsParams {
  filter_by?: string;
  sort_column?: 'account_name' | 'account_type' | 'account_code';
  sort_order?: 'A' | 'D';
  /** Ask Books to include `current_balance` on each account. */
  showbalance?: boolean;
  page?: number;
  per_page?: number;
}

export interface CreateInvoiceBody {
  customer_id: string;
  date?: string;
  due_date?: string;
  payment_terms?: number;
  reference_number?: string;
  notes?: string;
  line_items: { item_id?: string; name?: string; description?: string; quantity: number; rate: number }[];
}

export interface CreateCustomerPaymentBody {
  customer_id: string;
  payment_mode?: string;
  amount: number;
  date: string;
  reference_number?: string;
  description?: string;
  account_id?: string;
  invoices: { invoice_id: string; amount_applied: number }[];
}

export interface UpdateInvoiceBody {
  date?: string;
  due_date?: string;
  reference_number?: string;
  notes?: string;
  /** The full list: Books replaces the invoice's lines with it (a line with `line_item_id` keeps that line). */
  line_items: { line_item_id?: string; item_id?: string; name?: string; description?: string; quantity: number; rate: number }[];
}

export interface EmailInvoiceBody {
  to_mail_ids: string[];
  cc_mail_ids?: string[];
  subject?: string;
  body?: string;
  send_from_org_email_id?: boolean;
}

export interface BooksComment {
  comment_id: string;
  description?: string;
  commented_by?: string;
  operation_type?: string;
  date?: string;
  time?: string;
  transaction_type?: string;
  [key: string]: unknown;
}

export interface BooksAddressInput {
  attention?: string;
  address?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
}

export interface CreateContactBody {
  contact_name: string;
  contact_type: 'customer' | 'vendor';
  company_name?: string;
  customer_sub_type?: 'business' | 'individual';
  currency_id?: string;
  payment_terms?: number;
  payment_terms_label?: string;
  website?: string;
  notes?: string;
  billing_address?: BooksAddressInput;
  contact_persons?: { first_name?: string; last_name?: string; email?: string; phone?: string; designation?: string; is_primary_contact?: boolean }[];
}

/** What PUT /contacts/{id} changes: only the fields given (a contact person by its id; one without an id is added). */
export interface UpdateContactBody {
  contact_name?: string;
  company_name?: string;
  website?: string;
  notes?: string;
  payment_terms?: number;
  billing_address?: BooksAddressInput;
  contact_persons?: { contact_person_id?: string; first_name?: string; last_name?: string; email?: string; phone?: string; designation?: string; is_primary_contact?: boolean }[];
}

export interface ListCustomerPaymentsParams {
  customer_id?: string;
  date_start?: string;
  date_end?: string;
  page?: number;
  per_page?: number;
}

export interface BooksCurrency {
  currency_id: string;
  currency_code: string;
  currency_name?: string;
  is_base_currency?: boolean;
  [key: string]: unknown;
}

export interface BooksEstimate {
  estimate_id: string;
  estimate_number?: string;
  status?: string;
  customer_id?: string;
  customer_name?: string;
  date?: string;
  expiry_date?: string;
  currency_code?: string;
  total?: BooksAmount;
  line_items?: BooksLineItem[];
  [key: string]: unknown;
}

export type BooksEstimateStatus = 'draft' | 'sent' | 'invoiced' | 'accepted' | 'declined' | 'expired';

export interface ListEstimatesParams {
  status?: BooksEstimateStatus;
  customer_id?: string;
  date_start?: string;
  date_end?: string;
  search_text?: string;
  sort_column?: 'customer_name' | 'estimate_number' | 'date' | 'total' | 'created_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface CreateEstimateBody {
  customer_id: string;
  date?: string;
  expiry_date?: string;
  reference_number?: string;
  notes?: string;
  terms?: string;
  line_items: { item_id?: string; name?: string; description?: string; quantity: number; rate: number }[];
}

export interface BooksPurchaseOrder {
  purchaseorder_id: string;
  purchaseorder_number?: string;
  status?: string;
  vendor_id?: string;
  vendor_name?: string;
  date?: string;
  delivery_date?: string;
  currency_code?: string;
  total?: BooksAmount;
  [key: string]: unknown;
}

export interface ListPurchaseOrdersParams {
  status?: 'draft' | 'open' | 'billed' | 'cancelled';
  vendor_id?: string;
  date_start?: string;
  date_end?: string;
  search_text?: string;
  sort_column?: 'vendor_name' | 'purchaseorder_number' | 'date' | 'delivery_date' | 'total' | 'created_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface BooksBill {
  bill_id: string;
  bill_number?: string;
  status?: string;
  vendor_id?: string;
  vendor_name?: string;
  date?: string;
  due_date?: string;
  currency_code?: string;
  total?: BooksAmount;
  balance?: BooksAmount;
  [key: string]: unknown;
}

export interface ListBillsParams {
  status?: 'draft' | 'open' | 'overdue' | 'partially_paid' | 'paid' | 'void';
  /** `Status.Unpaid`: open, overdue and partially paid bills together (unconfirmed for bills). */
  filter_by?: string;
  vendor_id?: string;
  date_start?: string;
  date_end?: string;
  search_text?: string;
  sort_column?: 'vendor_name' | 'bill_number' | 'date' | 'due_date' | 'total' | 'balance' | 'created_time';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface BooksBankTransaction {
  transaction_id: string;
  date?: string;
  amount?: BooksAmount;
  debit_or_credit?: 'debit' | 'credit' | string;
  transaction_type?: string;
  status?: string;
  account_id?: string;
  account_name?: string;
  currency_code?: string;
  [key: string]: unknown;
}

export interface ListBankTransactionsParams {
  account_id?: string;
  date_start?: string;
  date_end?: string;
  /** `Status.All|Status.Uncategorized|Status.Categorized|Status.ManuallyAdded|Status.Matched|Status.Excluded`. */
  filter_by?: string;
  transaction_type?: string;
  sort_column?: 'date' | 'amount';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export interface BooksJournalLine {
  line_id?: string;
  account_id?: string;
  account_name?: string;
  description?: string;
  debit_or_credit?: 'debit' | 'credit' | string;
  amount?: BooksAmount;
  [key: string]: unknown;
}

export interface BooksJournal {
  journal_id: string;
  journal_date?: string;
  entry_number?: string;
  reference_number?: string;
  notes?: string;
  status?: string;
  total?: BooksAmount;
  currency_code?: string;
  line_items?: BooksJournalLine[];
  [key: string]: unknown;
}

export interface ListJournalsParams {
  date_start?: string;
  date_end?: string;
  search_text?: string;
  sort_column?: 'journal_date' | 'entry_number' | 'reference_number' | 'total';
  sort_order?: 'A' | 'D';
  page?: number;
  per_page?: number;
}

export type BooksList<K extends string, T> = Envelope & { page_context?: BooksPageContext } & { [P in K]: T[] };

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface BooksClientOptions {
  /**
   * The Books organization every call goes to (the `organization_id` query parameter). The example agent
   * reads it from ZOHO_BOOKS_ORGANIZATION_ID. When absent it is discovered once with GET /organizations;
   * that works when the user has exactly one organization.
   */
  organizationId?: string | undefined;
}

const BASE = '/books/v3';
const ORGANIZATION_ID = /^\d{1,30}$/;

/**
 * Typed calls to the Zoho Books API v3. Every call carries `organization_id` and uses the organization as its
 * rate-limit partition (`budget`), so several organizations on one account never share one budget.
 */
export class BooksClient {
  readonly http: ZohoAppClient;
  private organization: Promise<string> | undefined;
  private base: Promise<string | undefined> | undefined;

  constructor(
    readonly connection: ZohoConnection,
    options: BooksClientOptions = {},
  ) {
    this.http = connection.app({ app: 'books', readError: booksEnvelopeReader });
    const configured = options.organizationId?.trim();
    if (configured) {
      if (!ORGANIZATION_ID.test(configured)) {
        throw new ZohoConfigError('ZOHO_BOOKS_ORGANIZATION_ID', `"${configured}" is not a Books organization id (digits only, e.g. 10234695); list yours with GET /books/v3/organizations`);
      }
      this.organization = Promise.resolve(configured);
    }
  }

  /**
   * The organization id calls go to: the configured one, or the only organization of the user (looked up
   * once, shared by concurrent callers; a failed lookup is retried on the next call).
   */
  organizationId(options: CallOptions = {}): Promise<string> {
    this.organization ??= this.discoverOrganization(options).catch((err: unknown) => {
      this.organization = undefined;
      throw err;
    });
    return this.organization;
  }

  async listOrganizations(options: CallOptions = {}): Promise<Envelope & { organizations: BooksOrganization[] }> {
    const res = await this.http
      .request<Envelope & { organizations?: BooksOrganization[] }>({ method: 'GET', path: `${BASE}/organizations`, signal: options.signal })
      .catch((err: unknown) => {
        throw explainError(err, 'ZohoBooks.settings.READ', ' (or skip this lookup by setting ZOHO_BOOKS_ORGANIZATION_ID)');
      });
    return { ...res.data, organizations: res.data?.organizations ?? [] };
  }

  listInvoices(params: ListInvoicesParams = {}, options: CallOptions = {}): Promise<BooksList<'invoices', BooksInvoice>> {
    return this.call({ method: 'GET', path: '/invoices', query: { ...params }, scope: 'ZohoBooks.invoices.READ' }, options);
  }

  getInvoice(invoiceId: string, options: CallOptions = {}): Promise<Envelope & { invoice: BooksInvoice }> {
    return this.call({ method: 'GET', path: `/invoices/${encodeURIComponent(invoiceId)}`, scope: 'ZohoBooks.invoices.READ' }, options);
  }

  createInvoice(body: CreateInvoiceBody, options: CallOptions = {}): Promise<Envelope & { invoice: BooksInvoice }> {
    return this.call({ method: 'POST', path: '/invoices', json: body, scope: 'ZohoBooks.invoices.CREATE' }, options);
  }

  updateInvoice(invoiceId: string, body: UpdateInvoiceBody, options: CallOptions = {}): Promise<Envelope & { invoice: BooksInvoice }> {
    return this.call({ method: 'PUT', path: `/invoices/${encodeURIComponent(invoiceId)}`, json: body, scope: 'ZohoBooks.invoices.UPDATE' }, options);
  }

  /** Marks a draft invoice as sent without e-mailing it. */
  markInvoiceSent(invoiceId: string, options: CallOptions = {}): Promise<Envelope> {
    return this.call({ method: 'POST', path: `/invoices/${encodeURIComponent(invoiceId)}/status/sent`, scope: 'ZohoBooks.invoices.CREATE' }, options);
  }

  /** Voids an invoice; Books unassociates its payments and keeps them as the customer's credits. */
  voidInvoice(invoiceId: string, options: CallOptions = {}): Promise<Envelope> {
    return this.call({ method: 'POST', path: `/invoices/${encodeURIComponent(invoiceId)}/status/void`, scope: 'ZohoBooks.invoices.CREATE' }, options);
  }

  emailInvoice(invoiceId: string, body: EmailInvoiceBody, options: CallOptions = {}): Promise<Envelope> {
    return this.call({ method: 'POST', path: `/invoices/${encodeURIComponent(invoiceId)}/email`, json: body, scope: 'ZohoBooks.invoices.CREATE' }, options);
  }

  /** The invoice's comments and history (e-mails, payments, status changes), newest first. */
  listInvoiceComments(invoiceId: string, options: CallOptions = {}): Promise<Envelope & { comments: BooksComment[] }> {
    return this.call({ method: 'GET', path: `/invoices/${encodeURIComponent(invoiceId)}/comments`, scope: 'ZohoBooks.invoices.READ' }, options);
  }

  /** Adds an internal comment to an invoice's history (not shown to the customer unless `showToClient`). */
  addInvoiceComment(invoiceId: string, description: string, options: CallOptions & { showToClient?: boolean } = {}): Promise<Envelope & { comment: BooksComment }> {
    return this.call({ method: 'POST', path: `/invoices/${encodeURIComponent(invoiceId)}/comments`, json: { description, show_comment_to_clients: options.showToClient === true }, scope: 'ZohoBooks.invoices.CREATE' }, options);
  }

  listContacts(params: ListContactsParams = {}, options: CallOptions = {}): Promise<BooksList<'contacts', BooksContact>> {
    return this.call({ method: 'GET', path: '/contacts', query: { ...params }, scope: 'ZohoBooks.contacts.READ' }, options);
  }

  getContact(contactId: string, options: CallOptions = {}): Promise<Envelope & { contact: BooksContact }> {
    return this.call({ method: 'GET', path: `/contacts/${encodeURIComponent(contactId)}`, scope: 'ZohoBooks.contacts.READ' }, options);
  }

  /**
   * Creates a contact (a customer or a vendor). Books refuses a `contact_name` another contact has (code 3062):
   * check with `contactsNamed` first.
   */
  createContact(body: CreateContactBody, options: CallOptions = {}): Promise<Envelope & { contact: BooksContact }> {
    return this.call({ method: 'POST', path: '/contacts', json: body, scope: 'ZohoBooks.contacts.CREATE' }, options);
  }

  /** Changes a contact (PUT /contacts/{id}): the fields given; a new `contact_name` must be unique like on create (code 3062). */
  updateContact(contactId: string, body: UpdateContactBody, options: CallOptions = {}): Promise<Envelope & { contact: BooksContact }> {
    return this.call({ method: 'PUT', path: `/contacts/${encodeURIComponent(contactId)}`, json: body, scope: 'ZohoBooks.contacts.UPDATE' }, options);
  }

  /**
   * Every contact (customer or vendor, active or not) whose display name is `name`, ignoring case: Books
   * keeps contact names unique across both types.
   */
  async contactsNamed(name: string, options: CallOptions = {}): Promise<BooksContact[]> {
    const wanted = name.trim().toLowerCase();
    const found: BooksContact[] = [];
    for (let page = 1; page <= 20; page++) {
      const res = await this.listContacts({ contact_name: name.trim(), filter_by: 'Status.All', page, per_page: 200 }, options);
      found.push(...(res.contacts ?? []).filter((c) => (c.contact_name ?? '').trim().toLowerCase() === wanted));
      if (res.page_context?.has_more_page !== true) break;
    }
    return found;
  }

  /** The organization's enabled currencies (with their `currency_id`, which contacts are created with). */
  listCurrencies(options: CallOptions = {}): Promise<Envelope & { currencies: BooksCurrency[] }> {
    return this.call({ method: 'GET', path: '/settings/currencies', scope: 'ZohoBooks.settings.READ' }, options);
  }

  listEstimates(params: ListEstimatesParams = {}, options: CallOptions = {}): Promise<BooksList<'estimates', BooksEstimate>> {
    return this.call({ method: 'GET', path: '/estimates', query: { ...params }, scope: 'ZohoBooks.estimates.READ' }, options);
  }

  getEstimate(estimateId: string, options: CallOptions = {}): Promise<Envelope & { estimate: BooksEstimate }> {
    return this.call({ method: 'GET', path: `/estimates/${encodeURIComponent(estimateId)}`, scope: 'ZohoBooks.estimates.READ' }, options);
  }

  createEstimate(body: CreateEstimateBody, options: CallOptions = {}): Promise<Envelope & { estimate: BooksEstimate }> {
    return this.call({ method: 'POST', path: '/estimates', json: body, scope: 'ZohoBooks.estimates.CREATE' }, options);
  }

  listPurchaseOrders(params: ListPurchaseOrdersParams = {}, options: CallOptions = {}): Promise<BooksList<'purchaseorders', BooksPurchaseOrder>> {
    return this.call({ method: 'GET', path: '/purchaseorders', query: { ...params }, scope: 'ZohoBooks.purchaseorders.READ' }, options);
  }

  listBills(params: ListBillsParams = {}, options: CallOptions = {}): Promise<BooksList<'bills', BooksBill>> {
    return this.call({ method: 'GET', path: '/bills', query: { ...params }, scope: 'ZohoBooks.bills.READ' }, options);
  }

  listBankTransactions(params: ListBankTransactionsParams = {}, options: CallOptions = {}): Promise<BooksList<'banktransactions', BooksBankTransaction>> {
    return this.call({ method: 'GET', path: '/banktransactions', query: { ...params }, scope: 'ZohoBooks.banking.READ' }, options);
  }

  listJournals(params: ListJournalsParams = {}, options: CallOptions = {}): Promise<BooksList<'journals', BooksJournal>> {
    return this.call({ method: 'GET', path: '/journals', query: { ...params }, scope: 'ZohoBooks.accountants.READ' }, options);
  }

  getJournal(journalId: string, options: CallOptions = {}): Promise<Envelope & { journal: BooksJournal }> {
    return this.call({ method: 'GET', path: `/journals/${encodeURIComponent(journalId)}`, scope: 'ZohoBooks.accountants.READ' }, options);
  }

  listBankAccounts(params: { page?: number; per_page?: number } = {}, options: CallOptions = {}): Promise<BooksList<'bankaccounts', BooksBankAccount>> {
    return this.call({ method: 'GET', path: '/bankaccounts', query: { ...params }, scope: 'ZohoBooks.banking.READ' }, options);
  }

  listChartOfAccounts(params: ListChartOfAccountsParams = {}, options: CallOptions = {}): Promise<BooksList<'chartofaccounts', BooksChartAccount>> {
    return this.call({ method: 'GET', path: '/chartofaccounts', query: { ...params }, scope: 'ZohoBooks.accountants.READ' }, options);
  }

  getChartOfAccount(accountId: string, options: CallOptions = {}): Promise<Envelope & { chart_of_account: BooksChartAccount }> {
    return this.call({ method: 'GET', path: `/chartofaccounts/${encodeURIComponent(accountId)}`, scope: 'ZohoBooks.accountants.READ' }, options);
  }

  /**
   * The organization's base currency code (from GET /organizations), or undefined when Books does not say.
   * Looked up once and shared, as the organization is; a failed lookup is retried on the next call.
   */
  baseCurrency(options: CallOptions = {}): Promise<string | undefined> {
    this.base ??= this.readBaseCurrency(options).catch((err: unknown) => {
      this.base = undefined;
      throw err;
    });
    return this.base;
  }

  listExpenses(params: ListExpensesParams = {}, options: CallOptions = {}): Promise<BooksList<'expenses', BooksExpense>> {
    return this.call({ method: 'GET', path: '/expenses', query: { ...params }, scope: 'ZohoBooks.expenses.READ' }, options);
  }

  /** Customer payments, newest first (GET /customerpayments). */
  listCustomerPayments(params: ListCustomerPaymentsParams = {}, options: CallOptions = {}): Promise<BooksList<'customerpayments', BooksCustomerPayment>> {
    return this.call({ method: 'GET', path: '/customerpayments', query: { ...params }, scope: 'ZohoBooks.customerpayments.READ' }, options);
  }

  createCustomerPayment(body: CreateCustomerPaymentBody, options: CallOptions = {}): Promise<Envelope & { payment: BooksCustomerPayment }> {
    return this.call({ method: 'POST', path: '/customerpayments', json: body, scope: 'ZohoBooks.customerpayments.CREATE' }, options);
  }

  private async call<T>(
    req: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, QueryValue>; json?: unknown; scope: string },
    options: CallOptions,
  ): Promise<T> {
    const organizationId = await this.organizationId(options);
    try {
      const res = await this.http.request<T>({
        method: req.method,
        path: BASE + req.path,
        query: { organization_id: organizationId, ...req.query },
        ...(req.json !== undefined ? { json: req.json } : {}),
        budget: organizationId,
        signal: options.signal,
      });
      return res.data;
    } catch (err) {
      throw explainError(err, req.scope);
    }
  }

  private async readBaseCurrency(options: CallOptions): Promise<string | undefined> {
    const id = await this.organizationId(options);
    const { organizations } = await this.listOrganizations(options);
    const org = organizations.find((o) => String(o.organization_id) === id);
    return typeof org?.currency_code === 'string' ? org.currency_code : undefined;
  }

    private async discoverOrganization(options: CallOptions): Promise<string> {
    const { organizations } = await this.listOrganizations(options);
    if (organizations.length === 1) return String(organizations[0]!.organization_id);
    if (organizations.length === 0) {
      throw new ZohoConfigError(
        'ZOHO_BOOKS_ORGANIZATION_ID',
        'this Zoho user has no Zoho Books organization; create one at https://books.zoho.com, or sign in as a user who belongs to one',
      );
    }
    const listed = organizations.map((o) => `${o.name} (${String(o.organization_id)})`).join(', ');
    throw new ZohoConfigError(
      'ZOHO_BOOKS_ORGANIZATION_ID',
      `this Zoho user belongs to ${organizations.length} Books organizations: ${listed}. Set ZOHO_BOOKS_ORGANIZATION_ID (the Books plugin's organizationId option) to the one to use; nothing was sent to them`,
    );
  }
}

/**
 * A code 57 that survives the pipeline's refresh-and-replay is not a stale token: the fresh token lacks a
 * scope, or the Books role lacks the permission. Say so, with the scope this call needs.
 */
function explainError(err: unknown, scope: string, extra = ''): unknown {
  if (!(err instanceof ZohoApiError) || err.code !== '57') return err;
  const refreshed = err.kind === 'invalid_token' ? ', even with a freshly refreshed token' : '';
  return new ZohoApiError({
    app: err.app,
    status: err.status,
    code: err.code,
    kind: 'permission',
    message: `You are not authorized to perform this operation (Books code 57${refreshed}): the OAuth token probably lacks the scope ${scope}, or the Zoho user's Books role does not allow it. Re-authorise with ${scope}${extra}, or ask a Books administrator for the permission`,
    details: err.details,
    retryable: false,
    retryAfterMs: err.retryAfterMs,
  });
}
