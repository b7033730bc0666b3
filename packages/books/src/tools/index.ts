import type { ZohoTool } from '@zoho-agent-kit/core';
import type { BooksClient } from '../client.js';
import { booksCreateInvoice } from './create-invoice.js';
import { booksGetBalance } from './get-balance.js';
import { booksGetCustomer } from './get-customer.js';
import { booksGetInvoice } from './get-invoice.js';
import { booksListCustomers } from './list-customers.js';
import { booksListExpenses } from './list-expenses.js';
import { booksListInvoices } from './list-invoices.js';
import { booksRecordPayment } from './record-payment.js';

export { booksCreateInvoice, booksGetBalance, booksGetCustomer, booksGetInvoice, booksListCustomers, booksListExpenses, booksListInvoices, booksRecordPayment };

/** Every Books tool, reads first. */
export const booksTools: ZohoTool<BooksClient>[] = [
  booksListInvoices,
  booksGetInvoice,
  booksListCustomers,
  booksGetCustomer,
  booksGetBalance,
  booksListExpenses,
  booksCreateInvoice,
  booksRecordPayment,
];
