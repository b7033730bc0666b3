import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, createIdGenerator, seededRandom } from '@zoho-agent-kit/core/emulator';
import { DEAL_STAGES, INDUSTRIES, LEAD_SOURCES, LEAD_STATUSES, STAGE_PROBABILITY } from './metadata.js';
import { addAttachment } from './attachments.js';
import { addNote } from './notes.js';
import { buildRecord, createEmptyState, insertRecord, zohoDateTime, type CrmEmulatorOptions, type CrmState, type CrmUser, type StoredRecord } from './state.js';

const DAY = 86_400_000;
/** Seed time line ends here, so seeded data is identical on every run. */
const ANCHOR = Date.UTC(2025, 9, 1, 14, 0, 0);

export function agencyUsers(): CrmUser[] {
  const nextUserId = createIdGenerator('4150868000', 225_013);
  return AGENCY_STAFF.map((s) => ({
    id: nextUserId(),
    name: `${s.firstName} ${s.lastName}`,
    email: s.email,
    first_name: s.firstName,
    last_name: s.lastName,
    role: s.role,
  }));
}

const FIRST = ['James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Isabella', 'Mason', 'Sophia', 'Logan', 'Charlotte', 'Aiden', 'Amelia', 'Elijah', 'Harper', 'Oliver', 'Evelyn', 'Kai', 'Zara', 'Mateo', 'Aria', 'Ravi', 'Mei', 'Jonas', 'Ines', 'Kofi', 'Yuki'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'Khan', 'Novak'];
const STEMS = ['Apex', 'Birch', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Orbit', 'Pioneer', 'Quartz', 'Ridge', 'Summit', 'Tidal', 'Umber', 'Vertex', 'Willow', 'Zylker'];
const SUFFIX = ['Labs', 'Studios', 'Foods', 'Partners', 'Systems', 'Outfitters', 'Clinic', 'Logistics', 'Media', 'Works'];
const CITIES = ['Austin', 'Boston', 'Chicago', 'Denver', 'Miami', 'Seattle', 'Atlanta', 'Portland', 'Phoenix', 'New York'];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const DEAL_TEMPLATES = ['Website Redesign', 'Brand Refresh', 'SEO Retainer', 'Product Launch Campaign', 'Social Media Program', 'Analytics Setup'];

/** The agency's CRM: clients as Accounts, their people as Contacts, a Deals pipeline, activities, and many Leads. */
export function seedState(options: Required<CrmEmulatorOptions>, randomSeed?: number): CrmState {
  /** A seed number (`--seed N`) varies the generated values; the agency's clients and staff stay. */
  const mix = (n: number) => (randomSeed === undefined ? n : (n ^ Math.imul(randomSeed + 1, 0x9e3779b1)) >>> 0);
  const users = agencyUsers();
  const state = createEmptyState(options, users);
  const [ceo, cmo, , cfo, coo] = users as [CrmUser, CrmUser, CrmUser, CrmUser, CrmUser, CrmUser];
  const mod = (api: string) => state.modules.get(api)!;
  const add = (api: string, values: Record<string, unknown>, created: number, owner: CrmUser, modified?: number): StoredRecord => {
    const store = mod(api);
    const record = buildRecord(state, store.spec, values, { created, modified: modified ?? created + DAY, by: owner });
    insertRecord(store, record);
    return record;
  };
  const ref = (record: StoredRecord, name: unknown) => ({ name: String(name), id: record.id });
  const rnd = seededRandom(mix(20_251_001));

  const accounts: StoredRecord[] = [];
  const contactsByAccount = new Map<string, StoredRecord[]>();
  AGENCY_CLIENTS.forEach((client, i) => {
    const created = ANCHOR - (400 - i * 20) * DAY;
    const account = add(
      'Accounts',
      {
        Account_Name: client.name,
        Account_Type: 'Customer',
        Industry: INDUSTRIES.includes(client.industry) ? client.industry : null,
        Website: client.website,
        Phone: client.contacts[0]?.phone.replace(/\d{2}$/, '00') ?? null,
        Billing_City: client.city,
        Billing_Country: client.country,
        Employees: 20 + Math.floor(rnd() * 480),
        Annual_Revenue: Math.round(1 + rnd() * 40) * 250_000,
        Description: `${client.industry} client of ${AGENCY.name}.`,
      },
      created,
      i % 2 === 0 ? ceo : cmo,
    );
    accounts.push(account);
    const people = client.contacts.map((p, j) =>
      add(
        'Contacts',
        {
          First_Name: p.firstName,
          Last_Name: p.lastName,
          Account_Name: ref(account, client.name),
          Email: p.email,
          Phone: p.phone,
          Title: p.title,
          Lead_Source: pick(rnd, LEAD_SOURCES),
          Mailing_City: client.city,
          Mailing_Country: client.country,
        },
        created + (j + 1) * DAY,
        i % 2 === 0 ? ceo : cmo,
      ),
    );
    contactsByAccount.set(account.id, people);
  });

  // Two deals per client, walking the pipeline so every stage (won and lost included) appears.
  const deals: StoredRecord[] = [];
  accounts.forEach((account, i) => {
    for (let k = 0; k < 2; k++) {
      const n = i * 2 + k;
      const stage = DEAL_STAGES[n % DEAL_STAGES.length]!;
      const closed = stage.startsWith('Closed');
      const contact = contactsByAccount.get(account.id)?.[0];
      const created = ANCHOR - (180 - n * 8) * DAY;
      deals.push(
        add(
          'Deals',
          {
            Deal_Name: `${String(account.Account_Name)} — ${DEAL_TEMPLATES[(i + k) % DEAL_TEMPLATES.length]}`,
            Account_Name: ref(account, account.Account_Name),
            Contact_Name: contact ? ref(contact, contact.Full_Name ?? `${String(contact.First_Name)} ${String(contact.Last_Name)}`) : null,
            Amount: Math.round(8 + rnd() * 90) * 500,
            Stage: stage,
            Probability: STAGE_PROBABILITY[stage],
            Closing_Date: new Date(ANCHOR + (closed ? -(20 + n * 3) : 15 + n * 4) * DAY).toISOString().slice(0, 10),
            Type: k === 0 ? 'New Business' : 'Existing Business',
            Lead_Source: pick(rnd, LEAD_SOURCES),
            Next_Step: closed ? null : 'Send proposal follow-up',
          },
          created,
          n % 3 === 0 ? ceo : cmo,
          created + 10 * DAY,
        ),
      );
    }
  });

  deals
    .filter((d) => !String(d.Stage).startsWith('Closed'))
    .forEach((deal, n) => {
      const contact = contactsByAccount.get((deal.Account_Name as { id: string }).id)?.[0];
      add(
        'Tasks',
        {
          Subject: n % 2 === 0 ? `Follow up on ${String(deal.Deal_Name)}` : `Prepare proposal for ${String(deal.Deal_Name)}`,
          Due_Date: new Date(ANCHOR + (3 + n * 2) * DAY).toISOString().slice(0, 10),
          Status: n % 3 === 0 ? 'In Progress' : 'Not Started',
          Priority: n % 4 === 0 ? 'High' : 'Normal',
          What_Id: ref(deal, deal.Deal_Name),
          $se_module: 'Deals',
          Who_Id: contact ? ref(contact, contact.Full_Name) : null,
        },
        ANCHOR - (10 - n) * DAY,
        n % 2 === 0 ? coo : cmo,
      );
    });

  accounts.slice(0, 4).forEach((account, n) => {
    const contact = contactsByAccount.get(account.id)?.[0];
    const start = ANCHOR + (2 + n) * DAY;
    add(
      'Events',
      {
        Event_Title: `Quarterly review — ${String(account.Account_Name)}`,
        Start_DateTime: zohoDateTime(start),
        End_DateTime: zohoDateTime(start + 3_600_000),
        Venue: n % 2 === 0 ? 'Video call' : String(account.Billing_City),
        All_day: false,
        What_Id: ref(account, account.Account_Name),
        $se_module: 'Accounts',
        Who_Id: contact ? ref(contact, contact.Full_Name) : null,
      },
      ANCHOR - (5 - n) * DAY,
      ceo,
    );
    add(
      'Calls',
      {
        Subject: `Check-in call with ${String(contact?.Full_Name ?? account.Account_Name)}`,
        Call_Type: n % 2 === 0 ? 'Outbound' : 'Inbound',
        Call_Start_Time: zohoDateTime(ANCHOR - (n + 1) * DAY),
        Call_Duration: `00:${String(10 + n * 7).padStart(2, '0')}`,
        Call_Purpose: 'Project',
        What_Id: ref(account, account.Account_Name),
        $se_module: 'Accounts',
        Who_Id: contact ? ref(contact, contact.Full_Name) : null,
      },
      ANCHOR - (n + 1) * DAY,
      cmo,
    );
  });

  [
    ['Website Redesign', 'WEB-100', 'Design', 24_000],
    ['Brand Identity Package', 'BRD-200', 'Design', 15_000],
    ['SEO Retainer (monthly)', 'SEO-300', 'Marketing', 3_500],
    ['Analytics Setup', 'ANL-400', 'Development', 6_000],
    ['Strategy Workshop', 'STR-500', 'Consulting', 4_500],
  ].forEach(([name, code, category, price], n) =>
    add('Products', { Product_Name: name, Product_Code: code, Product_Category: category, Unit_Price: price, Product_Active: true }, ANCHOR - (500 - n) * DAY, cfo),
  );

  [
    ['Spring Webinar Series', 'Webinar', 'Complete', -200, -170, 30_000, 4_000],
    ['Retail Trade Show 2025', 'Trade Show', 'Active', -30, 10, 80_000, 22_000],
    ['Q4 Email Nurture', 'Email', 'Planning', 20, 90, 25_000, 2_500],
  ].forEach(([name, type, status, from, to, revenue, cost], n) =>
    add(
      'Campaigns',
      {
        Campaign_Name: name,
        Type: type,
        Status: status,
        Start_Date: new Date(ANCHOR + Number(from) * DAY).toISOString().slice(0, 10),
        End_Date: new Date(ANCHOR + Number(to) * DAY).toISOString().slice(0, 10),
        Expected_Revenue: revenue,
        Budgeted_Cost: cost,
      },
      ANCHOR - (250 - n * 40) * DAY,
      cmo,
    ),
  );

  accounts
    .filter((_, i) => i % 2 === 0)
    .forEach((account, n) =>
      add(
        'Retainers',
        {
          Name: `${String(account.Account_Name)} retainer`,
          Account: ref(account, account.Account_Name),
          Monthly_Fee: 2_000 + n * 750,
          Hours_Included: 20 + n * 5,
          Start_Date: new Date(ANCHOR - (300 - n * 30) * DAY).toISOString().slice(0, 10),
          Retainer_Status: n === 3 ? 'Paused' : 'Active',
        },
        ANCHOR - (300 - n * 30) * DAY,
        cfo,
      ),
    );

  const leads = seedLeads(state, options, mix, add, ceo, cmo);
  seedNotesAndFiles(state, { accounts, deals, leads, contactsByAccount, users: { ceo, cmo, coo } });
  seedCrmOnlyClient(add, ceo);
  return state;
}

/**
 * A client CRM has and Books does not (yet): a new account with its contact and a won deal — the
 * inconsistency the CRM ↔ Books sync and the deal-to-invoice flow find. Seeded last, so every other record
 * keeps its id.
 */
export const CRM_ONLY_CLIENT = {
  name: 'Kestrel Aviation',
  contact: { firstName: 'Ada', lastName: 'Whitfield', email: 'ada.whitfield@kestrel-aviation.example', phone: '+1 206 555 0181', title: 'Head of Marketing' },
  deal: { name: 'Kestrel Aviation — Brand Identity Package', amount: 15_000 },
} as const;

function seedCrmOnlyClient(add: Add, owner: CrmUser): void {
  const created = ANCHOR - 45 * DAY;
  const c = CRM_ONLY_CLIENT;
  const account = add(
    'Accounts',
    { Account_Name: c.name, Account_Type: 'Customer', Industry: 'Transportation', Website: 'https://kestrel-aviation.example', Phone: '+1 206 555 0180', Billing_Street: '4100 Airport Way S', Billing_City: 'Seattle', Billing_State: 'Washington', Billing_Code: '98108', Billing_Country: 'United States', Description: `Regional airline; new client of ${AGENCY.name}.` },
    created,
    owner,
  );
  const contact = add(
    'Contacts',
    { First_Name: c.contact.firstName, Last_Name: c.contact.lastName, Account_Name: { name: c.name, id: account.id }, Email: c.contact.email, Phone: c.contact.phone, Title: c.contact.title, Lead_Source: 'Web Research', Mailing_City: 'Seattle', Mailing_Country: 'United States' },
    created + DAY,
    owner,
  );
  add(
    'Deals',
    {
      Deal_Name: c.deal.name,
      Account_Name: { name: c.name, id: account.id },
      Contact_Name: { name: `${c.contact.firstName} ${c.contact.lastName}`, id: contact.id },
      Amount: c.deal.amount,
      Stage: 'Closed Won',
      Probability: STAGE_PROBABILITY['Closed Won'],
      Closing_Date: new Date(ANCHOR - 5 * DAY).toISOString().slice(0, 10),
      Type: 'New Business',
      Lead_Source: 'Web Research',
    },
    created + 2 * DAY,
    owner,
    ANCHOR - 5 * DAY,
  );
}

type Add = (api: string, values: Record<string, unknown>, created: number, owner: CrmUser, modified?: number) => StoredRecord;

/** Generated leads: enough to cross Zoho's 2,000-record page wall. */
function seedLeads(state: CrmState, options: Required<CrmEmulatorOptions>, mix: (n: number) => number, add: Add, ceo: CrmUser, cmo: CrmUser): StoredRecord[] {
  const leads: StoredRecord[] = [];
  // Generated leads: enough to cross Zoho's 2,000-record page wall.
  const leadRnd = seededRandom(mix(2_150));
  const total = options.leads;
  const domains = new Map<string, string>();
  for (let i = 0; i < total; i++) {
    const first = pick(leadRnd, FIRST);
    const last = pick(leadRnd, LAST);
    const company = `${pick(leadRnd, STEMS)} ${pick(leadRnd, SUFFIX)}`;
    let domain = domains.get(company);
    if (!domain) domains.set(company, (domain = `${company.toLowerCase().replace(/[^a-z]+/g, '-')}.example`));
    const withPhone = leadRnd() < 0.8;
    leads.push(add(
      'Leads',
      {
        First_Name: first,
        Last_Name: last,
        Company: company,
        Email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@${domain}`,
        Phone: withPhone ? `+1 555 ${String(100 + (i % 900)).padStart(3, '0')} ${String(1000 + i).slice(-4)}` : null,
        Lead_Source: pick(leadRnd, LEAD_SOURCES),
        Lead_Status: pick(leadRnd, LEAD_STATUSES),
        Industry: pick(leadRnd, INDUSTRIES),
        City: pick(leadRnd, CITIES),
        Country: 'United States',
        No_of_Employees: 5 + Math.floor(leadRnd() * 500),
        Annual_Revenue: leadRnd() < 0.5 ? Math.round(leadRnd() * 100) * 10_000 : null,
      },
      ANCHOR - (total - i) * 3 * 3_600_000,
      i % 3 === 0 ? ceo : cmo,
      ANCHOR - (total - i) * 3 * 3_600_000 + ((i * 7919) % 500) * 60_000,
    ));
  }
  return leads;
}

/** A minimal one-page PDF, so a seeded attachment is a real file of its type. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * Notes on the agency's accounts, open deals and newest leads, and files on its first accounts and deals —
 * seeded after everything else, so the records' ids stay where examples and tests expect them.
 */
function seedNotesAndFiles(
  state: CrmState,
  seed: { accounts: StoredRecord[]; deals: StoredRecord[]; leads: StoredRecord[]; contactsByAccount: Map<string, StoredRecord[]>; users: { ceo: CrmUser; cmo: CrmUser; coo: CrmUser } },
): void {
  const { ceo, cmo, coo } = seed.users;
  seed.accounts.forEach((account, i) => {
    const contact = seed.contactsByAccount.get(account.id)?.[0];
    const name = String(account.Account_Name);
    addNote(
      state,
      {
        title: 'Kick-off call',
        content: `Kick-off with ${contact ? `${String(contact.First_Name)} ${String(contact.Last_Name)}` : name}: goals agreed, monthly report on the first Monday; ${AGENCY.name} owns the brief.`,
        parent: { module: 'Accounts', id: account.id },
      },
      ANCHOR - (300 - i * 15) * DAY,
      i % 2 === 0 ? ceo : cmo,
    );
    if (i % 2 === 0) {
      addNote(state, { title: null, content: `${name} asked for a quarterly review deck before renewal.`, parent: { module: 'Accounts', id: account.id } }, ANCHOR - (20 - i) * DAY, coo);
    }
  });
  seed.deals
    .filter((d) => !String(d.Stage).startsWith('Closed'))
    .forEach((deal, i) => {
      addNote(
        state,
        { title: 'Proposal', content: `Proposal v${1 + (i % 3)} sent for ${String(deal.Deal_Name)}; waiting on budget sign-off.`, parent: { module: 'Deals', id: deal.id } },
        ANCHOR - (12 - (i % 10)) * DAY,
        i % 2 === 0 ? cmo : ceo,
      );
    });
  seed.leads.slice(-3).forEach((lead, i) => {
    addNote(state, { title: 'First contact', content: `Called ${String(lead.First_Name)} at ${String(lead.Company)}; interested in an SEO audit.`, parent: { module: 'Leads', id: lead.id } }, ANCHOR - (2 - i) * 3_600_000, cmo);
  });
  seed.accounts.slice(0, 2).forEach((account, i) => {
    const name = String(account.Account_Name);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    addAttachment(state, { parent: { module: 'Accounts', id: account.id }, name: `${slug}-brand-guide.pdf`, data: PDF, contentType: 'application/pdf' }, ANCHOR - (200 - i * 10) * DAY, cmo);
    addAttachment(
      state,
      {
        parent: { module: 'Accounts', id: account.id },
        name: `${slug}-meeting-notes.txt`,
        data: Buffer.from(`${name} — meeting notes\n\n1. Launch date confirmed.\n2. Budget review next quarter.\n3. ${AGENCY.name} sends the revised timeline.\n`),
        contentType: 'text/plain',
      },
      ANCHOR - (40 - i) * DAY,
      ceo,
    );
  });
  const openDeal = seed.deals.find((d) => !String(d.Stage).startsWith('Closed'));
  if (openDeal) {
    addAttachment(
      state,
      { parent: { module: 'Deals', id: openDeal.id }, name: 'statement-of-work.txt', data: Buffer.from(`Statement of work — ${String(openDeal.Deal_Name)}\nScope, milestones and fees as agreed.\n`), contentType: 'text/plain' },
      ANCHOR - 9 * DAY,
      cmo,
    );
  }
}
