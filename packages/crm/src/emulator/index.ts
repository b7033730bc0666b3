/**
 * The Zoho CRM (API v8) slice of the emulator: records, search, COQL, module metadata, the org and its
 * users over the shared agency world. Documented choices where Zoho is ambiguous: an unknown record id is
 * 400 INVALID_DATA (not 204); unknown names in `fields=` are 400 INVALID_DATA; unknown keys in a write are
 * ignored, as Zoho does; standard-layout mandatory fields are enforced unless `layoutMandatory: false`;
 * a non-numeric record id in a path is a path the emulator does not serve (404 INVALID_URL_PATTERN); a
 * method a served path does not take is 400 INVALID_REQUEST_METHOD.
 */
import type { EmulatorApp, EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { crmError, crmRoutes } from './routes.js';
import { seedState, agencyUsers } from './seed.js';

export { CRM_ONLY_CLIENT } from './seed.js';
import { createEmptyState, type CrmEmulatorOptions, type CrmState } from './state.js';

export type { CrmEmulatorOptions, CrmState, CrmUser, ModuleStore, StoredAttachment, StoredNote, StoredRecord, PageTokenEntry } from './state.js';
export { MODULES as CRM_EMULATOR_MODULES, type FieldSpec, type ModuleSpec } from './metadata.js';

const DEFAULTS: Required<CrmEmulatorOptions> = { layoutMandatory: true, leads: 2150, coqlAggregates: true, attachmentMaxBytes: 20 * 1024 * 1024 };

/** Every scope the emulator's demo credentials get for CRM. */
export const CRM_EMULATOR_SCOPES = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.coql.READ', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'];

const envelope = (status: number, code: string, message: string): EmulatorResponse => crmError(status, code, message, {});

export function createCrmEmulator(options: CrmEmulatorOptions = {}): EmulatorApp<CrmState> {
  const resolved: Required<CrmEmulatorOptions> = { ...DEFAULTS, ...options };
  return {
    app: 'crm',
    basePath: '',
    scopes: CRM_EMULATOR_SCOPES,
    createState: ({ seed, randomSeed }) => (seed ? seedState(resolved, randomSeed) : createEmptyState(resolved, agencyUsers())),
    routes: crmRoutes,
    errors: {
      invalidToken: () => envelope(401, 'INVALID_TOKEN', 'invalid oauth token'),
      scopeMismatch: () => envelope(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'),
      throttled: () => envelope(429, 'TOO_MANY_REQUESTS', 'The number of API requests has exceeded the allowed limit'),
      notFound: () => envelope(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
      methodNotAllowed: () => envelope(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'),
      // users.json names its 5xx INTERNAL_SERVER_ERROR; record.json and the digest INTERNAL_ERROR.
      serverError: (status, path) =>
        /^\/crm\/[^/]+\/users(\/|$)/.test(path ?? '')
          ? envelope(status, 'INTERNAL_SERVER_ERROR', 'Internal server error occurred.')
          : envelope(status, 'INTERNAL_ERROR', 'Internal server error occurred.'),
    },
    describe: () => ({ example: '/crm/v8/Accounts?fields=Account_Name,Industry,Owner&per_page=5' }),
    // Zoho meters credits per day and concurrency; a per-minute window is the emulator's stand-in.
    rateLimit: { limit: 200, windowMs: 60_000 },
  };
}

/** The CRM emulator app with default options (2,150 seeded Leads, layout-mandatory fields enforced). */
export const crmEmulator: EmulatorApp<CrmState> = createCrmEmulator();
