import { createRequire } from 'node:module';
import type { ZohoCrossAppPlugin } from '@zoho-agent-kit/core';
import { flowBillProjectTime } from './tools/bill-project-time.js';
import { flowClient360 } from './tools/client-360.js';
import { flowCompareCustomers } from './tools/compare-customers.js';
import { flowInvoiceWonDeal } from './tools/invoice-won-deal.js';
import { flowPostProjectStatus } from './tools/post-project-status.js';
import { flowProjectStatusReport } from './tools/project-status-report.js';
import { flowScheduleMeeting } from './tools/schedule-meeting.js';
import { flowSyncCustomersToBooks } from './tools/sync-customers-to-books.js';
import { flowSyncCustomersToCrm } from './tools/sync-customers-to-crm.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

export const workflowTools = [
  flowCompareCustomers,
  flowSyncCustomersToBooks,
  flowSyncCustomersToCrm,
  flowInvoiceWonDeal,
  flowBillProjectTime,
  flowProjectStatusReport,
  flowPostProjectStatus,
  flowScheduleMeeting,
  flowClient360,
];

/** Said once in the toolkit's instructions for every workflow tool. */
export const WORKFLOWS_INSTRUCTIONS = `Workflow tools (flow_…) do a job across apps in one call:
- Each write flow plans everything first and asks once; its items are sent one by one, each checked when an answer is lost. A flow that stopped part way lists what was applied, what was not, and how to resume: run the same call again; what was done is found in Zoho (cross-references, invoice references, billed marks) and not sent twice.
- A flow with nothing left to do says so without asking.
- Parts a role may not use are left out and named (left_out), or refused with the field to drop.
- Amounts are decimal strings ("95.00"); dates yyyy-mm-dd.`;

export const workflowsPlugin: ZohoCrossAppPlugin = {
  name: '@zoho-agent-kit/workflows',
  app: 'flow',
  apps: ['crm', 'books', 'projects', 'cliq', 'calendar', 'mail'],
  version,
  tools: workflowTools,
  instructions: WORKFLOWS_INSTRUCTIONS,
};

export { runBatch, countLine, type BatchItem, type BatchDone, type Sender } from './batch.js';
export { compareCustomers, matchCustomers, loadCrm, loadBooks, booksCustomerFor, BOOKS_XREF, CRM_XREF, CRM_XREF_TITLE, type CustomerComparison, type CustomerPair } from './customers.js';
export { timeReference } from './tools/bill-project-time.js';
export { DEAL_REFERENCE, DEAL_NOTE_TITLE } from './tools/invoice-won-deal.js';
export type { FlowClients } from './shared.js';
export {
  flowBillProjectTime,
  flowClient360,
  flowCompareCustomers,
  flowInvoiceWonDeal,
  flowPostProjectStatus,
  flowProjectStatusReport,
  flowScheduleMeeting,
  flowSyncCustomersToBooks,
  flowSyncCustomersToCrm,
};
