import type { ZohoTool } from '@zoho-agent-kit/core';
import type { BooksClient } from '../client.js';
import { booksCreateCustomer } from './create-customer.js';
import { booksCreateEstimate } from './create-estimate.js';
import { booksCreateInvoice } from './create-invoice.js';
import { booksGetBalance } from './get-balance.js';
import { booksGetCustomer } from './get-customer.js';
import { booksGetInvoice } from './get-invoice.js';
import { booksListAccounts } from './list-accounts.js';
import { booksListBankTransactions } from './list-bank-transactions.js';
import { booksListBills } from './list-bills.js';
import { booksListCustomers } from './list-customers.js';
import { booksListEstimates } from './list-estimates.js';
import { booksListExpenses } from './list-expenses.js';
import { booksListInvoices } from './list-invoices.js';
import { booksListJournals } from './list-journals.js';
import { booksListPurchaseOrders } from './list-purchase-orders.js';
import { booksMarkInvoiceSent } from './mark-invoice-sent.js';
import { booksRecordPayment } from './record-payment.js';
import { booksSendInvoice } from './send-invoice.js';
import { booksUpdateInvoice } from './update-invoice.js';
import { booksVoidInvoice } from './void-invoice.js';

export {
  booksCreateCustomer,
  booksCreateEstimate,
  booksCreateInvoice,
  booksGetBalance,
  booksGetCustomer,
  booksGetInvoice,
  booksListAccounts,
  booksListBankTransactions,
  booksListBills,
  booksListCustomers,
  booksListEstimates,
  booksListExpenses,
  booksListInvoices,
  booksListJournals,
  booksListPurchaseOrders,
  booksMarkInvoiceSent,
  booksRecordPayment,
  booksSendInvoice,
  booksUpdateInvoice,
  booksVoidInvoice,
};

/** Every Books tool, reads first. */
export const booksTools: ZohoTool<BooksClient>[] = [
  booksListInvoices,
  booksGetInvoice,
  booksListCustomers,
  booksGetCustomer,
  booksGetBalance,
  booksListExpenses,
  booksListEstimates,
  booksListPurchaseOrders,
  booksListBills,
  booksListBankTransactions,
  booksListJournals,
  booksListAccounts,
  booksCreateInvoice,
  booksUpdateInvoice,
  booksSendInvoice,
  booksMarkInvoiceSent,
  booksVoidInvoice,
  booksRecordPayment,
  booksCreateCustomer,
  booksCreateEstimate,
];
