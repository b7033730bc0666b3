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
- Customers are contacts: customer_id is a contact_id (books_list_customers). invoice_id is not the INV-000123 number: find it with books_list_invoices search_text.`;

/** Zoho Books (API v3): invoices, customers, payments, expenses and bank/cash balances. */
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

export { BooksClient, booksEnvelopeReader, booksTools };
export { BOOKS_CODES } from './envelope.js';
export {
  booksCreateInvoice,
  booksGetBalance,
  booksGetCustomer,
  booksGetInvoice,
  booksListCustomers,
  booksListExpenses,
  booksListInvoices,
  booksRecordPayment,
} from './tools/index.js';
export { AmountFormatError, amountFromZoho, amountToWire, formatAmount, lineTotal, parseAmount, zohoAmountText } from './money.js';
export type {
  BooksAmount,
  BooksBankAccount,
  BooksChartAccount,
  BooksClientOptions,
  BooksContact,
  BooksCustomerPayment,
  BooksExpense,
  BooksInvoice,
  BooksInvoiceStatus,
  BooksLineItem,
  BooksList,
  BooksOrganization,
  BooksPageContext,
  CallOptions,
  CreateCustomerPaymentBody,
  CreateInvoiceBody,
  ListChartOfAccountsParams,
  ListContactsParams,
  ListExpensesParams,
  ListInvoicesParams,
} from './client.js';
