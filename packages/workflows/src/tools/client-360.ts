import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { amountFromZoho, formatAmount, type BooksInvoice } from '@zoho-agent-kit/books';
import { eventTimes, type ZohoEvent } from '@zoho-agent-kit/calendar';
import { escapeCriteriaValue, type CrmClient, type CrmRecord } from '@zoho-agent-kit/crm';
import { buildSearchKey, type MailMessageRow } from '@zoho-agent-kit/mail';
import { dateInZone, formatMinutes, type ProjectsProject } from '@zoho-agent-kit/projects';
import { z } from 'zod';
import { accountOf, ACCOUNT_FIELDS, booksCustomerFor, type CrmAccount } from '../customers.js';
import { amountText } from '../invoicing.js';
import { projectClient, projectLogs } from '../projects.js';
import { allows, client, mapLimit, normaliseEmail, normaliseName, type FlowClients, type FlowContext } from '../shared.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  client: z.string().trim().min(1).max(200).describe('CRM account name or id.'),
  year: z.number().int().min(2000).max(2100).optional().describe('Revenue and hours of this year; default the current one.'),
});

const DAY = 86_400_000;
const MEETING_DAYS = 30;
const SHOWN = 10;
const MAX_CONTACTS = 50;

type Section = Record<string, unknown>;

interface Client360 {
  account: Section;
  contacts: Section[];
  openDeals: Section[];
  pipeline: string;
  books?: Section;
  projects?: { rows: Section[]; minutes: number; billable: number };
  meetings?: Section[];
  threads?: Section[];
  leftOut: string[];
  year: number;
}

async function findAccount(crm: CrmClient, text: string, signal?: AbortSignal): Promise<CrmRecord> {
  const fields = [...ACCOUNT_FIELDS, 'Industry', 'Website', 'Phone', 'Owner'];
  if (/^\d{10,25}$/.test(text)) {
    const found = await crm.getRecord('Accounts', text, { fields, ...(signal ? { signal } : {}) }).catch(() => undefined);
    if (found) return found;
  }
  const res = await crm.searchRecords('Accounts', { criteria: `(Account_Name:starts_with:${escapeCriteriaValue(text)})` }, { fields, perPage: 20, ...(signal ? { signal } : {}) });
  const exact = res.data.filter((a) => normaliseName(String(a.Account_Name)) === normaliseName(text));
  if (exact.length === 1) return exact[0]!;
  const list = (exact.length ? exact : res.data).slice(0, 8).map((a) => `${String(a.Account_Name)} (${a.id})`);
  throw new ToolInputError('client', list.length ? `${JSON.stringify(text.slice(0, 60))} fits ${list.join(', ')}; give the account id or the exact name` : `no CRM account is named like ${JSON.stringify(text.slice(0, 60))}; find it with crm_search`);
}

function receivedAt(row: MailMessageRow): number | undefined {
  const n = Number(row.receivedTime ?? row.receivedtime ?? row.sentDateInGMT);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

async function booksPart(ctx: FlowContext, account: CrmAccount, year: number): Promise<Section | string> {
  const books = client(ctx, 'books');
  const signal = ctx.signal;
  const pair = await booksCustomerFor(books, account, signal);
  if (!pair) return 'no Books customer matches this account (flow_compare_customers)';
  const id = pair.books.id;
  const invoices: BooksInvoice[] = [];
  for (let page = 1; page <= 10; page++) {
    const res = await books.listInvoices({ customer_id: id, date_start: `${year}-01-01`, date_end: `${year}-12-31`, page, per_page: 200 }, { signal });
    invoices.push(...(res.invoices ?? []));
    if (res.page_context?.has_more_page !== true) break;
  }
  const { invoices: unpaid } = await books.listInvoices({ customer_id: id, status: 'unpaid', per_page: 200 }, { signal });
  const { customerpayments } = await books.listCustomerPayments({ customer_id: id, per_page: 200 }, { signal });
  const issued = invoices.filter((i) => i.status !== 'void' && i.status !== 'draft');
  const sum = (rows: readonly { [k: string]: unknown }[], key: string) => rows.reduce((a, r) => a + (amountFromZoho(r[key]) ?? 0n), 0n);
  const paid = (customerpayments ?? []).filter((p) => String(p.date ?? '').startsWith(String(year)));
  return {
    customer_id: id,
    name: pair.books.name,
    matched_by: pair.matched_by,
    currency: pair.books.currency,
    outstanding: formatAmount(sum(unpaid ?? [], 'balance')),
    overdue_invoices: (unpaid ?? []).filter((i) => i.status === 'overdue').length,
    [`invoiced_${year}`]: formatAmount(sum(issued, 'total')),
    [`paid_${year}`]: formatAmount(sum(paid, 'amount')),
    invoices_issued: issued.length,
    drafts: invoices.filter((i) => i.status === 'draft').length,
  };
}

async function projectsPart(ctx: FlowContext, names: string[], year: number): Promise<{ rows: Section[]; minutes: number; billable: number }> {
  const projects = client(ctx, 'projects');
  const signal = ctx.signal;
  const today = await projects.today({ signal });
  const keys = new Set(names.map(normaliseName));
  const all: ProjectsProject[] = [];
  for (const status of ['active', 'archived'] as const) {
    for (let page = 1; page <= 5; page++) {
      const res = await projects.listProjects({ status, page, per_page: 100 }, { signal });
      all.push(...res.rows);
      if (!res.has_next_page) break;
    }
  }
  const mine = all.filter((p) => keys.has(normaliseName(projectClient(p))));
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  let minutes = 0;
  let billable = 0;
  const rows = await mapLimit(mine, 2, async (p) => {
    const logs = end >= `${year}-01-01` ? await projectLogs(projects, String(p.id), `${year}-01-01`, end, signal) : [];
    const m = logs.reduce((a, l) => a + l.minutes, 0);
    const b = logs.filter((l) => l.bill_status === 'Billable').reduce((a, l) => a + l.minutes, 0);
    minutes += m;
    billable += b;
    return { project_id: String(p.id), name: p.name, status: p.status, completion: p.completion_percentage, hours: formatMinutes(m), billable_hours: formatMinutes(b) };
  });
  return { rows, minutes, billable };
}

async function meetingsPart(ctx: FlowContext, account: CrmAccount): Promise<Section[]> {
  const cal = client(ctx, 'calendar');
  const signal = ctx.signal;
  const now = cal.now();
  const emails = new Set(account.contacts.map((c) => normaliseEmail(c.email)).filter(Boolean));
  const name = account.name.toLowerCase();
  const calendars = await cal.listCalendars({}, { signal });
  const found = new Map<string, { ms: number; event: ZohoEvent; zone: string }>();
  for (const calendar of calendars) {
    const events = await cal.listEvents(calendar, now, now + MEETING_DAYS * DAY, { expand: true }, { signal });
    for (const e of events) {
      const withClient = (e.attendees ?? []).some((a) => emails.has(a.email.toLowerCase())) || (e.title ?? '').toLowerCase().includes(name);
      const times = eventTimes(e, calendar.timezone ?? 'UTC');
      if (withClient && times && times.start >= now) found.set(`${e.uid}:${times.start}`, { ms: times.start, event: e, zone: times.zone });
    }
  }
  return [...found.values()]
    .sort((a, b) => a.ms - b.ms)
    .slice(0, SHOWN)
    .map(({ ms, event, zone }) => ({ start: `${dateInZone(ms, zone)} ${new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(ms)}`, title: event.title, attendees: (event.attendees ?? []).map((a) => a.email).join(', ') }));
}

async function threadsPart(ctx: FlowContext, account: CrmAccount, website: unknown): Promise<Section[]> {
  const mail = client(ctx, 'mail');
  const domains = new Set(account.contacts.map((c) => normaliseEmail(c.email)?.split('@')[1]).filter((d): d is string => Boolean(d)));
  if (domains.size === 0 && typeof website === 'string') {
    const host = /^(?:https?:\/\/)?(?:www\.)?([^/]+)/.exec(website)?.[1];
    if (host) domains.add(host);
  }
  if (domains.size === 0) return [];
  const rows: MailMessageRow[] = [];
  for (const domain of [...domains].slice(0, 2)) rows.push(...(await mail.search({ searchKey: buildSearchKey({ from: domain })!, limit: 25 }, { signal: ctx.signal })));
  const threads = new Map<string, MailMessageRow>();
  for (const row of rows.sort((a, b) => (receivedAt(b) ?? 0) - (receivedAt(a) ?? 0))) {
    const key = String(row.threadId ?? String(row.subject ?? '').replace(/^(re|fwd?):\s*/i, ''));
    if (!threads.has(key)) threads.set(key, row);
  }
  return [...threads.values()].slice(0, SHOWN).map((r) => ({ date: receivedAt(r) ? new Date(receivedAt(r)!).toISOString().slice(0, 10) : null, subject: r.subject, from: r.sender ?? r.fromAddress, ...(r.threadCount ? { messages: Number(r.threadCount) } : {}) }));
}

export const flowClient360 = defineZohoTool<typeof input, FlowClients, Client360>({
  name: 'flow_client_360',
  app: 'flow',
  access: 'read',
  uses: [
    use('crm', 'read', SCOPES.crmRead),
    use('books', 'read', SCOPES.booksRevenueRead, 'adds what the client owes, was invoiced and paid'),
    use('projects', 'read', SCOPES.projectsTimeRead, "adds the client's projects and hours"),
    use('calendar', 'read', SCOPES.calendarRead, 'adds the next meetings'),
    use('mail', 'read', SCOPES.mailRead, 'adds the last mail threads'),
  ],
  description: `One client across apps, for a briefing or its profitability.
Returns the CRM account, contacts and open deals; Books outstanding, invoiced and paid this year; projects and hours; revenue per hour; next meetings; last mail threads. Parts a role may not read are named in left_out.`,
  examples: [{ client: 'Zylker Corp' }],
  input,
  async run(args, ctx) {
    const crm = client(ctx, 'crm');
    const signal = ctx.signal;
    const record = await findAccount(crm, args.client, signal);
    const year = args.year ?? new Date().getUTCFullYear();
    const [account, deals] = await Promise.all([
      accountOf(crm, record, signal),
      crm.getRelatedRecords('Accounts', record.id, 'Deals', { fields: ['Deal_Name', 'Stage', 'Amount', 'Closing_Date'], perPage: 200, ...(signal ? { signal } : {}) }),
    ]);
    const open = deals.data.filter((d) => !String(d.Stage ?? '').startsWith('Closed'));
    const out: Client360 = {
      account: { account_id: record.id, name: record.Account_Name, industry: record.Industry, website: record.Website, phone: record.Phone, owner: (record.Owner as { name?: unknown } | null)?.name, city: record.Billing_City },
      contacts: account.contacts.slice(0, MAX_CONTACTS).map((c) => ({ name: [c.first_name, c.last_name].filter(Boolean).join(' '), title: c.title, email: c.email, phone: c.phone })),
      openDeals: open.map((d) => ({ deal_id: d.id, name: d.Deal_Name, stage: d.Stage, amount: amountText(d.Amount), closing_date: d.Closing_Date })),
      pipeline: formatAmount(open.reduce((a, d) => a + (amountFromZoho(d.Amount) ?? 0n), 0n)),
      leftOut: [],
      year,
    };
    const part = async <T>(app: 'books' | 'projects' | 'calendar' | 'mail', what: string, fn: () => Promise<T>): Promise<T | undefined> => {
      if (!allows(ctx, app, 'read')) {
        out.leftOut.push(`${what}: this role or policy does not allow reading ${app}`);
        return undefined;
      }
      return fn();
    };
    const books = await part('books', 'Books (owed, invoiced, paid)', () => booksPart(ctx, account, year));
    if (typeof books === 'string') out.leftOut.push(`Books: ${books}`);
    else if (books) out.books = books;
    const names = [account.name, ...(books && typeof books !== 'string' ? [String(books.name)] : [])];
    const projects = await part('projects', 'Projects (projects, hours)', () => projectsPart(ctx, names, year));
    if (projects) out.projects = projects;
    const meetings = await part('calendar', 'Calendar (next meetings)', () => meetingsPart(ctx, account));
    if (meetings) out.meetings = meetings;
    const threads = await part('mail', 'Mail (last threads)', () => threadsPart(ctx, account, record.Website));
    if (threads) out.threads = threads;
    return out;
  },
  shape(r) {
    const out: Record<string, unknown> = { account: r.account, contacts: toTable(r.contacts), open_deals: toTable(r.openDeals), pipeline_open: r.pipeline };
    if (r.books) out.books = r.books;
    if (r.projects) out.projects = { [`hours_${r.year}`]: formatMinutes(r.projects.minutes), [`billable_${r.year}`]: formatMinutes(r.projects.billable), list: toTable(r.projects.rows) };
    if (r.books && r.projects) {
      const revenue = amountFromZoho(r.books[`invoiced_${r.year}`]) ?? 0n;
      const perHour = r.projects.minutes > 0 ? (revenue * 60n) / BigInt(r.projects.minutes) : undefined;
      out.profitability = { [`revenue_${r.year}`]: formatAmount(revenue), [`hours_${r.year}`]: formatMinutes(r.projects.minutes), revenue_per_hour: perHour === undefined ? 'no hours logged' : formatAmount(perHour), basis: 'invoiced (not void, not draft) ÷ hours logged on its projects' };
    }
    if (r.meetings) out.next_meetings = toTable(r.meetings);
    if (r.threads) out.last_threads = toTable(r.threads);
    if (r.leftOut.length) out.left_out = r.leftOut;
    return out;
  },
});
