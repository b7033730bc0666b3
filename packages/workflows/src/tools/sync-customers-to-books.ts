import { defineZohoTool, ToolInputError, type ReconcileVerdict, type WritePlan } from '@zoho-agent-kit/core';
import type { BooksClient, BooksContact, CreateContactBody, UpdateContactBody } from '@zoho-agent-kit/books';
import { z } from 'zod';
import type { BatchItem } from '../batch.js';
import { ADDRESS_PARTS, BOOKS_ADDRESS, BOOKS_XREF, compareCustomers, primaryEmail, toCustomer, type CrmAccount, type CustomerComparison, type CustomerPair } from '../customers.js';
import { createCustomerStep, customerFromAccount } from '../invoicing.js';
import { client, idInput, marker, normaliseEmail, type FlowClients } from '../shared.js';
import { shapeSync, syncPlan, type SyncItems, type SyncResult } from '../sync.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  account_ids: z.array(idInput('CRM account')).max(200).optional().describe('Only these CRM accounts (default all).'),
  create_missing: z.boolean().optional().describe('Create CRM-only accounts as Books customers (default true).'),
});

/** Books notes hold at most this much (emulator; Books' own limit is unconfirmed). */
const NOTES_MAX = 2000;

interface Change {
  pair: CustomerPair;
  body: UpdateContactBody & { contact_name: string };
  fields: string[];
}

/** What a Books update for a pair sends: CRM's name, primary e-mail and conflicting address parts, and the cross-reference. */
function booksChange(pair: CustomerPair, left: Record<string, unknown>[]): Change | undefined {
  const { crm, books } = pair;
  const body: Change['body'] = { contact_name: books.name };
  const fields: string[] = [];
  for (const d of pair.differences) {
    if (d.field === 'name') {
      body.contact_name = crm.name;
      fields.push('name');
    } else if (d.field === 'email') {
      const email = primaryEmail(crm);
      if (!email) {
        left.push({ account_id: crm.id, customer_id: books.id, field: 'email', why: 'CRM has no e-mail to copy' });
        continue;
      }
      const primary = books.persons.find((p) => p.primary) ?? books.persons[0];
      const from = crm.contacts.find((c) => normaliseEmail(c.email) === email)!;
      body.contact_persons = primary
        ? [{ contact_person_id: primary.id, email }]
        : [{ ...(from.first_name ? { first_name: from.first_name } : {}), ...(from.last_name ? { last_name: from.last_name } : {}), email, is_primary_contact: true }];
      fields.push('email');
    } else if (d.field.startsWith('address.')) {
      const part = d.field.slice('address.'.length) as (typeof ADDRESS_PARTS)[number];
      body.billing_address = { ...body.billing_address, [BOOKS_ADDRESS[part]]: crm.address[part] };
      fields.push(d.field);
    } else {
      left.push({ account_id: crm.id, customer_id: books.id, field: d.field, crm: d.crm, books: d.books, why: "Books keeps a customer's currency once it has transactions; change it by hand" });
    }
  }
  // Either cross-reference links the pair (a CRM note from the other sync counts too).
  if (!pair.linked.books && !pair.linked.crm) {
    const notes = [books.notes, marker(BOOKS_XREF, crm.id)].filter(Boolean).join('\n');
    if (notes.length > NOTES_MAX) left.push({ account_id: crm.id, customer_id: books.id, field: 'cross-reference', why: `the customer's notes are full (${NOTES_MAX} characters)` });
    else {
      body.notes = notes;
      fields.push('cross-reference');
    }
  }
  return fields.length ? { pair, body, fields } : undefined;
}

/** After a lost answer: the customer read back; every sent field at its new value → applied, none → not applied. */
async function readBack(books: BooksClient, change: Change, signal: AbortSignal): Promise<ReconcileVerdict<BooksContact>> {
  const { contact } = await books.getContact(change.pair.books.id, { signal });
  const now = toCustomer(contact);
  const was = change.pair.books;
  const checks: [boolean, boolean][] = [];
  if (change.fields.includes('name')) checks.push([now.name === change.body.contact_name, now.name === was.name]);
  if (change.fields.includes('cross-reference')) checks.push([now.xref.includes(change.pair.crm.id), !now.xref.includes(change.pair.crm.id)]);
  if (change.fields.includes('email')) {
    const email = change.body.contact_persons?.[0]?.email;
    checks.push([primaryEmail(now) === email, primaryEmail(now) === primaryEmail(was)]);
  }
  for (const part of ADDRESS_PARTS) {
    if (!change.fields.includes(`address.${part}`)) continue;
    checks.push([now.address[part] === change.pair.crm.address[part], now.address[part] === was.address[part]]);
  }
  if (checks.every(([landed]) => landed)) return { status: 'applied', id: now.id, result: contact };
  if (checks.every(([, old]) => old)) return { status: 'not_applied' };
  return { status: 'unknown', detail: 'some of the changes read back, others not' };
}

function createItem(books: BooksClient, account: CrmAccount, body: CreateContactBody): BatchItem {
  return {
    label: `create Books customer ${body.contact_name}`,
    async run(send) {
      const sent = await send(createCustomerStep(books, body));
      return { action: 'created', account_id: account.id, customer_id: String(sent.result?.contact_id ?? sent.id ?? '') };
    },
  };
}

function updateItem(books: BooksClient, change: Change): BatchItem {
  const { pair } = change;
  const what = change.fields.length === 1 && change.fields[0] === 'cross-reference' ? 'link' : 'update';
  return {
    label: `${what} Books customer ${pair.books.name} (${change.fields.join(', ')})`,
    async run(send) {
      await send({
        summary: `${what} Books customer ${pair.books.name}`,
        execute: async () => (await books.updateContact(pair.books.id, change.body)).contact,
        reconcile: ({ signal }) => readBack(books, change, signal),
        checkWith: `books_get_customer {"contact_id":"${pair.books.id}"}`,
      });
      return { action: what === 'link' ? 'linked' : 'updated', account_id: pair.crm.id, customer_id: pair.books.id, changed: change.fields.join(', ') };
    },
  };
}

/** Plans a CRM → Books sync from a comparison: no items when Books already follows CRM. */
export async function planSyncToBooks(books: BooksClient, comparison: CustomerComparison, args: z.infer<typeof input>, signal?: AbortSignal): Promise<SyncItems> {
  const wanted = args.account_ids ? new Set(args.account_ids) : undefined;
  const items: BatchItem[] = [];
  const preview: Record<string, unknown>[] = [];
  const skipped: Record<string, unknown>[] = [];
  const left: Record<string, unknown>[] = [];
  const counts = { 'customers to create': 0, 'to update': 0, 'to link (cross-reference only)': 0 };
  if (args.create_missing !== false) {
    for (const account of comparison.onlyInCrm.filter((a) => !wanted || wanted.has(a.id))) {
      try {
        const body = await customerFromAccount(books, account, signal);
        items.push(createItem(books, account, body));
        preview.push({ action: 'create', account_id: account.id, name: account.name, changes: `new customer${primaryEmail(account) ? ` (${primaryEmail(account)})` : ''}` });
        counts['customers to create']++;
      } catch (err) {
        if (!(err instanceof ToolInputError)) throw err;
        skipped.push({ account_id: account.id, name: account.name, why: err.message });
      }
    }
  }
  for (const pair of comparison.pairs.filter((p) => !wanted || wanted.has(p.crm.id))) {
    const change = booksChange(pair, left);
    if (!change) continue;
    if (change.fields.includes('name')) {
      const taken = (await books.contactsNamed(change.body.contact_name, { signal })).filter((c) => String(c.contact_id) !== pair.books.id);
      if (taken.length) {
        skipped.push({ account_id: pair.crm.id, customer_id: pair.books.id, why: `Books already has a contact named ${change.body.contact_name} (${String(taken[0]!.contact_id)}); names are unique` });
        continue;
      }
    }
    items.push(updateItem(books, change));
    const diff = pair.differences.filter((d) => change.fields.includes(d.field)).map((d) => `${d.field}: ${d.books ?? '(none)'} → ${d.crm}`);
    preview.push({ action: change.fields.length === 1 && change.fields[0] === 'cross-reference' ? 'link' : 'update', account_id: pair.crm.id, customer_id: pair.books.id, name: pair.books.name, changes: [...diff, ...(change.fields.includes('cross-reference') ? ['cross-reference'] : [])].join('; ') });
    counts[change.fields.some((f) => f !== 'cross-reference') ? 'to update' : 'to link (cross-reference only)']++;
  }
  return { items, preview, skipped, left, counts };
}

export const flowSyncCustomersToBooks = defineZohoTool<typeof input, FlowClients, SyncResult>({
  name: 'flow_sync_customers_to_books',
  app: 'flow',
  access: 'write',
  uses: [use('crm', 'read', SCOPES.crmRead), use('books', 'write', SCOPES.booksCustomersWrite)],
  description: `Make Books customers follow CRM: create CRM-only accounts as customers, copy CRM's names, primary e-mails and addresses, and record the cross-reference, all in one confirmation.
Returns what was applied; a stopped batch says what to resume.`,
  examples: [{ account_ids: ['4150868000000100000'] }],
  input,
  async plan(args, ctx): Promise<WritePlan<SyncResult>> {
    const books = client(ctx, 'books');
    const comparison = await compareCustomers(client(ctx, 'crm'), books, ctx.signal);
    return syncPlan(ctx, comparison, await planSyncToBooks(books, comparison, args, ctx.signal), {
      title: 'Sync CRM → Books',
      inStep: 'Books already follows CRM for these customers.',
      resume: 'Run flow_sync_customers_to_books again: customers already created or linked are found by their cross-reference (or name) and not sent twice.',
    });
  },
  shape: shapeSync,
  ids: ({ done }) => done.ids,
});
