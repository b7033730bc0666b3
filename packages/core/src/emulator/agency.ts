/**
 * The emulator's fictional world: Northwind Creative, a small digital agency, and its clients. Every app's
 * seed draws on these so cross-app questions ("which CRM accounts owe us money in Books?") have answers.
 */
export interface AgencyPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
}

export interface AgencyClient {
  /** Company name exactly as in CRM Accounts and Books customers. */
  name: string;
  industry: string;
  website: string;
  city: string;
  country: string;
  currency: string;
  contacts: AgencyPerson[];
}

export interface AgencyStaff {
  firstName: string;
  lastName: string;
  email: string;
  role: string;
}

export const AGENCY = {
  name: 'Northwind Creative',
  domain: 'northwind-creative.example',
  currency: 'USD',
  timeZone: 'America/New_York',
} as const;

export const AGENCY_STAFF: AgencyStaff[] = [
  { firstName: 'Maya', lastName: 'Ortiz', email: 'maya.ortiz@northwind-creative.example', role: 'CEO' },
  { firstName: 'Leo', lastName: 'Brandt', email: 'leo.brandt@northwind-creative.example', role: 'CMO' },
  { firstName: 'Priya', lastName: 'Natarajan', email: 'priya.natarajan@northwind-creative.example', role: 'CTO' },
  { firstName: 'Daniel', lastName: 'Okafor', email: 'daniel.okafor@northwind-creative.example', role: 'CFO' },
  { firstName: 'Sofia', lastName: 'Lindqvist', email: 'sofia.lindqvist@northwind-creative.example', role: 'COO' },
  { firstName: 'Hana', lastName: 'Kimura', email: 'hana.kimura@northwind-creative.example', role: 'Executive Assistant' },
];

function person(firstName: string, lastName: string, domain: string, phone: string, title: string): AgencyPerson {
  return { firstName, lastName, email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@${domain}`, phone, title };
}

export const AGENCY_CLIENTS: AgencyClient[] = [
  { name: 'Zylker Corp', industry: 'Manufacturing', website: 'https://zylker.example', city: 'Austin', country: 'United States', currency: 'USD', contacts: [person('Bob', 'Burns', 'zylker.example', '+1 512 555 0101', 'Marketing Director'), person('Amelia', 'Chen', 'zylker.example', '+1 512 555 0102', 'CFO')] },
  { name: 'Acme Widgets', industry: 'Retail', website: 'https://acme-widgets.example', city: 'Denver', country: 'United States', currency: 'USD', contacts: [person('Wile', 'Coyote', 'acme-widgets.example', '+1 303 555 0111', 'Head of Growth')] },
  { name: 'Bluebird Logistics', industry: 'Transportation', website: 'https://bluebird-logistics.example', city: 'Chicago', country: 'United States', currency: 'USD', contacts: [person('Grace', 'Hopper', 'bluebird-logistics.example', '+1 312 555 0121', 'COO'), person('Tomas', 'Rivera', 'bluebird-logistics.example', '+1 312 555 0122', 'IT Manager')] },
  { name: 'Helios Solar', industry: 'Energy', website: 'https://helios-solar.example', city: 'Phoenix', country: 'United States', currency: 'USD', contacts: [person('Irene', 'Adler', 'helios-solar.example', '+1 602 555 0131', 'Brand Manager')] },
  { name: 'Marlowe & Finch', industry: 'Legal', website: 'https://marlowe-finch.example', city: 'Boston', country: 'United States', currency: 'USD', contacts: [person('Philip', 'Marlowe', 'marlowe-finch.example', '+1 617 555 0141', 'Managing Partner')] },
  { name: 'Quantum Bakery', industry: 'Food & Beverage', website: 'https://quantum-bakery.example', city: 'Portland', country: 'United States', currency: 'USD', contacts: [person('Nadia', 'Petrova', 'quantum-bakery.example', '+1 503 555 0151', 'Owner')] },
  { name: 'Redwood Health', industry: 'Healthcare', website: 'https://redwood-health.example', city: 'San Francisco', country: 'United States', currency: 'USD', contacts: [person('Samuel', 'Osei', 'redwood-health.example', '+1 415 555 0161', 'VP Marketing'), person('Lena', 'Fischer', 'redwood-health.example', '+1 415 555 0162', 'Procurement Lead')] },
  { name: 'Silverline Media', industry: 'Media', website: 'https://silverline-media.example', city: 'New York', country: 'United States', currency: 'USD', contacts: [person('Omar', 'Haddad', 'silverline-media.example', '+1 212 555 0171', 'Creative Director')] },
];

/** A small deterministic pseudo-random generator (mulberry32), so generated seed data is stable. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
