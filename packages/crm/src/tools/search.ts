import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, SearchBy } from '../client.js';
import { buildCriteria, CRITERIA_OPERATORS, type CriteriaCondition } from '../criteria.js';
import { shapePage } from '../shape.js';
import { fieldsInput, moduleInput, PAGE_WALL } from './common.js';

const conditionValue = z.union([z.string().max(255), z.number(), z.boolean(), z.array(z.union([z.string().max(255), z.number()])).min(1).max(100)]);

const condition = z.strictObject({
  field: z.string().max(100).regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/).describe('Field API name, e.g. Last_Name, Email, Stage, Amount.'),
  operator: z.enum(CRITERIA_OPERATORS as [string, ...string[]]).describe('equals, not_equal, starts_with, in, not_in, greater_than, greater_equal, less_than, less_equal, between.'),
  value: conditionValue.describe('The value, unescaped (this tool escapes it); a list for in/not_in; two values for between.'),
});

const input = z.object({
  module: moduleInput,
  criteria: z
    .union([z.array(condition).min(1).max(10), z.string().min(5).max(10_000)])
    .optional()
    .describe('Either a list of conditions (preferred; values are escaped for you) or a raw Zoho criteria string such as "((Last_Name:equals:Burns)and(Company:starts_with:Zyl))" with ( ) , \\ in values escaped by a backslash.'),
  match: z.enum(['and', 'or']).optional().describe('How a list of conditions combines: "and" (default) or "or".'),
  email: z.string().min(3).max(254).optional().describe('Find records whose email fields equal this address.'),
  phone: z.string().min(3).max(50).optional().describe('Find records whose phone fields contain this number.'),
  word: z.string().min(2).max(255).optional().describe('Free-text search across the module (names, company, email…).'),
  fields: fieldsInput.describe('Field API names to return (default: all fields).'),
  page: z.number().int().min(1).default(1).describe('Page number, from 1; use next_page from the previous result.'),
  per_page: z.number().int().min(1).max(200).default(10).describe('Records per page, 1–200 (default 10; keep small).'),
});

type Input = z.infer<typeof input>;

function searchBy(args: Input): SearchBy {
  const given = (['criteria', 'email', 'phone', 'word'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    throw new ToolInputError('criteria', `give exactly one of criteria, email, phone or word (got ${given.length ? given.join(', ') : 'none'})`);
  }
  if (args.email !== undefined) return { email: args.email };
  if (args.phone !== undefined) return { phone: args.phone };
  if (args.word !== undefined) return { word: args.word };
  const criteria = args.criteria!;
  if (typeof criteria === 'string') {
    const raw = criteria.trim();
    if (!raw.startsWith('(') || !raw.endsWith(')')) throw new ToolInputError('criteria', 'a raw criteria string looks like "(Field:operator:value)" or "((A:equals:x)and(B:equals:y))"');
    return { criteria: raw };
  }
  try {
    return { criteria: buildCriteria(criteria as CriteriaCondition[], args.match ?? 'and') };
  } catch (err) {
    throw new ToolInputError('criteria', (err as Error).message);
  }
}

export const crmSearch = defineZohoTool({
  name: 'crm_search',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ'],
  description: `Find Zoho CRM records in one module by condition, email, phone or a word. Use it when you know something about the record (a name, company, email, stage) but not its id; use crm_get_record when you have the id, crm_list_records to browse a module in order, crm_coql_query for joins, sorting by any field or counting.
Give exactly one of: criteria (a list of {field, operator, value}, joined by match "and"/"or"), email, phone, word.
Returns {module, count, more_records, records:[…], next_page?}: each record has its id and non-empty fields; lookups are {name, id}.
Paging: if next_page is present, call again with the same arguments and page=next_page. Search reaches at most the first 2,000 matches; narrow the criteria beyond that.
Example: {"module":"Contacts","criteria":[{"field":"Last_Name","operator":"equals","value":"Burns"}]} or {"module":"Leads","word":"Zylker","per_page":5}.`,
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    const by = searchBy(args);
    if (args.page * args.per_page > PAGE_WALL) {
      throw new ToolInputError('page', `search reaches only the first ${PAGE_WALL} matches (page × per_page ≤ ${PAGE_WALL}); narrow the criteria or use crm_coql_query`);
    }
    const options: { page: number; perPage: number; fields?: string[]; signal?: AbortSignal } = { page: args.page, perPage: args.per_page };
    if (args.fields) options.fields = args.fields;
    if (ctx.signal) options.signal = ctx.signal;
    return ctx.client.searchRecords(args.module, by, options);
  },
  shape(result, args) {
    const more = result.info.more_records === true && (args.page + 1) * args.per_page <= PAGE_WALL;
    return shapePage(args.module, result.data, result.info, more ? { next_page: args.page + 1, next: `call crm_search again with the same arguments and page=${args.page + 1}` } : {});
  },
  ids: (result) => result.data.map((r) => r.id),
});
