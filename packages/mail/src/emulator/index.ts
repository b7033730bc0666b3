/**
 * The Zoho Mail slice of the emulator, mounted at `/_mail` on the emulator's origin (Zoho's own paths below
 * it). Routes, error answers and the choices made where Zoho's behaviour is unconfirmed are in ./routes.ts; the
 * seed (core's AGENCY world: the CEO's mailbox and the shared hello@ mailbox) is in ./seed.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [mailEmulator] });
 * const quiet = await startEmulator({ apps: [createMailEmulator({ rateLimit: false })] });
 * ```
 */
import { AGENCY, type EmulatorApp, type EmulatorRateLimit } from '@zoho-agent-kit/core/emulator';
import { mailErrors, mailRoutes } from './routes.js';
import { seedMail } from './seed.js';
import { newMailIds, type MailState } from './state.js';

export type { EmuAddress, EmuAttachment, EmuFlag, EmuFolder, EmuFolderType, EmuLabel, EmuMailAccount, EmuMessage, EmuUpload, MailState } from './state.js';
export { findAccount, folderOfType, plainText } from './state.js';
export { MAIL_EMULATOR_CODES, mailError, mailJson, mailOk } from './wire.js';
export { parseSearchKey, SEARCH_PARAMETERS } from './search.js';

/** Every scope the emulator's demo credentials get for Zoho Mail. */
export const MAIL_EMULATOR_SCOPES: string[] = ['ZohoMail.accounts.ALL', 'ZohoMail.folders.ALL', 'ZohoMail.messages.ALL', 'ZohoMail.tags.ALL'];

export interface MailEmulatorOptions {
  /** Requests per window per grant; false for none. Default: 30 requests a minute, as Zoho Mail. */
  rateLimit?: EmulatorRateLimit | false;
}

/** Fresh Mail state: seeded (the agency's mailboxes) or empty (no accounts at all). */
export function createMailState({ seed, now }: { seed: boolean; now: number }): MailState {
  const state: MailState = { accounts: [], ids: newMailIds(), domain: `mail.${AGENCY.domain}` };
  if (seed) seedMail(state, now);
  return state;
}

/** A Zoho Mail emulator slice with its own options; `mailEmulator` is this with the defaults. */
export function createMailEmulator(options: MailEmulatorOptions = {}): EmulatorApp<MailState> {
  const app: EmulatorApp<MailState> = {
    app: 'mail',
    basePath: '/_mail',
    scopes: MAIL_EMULATOR_SCOPES,
    createState: ({ seed, now }) => createMailState({ seed, now }),
    routes: mailRoutes,
    errors: mailErrors,
    describe: (state) => {
      const account = state.accounts[0];
      if (!account) return {};
      return { ids: { ZOHO_MAIL_ACCOUNT_ID: account.accountId }, example: `/api/accounts/${account.accountId}/messages/view?limit=5` };
    },
  };
  // Zoho documents 30 requests a minute (mail.md §9); the agency's 250 a day is a client-side budget only.
  if (options.rateLimit !== false) app.rateLimit = options.rateLimit ?? { limit: 30, windowMs: 60_000 };
  return app;
}

/** The Zoho Mail emulator slice with defaults. */
export const mailEmulator: EmulatorApp<MailState> = createMailEmulator();
