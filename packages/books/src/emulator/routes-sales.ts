/**
 * Books routes for the sales side beyond invoice create/list/get: editing, sending, e-mailing and voiding
 * invoices and their history, creating contacts, the organization's currencies, and estimates (quotes).
 *
 * Choices where Zoho's behaviour is unconfirmed:
 * - PUT /invoices/{id} replaces `line_items` with the list sent (a line carrying an existing `line_item_id`
 *   keeps it; lines not sent are gone); a void invoice, or a total below the payments made, is refused with
 *   HTTP 400 code 4. The answer's message is "Invoice information has been updated.".
 * - Status changes refused for the current status (mark a non-draft as sent, void a void invoice, e-mail a
 *   void invoice) answer HTTP 400 code 4 with a sentence saying why.
 * - POST /invoices/{id}/email without `to_mail_ids` e-mails the invoice's contact persons (Books' default
 *   content); a draft becomes sent. Each send adds an "Invoice emailed to …" entry to the invoice's history
 *   (GET /invoices/{id}/comments, newest first; the wording is the emulator's).
 * - POST /contacts refuses a `contact_name` another contact already has (case-insensitive) with HTTP 400
 *   code 3062 "The customer "X" already exists. Please specify a different name." (observed in the field).
 * - PUT /contacts/{id} changes the fields sent (`contact_name`, `company_name`, `website`, `notes`,
 *   `payment_terms`, `billing_address` part by part, `currency_id` only while the contact has no
 *   transactions); `contact_persons` entries with a `contact_person_id` update that person's fields, entries
 *   without one are added. A new name another contact has is refused with code 3062 as on create; the answer
 *   is "Contact information has been saved." (the wording, and contact persons through this call, are
 *   unconfirmed).
 * - POST /invoices/{id}/comments adds an internal comment (`description`, at most 2000 characters here —
 *   Books' limit is unconfirmed; `show_comment_to_clients` is kept), listed first in the invoice's history;
 *   answer HTTP 201 "Comments added." with the comment.
 * - Estimates are created as drafts ("Estimate has been created.", HTTP 201), numbered EST-000001…; a sent
 *   estimate past its expiry date reads as `expired`.
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { bodyOf, booksError, contains, dateOf, inOrganization, invalid, isResponse, notFound, paginate, parseLineItems, sortRows, today, type Json, type Req } from './http.js';
import { commentJson, contactDetail, contactName, currencyJson, estimateDetail, estimateSummary, invoiceDetail } from './representations.js';
import {
  addDays,
  computeTotals,
  estimateStatus,
  historyEntry,
  invoiceStatus,
  moneyText,
  zohoTime,
  type BooksOrgData,
  type EmuAddress,
  type EmuContact,
  type EmuContactPerson,
  type EmuEstimate,
  type EmuInvoice,
} from './state.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contact persons a new document is addressed to: those named (if they are the customer's), else the primary. */
export function invoicePersons(customer: EmuContact, raw: unknown): string[] {
  const own = new Set(customer.contact_persons.map((p) => p.contact_person_id));
  if (Array.isArray(raw)) {
    const named = raw.map(String).filter((id) => own.has(id));
    if (named.length) return named;
  }
  return customer.contact_persons.filter((p) => p.is_primary_contact).map((p) => p.contact_person_id);
}

export function personEmails(customer: EmuContact | undefined, ids: readonly string[]): string[] {
  return (customer?.contact_persons ?? []).filter((p) => ids.includes(p.contact_person_id) && p.email).map((p) => p.email);
}

/** Books e-mails the invoice: it is marked emailed, a draft becomes sent, and the history says to whom. */
export function emailInvoiceTo(req: Req, org: BooksOrgData, inv: EmuInvoice, to: readonly string[], cc: readonly string[]): void {
  const stamp = zohoTime(req.now);
  inv.emailed = true;
  if (inv.status === 'draft') inv.status = 'sent';
  inv.last_modified_time = stamp;
  const copied = cc.length ? ` (cc ${cc.join(', ')})` : '';
  inv.history.push(historyEntry(req.state.nextId, stamp, `Invoice emailed to ${to.join(', ')}${copied}`, org.organization.contact_name, 'Emailed'));
}

function findInvoice(req: Req, org: BooksOrgData): EmuInvoice | undefined {
  return org.invoices.find((i) => i.invoice_id === req.params.invoice_id);
}

// ---------- invoices ----------

export const updateInvoice = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  if (inv.status === 'void') return invalid(`The invoice ${inv.invoice_number} is void and cannot be edited; mark it as draft first.`);
  const next: Partial<EmuInvoice> = {};
  if (body.line_items !== undefined) {
    const lines = parseLineItems(req, body.line_items, inv.line_items);
    if (isResponse(lines)) return lines;
    next.line_items = lines;
  }
  if (body.date !== undefined) {
    const date = dateOf(body.date, inv.date);
    if (!date) return invalid('Invalid value passed for date (use yyyy-mm-dd).');
    next.date = date;
  }
  if (body.payment_terms !== undefined && body.payment_terms !== null && body.payment_terms !== '') {
    const terms = Number(body.payment_terms);
    if (!Number.isInteger(terms) || terms < 0) return invalid('Invalid value passed for payment_terms');
    next.payment_terms = terms;
  }
  if (body.due_date !== undefined) {
    const due = dateOf(body.due_date, addDays(next.date ?? inv.date, next.payment_terms ?? inv.payment_terms));
    if (!due) return invalid('Invalid value passed for due_date (use yyyy-mm-dd).');
    next.due_date = due;
  } else if (next.date !== undefined || next.payment_terms !== undefined) {
    next.due_date = addDays(next.date ?? inv.date, next.payment_terms ?? inv.payment_terms);
  }
  if ((next.due_date ?? inv.due_date) < (next.date ?? inv.date)) return invalid('Invalid value passed for due_date: it is before the invoice date.');
  const draft = { ...inv, ...next };
  computeTotals(draft);
  if (draft.total_cents < inv.payment_made_cents) return invalid(`The invoice total (${moneyText(draft.total_cents, inv.currency_code)}) cannot be less than the payments made (${moneyText(inv.payment_made_cents, inv.currency_code)}).`);
  Object.assign(inv, next, { sub_total_cents: draft.sub_total_cents, total_cents: draft.total_cents });
  for (const key of ['reference_number', 'notes'] as const) {
    const value = body[key];
    if (typeof value !== 'string') continue;
    if (value) inv[key] = value;
    else delete inv[key];
  }
  const stamp = zohoTime(req.now);
  inv.last_modified_time = stamp;
  inv.history.push(historyEntry(req.state.nextId, stamp, `Invoice updated (total ${moneyText(inv.total_cents, inv.currency_code)})`, org.organization.contact_name, 'Updated'));
  return { status: 200, body: { code: 0, message: 'Invoice information has been updated.', invoice: invoiceDetail(org, inv, today(req)) } };
});

export const markInvoiceSent = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  if (inv.status !== 'draft') return invalid(`The invoice ${inv.invoice_number} is ${invoiceStatus(inv, today(req))}; only a draft can be marked as sent.`);
  const stamp = zohoTime(req.now);
  inv.status = 'sent';
  inv.last_modified_time = stamp;
  inv.history.push(historyEntry(req.state.nextId, stamp, 'Invoice marked as sent', org.organization.contact_name, 'Sent'));
  return { status: 200, body: { code: 0, message: 'Invoice status has been changed to Sent.' } };
});

/** Voiding: the payments applied to the invoice are unassociated and kept as the customer's credits. */
export const voidInvoice = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  if (inv.status === 'void') return invalid(`The invoice ${inv.invoice_number} is already void.`);
  const customer = org.contacts.find((c) => c.contact_id === inv.customer_id);
  for (const p of org.payments) {
    const applied = p.invoices.filter((i) => i.invoice_id === inv.invoice_id);
    if (!applied.length) continue;
    if (customer) customer.unused_credits_cents += applied.reduce((s, i) => s + i.amount_applied_cents, 0);
    p.invoices = p.invoices.filter((i) => i.invoice_id !== inv.invoice_id);
  }
  const stamp = zohoTime(req.now);
  inv.payment_made_cents = 0;
  inv.status = 'void';
  inv.last_modified_time = stamp;
  inv.history.push(historyEntry(req.state.nextId, stamp, 'Invoice status changed to Void', org.organization.contact_name, 'Voided'));
  return { status: 200, body: { code: 0, message: 'Invoice status has been changed to Void.' } };
});

export const markInvoiceDraft = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  if (inv.status !== 'void') return invalid(`The invoice ${inv.invoice_number} is not void; only a void invoice can be marked as draft.`);
  inv.status = 'draft';
  inv.last_modified_time = zohoTime(req.now);
  return { status: 200, body: { code: 0, message: 'Status of invoice changed from void to draft' } };
});

function emailList(value: unknown, field: string): string[] | EmulatorResponse {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return invalid(`Invalid value passed for ${field}`);
  const list = value.map((v) => String(v).trim());
  const bad = list.find((v) => !EMAIL.test(v));
  return bad === undefined ? list : invalid(`Invalid value passed for ${field}: ${bad.slice(0, 60)}`);
}

export const emailInvoice = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  // Books takes an empty body (default recipients and content) as well as a JSON one.
  const body = req.body === undefined || req.body === null || (Buffer.isBuffer(req.body) && req.body.length === 0) ? {} : bodyOf(req);
  if (isResponse(body)) return body;
  if (inv.status === 'void') return invalid(`The invoice ${inv.invoice_number} is void and cannot be e-mailed.`);
  const customer = org.contacts.find((c) => c.contact_id === inv.customer_id);
  const given = emailList(body.to_mail_ids, 'to_mail_ids');
  if (isResponse(given)) return given;
  const cc = emailList(body.cc_mail_ids, 'cc_mail_ids');
  if (isResponse(cc)) return cc;
  const to = given.length ? given : personEmails(customer, inv.contact_person_ids);
  if (!to.length) return invalid('Invalid value passed for to_mail_ids: the invoice has no contact person with an e-mail address.');
  emailInvoiceTo(req, org, inv, to, cc);
  return { status: 200, body: { code: 0, message: 'Your invoice has been sent.' } };
});

export const listInvoiceComments = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  const comments = [...inv.history].reverse().map((c) => commentJson(c, 'invoice_id', inv.invoice_id));
  return { status: 200, body: { code: 0, message: 'success', comments } };
});

export const addInvoiceComment = inOrganization((req, org) => {
  const inv = findInvoice(req, org);
  if (!inv) return notFound('Invoice');
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const description = typeof body.description === 'string' ? body.description.trim() : '';
  if (!description) return invalid('Invalid value passed for description: it is required.');
  if (description.length > 2000) return invalid('Invalid value passed for description: at most 2000 characters.');
  const entry = historyEntry(req.state.nextId, zohoTime(req.now), description, org.organization.contact_name, 'Added');
  entry.comment_type = 'internal';
  inv.history.push(entry);
  return { status: 201, body: { code: 0, message: 'Comments added.', comment: { ...commentJson(entry, 'invoice_id', inv.invoice_id), show_comment_to_clients: body.show_comment_to_clients === true } } };
});

// ---------- contacts and currencies ----------

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.trim().slice(0, max) : undefined;
}

function addressOf(raw: unknown, id: string): EmuAddress {
  const a = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Json) : {};
  return {
    address_id: id,
    attention: text(a.attention, 100) ?? '',
    address: text(a.address, 500) ?? '',
    street2: text(a.street2, 255) ?? '',
    city: text(a.city, 100) ?? '',
    state: text(a.state, 100) ?? '',
    state_code: text(a.state_code, 10) ?? '',
    zip: text(a.zip, 50) ?? '',
    country: text(a.country, 100) ?? '',
    phone: text(a.phone, 50) ?? '',
    fax: text(a.fax, 50) ?? '',
  };
}

export const createContact = inOrganization((req, org) => {
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const name = text(body.contact_name, 1000) ?? '';
  if (!name) return invalid('Invalid value passed for contact_name: it is required.');
  if (name.length > 200) return invalid('Invalid value passed for contact_name: at most 200 characters.');
  const type = body.contact_type === undefined ? 'customer' : body.contact_type;
  if (type !== 'customer' && type !== 'vendor') return invalid('Invalid value passed for contact_type');
  if (org.contacts.some((c) => c.contact_name.toLowerCase() === name.toLowerCase())) {
    return booksError(400, 3062, `The ${type} "${name}" already exists. Please specify a different name.`);
  }
  const subType = body.customer_sub_type === undefined ? 'business' : body.customer_sub_type;
  if (subType !== 'business' && subType !== 'individual') return invalid('Invalid value passed for customer_sub_type');
  let currency = org.currencies.find((c) => c.is_base_currency)!;
  if (body.currency_id !== undefined && body.currency_id !== null && body.currency_id !== '') {
    const found = org.currencies.find((c) => c.currency_id === String(body.currency_id));
    if (!found) return invalid('Invalid value passed for currency_id');
    currency = found;
  }
  let terms = 0;
  if (body.payment_terms !== undefined && body.payment_terms !== null && body.payment_terms !== '') {
    terms = Number(body.payment_terms);
    if (!Number.isInteger(terms) || terms < 0 || terms > 999) return invalid('Invalid value passed for payment_terms');
  }
  const persons: EmuContactPerson[] = [];
  if (body.contact_persons !== undefined) {
    if (!Array.isArray(body.contact_persons)) return invalid('Invalid value passed for contact_persons');
    for (const [i, raw] of (body.contact_persons as unknown[]).entries()) {
      const p = raw && typeof raw === 'object' ? (raw as Json) : {};
      const email = text(p.email, 100) ?? '';
      if (email && !EMAIL.test(email)) return invalid(`Invalid value passed for contact_persons[${i}].email`);
      if (!text(p.first_name, 100) && !text(p.last_name, 100) && !email) return invalid(`Invalid value passed for contact_persons[${i}]: a name or an e-mail is required.`);
      persons.push({
        contact_person_id: req.state.nextId(),
        first_name: text(p.first_name, 100) ?? '',
        last_name: text(p.last_name, 100) ?? '',
        email,
        phone: text(p.phone, 50) ?? '',
        designation: text(p.designation, 100) ?? '',
        is_primary_contact: p.is_primary_contact === true,
      });
    }
    if (persons.length && !persons.some((p) => p.is_primary_contact)) persons[0]!.is_primary_contact = true;
  }
  const primary = persons.find((p) => p.is_primary_contact);
  const stamp = zohoTime(req.now);
  const contact: EmuContact = {
    contact_id: req.state.nextId(),
    contact_name: name,
    company_name: text(body.company_name, 200) ?? '',
    contact_type: type,
    customer_sub_type: subType,
    status: 'active',
    email: primary?.email ?? '',
    phone: primary?.phone ?? '',
    website: text(body.website, 200) ?? '',
    currency_code: currency.currency_code,
    payment_terms: terms,
    billing_address: addressOf(body.billing_address, req.state.nextId()),
    shipping_address: addressOf(body.shipping_address, req.state.nextId()),
    contact_persons: persons,
    unused_credits_cents: 0,
    source: 'api',
    created_time: stamp,
    last_modified_time: stamp,
  };
  const notes = text(body.notes, 2000);
  if (notes) contact.notes = notes;
  org.contacts.push(contact);
  return { status: 201, body: { code: 0, message: 'The contact has been added.', contact: contactDetail(org, contact) } };
});

export const updateContact = inOrganization((req, org) => {
  const contact = org.contacts.find((c) => c.contact_id === req.params.contact_id);
  if (!contact) return notFound('Contact');
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const next: EmuContact = { ...contact, billing_address: { ...contact.billing_address }, contact_persons: contact.contact_persons.map((p) => ({ ...p })) };
  if (body.contact_name !== undefined) {
    const name = text(body.contact_name, 1000) ?? '';
    if (!name) return invalid('Invalid value passed for contact_name: it is required.');
    if (name.length > 200) return invalid('Invalid value passed for contact_name: at most 200 characters.');
    if (org.contacts.some((c) => c.contact_id !== contact.contact_id && c.contact_name.toLowerCase() === name.toLowerCase())) {
      return booksError(400, 3062, `The ${contact.contact_type} "${name}" already exists. Please specify a different name.`);
    }
    next.contact_name = name;
  }
  if (body.company_name !== undefined) next.company_name = text(body.company_name, 200) ?? '';
  if (body.website !== undefined) next.website = text(body.website, 200) ?? '';
  if (body.notes !== undefined) {
    const notes = text(body.notes, 3000) ?? '';
    if (notes.length > 2000) return invalid('Invalid value passed for notes: at most 2000 characters.');
    if (notes) next.notes = notes;
    else delete next.notes;
  }
  if (body.payment_terms !== undefined && body.payment_terms !== null && body.payment_terms !== '') {
    const terms = Number(body.payment_terms);
    if (!Number.isInteger(terms) || terms < 0 || terms > 999) return invalid('Invalid value passed for payment_terms');
    next.payment_terms = terms;
  }
  if (body.currency_id !== undefined && body.currency_id !== null && body.currency_id !== '') {
    const found = org.currencies.find((c) => c.currency_id === String(body.currency_id));
    if (!found) return invalid('Invalid value passed for currency_id');
    if (found.currency_code !== contact.currency_code && org.invoices.some((i) => i.customer_id === contact.contact_id)) {
      return invalid('The currency of a contact with transactions cannot be changed.');
    }
    next.currency_code = found.currency_code;
  }
  if (body.billing_address !== undefined) {
    const a = body.billing_address && typeof body.billing_address === 'object' && !Array.isArray(body.billing_address) ? (body.billing_address as Json) : undefined;
    if (!a) return invalid('Invalid value passed for billing_address');
    const limits: Record<string, number> = { attention: 100, address: 500, street2: 255, city: 100, state: 100, state_code: 10, zip: 50, country: 100, phone: 50, fax: 50 };
    for (const [key, max] of Object.entries(limits)) if (a[key] !== undefined) (next.billing_address as unknown as Record<string, string>)[key] = text(a[key], max) ?? '';
  }
  if (body.contact_persons !== undefined) {
    if (!Array.isArray(body.contact_persons)) return invalid('Invalid value passed for contact_persons');
    for (const [i, raw] of (body.contact_persons as unknown[]).entries()) {
      const p = raw && typeof raw === 'object' ? (raw as Json) : {};
      const email = p.email === undefined ? undefined : (text(p.email, 100) ?? '');
      if (email && !EMAIL.test(email)) return invalid(`Invalid value passed for contact_persons[${i}].email`);
      if (p.contact_person_id !== undefined) {
        const person = next.contact_persons.find((x) => x.contact_person_id === String(p.contact_person_id));
        if (!person) return invalid(`Invalid value passed for contact_persons[${i}].contact_person_id`);
        for (const key of ['first_name', 'last_name', 'phone', 'designation'] as const) if (p[key] !== undefined) person[key] = text(p[key], 100) ?? '';
        if (email !== undefined) person.email = email;
        if (p.is_primary_contact === true) for (const other of next.contact_persons) other.is_primary_contact = other === person;
      } else {
        if (!text(p.first_name, 100) && !text(p.last_name, 100) && !email) return invalid(`Invalid value passed for contact_persons[${i}]: a name or an e-mail is required.`);
        next.contact_persons.push({
          contact_person_id: req.state.nextId(),
          first_name: text(p.first_name, 100) ?? '',
          last_name: text(p.last_name, 100) ?? '',
          email: email ?? '',
          phone: text(p.phone, 50) ?? '',
          designation: text(p.designation, 100) ?? '',
          is_primary_contact: next.contact_persons.length === 0 || p.is_primary_contact === true,
        });
        if (p.is_primary_contact === true) next.contact_persons.forEach((x, j) => (x.is_primary_contact = j === next.contact_persons.length - 1));
      }
    }
  }
  const primary = next.contact_persons.find((p) => p.is_primary_contact);
  next.email = primary?.email ?? next.email;
  next.phone = primary?.phone || next.phone;
  next.last_modified_time = zohoTime(req.now);
  Object.assign(contact, next);
  if (next.notes === undefined) delete contact.notes;
  return { status: 200, body: { code: 0, message: 'Contact information has been saved.', contact: contactDetail(org, contact) } };
});

export const listCurrencies = inOrganization((req, org) => ({
  status: 200,
  body: {
    code: 0,
    message: 'success',
    currencies: org.currencies.map((c) => currencyJson(c, today(req))),
    page_context: { page: 1, per_page: 200, has_more_page: false, report_name: 'Currencies', applied_filter: 'Currencies.All', sort_column: 'currency_code', sort_order: 'A' },
  },
}));

// ---------- estimates ----------

const ESTIMATE_FILTERS: Record<string, string> = {
  'Status.All': 'all',
  'Status.Sent': 'sent',
  'Status.Draft': 'draft',
  'Status.Invoiced': 'invoiced',
  'Status.Accepted': 'accepted',
  'Status.Declined': 'declined',
  'Status.Expired': 'expired',
};

export const listEstimates = inOrganization((req, org) => {
  const q = req.query;
  const day = today(req);
  const criteria: Json[] = [];
  let rows = [...org.estimates];
  const filterBy = q.get('filter_by');
  const status = q.get('status') ?? (filterBy ? ESTIMATE_FILTERS[filterBy] : undefined);
  if (filterBy && !ESTIMATE_FILTERS[filterBy]) return invalid(`Invalid value passed for filter_by: ${filterBy}`);
  if (status && status !== 'all') {
    if (!['draft', 'sent', 'invoiced', 'accepted', 'declined', 'expired'].includes(status)) return invalid(`Invalid value passed for status: ${status}`);
    criteria.push({ column_name: 'status', search_text: status, comparator: 'equal' });
    rows = rows.filter((e) => estimateStatus(e, day) === status);
  }
  const customerId = q.get('customer_id');
  if (customerId) {
    criteria.push({ column_name: 'customer_id', search_text: customerId, comparator: 'equal' });
    rows = rows.filter((e) => e.customer_id === customerId);
  }
  const dateStart = q.get('date_start') ?? q.get('date_after');
  const dateEnd = q.get('date_end') ?? q.get('date_before');
  if (dateStart) rows = rows.filter((e) => e.date >= dateStart);
  if (dateEnd) rows = rows.filter((e) => e.date <= dateEnd);
  const search = q.get('search_text');
  if (search) {
    criteria.push({ column_name: 'search_text', search_text: search, comparator: 'like' });
    rows = rows.filter((e) => contains(e.estimate_number, search) || contains(e.reference_number, search) || contains(contactName(org, e.customer_id), search));
  }
  const sortColumn = q.get('sort_column') ?? 'created_time';
  const sortOrder = q.get('sort_order') ?? 'D';
  const keys: Record<string, (e: EmuEstimate) => string | number> = {
    customer_name: (e) => contactName(org, e.customer_id) ?? '',
    estimate_number: (e) => e.estimate_number,
    date: (e) => e.date,
    total: (e) => e.total_cents,
    created_time: (e) => e.created_time,
  };
  const key = keys[sortColumn];
  if (!key) return invalid(`Invalid value passed for sort_column: ${sortColumn}`);
  sortRows(rows, key, sortOrder);
  const { items, page_context } = paginate(req, rows, { report_name: 'Estimates', applied_filter: status ? `Status.${status}` : 'Status.All', sort_column: sortColumn, sort_order: sortOrder, criteria });
  return { status: 200, body: { code: 0, message: 'success', estimates: items.map((e) => estimateSummary(org, e, day)), page_context } };
});

export const getEstimate = inOrganization((req, org) => {
  const est = org.estimates.find((e) => e.estimate_id === req.params.estimate_id);
  if (!est) return notFound('Estimate');
  return { status: 200, body: { code: 0, message: 'success', estimate: estimateDetail(org, est, today(req)) } };
});

export const createEstimate = inOrganization((req, org) => {
  const body = bodyOf(req);
  if (isResponse(body)) return body;
  const customerId = body.customer_id === undefined || body.customer_id === null ? '' : String(body.customer_id);
  if (!customerId) return invalid('Invalid value passed for customer_id: it is required.');
  const customer = org.contacts.find((c) => c.contact_id === customerId && c.contact_type === 'customer');
  if (!customer) return notFound('Customer');
  const line_items = parseLineItems(req, body.line_items);
  if (isResponse(line_items)) return line_items;
  const date = dateOf(body.date, today(req));
  if (!date) return invalid('Invalid value passed for date (use yyyy-mm-dd).');
  const expiry = dateOf(body.expiry_date, addDays(date, 30));
  if (!expiry) return invalid('Invalid value passed for expiry_date (use yyyy-mm-dd).');
  if (expiry < date) return invalid('Invalid value passed for expiry_date: it is before the estimate date.');
  const stamp = zohoTime(req.now);
  const est: EmuEstimate = {
    estimate_id: req.state.nextId(),
    estimate_number: `EST-${String(org.nextEstimateNumber++).padStart(6, '0')}`,
    status: req.query.get('send') === 'true' ? 'sent' : 'draft',
    customer_id: customer.contact_id,
    contact_person_ids: invoicePersons(customer, body.contact_persons),
    date,
    expiry_date: expiry,
    currency_code: customer.currency_code,
    line_items,
    sub_total_cents: 0,
    total_cents: 0,
    created_time: stamp,
    last_modified_time: stamp,
  };
  for (const key of ['reference_number', 'notes', 'terms'] as const) {
    const value = body[key];
    if (typeof value === 'string' && value) est[key] = value;
  }
  computeTotals(est);
  org.estimates.push(est);
  return { status: 201, body: { code: 0, message: 'Estimate has been created.', estimate: estimateDetail(org, est, today(req)) } };
});

