import { defineZohoTool, ToolInputError, type WritePlan } from '@zoho-agent-kit/core';
import { crmAddNote, crmCreateRecord, crmUpdateRecord, recordSaved, type CrmWriteResponse, type CrmWriteResult } from '@zoho-agent-kit/crm';
import { z } from 'zod';
import type { BatchItem } from '../batch.js';
import { ADDRESS_PARTS, compareCustomers, CRM_ADDRESS, CRM_XREF, CRM_XREF_TITLE, primaryEmail, type BooksCustomer, type CustomerComparison, type CustomerPair } from '../customers.js';
import { appPlan, crmStep } from '../steps.js';
import { client, idInput, marker, normaliseEmail, type FlowClients, type FlowContext } from '../shared.js';
import { shapeSync, syncPlan, type SyncItems, type SyncResult } from '../sync.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  customer_ids: z.array(idInput('Books customer')).max(200).optional().describe('Only these Books customers (default all).'),
  create_missing: z.boolean().optional().describe('Create Books-only customers as CRM accounts (default true).'),
});

const xrefNote = (customerId: string) => `${marker(CRM_XREF, customerId)} Linked to this Zoho Books customer by the CRM ↔ Books sync; delete this note to unlink.`;

/** The CRM contact of a Books person: Last_Name is mandatory, so a person without one gets their first name or mailbox. */
function contactFields(person: BooksCustomer['persons'][number], accountId: string): Record<string, unknown> {
  const last = person.last_name ?? person.first_name ?? person.email?.split('@')[0] ?? 'Contact';
  return {
    ...(person.first_name && person.last_name ? { First_Name: person.first_name } : {}),
    Last_Name: last,
    ...(person.email ? { Email: person.email } : {}),
    ...(person.phone ? { Phone: person.phone } : {}),
    Account_Name: { id: accountId },
  };
}

function createItem(ctx: FlowContext, customer: BooksCustomer, accountPlan: WritePlan<CrmWriteResponse>): BatchItem {
  return {
    label: `create CRM account ${customer.name}`,
    async run(send) {
      const account = await send(crmStep(accountPlan, `create CRM account ${customer.name}`));
      const accountId = account.id ?? recordSaved(account.result);
      const person = customer.persons.find((p) => p.primary) ?? customer.persons[0];
      let contactId: string | undefined;
      if (person) {
        const contactPlan = await appPlan<CrmWriteResponse>(crmCreateRecord, { module: 'Contacts', records: [contactFields(person, accountId)] }, ctx, 'crm');
        const contact = await send(crmStep(contactPlan, `create its contact ${[person.first_name, person.last_name].filter(Boolean).join(' ') || person.email}`));
        contactId = contact.id ?? recordSaved(contact.result);
      }
      const notePlan = await appPlan<CrmWriteResponse>(crmAddNote, { module: 'Accounts', id: accountId, title: CRM_XREF_TITLE, content: xrefNote(customer.id) }, ctx, 'crm');
      await send(crmStep(notePlan, 'record the cross-reference'));
      return { action: 'created', customer_id: customer.id, account_id: accountId, ...(contactId ? { contact_id: contactId } : {}) };
    },
  };
}

interface PairPlan {
  pair: CustomerPair;
  steps: { label: string; plan: WritePlan<CrmWriteResponse | CrmWriteResult> }[];
  fields: string[];
}

/** The CRM writes that make a pair follow Books: the account's name and conflicting address parts, the primary contact's e-mail, the cross-reference note. */
async function pairPlan(ctx: FlowContext, pair: CustomerPair, left: Record<string, unknown>[]): Promise<PairPlan | undefined> {
  const { crm, books } = pair;
  const steps: PairPlan['steps'] = [];
  const fields: string[] = [];
  const accountFields: Record<string, unknown> = {};
  for (const d of pair.differences) {
    if (d.field === 'name') {
      accountFields.Account_Name = books.name;
      fields.push('name');
    } else if (d.field.startsWith('address.')) {
      const part = d.field.slice('address.'.length) as (typeof ADDRESS_PARTS)[number];
      accountFields[CRM_ADDRESS[part]] = books.address[part];
      fields.push(d.field);
    } else if (d.field === 'email') {
      const email = primaryEmail(books);
      if (!email) {
        left.push({ customer_id: books.id, account_id: crm.id, field: 'email', why: 'Books has no e-mail to copy' });
        continue;
      }
      const primary = crm.contacts[0];
      if (primary) {
        steps.push({ label: `set ${primary.first_name ?? ''} ${primary.last_name ?? ''}'s e-mail`.replace(/\s+/g, ' '), plan: await appPlan(crmUpdateRecord, { module: 'Contacts', id: primary.id, fields: { Email: email } }, ctx, 'crm') });
      } else {
        const person = books.persons.find((p) => normaliseEmail(p.email) === email) ?? { id: '', email, primary: true };
        steps.push({ label: `create contact ${email}`, plan: await appPlan(crmCreateRecord, { module: 'Contacts', records: [contactFields(person, crm.id)] }, ctx, 'crm') });
      }
      fields.push('email');
    } else {
      left.push({ customer_id: books.id, account_id: crm.id, field: d.field, crm: d.crm, books: d.books, why: 'a CRM account states its currency only with multi-currency; change it by hand' });
    }
  }
  if (Object.keys(accountFields).length) steps.unshift({ label: `update CRM account ${crm.name}`, plan: await appPlan(crmUpdateRecord, { module: 'Accounts', id: crm.id, fields: accountFields }, ctx, 'crm') });
  // Either cross-reference links the pair (a Books note from the other sync counts too).
  if (!pair.linked.crm && !pair.linked.books) {
    steps.push({ label: 'record the cross-reference', plan: await appPlan(crmAddNote, { module: 'Accounts', id: crm.id, title: CRM_XREF_TITLE, content: xrefNote(books.id) }, ctx, 'crm') });
    fields.push('cross-reference');
  }
  return steps.length ? { pair, steps, fields } : undefined;
}

function pairItem(p: PairPlan): BatchItem {
  const what = p.fields.length === 1 && p.fields[0] === 'cross-reference' ? 'link' : 'update';
  return {
    label: `${what} CRM account ${p.pair.crm.name} (${p.fields.join(', ')})`,
    async run(send) {
      for (const step of p.steps) await send(crmStep(step.plan, step.label));
      return { action: what === 'link' ? 'linked' : 'updated', customer_id: p.pair.books.id, account_id: p.pair.crm.id, changed: p.fields.join(', ') };
    },
  };
}

async function planSyncToCrm(ctx: FlowContext, comparison: CustomerComparison, args: z.infer<typeof input>): Promise<SyncItems> {
  const wanted = args.customer_ids ? new Set(args.customer_ids) : undefined;
  const items: BatchItem[] = [];
  const preview: Record<string, unknown>[] = [];
  const skipped: Record<string, unknown>[] = [];
  const left: Record<string, unknown>[] = [];
  const counts = { 'accounts to create': 0, 'to update': 0, 'to link (cross-reference only)': 0 };
  if (args.create_missing !== false) {
    for (const customer of comparison.onlyInBooks.filter((c) => !wanted || wanted.has(c.id))) {
      const record: Record<string, unknown> = { Account_Name: customer.name };
      for (const part of ADDRESS_PARTS) if (customer.address[part]) record[CRM_ADDRESS[part]] = customer.address[part];
      try {
        const plan = await appPlan<CrmWriteResponse>(crmCreateRecord, { module: 'Accounts', records: [record] }, ctx, 'crm');
        items.push(createItem(ctx, customer, plan));
        preview.push({ action: 'create', customer_id: customer.id, name: customer.name, changes: `new account${primaryEmail(customer) ? ` with contact ${primaryEmail(customer)}` : ''}` });
        counts['accounts to create']++;
      } catch (err) {
        if (!(err instanceof ToolInputError)) throw err;
        skipped.push({ customer_id: customer.id, name: customer.name, why: err.message });
      }
    }
  }
  for (const pair of comparison.pairs.filter((p) => !wanted || wanted.has(p.books.id))) {
    let plan: PairPlan | undefined;
    try {
      plan = await pairPlan(ctx, pair, left);
    } catch (err) {
      if (!(err instanceof ToolInputError)) throw err;
      skipped.push({ customer_id: pair.books.id, account_id: pair.crm.id, why: err.message });
      continue;
    }
    if (!plan) continue;
    items.push(pairItem(plan));
    const diff = pair.differences.filter((d) => plan.fields.includes(d.field)).map((d) => `${d.field}: ${d.crm ?? '(none)'} → ${d.books}`);
    preview.push({ action: plan.fields.some((f) => f !== 'cross-reference') ? 'update' : 'link', customer_id: pair.books.id, account_id: pair.crm.id, name: pair.crm.name, changes: [...diff, ...(plan.fields.includes('cross-reference') ? ['cross-reference'] : [])].join('; ') });
    counts[plan.fields.some((f) => f !== 'cross-reference') ? 'to update' : 'to link (cross-reference only)']++;
  }
  return { items, preview, skipped, left, counts };
}

export const flowSyncCustomersToCrm = defineZohoTool<typeof input, FlowClients, SyncResult>({
  name: 'flow_sync_customers_to_crm',
  app: 'flow',
  access: 'write',
  uses: [use('books', 'read', SCOPES.booksCustomersRead), use('crm', 'write', SCOPES.crmWrite)],
  description: `Make CRM accounts follow Books: create Books-only customers as accounts with their contact, copy Books' names, primary e-mails and addresses, and record the cross-reference, all in one confirmation.
Returns what was applied; a stopped batch says what to resume.`,
  examples: [{ customer_ids: ['4372460000000000018'] }],
  input,
  async plan(args, ctx): Promise<WritePlan<SyncResult>> {
    const comparison = await compareCustomers(client(ctx, 'crm'), client(ctx, 'books'), ctx.signal);
    return syncPlan(ctx, comparison, await planSyncToCrm(ctx, comparison, args), {
      title: 'Sync Books → CRM',
      inStep: 'CRM already follows Books for these customers.',
      resume: 'Run flow_sync_customers_to_crm again: accounts already created or linked are found by their cross-reference (or name) and not sent twice.',
    });
  },
  shape: shapeSync,
  ids: ({ done }) => done.ids,
});
