import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { CrmClient, type CrmClientOptions } from './client.js';
import { crmEnvelopeReader } from './envelope.js';
import { crmTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Guidance every CRM tool shares, said once in the toolkit's instructions. */
export const CRM_INSTRUCTIONS = `Zoho CRM tools:
- module is a module API name, case-sensitive: Leads, Contacts, Accounts, Deals, Tasks, Events (meetings), Calls, Products, Campaigns, or a custom module's. Fields are named by API name (Last_Name, Account_Name). Call crm_describe_module for a module's field API names, types and picklist values (and without module for every module) instead of guessing.
- Values: dates "2026-03-31"; date-times with offset "2026-03-31T15:00:00-05:00"; lookups and Owner as {"id":"…"}; multi-select picklists as lists; null clears a field. Writes are checked against the module's fields (names, picklist values, types, lengths) before the user is asked.
- Records leave out Zoho's audit fields (Created_Time, Modified_Time, Created_By, Modified_By) unless you name them in fields.
- crm_search finds by value, crm_list_records browses in id or time order, crm_coql_query filters and sorts on any field, crm_get_record reads one id; a record's notes, files, activities and related lists come from the tools named for them, with its module and id.
- COQL: select F1, F2 from Module [where …] [order by F asc|desc] [limit n [offset m]]; no select *; limit at most 2000 (default 200); strings in single quotes; a lookup's fields as Account_Name.Account_Name; group more than two conditions in pairs: ((A and B) and C).`;

/** Zoho CRM for LangChain agents: records, COQL, metadata, pipeline, activities, notes, related lists, lead conversion, upsert and attachments. */
export const crmPlugin: ZohoPlugin<CrmClient, CrmClientOptions> = {
  name: '@zoho-agent-kit/crm',
  app: 'crm',
  version,
  tools: crmTools,
  readError: crmEnvelopeReader,
  createClient: (connection, options) => new CrmClient(connection, options),
  emulator: '@zoho-agent-kit/crm/emulator',
  instructions: CRM_INSTRUCTIONS,
};

export {
  CrmClient,
  buildCriteria,
  criteriaCondition,
  escapeCriteriaValue,
  CRITERIA_OPERATORS,
  type CrmClientOptions,
  type CrmDownload,
  type CrmField,
  type CrmInfo,
  type CrmListResponse,
  type CrmModule,
  type CrmRecord,
  type CrmRelatedList,
  type CrmSortBy,
  type CrmUserInfo,
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
export { AUDIT_FIELDS, recordSaved, shapeRecord } from './shape.js';
export * from './tools/index.js';
