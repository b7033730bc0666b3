/**
 * What the plugin knows about Zoho CRM's standard modules without asking: the fields that must be present
 * on create (system-mandatory plus those the standard layout requires), the fields a list shows first, and
 * the field that names a record. Custom modules are described live.
 */
export interface StandardModule {
  /** Fields Zoho itself requires on create. */
  mandatory: readonly string[];
  /** Fields the standard layout also requires (orgs may change layouts). */
  layoutMandatory: readonly string[];
  /** The fields a list shows first (the rest of the module's fields follow). */
  listFields: readonly string[];
  /** Fields that name a record for a person ("Bob Burns", "Website redesign"). */
  nameFields: readonly string[];
}

const SYSTEM = ['Owner'];

export const STANDARD_MODULES: Readonly<Record<string, StandardModule>> = {
  Leads: {
    mandatory: ['Last_Name'],
    layoutMandatory: ['Company'],
    listFields: ['First_Name', 'Last_Name', 'Company', 'Email', 'Phone', 'Lead_Status', 'Lead_Source', 'Industry', ...SYSTEM],
    nameFields: ['Full_Name', 'First_Name', 'Last_Name', 'Company'],
  },
  Contacts: {
    mandatory: ['Last_Name'],
    layoutMandatory: [],
    listFields: ['First_Name', 'Last_Name', 'Account_Name', 'Email', 'Phone', 'Title', 'Mailing_City', ...SYSTEM],
    nameFields: ['Full_Name', 'First_Name', 'Last_Name'],
  },
  Accounts: {
    mandatory: ['Account_Name'],
    layoutMandatory: [],
    listFields: ['Account_Name', 'Industry', 'Website', 'Phone', 'Billing_City', 'Billing_Country', 'Account_Type', ...SYSTEM],
    nameFields: ['Account_Name'],
  },
  Deals: {
    mandatory: ['Deal_Name', 'Stage'],
    layoutMandatory: ['Closing_Date', 'Account_Name'],
    listFields: ['Deal_Name', 'Stage', 'Amount', 'Closing_Date', 'Account_Name', 'Contact_Name', 'Probability', ...SYSTEM],
    nameFields: ['Deal_Name'],
  },
  Tasks: {
    mandatory: ['Subject'],
    layoutMandatory: [],
    listFields: ['Subject', 'Status', 'Priority', 'Due_Date', 'What_Id', 'Who_Id', ...SYSTEM],
    nameFields: ['Subject'],
  },
  Events: {
    mandatory: ['Event_Title', 'Start_DateTime', 'End_DateTime'],
    layoutMandatory: [],
    listFields: ['Event_Title', 'Start_DateTime', 'End_DateTime', 'Venue', 'What_Id', 'Who_Id', ...SYSTEM],
    nameFields: ['Event_Title'],
  },
  Calls: {
    mandatory: ['Call_Type', 'Call_Start_Time'],
    layoutMandatory: [],
    listFields: ['Subject', 'Call_Type', 'Call_Start_Time', 'Call_Duration', 'What_Id', 'Who_Id', ...SYSTEM],
    nameFields: ['Subject'],
  },
  Products: {
    mandatory: ['Product_Name'],
    layoutMandatory: [],
    listFields: ['Product_Name', 'Product_Code', 'Product_Category', 'Unit_Price', 'Product_Active', ...SYSTEM],
    nameFields: ['Product_Name'],
  },
  Campaigns: {
    mandatory: ['Campaign_Name'],
    layoutMandatory: ['Type'],
    listFields: ['Campaign_Name', 'Type', 'Status', 'Start_Date', 'End_Date', 'Expected_Revenue', ...SYSTEM],
    nameFields: ['Campaign_Name'],
  },
  Vendors: { mandatory: ['Vendor_Name'], layoutMandatory: [], listFields: ['Vendor_Name', 'Email', 'Phone', 'Website', ...SYSTEM], nameFields: ['Vendor_Name'] },
  Price_Books: { mandatory: ['Price_Book_Name'], layoutMandatory: [], listFields: ['Price_Book_Name', 'Active', 'Pricing_Model', ...SYSTEM], nameFields: ['Price_Book_Name'] },
  Cases: {
    mandatory: ['Status', 'Case_Origin', 'Subject'],
    layoutMandatory: [],
    listFields: ['Subject', 'Status', 'Case_Origin', 'Priority', 'Account_Name', ...SYSTEM],
    nameFields: ['Subject'],
  },
  Solutions: { mandatory: ['Solution_Title'], layoutMandatory: ['Question', 'Answer'], listFields: ['Solution_Title', 'Status', 'Question', ...SYSTEM], nameFields: ['Solution_Title'] },
  Quotes: { mandatory: ['Subject', 'Quoted_Items'], layoutMandatory: ['Account_Name'], listFields: ['Subject', 'Quote_Stage', 'Account_Name', 'Grand_Total', 'Valid_Till', ...SYSTEM], nameFields: ['Subject'] },
  Sales_Orders: { mandatory: ['Subject', 'Ordered_Items'], layoutMandatory: ['Account_Name'], listFields: ['Subject', 'Status', 'Account_Name', 'Grand_Total', 'Due_Date', ...SYSTEM], nameFields: ['Subject'] },
  Purchase_Orders: { mandatory: ['Subject', 'Vendor_Name', 'Purchase_Items'], layoutMandatory: [], listFields: ['Subject', 'Status', 'Vendor_Name', 'Grand_Total', 'Due_Date', ...SYSTEM], nameFields: ['Subject'] },
  Invoices: { mandatory: ['Subject', 'Invoiced_Items'], layoutMandatory: ['Account_Name'], listFields: ['Subject', 'Status', 'Account_Name', 'Grand_Total', 'Due_Date', ...SYSTEM], nameFields: ['Subject'] },
};

export function standardModule(module: string): StandardModule | undefined {
  return Object.hasOwn(STANDARD_MODULES, module) ? STANDARD_MODULES[module] : undefined;
}

/** Every field a create must carry for a standard module (system plus standard-layout mandatory). */
export function mandatoryFieldsFor(module: string): string[] {
  const m = standardModule(module);
  return m ? [...m.mandatory, ...m.layoutMandatory] : [];
}

/** A short human name for a record, from its module's name fields (falls back to the id). */
export function recordLabel(module: string, record: Record<string, unknown>): string {
  const names = standardModule(module)?.nameFields ?? ['Name', `${module.replace(/s$/, '')}_Name`];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  // People by their whole name ("Homer Simpson", not "Homer"), a lead with its company.
  const person = names.includes('Last_Name') ? text(record.Full_Name) ?? ([text(record.First_Name), text(record.Last_Name)].filter(Boolean).join(' ') || undefined) : undefined;
  const first = person ?? names.map((f) => text(record[f])).find(Boolean);
  const company = person && names.includes('Company') ? text(record.Company) : undefined;
  const label = first ? (company ? `${first}, ${company}` : first) : undefined;
  const id = typeof record.id === 'string' ? record.id : undefined;
  return label && id ? `${label} (${id})` : (label ?? id ?? 'record');
}
