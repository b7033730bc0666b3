import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { SEED_INCONSISTENCIES } from '@zoho-agent-kit/books/emulator';
import { CRM_ONLY_CLIENT } from '@zoho-agent-kit/crm/emulator';
import { BOOKS_XREF, matchCustomers } from '../src/index.js';
import { shapeComparison } from '../src/tools/compare-customers.js';
import { rows, served, SLICES, startFlows, writesServed, type Harness } from './helpers.js';

let emu: Emulator;
let h: Harness;

beforeAll(async () => {
  emu = await startEmulator({ apps: SLICES, limits: false });
});
afterAll(async () => emu.close());
beforeEach(async () => {
  h = await startFlows({ reuse: emu, http: { headersTimeoutMs: 600 }, toolkit: { reconcileSettleMs: [1000, 1500] } });
});
afterEach(async () => {
  await h.close();
  emu.resetState();
  emu.counters.reset();
  emu.faults.clear();
});

const putContacts = () => served(emu, 'PUT /books/v3/contacts/*');
const postContacts = () => served(emu, 'POST /books/v3/contacts');
/** A Books customer only Books has (the reverse direction needs one). */
async function booksOnlyCustomer(): Promise<string> {
  const books = h.kit.client<import('@zoho-agent-kit/books').BooksClient>('books');
  const { contact } = await books.createContact({ contact_name: 'Orchid Analytics', contact_type: 'customer', contact_persons: [{ first_name: 'Ravi', last_name: 'Menon', email: 'ravi.menon@orchid-analytics.example', is_primary_contact: true }], billing_address: { city: 'Denver', country: 'United States' } });
  emu.counters.reset();
  return String(contact.contact_id);
}

describe('flow_compare_customers on the agency seed', () => {
  it('finds the seeded inconsistencies: a CRM account missing in Books, a renamed customer, a different e-mail', async () => {
    const res = await h.call('flow_compare_customers', {});
    expect(res.outcome).toBe('ok');
    expect(rows(res.json.only_in_crm)).toEqual([expect.objectContaining({ name: CRM_ONLY_CLIENT.name, email: CRM_ONLY_CLIENT.contact.email })]);
    expect(res.json.only_in_books).toBeUndefined();
    const diffs = rows(res.json.differences);
    expect(diffs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', crm: 'Marlowe & Finch', books: SEED_INCONSISTENCIES.renamed['Marlowe & Finch'], matched_by: 'email' }),
        expect.objectContaining({ field: 'email', crm: 'irene.adler@helios-solar.example', books: SEED_INCONSISTENCIES.emails['irene.adler@helios-solar.example'], matched_by: 'name' }),
      ]),
    );
    expect(diffs).toHaveLength(2);
    expect(rows(res.json.not_linked)).toHaveLength(8);
    expect(writesServed(emu)).toBe(0);
  });
});

describe('an e-mail or name that fits several records', () => {
  it('matches none of them and lists them as a table, the candidates in one cell', () => {
    const account = { id: '1', name: 'Globex', address: {}, contacts: [], xref: [] };
    const customer = (id: string, name: string) => ({ id, name, address: {}, persons: [], xref: [] });
    const c = matchCustomers([account], [customer('10', 'Globex Inc'), customer('11', 'Globex LLC')]);
    expect(c.pairs).toEqual([]);
    expect(rows(shapeComparison(c).ambiguous)).toEqual([{ side: 'crm', id: '1', name: 'Globex', candidates: 'Globex Inc (10); Globex LLC (11)' }]);
  });
});

describe('flow_sync_customers_to_books', () => {
  it('creates the missing customer, renames, fixes the e-mail and links every pair in one confirmation; a second run finds nothing to do', async () => {
    const res = await h.call('flow_sync_customers_to_books', {});
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    expect(h.confirmations[0]!.summary).toBe('Sync CRM → Books: 1 customers to create, 2 to update, 6 to link (cross-reference only)');
    const applied = rows(res.json.applied);
    expect(applied).toHaveLength(9);
    const created = applied.find((a) => a.action === 'created')!;
    expect(created.customer_id).toMatch(/^\d{19}$/);

    const books = h.kit.client<import('@zoho-agent-kit/books').BooksClient>('books');
    const { contact } = await books.getContact(created.customer_id);
    expect(contact).toMatchObject({ contact_name: CRM_ONLY_CLIENT.name, email: CRM_ONLY_CLIENT.contact.email, notes: `[${BOOKS_XREF}: ${created.account_id}]` });
    expect((contact.billing_address as Record<string, unknown>).city).toBe('Seattle');
    const marlowe = (await books.contactsNamed('Marlowe & Finch'))[0]!;
    expect(marlowe.contact_name).toBe('Marlowe & Finch');
    const helios = (await books.getContact(String((await books.contactsNamed('Helios Solar'))[0]!.contact_id))).contact;
    expect(helios.email).toBe('irene.adler@helios-solar.example');
    expect(helios.notes).toMatch(/\[crm-account: \d{19}\]/);
    expect(postContacts()).toBe(1);
    expect(putContacts()).toBe(8);

    emu.counters.reset();
    const again = await h.call('flow_sync_customers_to_books', {});
    expect(again.json).toMatchObject({ status: 'nothing to do' });
    expect(h.confirmations).toHaveLength(1);
    expect(writesServed(emu)).toBe(0);
    const compare = await h.call('flow_compare_customers', {});
    expect(compare.json.summary).toMatch(/9 matched \(0 with differences\), 0 only in CRM, 0 only in Books; 0 matched pairs have no cross-reference yet/);
  });

  it('a refused confirmation sends nothing', async () => {
    h.approve.value = false;
    const res = await h.call('flow_sync_customers_to_books', {});
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/Nothing was sent to Zoho/);
    expect(writesServed(emu)).toBe(0);
  });

  it('a batch cut by a fault says what was applied and what not; the next run resumes without a duplicate', async () => {
    // The fourth Books update never reaches Books (a reset before it is handled).
    emu.faults.add({ route: 'PUT /books/v3/contacts/*', kind: 'reset', after: 3, times: 1 });
    const stopped = await h.call('flow_sync_customers_to_books', {});
    expect(stopped.outcome).toBe('error');
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { status: 'not_applied' } });
    expect(stopped.json.summary).toMatch(/^Stopped at item 5 of 9: 4 applied, 5 not\./);
    expect(rows(stopped.json.applied).map((a) => a.action)).toEqual(['created', 'linked', 'linked', 'linked']);
    expect(stopped.json.not_attempted).toHaveLength(4);
    expect(stopped.json.resume).toMatch(/Run flow_sync_customers_to_books again/);

    const resumed = await h.call('flow_sync_customers_to_books', {});
    expect(resumed.outcome, resumed.text).toBe('ok');
    expect(h.confirmations.at(-1)!.summary).toBe('Sync CRM → Books: 2 to update, 3 to link (cross-reference only)');
    expect(rows(resumed.json.applied)).toHaveLength(5);
    expect(postContacts()).toBe(1); // Kestrel Aviation was created once
    const books = h.kit.client<import('@zoho-agent-kit/books').BooksClient>('books');
    expect(await books.contactsNamed(CRM_ONLY_CLIENT.name)).toHaveLength(1);
    expect((await h.call('flow_sync_customers_to_books', {})).json.status).toBe('nothing to do');
  });

  it('reports a create whose answer was lost as applied, found by its read-back, and never sends it twice', async () => {
    emu.faults.add({ route: 'POST /books/v3/contacts', kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('flow_sync_customers_to_books', { account_ids: ['4150868000000102249'] });
    expect(res.outcome, res.text).toBe('ok');
    expect(rows(res.json.applied)[0]).toMatchObject({ action: 'created', customer_id: expect.stringMatching(/^\d{19}$/), reconciled: 'answer lost, found applied: create Books customer Kestrel Aviation' });
    expect(postContacts()).toBe(1);
    expect(await h.kit.client<import('@zoho-agent-kit/books').BooksClient>('books').contactsNamed(CRM_ONLY_CLIENT.name)).toHaveLength(1);
  });

  it('bad input names the field and sends nothing', async () => {
    const res = await h.call('flow_sync_customers_to_books', { account_ids: [4150868000000102249n.toString(), 'zylker'] });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/account_ids\[1\].*digits/);
    const unknown = await h.call('flow_sync_customers_to_books', { create_mising: false });
    expect(unknown.text).toMatch(/unknown field "create_mising"; did you mean "create_missing"/);
    expect(writesServed(emu)).toBe(0);
  });
});

describe('flow_sync_customers_to_crm', () => {
  it('creates the Books-only customer as an account with its contact, takes Books names and e-mails, notes the cross-reference; a second run finds nothing', async () => {
    const orchid = await booksOnlyCustomer();
    const res = await h.call('flow_sync_customers_to_crm', { create_missing: true });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Sync Books → CRM: 1 accounts to create, 2 to update, 6 to link (cross-reference only)');
    const applied = rows(res.json.applied);
    const created = applied.find((a) => a.customer_id === orchid)!;
    expect(created).toMatchObject({ action: 'created', account_id: expect.stringMatching(/^\d{19}$/), contact_id: expect.stringMatching(/^\d{19}$/) });
    const crm = h.kit.client<import('@zoho-agent-kit/crm').CrmClient>('crm');
    expect(await crm.getRecord('Accounts', created.account_id)).toMatchObject({ Account_Name: 'Orchid Analytics', Billing_City: 'Denver' });
    const notes = await crm.getRelatedRecords('Accounts', created.account_id, 'Notes', { fields: ['Note_Title', 'Note_Content'] });
    expect(notes.data[0]).toMatchObject({ Note_Title: 'Zoho Books customer', Note_Content: expect.stringContaining(`[books-customer: ${orchid}]`) });
    const marlowe = applied.find((a) => a.changed?.includes('name'))!;
    expect((await crm.getRecord('Accounts', marlowe.account_id))!.Account_Name).toBe('Marlowe & Finch LLP');
    // Kestrel Aviation is CRM-only: this direction does not delete or create anything for it.
    expect(applied.some((a) => a.account_id === '4150868000000102249')).toBe(false);

    emu.counters.reset();
    const again = await h.call('flow_sync_customers_to_crm', {});
    expect(again.json).toMatchObject({ status: 'nothing to do' });
    expect(writesServed(emu)).toBe(0);
  });

  it('either cross-reference links a pair: after a sync one way, a sync the other way has nothing to do', async () => {
    // CRM → Books first: every pair gets the Books-side cross-reference; Books → CRM then needs no CRM note.
    expect((await h.call('flow_sync_customers_to_books', {})).outcome).toBe('ok');
    emu.counters.reset();
    const toCrm = await h.call('flow_sync_customers_to_crm', {});
    expect(toCrm.json, toCrm.text).toMatchObject({ status: 'nothing to do' });
    expect(writesServed(emu)).toBe(0);

    // The reverse, from the seed: Books → CRM notes every pair on the CRM side; CRM → Books then links nothing
    // (Kestrel Aviation, CRM-only, is left out: creating it is not linking).
    emu.resetState();
    expect((await h.call('flow_sync_customers_to_crm', {})).outcome).toBe('ok');
    emu.counters.reset();
    const toBooks = await h.call('flow_sync_customers_to_books', { create_missing: false });
    expect(toBooks.json, toBooks.text).toMatchObject({ status: 'nothing to do' });
    expect(writesServed(emu)).toBe(0);
    expect((await h.call('flow_compare_customers', {})).json.summary).toMatch(/0 matched pairs have no cross-reference yet/);
  });

  it('a policy that may write CRM but only read Books gets it; one that may only read CRM does not', () => {
    const coo = h.withPolicy({ name: 'ops', apps: { crm: ['read', 'write'], books: ['read'] } });
    expect(coo.allowed.map((t) => t.name)).toContain('flow_sync_customers_to_crm');
    expect(coo.allowed.map((t) => t.name)).not.toContain('flow_sync_customers_to_books');
    const cfo = h.withPolicy({ name: 'finance', apps: { crm: ['read'], books: ['read', 'write'] } });
    expect(cfo.allowed.map((t) => t.name)).toEqual(expect.arrayContaining(['flow_compare_customers', 'flow_sync_customers_to_books']));
    expect(cfo.allowed.map((t) => t.name)).not.toContain('flow_sync_customers_to_crm');
  });
});
