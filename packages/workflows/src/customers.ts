/**
 * CRM accounts (with their contacts) and Books customers side by side: loaded once per call, matched by a
 * stored cross-reference, then e-mail, then normalised name, and compared field by field.
 *
 * The cross-reference, written by the sync and read by every comparison:
 * - towards Books, in the Books customer's `notes`: `[crm-account: 4150868000000100000]`;
 * - towards CRM, as a note on the CRM account titled `Zoho Books customer` holding `[books-customer: 4372…]`.
 * Either one links the pair; the sync writes the one on the side it changes, so it needs write access there
 * only.
 */
import type { BooksClient, BooksContact } from '@zoho-agent-kit/books';
import type { CrmClient, CrmRecord } from '@zoho-agent-kit/crm';
import { allPages, findMarker, mapLimit, normaliseEmail, normaliseName, normalisePart } from './shared.js';

export const BOOKS_XREF = 'crm-account';
export const CRM_XREF = 'books-customer';
export const CRM_XREF_TITLE = 'Zoho Books customer';

export const ADDRESS_PARTS = ['street', 'city', 'state', 'zip', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type Address = Partial<Record<AddressPart, string>>;

const CRM_ADDRESS: Record<AddressPart, string> = { street: 'Billing_Street', city: 'Billing_City', state: 'Billing_State', zip: 'Billing_Code', country: 'Billing_Country' };
const BOOKS_ADDRESS: Record<AddressPart, string> = { street: 'address', city: 'city', state: 'state', zip: 'zip', country: 'country' };
export { BOOKS_ADDRESS, CRM_ADDRESS };

export interface CrmPerson {
  id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  title?: string;
}

export interface CrmAccount {
  id: string;
  name: string;
  address: Address;
  currency?: string;
  /** Its contacts, oldest first: the first is the primary one. */
  contacts: CrmPerson[];
  /** Books customer ids its cross-reference notes name. */
  xref: string[];
}

export interface BooksPerson {
  id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  primary: boolean;
}

export interface BooksCustomer {
  id: string;
  name: string;
  company?: string;
  address: Address;
  currency?: string;
  notes?: string;
  persons: BooksPerson[];
  email?: string;
  /** CRM account ids its notes name. */
  xref: string[];
}

export interface Difference {
  field: 'name' | 'email' | 'currency' | `address.${AddressPart}`;
  crm: string | null;
  books: string | null;
}

export type MatchedBy = 'cross-reference' | 'email' | 'name';

export interface CustomerPair {
  crm: CrmAccount;
  books: BooksCustomer;
  matched_by: MatchedBy;
  differences: Difference[];
  /** Whether each side already holds the cross-reference to the other. */
  linked: { books: boolean; crm: boolean };
}

export interface CustomerComparison {
  pairs: CustomerPair[];
  onlyInCrm: CrmAccount[];
  onlyInBooks: BooksCustomer[];
  /** Records left unmatched because their e-mail or name fits several on the other side. */
  ambiguous: { side: 'crm' | 'books'; id: string; name: string; candidates: string[] }[];
  /** A side that was read only in part (over the page limits). */
  partial: string[];
}

export function primaryEmail(side: CrmAccount | BooksCustomer): string | undefined {
  if ('contacts' in side) return normaliseEmail(side.contacts.find((c) => normaliseEmail(c.email))?.email);
  return normaliseEmail(side.persons.find((p) => p.primary)?.email ?? side.email);
}

function emailsOf(side: CrmAccount | BooksCustomer): Set<string> {
  const list = 'contacts' in side ? side.contacts.map((c) => c.email) : [side.email, ...side.persons.map((p) => p.email)];
  return new Set(list.map(normaliseEmail).filter((e): e is string => Boolean(e)));
}

/** Every record of a CRM module: pages of 200, then Zoho's page token past the first 2,000. */
async function crmAll(crm: CrmClient, module: string, fields: string[], signal: AbortSignal | undefined, sortBy?: 'Created_Time'): Promise<{ rows: CrmRecord[]; complete: boolean }> {
  const rows: CrmRecord[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = i < 10 && !token ? i + 1 : undefined;
    const res = await crm.listRecords(module, { fields, perPage: 200, ...(page ? { page } : {}), ...(token ? { pageToken: token } : {}), ...(sortBy ? { sortBy, sortOrder: 'asc' as const } : {}), signal });
    rows.push(...res.data);
    if (!res.info?.more_records) return { rows, complete: true };
    token = typeof (res.info as { next_page_token?: unknown }).next_page_token === 'string' ? String((res.info as { next_page_token?: unknown }).next_page_token) : undefined;
    if (i >= 9 && !token) return { rows, complete: false };
  }
  return { rows, complete: false };
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** CRM accounts with their contacts (oldest first) and the cross-reference notes on them. */
export async function loadCrm(crm: CrmClient, signal?: AbortSignal): Promise<{ accounts: CrmAccount[]; partial: string[] }> {
  const fields = await crm.getFields('Accounts', { signal });
  const hasCurrency = fields.some((f) => f.api_name === 'Currency');
  const [accounts, contacts, notes] = await Promise.all([
    crmAll(crm, 'Accounts', ['Account_Name', ...Object.values(CRM_ADDRESS), ...(hasCurrency ? ['Currency'] : [])], signal),
    crmAll(crm, 'Contacts', ['First_Name', 'Last_Name', 'Email', 'Phone', 'Account_Name'], signal, 'Created_Time'),
    crmAll(crm, 'Notes', ['Note_Title', 'Note_Content', 'Parent_Id'], signal),
  ]);
  const byAccount = new Map<string, CrmPerson[]>();
  for (const c of contacts.rows) {
    const account = (c.Account_Name as { id?: unknown } | null)?.id;
    if (account === undefined || account === null) continue;
    const list = byAccount.get(String(account)) ?? [];
    const person: CrmPerson = { id: String(c.id) };
    for (const [key, field] of [['first_name', 'First_Name'], ['last_name', 'Last_Name'], ['email', 'Email'], ['phone', 'Phone']] as const) {
      const v = text(c[field]);
      if (v) person[key] = v;
    }
    list.push(person);
    byAccount.set(String(account), list);
  }
  const xref = new Map<string, string[]>();
  for (const n of notes.rows) {
    const parent = n.Parent_Id as { id?: unknown; module?: { api_name?: unknown } } | null;
    if (!parent || parent.module?.api_name !== 'Accounts' || n.Note_Title !== CRM_XREF_TITLE) continue;
    const id = String(parent.id);
    xref.set(id, [...(xref.get(id) ?? []), ...findMarker(n.Note_Content, CRM_XREF)]);
  }
  const out = accounts.rows.map((a): CrmAccount => {
    const address: Address = {};
    for (const part of ADDRESS_PARTS) {
      const v = text(a[CRM_ADDRESS[part]]);
      if (v) address[part] = v;
    }
    const account: CrmAccount = { id: String(a.id), name: String(a.Account_Name ?? ''), address, contacts: byAccount.get(String(a.id)) ?? [], xref: xref.get(String(a.id)) ?? [] };
    const currency = text(a.Currency);
    if (currency) account.currency = currency.toUpperCase();
    return account;
  });
  const partial = [...(accounts.complete ? [] : ['CRM accounts']), ...(contacts.complete ? [] : ['CRM contacts']), ...(notes.complete ? [] : ['CRM notes'])];
  return { accounts: out, partial };
}

/** The active Books customers as listed (pages of 200, at most 20 pages): no addresses, persons or notes. */
function activeCustomers(books: BooksClient, signal?: AbortSignal): Promise<{ rows: BooksContact[]; complete: boolean }> {
  return allPages(async (page) => {
    const res = await books.listContacts({ contact_type: 'customer', filter_by: 'Status.Active', page, per_page: 200 }, { signal });
    return { rows: (res.contacts ?? []).filter((c) => (c.contact_type ?? 'customer') === 'customer'), more: res.page_context?.has_more_page === true };
  });
}

/** Listed customers with their billing address, contact persons and notes (one read each). */
function customerDetails(books: BooksClient, listed: readonly BooksContact[], signal?: AbortSignal): Promise<BooksCustomer[]> {
  return mapLimit(listed, 4, async (row) => toCustomer((await books.getContact(String(row.contact_id), { signal })).contact));
}

/** Books customers (active) with their billing address, contact persons and notes (one read each). */
export async function loadBooks(books: BooksClient, signal?: AbortSignal): Promise<{ customers: BooksCustomer[]; partial: string[] }> {
  const listed = await activeCustomers(books, signal);
  return { customers: await customerDetails(books, listed.rows, signal), partial: listed.complete ? [] : ['Books customers'] };
}

export function toCustomer(c: BooksContact): BooksCustomer {
  const address: Address = {};
  const billing = (c.billing_address ?? {}) as Record<string, unknown>;
  for (const part of ADDRESS_PARTS) {
    const v = text(billing[BOOKS_ADDRESS[part]]);
    if (v) address[part] = v;
  }
  const persons = ((c.contact_persons ?? []) as Record<string, unknown>[]).map((p): BooksPerson => {
    const person: BooksPerson = { id: String(p.contact_person_id), primary: p.is_primary_contact === true };
    for (const key of ['first_name', 'last_name', 'email', 'phone'] as const) {
      const v = text(p[key]);
      if (v) person[key] = v;
    }
    return person;
  });
  const customer: BooksCustomer = { id: String(c.contact_id), name: String(c.contact_name ?? ''), address, persons, xref: findMarker(c.notes, BOOKS_XREF) };
  const company = text(c.company_name);
  if (company) customer.company = company;
  const email = text(c.email);
  if (email) customer.email = email;
  const currency = text(c.currency_code);
  if (currency) customer.currency = currency.toUpperCase();
  const notes = text(c.notes);
  if (notes) customer.notes = notes;
  return customer;
}

/** What differs between a matched pair: names exactly, primary e-mails, address parts both sides have, currencies both state. */
export function differences(crm: CrmAccount, books: BooksCustomer): Difference[] {
  const out: Difference[] = [];
  if (crm.name.trim() !== books.name.trim()) out.push({ field: 'name', crm: crm.name, books: books.name });
  const a = primaryEmail(crm);
  const b = primaryEmail(books);
  if ((a || b) && a !== b) out.push({ field: 'email', crm: a ?? null, books: b ?? null });
  for (const part of ADDRESS_PARTS) {
    const x = crm.address[part];
    const y = books.address[part];
    if (x && y && normalisePart(x, part) !== normalisePart(y, part)) out.push({ field: `address.${part}`, crm: x, books: y });
  }
  if (crm.currency && books.currency && crm.currency !== books.currency) out.push({ field: 'currency', crm: crm.currency, books: books.currency });
  return out;
}

/**
 * Pairs CRM accounts with Books customers: first by a cross-reference either side holds (both records must
 * exist), then by an e-mail they share, then by normalised name; an e-mail or name that fits several records
 * matches none of them (reported as ambiguous).
 */
export function matchCustomers(accounts: readonly CrmAccount[], customers: readonly BooksCustomer[], partial: string[] = []): CustomerComparison {
  const crmById = new Map(accounts.map((a) => [a.id, a]));
  const booksById = new Map(customers.map((c) => [c.id, c]));
  const pairs: CustomerPair[] = [];
  const usedCrm = new Set<string>();
  const usedBooks = new Set<string>();
  const pair = (crm: CrmAccount, books: BooksCustomer, by: MatchedBy) => {
    usedCrm.add(crm.id);
    usedBooks.add(books.id);
    pairs.push({ crm, books, matched_by: by, differences: differences(crm, books), linked: { books: books.xref.includes(crm.id), crm: crm.xref.includes(books.id) } });
  };
  for (const account of accounts) {
    for (const id of account.xref) {
      const customer = booksById.get(id);
      if (customer && !usedCrm.has(account.id) && !usedBooks.has(id)) pair(account, customer, 'cross-reference');
    }
  }
  for (const customer of customers) {
    for (const id of customer.xref) {
      const account = crmById.get(id);
      if (account && !usedCrm.has(id) && !usedBooks.has(customer.id)) pair(account, customer, 'cross-reference');
    }
  }
  const ambiguous: CustomerComparison['ambiguous'] = [];
  const byKey = (key: (x: CrmAccount | BooksCustomer) => string[], by: MatchedBy) => {
    const crmLeft = accounts.filter((a) => !usedCrm.has(a.id));
    const booksLeft = customers.filter((c) => !usedBooks.has(c.id));
    const index = new Map<string, BooksCustomer[]>();
    for (const c of booksLeft) for (const k of key(c)) index.set(k, [...(index.get(k) ?? []), c]);
    const crmIndex = new Map<string, CrmAccount[]>();
    for (const a of crmLeft) for (const k of key(a)) crmIndex.set(k, [...(crmIndex.get(k) ?? []), a]);
    for (const account of crmLeft) {
      const found = new Map<string, BooksCustomer>();
      for (const k of key(account)) for (const c of index.get(k) ?? []) found.set(c.id, c);
      if (found.size === 0) continue;
      const [only] = [...found.values()];
      const rivals = key(account).flatMap((k) => crmIndex.get(k) ?? []).filter((a) => a.id !== account.id);
      if (found.size === 1 && rivals.length === 0 && !usedBooks.has(only!.id)) pair(account, only!, by);
      else if (!ambiguous.some((x) => x.side === 'crm' && x.id === account.id)) ambiguous.push({ side: 'crm', id: account.id, name: account.name, candidates: [...found.values()].map((c) => `${c.name} (${c.id})`) });
    }
  };
  byKey((x) => [...emailsOf(x)], 'email');
  byKey((x) => {
    const n = normaliseName(x.name);
    return n ? [n] : [];
  }, 'name');
  const stillAmbiguous = ambiguous.filter((x) => !usedCrm.has(x.id));
  return {
    pairs,
    onlyInCrm: accounts.filter((a) => !usedCrm.has(a.id)),
    onlyInBooks: customers.filter((c) => !usedBooks.has(c.id)),
    ambiguous: stillAmbiguous,
    partial,
  };
}

export async function compareCustomers(crm: CrmClient, books: BooksClient, signal?: AbortSignal): Promise<CustomerComparison> {
  const [c, b] = await Promise.all([loadCrm(crm, signal), loadBooks(books, signal)]);
  return matchCustomers(c.accounts, b.customers, [...c.partial, ...b.partial]);
}

export function personName(p: { first_name?: string; last_name?: string; email?: string } | undefined): string | undefined {
  if (!p) return undefined;
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || p.email;
}

/** The account fields `accountOf` reads: a record read with them needs no second read. */
export const ACCOUNT_FIELDS = ['Account_Name', ...Object.values(CRM_ADDRESS)];

/** One CRM account with its contacts (oldest first) and cross-reference notes; undefined when there is none. */
export async function loadAccount(crm: CrmClient, accountId: string, signal?: AbortSignal): Promise<CrmAccount | undefined> {
  const record = await crm.getRecord('Accounts', accountId, { fields: ACCOUNT_FIELDS, ...(signal ? { signal } : {}) }).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'INVALID_DATA') return undefined;
    throw err;
  });
  return record ? accountOf(crm, record, signal) : undefined;
}

/** An account record already read (with `ACCOUNT_FIELDS`), with its contacts (oldest first) and cross-reference notes. */
export async function accountOf(crm: CrmClient, record: CrmRecord, signal?: AbortSignal): Promise<CrmAccount> {
  const accountId = String(record.id);
  const [contacts, notes] = await Promise.all([
    crm.getRelatedRecords('Accounts', accountId, 'Contacts', { fields: ['First_Name', 'Last_Name', 'Email', 'Phone', 'Title', 'Created_Time'], perPage: 200, ...(signal ? { signal } : {}) }),
    crm.getRelatedRecords('Accounts', accountId, 'Notes', { fields: ['Note_Title', 'Note_Content'], perPage: 200, ...(signal ? { signal } : {}) }),
  ]);
  const address: Address = {};
  for (const part of ADDRESS_PARTS) {
    const v = text(record[CRM_ADDRESS[part]]);
    if (v) address[part] = v;
  }
  const people = [...contacts.data].sort((a, b) => String(a.Created_Time ?? '').localeCompare(String(b.Created_Time ?? '')) || a.id.localeCompare(b.id));
  return {
    id: accountId,
    name: String(record.Account_Name ?? ''),
    address,
    contacts: people.map((c) => {
      const p: CrmPerson = { id: String(c.id) };
      for (const [key, field] of [['first_name', 'First_Name'], ['last_name', 'Last_Name'], ['email', 'Email'], ['phone', 'Phone'], ['title', 'Title']] as const) {
        const v = text(c[field]);
        if (v) p[key] = v;
      }
      return p;
    }),
    xref: notes.data.filter((n) => n.Note_Title === CRM_XREF_TITLE).flatMap((n) => findMarker(n.Note_Content, CRM_XREF)),
  };
}

/**
 * The Books customer of one CRM account, matched as the sync matches (cross-reference, e-mail, name): the
 * account's own note first, then the customers whose name or e-mail fits, and only when none does, every
 * customer (whose notes may hold a cross-reference to it).
 */
export async function booksCustomerFor(books: BooksClient, account: CrmAccount, signal?: AbortSignal): Promise<CustomerPair | undefined> {
  for (const id of account.xref) {
    const found = await books.getContact(id, { signal }).catch((err: unknown) => {
      if ((err as { kind?: string }).kind === 'not_found') return undefined;
      throw err;
    });
    if (found && (found.contact.contact_type ?? 'customer') === 'customer' && found.contact.status !== 'inactive') return matchCustomers([account], [toCustomer(found.contact)]).pairs[0];
  }
  const emails = emailsOf(account);
  const name = normaliseName(account.name);
  const { rows: listed } = await activeCustomers(books, signal);
  const fits = (c: BooksContact) => (name && normaliseName(c.contact_name) === name) || emails.has(normaliseEmail(c.email) ?? '');
  const candidates = await customerDetails(books, listed.filter(fits), signal);
  const pair = candidates.length ? matchCustomers([account], candidates).pairs[0] : undefined;
  if (pair) return pair;
  // None fits by name or e-mail: the others' notes may still hold a cross-reference to it (candidates read once).
  const rest = await customerDetails(books, listed.filter((c) => !fits(c)), signal);
  return matchCustomers([account], [...candidates, ...rest]).pairs[0];
}
