import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { BooksClient, type BooksClientOptions } from './client.js';
import { booksEnvelopeReader } from './envelope.js';
import { booksTools } from './tools/index.js';

/** Options of the Books plugin: `pluginOptions: { books: { organizationId } }` in createZohoToolkit. */
export type BooksPluginOptions = BooksClientOptions;

/** Zoho Books (API v3): invoices, customers, payments, expenses and bank/cash balances. */
export const booksPlugin: ZohoPlugin<BooksClient, BooksPluginOptions> = {
  name: '@zoho-agent-kit/books',
  app: 'books',
  version: '0.1.0',
  tools: booksTools,
  readError: booksEnvelopeReader,
  createClient: (connection, options) => new BooksClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/books/emulator',
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
