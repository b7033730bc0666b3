/**
 * The Books slice answers as ../shared/zoho-api/books.md says Books does: one table of requests and the
 * answers they must get — envelopes (`code`/`message`, singular and plural resource keys), status codes,
 * paging (`page_context`), throttling bodies with Retry-After, and every error code the digest names that
 * the emulator produces. Run with core's table runner, over HTTP.
 */
import { createManualClock, runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addBooksOrganization, booksEmulator, DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const clock = createManualClock(NOW);
/** The seed the emulator starts from (deterministic for a given clock), for ids in the table. */
const seed = booksEmulator.createState({ seed: true, now: NOW });
const main = seed.organizations[0]!;
const ORG = { organization_id: DEFAULT_ORGANIZATION_ID };
const customer = main.contacts.find((c) => c.contact_type === 'customer')!;
const invoice = main.invoices[0]!;
const expense = main.expenses[0]!;
const bank = main.accounts.find((a) => a.account_type === 'bank')!;
const payment = main.payments[0]!;

/** Books timestamps: an offset without a colon (`2025-04-09T11:25:54-0400`). */
const BOOKS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/;
const ID = /^\d{6,19}$/;
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
const success = (key: string, value: unknown, message: string | RegExp = 'success') => ({ code: 0, message, [key]: value });
const failure = (code: number, message: string | RegExp) => ({ code, message });
/** Every list carries page_context with these keys. */
const pageContext = (extra: Record<string, unknown> = {}) => ({ page: 1, per_page: 200, has_more_page: false, report_name: /./, applied_filter: /./, sort_column: /./, sort_order: /^[AD]$/, ...extra });
const invoiceBody = { customer_id: customer.contact_id, line_items: [{ name: 'Retainer', rate: 450.1, quantity: 1 }] };
const draft = main.invoices.find((i) => i.status === 'draft' && i.customer_id === customer.contact_id)!;
const voided = main.invoices.find((i) => i.status === 'void')!;
const issued = main.invoices.find((i) => i.status === 'sent')!;
const estimate = main.estimates[0]!;
const purchaseOrder = main.purchaseOrders[0]!;
const bill = main.bills[0]!;
const txn = main.bankTransactions[0]!;
const journal = main.journals[0]!;
const pettyCash = main.accounts.find((a) => a.account_name === 'Petty Cash')!;
const eur = main.currencies.find((c) => c.currency_code === 'EUR')!;
const isList = (v: unknown) => Array.isArray(v);
const tokenWith = (scopes: string[]) => (emu: Emulator) => emu.accounts.issueAccessToken(emu.accounts.issueRefreshToken({ scopes }));

const CASES: AnswerCase[] = [
  // Success envelopes and paging.
  {
    name: 'GET /organizations: plural key, ids as strings, no organization_id needed',
    path: '/books/v3/organizations',
    expect: { status: 200, body: success('organizations', [{ organization_id: DEFAULT_ORGANIZATION_ID, name: 'Northwind Creative', currency_code: 'USD', is_default_org: true }]) },
  },
  {
    name: 'GET /invoices: a list with page_context and no search_criteria without filters',
    path: '/books/v3/invoices',
    query: ORG,
    expect: {
      status: 200,
      body: success('invoices', (v: unknown) => Array.isArray(v) && v.length === main.invoices.length),
      check: ({ body }) => {
        const b = body as { page_context: Record<string, unknown>; invoices: Record<string, unknown>[] };
        const problems: string[] = [];
        const pc = b.page_context;
        for (const k of ['page', 'per_page', 'has_more_page', 'report_name', 'applied_filter', 'sort_column', 'sort_order']) if (!(k in pc)) problems.push(`page_context.${k} missing`);
        if ('search_criteria' in pc) problems.push('search_criteria without a filter');
        for (const inv of b.invoices) {
          if (typeof inv.invoice_id !== 'string' || typeof inv.customer_id !== 'string') problems.push(`ids are not strings in ${String(inv.invoice_number)}`);
          if (typeof inv.total !== 'number' || typeof inv.balance !== 'number') problems.push(`amounts are not numbers in ${String(inv.invoice_number)}`);
          if (!BOOKS_TIME.test(String(inv.created_time))) problems.push(`created_time ${String(inv.created_time)} is not Books' format`);
        }
        return problems;
      },
    },
  },
  {
    name: 'a filter shows in page_context.search_criteria',
    path: '/books/v3/invoices',
    query: { ...ORG, status: 'paid', sort_column: 'total', sort_order: 'A' },
    expect: { status: 200, body: { code: 0, page_context: pageContext({ sort_column: 'total', sort_order: 'A', applied_filter: 'Status.paid', search_criteria: [{ column_name: 'status', search_text: 'paid', comparator: 'equal' }] }) } },
  },
  { name: 'per_page is capped at 200', path: '/books/v3/invoices', query: { ...ORG, per_page: 500 }, expect: { status: 200, body: { page_context: { per_page: 200 } } } },
  {
    name: 'has_more_page while pages remain',
    path: '/books/v3/invoices',
    query: { ...ORG, per_page: 10, page: 2 },
    expect: { status: 200, body: { invoices: (v: unknown) => Array.isArray(v) && v.length === 10, page_context: { page: 2, per_page: 10, has_more_page: true } } },
  },
  { name: 'a page past the end: an empty list, has_more_page false', path: '/books/v3/invoices', query: { ...ORG, per_page: 200, page: 9 }, expect: { status: 200, body: { invoices: [], page_context: { page: 9, has_more_page: false } } } },
  {
    name: 'GET /invoices/{id}: the singular key',
    path: `/books/v3/invoices/${invoice.invoice_id}`,
    query: ORG,
    expect: { status: 200, body: success('invoice', { invoice_id: invoice.invoice_id, invoice_number: invoice.invoice_number, line_items: nonEmpty, last_modified_time: BOOKS_TIME }) },
  },
  { name: 'GET /contacts', path: '/books/v3/contacts', query: ORG, expect: { status: 200, body: { ...success('contacts', nonEmpty), page_context: pageContext({ report_name: 'Contacts' }) } } },
  { name: 'GET /contacts/{id}', path: `/books/v3/contacts/${customer.contact_id}`, query: ORG, expect: { status: 200, body: success('contact', { contact_id: customer.contact_id, contact_name: customer.contact_name, contact_type: 'customer' }) } },
  { name: 'GET /expenses', path: '/books/v3/expenses', query: ORG, expect: { status: 200, body: { ...success('expenses', nonEmpty), page_context: pageContext({ report_name: 'Expenses' }) } } },
  { name: 'GET /expenses/{id}', path: `/books/v3/expenses/${expense.expense_id}`, query: ORG, expect: { status: 200, body: success('expense', { expense_id: expense.expense_id, total: (v: unknown) => typeof v === 'number' }) } },
  { name: 'GET /bankaccounts', path: '/books/v3/bankaccounts', query: ORG, expect: { status: 200, body: { ...success('bankaccounts', nonEmpty), page_context: pageContext({ report_name: 'Bank Accounts' }) } } },
  { name: 'GET /bankaccounts/{id}', path: `/books/v3/bankaccounts/${bank.account_id}`, query: ORG, expect: { status: 200, body: success('bankaccount', { account_id: bank.account_id, account_type: 'bank' }) } },
  { name: 'GET /chartofaccounts', path: '/books/v3/chartofaccounts', query: ORG, expect: { status: 200, body: { ...success('chartofaccounts', nonEmpty), page_context: pageContext() } } },
  { name: 'GET /chartofaccounts/{id}', path: `/books/v3/chartofaccounts/${bank.account_id}`, query: ORG, expect: { status: 200, body: success('chart_of_account', { account_id: bank.account_id }) } },
  { name: 'GET /customerpayments', path: '/books/v3/customerpayments', query: ORG, expect: { status: 200, body: success('customerpayments', nonEmpty) } },
  { name: 'GET /customerpayments/{id}', path: `/books/v3/customerpayments/${payment.payment_id}`, query: ORG, expect: { status: 200, body: success('payment', { payment_id: payment.payment_id }) } },

  // Writes: 201 with the singular key, JSON or the legacy JSONString form, whatever the Content-Type.
  {
    name: 'POST /invoices (JSON) → 201, auto-numbered draft',
    method: 'POST',
    path: '/books/v3/invoices',
    query: ORG,
    json: invoiceBody,
    expect: { status: 201, body: success('invoice', { invoice_id: ID, invoice_number: /^INV-\d{6}$/, status: 'draft', total: 450.1 }, 'The invoice has been created.') },
  },
  {
    name: 'POST /invoices (JSONString form field) → 201',
    method: 'POST',
    path: '/books/v3/invoices',
    query: { ...ORG, send: true },
    form: { JSONString: JSON.stringify(invoiceBody) },
    expect: { status: 201, body: success('invoice', { status: 'unpaid' }, 'The invoice has been created.') },
  },
  {
    name: 'POST /invoices (JSON without a Content-Type) → 201',
    method: 'POST',
    path: '/books/v3/invoices',
    query: ORG,
    body: JSON.stringify(invoiceBody),
    expect: { status: 201, body: { code: 0, invoice: { invoice_id: ID } } },
  },
  {
    name: 'POST /customerpayments → 201',
    method: 'POST',
    path: '/books/v3/customerpayments',
    query: ORG,
    json: { customer_id: customer.contact_id, amount: 10, payment_mode: 'cash' },
    expect: { status: 201, body: success('payment', { payment_id: ID, amount: 10 }, 'The payment has been created.') },
  },

  // Single records carry the fields Books documents for them (most empty or at their defaults).
  {
    name: 'GET /invoices/{id}: template, payment options, addresses, custom fields, tax and reminder fields, addressees',
    path: `/books/v3/invoices/${draft.invoice_id}`,
    query: ORG,
    expect: {
      status: 200,
      body: success('invoice', {
        template_id: ID,
        template_name: /./,
        payment_options: { payment_gateways: isList },
        billing_address: { address: /./, city: /./, zip: /./, country: /./ },
        shipping_address: { city: /./ },
        custom_fields: isList,
        custom_field_hash: {},
        taxes: isList,
        tax_total: 0,
        is_inclusive_tax: false,
        payment_reminder_enabled: true,
        reminders_sent: 0,
        last_reminder_sent_date: '',
        late_fee: { type: 'percentage', rate: 0 },
        contact_persons: [ID],
        contact_persons_details: [{ contact_person_id: ID, email: /@/, is_primary_contact: true }],
        line_items: (v: unknown) => isList(v) && (v as Record<string, unknown>[]).every((l) => 'tax_id' in l && 'item_custom_fields' in l && typeof l.bcy_rate === 'number'),
        created_by_id: ID,
        invoice_url: /^https:\/\//,
      }),
    },
  },
  {
    name: 'GET /contacts/{id}: addresses with ids, default templates, CRM link fields, contact persons',
    path: `/books/v3/contacts/${customer.contact_id}`,
    query: ORG,
    expect: {
      status: 200,
      body: success('contact', {
        billing_address: { address_id: ID, city: customer.billing_address.city, state: /./, zip: /\d/ },
        shipping_address: { address_id: ID },
        default_templates: { invoice_template_id: '', estimate_template_id: '' },
        is_linked_with_zohocrm: false,
        zcrm_account_id: '',
        primary_contact_id: ID,
        language_code: 'en',
        contact_persons: (v: unknown) => isList(v) && (v as Record<string, unknown>[]).some((p) => p.is_primary_contact === true && typeof p.contact_person_id === 'string'),
        outstanding_receivable_amount_bcy: (v: unknown) => typeof v === 'number',
      }),
    },
  },
  { name: 'GET /invoices/{id}/comments: the history, newest first', path: `/books/v3/invoices/${issued.invoice_id}/comments`, query: ORG, expect: { status: 200, body: success('comments', (v: unknown) => isList(v) && (v as { description: string }[])[0] !== undefined && (v as { description: string }[]).at(-1)!.description.startsWith('Invoice created for $')) } },
  { name: 'GET /settings/currencies: the base currency first', path: '/books/v3/settings/currencies', query: ORG, expect: { status: 200, body: success('currencies', (v: unknown) => isList(v) && (v as { currency_code: string; is_base_currency: boolean }[])[0]!.is_base_currency === true) } },
  { name: 'GET /estimates', path: '/books/v3/estimates', query: ORG, expect: { status: 200, body: { ...success('estimates', (v: unknown) => isList(v) && (v as unknown[]).length === main.estimates.length), page_context: pageContext({ report_name: 'Estimates' }) } } },
  { name: 'GET /estimates with a status: search_criteria', path: '/books/v3/estimates', query: { ...ORG, status: 'declined' }, expect: { status: 200, body: { code: 0, page_context: { applied_filter: 'Status.declined', search_criteria: [{ column_name: 'status', search_text: 'declined', comparator: 'equal' }] } } } },
  { name: 'GET /estimates/{id}', path: `/books/v3/estimates/${estimate.estimate_id}`, query: ORG, expect: { status: 200, body: success('estimate', { estimate_id: estimate.estimate_id, estimate_number: /^EST-\d{6}$/, line_items: nonEmpty, expiry_date: /^\d{4}-\d{2}-\d{2}$/ }) } },
  { name: 'GET /purchaseorders', path: '/books/v3/purchaseorders', query: ORG, expect: { status: 200, body: { ...success('purchaseorders', nonEmpty), page_context: pageContext({ report_name: 'Purchase Orders' }) } } },
  { name: 'GET /purchaseorders/{id}', path: `/books/v3/purchaseorders/${purchaseOrder.purchaseorder_id}`, query: ORG, expect: { status: 200, body: success('purchaseorder', { purchaseorder_id: purchaseOrder.purchaseorder_id, purchaseorder_number: /^PO-\d{5}$/, line_items: nonEmpty }) } },
  { name: 'GET /bills with filter_by=Status.Unpaid', path: '/books/v3/bills', query: { ...ORG, filter_by: 'Status.Unpaid' }, expect: { status: 200, body: { ...success('bills', nonEmpty), page_context: pageContext({ report_name: 'Bills', applied_filter: 'Status.unpaid' }) } } },
  { name: 'GET /bills/{id}', path: `/books/v3/bills/${bill.bill_id}`, query: ORG, expect: { status: 200, body: success('bill', { bill_id: bill.bill_id, balance: (v: unknown) => typeof v === 'number', payments: isList, line_items: nonEmpty }) } },
  { name: 'GET /banktransactions for an account', path: '/books/v3/banktransactions', query: { ...ORG, account_id: txn.account_id, per_page: 5 }, expect: { status: 200, body: { ...success('banktransactions', (v: unknown) => isList(v) && (v as { account_id: string }[]).every((t) => t.account_id === txn.account_id)), page_context: pageContext({ per_page: 5, has_more_page: true, report_name: 'Bank Transactions', search_criteria: [{ column_name: 'account_id', search_text: txn.account_id, comparator: 'equal' }] }) } } },
  { name: 'GET /banktransactions/{id}', path: `/books/v3/banktransactions/${txn.transaction_id}`, query: ORG, expect: { status: 200, body: success('banktransaction', { transaction_id: txn.transaction_id, debit_or_credit: /^(debit|credit)$/ }) } },
  { name: 'GET /journals', path: '/books/v3/journals', query: ORG, expect: { status: 200, body: { ...success('journals', nonEmpty), page_context: pageContext({ report_name: 'Journals', applied_filter: 'JournalDate.All' }) } } },
  { name: 'GET /journals/{id}: balanced lines', path: `/books/v3/journals/${journal.journal_id}`, query: ORG, expect: { status: 200, body: success('journal', { journal_id: journal.journal_id, entry_number: /^JE-\d{5}$/, line_items: [{ debit_or_credit: 'debit' }, { debit_or_credit: 'credit' }] }) } },

  // The new writes.
  {
    name: 'PUT /invoices/{id} → 200, lines replaced',
    method: 'PUT',
    path: `/books/v3/invoices/${draft.invoice_id}`,
    query: ORG,
    json: { line_items: [{ name: 'Retainer', rate: 100, quantity: 2 }], notes: 'Edited' },
    expect: { status: 200, body: success('invoice', { invoice_id: draft.invoice_id, total: 200, notes: 'Edited', line_items: [{ name: 'Retainer', quantity: 2 }] }, 'Invoice information has been updated.') },
  },
  { name: 'POST /invoices/{id}/status/sent → 200', method: 'POST', path: `/books/v3/invoices/${draft.invoice_id}/status/sent`, query: ORG, expect: { status: 200, body: { code: 0, message: 'Invoice status has been changed to Sent.' } } },
  { name: 'POST /invoices/{id}/status/void → 200', method: 'POST', path: `/books/v3/invoices/${issued.invoice_id}/status/void`, query: ORG, expect: { status: 200, body: { code: 0, message: 'Invoice status has been changed to Void.' } } },
  { name: 'POST /invoices/{id}/status/draft on a void invoice → 200', method: 'POST', path: `/books/v3/invoices/${voided.invoice_id}/status/draft`, query: ORG, expect: { status: 200, body: { code: 0, message: 'Status of invoice changed from void to draft' } } },
  { name: 'POST /invoices/{id}/email → 200', method: 'POST', path: `/books/v3/invoices/${draft.invoice_id}/email`, query: ORG, json: { to_mail_ids: ['ap@zylker.example'] }, expect: { status: 200, body: { code: 0, message: 'Your invoice has been sent.' } } },
  {
    name: 'POST /contacts → 201 with the contact',
    method: 'POST',
    path: '/books/v3/contacts',
    query: ORG,
    json: { contact_name: 'Globex', currency_id: eur.currency_id, contact_persons: [{ first_name: 'Hank', email: 'hank@globex.example' }] },
    expect: { status: 201, body: success('contact', { contact_id: ID, contact_name: 'Globex', contact_type: 'customer', currency_code: 'EUR', email: 'hank@globex.example', contact_persons: [{ is_primary_contact: true }] }, 'The contact has been added.') },
  },
  {
    name: 'POST /estimates → 201, a draft numbered EST-',
    method: 'POST',
    path: '/books/v3/estimates',
    query: ORG,
    json: invoiceBody,
    expect: { status: 201, body: success('estimate', { estimate_id: ID, estimate_number: /^EST-\d{6}$/, status: 'draft', total: 450.1 }, 'Estimate has been created.') },
  },

  // Errors: {code, message}, code ≠ 0.
  { name: 'no organization_id (one organization) → 400 code 4', path: '/books/v3/invoices', expect: { status: 400, body: failure(4, /organization_id/) } },
  {
    name: 'no organization_id (several) → 400 code 6024 with the organizations',
    path: '/books/v3/invoices',
    setup: (emu) => void addBooksOrganization(emu.state<BooksState>('books'), { name: 'Northwind EU', organization_id: '70012345999' }),
    expect: {
      status: 400,
      body: { ...failure(6024, /multiple organizations/), organizations: [{ organization_id: DEFAULT_ORGANIZATION_ID, name: 'Northwind Creative' }, { organization_id: '70012345999', name: 'Northwind EU' }] },
    },
  },
  { name: 'an unknown organization → 404 code 1002', path: '/books/v3/contacts', query: { organization_id: '42' }, expect: { status: 404, body: failure(1002, /does not exist/) } },
  { name: 'an unknown invoice → 404 code 1002', path: '/books/v3/invoices/4372460000099999999', query: ORG, expect: { status: 404, body: failure(1002, 'Invoice does not exist.') } },
  { name: 'an unknown contact → 404 code 1002', path: '/books/v3/contacts/4372460000099999999', query: ORG, expect: { status: 404, body: failure(1002, 'Contact does not exist.') } },
  { name: 'an invoice without customer_id → 400 code 4', method: 'POST', path: '/books/v3/invoices', query: ORG, json: { line_items: [{ name: 'A', rate: 1 }] }, expect: { status: 400, body: failure(4, /customer_id/) } },
  { name: 'an invoice for an unknown customer → 404 code 1002', method: 'POST', path: '/books/v3/invoices', query: ORG, json: { ...invoiceBody, customer_id: '999' }, expect: { status: 404, body: failure(1002, /does not exist/) } },
  {
    name: 'a duplicate invoice number → 400 code 1001',
    method: 'POST',
    path: '/books/v3/invoices',
    query: { ...ORG, ignore_auto_number_generation: true },
    json: { ...invoiceBody, invoice_number: invoice.invoice_number },
    expect: { status: 400, body: failure(1001, /already exists/) },
  },
  { name: 'a body that is not JSON → 400 code 4', method: 'POST', path: '/books/v3/invoices', query: ORG, headers: { 'content-type': 'application/json' }, body: '{broken', expect: { status: 400, body: failure(4, /JSON/) } },
  { name: 'an unknown sort_column → 400 code 4', path: '/books/v3/invoices', query: { ...ORG, sort_column: 'colour' }, expect: { status: 400, body: failure(4, /sort_column/) } },
  { name: 'a contact name that exists → 400 code 3062', method: 'POST', path: '/books/v3/contacts', query: ORG, json: { contact_name: customer.contact_name.toUpperCase() }, expect: { status: 400, body: failure(3062, /^The customer ".*" already exists\. Please specify a different name\.$/) } },
  { name: 'a contact without contact_name → 400 code 4', method: 'POST', path: '/books/v3/contacts', query: ORG, json: { contact_type: 'customer' }, expect: { status: 400, body: failure(4, /contact_name/) } },
  { name: 'an unknown currency_id → 400 code 4', method: 'POST', path: '/books/v3/contacts', query: ORG, json: { contact_name: 'Zed', currency_id: '1' }, expect: { status: 400, body: failure(4, /currency_id/) } },
  { name: 'editing a void invoice → 400 code 4', method: 'PUT', path: `/books/v3/invoices/${voided.invoice_id}`, query: ORG, json: { notes: 'x' }, expect: { status: 400, body: failure(4, /void and cannot be edited/) } },
  { name: 'an edit below the payments made → 400 code 4', method: 'PUT', path: `/books/v3/invoices/${main.invoices.find((i) => i.payment_made_cents > 0)!.invoice_id}`, query: ORG, json: { line_items: [{ name: 'A', rate: 0.01, quantity: 1 }] }, expect: { status: 400, body: failure(4, /cannot be less than the payments made/) } },
  { name: 'marking a sent invoice as sent → 400 code 4', method: 'POST', path: `/books/v3/invoices/${issued.invoice_id}/status/sent`, query: ORG, expect: { status: 400, body: failure(4, /only a draft can be marked as sent/) } },
  { name: 'voiding a void invoice → 400 code 4', method: 'POST', path: `/books/v3/invoices/${voided.invoice_id}/status/void`, query: ORG, expect: { status: 400, body: failure(4, /already void/) } },
  { name: 'e-mailing a void invoice → 400 code 4', method: 'POST', path: `/books/v3/invoices/${voided.invoice_id}/email`, query: ORG, json: { to_mail_ids: ['a@b.example'] }, expect: { status: 400, body: failure(4, /void/) } },
  { name: 'a bad e-mail address → 400 code 4', method: 'POST', path: `/books/v3/invoices/${draft.invoice_id}/email`, query: ORG, json: { to_mail_ids: ['nope'] }, expect: { status: 400, body: failure(4, /to_mail_ids/) } },
  { name: 'an unknown estimate → 404 code 1002', path: '/books/v3/estimates/4372460000099999999', query: ORG, expect: { status: 404, body: failure(1002, 'Estimate does not exist.') } },
  { name: 'an unknown bill → 404 code 1002', path: '/books/v3/bills/4372460000099999999', query: ORG, expect: { status: 404, body: failure(1002, 'Bill does not exist.') } },
  { name: 'an unknown journal → 404 code 1002', path: '/books/v3/journals/4372460000099999999', query: ORG, expect: { status: 404, body: failure(1002, 'Journal does not exist.') } },
  { name: 'bank transactions of a non-bank account → 400 code 4', path: '/books/v3/banktransactions', query: { ...ORG, account_id: pettyCash.account_id }, expect: { status: 400, body: failure(4, /not a bank or credit card account/) } },
  { name: 'an unknown bill filter → 400 code 4', path: '/books/v3/bills', query: { ...ORG, filter_by: 'Status.Owed' }, expect: { status: 400, body: failure(4, /filter_by/) } },
  { name: 'estimates without the estimates scope → 401 code 57', path: '/books/v3/estimates', query: ORG, token: tokenWith(['ZohoBooks.invoices.READ']), expect: { status: 401, body: failure(57, 'You are not authorized to perform this operation') } },
  { name: 'creating a contact with only contacts.READ → 401 code 57', method: 'POST', path: '/books/v3/contacts', query: ORG, json: { contact_name: 'Zed' }, token: tokenWith(['ZohoBooks.contacts.READ']), expect: { status: 401, body: failure(57, 'You are not authorized to perform this operation') } },
  { name: 'no token → 401 code 57', path: '/books/v3/invoices', query: ORG, token: null, expect: { status: 401, body: failure(57, 'You are not authorized to perform this operation') } },
  { name: 'an invalid token → 401 code 57', path: '/books/v3/invoices', query: ORG, token: '1000.nope.nope', expect: { status: 401, body: failure(57, 'You are not authorized to perform this operation') } },
  {
    name: 'a token without the scope → 401 code 57',
    path: '/books/v3/invoices',
    query: ORG,
    token: (emu) => emu.accounts.issueAccessToken(emu.accounts.issueRefreshToken({ scopes: ['ZohoBooks.contacts.READ'] })),
    expect: { status: 401, body: failure(57, 'You are not authorized to perform this operation') },
  },
  {
    name: 'the per-minute limit → 429 code 44 with Retry-After',
    path: '/books/v3/invoices',
    query: ORG,
    setup: (emu) => void emu.faults.add({ app: 'books', kind: 'throttle', retryAfterSec: 7, times: 1 }),
    expect: { status: 429, body: failure(44, /too many requests/), headers: { 'retry-after': '7' } },
  },
  {
    name: 'the daily quota → 429 code 45 with Retry-After to midnight UTC',
    path: '/books/v3/invoices',
    query: ORG,
    setup: (emu) => void (emu.state<BooksState>('books').dailyLimit = 0),
    expect: { status: 429, body: failure(45, /maximum number of API calls for the day/), headers: { 'retry-after': String((Date.UTC(2026, 0, 6) - NOW) / 1000) } },
  },
  { name: 'a server failure → 500 code 1000', path: '/books/v3/invoices', query: ORG, setup: (emu) => void emu.faults.add({ app: 'books', kind: 'status', status: 500, times: 1 }), expect: { status: 500, body: failure(1000, 'Internal error') } },
  { name: 'an unknown path → 404 code 5', path: '/books/v3/nothing', query: ORG, expect: { status: 404, body: failure(5, 'Invalid URL Passed') } },
  { name: 'a method the path does not take → 405', method: 'DELETE', path: '/books/v3/organizations', expect: { status: 405, body: failure(37, /DELETE is not allowed/) } },
  {
    name: 'a payment over the balance → 400 code 4',
    method: 'POST',
    path: '/books/v3/customerpayments',
    query: ORG,
    json: { customer_id: invoice.customer_id, amount: 1_000_000, invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 1_000_000 }] },
    expect: { status: 400, body: failure(4, /more than the balance due|void/) },
  },
];

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ apps: [booksEmulator], clock: clock.now, limits: { books: false } });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('Books answers as the digest says', () => {
  it.each(CASES)('$name', async (c) => {
    const outcome = await runAnswerCase(emu, 'books', c);
    expect(outcome.problems).toEqual([]);
  });

  it('the table covers every error code the digest names that the emulator answers', () => {
    const sent = new Set(CASES.map((c) => (c.expect.body as { code?: unknown } | undefined)?.code).filter((x) => typeof x === 'number' && x !== 0));
    // books.md §8: 1000, 1002, 57, 45, 44, 6024, 4 (the "2 / 4 / 14" family), 1001; 5 and 37 are the emulator's 404 and 405;
    // 3062 is Books' duplicate contact name (observed).
    for (const code of [4, 5, 37, 44, 45, 57, 1000, 1001, 1002, 3062, 6024]) expect(sent, String(code)).toContain(code);
  });

  it('without limits the daily quota is not counted', async () => {
    const free = await startEmulator({ apps: [booksEmulator], limits: false });
    try {
      free.state<BooksState>('books').dailyLimit = 0;
      const outcome = await runAnswerCase(free, 'books', { name: 'quota off', path: '/books/v3/contacts', query: ORG, expect: { status: 200, body: { code: 0 } } });
      expect(outcome.problems).toEqual([]);
    } finally {
      await free.close();
    }
  });
});
