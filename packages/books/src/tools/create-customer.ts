import { defineZohoTool, quoteInput, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksContact, CreateContactBody } from '../client.js';
import { CLOCK_SKEW_MS } from './documents.js';
import { shapeCustomer } from './list-customers.js';
import { booksTimeMs, EMAIL, intSchema, ORG_DISCOVERY_SCOPE, textSchema } from './shared.js';

const text = (max: number) => z.string().trim().max(max);

const input = z.object({
  contact_name: textSchema(200).describe('Display name (unique).'),
  company_name: text(200).optional().describe('Legal name.'),
  currency_code: text(3).optional().describe('e.g. EUR; default the base currency.'),
  payment_terms: intSchema(0, 365).optional().describe('Days to pay; default 0.'),
  contact_person: z
    .strictObject({
      first_name: text(100).optional().describe('First name.'),
      last_name: text(100).optional().describe('Last name.'),
      email: text(100).optional().describe('E-mail.'),
      phone: text(50).optional().describe('Phone.'),
    })
    .optional()
    .describe('The primary contact person.'),
  billing_address: z
    .strictObject({
      address: text(500).optional().describe('Street.'),
      city: text(100).optional().describe('City.'),
      state: text(100).optional().describe('State.'),
      zip: text(50).optional().describe('ZIP code.'),
      country: text(100).optional().describe('Country.'),
    })
    .optional()
    .describe('Billing address.'),
});

/** A new Books customer: what a person (or a sync job) asks for. */
export type CustomerInput = z.input<typeof input>;

export interface CustomerPlan {
  body: CreateContactBody;
  /** What the confirmation shows. */
  preview: Record<string, unknown>;
  summary: string;
}

/**
 * Checks a new customer before anything is sent and builds the body of POST /contacts: the e-mail's form,
 * the currency (resolved to Books' `currency_id` through GET /settings/currencies, never guessed), and that
 * no contact (customer or vendor, active or not) already has the name — Books refuses duplicates with code
 * 3062, so a duplicate is a field error naming the existing contact. The CRM ↔ Books sync uses this too.
 */
export async function planCustomer(client: BooksClient, raw: CustomerInput, signal?: AbortSignal): Promise<CustomerPlan> {
  const args = input.parse(raw);
  const email = args.contact_person?.email;
  if (email && !EMAIL.test(email)) throw new ToolInputError('contact_person.email', `${quoteInput(email)} is not an e-mail address`);
  const code = args.currency_code?.toUpperCase();
  if (code !== undefined && !/^[A-Z]{3}$/.test(code)) throw new ToolInputError('currency_code', `${quoteInput(args.currency_code!)} is not a currency code (three letters, e.g. USD)`);
  const person = args.contact_person ? Object.fromEntries(Object.entries(args.contact_person).filter(([, v]) => v)) : undefined;
  if (args.contact_person && !person?.first_name && !person?.last_name && !person?.email) throw new ToolInputError('contact_person', 'give the person a name or an e-mail');

  const existing = await client.contactsNamed(args.contact_name, { signal });
  if (existing.length) {
    const listed = existing.map((c) => `${c.contact_name} (${c.contact_type ?? 'contact'}, contact_id ${String(c.contact_id)}${c.status === 'inactive' ? ', inactive' : ''})`).join(', ');
    throw new ToolInputError('contact_name', `Books already has ${listed}; contact names are unique, so use that contact or choose another name`);
  }

  const body: CreateContactBody = { contact_name: args.contact_name, contact_type: 'customer', customer_sub_type: 'business' };
  let currency: string | undefined;
  if (code) {
    const { currencies } = await client.listCurrencies({ signal });
    const found = (currencies ?? []).find((c) => c.currency_code === code);
    if (!found) throw new ToolInputError('currency_code', `${code} is not enabled in this Books organization; enabled: ${(currencies ?? []).map((c) => c.currency_code).join(', ')}`);
    body.currency_id = String(found.currency_id);
    currency = code;
  }
  if (args.company_name) body.company_name = args.company_name;
  if (args.payment_terms !== undefined) body.payment_terms = args.payment_terms;
  if (person) body.contact_persons = [{ ...person, is_primary_contact: true }];
  const address = args.billing_address ? Object.fromEntries(Object.entries(args.billing_address).filter(([, v]) => v)) : {};
  if (Object.keys(address).length) body.billing_address = address;

  const preview: Record<string, unknown> = { contact_name: args.contact_name, contact_type: 'customer', currency_code: currency ?? 'the base currency', payment_terms: args.payment_terms ?? 0 };
  if (args.company_name) preview.company_name = args.company_name;
  if (person) preview.contact_person = person;
  if (body.billing_address) preview.billing_address = body.billing_address;
  const who = person ? ` with contact person ${[person.first_name, person.last_name].filter(Boolean).join(' ') || person.email}${person.email ? ` <${person.email}>` : ''}` : '';
  const summary = `Create Books customer ${args.contact_name} (${currency ?? 'base currency'}, ${args.payment_terms ? `Net ${args.payment_terms}` : 'due on receipt'})${who}`;
  return { body, preview, summary };
}

/**
 * After a lost create answer: the contact with that name created since the send (less the clock skew). As
 * duplicates were refused before the send, one such contact is ours; an older one means ours was not made.
 */
export async function findCreatedCustomer(client: BooksClient, name: string, sentAt: number, signal?: AbortSignal): Promise<ReconcileVerdict<BooksContact>> {
  const named = await client.contactsNamed(name, { signal });
  const fresh = named.filter((c) => booksTimeMs(c.created_time) >= sentAt - CLOCK_SKEW_MS);
  if (fresh.length === 1) {
    const { contact } = await client.getContact(String(fresh[0]!.contact_id), { signal });
    return { status: 'applied', id: String(contact.contact_id), result: contact, detail: `found customer ${contact.contact_name}` };
  }
  if (fresh.length > 1) return { status: 'unknown', detail: `${fresh.length} contacts named ${name} were created since the send` };
  if (named.some((c) => Number.isNaN(booksTimeMs(c.created_time)))) return { status: 'unknown', detail: 'Books listed the contact without a created_time' };
  return { status: 'not_applied' };
}

export const booksCreateCustomer = defineZohoTool<typeof input, BooksClient, BooksContact>({
  name: 'books_create_customer',
  app: 'books',
  access: 'write',
  scopes: ['ZohoBooks.contacts.CREATE', 'ZohoBooks.contacts.READ', ORG_DISCOVERY_SCOPE],
  description: `Create a Zoho Books customer with its primary contact person, billing address and currency.
Use before invoicing a new client; a name Books already has is refused.
Returns the customer with its contact_id.`,
  examples: [{ contact_name: 'Globex Corporation', contact_person: { first_name: 'Hank', email: 'hank@globex.example' } }],
  input,
  plan: async (args, ctx) => {
    const { body, preview, summary } = await planCustomer(ctx.client, args, ctx.signal);
    return {
      summary,
      payload: body,
      after: preview,
      execute: async () => (await ctx.client.createContact(body, { signal: ctx.signal })).contact,
      reconcile: ({ sentAt, signal }) => findCreatedCustomer(ctx.client, body.contact_name, sentAt, signal),
      checkWith: `books_list_customers {"search_text":${JSON.stringify(body.contact_name.slice(0, 60))}}`,
    };
  },
  shape: (contact) => shapeCustomer(contact),
  ids: (contact) => [String(contact.contact_id)],
});
