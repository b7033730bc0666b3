import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse } from '../client.js';
import { shapeRecord } from '../shape.js';

const input = z.object({
  query: z
    .string()
    .min(10)
    .max(10_000)
    .describe(
      "One COQL SELECT statement, e.g. \"select Deal_Name, Amount, Account_Name.Account_Name from Deals where Stage = 'Closed Won' order by Amount desc limit 20\". Strings in single quotes ('' for a quote).",
    ),
});

/** Strips comments and string literals so keyword checks cannot be fooled by quoted text. */
function skeleton(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .trim();
}

/** COQL is read-only, but only a single SELECT is ever sent: anything else is refused here. */
export function assertSelectOnly(query: string): void {
  const s = skeleton(query);
  if (!/^select\s/i.test(s)) throw new ToolInputError('query', 'only a COQL SELECT statement is allowed (it must start with "select")');
  if (/;\s*\S/.test(s)) throw new ToolInputError('query', 'send one SELECT statement without ";"-separated extras');
  if (/\b(insert|update|delete|drop|alter|create|truncate|merge|upsert)\b/i.test(s)) throw new ToolInputError('query', 'COQL through this tool is read-only: SELECT only');
}

/** LIMIT/OFFSET of the query (`limit n offset m` or `limit m, n`), to tell the model the next page. */
function window(query: string): { limit: number; offset: number } {
  const s = skeleton(query);
  const comma = /\blimit\s+(\d+)\s*,\s*(\d+)\s*$/i.exec(s);
  if (comma) return { offset: Number(comma[1]), limit: Number(comma[2]) };
  const limit = /\blimit\s+(\d+)/i.exec(s);
  const offset = /\boffset\s+(\d+)/i.exec(s);
  return { limit: limit ? Number(limit[1]) : 200, offset: offset ? Number(offset[1]) : 0 };
}

export const crmCoqlQuery = defineZohoTool({
  name: 'crm_coql_query',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.modules.READ'],
  description: `Run a read-only COQL (SQL-like) SELECT on Zoho CRM. Use it for questions crm_search cannot answer: ranges and comparisons on any field, OR/AND groups, sorting by any field, lookups across modules (Account_Name.Account_Name, Owner.email). Only SELECT is accepted.
Syntax: select F1, F2 from Module [where … (=, !=, <, >, <=, >=, like '%x%', in (…), is null, is not null; group >2 conditions in pairs with parentheses: ((A and B) and C))] [order by F asc|desc] [limit n [offset m]]. Use field API names (crm_describe_module). Default limit 200, max 2000.
Returns {module, count, more_records, records:[…], next?}: lookups come back as {id} unless you select Lookup.Field. For more rows, repeat the query with the offset the result names.
Example: {"query":"select Last_Name, Email from Contacts where Account_Name.Account_Name = 'Zylker Corp' limit 10"}.`,
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    assertSelectOnly(args.query);
    return ctx.client.coql(args.query.trim(), ctx.signal ? { signal: ctx.signal } : {});
  },
  shape(result, args) {
    const module = /\bfrom\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(skeleton(args.query))?.[1] ?? 'unknown';
    const out: Record<string, unknown> = { module, count: result.data.length, more_records: result.info.more_records === true, records: result.data.map(shapeRecord) };
    if (result.info.more_records) {
      const { limit, offset } = window(args.query);
      out.next = `more rows: run the same query with "limit ${limit} offset ${offset + limit}"`;
    }
    return out;
  },
  ids: (result) => result.data.map((r) => String(r.id)),
});
