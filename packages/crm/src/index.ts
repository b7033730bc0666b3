import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { CrmClient, type CrmClientOptions } from './client.js';
import { crmEnvelopeReader } from './envelope.js';
import { crmTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Zoho CRM for LangChain agents: search, list, get, create, update, delete, COQL and module metadata. */
export const crmPlugin: ZohoPlugin<CrmClient, CrmClientOptions> = {
  name: '@zoho-agent-kit/crm',
  app: 'crm',
  version,
  tools: crmTools,
  readError: crmEnvelopeReader,
  createClient: (connection, options) => new CrmClient(connection, options),
  emulator: '@zoho-agent-kit/crm/emulator',
};

export {
  CrmClient,
  buildCriteria,
  criteriaCondition,
  escapeCriteriaValue,
  CRITERIA_OPERATORS,
  type CrmClientOptions,
  type CrmField,
  type CrmInfo,
  type CrmListResponse,
  type CrmModule,
  type CrmRecord,
  type CrmSortBy,
  type CrmWriteResponse,
  type CrmWriteResult,
  type CriteriaCondition,
  type CriteriaOperator,
  type CriteriaValue,
  type ListRecordsOptions,
  type SearchBy,
  type SearchRecordsOptions,
  type WriteOptions,
} from './client.js';
export { crmEnvelopeReader } from './envelope.js';
export { STANDARD_MODULES, mandatoryFieldsFor, type StandardModule } from './modules.js';
export { shapeRecord } from './shape.js';
export {
  crmTools,
  crmCoqlQuery,
  crmCreateRecord,
  crmDeleteRecord,
  crmDescribeModule,
  crmGetRecord,
  crmListRecords,
  crmSearch,
  crmUpdateRecord,
} from './tools/index.js';
