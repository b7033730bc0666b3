/**
 * Seed data beyond invoices and expenses: the agency's quotes (estimates) for its clients, purchase orders
 * and bills from its vendors, manual journals (payroll, depreciation, an accrual), the bank and credit-card
 * lines behind the seeded payments, expenses, bill payments and payroll, and each invoice's history.
 *
 * Runs after the invoice and expense seed and draws its ids and random numbers after theirs, so the ids of
 * the earlier records (the examples use them) never move.
 */
import { AGENCY_STAFF, seededRandom } from '@zoho-agent-kit/core/emulator';
import {
  addDays,
  computeTotals,
  historyEntry,
  moneyText,
  findAccount,
  isoDate,
  zohoTime,
  type AccountType,
  type BooksOrgData,
  type EmuAccount,
  type EmuBankTransaction,
  type EmuBill,
  type EmuEstimate,
  type EmuInvoice,
  type EmuJournal,
  type EmuLineItem,
  type EmuPurchaseLine,
  type EmuPurchaseOrder,
} from './state.js';

const DAY = 86_400_000;

const SERVICES: { name: string; rateCents: number; hourly: boolean }[] = [
  { name: 'Brand Strategy Workshop', rateCents: 240000, hourly: false },
  { name: 'UX Design (hours)', rateCents: 9500, hourly: true },
  { name: 'Copywriting (hours)', rateCents: 7250, hourly: true },
  { name: 'Social Media Management (month)', rateCents: 124999, hourly: false },
  { name: 'SEO Audit', rateCents: 89900, hourly: false },
  { name: 'Website Redesign', rateCents: 1250000, hourly: false },
  { name: 'Ad Campaign Setup', rateCents: 64025, hourly: false },
];

function account(org: BooksOrgData, nextId: () => string, account_name: string, account_code: string, account_type: AccountType, description?: string): EmuAccount {
  const a: EmuAccount = { account_id: nextId(), account_name, account_code, account_type, currency_code: org.organization.currency_code, is_active: true, is_user_created: true, balance_cents: 0 };
  if (description) a.description = description;
  org.accounts.push(a);
  return a;
}

/** The last day of the month `monthsAgo` months before `now` (0 = this month's end). */
function monthEnd(now: number, monthsAgo: number): string {
  const d = new Date(now);
  return isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsAgo + 1, 0));
}

function monthName(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function seedActivity(org: BooksOrgData, nextId: () => string, now: number, randomSeed?: number): void {
  const random = seededRandom(randomSeed === undefined ? 20260316 : (20260316 ^ Math.imul(randomSeed + 7, 0x85ebca6b)) >>> 0);
  const today = isoDate(now);
  const at = (date: string, hour: number) => zohoTime(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000);
  const currency = org.organization.currency_code;
  const cfo = org.organization.contact_name;
  const customers = org.contacts.filter((c) => c.contact_type === 'customer');
  const vendors = org.contacts.filter((c) => c.contact_type === 'vendor');
  const vendor = (name: string) => vendors.find((v) => v.contact_name === name)!;
  const bank = findAccount(org, 'Business Checking');
  const card = findAccount(org, 'Company Credit Card');

  // ---------- chart of accounts: the accounts payroll, depreciation and accruals post to ----------
  const salaries = account(org, nextId, 'Salaries and Employee Wages', '6100', 'expense', 'Gross pay of the studio staff, posted monthly from the payroll run.');
  const depreciation = account(org, nextId, 'Depreciation Expense', '6090', 'expense');
  account(org, nextId, 'Bank Fees and Charges', '6095', 'expense');
  const equipment = account(org, nextId, 'Furniture and Equipment', '1500', 'fixed_asset', 'Studio computers, cameras and furniture.');
  const accumulated = account(org, nextId, 'Accumulated Depreciation', '1510', 'fixed_asset');
  const accrued = account(org, nextId, 'Accrued Expenses', '2200', 'other_current_liability');
  account(org, nextId, 'Interest Income', '4100', 'income');
  const equity = findAccount(org, "Owner's Equity");
  const receivable = findAccount(org, 'Accounts Receivable');
  const payable = findAccount(org, 'Accounts Payable');

  // ---------- address ids (drawn now, so earlier ids stay where they were) ----------
  for (const c of org.contacts) {
    c.billing_address.address_id = nextId();
    // Books keeps a separate shipping address; the agency ships (rarely) to the billing address.
    c.shipping_address = { ...(c.contact_type === 'customer' ? c.billing_address : { ...c.billing_address, country: '' }), address_id: nextId() };
  }

  // ---------- invoice history ----------
  const personEmail = (contactId: string, personIds: string[]) => {
    const c = org.contacts.find((x) => x.contact_id === contactId);
    return (c?.contact_persons ?? []).filter((p) => personIds.includes(p.contact_person_id) && p.email).map((p) => p.email);
  };
  for (const inv of org.invoices) {
    inv.history.push(historyEntry(nextId, inv.created_time, `Invoice created for ${moneyText(inv.total_cents, inv.currency_code)}`, cfo, 'Added'));
    if (inv.emailed) {
      const to = personEmail(inv.customer_id, inv.contact_person_ids);
      inv.history.push(historyEntry(nextId, zohoTime(Date.parse(inv.created_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) + 20 * 60_000), `Invoice emailed to ${to.join(', ')}`, cfo, 'Emailed'));
    }
    for (const p of org.payments.filter((x) => x.invoices.some((i) => i.invoice_id === inv.invoice_id))) {
      const applied = p.invoices.find((i) => i.invoice_id === inv.invoice_id)!.amount_applied_cents;
      inv.history.push(historyEntry(nextId, p.created_time, `Payment of ${moneyText(applied, inv.currency_code)} received (${p.payment_mode})`, cfo, 'Added', 'customer_payment', p.payment_id));
    }
    if (inv.status === 'void') inv.history.push(historyEntry(nextId, at(addDays(inv.date, 3), 11), 'Invoice status changed to Void', cfo, 'Voided'));
  }

  // ---------- estimates (quotes) for every client ----------
  const lines = (count: number): EmuLineItem[] =>
    Array.from({ length: count }, (_, i) => {
      const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
      const quantity = service.hourly ? (8 + Math.floor(random() * 33)) * 100 : 100;
      return { line_item_id: nextId(), name: service.name, quantity_hundredths: quantity, rate_cents: service.rateCents, item_total_cents: 0, item_order: i + 1 };
    });
  type EstimatePlan = { status: EmuEstimate['status']; daysAgo: number; validDays: number; invoice?: EmuInvoice };
  const estimates: EmuEstimate[] = [];
  customers.forEach((customer, c) => {
    const first = org.invoices.filter((i) => i.customer_id === customer.contact_id).sort((a, b) => a.date.localeCompare(b.date))[0];
    const plans: EstimatePlan[] = [];
    if (first) plans.push({ status: 'invoiced', daysAgo: Math.round((now - Date.parse(`${first.date}T00:00:00Z`)) / DAY) + 10, validDays: 30, invoice: first });
    plans.push({ status: 'sent', daysAgo: c % 2 === 0 ? 4 + c : 48 + c, validDays: 30 });
    if (c % 3 === 0) plans.push({ status: 'draft', daysAgo: c % 4, validDays: 30 });
    if (c % 4 === 1) plans.push({ status: 'declined', daysAgo: 70 + c, validDays: 30 });
    if (c === 2 || c === 5) plans.push({ status: 'accepted', daysAgo: 12, validDays: 30 });
    for (const plan of plans) {
      const date = isoDate(now - plan.daysAgo * DAY);
      const estLines = plan.invoice
        ? plan.invoice.line_items.map((l) => ({ ...l, line_item_id: nextId() }))
        : lines(1 + Math.floor(random() * 3));
      const est: EmuEstimate = {
        estimate_id: nextId(),
        estimate_number: '',
        status: plan.status,
        customer_id: customer.contact_id,
        contact_person_ids: customer.contact_persons.filter((p) => p.is_primary_contact).map((p) => p.contact_person_id),
        date,
        expiry_date: addDays(date, plan.validDays),
        currency_code: customer.currency_code,
        salesperson_name: `${AGENCY_STAFF[1]!.firstName} ${AGENCY_STAFF[1]!.lastName}`,
        line_items: estLines,
        sub_total_cents: 0,
        total_cents: 0,
        terms: 'Quote valid for 30 days. 50% due on acceptance.',
        created_time: at(date, 10 + (c % 6)),
        last_modified_time: at(date, 10 + (c % 6)),
      };
      if (plan.invoice) est.invoice_id = plan.invoice.invoice_id;
      if (plan.status === 'accepted' || plan.status === 'invoiced') est.accepted_date = addDays(date, 5);
      if (plan.status === 'declined') est.declined_date = addDays(date, 7);
      if (random() < 0.5) est.reference_number = `RFQ-${100 + c * 10 + plans.indexOf(plan)}`;
      computeTotals(est);
      estimates.push(est);
    }
  });
  estimates.sort((a, b) => a.created_time.localeCompare(b.created_time));
  for (const est of estimates) est.estimate_number = `EST-${String(org.nextEstimateNumber++).padStart(6, '0')}`;
  org.estimates.push(...estimates);

  // ---------- purchase orders and bills from the vendors ----------
  const purchaseLine = (name: string, accountId: string, quantity: number, rateCents: number, order: number): EmuPurchaseLine => ({
    line_item_id: nextId(),
    name,
    account_id: accountId,
    quantity_hundredths: quantity * 100,
    rate_cents: rateCents,
    item_total_cents: 0,
    item_order: order,
  });
  const contractLabor = findAccount(org, 'Contract Labor');
  const supplies = findAccount(org, 'Office Supplies');
  const software = findAccount(org, 'Software Subscriptions');
  const travel = findAccount(org, 'Travel Expense');
  const rent = findAccount(org, 'Rent Expense');
  type PoPlan = { vendor: string; status: EmuPurchaseOrder['status']; daysAgo: number; lines: [string, EmuAccount, number, number][]; bill?: { number: string; paid: 'full' | 'part' | 'none' } };
  const poPlans: PoPlan[] = [
    { vendor: 'Pixel Supply Co', status: 'billed', daysAgo: 95, lines: [['Printer paper and toner (cases)', supplies, 6, 4850], ['Sketchbooks and markers', supplies, 10, 1895]], bill: { number: 'PSC-30418', paid: 'full' } },
    { vendor: 'Freelance Collective', status: 'billed', daysAgo: 62, lines: [['Video editing: Silverline Media launch', contractLabor, 24, 8500]], bill: { number: 'FC-2291', paid: 'part' } },
    { vendor: 'Metro Office Rentals', status: 'billed', daysAgo: 40, lines: [['Meeting room hire (quarter)', rent, 1, 180000]], bill: { number: 'MOR-7710', paid: 'none' } },
    { vendor: 'CloudHost Inc', status: 'open', daysAgo: 20, lines: [['Managed hosting, annual plan', software, 1, 238800]] },
    { vendor: 'Freelance Collective', status: 'open', daysAgo: 9, lines: [['Illustration package: Helios Solar campaign', contractLabor, 30, 7800]] },
    { vendor: 'Freelance Collective', status: 'open', daysAgo: 3, lines: [['Contract developer: sprint 2', contractLabor, 80, 9500]] },
    { vendor: 'Skyline Travel', status: 'draft', daysAgo: 1, lines: [['Flights: Chicago workshop (3 people)', travel, 3, 41250], ['Hotel, 2 nights (3 rooms)', travel, 6, 18900]] },
    { vendor: 'Pixel Supply Co', status: 'cancelled', daysAgo: 130, lines: [['Ergonomic chairs', equipment, 4, 61900]] },
  ];
  const pos: EmuPurchaseOrder[] = [];
  const bills: EmuBill[] = [];
  const billOf = (v: string, number: string, date: string, poLines: EmuPurchaseLine[], paid: 'full' | 'part' | 'none', extra: Partial<EmuBill> = {}): EmuBill => {
    const ven = vendor(v);
    const bill: EmuBill = {
      bill_id: nextId(),
      bill_number: number,
      status: 'open',
      vendor_id: ven.contact_id,
      date,
      due_date: addDays(date, ven.payment_terms),
      payment_terms: ven.payment_terms,
      currency_code: currency,
      line_items: poLines.map((l) => ({ ...l, line_item_id: nextId() })),
      sub_total_cents: 0,
      total_cents: 0,
      payment_made_cents: 0,
      purchaseorder_ids: [],
      payments: [],
      created_time: at(date, 14),
      last_modified_time: at(date, 14),
      ...extra,
    };
    computeTotals(bill);
    if (paid !== 'none') {
      const amount = paid === 'full' ? bill.total_cents : Math.round(bill.total_cents * 0.4);
      const payDate = addDays(date, Math.min(ven.payment_terms - 2, 12 + Math.floor(random() * 10)));
      bill.payments.push({ payment_id: nextId(), date: payDate <= today ? payDate : today, amount_cents: amount, account_id: bank.account_id, payment_mode: random() < 0.7 ? 'banktransfer' : 'check', reference_number: `VP-${1000 + bills.length}` });
      bill.payment_made_cents = amount;
    }
    return bill;
  };
  poPlans.forEach((plan) => {
    const date = isoDate(now - plan.daysAgo * DAY);
    const ven = vendor(plan.vendor);
    const po: EmuPurchaseOrder = {
      purchaseorder_id: nextId(),
      purchaseorder_number: '',
      status: plan.status,
      vendor_id: ven.contact_id,
      date,
      delivery_date: addDays(date, 14),
      currency_code: currency,
      line_items: plan.lines.map(([name, acc, qty, rate], i) => purchaseLine(name, acc.account_id, qty, rate, i + 1)),
      sub_total_cents: 0,
      total_cents: 0,
      bill_ids: [],
      emailed: plan.status !== 'draft',
      created_time: at(date, 11),
      last_modified_time: at(date, 11),
    };
    computeTotals(po);
    pos.push(po);
    if (plan.bill) {
      const bill = billOf(plan.vendor, plan.bill.number, addDays(date, 10), po.line_items, plan.bill.paid, { purchaseorder_ids: [po.purchaseorder_id] });
      po.bill_ids.push(bill.bill_id);
      bills.push(bill);
    }
  });
  pos.sort((a, b) => a.created_time.localeCompare(b.created_time));
  for (const po of pos) po.purchaseorder_number = `PO-${String(org.nextPurchaseOrderNumber++).padStart(5, '0')}`;
  org.purchaseOrders.push(...pos);

  // Bills without an order: the contractors' monthly invoices, hosting, travel; one void, one draft.
  for (let m = 4; m >= 1; m--) {
    const date = monthEnd(now, m);
    const hours = 40 + Math.floor(random() * 30);
    bills.push(billOf('Freelance Collective', `FC-${2200 + (4 - m) * 17}`, date, [purchaseLine(`Design support, ${monthName(date)} (hours)`, contractLabor.account_id, hours, 6500, 1)], m > 1 ? 'full' : 'none'));
  }
  bills.push(billOf('CloudHost Inc', 'CH-88120', isoDate(now - 150 * DAY), [purchaseLine('Managed hosting, Q3', software.account_id, 1, 59700, 1)], 'full'));
  bills.push(billOf('CloudHost Inc', 'CH-90457', isoDate(now - 58 * DAY), [purchaseLine('Managed hosting, Q4', software.account_id, 1, 59700, 1), purchaseLine('Extra storage (TB-months)', software.account_id, 3, 2450, 2)], 'none'));
  bills.push(billOf('Skyline Travel', 'SKY-5512', isoDate(now - 6 * DAY), [purchaseLine('Flights: Austin client workshop', travel.account_id, 2, 38900, 1)], 'none'));
  bills.push(billOf('Skyline Travel', 'SKY-5460', isoDate(now - 33 * DAY), [purchaseLine('Flights: Austin client workshop', travel.account_id, 2, 38900, 1)], 'none', { status: 'void', notes: 'Entered twice; see SKY-5512.' }));
  bills.push(billOf('Pixel Supply Co', 'PSC-30577', isoDate(now - 2 * DAY), [purchaseLine('Monitor cables and adapters', supplies.account_id, 12, 1450, 1)], 'none', { status: 'draft' }));
  bills.sort((a, b) => a.created_time.localeCompare(b.created_time));
  org.bills.push(...bills);

  // ---------- manual journals ----------
  const journals: EmuJournal[] = [];
  const journal = (date: string, notes: string, entries: [EmuAccount, 'debit' | 'credit', number, string][], extra: Partial<EmuJournal> = {}): EmuJournal => {
    const j: EmuJournal = {
      journal_id: nextId(),
      entry_number: '',
      journal_date: date,
      notes,
      status: 'published',
      currency_code: currency,
      line_items: entries.map(([acc, side, cents, description]) => ({ line_id: nextId(), account_id: acc.account_id, description, debit_or_credit: side, amount_cents: cents })),
      total_cents: entries.filter(([, side]) => side === 'debit').reduce((s, [, , cents]) => s + cents, 0),
      created_time: at(date, 17),
      last_modified_time: at(date, 17),
      ...extra,
    };
    journals.push(j);
    return j;
  };
  journal(isoDate(now - 400 * DAY), 'Opening balance: studio equipment brought into the business', [
    [equipment, 'debit', 2400000, 'Computers, cameras and furniture at cost'],
    [equity, 'credit', 2400000, 'Owner contribution in kind'],
  ], { reference_number: 'OB-1' });
  for (let m = 10; m >= 1; m--) {
    const date = monthEnd(now, m);
    const gross = 1384000 + Math.floor(random() * 40) * 2500;
    journal(date, `Payroll for ${monthName(date)} (${AGENCY_STAFF.length} staff)`, [
      [salaries, 'debit', gross, 'Gross salaries'],
      [bank, 'credit', gross, 'Net pay and withholdings paid from Business Checking'],
    ], { reference_number: `PAY-${date.slice(0, 7)}` });
  }
  for (let m = 6; m >= 1; m--) {
    const date = monthEnd(now, m);
    journal(date, `Depreciation of studio equipment, ${monthName(date)}`, [
      [depreciation, 'debit', 40000, 'Straight line, 5 years'],
      [accumulated, 'credit', 40000, 'Straight line, 5 years'],
    ]);
  }
  journal(monthEnd(now, 1), 'Accrued freelance costs: work done, not yet billed', [
    [contractLabor, 'debit', 185000, 'Freelance Collective, illustration (estimate)'],
    [accrued, 'credit', 185000, 'Freelance Collective, illustration (estimate)'],
  ], { reference_number: 'ACR-01' });
  journal(isoDate(now - DAY), 'Reclassify design suite licences to prepaid expenses', [
    [findAccount(org, 'Prepaid Expenses'), 'debit', 71880, 'Annual licences, 11 months unused'],
    [software, 'credit', 71880, 'Annual licences, 11 months unused'],
  ], { status: 'draft' });
  journals.sort((a, b) => a.journal_date.localeCompare(b.journal_date) || a.created_time.localeCompare(b.created_time));
  for (const j of journals) j.entry_number = `JE-${String(org.nextJournalNumber++).padStart(5, '0')}`;
  org.journals.push(...journals);

  // ---------- bank and credit-card lines behind the seeded records ----------
  const txns: EmuBankTransaction[] = [];
  const feedLag = addDays(today, -3); // the bank feed has caught up until three days ago
  const line = (t: Omit<EmuBankTransaction, 'transaction_id' | 'status' | 'source' | 'currency_code'> & { status?: EmuBankTransaction['status'] }): void => {
    const status = t.status ?? (t.date <= feedLag ? 'matched' : 'manually_added');
    const txn: EmuBankTransaction = { ...t, transaction_id: nextId(), status, source: status === 'uncategorized' || status === 'excluded' ? 'bank_feed' : 'manually_added', currency_code: currency };
    if (status === 'matched') txn.imported_transaction_id = nextId();
    txns.push(txn);
  };
  const nameOf = (id: string | undefined) => org.contacts.find((c) => c.contact_id === id)?.contact_name ?? '';
  for (const p of org.payments) {
    if (p.account_id !== bank.account_id) continue;
    const numbers = p.invoices.map((i) => org.invoices.find((x) => x.invoice_id === i.invoice_id)?.invoice_number).filter(Boolean);
    const t: Parameters<typeof line>[0] = { account_id: bank.account_id, date: p.date, amount_cents: p.amount_cents, debit_or_credit: 'debit', transaction_type: 'customer_payment', payee: nameOf(p.customer_id), description: `Payment ${p.payment_number} for ${numbers.join(', ')}`, customer_id: p.customer_id, offset_account_id: receivable.account_id, entity_id: p.payment_id };
    if (p.reference_number) t.reference_number = p.reference_number;
    line(t);
  }
  const cardMonths = new Map<string, number>();
  for (const e of org.expenses) {
    if (e.paid_through_account_id !== bank.account_id && e.paid_through_account_id !== card.account_id) continue;
    const t: Parameters<typeof line>[0] = { account_id: e.paid_through_account_id, date: e.date, amount_cents: e.total_cents, debit_or_credit: 'credit', transaction_type: 'expense', payee: nameOf(e.vendor_id), description: e.description, offset_account_id: e.account_id, entity_id: e.expense_id };
    if (e.vendor_id) t.vendor_id = e.vendor_id;
    if (e.reference_number) t.reference_number = e.reference_number;
    line(t);
    if (e.paid_through_account_id === card.account_id) cardMonths.set(e.date.slice(0, 7), (cardMonths.get(e.date.slice(0, 7)) ?? 0) + e.total_cents);
  }
  for (const b of org.bills) {
    for (const pay of b.payments) {
      line({ account_id: pay.account_id, date: pay.date, amount_cents: pay.amount_cents, debit_or_credit: 'credit', transaction_type: 'vendor_payment', payee: nameOf(b.vendor_id), description: `Payment for bill ${b.bill_number}`, vendor_id: b.vendor_id, offset_account_id: payable.account_id, entity_id: pay.payment_id, ...(pay.reference_number ? { reference_number: pay.reference_number } : {}) });
    }
  }
  for (const j of org.journals) {
    if (j.status !== 'published') continue;
    for (const l of j.line_items.filter((x) => x.account_id === bank.account_id)) {
      const other = j.line_items.find((x) => x.account_id !== bank.account_id);
      line({ account_id: bank.account_id, date: j.journal_date, amount_cents: l.amount_cents, debit_or_credit: l.debit_or_credit, transaction_type: 'journal', payee: '', description: j.notes, reference_number: j.reference_number ?? j.entry_number, entity_id: j.journal_id, ...(other ? { offset_account_id: other.account_id } : {}) });
    }
  }
  // The card is paid off in full on the 3rd of the next month, from Business Checking.
  for (const [month, cents] of [...cardMonths].sort()) {
    const date = addDays(isoDate(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)), 2);
    if (date > today) continue;
    const description = `Card payment, ${monthName(`${month}-01`)} statement`;
    line({ account_id: bank.account_id, date, amount_cents: cents, debit_or_credit: 'credit', transaction_type: 'card_payment', payee: 'First Harbor Bank', description, offset_account_id: card.account_id });
    line({ account_id: card.account_id, date, amount_cents: cents, debit_or_credit: 'debit', transaction_type: 'card_payment', payee: 'First Harbor Bank', description, offset_account_id: bank.account_id });
  }
  // Statement lines the feed brought in that nobody has categorized yet, and one excluded duplicate.
  const feed = (account: EmuAccount, daysAgo: number, cents: number, side: 'debit' | 'credit', description: string, status: 'uncategorized' | 'excluded' = 'uncategorized') =>
    line({ account_id: account.account_id, date: isoDate(now - daysAgo * DAY), amount_cents: cents, debit_or_credit: side, transaction_type: side === 'debit' ? 'deposit' : 'expense', payee: '', description, status });
  feed(bank, 12, 3500, 'credit', 'SERVICE CHARGE MONTHLY');
  feed(bank, 9, 1247, 'debit', 'INTEREST PAYMENT');
  feed(bank, 6, 64025, 'debit', 'ACH CREDIT REF 88213 HELIOS SOLAR');
  feed(card, 5, 8999, 'credit', 'ADOBE *CREATIVE CLD 800-833-6687');
  feed(bank, 30, 3500, 'credit', 'SERVICE CHARGE MONTHLY (duplicate line)', 'excluded');
  txns.sort((a, b) => a.date.localeCompare(b.date));
  org.bankTransactions.push(...txns);
}
