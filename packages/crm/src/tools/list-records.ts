import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, ListRecordsOptions } from '../client.js';
import { standardModule } from '../modules.js';
import { shapePage, type PageHint } from '../shape.js';
import { fieldsInput, moduleInput, PAGE_WALL } from './common.js';

/** How many fields to list for a custom module when the caller names none. */
const CUSTOM_DEFAULT_FIELDS = 15;

const input = z.object({
  module: moduleInput,
  fields: fieldsInput.describe('Field API names to return (max 50). Default: a useful set for standard modules; the first fields of a custom module.'),
  sort_by: z.enum(['id', 'Created_Time', 'Modified_Time']).optional().describe('Sort key; Zoho allows only id, Created_Time or Modified_Time (default id).'),
  sort_order: z.enum(['asc', 'desc']).optional().describe('asc or desc (default desc: newest first).'),
  page: z.number().int().min(1).default(1).describe('Page number from 1; only while page × per_page ≤ 2000. Use next_page from the previous result.'),
  per_page: z.number().int().min(1).max(200).default(10).describe('Records per page, 1–200 (default 10).'),
  page_token: z.string().min(1).max(500).optional().describe('Cursor for records beyond the first 2,000: pass next_page_token from the previous result (then omit page).'),
});

type Input = z.infer<typeof input>;

/** The fields to ask for: the caller's, the standard set, or the first writable-looking fields of a custom module. */
async function fieldsFor(args: Input, client: CrmClient, signal?: AbortSignal): Promise<string[]> {
  if (args.fields) return args.fields;
  const standard = standardModule(args.module);
  if (standard) return [...standard.listFields];
  const meta = await client.getFields(args.module, signal ? { signal } : {});
  const useful = meta.filter((f) => f.visible !== false && !['profileimage', 'subform', 'multiselectlookup', 'fileupload', 'imageupload'].includes(f.data_type));
  const first = [...useful.filter((f) => f.system_mandatory), ...useful.filter((f) => !f.system_mandatory)].slice(0, CUSTOM_DEFAULT_FIELDS).map((f) => f.api_name);
  return first.length ? first : ['id'];
}

function nextHint(result: CrmListResponse, args: Input): PageHint {
  if (result.info.more_records !== true) return {};
  if (!args.page_token && (args.page + 1) * args.per_page <= PAGE_WALL) {
    return { next_page: args.page + 1, next: `call crm_list_records again with the same arguments and page=${args.page + 1}` };
  }
  const token = result.info.next_page_token;
  if (!token) return {};
  return { next_page_token: token, next: 'call crm_list_records again with the same arguments, page_token=next_page_token and no page (the 2,000-record page limit is passed)' };
}

export const crmListRecords = defineZohoTool({
  name: 'crm_list_records',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Browse the records of one Zoho CRM module page by page, newest first (or sorted by id, Created_Time or Modified_Time). Use it to walk or sample a module; use crm_search to find records matching a value, crm_coql_query to filter/sort by other fields, crm_get_record for one id.
Returns {module, count, more_records, records:[…], next_page? | next_page_token?}: each record has its id and non-empty fields; lookups are {name, id}.
Paging: pass page=next_page while it is given; past the first 2,000 records Zoho needs a cursor, so the result gives next_page_token instead: call again with page_token=<it> and no page.
Example: {"module":"Deals","fields":["Deal_Name","Stage","Amount"],"sort_by":"Modified_Time","per_page":20}.`,
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    if (args.page_token && args.page !== 1) throw new ToolInputError('page', 'give either page or page_token, not both');
    if (!args.page_token && args.page * args.per_page > PAGE_WALL) {
      throw new ToolInputError('page', `page × per_page must stay ≤ ${PAGE_WALL}; beyond that pass the next_page_token from the previous result as page_token`);
    }
    const options: ListRecordsOptions = { fields: await fieldsFor(args, ctx.client, ctx.signal), perPage: args.per_page };
    if (args.page_token) options.pageToken = args.page_token;
    else options.page = args.page;
    if (args.sort_by) options.sortBy = args.sort_by;
    if (args.sort_order) options.sortOrder = args.sort_order;
    if (ctx.signal) options.signal = ctx.signal;
    return ctx.client.listRecords(args.module, options);
  },
  shape: (result, args) => shapePage(args.module, result.data, result.info, nextHint(result, args)),
  ids: (result) => result.data.map((r) => r.id),
});
