/**
 * What the invoicing flows share: the Books invoices a flow made (found by the reference it gives them),
 * the customer of a CRM account (created in the same confirmation when Books has none), hours and amounts as lines show them.
 */
import type { WriteStep } from '@zoho-agent-kit/core';
import { amountFromZoho, findCreatedCustomer, formatAmount, planCustomer, type BooksClient, type BooksContact, type BooksInvoice, type CreateContactBody } from '@zoho-agent-kit/books';
import { ADDRESS_PARTS, BOOKS_ADDRESS, BOOKS_XREF, type CrmAccount } from './customers.js';
import { marker } from './shared.js';

export interface InvoiceLine {
  name: string;
  description?: string;
  quantity: string;
  rate: string;
}

/** Non-void invoices whose reference_number is exactly `reference` (optionally one customer's), newest first. */
export async function invoicesWithReference(books: BooksClient, reference: string, customerId?: string, signal?: AbortSignal, prefix = false): Promise<BooksInvoice[]> {
  const found: BooksInvoice[] = [];
  for (let page = 1; page <= 10; page++) {
    const res = await books.listInvoices({ search_text: reference, ...(customerId ? { customer_id: customerId } : {}), sort_column: 'created_time', sort_order: 'D', page, per_page: 200 }, { signal });
    found.push(...(res.invoices ?? []).filter((inv) => inv.status !== 'void'));
    if (res.page_context?.has_more_page !== true) break;
  }
  // The list may not carry reference_number: read each candidate to be exact.
  const exact: BooksInvoice[] = [];
  for (const inv of found) {
    const ref = typeof inv.reference_number === 'string' ? inv.reference_number : (await books.getInvoice(String(inv.invoice_id), { signal })).invoice.reference_number;
    if (typeof ref === 'string' && (prefix ? ref.startsWith(reference) : ref === reference)) exact.push({ ...inv, reference_number: ref });
  }
  return exact;
}

/** A Books customer body from a CRM account (the sync's rules), with the cross-reference in its notes. */
export async function customerFromAccount(books: BooksClient, account: CrmAccount, signal?: AbortSignal): Promise<CreateContactBody> {
  const person = account.contacts[0];
  const address = Object.fromEntries(ADDRESS_PARTS.filter((p) => account.address[p]).map((p) => [BOOKS_ADDRESS[p], account.address[p]!]));
  const { body } = await planCustomer(
    books,
    {
      contact_name: account.name,
      company_name: account.name,
      ...(account.currency ? { currency_code: account.currency } : {}),
      ...(person ? { contact_person: Object.fromEntries(Object.entries({ first_name: person.first_name, last_name: person.last_name, email: person.email, phone: person.phone }).filter(([, v]) => v)) } : {}),
      ...(Object.keys(address).length ? { billing_address: address } : {}),
    },
    signal,
  );
  body.notes = marker(BOOKS_XREF, account.id);
  return body;
}

export function createCustomerStep(books: BooksClient, body: CreateContactBody): WriteStep<BooksContact> {
  return {
    summary: `create Books customer ${body.contact_name}`,
    execute: async () => (await books.createContact(body)).contact,
    reconcile: ({ sentAt, signal }) => findCreatedCustomer(books, body.contact_name, sentAt, signal),
    checkWith: `books_list_customers {"search_text":${JSON.stringify(body.contact_name.slice(0, 60))}}`,
  };
}

/** Hours with two decimals from minutes (half up): the quantity a time line bills. */
export function hoursQuantity(minutes: number): string {
  const hundredths = Math.floor((minutes * 100) / 60 + 0.5 + 1e-9);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function amountText(value: unknown): string {
  return formatAmount(amountFromZoho(value) ?? 0n);
}
