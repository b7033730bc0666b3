/**
 * Seed data: Northwind Creative's books. Customers are core's AGENCY_CLIENTS (the same companies as the CRM
 * seed), each with invoices in every state — paid, unpaid, overdue, partially paid, draft, one void — dated
 * relative to the emulator clock so "overdue" means overdue today. Generated with seededRandom: stable.
 */
import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, seededRandom } from '@zoho-agent-kit/core/emulator';
import { seedActivity } from './seed-activity.js';
import {
  addDays,
  baseAccounts,
  baseCurrencies,
  computeTotals,
  findAccount,
  isoDate,
  zohoTime,
  type BooksOrgData,
  type EmuAddress,
  type EmuContact,
  type EmuExpense,
  type EmuInvoice,
  type EmuOrganization,
  type EmuPayment,
} from './state.js';

export const DEFAULT_ORGANIZATION_ID = '60012345678';

/**
 * Where the Books seed differs from the CRM seed on purpose (the CRM ↔ Books sync finds them): a customer
 * Books knows under its legal name, and a contact person whose e-mail Books has in an older form. CRM also
 * has an account Books lacks (see the CRM seed). Ids and amounts are unchanged.
 */
export const SEED_INCONSISTENCIES = {
  renamed: { 'Marlowe & Finch': 'Marlowe & Finch LLP' } as Record<string, string>,
  emails: { 'irene.adler@helios-solar.example': 'irene@helios-solar.example' } as Record<string, string>,
};

export interface OrganizationInit {
  name: string;
  organization_id?: string;
  currency_code?: string;
  time_zone?: string;
  country?: string;
}

const SERVICES: { name: string; rateCents: number; hourly: boolean }[] = [
  { name: 'Brand Strategy Workshop', rateCents: 240000, hourly: false },
  { name: 'UX Design (hours)', rateCents: 9500, hourly: true },
  { name: 'Copywriting (hours)', rateCents: 7250, hourly: true },
  { name: 'Social Media Management (month)', rateCents: 124999, hourly: false },
  { name: 'SEO Audit', rateCents: 89900, hourly: false },
  { name: 'Photography Day Rate', rateCents: 115075, hourly: false },
  { name: 'Hosting & Maintenance (month)', rateCents: 14999, hourly: false },
  { name: 'Ad Campaign Setup', rateCents: 64025, hourly: false },
];

/** State, state code and ZIP of the agency clients' cities, for complete billing addresses. */
const CITY_REGIONS: Record<string, { state: string; state_code: string; zip: string }> = {
  Austin: { state: 'Texas', state_code: 'TX', zip: '78701' },
  Denver: { state: 'Colorado', state_code: 'CO', zip: '80202' },
  Chicago: { state: 'Illinois', state_code: 'IL', zip: '60601' },
  Phoenix: { state: 'Arizona', state_code: 'AZ', zip: '85004' },
  Boston: { state: 'Massachusetts', state_code: 'MA', zip: '02108' },
  Portland: { state: 'Oregon', state_code: 'OR', zip: '97204' },
  'San Francisco': { state: 'California', state_code: 'CA', zip: '94105' },
  'New York': { state: 'New York', state_code: 'NY', zip: '10001' },
};

/** A Books address; `address_id` is assigned once the seed's other ids are drawn (so they stay stable). */
export function address(parts: Partial<EmuAddress> = {}): EmuAddress {
  return { address_id: '', attention: '', address: '', street2: '', city: '', state: '', state_code: '', zip: '', country: '', phone: '', fax: '', ...parts };
}

const VENDORS = [
  { name: 'Pixel Supply Co', email: 'billing@pixel-supply.example' },
  { name: 'Metro Office Rentals', email: 'accounts@metro-office.example' },
  { name: 'CloudHost Inc', email: 'invoices@cloudhost.example' },
  { name: 'Skyline Travel', email: 'bookings@skyline-travel.example' },
  { name: 'Freelance Collective', email: 'pay@freelance-collective.example' },
];

/** Expense categories with typical amounts (cents) and the vendor that usually bills them. */
const EXPENSE_KINDS: { account: string; vendor?: number; min: number; max: number; what: string[]; paidThrough: string }[] = [
  { account: 'Rent Expense', vendor: 1, min: 420000, max: 420000, what: ['Studio rent'], paidThrough: 'Business Checking' },
  { account: 'Software Subscriptions', vendor: 2, min: 4999, max: 89900, what: ['Design suite licences', 'Cloud hosting', 'Project tool seats'], paidThrough: 'Company Credit Card' },
  { account: 'Advertising And Marketing', min: 15000, max: 250000, what: ['Paid social ads', 'Conference booth', 'Search ads'], paidThrough: 'Company Credit Card' },
  { account: 'Office Supplies', vendor: 0, min: 1299, max: 38950, what: ['Printer paper and ink', 'Sketchbooks and markers', 'Monitor cables'], paidThrough: 'Petty Cash' },
  { account: 'Travel Expense', vendor: 3, min: 18900, max: 145075, what: ['Flights to client workshop', 'Hotel for photo shoot', 'Train tickets'], paidThrough: 'Company Credit Card' },
  { account: 'Meals and Entertainment', min: 2350, max: 31999, what: ['Client lunch', 'Team dinner', 'Coffee with prospect'], paidThrough: 'Petty Cash' },
  { account: 'Contract Labor', vendor: 4, min: 60000, max: 480000, what: ['Freelance illustrator', 'Contract developer', 'Video editor'], paidThrough: 'Business Checking' },
  { account: 'Telephone Expense', min: 8999, max: 24950, what: ['Mobile plans', 'Office phone line'], paidThrough: 'Business Checking' },
];

export function organizationRecord(init: OrganizationInit, isDefault: boolean, now: number): EmuOrganization {
  const currency = init.currency_code ?? AGENCY.currency;
  return {
    organization_id: init.organization_id ?? DEFAULT_ORGANIZATION_ID,
    name: init.name,
    contact_name: `${AGENCY_STAFF[3]!.firstName} ${AGENCY_STAFF[3]!.lastName}`,
    email: AGENCY_STAFF[3]!.email,
    is_default_org: isDefault,
    plan_name: 'STANDARD',
    currency_id: '4372460000000000097',
    currency_code: currency,
    currency_symbol: currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : '$',
    time_zone: init.time_zone ?? AGENCY.timeZone,
    country: init.country ?? 'U.S.A',
    fiscal_year_start_month: 0,
    account_created_date: isoDate(now - 3 * 365 * 86_400_000),
  };
}

/** An organization with its chart of accounts and nothing else. */
export function emptyOrganization(init: OrganizationInit, isDefault: boolean, nextId: () => string, now: number): BooksOrgData {
  const organization = organizationRecord(init, isDefault, now);
  return {
    organization,
    contacts: [],
    invoices: [],
    payments: [],
    accounts: baseAccounts(nextId, organization.currency_code),
    expenses: [],
    currencies: baseCurrencies(organization.currency_code),
    estimates: [],
    purchaseOrders: [],
    bills: [],
    bankTransactions: [],
    journals: [],
    nextInvoiceNumber: 1,
    nextPaymentNumber: 1,
    nextEstimateNumber: 1,
    nextPurchaseOrderNumber: 1,
    nextJournalNumber: 1,
    usage: { day: '', count: 0 },
  };
}

function cents(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Northwind Creative's books: the agency's clients, 64 invoices, payments, 40 expenses and balances. */
export function seedOrganization(org: BooksOrgData, nextId: () => string, now: number, randomSeed?: number): void {
  // A seed number (`--seed N`) varies amounts and lines; clients, accounts and counts stay.
  const random = seededRandom(randomSeed === undefined ? 20260105 : (20260105 ^ Math.imul(randomSeed + 1, 0x9e3779b1)) >>> 0);
  const today = isoDate(now);
  const time = (date: string, hour: number) => zohoTime(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000);
  const created = zohoTime(now - 400 * 86_400_000);

  for (const client of AGENCY_CLIENTS) {
    const [primary] = client.contacts;
    // Books and CRM disagree on purpose in two places, for the CRM ↔ Books sync (see SEED_INCONSISTENCIES).
    const name = SEED_INCONSISTENCIES.renamed[client.name] ?? client.name;
    const email = (p: { email: string }) => SEED_INCONSISTENCIES.emails[p.email] ?? p.email;
    const contact: EmuContact = {
      contact_id: nextId(),
      contact_name: name,
      company_name: name,
      contact_type: 'customer',
      customer_sub_type: 'business',
      status: 'active',
      email: primary ? email(primary) : '',
      phone: primary?.phone ?? '',
      website: client.website,
      currency_code: client.currency,
      payment_terms: client.name.length % 2 === 0 ? 30 : 15,
      billing_address: address({ address: `${100 + client.name.length * 7} Main Street`, city: client.city, country: client.country, ...(CITY_REGIONS[client.city] ?? { state: '', state_code: '', zip: '' }) }),
      contact_persons: client.contacts.map((p, i) => ({
        contact_person_id: nextId(),
        first_name: p.firstName,
        last_name: p.lastName,
        email: email(p),
        phone: p.phone,
        designation: p.title,
        is_primary_contact: i === 0,
      })),
      unused_credits_cents: 0,
      source: 'user',
      created_time: created,
      last_modified_time: created,
    };
    org.contacts.push(contact);
  }
  for (const vendor of VENDORS) {
    org.contacts.push({
      contact_id: nextId(),
      contact_name: vendor.name,
      company_name: vendor.name,
      contact_type: 'vendor',
      customer_sub_type: 'business',
      status: 'active',
      email: vendor.email,
      phone: '',
      website: '',
      currency_code: org.organization.currency_code,
      payment_terms: 30,
      billing_address: address({ country: 'United States' }),
      contact_persons: [],
      unused_credits_cents: 0,
      source: 'user',
      created_time: created,
      last_modified_time: created,
    });
  }

  // Invoices: per client, 8 in a fixed life-cycle mix; dates relative to today.
  type Plan = { kind: 'paid' | 'overdue' | 'partial' | 'partial_overdue' | 'unpaid' | 'draft' | 'void'; daysAgo: number };
  const drafts: { inv: Omit<EmuInvoice, 'invoice_number'>; kind: Plan['kind'] }[] = [];
  AGENCY_CLIENTS.forEach((_client, c) => {
    const customer = org.contacts[c]!;
    const plans: Plan[] = [
      { kind: 'paid', daysAgo: 300 - c * 7 },
      { kind: 'paid', daysAgo: 240 - c * 5 },
      { kind: c === 7 ? 'void' : 'paid', daysAgo: 190 - c * 4 },
      { kind: c % 3 === 0 ? 'overdue' : 'paid', daysAgo: 140 - c * 3 },
      { kind: c % 2 === 0 ? 'overdue' : 'partial_overdue', daysAgo: 50 + c * 4 },
      { kind: 'partial', daysAgo: 9 - (c % 4) },
      { kind: 'unpaid', daysAgo: 5 - (c % 5) },
      { kind: 'draft', daysAgo: c % 3 },
    ];
    for (const plan of plans) {
      const date = isoDate(now - plan.daysAgo * 86_400_000);
      const lines = 1 + Math.floor(random() * 3);
      const line_items: EmuInvoice['line_items'] = [];
      for (let i = 0; i < lines; i++) {
        const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
        const quantity = service.hourly ? (4 + Math.floor(random() * 37)) * 100 + (random() < 0.3 ? 50 : 0) : (1 + Math.floor(random() * 3)) * 100;
        line_items.push({
          line_item_id: nextId(),
          name: service.name,
          quantity_hundredths: quantity,
          rate_cents: service.rateCents,
          item_total_cents: 0,
          item_order: i + 1,
        });
      }
      const inv: Omit<EmuInvoice, 'invoice_number'> = {
        invoice_id: nextId(),
        status: plan.kind === 'draft' ? 'draft' : plan.kind === 'void' ? 'void' : 'sent',
        customer_id: customer.contact_id,
        date,
        due_date: addDays(date, customer.payment_terms),
        payment_terms: customer.payment_terms,
        currency_code: customer.currency_code,
        line_items,
        sub_total_cents: 0,
        total_cents: 0,
        payment_made_cents: 0,
        contact_person_ids: customer.contact_persons.filter((p) => p.is_primary_contact).map((p) => p.contact_person_id),
        emailed: plan.kind !== 'draft',
        history: [],
        created_time: time(date, 9 + c),
        last_modified_time: time(date, 9 + c),
      };
      if (random() < 0.4) inv.reference_number = `PO-${2000 + Math.floor(random() * 8000)}`;
      computeTotals(inv);
      drafts.push({ inv, kind: plan.kind });
    }
  });

  // Numbered in date order, as a real organization would have issued them.
  drafts.sort((a, b) => a.inv.created_time.localeCompare(b.inv.created_time));
  const bank = findAccount(org, 'Business Checking');
  for (const { inv: draft, kind } of drafts) {
    const inv: EmuInvoice = { ...draft, invoice_number: `INV-${String(org.nextInvoiceNumber++).padStart(6, '0')}` };
    org.invoices.push(inv);
    let paid = 0;
    if (kind === 'paid') paid = inv.total_cents;
    else if (kind === 'partial' || kind === 'partial_overdue') paid = Math.round(inv.total_cents * (0.25 + random() * 0.5));
    if (paid > 0) {
      const payDate = kind === 'paid' ? addDays(inv.date, Math.min(inv.payment_terms, 10 + Math.floor(random() * 20))) : addDays(inv.date, 2);
      const payment: EmuPayment = {
        payment_id: nextId(),
        payment_number: String(org.nextPaymentNumber++),
        customer_id: inv.customer_id,
        payment_mode: random() < 0.7 ? 'banktransfer' : 'check',
        amount_cents: paid,
        date: payDate <= today ? payDate : today,
        account_id: bank.account_id,
        currency_code: inv.currency_code,
        invoices: [{ invoice_id: inv.invoice_id, amount_applied_cents: paid }],
        created_time: time(payDate <= today ? payDate : today, 15),
      };
      org.payments.push(payment);
      inv.payment_made_cents = paid;
    }
  }

  // Expenses: 40 across categories over the last ~6 months.
  const vendors = org.contacts.filter((c) => c.contact_type === 'vendor');
  const expenses: EmuExpense[] = [];
  for (let i = 0; i < 40; i++) {
    const kind = EXPENSE_KINDS[i % EXPENSE_KINDS.length]!;
    const date = isoDate(now - Math.floor((i * 180) / 40 + random() * 4) * 86_400_000);
    const vendor = kind.vendor === undefined ? undefined : vendors[kind.vendor];
    const billableTo = kind.account === 'Travel Expense' && random() < 0.5 ? org.contacts[Math.floor(random() * AGENCY_CLIENTS.length)] : undefined;
    const expense: EmuExpense = {
      expense_id: nextId(),
      date,
      account_id: findAccount(org, kind.account).account_id,
      paid_through_account_id: findAccount(org, kind.paidThrough).account_id,
      description: kind.what[Math.floor(random() * kind.what.length)]!,
      currency_code: org.organization.currency_code,
      total_cents: cents(random, kind.min, kind.max),
      is_billable: billableTo !== undefined,
      status: billableTo ? 'unbilled' : 'non-billable',
      created_time: time(date, 12),
    };
    if (vendor) expense.vendor_id = vendor.contact_id;
    if (billableTo) expense.customer_id = billableTo.contact_id;
    if (random() < 0.5) expense.reference_number = `R-${1000 + i}`;
    expenses.push(expense);
  }
  org.expenses.push(...expenses.sort((a, b) => b.date.localeCompare(a.date)));

  // Balances (book balances as of the seed).
  bank.balance_cents = 4821537;
  bank.bank_balance_cents = 4790012;
  findAccount(org, 'Petty Cash').balance_cents = 41265;
  findAccount(org, 'Undeposited Funds').balance_cents = 125000;
  findAccount(org, 'Company Credit Card').balance_cents = 234118;
  org.accounts.push({
    account_id: nextId(),
    account_name: 'Euro Operating Account',
    account_code: '1015',
    account_type: 'bank',
    currency_code: 'EUR',
    is_active: true,
    is_user_created: true,
    balance_cents: 843010,
    bank_balance_cents: 843010,
    bank_name: 'Banque du Nord',
    account_number: 'XXXXXXXX7710',
  });

  seedActivity(org, nextId, now, randomSeed);
}
