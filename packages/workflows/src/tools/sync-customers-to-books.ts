import { defineZohoTool, toTable, ToolInputError, type ReconcileVerdict, type WritePlan } from '@zoho-agent-kit/core';
import { findCreatedCustomer, planCustomer, type BooksClient, type BooksContact, type CreateContactBody, type UpdateContactBody } from '@zoho-agent-kit/books';
import { z } from 'zod';
import { countLine, runBatch, type BatchDone, type BatchItem } from '../batch.js';
import { ADDRESS_PARTS, BOOKS_ADDRESS, BOOKS_XREF, compareCustomers, primaryEmail, toCustomer, type CrmAccount, type CustomerComparison, type CustomerPair } from '../customers.js';
import { client, idInput, marker, normaliseEmail, type FlowClients } from '../shared.js';
import { SCOPES, use } from '../uses.js';
import { shapeComparison } from './compare-customers.js';

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
  if (!pair.linked.books) {
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
      const sent = await send({
        summary: `create Books customer ${body.contact_name}`,
        execute: async () => (await books.createContact(body)).contact,
        reconcile: ({ sentAt, signal }) => findCreatedCustomer(books, body.contact_name, sentAt, signal),
        checkWith: `books_list_customers {"search_text":${JSON.stringify(body.contact_name.slice(0, 60))}}`,
      });
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

interface SyncResult {
  done: BatchDone;
  skipped: Record<string, unknown>[];
  left: Record<string, unknown>[];
}

/** Plans a CRM → Books sync from a comparison; `nothingToDo` when Books already follows CRM. */
export async function planSyncToBooks(books: BooksClient, comparison: CustomerComparison, args: z.infer<typeof input>, signal?: AbortSignal): Promise<{ items: BatchItem[]; preview: Record<string, unknown>[]; skipped: Record<string, unknown>[]; left: Record<string, unknown>[]; counts: Record<string, number> }> {
  const wanted = args.account_ids ? new Set(args.account_ids) : undefined;
  const items: BatchItem[] = [];
  const preview: Record<string, unknown>[] = [];
  const skipped: Record<string, unknown>[] = [];
  const left: Record<string, unknown>[] = [];
  const counts = { 'customers to create': 0, 'to update': 0, 'to link (cross-reference only)': 0 };
  if (args.create_missing !== false) {
    for (const account of comparison.onlyInCrm.filter((a) => !wanted || wanted.has(a.id))) {
      const person = account.contacts[0];
      const address = Object.fromEntries(ADDRESS_PARTS.filter((p) => account.address[p]).map((p) => [BOOKS_ADDRESS[p], account.address[p]!]));
      try {
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
    const { items, preview, skipped, left, counts } = await planSyncToBooks(books, comparison, args, ctx.signal);
    const base = { summary: '', payload: {}, execute: async () => ({ done: { status: 'done' as const, applied: [], ids: [] }, skipped, left }) };
    if (items.length === 0) {
      return { ...base, nothingToDo: { status: 'nothing to do', note: 'Books already follows CRM for these customers.', ...(skipped.length ? { skipped: toTable(skipped) } : {}), ...(left.length ? { left_as_is: toTable(left) } : {}), comparison: shapeComparison(comparison) } };
    }
    return {
      summary: `Sync CRM → Books: ${countLine(counts)}`,
      payload: { changes: preview },
      after: { changes: toTable(preview), ...(skipped.length ? { skipped: toTable(skipped) } : {}), ...(left.length ? { left_as_is: toTable(left) } : {}) },
      execute: async () => ({ done: await runBatch(ctx, items, 'Run flow_sync_customers_to_books again: customers already created or linked are found by their cross-reference (or name) and not sent twice.'), skipped, left }),
      // A lost answer outside any one item: compare again; nothing left of this plan → applied, all of it → not applied.
      async reconcile({ signal }) {
        const again = await planSyncToBooks(books, await compareCustomers(client(ctx, 'crm'), books, signal), args, signal);
        if (again.items.length === 0) return { status: 'applied', detail: 'a new comparison finds nothing left to do' };
        if (again.items.length === items.length) return { status: 'not_applied', detail: 'a new comparison finds every change still to do' };
        return { status: 'unknown', check: 'flow_compare_customers {}', detail: `${items.length - again.items.length} of ${items.length} changes read back as done` };
      },
      checkWith: 'flow_compare_customers {}',
    };
  },
  shape: ({ done, skipped, left }) => ({
    status: 'done',
    applied: toTable(done.applied),
    ...(skipped.length ? { skipped: toTable(skipped) } : {}),
    ...(left.length ? { left_as_is: toTable(left) } : {}),
  }),
  ids: ({ done }) => done.ids,
});
