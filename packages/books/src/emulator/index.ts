/**
 * The Zoho Books slice of the emulator: `/books/v3/...` on the emulator's origin (basePath ''), with
 * organizations, invoices (with their history, e-mail and status changes), contacts, currencies, estimates,
 * purchase orders, bills, expenses, bank accounts and transactions, chart of accounts, journals and customer
 * payments. Route behaviour and the choices made where Zoho's is unconfirmed are documented at the top of
 * ./routes.ts, ./routes-sales.ts and ./routes-accounting.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [booksEmulator] });                       // one organization
 * const emu2 = await startEmulator({ apps: [createBooksEmulator({ dailyLimit: 5, extraOrganizations: [{ name: 'Northwind EU' }] })] });
 * addBooksOrganization(emu.state<BooksState>('books'), { name: 'Second Org' });   // at run time
 * ```
 */
import type { EmulatorApp } from '@zoho-agent-kit/core/emulator';
import { booksError } from './http.js';
import { booksRoutes } from './routes.js';
import { DEFAULT_ORGANIZATION_ID, emptyOrganization, seedOrganization, type OrganizationInit } from './seed.js';
import { newIdGenerator, type BooksOrgData, type BooksState } from './state.js';

export type {
  BankTransactionStatus,
  BillStatus,
  BooksOrgData,
  BooksState,
  EmuAccount,
  EmuBankTransaction,
  EmuBill,
  EmuComment,
  EmuContact,
  EmuCurrency,
  EmuEstimate,
  EmuExpense,
  EmuInvoice,
  EmuJournal,
  EmuLineItem,
  EmuOrganization,
  EmuPayment,
  EmuPurchaseOrder,
  EstimateStatus,
  InvoiceStatus,
} from './state.js';
export { billBalanceCents, billStatus, estimateStatus, invoiceBalanceCents, invoiceStatus } from './state.js';
export { DEFAULT_ORGANIZATION_ID, SEED_INCONSISTENCIES, type OrganizationInit } from './seed.js';

/** Zoho's Free plan allows 1,000 calls per organization per day; paid plans 2,000–10,000. */
export const DEFAULT_DAILY_LIMIT = 10_000;

export interface BooksEmulatorOptions {
  /** Calls per organization per UTC day before HTTP 429 code 45 (default 10,000). */
  dailyLimit?: number;
  /** Name and id of the seeded organization (default Northwind Creative, 60012345678). */
  organization?: OrganizationInit;
  /** More organizations of the same user (empty books: chart of accounts only), e.g. to test code 6024. */
  extraOrganizations?: OrganizationInit[];
  /** Per-minute limit per grant (Books: 100 per minute per organization); false for none. */
  rateLimit?: { limit: number; windowMs: number } | false;
}

let extraOrgCounter = 0;

/**
 * Adds an organization to a running emulator's Books state (the user now belongs to several, so calls
 * without organization_id get code 6024). Returns the new organization's data.
 */
export function addBooksOrganization(state: BooksState, init: OrganizationInit): BooksOrgData {
  const id = init.organization_id ?? String(70012345678 + ++extraOrgCounter * 1000);
  if (state.organizations.some((o) => o.organization.organization_id === id)) throw new Error(`organization ${id} already exists`);
  const org = emptyOrganization({ ...init, organization_id: id }, false, state.nextId, Date.now());
  state.organizations.push(org);
  return org;
}

/** A Books emulator slice with its own options; `booksEmulator` is this with the defaults. */
export function createBooksEmulator(options: BooksEmulatorOptions = {}): EmulatorApp<BooksState> {
  const app: EmulatorApp<BooksState> = {
    app: 'books',
    basePath: '',
    scopes: [
      'ZohoBooks.invoices.ALL',
      'ZohoBooks.contacts.ALL',
      'ZohoBooks.expenses.ALL',
      'ZohoBooks.banking.ALL',
      'ZohoBooks.accountants.ALL',
      'ZohoBooks.settings.ALL',
      'ZohoBooks.customerpayments.ALL',
      'ZohoBooks.estimates.ALL',
      'ZohoBooks.purchaseorders.ALL',
      'ZohoBooks.bills.ALL',
    ],
    createState({ seed, now, randomSeed }) {
      const nextId = newIdGenerator();
      const main = emptyOrganization(options.organization ?? { name: 'Northwind Creative', organization_id: DEFAULT_ORGANIZATION_ID }, true, nextId, now);
      if (seed) seedOrganization(main, nextId, now, randomSeed);
      const state: BooksState = { organizations: [main], dailyLimit: options.dailyLimit ?? DEFAULT_DAILY_LIMIT, nextId };
      (options.extraOrganizations ?? []).forEach((init, i) => {
        state.organizations.push(emptyOrganization({ ...init, organization_id: init.organization_id ?? String(70012345678 + i) }, false, nextId, now));
      });
      return state;
    },
    routes: booksRoutes,
    errors: {
      invalidToken: () => booksError(401, 57, 'You are not authorized to perform this operation'),
      scopeMismatch: () => booksError(401, 57, 'You are not authorized to perform this operation'),
      throttled: () => booksError(429, 44, 'You have made too many requests in a short time. The maximum is 100 requests per minute per organization; please try again after some time.'),
      notFound: () => booksError(404, 5, 'Invalid URL Passed'),
      // HTTP 405 is in the digest's status list; the code and text are unconfirmed.
      methodNotAllowed: (method) => booksError(405, 37, `The HTTP method ${method} is not allowed for the requested resource`),
      serverError: (status) => booksError(status, 1000, 'Internal error'),
    },
    describe: (state) => {
      const id = state.organizations[0]!.organization.organization_id;
      return { ids: { ZOHO_BOOKS_ORGANIZATION_ID: id }, example: `/books/v3/invoices?organization_id=${id}&per_page=5` };
    },
  };
  if (options.rateLimit !== false) app.rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 };
  return app;
}

/** The Books emulator slice with defaults: one seeded organization, 10,000 calls a day, 100 a minute. */
export const booksEmulator: EmulatorApp<BooksState> = createBooksEmulator();
