import { defineZohoTool, ToolInputError, type ReconcileContext, type ReconcileVerdict, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmRecord, CrmWriteResult } from '../client.js';
import { buildCriteria } from '../criteria.js';
import { recordLabel } from '../modules.js';
import { shapeRecord } from '../shape.js';
import { checkRecordValues, checkWritableFields, isBlank, readRecord, recordIdInput, recordInput } from './common.js';

/** A conversion fills the deal's Account_Name and Contact_Name itself. */
const DEAL_REQUIRED = ['Deal_Name', 'Stage', 'Closing_Date'];

const input = z.object({
  id: recordIdInput.describe('The lead id.'),
  account_id: recordIdInput.optional().describe('Link to this existing account instead of creating one from Company.'),
  contact_id: recordIdInput.optional().describe('Add to this existing contact instead of creating one.'),
  deal: recordInput.optional().describe('Also create a deal: Deal_Name, Stage, Closing_Date, Amount…'),
  owner_id: recordIdInput.optional().describe('User id to own the new records (default the lead owner).'),
});

type Input = z.infer<typeof input>;
type Ref = { name?: string; id: string } | null;

function refOf(v: unknown): Ref {
  if (!v || typeof v !== 'object' || !('id' in v)) return null;
  const { name, id } = v as { name?: unknown; id: unknown };
  return typeof name === 'string' && name ? { name, id: String(id) } : { id: String(id) };
}

function converted(details: { Contacts?: unknown; Accounts?: unknown; Deals?: unknown }): CrmWriteResult {
  return { code: 'SUCCESS', status: 'success', message: 'The record has been converted successfully', details: { Contacts: refOf(details.Contacts), Accounts: refOf(details.Accounts), Deals: refOf(details.Deals) } };
}

/**
 * After a lost answer: reads the lead. Converted → applied, with the contact, account and deal it names; not
 * converted → not applied. A lead that cannot be read any more: the contact made from it since the send, by
 * its email, is the sign it was applied; otherwise unknown.
 */
async function check(client: CrmClient, lead: CrmRecord, ctx: ReconcileContext): Promise<ReconcileVerdict<CrmWriteResult>> {
  const now = await readRecord(client, 'Leads', lead.id, ctx.signal, ['Converted__s', 'Converted_Contact', 'Converted_Account', 'Converted_Deal']);
  if (now) {
    if (now.Converted__s !== true) return { status: 'not_applied', detail: `lead ${lead.id} is not converted` };
    const result = converted({ Contacts: now.Converted_Contact, Accounts: now.Converted_Account, Deals: now.Converted_Deal });
    const contact = refOf(now.Converted_Contact);
    return contact ? { status: 'applied', id: contact.id, result } : { status: 'applied', result };
  }
  if (typeof lead.Email === 'string' && lead.Email) {
    const since = ctx.sentAt - client.reconcileClockSlackMs;
    const found = await client.searchRecords('Contacts', { criteria: buildCriteria([{ field: 'Email', operator: 'equals', value: lead.Email }]) }, { fields: ['Email', 'Account_Name', 'Created_Time'], signal: ctx.signal });
    const contact = found.data.find((c) => Date.parse(String(c.Created_Time)) >= since);
    if (contact) return { status: 'applied', id: contact.id, result: converted({ Contacts: { id: contact.id }, Accounts: contact.Account_Name }), detail: 'the lead is gone and a contact with its email was created since the send' };
  }
  return { status: 'unknown', detail: `lead ${lead.id} cannot be read back` };
}

export const crmConvertLead = defineZohoTool({
  name: 'crm_convert_lead',
  app: 'crm',
  access: 'write',
  scopes: ['ZohoCRM.modules.leads.UPDATE', 'ZohoCRM.modules.contacts.CREATE', 'ZohoCRM.modules.accounts.CREATE', 'ZohoCRM.modules.deals.CREATE', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Convert a qualified lead into a contact and an account (new from its Company, or an existing one), optionally with a deal; the confirmation shows what is created or linked. Returns {status:"converted", contact, account, deal}.`,
  examples: [
    { id: '4150868000000100067', deal: { Deal_Name: 'SEO audit', Stage: 'Qualification', Closing_Date: '2026-06-30', Amount: 9000 } },
    { id: '4150868000000100068', account_id: '4150868000000100000' },
  ],
  input,
  async plan(args: Input, ctx: ToolContext<CrmClient>): Promise<WritePlan<CrmWriteResult>> {
    const lead = await readRecord(ctx.client, 'Leads', args.id, ctx.signal);
    if (!lead) throw new ToolInputError('id', `no lead has id ${args.id}; search Leads first to find it`);
    if (lead.Converted__s === true) throw new ToolInputError('id', `lead ${recordLabel('Leads', lead)} is already converted; crm_get_record on it shows the contact it became`);
    const account = args.account_id ? await readRecord(ctx.client, 'Accounts', args.account_id, ctx.signal) : undefined;
    if (args.account_id && !account) throw new ToolInputError('account_id', `no account has id ${args.account_id}`);
    const contact = args.contact_id ? await readRecord(ctx.client, 'Contacts', args.contact_id, ctx.signal) : undefined;
    if (args.contact_id && !contact) throw new ToolInputError('contact_id', `no contact has id ${args.contact_id}`);
    let deal: Record<string, unknown> | undefined;
    if (args.deal) {
      const names = Object.keys(args.deal);
      const meta = await checkWritableFields(ctx.client, 'Deals', names, (name) => `deal.${name}`, ctx.signal);
      const missing = DEAL_REQUIRED.filter((f) => isBlank(args.deal![f]));
      if (missing.length) throw new ToolInputError(`deal.${missing[0]}`, `a deal needs ${DEAL_REQUIRED.join(', ')}; missing ${missing.join(', ')} (the conversion fills Account_Name and Contact_Name)`);
      deal = checkRecordValues('Deals', args.deal, meta, (name) => `deal.${name}`);
    }
    if (args.owner_id) {
      const users = await ctx.client.listUsers(ctx.signal ? { signal: ctx.signal } : {});
      if (!users.some((u) => String(u.id) === args.owner_id)) throw new ToolInputError('owner_id', `no user has id ${args.owner_id}; users: ${users.slice(0, 10).map((u) => `${u.full_name ?? ''} (${u.id})`).join(', ')}`);
    }
    const person = [lead.First_Name, lead.Last_Name].filter((x) => typeof x === 'string' && x).join(' ') || recordLabel('Leads', lead);
    const company = typeof lead.Company === 'string' && lead.Company.trim() ? lead.Company : undefined;
    const steps = [
      contact ? `add to existing contact ${recordLabel('Contacts', contact)}` : `create contact ${person}${typeof lead.Email === 'string' ? ` <${lead.Email}>` : ''}`,
      account ? `link existing account ${recordLabel('Accounts', account)}` : company ? `create account ${company}` : 'no account (the lead has no Company)',
      ...(deal ? [`create deal ${String(deal.Deal_Name)} (${String(deal.Stage)})`] : []),
    ];
    const conversion: Record<string, unknown> = {};
    if (account) conversion.Accounts = { id: account.id };
    if (contact) conversion.Contacts = { id: contact.id };
    if (deal) conversion.Deals = deal;
    if (args.owner_id) conversion.assign_to = { id: args.owner_id };
    return {
      summary: `Convert lead ${recordLabel('Leads', lead)}: ${steps.join('; ')}`,
      payload: { data: [conversion] },
      before: shapeRecord(lead),
      after: {
        Contacts: contact ? { id: contact.id, name: String(contact.Full_Name ?? contact.Last_Name ?? '') } : `new: ${person}`,
        Accounts: account ? { id: account.id, name: String(account.Account_Name ?? '') } : company ? `new: ${company}` : null,
        ...(deal ? { Deals: `new: ${String(deal.Deal_Name)}` } : {}),
      },
      execute: () => ctx.client.convertLead(args.id, conversion, ctx.signal ? { signal: ctx.signal } : {}),
      reconcile: (c) => check(ctx.client, lead, c),
      checkWith: `crm_get_record {"module":"Leads","id":"${args.id}","fields":["Converted__s","Converted_Contact","Converted_Account","Converted_Deal"]}`,
    };
  },
  shape(result) {
    const d = (result.details ?? {}) as { Contacts?: unknown; Accounts?: unknown; Deals?: unknown };
    const out: Record<string, unknown> = { status: 'converted', contact: refOf(d.Contacts) };
    if (refOf(d.Accounts)) out.account = refOf(d.Accounts);
    if (refOf(d.Deals)) out.deal = refOf(d.Deals);
    return out;
  },
  ids: (result) => {
    const d = (result.details ?? {}) as { Contacts?: unknown; Accounts?: unknown; Deals?: unknown };
    return [d.Contacts, d.Accounts, d.Deals].map(refOf).filter((r): r is { id: string } => r !== null).map((r) => r.id);
  },
});
