import type { ZohoTool } from '@zoho-agent-kit/core';
import type { CrmClient } from '../client.js';
import { crmCoqlQuery } from './coql-query.js';
import { crmCreateRecord } from './create-record.js';
import { crmDeleteRecord } from './delete-record.js';
import { crmDescribeModule } from './describe-module.js';
import { crmGetRecord } from './get-record.js';
import { crmListRecords } from './list-records.js';
import { crmSearch } from './search.js';
import { crmUpdateRecord } from './update-record.js';

export { crmCoqlQuery, crmCreateRecord, crmDeleteRecord, crmDescribeModule, crmGetRecord, crmListRecords, crmSearch, crmUpdateRecord };

/** Every CRM tool, reads first. */
export const crmTools: ZohoTool<CrmClient>[] = [
  crmSearch,
  crmGetRecord,
  crmListRecords,
  crmCoqlQuery,
  crmDescribeModule,
  crmCreateRecord,
  crmUpdateRecord,
  crmDeleteRecord,
];
