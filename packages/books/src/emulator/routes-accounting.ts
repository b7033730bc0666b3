/**
 * Books routes for what the agency buys and its books of account: purchase orders, bills (what it owes its
 * vendors), bank and credit-card transactions, and manual journals.
 *
 * Choices where Zoho's behaviour is unconfirmed:
 * - Bills take `filter_by=Status.Unpaid` (open, overdue and partially paid together), as invoices do;
 *   `status` matches one derived status exactly (an open bill past its due date reads as overdue).
 * - Bank transactions filter by `account_id`, `date_start`/`date_end`, `transaction_type`, and the status by
 *   `filter_by=Status.Uncategorized|Categorized|ManuallyAdded|Matched|Excluded` or `status=…`; an
 *   `account_id` that is not a bank or credit-card account answers HTTP 400 code 4. `debit_or_credit` is
 *   the account's side: debit = money in (or a card paid off), credit = money out (or a card charge).
 * - Journals list without their lines (GET /journals/{id} has them); `date_start`/`date_end` bound the
 *   journal date; entry numbers are JE-00001….
 */
import { contains, inOrganization, invalid, notFound, paginate, sortRows, today, type Json, type Req } from './http.js';
import { accountById, bankTransactionJson, billDetail, billSummary, contactName, journalDetail, journalSummary, purchaseOrderDetail, purchaseOrderSummary } from './representations.js';
import { billBalanceCents, billStatus, type BooksOrgData, type EmuBankTransaction, type EmuBill, type EmuJournal, type EmuPurchaseOrder } from './state.js';

function dateRange<T>(req: Req, rows: T[], date: (row: T) => string): T[] {
  const start = req.query.get('date_start') ?? req.query.get('date_after');
  const end = req.query.get('date_end') ?? req.query.get('date_before');
  const exact = req.query.get('date');
  return rows.filter((r) => (!start || date(r) >= start) && (!end || date(r) <= end) && (!exact || date(r) === exact));
}

function byContact<T>(req: Req, rows: T[], criteria: Json[], field: 'vendor_id' | 'customer_id', id: (row: T) => string | undefined): T[] {
  const wanted = req.query.get(field);
  if (!wanted) return rows;
  criteria.push({ column_name: field, search_text: wanted, comparator: 'equal' });
  return rows.filter((r) => id(r) === wanted);
}

function sortBy<T>(req: Req, rows: T[], keys: Record<string, (row: T) => string | number>, fallback: string, fallbackOrder: 'A' | 'D'): { column: string; order: string } | ReturnType<typeof invalid> {
  const column = req.query.get('sort_column') ?? fallback;
  const order = req.query.get('sort_order') ?? fallbackOrder;
  const key = keys[column];
  if (!key) return invalid(`Invalid value passed for sort_column: ${column}`);
  sortRows(rows, key, order);
  return { column, order };
}

const isError = (v: unknown): v is ReturnType<typeof invalid> => !!v && typeof v === 'object' && 'status' in v;

// ---------- purchase orders ----------

const PO_FILTERS: Record<string, EmuPurchaseOrder['status'] | 'all'> = { 'Status.All': 'all', 'Status.Draft': 'draft', 'Status.Open': 'open', 'Status.Billed': 'billed', 'Status.Cancelled': 'cancelled' };

export const listPurchaseOrders = inOrganization((req, org) => {
  const criteria: Json[] = [];
  let rows = [...org.purchaseOrders];
  const filterBy = req.query.get('filter_by');
  if (filterBy && !PO_FILTERS[filterBy]) return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  const status = req.query.get('status') ?? (filterBy ? PO_FILTERS[filterBy] : undefined);
  if (status && status !== 'all') {
    if (!['draft', 'open', 'billed', 'cancelled'].includes(status)) return invalid(`Invalid value passed for status: ${status}`);
    criteria.push({ column_name: 'status', search_text: status, comparator: 'equal' });
    rows = rows.filter((p) => p.status === status);
  }
  rows = byContact(req, rows, criteria, 'vendor_id', (p) => p.vendor_id);
  rows = dateRange(req, rows, (p) => p.date);
  const search = req.query.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((p) => contains(p.purchaseorder_number, search) || contains(p.reference_number, search) || contains(contactName(org, p.vendor_id), search));
  }
  const sorted = sortBy(req, rows, {
    vendor_name: (p) => contactName(org, p.vendor_id) ?? '',
    purchaseorder_number: (p) => p.purchaseorder_number,
    date: (p) => p.date,
    delivery_date: (p) => p.delivery_date,
    total: (p) => p.total_cents,
    created_time: (p) => p.created_time,
  }, 'created_time', 'D');
  if (isError(sorted)) return sorted;
  const { items, page_context } = paginate(req, rows, { report_name: 'Purchase Orders', applied_filter: status ? `Status.${status}` : 'Status.All', sort_column: sorted.column, sort_order: sorted.order, criteria });
  return { status: 200, body: { code: 0, message: 'success', purchaseorders: items.map((p) => purchaseOrderSummary(org, p)), page_context } };
});

export const getPurchaseOrder = inOrganization((req, org) => {
  const po = org.purchaseOrders.find((p) => p.purchaseorder_id === req.params.purchaseorder_id);
  if (!po) return notFound('Purchase order');
  return { status: 200, body: { code: 0, message: 'success', purchaseorder: purchaseOrderDetail(org, po) } };
});

// ---------- bills ----------

const BILL_FILTERS: Record<string, string> = {
  'Status.All': 'all',
  'Status.Open': 'open',
  'Status.Overdue': 'overdue',
  'Status.PartiallyPaid': 'partially_paid',
  'Status.Paid': 'paid',
  'Status.Void': 'void',
  'Status.Draft': 'draft',
  'Status.Unpaid': 'unpaid',
};

export const listBills = inOrganization((req, org) => {
  const day = today(req);
  const criteria: Json[] = [];
  let rows = [...org.bills];
  const filterBy = req.query.get('filter_by');
  if (filterBy && !BILL_FILTERS[filterBy]) return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  const status = req.query.get('status') ?? (filterBy ? BILL_FILTERS[filterBy] : undefined);
  if (status && status !== 'all') {
    if (!['draft', 'open', 'overdue', 'partially_paid', 'paid', 'void', 'unpaid'].includes(status)) return invalid(`Invalid value passed for status: ${status}`);
    criteria.push({ column_name: 'status', search_text: status, comparator: 'equal' });
    rows = rows.filter((b) => {
      const s = billStatus(b, day);
      return status === 'unpaid' ? s === 'open' || s === 'overdue' || s === 'partially_paid' : s === status;
    });
  }
  rows = byContact(req, rows, criteria, 'vendor_id', (b) => b.vendor_id);
  rows = dateRange(req, rows, (b) => b.date);
  const search = req.query.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((b) => contains(b.bill_number, search) || contains(b.reference_number, search) || contains(contactName(org, b.vendor_id), search));
  }
  const sorted = sortBy<EmuBill>(req, rows, {
    vendor_name: (b) => contactName(org, b.vendor_id) ?? '',
    bill_number: (b) => b.bill_number,
    date: (b) => b.date,
    due_date: (b) => b.due_date,
    total: (b) => b.total_cents,
    balance: (b) => (b.status === 'void' ? 0 : billBalanceCents(b)),
    created_time: (b) => b.created_time,
  }, 'created_time', 'D');
  if (isError(sorted)) return sorted;
  const { items, page_context } = paginate(req, rows, { report_name: 'Bills', applied_filter: status ? `Status.${status}` : 'Status.All', sort_column: sorted.column, sort_order: sorted.order, criteria });
  return { status: 200, body: { code: 0, message: 'success', bills: items.map((b) => billSummary(org, b, day)), page_context } };
});

export const getBill = inOrganization((req, org) => {
  const bill = org.bills.find((b) => b.bill_id === req.params.bill_id);
  if (!bill) return notFound('Bill');
  return { status: 200, body: { code: 0, message: 'success', bill: billDetail(org, bill, today(req)) } };
});

// ---------- bank transactions ----------

const TXN_FILTERS: Record<string, EmuBankTransaction['status'] | 'all'> = {
  'Status.All': 'all',
  'Status.Uncategorized': 'uncategorized',
  'Status.Categorized': 'categorized',
  'Status.ManuallyAdded': 'manually_added',
  'Status.Matched': 'matched',
  'Status.Excluded': 'excluded',
};

function isBankish(org: BooksOrgData, id: string): boolean {
  const a = accountById(org, id);
  return !!a && (a.account_type === 'bank' || a.account_type === 'credit_card');
}

export const listBankTransactions = inOrganization((req, org) => {
  const criteria: Json[] = [];
  let rows = [...org.bankTransactions];
  const accountId = req.query.get('account_id');
  if (accountId) {
    if (!isBankish(org, accountId)) return invalid(`Invalid value passed for account_id: ${accountId.slice(0, 30)} is not a bank or credit card account.`);
    criteria.push({ column_name: 'account_id', search_text: accountId, comparator: 'equal' });
    rows = rows.filter((t) => t.account_id === accountId);
  }
  const filterBy = req.query.get('filter_by');
  if (filterBy && !TXN_FILTERS[filterBy]) return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  const status = req.query.get('status') ?? (filterBy ? TXN_FILTERS[filterBy] : undefined);
  if (status && status !== 'all') {
    if (!Object.values(TXN_FILTERS).includes(status as never)) return invalid(`Invalid value passed for status: ${status}`);
    criteria.push({ column_name: 'status', search_text: status, comparator: 'equal' });
    rows = rows.filter((t) => t.status === status);
  }
  const type = req.query.get('transaction_type');
  if (type) rows = rows.filter((t) => t.transaction_type === type);
  rows = dateRange(req, rows, (t) => t.date);
  const search = req.query.get('search_text');
  if (search) rows = rows.filter((t) => contains(t.description, search) || contains(t.payee, search) || contains(t.reference_number, search));
  const sorted = sortBy<EmuBankTransaction>(req, rows, { date: (t) => t.date, amount: (t) => t.amount_cents }, 'date', 'D');
  if (isError(sorted)) return sorted;
  const { items, page_context } = paginate(req, rows, { report_name: 'Bank Transactions', applied_filter: status ? `Status.${status}` : 'Status.All', sort_column: sorted.column, sort_order: sorted.order, criteria });
  return { status: 200, body: { code: 0, message: 'success', banktransactions: items.map((t) => bankTransactionJson(org, t)), page_context } };
});

export const getBankTransaction = inOrganization((req, org) => {
  const t = org.bankTransactions.find((x) => x.transaction_id === req.params.transaction_id);
  if (!t) return notFound('Transaction');
  return { status: 200, body: { code: 0, message: 'success', banktransaction: bankTransactionJson(org, t) } };
});

// ---------- journals ----------

const JOURNAL_PERIODS = ['JournalDate.All', 'JournalDate.Today', 'JournalDate.ThisWeek', 'JournalDate.ThisMonth', 'JournalDate.ThisQuarter', 'JournalDate.ThisYear'];

function inPeriod(period: string, date: string, day: string): boolean {
  if (period === 'JournalDate.All') return true;
  if (period === 'JournalDate.Today') return date === day;
  if (period === 'JournalDate.ThisWeek') {
    const d = new Date(`${day}T00:00:00Z`);
    const start = new Date(d.getTime() - d.getUTCDay() * 86_400_000).toISOString().slice(0, 10);
    return date >= start && date <= day;
  }
  if (period === 'JournalDate.ThisMonth') return date.slice(0, 7) === day.slice(0, 7);
  if (period === 'JournalDate.ThisQuarter') return date.slice(0, 4) === day.slice(0, 4) && Math.floor((Number(date.slice(5, 7)) - 1) / 3) === Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return date.slice(0, 4) === day.slice(0, 4);
}

export const listJournals = inOrganization((req, org) => {
  const day = today(req);
  const criteria: Json[] = [];
  let rows = [...org.journals];
  const period = req.query.get('filter_by') ?? 'JournalDate.All';
  if (!JOURNAL_PERIODS.includes(period)) return invalid(`Invalid value passed for filter_by: ${period}`);
  rows = rows.filter((j) => inPeriod(period, j.journal_date, day));
  rows = dateRange(req, rows, (j) => j.journal_date);
  const status = req.query.get('status');
  if (status) {
    if (status !== 'published' && status !== 'draft') return invalid(`Invalid value passed for status: ${status}`);
    rows = rows.filter((j) => j.status === status);
  }
  const search = req.query.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((j) => contains(j.notes, search) || contains(j.reference_number, search) || contains(j.entry_number, search));
  }
  const sorted = sortBy<EmuJournal>(req, rows, {
    journal_date: (j) => `${j.journal_date}${j.entry_number}`,
    entry_number: (j) => j.entry_number,
    reference_number: (j) => j.reference_number ?? '',
    total: (j) => j.total_cents,
  }, 'journal_date', 'D');
  if (isError(sorted)) return sorted;
  const { items, page_context } = paginate(req, rows, { report_name: 'Journals', applied_filter: period, sort_column: sorted.column, sort_order: sorted.order, criteria });
  return { status: 200, body: { code: 0, message: 'success', journals: items.map((j) => journalSummary(org, j)), page_context } };
});

export const getJournal = inOrganization((req, org) => {
  const j = org.journals.find((x) => x.journal_id === req.params.journal_id);
  if (!j) return notFound('Journal');
  return { status: 200, body: { code: 0, message: 'success', journal: journalDetail(org, j) } };
});
