import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse } from '../client.js';
import { recordTable } from '../shape.js';

const input = z.object({
  query: z.string().min(10).max(10_000).describe('One COQL SELECT statement.'),
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

/** The selected columns, in order (`select A, B.C from …`), shown even when they are Zoho's audit fields. */
function selected(query: string): string[] {
  const m = /^select\s+([\s\S]+?)\s+from\s/i.exec(skeleton(query));
  return m ? m[1]!.split(',').map((c) => c.trim().split(/\s+/)[0]!).filter((c) => /^[A-Za-z][\w.]*$/.test(c)) : [];
}

export const crmCoqlQuery = defineZohoTool({
  name: 'crm_coql_query',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.modules.READ'],
  description: `Run one read-only COQL SELECT: filter and sort by any field, AND/OR, lookup fields across modules. Returns a table of rows (a lookup as its id unless you select Lookup.Field); next, if given, is the limit/offset for more.`,
  examples: [
    { query: 'select Deal_Name, Stage, Amount, Account_Name.Account_Name from Deals where Amount > 20000 order by Amount desc limit 10' },
    { query: "select Last_Name, Email, Title from Contacts where Account_Name.Account_Name = 'Zylker Corp' limit 10" },
  ],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<CrmListResponse> {
    assertSelectOnly(args.query);
    return ctx.client.coql(args.query.trim(), ctx.signal ? { signal: ctx.signal } : {});
  },
  shape(result, args) {
    const columns = selected(args.query);
    const out: Record<string, unknown> = { ...recordTable(result.data, { first: columns, keep: new Set(columns) }) };
    if (result.info.more_records) {
      const { limit, offset } = window(args.query);
      out.next = `limit ${limit} offset ${offset + limit}`;
    }
    return out;
  },
  ids: (result) => result.data.map((r) => String(r.id)),
});
