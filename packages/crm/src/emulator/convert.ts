/**
 * `POST /Leads/{id}/actions/convert` (convert_lead.json): the lead becomes a contact (or joins an existing
 * one), an account (new, from Company, or an existing one by id) and optionally a deal. Documented choices:
 * the converted lead stays readable by id with `Converted__s` and its Converted_* lookups set, and leaves
 * lists and searches unless `converted=true|both`; its notes and attachments move to the contact; a new
 * account is made even when one of the same name exists (Zoho's UI asks; the API takes `Accounts.id`).
 * Scopes: the route takes a leads UPDATE/WRITE scope; the handler also wants CREATE on each module it
 * creates a record in (the OAS names `ZohoCRM.modules.all`, which covers all of them).
 */
import { scopesSatisfy } from '@zoho-agent-kit/core';
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { validateRecord } from './records.js';
import { buildRecord, insertRecord, lookupName, minifiedUser, recompute, zohoDateTime, type CrmState, type CrmUser, type StoredRecord } from './state.js';
import { crmError, type Req } from './wire.js';

/** Lead field → contact field, as Zoho's default conversion mapping carries them. */
const TO_CONTACT: Record<string, string> = {
  Salutation: 'Salutation',
  First_Name: 'First_Name',
  Last_Name: 'Last_Name',
  Email: 'Email',
  Secondary_Email: 'Secondary_Email',
  Phone: 'Phone',
  Mobile: 'Mobile',
  Fax: 'Fax',
  Designation: 'Title',
  Lead_Source: 'Lead_Source',
  Email_Opt_Out: 'Email_Opt_Out',
  Skype_ID: 'Skype_ID',
  Twitter: 'Twitter',
  Description: 'Description',
  Street: 'Mailing_Street',
  City: 'Mailing_City',
  State: 'Mailing_State',
  Zip_Code: 'Mailing_Zip',
  Country: 'Mailing_Country',
};

/** Lead field → account field. */
const TO_ACCOUNT: Record<string, string> = {
  Company: 'Account_Name',
  Phone: 'Phone',
  Fax: 'Fax',
  Website: 'Website',
  Industry: 'Industry',
  Annual_Revenue: 'Annual_Revenue',
  No_of_Employees: 'Employees',
  Rating: 'Rating',
  Street: 'Billing_Street',
  City: 'Billing_City',
  State: 'Billing_State',
  Zip_Code: 'Billing_Code',
  Country: 'Billing_Country',
};

function mapped(lead: StoredRecord, mapping: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(mapping)) if (lead[from] !== undefined && lead[from] !== null && lead[from] !== '') out[to] = lead[from];
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalidValue = (field: string) => ({ status: 400, body: { data: [{ code: 'INVALID_DATA', details: { api_name: field, json_path: `$.data[0].${field}` }, message: 'invalid data', status: 'error' }] } });
const ref = (module: string, record: StoredRecord) => ({ name: lookupName(module, record), id: record.id });

export function convertLead(req: Req): EmulatorResponse {
  const state = req.state;
  const leads = state.modules.get('Leads')!;
  const lead = leads.byId.get(req.params.id ?? '');
  if (!lead) return crmError(400, 'INVALID_DATA', 'invalid data', { resource_path_index: 1 });
  if (lead.Converted__s === true) return crmError(400, 'ID_ALREADY_CONVERTED', 'id already converted', { resource_path_index: 1 });
  const body = req.body as { data?: unknown } | undefined;
  const input = isObject(body) && Array.isArray(body.data) ? body.data[0] : undefined;
  if (!isObject(input)) return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'data', json_path: '$.data' });

  let owner: CrmUser | undefined;
  if (input.assign_to !== undefined) {
    const id = isObject(input.assign_to) ? String(input.assign_to.id) : undefined;
    owner = state.users.find((u) => u.id === id);
    if (!owner) return invalidValue('assign_to');
  }
  const ownerRef = owner ? minifiedUser(owner) : (lead.Owner as Readonly<{ name: string; id: string; email: string }>);

  const contacts = state.modules.get('Contacts')!;
  const accounts = state.modules.get('Accounts')!;
  const deals = state.modules.get('Deals')!;
  let existingAccount: StoredRecord | undefined;
  if (input.Accounts !== undefined) {
    existingAccount = isObject(input.Accounts) ? accounts.byId.get(String(input.Accounts.id)) : undefined;
    if (!existingAccount) return invalidValue('Accounts');
  }
  let existingContact: StoredRecord | undefined;
  if (input.Contacts !== undefined) {
    existingContact = isObject(input.Contacts) ? contacts.byId.get(String(input.Contacts.id)) : undefined;
    if (!existingContact) return invalidValue('Contacts');
  }
  const wantsAccount = !existingAccount && typeof lead.Company === 'string' && lead.Company.trim() !== '';
  const wantsDeal = isObject(input.Deals);
  const granted = req.token?.scopes ?? [];
  const needs = [...(existingContact ? [] : ['Contacts']), ...(wantsAccount ? ['Accounts'] : []), ...(wantsDeal ? ['Deals'] : [])];
  for (const module of needs) {
    const m = module.toLowerCase();
    if (!scopesSatisfy(granted, [`ZohoCRM.modules.${m}.CREATE`, `ZohoCRM.modules.${m}.WRITE`])) return crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {});
  }

  // Check the deal before creating anything, so a refused conversion changes nothing.
  let dealValues: Record<string, unknown> | undefined;
  if (wantsDeal) {
    // The conversion fills Account_Name and Contact_Name itself.
    const spec = { ...deals.spec, fields: deals.spec.fields.map((f) => (f.api === 'Account_Name' ? { ...f, layout: false } : f)) };
    const outcome = validateRecord(state, spec, input.Deals, 0, 'create');
    if (!outcome.ok) {
      const details = { ...outcome.error.details, json_path: String(outcome.error.details.json_path ?? `$.data[0].${String(outcome.error.details.api_name)}`).replace('$.data[0]', '$.data[0].Deals') };
      return { status: 400, body: { data: [{ code: outcome.error.code, details, message: outcome.error.message, status: 'error' }] } };
    }
    dealValues = outcome.values;
  }

  const at = { created: req.now, by: owner ?? state.currentUser };
  let account = existingAccount;
  if (wantsAccount) {
    account = buildRecord(state, accounts.spec, mapped(lead, TO_ACCOUNT), at);
    account.Owner = ownerRef;
    insertRecord(accounts, account);
  }
  let contact = existingContact;
  if (!contact) {
    contact = buildRecord(state, contacts.spec, { ...mapped(lead, TO_CONTACT), ...(account ? { Account_Name: ref('Accounts', account) } : {}) }, at);
    contact.Owner = ownerRef;
    recompute(contacts.spec, contact);
    insertRecord(contacts, contact);
  } else if (input.overwrite === true) {
    Object.assign(contact, mapped(lead, TO_CONTACT), account ? { Account_Name: ref('Accounts', account) } : {});
    contact.Modified_Time = zohoDateTime(req.now);
    recompute(contacts.spec, contact);
  }
  let deal: StoredRecord | undefined;
  if (dealValues) {
    deal = buildRecord(state, deals.spec, { ...dealValues, ...(account ? { Account_Name: ref('Accounts', account) } : {}), Contact_Name: ref('Contacts', contact) }, at);
    deal.Owner = ownerRef;
    insertRecord(deals, deal);
  }

  lead.Converted__s = true;
  lead.$converted = true;
  lead.Converted_Date_Time = zohoDateTime(req.now);
  lead.Converted_Contact = ref('Contacts', contact);
  lead.Converted_Account = account ? ref('Accounts', account) : null;
  lead.Converted_Deal = deal ? ref('Deals', deal) : null;
  lead.Modified_Time = zohoDateTime(req.now);
  for (const note of state.notes) if (note.parent.module === 'Leads' && note.parent.id === lead.id) note.parent = { module: 'Contacts', id: contact.id };
  for (const a of state.attachments) if (a.parent.module === 'Leads' && a.parent.id === lead.id) a.parent = { module: 'Contacts', id: contact.id };

  return {
    status: 200,
    body: {
      data: [
        {
          code: 'SUCCESS',
          details: { Contacts: ref('Contacts', contact), Deals: deal ? ref('Deals', deal) : null, Accounts: account ? ref('Accounts', account) : null },
          message: 'The record has been converted successfully',
          status: 'success',
        },
      ],
    },
  };
}
