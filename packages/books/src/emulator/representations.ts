/**
 * How the Books emulator writes its records as JSON: the list forms (lean, as Books' lists are) and the
 * single-record forms, which carry the many fields Books' GET /invoices/{id}, GET /contacts/{id} and the
 * other detail answers hold — most of them empty strings, zeros and default flags in a small agency's books.
 * Money leaves as JSON numbers (cents / 100, exact in JSON), ids as strings.
 */
import { money, type Json } from './http.js';
import {
  BASE_CURRENCY_ID,
  billBalanceCents,
  billStatus,
  estimateStatus,
  invoiceBalanceCents,
  invoiceStatus,
  termsLabel,
  type BooksOrgData,
  type EmuAccount,
  type EmuAddress,
  type EmuBankTransaction,
  type EmuBill,
  type EmuComment,
  type EmuContact,
  type EmuContactPerson,
  type EmuCurrency,
  type EmuEstimate,
  type EmuExpense,
  type EmuInvoice,
  type EmuJournal,
  type EmuLineItem,
  type EmuPayment,
  type EmuPurchaseLine,
  type EmuPurchaseOrder,
} from './state.js';

/** The id of Books' default ("Standard") template of each kind, fixed like the currency ids. */
const TEMPLATES = {
  invoice: { template_id: '4372460000000017001', template_name: 'Standard Template', template_type: 'standard' },
  estimate: { template_id: '4372460000000017003', template_name: 'Standard Template', template_type: 'standard' },
  purchaseorder: { template_id: '4372460000000017005', template_name: 'Standard Template', template_type: 'standard' },
  bill: { template_id: '4372460000000017007', template_name: 'Standard Template', template_type: 'standard' },
} as const;

/** The user the emulator acts as (the organization's contact person), for created_by and history entries. */
export const ACTING_USER_ID = '4372460000000000005';

export function contactName(org: BooksOrgData, id: string | undefined): string | undefined {
  return id ? org.contacts.find((c) => c.contact_id === id)?.contact_name : undefined;
}

export function accountById(org: BooksOrgData, id: string | undefined): EmuAccount | undefined {
  return id ? org.accounts.find((a) => a.account_id === id) : undefined;
}

export function currencyOf(org: BooksOrgData, code: string): EmuCurrency | undefined {
  return org.currencies.find((c) => c.currency_code === code);
}

const currencyId = (org: BooksOrgData, code: string) => currencyOf(org, code)?.currency_id ?? BASE_CURRENCY_ID;
const currencySymbol = (org: BooksOrgData, code: string) => currencyOf(org, code)?.currency_symbol ?? '$';

function addressJson(a: EmuAddress | undefined, withIds = true): Json {
  const base = a ?? { address_id: '', attention: '', address: '', street2: '', city: '', state: '', state_code: '', zip: '', country: '', phone: '', fax: '' };
  const { address_id, ...rest } = base;
  return withIds ? { address_id, ...rest } : { street: '', ...rest };
}

/** `Due in 12 day(s)`, `Overdue by 3 day(s)`, `Due Today`: Books' list text for a due date. */
export function dueDays(dueDate: string, day: string, settled: boolean): string {
  if (settled) return '';
  const diff = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  if (diff === 0) return 'Due Today';
  return diff > 0 ? `Due in ${diff} day(s)` : `Overdue by ${-diff} day(s)`;
}

// ---------- invoices ----------

export function invoiceSummary(org: BooksOrgData, inv: EmuInvoice, day: string): Json {
  return {
    invoice_id: inv.invoice_id,
    invoice_number: inv.invoice_number,
    status: invoiceStatus(inv, day),
    customer_id: inv.customer_id,
    customer_name: contactName(org, inv.customer_id) ?? '',
    date: inv.date,
    due_date: inv.due_date,
    reference_number: inv.reference_number ?? '',
    currency_id: currencyId(org, inv.currency_code),
    currency_code: inv.currency_code,
    total: money(inv.total_cents),
    balance: money(invoiceBalanceCents(inv)),
    is_emailed: inv.emailed,
    template_id: TEMPLATES.invoice.template_id,
    created_time: inv.created_time,
    last_modified_time: inv.last_modified_time,
  };
}

/** A line item as Books' single-record answers write it (every key, most of them empty). */
export function lineJson(l: EmuLineItem): Json {
  return {
    line_item_id: l.line_item_id,
    item_id: l.item_id ?? '',
    item_order: l.item_order,
    name: l.name,
    description: l.description ?? '',
    unit: '',
    quantity: l.quantity_hundredths / 100,
    discount_amount: 0,
    discount: 0,
    discounts: [],
    bcy_rate: money(l.rate_cents),
    rate: money(l.rate_cents),
    header_id: '',
    header_name: '',
    pricebook_id: '',
    tax_id: '',
    tax_name: '',
    tax_type: 'tax',
    tax_percentage: 0,
    item_total: money(l.item_total_cents),
    item_custom_fields: [],
    documents: [],
    image_document_id: '',
    line_item_taxes: [],
    project_id: '',
    time_entry_ids: [],
    expense_id: '',
    item_type: '',
    expense_receipt_name: '',
    purchase_rate: '',
    salesorder_item_id: '',
    cost_amount: 0,
  };
}

function personDetails(c: EmuContact | undefined, ids: string[]): Json[] {
  return (c?.contact_persons ?? [])
    .filter((p) => ids.includes(p.contact_person_id))
    .map((p) => ({
      contact_person_id: p.contact_person_id,
      first_name: p.first_name,
      last_name: p.last_name,
      email: p.email,
      phone: p.phone,
      mobile: '',
      is_primary_contact: p.is_primary_contact,
      photo_url: `https://secure.gravatar.com/avatar/${p.contact_person_id.slice(-12).padStart(32, '0')}?&d=mm`,
    }));
}

/** Total shipping, adjustment and discount fields every sales document carries (all zero in the seed). */
function zeroCharges(): Json {
  return {
    discount_total: 0,
    discount_percent: 0,
    discount: 0,
    discount_applied_on_amount: 0,
    discount_type: 'item_level',
    is_discount_before_tax: true,
    adjustment: 0,
    adjustment_description: 'Adjustment',
    shipping_charge_tax_id: '',
    shipping_charge_tax_name: '',
    shipping_charge_tax_type: '',
    shipping_charge_tax_percentage: '',
    shipping_charge_tax: '',
    bcy_shipping_charge_tax: '',
    shipping_charge_exclusive_of_tax: 0,
    shipping_charge_inclusive_of_tax: 0,
    shipping_charge: 0,
    bcy_shipping_charge: 0,
    bcy_adjustment: 0,
  };
}

export function invoiceDetail(org: BooksOrgData, inv: EmuInvoice, day: string): Json {
  const customer = org.contacts.find((c) => c.contact_id === inv.customer_id);
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
  const lastPayment = payments.map((p) => p.date).sort().at(-1) ?? '';
  const status = invoiceStatus(inv, day);
  const billing = addressJson(customer?.billing_address, false);
  return {
    invoice_id: inv.invoice_id,
    invoice_number: inv.invoice_number,
    date: inv.date,
    due_date: inv.due_date,
    offline_created_date_with_time: '',
    customer_id: inv.customer_id,
    customer_name: customer?.contact_name ?? '',
    customer_custom_fields: [],
    customer_custom_field_hash: {},
    email: customer?.email ?? '',
    currency_id: currencyId(org, inv.currency_code),
    invoice_source: 'Client',
    currency_code: inv.currency_code,
    currency_symbol: currencySymbol(org, inv.currency_code),
    currency_name_formatted: currencyOf(org, inv.currency_code)?.currency_name ?? inv.currency_code,
    status,
    custom_fields: [],
    custom_field_hash: {},
    recurring_invoice_id: '',
    payment_terms: inv.payment_terms,
    payment_terms_label: termsLabel(inv.payment_terms),
    payment_reminder_enabled: true,
    payment_made: money(inv.payment_made_cents),
    zcrm_potential_id: '',
    zcrm_potential_name: '',
    reference_number: inv.reference_number ?? '',
    lock_details: {},
    line_items: inv.line_items.map(lineJson),
    exchange_rate: 1.0,
    is_autobill_enabled: false,
    inprocess_transaction_present: false,
    allow_partial_payments: false,
    price_precision: 2,
    sub_total: money(inv.sub_total_cents),
    tax_total: 0,
    ...zeroCharges(),
    bcy_sub_total: money(inv.sub_total_cents),
    bcy_discount_total: 0,
    bcy_tax_total: 0,
    bcy_total: money(inv.total_cents),
    total: money(inv.total_cents),
    balance: money(invoiceBalanceCents(inv)),
    write_off_amount: 0,
    roundoff_value: 0,
    transaction_rounding_type: 'no_rounding',
    is_inclusive_tax: false,
    sub_total_inclusive_of_tax: 0,
    contact_category: '',
    tax_rounding: 'entity_level',
    taxes: [],
    can_send_invoice_sms: false,
    payment_expected_date: '',
    payment_discount: 0,
    stop_reminder_until_payment_expected_date: false,
    last_payment_date: lastPayment,
    ach_supported: false,
    ach_payment_initiated: false,
    payment_options: { payment_gateways: [] },
    reader_offline_payment_initiated: false,
    contact_persons: inv.contact_person_ids,
    attachment_name: '',
    documents: [],
    computation_type: 'basic',
    late_fee: { name: '', type: 'percentage', rate: 0, amount: 0, frequency_type: 'month' },
    salesorder_id: '',
    salesorder_number: '',
    salesorders: [],
    contact_persons_details: personDetails(customer, inv.contact_person_ids),
    salesperson_id: '',
    salesperson_name: '',
    is_emailed: inv.emailed,
    reminders_sent: 0,
    last_reminder_sent_date: '',
    next_reminder_date_formatted: '',
    is_viewed_by_client: false,
    client_viewed_time: '',
    submitter_id: '',
    approver_id: '',
    submitted_date: '',
    submitted_by: '',
    submitted_by_name: '',
    submitted_by_email: '',
    submitted_by_photo_url: '',
    ...TEMPLATES.invoice,
    notes: inv.notes ?? '',
    terms: '',
    billing_address: billing,
    shipping_address: customer?.shipping_address ? addressJson(customer.shipping_address, false) : billing,
    invoice_url: `https://zohosecurepay.com/books/northwindcreative/secure?CInvoiceID=2-${inv.invoice_id.padStart(64, 'a')}`,
    subject_content: '',
    can_send_in_mail: status !== 'void',
    created_time: inv.created_time,
    last_modified_time: inv.last_modified_time,
    created_date: inv.created_time.slice(0, 10),
    created_by_id: ACTING_USER_ID,
    last_modified_by_id: ACTING_USER_ID,
    page_width: '8.27in',
    page_height: '11.69in',
    orientation: 'portrait',
    is_backorder: '',
    sales_channel: 'direct_sales',
    type: 'invoice',
    color_code: '',
    current_sub_status_id: '',
    current_sub_status: status,
    sub_statuses: [],
    estimate_id: '',
    is_client_review_settings_enabled: false,
    unused_retainer_payments: 0,
    credits_applied: 0,
    tax_amount_withheld: 0,
    schedule_time: '',
    no_of_copies: 1,
    show_no_of_copies: true,
    customer_default_billing_address: addressJson(customer?.billing_address, false),
    reference_invoice: { reference_invoice_id: '' },
    includes_package_tracking_info: false,
    approvers_list: [],
    payments,
  };
}

/** A history entry as GET /{transactions}/{id}/comments lists it. */
export function commentJson(c: EmuComment, key: string, id: string): Json {
  const ms = Date.parse(c.at.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const d = new Date(ms);
  const hours = d.getUTCHours();
  return {
    comment_id: c.comment_id,
    [key]: id,
    description: c.description,
    commented_by_id: ACTING_USER_ID,
    commented_by: c.commented_by,
    comment_type: c.comment_type,
    operation_type: c.operation_type,
    date: d.toISOString().slice(0, 10),
    date_description: '',
    time: `${hours % 12 === 0 ? 12 : hours % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`,
    transaction_id: c.transaction_id ?? '',
    transaction_type: c.transaction_type,
  };
}

// ---------- contacts ----------

export function outstandingCents(org: BooksOrgData, contactId: string): number {
  let sum = 0;
  for (const inv of org.invoices) {
    if (inv.customer_id !== contactId || inv.status === 'draft' || inv.status === 'void') continue;
    sum += Math.max(0, invoiceBalanceCents(inv));
  }
  return sum;
}

export function payableCents(org: BooksOrgData, contactId: string): number {
  return org.bills.filter((b) => b.vendor_id === contactId && b.status === 'open').reduce((s, b) => s + Math.max(0, billBalanceCents(b)), 0);
}

export function contactSummary(org: BooksOrgData, c: EmuContact): Json {
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
    outstanding_payable_amount: money(c.contact_type === 'vendor' ? payableCents(org, c.contact_id) : 0),
    unused_credits_receivable_amount: money(c.unused_credits_cents),
    payment_terms: c.payment_terms,
    payment_terms_label: termsLabel(c.payment_terms),
    created_time: c.created_time,
    last_modified_time: c.last_modified_time,
  };
}

function personJson(p: EmuContactPerson): Json {
  return {
    contact_person_id: p.contact_person_id,
    salutation: '',
    first_name: p.first_name,
    last_name: p.last_name,
    email: p.email,
    phone: p.phone,
    mobile: '',
    designation: p.designation,
    department: '',
    skype: '',
    is_primary_contact: p.is_primary_contact,
    is_added_in_portal: false,
    can_invite: true,
    is_sms_enabled_for_cp: false,
    photo_url: `https://secure.gravatar.com/avatar/${p.contact_person_id.slice(-12).padStart(32, '0')}?&d=mm`,
    communication_preference: { is_sms_enabled: false, is_whatsapp_enabled: false },
  };
}

const EMPTY_TEMPLATES = Object.fromEntries(
  ['invoice', 'bill', 'estimate', 'creditnote', 'purchaseorder', 'salesorder', 'paymentthankyou'].flatMap((k) => [
    [`${k}_template_id`, ''],
    [`${k}_template_name`, ''],
    [`${k}_email_template_id`, ''],
    [`${k}_email_template_name`, ''],
  ]),
);

export function contactDetail(org: BooksOrgData, c: EmuContact): Json {
  const primary = c.contact_persons.find((p) => p.is_primary_contact);
  const receivable = c.contact_type === 'customer' ? outstandingCents(org, c.contact_id) : 0;
  const payable = c.contact_type === 'vendor' ? payableCents(org, c.contact_id) : 0;
  const hasTransactions = org.invoices.some((i) => i.customer_id === c.contact_id) || org.bills.some((b) => b.vendor_id === c.contact_id) || org.expenses.some((e) => e.vendor_id === c.contact_id);
  return {
    contact_id: c.contact_id,
    contact_name: c.contact_name,
    company_name: c.company_name,
    first_name: primary?.first_name ?? '',
    last_name: primary?.last_name ?? '',
    designation: primary?.designation ?? '',
    department: '',
    website: c.website,
    language_code: 'en',
    language_code_formatted: 'English',
    contact_salutation: '',
    email: c.email,
    phone: c.phone,
    mobile: '',
    portal_status: 'disabled',
    is_client_review_asked: false,
    has_transaction: hasTransactions,
    contact_type: c.contact_type,
    customer_sub_type: c.customer_sub_type,
    owner_id: '',
    owner_name: '',
    source: c.source,
    documents: [],
    twitter: '',
    facebook: '',
    is_crm_customer: false,
    is_linked_with_zohocrm: false,
    primary_contact_id: primary?.contact_person_id ?? '',
    zcrm_account_id: '',
    zcrm_contact_id: '',
    crm_owner_id: '',
    payment_terms: c.payment_terms,
    payment_terms_label: termsLabel(c.payment_terms),
    credit_limit_exceeded_amount: 0,
    currency_id: currencyId(org, c.currency_code),
    currency_code: c.currency_code,
    currency_symbol: currencySymbol(org, c.currency_code),
    price_precision: 2,
    exchange_rate: '',
    can_show_customer_ob: true,
    can_show_vendor_ob: true,
    opening_balance_amount: 0,
    opening_balance_amount_bcy: '',
    outstanding_ob_receivable_amount: 0,
    outstanding_ob_payable_amount: 0,
    outstanding_receivable_amount: money(receivable),
    outstanding_receivable_amount_bcy: money(receivable),
    outstanding_payable_amount: money(payable),
    outstanding_payable_amount_bcy: money(payable),
    unused_credits_receivable_amount: money(c.unused_credits_cents),
    unused_credits_receivable_amount_bcy: money(c.unused_credits_cents),
    unused_credits_payable_amount: 0,
    unused_credits_payable_amount_bcy: 0,
    unused_retainer_payments: 0,
    status: c.status,
    payment_reminder_enabled: true,
    is_sms_enabled: true,
    is_client_review_settings_enabled: false,
    custom_fields: [],
    custom_field_hash: {},
    contact_category: '',
    sales_channel: 'direct_sales',
    ach_supported: false,
    billing_address: addressJson(c.billing_address),
    shipping_address: addressJson(c.shipping_address),
    contact_persons: c.contact_persons.map(personJson),
    addresses: [],
    pricebook_id: '',
    pricebook_name: '',
    default_templates: EMPTY_TEMPLATES,
    associated_with_square: false,
    cards: [],
    checks: [],
    bank_accounts: [],
    vpa_list: [],
    notes: c.notes ?? '',
    created_time: c.created_time,
    last_modified_time: c.last_modified_time,
    tags: [],
    zohopeople_client_id: '',
  };
}

// ---------- expenses, accounts, payments ----------

export function expenseJson(org: BooksOrgData, e: EmuExpense): Json {
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

export function bankAccountJson(org: BooksOrgData, a: EmuAccount): Json {
  return {
    account_id: a.account_id,
    account_name: a.account_name,
    account_code: a.account_code,
    account_type: a.account_type,
    account_number: a.account_number ?? '',
    bank_name: a.bank_name ?? '',
    currency_id: currencyId(org, a.currency_code),
    currency_code: a.currency_code,
    currency_symbol: currencySymbol(org, a.currency_code),
    balance: money(a.balance_cents),
    bank_balance: money(a.bank_balance_cents ?? a.balance_cents),
    bcy_balance: money(a.balance_cents),
    uncategorized_transactions: org.bankTransactions.filter((t) => t.account_id === a.account_id && t.status === 'uncategorized').length,
    total_unprinted_checks: 0,
    is_active: a.is_active,
    is_primary_account: a.is_primary_account ?? false,
    is_paypal_account: false,
    is_feeds_subscribed: a.bank_balance_cents !== undefined,
    is_feeds_active: a.bank_balance_cents !== undefined,
    description: a.description ?? '',
  };
}

const DEBIT_NORMAL = new Set<EmuAccount['account_type']>(['bank', 'cash', 'accounts_receivable', 'other_current_asset', 'fixed_asset', 'expense', 'cost_of_goods_sold']);

/**
 * An account's book balance, in its natural sign (what the account holds or owes): bank, cash and card
 * accounts keep a stored balance; receivables, payables, sales and expense accounts are derived from the
 * invoices, bills and expenses; every account adds its published journal lines.
 */
export function accountBalanceCents(org: BooksOrgData, a: EmuAccount): number {
  if (a.account_type === 'bank' || a.account_type === 'cash' || a.account_type === 'credit_card') return a.balance_cents;
  const base = org.organization.currency_code;
  let sum = a.balance_cents;
  if (a.account_type === 'accounts_receivable') {
    for (const inv of org.invoices) if (inv.currency_code === base && inv.status !== 'draft' && inv.status !== 'void') sum += Math.max(0, invoiceBalanceCents(inv));
  } else if (a.account_type === 'accounts_payable') {
    for (const b of org.bills) if (b.currency_code === base && b.status === 'open') sum += Math.max(0, billBalanceCents(b));
  } else if (a.account_type === 'income' && a.account_name === 'Sales') {
    for (const inv of org.invoices) if (inv.currency_code === base && inv.status !== 'draft' && inv.status !== 'void') sum += inv.sub_total_cents;
  }
  if (DEBIT_NORMAL.has(a.account_type)) {
    for (const e of org.expenses) if (e.account_id === a.account_id) sum += e.total_cents;
    for (const b of org.bills) if (b.status === 'open') for (const l of b.line_items) if (l.account_id === a.account_id) sum += l.item_total_cents;
  }
  const sign = DEBIT_NORMAL.has(a.account_type) ? 1 : -1;
  for (const j of org.journals) {
    if (j.status !== 'published') continue;
    for (const l of j.line_items) if (l.account_id === a.account_id) sum += sign * (l.debit_or_credit === 'debit' ? l.amount_cents : -l.amount_cents);
  }
  return sum;
}

export function chartAccountJson(org: BooksOrgData, a: EmuAccount, withBalance: boolean): Json {
  const out: Json = {
    account_id: a.account_id,
    account_name: a.account_name,
    account_code: a.account_code,
    account_type: a.account_type,
    is_active: a.is_active,
    is_user_created: a.is_user_created,
    is_system_account: !a.is_user_created,
    is_involved_in_transaction: true,
    currency_id: currencyId(org, a.currency_code),
    currency_code: a.currency_code,
    description: a.description ?? '',
    parent_account_id: '',
  };
  if (withBalance) out.current_balance = money(accountBalanceCents(org, a));
  return out;
}

export function paymentJson(org: BooksOrgData, p: EmuPayment): Json {
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

export function currencyJson(c: EmuCurrency, day: string): Json {
  return {
    currency_id: c.currency_id,
    currency_code: c.currency_code,
    currency_name: c.currency_name,
    currency_symbol: c.currency_symbol,
    price_precision: 2,
    currency_format: '1,234,567.89',
    is_base_currency: c.is_base_currency,
    exchange_rate: c.exchange_rate,
    effective_date: c.is_base_currency ? '' : day,
  };
}

// ---------- estimates ----------

export function estimateSummary(org: BooksOrgData, est: EmuEstimate, day: string): Json {
  return {
    estimate_id: est.estimate_id,
    customer_name: contactName(org, est.customer_id) ?? '',
    customer_id: est.customer_id,
    status: estimateStatus(est, day),
    estimate_number: est.estimate_number,
    reference_number: est.reference_number ?? '',
    date: est.date,
    expiry_date: est.expiry_date,
    currency_id: currencyId(org, est.currency_code),
    currency_code: est.currency_code,
    total: money(est.total_cents),
    accepted_date: est.accepted_date ?? '',
    declined_date: est.declined_date ?? '',
    has_attachment: false,
    is_emailed: est.status !== 'draft',
    is_viewed_by_client: false,
    client_viewed_time: '',
    salesperson_id: '',
    salesperson_name: est.salesperson_name ?? '',
    template_id: TEMPLATES.estimate.template_id,
    created_time: est.created_time,
    last_modified_time: est.last_modified_time,
  };
}

export function estimateDetail(org: BooksOrgData, est: EmuEstimate, day: string): Json {
  const customer = org.contacts.find((c) => c.contact_id === est.customer_id);
  const invoice = est.invoice_id ? org.invoices.find((i) => i.invoice_id === est.invoice_id) : undefined;
  return {
    ...estimateSummary(org, est, day),
    currency_symbol: currencySymbol(org, est.currency_code),
    exchange_rate: 1.0,
    contact_persons: est.contact_person_ids,
    contact_persons_details: personDetails(customer, est.contact_person_ids),
    line_items: est.line_items.map(lineJson),
    sub_total: money(est.sub_total_cents),
    tax_total: 0,
    ...zeroCharges(),
    bcy_sub_total: money(est.sub_total_cents),
    bcy_total: money(est.total_cents),
    price_precision: 2,
    taxes: [],
    is_inclusive_tax: false,
    billing_address: addressJson(customer?.billing_address, false),
    shipping_address: addressJson(customer?.shipping_address ?? customer?.billing_address, false),
    notes: est.notes ?? '',
    terms: est.terms ?? '',
    custom_fields: [],
    custom_field_hash: {},
    ...TEMPLATES.estimate,
    invoice_ids: invoice ? [invoice.invoice_id] : [],
    invoices: invoice ? [{ invoice_id: invoice.invoice_id, invoice_number: invoice.invoice_number }] : [],
    estimate_url: `https://zohosecurepay.com/books/northwindcreative/secure?CEstimateID=2-${est.estimate_id.padStart(64, 'b')}`,
    created_by_id: ACTING_USER_ID,
    last_modified_by_id: ACTING_USER_ID,
    page_width: '8.27in',
    page_height: '11.69in',
    orientation: 'portrait',
    current_sub_status: estimateStatus(est, day),
    documents: [],
  };
}

// ---------- purchase orders and bills ----------

function purchaseLineJson(org: BooksOrgData, l: EmuPurchaseLine): Json {
  return {
    line_item_id: l.line_item_id,
    item_id: '',
    item_order: l.item_order,
    name: l.name,
    description: l.description ?? '',
    account_id: l.account_id,
    account_name: accountById(org, l.account_id)?.account_name ?? '',
    unit: '',
    quantity: l.quantity_hundredths / 100,
    bcy_rate: money(l.rate_cents),
    rate: money(l.rate_cents),
    tax_id: '',
    tax_name: '',
    tax_type: 'tax',
    tax_percentage: 0,
    item_total: money(l.item_total_cents),
    item_custom_fields: [],
    customer_id: '',
    customer_name: '',
    is_billable: false,
  };
}

function billedStatus(org: BooksOrgData, po: EmuPurchaseOrder): string {
  if (!po.bill_ids.length) return '';
  const billed = po.bill_ids.map((id) => org.bills.find((b) => b.bill_id === id)).reduce((s, b) => s + (b && b.status !== 'void' ? b.total_cents : 0), 0);
  return billed >= po.total_cents ? 'billed' : 'partially_billed';
}

export function purchaseOrderSummary(org: BooksOrgData, po: EmuPurchaseOrder): Json {
  return {
    purchaseorder_id: po.purchaseorder_id,
    vendor_id: po.vendor_id,
    vendor_name: contactName(org, po.vendor_id) ?? '',
    status: po.status,
    order_status: po.status === 'billed' ? 'closed' : po.status,
    billed_status: billedStatus(org, po),
    purchaseorder_number: po.purchaseorder_number,
    reference_number: po.reference_number ?? '',
    date: po.date,
    delivery_date: po.delivery_date,
    currency_id: currencyId(org, po.currency_code),
    currency_code: po.currency_code,
    price_precision: 2,
    total: money(po.total_cents),
    has_attachment: false,
    is_emailed: po.emailed,
    created_time: po.created_time,
    last_modified_time: po.last_modified_time,
  };
}

export function purchaseOrderDetail(org: BooksOrgData, po: EmuPurchaseOrder): Json {
  return {
    ...purchaseOrderSummary(org, po),
    currency_symbol: currencySymbol(org, po.currency_code),
    exchange_rate: 1.0,
    line_items: po.line_items.map((l) => purchaseLineJson(org, l)),
    sub_total: money(po.sub_total_cents),
    tax_total: 0,
    ...zeroCharges(),
    taxes: [],
    notes: po.notes ?? '',
    terms: '',
    ship_via: '',
    attention: '',
    delivery_org_address_id: '',
    delivery_customer_id: '',
    delivery_address: { address: org.organization.name, city: '', state: '', zip: '', country: '' },
    bills: po.bill_ids.map((id) => org.bills.find((b) => b.bill_id === id)).filter((b): b is EmuBill => !!b).map((b) => ({ bill_id: b.bill_id, bill_number: b.bill_number, status: b.status, total: money(b.total_cents) })),
    custom_fields: [],
    ...TEMPLATES.purchaseorder,
    created_by_id: ACTING_USER_ID,
    last_modified_by_id: ACTING_USER_ID,
    documents: [],
  };
}

export function billSummary(org: BooksOrgData, b: EmuBill, day: string): Json {
  const status = billStatus(b, day);
  return {
    bill_id: b.bill_id,
    vendor_id: b.vendor_id,
    vendor_name: contactName(org, b.vendor_id) ?? '',
    status,
    bill_number: b.bill_number,
    reference_number: b.reference_number ?? '',
    date: b.date,
    due_date: b.due_date,
    due_days: dueDays(b.due_date, day, status === 'paid' || status === 'void' || status === 'draft'),
    currency_id: currencyId(org, b.currency_code),
    currency_code: b.currency_code,
    price_precision: 2,
    exchange_rate: 1.0,
    total: money(b.total_cents),
    tds_total: 0,
    balance: money(b.status === 'void' ? 0 : billBalanceCents(b)),
    created_time: b.created_time,
    last_modified_time: b.last_modified_time,
    attachment_name: '',
    has_attachment: false,
  };
}

export function billDetail(org: BooksOrgData, b: EmuBill, day: string): Json {
  return {
    ...billSummary(org, b, day),
    currency_symbol: currencySymbol(org, b.currency_code),
    payment_terms: b.payment_terms,
    payment_terms_label: termsLabel(b.payment_terms),
    line_items: b.line_items.map((l) => purchaseLineJson(org, l)),
    sub_total: money(b.sub_total_cents),
    tax_total: 0,
    ...zeroCharges(),
    taxes: [],
    payment_made: money(b.payment_made_cents),
    vendor_credits_applied: 0,
    payments: b.payments.map((p) => ({
      payment_id: p.payment_id,
      bill_payment_id: p.payment_id,
      payment_mode: p.payment_mode,
      date: p.date,
      amount: money(p.amount_cents),
      paid_through_account_id: p.account_id,
      paid_through_account_name: accountById(org, p.account_id)?.account_name ?? '',
      reference_number: p.reference_number ?? '',
    })),
    purchaseorder_ids: b.purchaseorder_ids,
    notes: b.notes ?? '',
    terms: '',
    custom_fields: [],
    ...TEMPLATES.bill,
    created_by_id: ACTING_USER_ID,
    last_modified_id: ACTING_USER_ID,
    documents: [],
  };
}

// ---------- banking and journals ----------

export function bankTransactionJson(org: BooksOrgData, t: EmuBankTransaction): Json {
  const account = accountById(org, t.account_id);
  return {
    transaction_id: t.transaction_id,
    date: t.date,
    amount: money(t.amount_cents),
    transaction_type: t.transaction_type,
    status: t.status,
    source: t.source,
    account_id: t.account_id,
    account_name: account?.account_name ?? '',
    account_type: account?.account_type ?? '',
    customer_id: t.customer_id ?? t.vendor_id ?? '',
    payee: t.payee,
    description: t.description,
    entry_number: '',
    reference_number: t.reference_number ?? '',
    currency_id: currencyId(org, t.currency_code),
    currency_code: t.currency_code,
    debit_or_credit: t.debit_or_credit,
    offset_account_name: accountById(org, t.offset_account_id)?.account_name ?? '',
    imported_transaction_id: t.imported_transaction_id ?? '',
    price_precision: 2,
  };
}

export function journalSummary(org: BooksOrgData, j: EmuJournal): Json {
  return {
    journal_id: j.journal_id,
    journal_date: j.journal_date,
    entry_number: j.entry_number,
    reference_number: j.reference_number ?? '',
    currency_id: currencyId(org, j.currency_code),
    currency_code: j.currency_code,
    notes: j.notes,
    journal_type: 'both',
    entity_type: 'journal',
    status: j.status,
    total: money(j.total_cents),
    bcy_total: money(j.total_cents),
    created_time: j.created_time,
    last_modified_time: j.last_modified_time,
  };
}

export function journalDetail(org: BooksOrgData, j: EmuJournal): Json {
  return {
    ...journalSummary(org, j),
    currency_symbol: currencySymbol(org, j.currency_code),
    exchange_rate: 1.0,
    price_precision: 2,
    line_items: j.line_items.map((l) => ({
      line_id: l.line_id,
      account_id: l.account_id,
      account_name: accountById(org, l.account_id)?.account_name ?? '',
      description: l.description,
      debit_or_credit: l.debit_or_credit,
      amount: money(l.amount_cents),
      bcy_amount: money(l.amount_cents),
      customer_id: l.customer_id ?? '',
      customer_name: contactName(org, l.customer_id) ?? '',
      tax_id: '',
      tax_name: '',
      tags: [],
    })),
    line_item_total: money(j.total_cents),
    taxes: [],
    custom_fields: [],
    created_by_id: ACTING_USER_ID,
    documents: [],
  };
}
