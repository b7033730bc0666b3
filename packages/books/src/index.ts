import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { BooksClient, type BooksClientOptions } from './client.js';
import { booksEnvelopeReader } from './envelope.js';
import { booksTools } from './tools/index.js';

/** Options of the Books plugin: `pluginOptions: { books: { organizationId } }` in createZohoToolkit. */
export type BooksPluginOptions = BooksClientOptions;

/** Guidance every Books tool shares, said once in the toolkit's instructions. */
export const BOOKS_INSTRUCTIONS = `Zoho Books tools:
- The organization is configured (or the user's only one is used); never ask for organization_id.
- Amounts are exact decimal strings with at most 2 decimals ("1234.50"); send amounts, rates and quantities the same way. Totals are {"USD":"…"} per currency, never added across currencies.
- Dates are yyyy-mm-dd.
- Values that every row of a table shares (its currency_code, the status filtered on…) are said once in every_row beside the table, not in the rows.
- Invoice statuses: draft, sent, unpaid (every issued invoice with money owed: also overdue and partially_paid), overdue, partially_paid, paid, void.
- Customers and vendors are contacts: customer_id and vendor_id are contact_ids (books_list_customers). invoice_id is not the INV-000123 number: find it with books_list_invoices search_text.
- Estimates are quotes; bills and purchase orders are what the agency buys from vendors.`;

/**
 * Zoho Books (API v3): invoices (create, edit, send, void), customers, estimates, payments, expenses, bills,
 * purchase orders, bank transactions, journals, the chart of accounts and bank/cash balances.
 */
export const booksPlugin: ZohoPlugin<BooksClient, BooksPluginOptions> = {
  name: '@zoho-agent-kit/books',
  app: 'books',
  version: '0.1.0',
  tools: booksTools,
  readError: booksEnvelopeReader,
  createClient: (connection, options) => new BooksClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/books/emulator',
  instructions: BOOKS_INSTRUCTIONS,
};

export { BooksClient, booksEnvelopeReader };
export { BOOKS_CODES } from './envelope.js';
export * from './tools/index.js';
export { BOOKS_NAME_ID_PAIRS } from './tools/shared.js';
export { checkLines, type CheckedLines, type PreviewLine, type WireLine } from './tools/documents.js';
export { findCreatedCustomer, planCustomer, type CustomerInput, type CustomerPlan } from './tools/create-customer.js';
export { AmountFormatError, amountFromZoho, amountToWire, formatAmount, lineTotal, parseAmount, zohoAmountText } from './money.js';
export type {
  BooksAddressInput,
  BooksAmount,
  BooksBankAccount,
  BooksBankTransaction,
  BooksBill,
  BooksChartAccount,
  BooksClientOptions,
  BooksComment,
  BooksContact,
  BooksCurrency,
  BooksCustomerPayment,
  BooksEstimate,
  BooksEstimateStatus,
  BooksExpense,
  BooksInvoice,
  BooksInvoiceStatus,
  BooksJournal,
  BooksJournalLine,
  BooksLineItem,
  BooksList,
  BooksOrganization,
  BooksPageContext,
  BooksPurchaseOrder,
  CallOptions,
  CreateContactBody,
  CreateCustomerPaymentBody,
  CreateEstimateBody,
  CreateInvoiceBody,
  EmailInvoiceBody,
  ListBankTransactionsParams,
  ListBillsParams,
  ListChartOfAccountsParams,
  ListContactsParams,
  ListCustomerPaymentsParams,
  ListEstimatesParams,
  ListExpensesParams,
  ListInvoicesParams,
  ListJournalsParams,
  ListPurchaseOrdersParams,
  UpdateContactBody,
  UpdateInvoiceBody,
} from './client.js';
