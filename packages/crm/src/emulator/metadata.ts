/**
 * The emulated org's data model: modules and their fields, and the full `GET /settings/fields` and
 * `GET /settings/modules` objects built from them (every key the v8 OAS marks required).
 */
import { createIdGenerator } from '@zoho-agent-kit/core/emulator';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'website'
  | 'picklist'
  | 'multiselectpicklist'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'double'
  | 'currency'
  | 'boolean'
  | 'lookup'
  | 'ownerlookup'
  | 'bigint'
  | 'profileimage';

export interface FieldSpec {
  api: string;
  label: string;
  type: FieldType;
  /** System-mandatory: Zoho refuses a create without it. */
  mandatory?: boolean;
  /** Mandatory in the standard layout (enforced when the emulator's `layoutMandatory` option is on). */
  layout?: boolean;
  readOnly?: boolean;
  values?: readonly string[];
  /** Target module of a lookup; `*` for What_Id-style lookups to any module. */
  lookup?: string;
  length?: number;
  custom?: boolean;
}

export interface ModuleSpec {
  api: string;
  singular: string;
  plural: string;
  custom?: boolean;
  fields: FieldSpec[];
}

const f = (api: string, label: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec => ({ api, label, type, ...extra });

export const LEAD_SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Seminar Partner', 'Trade Show', 'Web Download', 'Web Research', 'Chat'];
export const LEAD_STATUSES = ['Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre-Qualified', 'Not Qualified'];
export const INDUSTRIES = ['Agriculture', 'Communications', 'Consulting', 'Education', 'Energy', 'Financial Services', 'Food & Beverage', 'Government/Military', 'Healthcare', 'Legal', 'Manufacturing', 'Media', 'Non-Profit', 'Real Estate', 'Retail', 'Technology', 'Transportation'];
export const DEAL_STAGES = ['Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost', 'Closed Lost to Competition'];
export const STAGE_PROBABILITY: Record<string, number> = {
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 40,
  'Id. Decision Makers': 60,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
  'Closed Lost to Competition': 0,
};

/** Fields every module has: owner, audit users and times, activity. */
function system(): FieldSpec[] {
  return [
    f('Owner', 'Owner', 'ownerlookup', { lookup: 'users' }),
    f('Created_By', 'Created By', 'ownerlookup', { readOnly: true, lookup: 'users' }),
    f('Modified_By', 'Modified By', 'ownerlookup', { readOnly: true, lookup: 'users' }),
    f('Created_Time', 'Created Time', 'datetime', { readOnly: true }),
    f('Modified_Time', 'Modified Time', 'datetime', { readOnly: true }),
    f('Last_Activity_Time', 'Last Activity Time', 'datetime', { readOnly: true }),
    f('Locked__s', 'Locked', 'boolean', { readOnly: true }),
    f('Change_Log_Time__s', 'Change Log Time', 'datetime', { readOnly: true }),
  ];
}

/** Standard fields a new org has on the customer modules and rarely fills: present (null) on every record. */
const dataQuality = (): FieldSpec[] => [
  f('Data_Source', 'Data Source', 'picklist', { readOnly: true, values: ['API', 'CRM UI', 'Import', 'Web Form'] }),
  f('Enrich_Status__s', 'Enrich Status', 'picklist', { readOnly: true, values: ['Available', 'Enriched', 'Data not found'] }),
  f('Last_Enriched_Time__s', 'Last Enriched Time', 'datetime', { readOnly: true }),
];

const address = (prefix: string, zip: string): FieldSpec[] => [
  f(`${prefix}_Street`, `${prefix} Street`, 'text', { length: 250 }),
  f(`${prefix}_City`, `${prefix} City`, 'text', { length: 100 }),
  f(`${prefix}_State`, `${prefix} State`, 'text', { length: 100 }),
  f(`${prefix}_${zip}`, `${prefix} Zip`, 'text', { length: 30 }),
  f(`${prefix}_Country`, `${prefix} Country`, 'text', { length: 100 }),
];

export const MODULES: ModuleSpec[] = [
  {
    api: 'Leads',
    singular: 'Lead',
    plural: 'Leads',
    fields: [
      f('Company', 'Company', 'text', { layout: true, length: 200 }),
      f('Salutation', 'Salutation', 'picklist', { values: ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'] }),
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { mandatory: true, length: 80 }),
      f('Full_Name', 'Lead Name', 'text', { readOnly: true }),
      f('Designation', 'Title', 'text', { length: 100 }),
      f('Email', 'Email', 'email'),
      f('Secondary_Email', 'Secondary Email', 'email'),
      f('Phone', 'Phone', 'phone', { length: 30 }),
      f('Mobile', 'Mobile', 'phone', { length: 30 }),
      f('Website', 'Website', 'website'),
      f('Lead_Source', 'Lead Source', 'picklist', { values: LEAD_SOURCES }),
      f('Lead_Status', 'Lead Status', 'picklist', { values: LEAD_STATUSES }),
      f('Industry', 'Industry', 'picklist', { values: INDUSTRIES }),
      f('No_of_Employees', 'No. of Employees', 'integer'),
      f('Annual_Revenue', 'Annual Revenue', 'currency'),
      f('Rating', 'Rating', 'picklist', { values: ['Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'] }),
      f('Email_Opt_Out', 'Email Opt Out', 'boolean'),
      f('Street', 'Street', 'text', { length: 250 }),
      f('City', 'City', 'text', { length: 100 }),
      f('State', 'State', 'text', { length: 100 }),
      f('Zip_Code', 'Zip Code', 'text', { length: 30 }),
      f('Country', 'Country', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      f('Record_Image', 'Lead Image', 'profileimage'),
      f('Fax', 'Fax', 'phone', { length: 30 }),
      f('Skype_ID', 'Skype ID', 'text', { length: 50 }),
      f('Twitter', 'Twitter', 'text', { length: 50 }),
      f('Converted__s', 'Converted', 'boolean', { readOnly: true }),
      f('Converted_Date_Time', 'Converted Date Time', 'datetime', { readOnly: true }),
      f('Lead_Conversion_Time', 'Lead Conversion Time', 'integer', { readOnly: true }),
      f('Converted_Account', 'Converted Account', 'lookup', { readOnly: true, lookup: 'Accounts' }),
      f('Converted_Contact', 'Converted Contact', 'lookup', { readOnly: true, lookup: 'Contacts' }),
      f('Converted_Deal', 'Converted Deal', 'lookup', { readOnly: true, lookup: 'Deals' }),
      ...dataQuality(),
      ...system(),
    ],
  },
  {
    api: 'Contacts',
    singular: 'Contact',
    plural: 'Contacts',
    fields: [
      f('Salutation', 'Salutation', 'picklist', { values: ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'] }),
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { mandatory: true, length: 80 }),
      f('Full_Name', 'Contact Name', 'text', { readOnly: true }),
      f('Account_Name', 'Account Name', 'lookup', { lookup: 'Accounts' }),
      f('Email', 'Email', 'email'),
      f('Secondary_Email', 'Secondary Email', 'email'),
      f('Phone', 'Phone', 'phone', { length: 30 }),
      f('Mobile', 'Mobile', 'phone', { length: 30 }),
      f('Title', 'Title', 'text', { length: 100 }),
      f('Department', 'Department', 'text', { length: 30 }),
      f('Lead_Source', 'Lead Source', 'picklist', { values: LEAD_SOURCES }),
      f('Date_of_Birth', 'Date of Birth', 'date'),
      f('Email_Opt_Out', 'Email Opt Out', 'boolean'),
      ...address('Mailing', 'Zip'),
      ...address('Other', 'Zip'),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      f('Record_Image', 'Contact Image', 'profileimage'),
      f('Fax', 'Fax', 'phone', { length: 30 }),
      f('Home_Phone', 'Home Phone', 'phone', { length: 30 }),
      f('Other_Phone', 'Other Phone', 'phone', { length: 30 }),
      f('Assistant', 'Assistant', 'text', { length: 40 }),
      f('Asst_Phone', 'Asst Phone', 'phone', { length: 30 }),
      f('Reporting_To', 'Reporting To', 'lookup', { lookup: 'Contacts' }),
      f('Skype_ID', 'Skype ID', 'text', { length: 50 }),
      f('Twitter', 'Twitter', 'text', { length: 50 }),
      ...dataQuality(),
      ...system(),
    ],
  },
  {
    api: 'Accounts',
    singular: 'Account',
    plural: 'Accounts',
    fields: [
      f('Account_Name', 'Account Name', 'text', { mandatory: true, length: 200 }),
      f('Account_Number', 'Account Number', 'text', { length: 40 }),
      f('Parent_Account', 'Parent Account', 'lookup', { lookup: 'Accounts' }),
      f('Account_Type', 'Account Type', 'picklist', { values: ['Analyst', 'Competitor', 'Customer', 'Distributor', 'Integrator', 'Investor', 'Other', 'Partner', 'Press', 'Prospect', 'Reseller', 'Vendor'] }),
      f('Industry', 'Industry', 'picklist', { values: INDUSTRIES }),
      f('Phone', 'Phone', 'phone', { length: 30 }),
      f('Website', 'Website', 'website'),
      f('Employees', 'Employees', 'integer'),
      f('Annual_Revenue', 'Annual Revenue', 'currency'),
      f('Rating', 'Rating', 'picklist', { values: ['Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'] }),
      ...address('Billing', 'Code'),
      ...address('Shipping', 'Code'),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      f('Record_Image', 'Account Image', 'profileimage'),
      f('Fax', 'Fax', 'phone', { length: 30 }),
      f('Account_Site', 'Account Site', 'text', { length: 80 }),
      f('Ticker_Symbol', 'Ticker Symbol', 'text', { length: 30 }),
      f('Ownership', 'Ownership', 'picklist', { values: ['Other', 'Private', 'Public', 'Subsidiary', 'Partnership', 'Government'] }),
      f('SIC_Code', 'SIC Code', 'integer'),
      ...dataQuality(),
      ...system(),
    ],
  },
  {
    api: 'Deals',
    singular: 'Deal',
    plural: 'Deals',
    fields: [
      f('Deal_Name', 'Deal Name', 'text', { mandatory: true, length: 120 }),
      f('Account_Name', 'Account Name', 'lookup', { lookup: 'Accounts', layout: true }),
      f('Contact_Name', 'Contact Name', 'lookup', { lookup: 'Contacts' }),
      f('Amount', 'Amount', 'currency'),
      f('Stage', 'Stage', 'picklist', { mandatory: true, values: DEAL_STAGES }),
      f('Closing_Date', 'Closing Date', 'date', { layout: true }),
      f('Probability', 'Probability (%)', 'integer'),
      f('Expected_Revenue', 'Expected Revenue', 'currency', { readOnly: true }),
      f('Type', 'Type', 'picklist', { values: ['New Business', 'Existing Business'] }),
      f('Lead_Source', 'Lead Source', 'picklist', { values: LEAD_SOURCES }),
      f('Next_Step', 'Next Step', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      f('Campaign_Source', 'Campaign Source', 'lookup', { lookup: 'Campaigns' }),
      f('Reason_For_Loss__s', 'Reason For Loss', 'picklist', { values: ['Lost to Competitor', 'Price', 'No Budget', 'Not Interested', 'Other'] }),
      f('Lead_Conversion_Time', 'Lead Conversion Time', 'integer', { readOnly: true }),
      f('Sales_Cycle_Duration', 'Sales Cycle Duration', 'integer', { readOnly: true }),
      f('Overall_Sales_Duration', 'Overall Sales Duration', 'integer', { readOnly: true }),
      ...system(),
    ],
  },
  {
    api: 'Tasks',
    singular: 'Task',
    plural: 'Tasks',
    fields: [
      f('Subject', 'Subject', 'text', { mandatory: true, length: 300 }),
      f('Due_Date', 'Due Date', 'date'),
      f('Status', 'Status', 'picklist', { values: ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'] }),
      f('Priority', 'Priority', 'picklist', { values: ['High', 'Highest', 'Low', 'Lowest', 'Normal'] }),
      f('What_Id', 'Related To', 'lookup', { lookup: '*' }),
      f('Who_Id', 'Contact Name', 'lookup', { lookup: 'Contacts' }),
      f('Closed_Time', 'Closed Time', 'datetime', { readOnly: true }),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      ...system(),
    ],
  },
  {
    api: 'Events',
    singular: 'Meeting',
    plural: 'Meetings',
    fields: [
      f('Event_Title', 'Title', 'text', { mandatory: true, length: 255 }),
      f('Start_DateTime', 'From', 'datetime', { mandatory: true }),
      f('End_DateTime', 'To', 'datetime', { mandatory: true }),
      f('All_day', 'All day', 'boolean'),
      f('Venue', 'Location', 'text', { length: 255 }),
      f('What_Id', 'Related To', 'lookup', { lookup: '*' }),
      f('Who_Id', 'Contact Name', 'lookup', { lookup: 'Contacts' }),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      ...system(),
    ],
  },
  {
    api: 'Calls',
    singular: 'Call',
    plural: 'Calls',
    fields: [
      f('Subject', 'Subject', 'text', { length: 300 }),
      f('Call_Type', 'Call Type', 'picklist', { mandatory: true, values: ['Inbound', 'Outbound', 'Missed'] }),
      f('Call_Start_Time', 'Call Start Time', 'datetime', { mandatory: true }),
      f('Call_Duration', 'Call Duration', 'text', { length: 10 }),
      f('Call_Purpose', 'Call Purpose', 'picklist', { values: ['Prospecting', 'Administrative', 'Negotiation', 'Demo', 'Project', 'Desk'] }),
      f('Call_Result', 'Call Result', 'text', { length: 200 }),
      f('What_Id', 'Related To', 'lookup', { lookup: '*' }),
      f('Who_Id', 'Contact Name', 'lookup', { lookup: 'Contacts' }),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      ...system(),
    ],
  },
  {
    api: 'Products',
    singular: 'Product',
    plural: 'Products',
    fields: [
      f('Product_Name', 'Product Name', 'text', { mandatory: true, length: 200 }),
      f('Product_Code', 'Product Code', 'text', { length: 40 }),
      f('Product_Category', 'Product Category', 'picklist', { values: ['Design', 'Development', 'Marketing', 'Consulting'] }),
      f('Unit_Price', 'Unit Price', 'currency'),
      f('Product_Active', 'Product Active', 'boolean'),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      ...system(),
    ],
  },
  {
    api: 'Campaigns',
    singular: 'Campaign',
    plural: 'Campaigns',
    fields: [
      f('Campaign_Name', 'Campaign Name', 'text', { mandatory: true, length: 120 }),
      f('Type', 'Type', 'picklist', { layout: true, values: ['Advertisement', 'Banner Ads', 'Conference', 'Direct mail', 'Email', 'Partner', 'Public Relations', 'Referral Program', 'Telemarketing', 'Trade Show', 'Webinar', 'Others'] }),
      f('Status', 'Status', 'picklist', { values: ['Planning', 'Active', 'Inactive', 'Complete'] }),
      f('Start_Date', 'Start Date', 'date'),
      f('End_Date', 'End Date', 'date'),
      f('Expected_Revenue', 'Expected Revenue', 'currency'),
      f('Budgeted_Cost', 'Budgeted Cost', 'currency'),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      ...system(),
    ],
  },
  {
    api: 'Retainers',
    singular: 'Retainer',
    plural: 'Retainers',
    custom: true,
    fields: [
      f('Name', 'Retainer Name', 'text', { mandatory: true, length: 120 }),
      f('Account', 'Account', 'lookup', { lookup: 'Accounts', custom: true }),
      f('Monthly_Fee', 'Monthly Fee', 'currency', { custom: true }),
      f('Hours_Included', 'Hours Included', 'integer', { custom: true }),
      f('Start_Date', 'Start Date', 'date', { custom: true }),
      f('Retainer_Status', 'Status', 'picklist', { custom: true, values: ['Active', 'Paused', 'Ended'] }),
      ...system(),
    ],
  },
];

export const MODULES_BY_API = new Map(MODULES.map((m) => [m.api, m]));

export function fieldOf(module: ModuleSpec, api: string): FieldSpec | undefined {
  return module.fields.find((x) => x.api === api);
}

const JSON_TYPES: Record<FieldType, string> = {
  text: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  website: 'string',
  picklist: 'string',
  multiselectpicklist: 'jsonarray',
  date: 'string',
  datetime: 'string',
  integer: 'integer',
  double: 'double',
  currency: 'double',
  boolean: 'boolean',
  lookup: 'jsonobject',
  ownerlookup: 'jsonobject',
  bigint: 'string',
  profileimage: 'string',
};

/** Deterministic metadata ids (fields, modules, picklist values, profile, layout). */
export interface MetadataIds {
  layout: string;
  profile: string;
  field: Map<string, string>;
  module: Map<string, string>;
  /** `Module.RelatedList` → id. */
  relatedList: Map<string, string>;
}

export function createMetadataIds(): MetadataIds {
  const next = createIdGenerator('4150868000', 1_000);
  const ids: MetadataIds = { layout: next(), profile: next(), field: new Map(), module: new Map(), relatedList: new Map() };
  for (const m of MODULES) {
    ids.module.set(m.api, next());
    for (const field of m.fields) ids.field.set(`${m.api}.${field.api}`, next());
  }
  // After the fields, so adding related lists moved no existing id.
  for (const m of MODULES) for (const rl of relatedListsOf(m.api)) ids.relatedList.set(`${m.api}.${rl.api}`, next());
  return ids;
}

/** Where a related list's records come from. */
export type RelatedSource =
  /** Records of `module` whose lookup `field` points at the parent. */
  | { kind: 'lookup'; module: string; field: string }
  | { kind: 'notes' }
  | { kind: 'attachments' }
  /** Tasks, Events and Calls whose What_Id or Who_Id is the parent. */
  | { kind: 'activities' };

export interface RelatedListSpec {
  api: string;
  label: string;
  /** The module the list shows (Notes, Attachments and Activities are Zoho modules of their own). */
  module: string;
  source: RelatedSource;
}

const NOTES: RelatedListSpec = { api: 'Notes', label: 'Notes', module: 'Notes', source: { kind: 'notes' } };
const ATTACHMENTS: RelatedListSpec = { api: 'Attachments', label: 'Attachments', module: 'Attachments', source: { kind: 'attachments' } };
const ACTIVITIES: RelatedListSpec = { api: 'Activities', label: 'Open Activities', module: 'Activities', source: { kind: 'activities' } };
const lookupList = (module: string, field: string, label = module): RelatedListSpec => ({ api: module, label, module, source: { kind: 'lookup', module, field } });

/** The related lists of each module (GET /settings/related_lists?module=…), in their display order. */
const RELATED_LISTS: Record<string, RelatedListSpec[]> = {
  Leads: [NOTES, ACTIVITIES, ATTACHMENTS],
  Contacts: [NOTES, lookupList('Deals', 'Contact_Name'), ACTIVITIES, ATTACHMENTS],
  Accounts: [NOTES, lookupList('Contacts', 'Account_Name'), lookupList('Deals', 'Account_Name'), ACTIVITIES, ATTACHMENTS, lookupList('Retainers', 'Account')],
  Deals: [NOTES, ACTIVITIES, ATTACHMENTS],
};

export function relatedListsOf(module: string): RelatedListSpec[] {
  return RELATED_LISTS[module] ?? [NOTES, ATTACHMENTS];
}

/** A `GET /settings/related_lists` element with every key the v8 OAS requires. */
export function relatedListObject(module: string, spec: RelatedListSpec, index: number, ids: MetadataIds): Record<string, unknown> {
  return {
    id: ids.relatedList.get(`${module}.${spec.api}`),
    sequence_number: String(index + 1),
    display_label: spec.label,
    api_name: spec.api,
    module: { api_name: spec.module, id: ids.module.get(spec.module) ?? null },
    name: spec.api,
    action: null,
    href: `${module}/{ENTITYID}/${spec.api}`,
    type: spec.source.kind === 'lookup' ? 'default' : 'system',
    visible: true,
    customize_sort: spec.source.kind === 'lookup',
    customize_fields: spec.source.kind === 'lookup',
    customize_display_label: true,
    sort_by: { api_name: null, id: null },
    sort_order: null,
    fields: [],
    status: 'visible',
  };
}

/** A `GET /settings/fields` element with every key the v8 OAS requires. */
export function fieldObject(module: ModuleSpec, field: FieldSpec, index: number, ids: MetadataIds, layoutMandatory: boolean): Record<string, unknown> {
  const ro = field.readOnly === true;
  const id = ids.field.get(`${module.api}.${field.api}`)!;
  const mandatoryHere = field.mandatory === true || (layoutMandatory && field.layout === true);
  const lookupModule = field.lookup && field.lookup !== '*' && field.lookup !== 'users' ? field.lookup : undefined;
  return {
    associated_module: null,
    data_type: field.type,
    operation_type: { web_update: !ro, api_create: !ro, web_create: !ro, api_update: !ro },
    system_mandatory: field.mandatory === true,
    webhook: true,
    sequence_number: index + 1,
    blueprint_supported: !ro,
    virtual_field: false,
    field_read_only: ro,
    customizable_properties: ro ? [] : ['tooltip', 'required'],
    read_only: ro,
    custom_field: field.custom === true || module.custom === true,
    businesscard_supported: !ro,
    filterable: field.type !== 'profileimage',
    visible: true,
    available_in_user_layout: true,
    display_field: index === 0,
    pick_list_values_sorted_lexically: false,
    sortable: field.type !== 'textarea',
    layout_associations: [{ api_name: 'Standard', name: 'Standard', id: ids.layout }],
    separator: false,
    searchable: ['text', 'email', 'phone', 'website', 'picklist', 'lookup'].includes(field.type),
    enable_colour_code: false,
    mass_update: !ro && !mandatoryHere,
    json_type: JSON_TYPES[field.type],
    created_source: field.custom || module.custom ? 'custom' : 'default',
    type: 'used',
    display_label: field.label,
    column_name: field.api.toUpperCase(),
    api_name: field.api,
    display_type: -1,
    ui_type: 1,
    colour_code_enabled_by_system: false,
    length: field.length ?? (field.type === 'email' ? 100 : field.type === 'website' ? 255 : field.type === 'currency' ? 16 : field.type === 'integer' ? 9 : 120),
    decimal_place: field.type === 'currency' ? 2 : null,
    quick_sequence_number: String(index + 1),
    email_parser: { fields_update_supported: false, record_operations_supported: false },
    rollup_summary: null,
    refer_from_field: null,
    created_time: null,
    modified_time: null,
    show_type: 7,
    category: 0,
    id,
    multi_module_lookup: field.lookup === '*' ? { display_label: field.label, api_name: field.api, modules: MODULES.filter((m) => ['Accounts', 'Deals', 'Leads'].includes(m.api)).map((m) => ({ api_name: m.api, id: ids.module.get(m.api) })) } : null,
    sharing_properties: null,
    currency: field.type === 'currency' ? { rounding_option: 'normal', precision: 2 } : null,
    file_upolad_optionlist: [],
    lookup: lookupModule
      ? {
          display_label: field.label,
          api_name: field.api,
          module: { api_name: lookupModule, id: ids.module.get(lookupModule) ?? null },
          id: ids.field.get(`${lookupModule}.${MODULES_BY_API.get(lookupModule)?.fields[0]?.api ?? ''}`) ?? null,
          query_details: {},
          revalidate_filter_during_edit: false,
          show_fields: [],
        }
      : null,
    profiles: [{ name: 'Administrator', id: ids.profile, permission_type: ro ? 'read_only' : 'read_write' }],
    view_type: { view: true, edit: !ro, quick_create: mandatoryHere, create: !ro },
    unique: null,
    sub_module: null,
    subform: null,
    external: null,
    formula: null,
    private: null,
    convert_mapping: null,
    multiselectlookup: null,
    multiuserlookup: null,
    autonumber: null,
    auto_number: null,
    pick_list_values: (field.values ? ['-None-', ...field.values] : []).map((v, i) => ({
      display_value: v,
      sequence_number: i + 1,
      reference_value: v,
      colour_code: null,
      actual_value: v,
      id: `${id.slice(0, 13)}${String(i + 1).padStart(6, '0')}`,
      type: 'used',
    })),
    crypt: null,
    tooltip: null,
    history_tracking: null,
    association_details: null,
    allowed_modules: [],
    additional_column: null,
    field_label: field.label,
    'common.picklist': null,
    hipaa_compliance_enabled: false,
    hipaa_compliance: null,
    _update_existing_records: false,
    number_separator: field.type === 'currency' || field.type === 'integer',
    textarea: field.type === 'textarea' ? { type: 'large' } : null,
    static_field: false,
  };
}

/** A `GET /settings/modules` element with every key the v8 OAS requires. */
export function moduleObject(module: ModuleSpec, index: number, ids: MetadataIds, modifiedBy: { name: string; id: string }): Record<string, unknown> {
  const activity = ['Tasks', 'Events', 'Calls'].includes(module.api);
  return {
    has_more_profiles: false,
    'common.search_supported': true,
    deletable: module.custom === true,
    description: null,
    creatable: true,
    recycle_bin_on_delete: true,
    inventory_template_supported: false,
    modified_time: module.custom ? '2025-06-02T10:00:00-05:00' : null,
    plural_label: module.plural,
    presence_sub_menu: false,
    triggers_supported: true,
    id: ids.module.get(module.api),
    chart_view: false,
    isBlueprintSupported: !activity,
    visibility: 1,
    visible: true,
    convertable: module.api === 'Leads',
    editable: true,
    emailTemplate_support: ['Leads', 'Contacts', 'Accounts', 'Deals'].includes(module.api),
    email_parser_supported: false,
    filter_supported: true,
    show_as_tab: true,
    web_link: null,
    sequence_number: index + 1,
    singular_label: module.singular,
    viewable: true,
    api_supported: true,
    api_name: module.api,
    quick_create: true,
    generated_type: module.custom ? 'custom' : 'default',
    feeds_required: false,
    scoring_supported: !activity,
    webform_supported: ['Leads', 'Contacts'].includes(module.api),
    arguments: [],
    module_name: module.plural,
    chart_view_supported: true,
    profile_count: 1,
    business_card_field_limit: 5,
    track_current_data: false,
    modified_by: module.custom ? modifiedBy : null,
    profiles: [{ name: 'Administrator', id: ids.profile }],
    parent_module: activity ? { api_name: 'Activities', id: null } : {},
    activity_badge: activity ? 'Enabled' : null,
    $field_states: [],
    business_card_fields: [],
    per_page: 200,
    $properties: [],
    $on_demand_properties: [],
    search_layout_fields: module.fields.slice(0, 3).map((x) => x.api),
    kanban_view_supported: module.api === 'Deals',
    lookup_field_properties: { fields: [] },
    kanban_view: false,
    related_lists: [],
    filter_status: true,
    related_list_properties: { sort_by: { api_name: null, id: null }, fields: [], sort_order: null },
    display_field: { api_name: module.fields[0]!.api, id: ids.field.get(`${module.api}.${module.fields[0]!.api}`) },
    layouts: [],
    fields: [],
    custom_view: null,
    zia_view: false,
    default_mapping_fields: [],
    layout_associations: [],
    status: 'visible',
  };
}
