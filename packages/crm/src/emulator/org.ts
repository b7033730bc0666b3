/**
 * The org and its users as `GET /crm/v8/org` and `GET /crm/v8/users` send them (every key the v8 OAS
 * marks required): Northwind Creative, in New York, in US dollars; its staff are the CRM users, and the
 * first of them (Maya Ortiz, the CEO) is the administrator the API acts as and who owns seeded records.
 */
import { AGENCY, createIdGenerator } from '@zoho-agent-kit/core/emulator';
import { zohoDateTime, type CrmState, type CrmUser } from './state.js';

/** Milliseconds Zoho reports as a user's `offset` (America/New_York without daylight saving, as the emulator's clock). */
const ORG_OFFSET_MS = -5 * 3_600_000;
const ORG_CREATED = Date.UTC(2023, 2, 1, 14, 0, 0);

const next = createIdGenerator('4150868000', 2_000);
export const ORG_ID = next();
const ZGID = '812345678';
const ADMIN_PROFILE_ID = next();
const STANDARD_PROFILE_ID = next();
const ROLE_IDS = new Map<string, string>();

function roleId(role: string): string {
  let id = ROLE_IDS.get(role);
  if (!id) ROLE_IDS.set(role, (id = next()));
  return id;
}

/** Zoho's `zuid` (the Zoho account id) of a user: a stable 9-digit number. */
export function zuidOf(user: CrmUser): string {
  return String(700_000_000 + Number(user.id.slice(-6)));
}

export function isAdmin(state: CrmState, user: CrmUser): boolean {
  return user.id === state.currentUser.id;
}

/** One element of `users[]`. */
export function userObject(state: CrmState, user: CrmUser, index: number): Record<string, unknown> {
  const admin = state.currentUser;
  const created = zohoDateTime(ORG_CREATED + index * 86_400_000);
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    full_name: user.name,
    email: user.email,
    status: 'active',
    confirm: true,
    category: 'regular_user',
    role: { name: user.role, id: roleId(user.role) },
    profile: isAdmin(state, user) ? { name: 'Administrator', id: ADMIN_PROFILE_ID } : { name: 'Standard', id: STANDARD_PROFILE_ID },
    // The OAS types this as an object; Zoho sends the IANA name (see the CRM README's emulator notes).
    time_zone: AGENCY.timeZone,
    offset: ORG_OFFSET_MS,
    Currency: AGENCY.currency,
    country: 'US',
    country_locale: 'en_US',
    locale: 'en_US',
    language: 'en_US',
    time_format: 'hh:mm a',
    date_format: 'MMM d, yyyy',
    decimal_separator: 'Period',
    name_format__s: 'Salutation,First Name,Last Name',
    sort_order_preference__s: 'First Name,Last Name',
    zuid: zuidOf(user),
    Isonline: false,
    personal_account: false,
    sandboxDeveloper: false,
    microsoft: false,
    default_tab_group: '0',
    created_time: created,
    created_by: { name: admin.name, id: admin.id },
    Modified_Time: created,
    Modified_By: { name: admin.name, id: admin.id, first_name: admin.first_name, last_name: admin.last_name },
    Reporting_To: isAdmin(state, user) ? null : { name: admin.name, id: admin.id },
    customize_info: { notes_desc: null, show_right_panel: null, bc_view: null, unpin_recent_item: null, show_home: false, show_detail_view: true },
    theme: {
      normal_tab: { font_color: '#FFFFFF', background: '#222222' },
      selected_tab: { font_color: '#FFFFFF', background: '#222222' },
      new_background: null,
      background: '#F3F0EB',
      screen: 'fixed',
      type: 'default',
    },
    $current_shift: null,
    $next_shift: null,
    $shift_effective_from: null,
    status_reason__s: null,
    phone: null,
    mobile: null,
    fax: null,
    website: null,
    alias: null,
    signature: null,
    dob: null,
    street: null,
    city: null,
    state: null,
    zip: null,
  };
}

/** The one element of `org[]`. */
export function orgObject(state: CrmState): Record<string, unknown> {
  const admin = state.currentUser;
  return {
    id: ORG_ID,
    company_name: AGENCY.name,
    domain_name: `org${ZGID}`,
    alias: null,
    primary_email: admin.email,
    primary_zuid: zuidOf(admin),
    zgid: ZGID,
    ezgid: `e${ZGID}`,
    zia_zgid: Number(ZGID),
    zia_portal_id: null,
    currency: AGENCY.currency,
    iso_code: AGENCY.currency,
    currency_symbol: '$',
    currency_locale: 'en_US',
    time_zone: AGENCY.timeZone,
    country: 'United States',
    country_code: 'US',
    street: null,
    city: 'New York',
    state: 'New York',
    zip: null,
    phone: '+1 212 555 0100',
    mobile: null,
    fax: null,
    website: `https://${AGENCY.domain}`,
    description: null,
    employee_count: String(state.users.length),
    photo_id: null,
    type: 'Production',
    mc_status: false,
    gapps_enabled: false,
    translation_enabled: false,
    privacy_settings: false,
    hipaa_compliance_enabled: false,
    lite_users_enabled: false,
    deletable_org_account: false,
    oauth_presence: true,
    call_icon: 'none',
    max_per_page: 200,
    created_time: zohoDateTime(ORG_CREATED),
    license_details: {
      paid: true,
      paid_type: 'enterprise',
      paid_expiry: zohoDateTime(Date.UTC(2026, 11, 31, 17, 0, 0)),
      users_license_purchased: 10,
      trial_type: null,
      trial_expiry: null,
      trial_action: 'none',
    },
    hierarchy_preferences: { type: 'Role_Hierarchy', strictly_reporting: false },
    checkin_preferences: { restricted_event_types: null },
  };
}
