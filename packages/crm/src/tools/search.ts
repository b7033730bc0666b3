import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, SearchBy } from '../client.js';
import { buildCriteria, CRITERIA_OPERATORS, type CriteriaCondition } from '../criteria.js';
import { standardModule } from '../modules.js';
import { recordTable } from '../shape.js';
import { checkReadableFields, DEFAULT_PER_PAGE, fieldsInput, moduleInput, pageInput, PAGE_WALL, perPageInput } from './common.js';

const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

const condition = z.strictObject({
  field: z
    .string()
    .max(201)
    .refine((s) => FIELD_PATH.test(s), 'a field API name such as Last_Name')
    .describe('Field API name.'),
  operator: z.enum(CRITERIA_OPERATORS as [string, ...string[]]).describe('Comparison.'),
  value: z
    .union([z.string().max(255), z.number(), z.array(z.union([z.string().max(255), z.number()])).refine((a) => a.length > 0 && a.length <= 100, '1 to 100 values')])
    .describe('A list for in/not_in, two for between.'),
});

const input = z.object({
  module: moduleInput,
  criteria: z
    .union([z.array(condition).min(1).max(10), z.string().max(2000)])
    .optional()
    .describe('Conditions, or a raw criteria string like "((A:equals:x)and(B:starts_with:y))".'),
  match: z.enum(['and', 'or']).optional().describe('How conditions combine (default and).'),
  email: z.string().max(254).refine((s) => s.trim().length >= 3, 'an email address').optional().describe('Records whose email fields equal this.'),
  phone: z.string().max(50).refine((s) => /\d/.test(s), 'a phone number (digits)').optional().describe('Records whose phone fields contain this.'),
  word: z.string().max(255).refine((s) => s.trim().length >= 2, 'at least 2 characters').optional().describe('Text search across the module.'),
  fields: fieldsInput.describe('Field API names to return (default: all).'),
  page: pageInput,
  per_page: perPageInput,
});

type Input = z.infer<typeof input>;

/** Field names of a raw criteria string: the `Field` of every `(Field:operator:value)` (escaped parentheses skipped). */
function rawCriteriaFields(criteria: string): string[] {
  return [...criteria.matchAll(/(?<!\\)\(\s*([A-Za-z][A-Za-z0-9_.]*)\s*:/g)].map((m) => m[1]!);
}

function searchBy(args: Input): SearchBy {
  const given = (['criteria', 'email', 'phone', 'word'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    throw new ToolInputError('criteria', `give exactly one of criteria, email, phone or word (got ${given.length ? given.join(', ') : 'none'})`);
  }
  if (args.match !== undefined && !Array.isArray(args.criteria)) throw new ToolInputError('match', 'match combines a list of criteria conditions; leave it out here');
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

/** Every field name the call uses (criteria and fields), with where it sits in the input. */
function namedFields(args: Input): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  if (Array.isArray(args.criteria)) args.criteria.forEach((c, i) => out.push({ name: c.field, path: `criteria[${i}].field` }));
  else if (typeof args.criteria === 'string') for (const name of rawCriteriaFields(args.criteria)) out.push({ name, path: 'criteria' });
  args.fields?.forEach((name, i) => out.push({ name, path: `fields[${i}]` }));
  return out;
}

export const crmSearch = defineZohoTool({
  name: 'crm_search',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Find Zoho CRM records in one module by conditions, email, phone or word (exactly one), when you know a value but not the id. Returns a table of matches; next_page while there are more (up to 2,000).`,
  examples: [
    { module: 'Contacts', criteria: [{ field: 'Last_Name', operator: 'equals', value: 'Burns' }] },
    { module: 'Leads', word: 'Zylker', per_page: 10 },
    { module: 'Deals', criteria: [{ field: 'Stage', operator: 'in', value: ['Closed Won', 'Negotiation/Review'] }] },
  ],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    const by = searchBy(args);
    const page = args.page ?? 1;
    const perPage = args.per_page ?? DEFAULT_PER_PAGE;
    if (page * perPage > PAGE_WALL) {
      throw new ToolInputError('page', `search reaches only the first ${PAGE_WALL} matches (page × per_page ≤ ${PAGE_WALL}); narrow the criteria or use crm_coql_query`);
    }
    const named = namedFields(args);
    if (named.length) await checkReadableFields(ctx.client, args.module, named.map((n) => n.name), (_name, i) => named[i]!.path, ctx.signal);
    const options: { page: number; perPage: number; fields?: string[]; signal?: AbortSignal } = { page, perPage };
    if (args.fields) options.fields = args.fields;
    if (ctx.signal) options.signal = ctx.signal;
    return ctx.client.searchRecords(args.module, by, options);
  },
  shape(result, args) {
    const out: Record<string, unknown> = { ...recordTable(result.data, { first: args.fields ?? standardModule(args.module)?.listFields ?? [], keep: new Set(args.fields ?? []) }) };
    const page = args.page ?? 1;
    if (result.info.more_records === true) {
      if ((page + 1) * (args.per_page ?? DEFAULT_PER_PAGE) <= PAGE_WALL) out.next_page = page + 1;
      else out.note = `more matches than search pages through (${PAGE_WALL}); narrow the criteria or use crm_coql_query`;
    }
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
