import { createIdGenerator } from '@zoho-agent-kit/core/emulator';
import { createMetadataIds, fieldOf, MODULES, type FieldSpec, type MetadataIds, type ModuleSpec } from './metadata.js';

/**
 * A record as stored: id, the values it has, owner and audit fields. Nulls and Zoho's `$`-keys are added
 * when it is sent (`materialise`), which keeps 2,000+ seeded records cheap to build.
 */
export type StoredRecord = Record<string, unknown> & { id: string };

export interface CrmUser {
  id: string;
  name: string;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
}

export interface ModuleStore {
  spec: ModuleSpec;
  /** Insertion order = ascending id. */
  records: StoredRecord[];
  byId: Map<string, StoredRecord>;
}

export interface PageTokenEntry {
  module: string;
  grantId: string;
  sortBy: string;
  sortOrder: 'asc' | 'desc';
  /** Index of the first record of the page the token fetches. */
  offset: number;
  expiresAt: number;
}

export interface CrmEmulatorOptions {
  /** Enforce standard-layout mandatory fields (Company on Leads; Closing_Date, Account_Name on Deals…). Default true. */
  layoutMandatory?: boolean;
  /** How many generated Leads the seed holds (default 2,150: past the 2,000-record page wall). */
  leads?: number;
  /**
   * COQL aggregate functions (COUNT, SUM, MIN, MAX, AVG) with GROUP BY, as Zoho's COQL docs describe them
   * (default true); false answers them with SYNTAX_ERROR, as an org or version without them would.
   */
  coqlAggregates?: boolean;
  /** Largest attachment upload in bytes (default 20 MB, Zoho's documented limit). */
  attachmentMaxBytes?: number;
}

/** A note on a record (`GET/POST /Notes`, a record's `Notes` related list). */
export interface StoredNote {
  id: string;
  Note_Title: string | null;
  Note_Content: string;
  parent: { module: string; id: string };
  Owner: Readonly<{ name: string; id: string; email: string }>;
  Created_By: Readonly<{ name: string; id: string; email: string }>;
  Modified_By: Readonly<{ name: string; id: string; email: string }>;
  Created_Time: string;
  Modified_Time: string;
}

/** A file (or link) attached to a record. */
export interface StoredAttachment {
  id: string;
  parent: { module: string; id: string };
  File_Name: string;
  /** The file's bytes (empty for a link). */
  data: Buffer;
  contentType: string;
  linkUrl: string | null;
  fileId: string;
  Owner: Readonly<{ name: string; id: string; email: string }>;
  Created_Time: string;
  Modified_Time: string;
}

export interface CrmState {
  options: Required<CrmEmulatorOptions>;
  modules: Map<string, ModuleStore>;
  users: CrmUser[];
  /** The user the API acts as (the org's administrator). */
  currentUser: CrmUser;
  metadataIds: MetadataIds;
  nextId: () => string;
  pageTokens: Map<string, PageTokenEntry>;
  tokenSequence: number;
  /** Deleted records, for a future recycle-bin route and for tests. */
  deleted: { module: string; record: StoredRecord; deletedAt: number }[];
  notes: StoredNote[];
  attachments: StoredAttachment[];
}

/** Zoho answers date-times in the org's time zone; Northwind Creative sits in New York (EST, fixed offset here). */
const ORG_OFFSET_MIN = -5 * 60;

const OFFSET_TEXT = `${ORG_OFFSET_MIN < 0 ? '-' : '+'}${String(Math.floor(Math.abs(ORG_OFFSET_MIN) / 60)).padStart(2, '0')}:${String(Math.abs(ORG_OFFSET_MIN) % 60).padStart(2, '0')}`;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO date-time in the org's offset; integer arithmetic (civil-from-days), as seeding formats thousands. */
export function zohoDateTime(ms: number): string {
  const local = Math.floor((ms + ORG_OFFSET_MIN * 60_000) / 1000);
  const days = Math.floor(local / 86_400);
  const secs = local - days * 86_400;
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}${OFFSET_TEXT}`;
}

export function zohoDate(ms: number): string {
  return zohoDateTime(ms).slice(0, 10);
}

const minified = new WeakMap<CrmUser, Readonly<{ name: string; id: string; email: string }>>();

/** `{name, id, email}` of a user, shared (frozen) so thousands of records do not each carry a copy. */
export function minifiedUser(user: CrmUser): Readonly<{ name: string; id: string; email: string }> {
  let m = minified.get(user);
  if (!m) minified.set(user, (m = Object.freeze({ name: user.name, id: user.id, email: user.email })));
  return m;
}

export function createEmptyState(options: Required<CrmEmulatorOptions>, users: CrmUser[]): CrmState {
  const modules = new Map<string, ModuleStore>();
  for (const spec of MODULES) modules.set(spec.api, { spec, records: [], byId: new Map() });
  return {
    options,
    modules,
    users,
    currentUser: users[0]!,
    metadataIds: createMetadataIds(),
    nextId: createIdGenerator('4150868000', 100_000),
    pageTokens: new Map(),
    tokenSequence: 0,
    deleted: [],
    notes: [],
    attachments: [],
  };
}

/** Nested `$` values are shared between records: they are never mutated, only replaced. */
const REVIEW_PROCESS = Object.freeze({ approve: false, reject: false, resubmit: false });
const APPROVAL = Object.freeze({ delegate: false, takeover: false, approve: false, reject: false, resubmit: false });

/** Per module: every field null plus the `$`-keys and system values Zoho puts on every record. */
const templates = new WeakMap<CrmState, Map<string, Record<string, unknown>>>();

function template(state: CrmState, module: ModuleSpec): Record<string, unknown> {
  let byModule = templates.get(state);
  if (!byModule) templates.set(state, (byModule = new Map()));
  let t = byModule.get(module.api);
  if (!t) {
    t = {};
    for (const field of module.fields) t[field.api] = null;
    Object.assign(t, {
      $currency_symbol: '$',
      $field_states: null,
      $review_process: REVIEW_PROCESS,
      $sharing_permission: 'full_access',
      $state: 'save',
      $process_flow: false,
      $locked_for_me: false,
      $approved: true,
      $approval: APPROVAL,
      $editable: true,
      $review: null,
      $in_merge: false,
      $approval_state: 'approved',
      $layout_id: Object.freeze({ display_label: 'Standard', name: 'Standard', id: state.metadataIds.layout }),
      $zia_owner_assignment: 'owner_recommendation_unavailable',
      Tag: Object.freeze([]),
      Locked__s: false,
      ...(module.api === 'Leads' ? { $converted: false, Unsubscribed_Mode: null, Unsubscribed_Time: null } : {}),
      ...(module.fields.some((x) => x.api === 'Email_Opt_Out') ? { Email_Opt_Out: false } : {}),
    });
    byModule.set(module.api, t);
  }
  return t;
}

/** The record as Zoho sends it: every field of its module (null when empty) plus the `$`-keys. */
export function materialise(state: CrmState, module: ModuleSpec, record: StoredRecord): Record<string, unknown> {
  return { ...template(state, module), ...record };
}

/** Computed fields: names, expected revenue. */
export function recompute(module: ModuleSpec, record: StoredRecord): void {
  if (fieldOf(module, 'Full_Name')) {
    record.Full_Name = [record.First_Name, record.Last_Name].filter((x) => typeof x === 'string' && x).join(' ') || null;
  }
  if (module.api === 'Deals') {
    const amount = typeof record.Amount === 'number' ? record.Amount : null;
    const probability = typeof record.Probability === 'number' ? record.Probability : null;
    record.Expected_Revenue = amount !== null && probability !== null ? Math.round(amount * probability) / 100 : null;
  }
}

/** Builds a full stored record from field values (already validated and normalised). */
export function buildRecord(state: CrmState, module: ModuleSpec, values: Record<string, unknown>, at: { created: number; modified?: number; by?: CrmUser }): StoredRecord {
  const by = minifiedUser(at.by ?? state.currentUser);
  const record: StoredRecord = { id: state.nextId(), Owner: by, ...values };
  record.Created_By = by;
  record.Modified_By = by;
  record.Created_Time = zohoDateTime(at.created);
  record.Modified_Time = zohoDateTime(at.modified ?? at.created);
  recompute(module, record);
  return record;
}

export function insertRecord(store: ModuleStore, record: StoredRecord): void {
  store.records.push(record);
  store.byId.set(record.id, record);
}

/** Finds a record in any module (for What_Id lookups). */
export function findAnywhere(state: CrmState, id: string): { module: string; record: StoredRecord } | undefined {
  for (const [api, store] of state.modules) {
    const record = store.byId.get(id);
    if (record) return { module: api, record };
  }
  return undefined;
}

/** The display name Zoho gives a record in lookups. */
export function lookupName(module: string, record: StoredRecord): string {
  const spec = record as Record<string, unknown>;
  const candidates: Record<string, string[]> = {
    Accounts: ['Account_Name'],
    Contacts: ['Full_Name'],
    Leads: ['Full_Name'],
    Deals: ['Deal_Name'],
    Products: ['Product_Name'],
    Campaigns: ['Campaign_Name'],
    Tasks: ['Subject'],
    Events: ['Event_Title'],
    Calls: ['Subject'],
    Retainers: ['Name'],
  };
  for (const key of candidates[module] ?? ['Name']) if (typeof spec[key] === 'string') return spec[key] as string;
  return record.id;
}

export type { FieldSpec, ModuleSpec };
