import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmListResponse, ListRecordsOptions } from '../client.js';
import { standardModule } from '../modules.js';
import { AUDIT_FIELDS, isRecordNoise, recordTable } from '../shape.js';
import { checkReadableFields, DEFAULT_PER_PAGE, fieldsInput, moduleInput, pageInput, PAGE_WALL, perPageInput } from './common.js';

/** Zoho's `fields` takes at most 50 names. */
const MAX_FIELDS = 50;
/** Field types a list cannot usefully return. */
const UNLISTED_TYPES = new Set(['profileimage', 'subform', 'multiselectlookup', 'fileupload', 'imageupload']);

const input = z.object({
  module: moduleInput,
  fields: fieldsInput.describe('Field API names to return (default: all, up to 50).'),
  sort_by: z.enum(['id', 'Created_Time', 'Modified_Time']).optional().describe('Default id.'),
  sort_order: z.enum(['asc', 'desc']).optional().describe('Default desc.'),
  page: pageInput,
  per_page: perPageInput,
  page_token: z.string().max(500).optional().describe('next_page_token of the previous result.'),
});

type Input = z.infer<typeof input>;

/**
 * The fields a list asks for by default: every field a record can carry a business value in (the standard
 * module's usual columns first), without Zoho's bookkeeping; the sort key when it is a time.
 */
export function listFields(module: string, meta: readonly CrmField[], leading: readonly string[] = []): string[] {
  const first = standardModule(module)?.listFields ?? [];
  const known = new Set(meta.map((f) => f.api_name));
  const useful = meta.filter((f) => f.visible !== false && !UNLISTED_TYPES.has(f.data_type) && !isRecordNoise(f.api_name)).map((f) => f.api_name);
  const names = [...new Set([...leading, ...first.filter((f) => known.has(f)), ...useful])];
  return names.length ? names.slice(0, MAX_FIELDS) : ['id'];
}

function defaultFields(args: Input, meta: readonly CrmField[]): string[] {
  return listFields(args.module, meta, args.sort_by && args.sort_by !== 'id' ? [args.sort_by] : []);
}

/** Fields named by the caller (or sorted by) are shown even when they are Zoho's audit fields. */
function requested(args: Input): Set<string> {
  const keep = new Set(args.fields ?? []);
  if (args.sort_by && AUDIT_FIELDS.includes(args.sort_by)) keep.add(args.sort_by);
  return keep;
}

export const crmListRecords = defineZohoTool({
  name: 'crm_list_records',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Browse one Zoho CRM module page by page, newest first, to walk or sample it. Returns a table of records; next_page, or past 2,000 records next_page_token (pass it as page_token, without page).`,
  examples: [{ module: 'Leads' }, { module: 'Deals' }, { module: 'Leads', fields: ['Last_Name', 'Company', 'Lead_Status'], sort_by: 'Modified_Time', per_page: 5 }],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    const page = args.page ?? 1;
    const perPage = args.per_page ?? DEFAULT_PER_PAGE;
    if (args.page_token && args.page !== undefined) throw new ToolInputError('page', 'give either page or page_token, not both');
    if (!args.page_token && page * perPage > PAGE_WALL) {
      throw new ToolInputError('page', `page × per_page must stay ≤ ${PAGE_WALL}; beyond that pass the next_page_token from the previous result as page_token`);
    }
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    let fields: string[];
    if (args.fields) {
      await checkReadableFields(ctx.client, args.module, args.fields, (_name, i) => `fields[${i}]`, ctx.signal);
      fields = args.fields;
    } else {
      fields = defaultFields(args, await ctx.client.getFields(args.module, signal));
    }
    const options: ListRecordsOptions = { fields, perPage, ...signal };
    if (args.page_token) options.pageToken = args.page_token;
    else options.page = page;
    if (args.sort_by) options.sortBy = args.sort_by;
    if (args.sort_order) options.sortOrder = args.sort_order;
    return ctx.client.listRecords(args.module, options);
  },
  shape(result, args) {
    const out: Record<string, unknown> = { ...recordTable(result.data, { first: args.fields ?? standardModule(args.module)?.listFields ?? [], keep: requested(args) }) };
    const page = args.page ?? 1;
    if (result.info.more_records === true) {
      if (!args.page_token && (page + 1) * (args.per_page ?? DEFAULT_PER_PAGE) <= PAGE_WALL) out.next_page = page + 1;
      else if (result.info.next_page_token) out.next_page_token = result.info.next_page_token;
    }
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
