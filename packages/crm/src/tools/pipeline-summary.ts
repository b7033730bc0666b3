import { defineZohoTool, ToolInputError, ZohoApiError, type ToolContext } from '@zoho-agent-kit/core';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, CrmRecord } from '../client.js';
import { coqlAllOf, coqlQuote } from '../criteria.js';
import { dateInput } from './common.js';
import { picklistValues } from './values.js';

/** COQL returns at most 2,000 rows a call. */
const COQL_PAGE = 2000;
/** Deals a paged summary reads at most (COQL offsets beyond are refused by Zoho). */
const MAX_PAGED_DEALS = 100_000;

const input = z.object({
  group_by: z.enum(['stage', 'owner', 'month']).optional().describe('Rows per stage (default), owner or closing month.'),
  from: dateInput.optional().describe('Closing_Date from (yyyy-mm-dd).'),
  to: dateInput.optional().describe('Closing_Date to, inclusive.'),
  open_only: z.boolean().optional().describe('Leave out closed (won/lost) deals.'),
});

type Input = z.infer<typeof input>;
type GroupBy = NonNullable<Input['group_by']>;

/** Zoho's answers, as they came (raw), and how they were read. */
interface PipelineResult {
  method: 'coql_aggregate' | 'paged';
  responses: CrmListResponse[];
  stages: string[];
  /** Owner id → name (group_by owner). */
  owners: Record<string, string>;
}

const GROUP_FIELD: Record<GroupBy, string> = { stage: 'Stage', owner: 'Owner', month: 'Closing_Date' };

/** An amount as Zoho sent it (a JSON number or numeric text), exactly: 0.1 stays 0.1, never 0.1000000000000000055. */
function decimalOf(value: unknown): Decimal {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return new Decimal(value.trim());
  return new Decimal(0);
}

/** Money as exact decimal text: two places, more only when the exact value has them (weighted totals). */
function money(d: Decimal): string {
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
}

/** The value a key of a COQL row carries, the key matched without case or spaces (`SUM(Amount)` / `sum(Amount)`). */
function cell(row: Record<string, unknown>, key: string): unknown {
  if (key in row) return row[key];
  const want = key.toLowerCase().replace(/\s+/g, '');
  const found = Object.keys(row).find((k) => k.toLowerCase().replace(/\s+/g, '') === want);
  return found === undefined ? undefined : row[found];
}

function groupKey(by: GroupBy, value: unknown): string {
  if (by === 'owner') return value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : '';
  if (by === 'month') return typeof value === 'string' && /^\d{4}-\d{2}/.test(value) ? value.slice(0, 7) : '';
  return typeof value === 'string' ? value : '';
}

async function where(client: CrmClient, args: Input, signal?: AbortSignal): Promise<{ conditions: string[]; stages: string[] }> {
  if (args.from && args.to && args.from > args.to) throw new ToolInputError('to', `is before from (${args.from}); give a range that runs forward`);
  const stageField = (await client.getFields('Deals', signal ? { signal } : {})).find((f) => f.api_name === 'Stage');
  const stages = stageField ? picklistValues(stageField) : [];
  const conditions: string[] = [];
  if (args.from) conditions.push(`Closing_Date >= ${coqlQuote(args.from)}`);
  if (args.to) conditions.push(`Closing_Date <= ${coqlQuote(args.to)}`);
  if (args.open_only) {
    // Closed stages are named "Closed …" in Zoho's standard pipeline; their names come from the Stage picklist.
    const closed = stages.filter((s) => /^closed\b/i.test(s));
    if (closed.length) conditions.push(`Stage not in (${closed.map(coqlQuote).join(', ')})`);
  }
  return { conditions, stages };
}

async function allPages(client: CrmClient, query: (offset: number) => string, signal?: AbortSignal): Promise<CrmListResponse[]> {
  const pages: CrmListResponse[] = [];
  for (let offset = 0; offset < MAX_PAGED_DEALS; offset += COQL_PAGE) {
    const res = await client.coql(query(offset), signal ? { signal } : {});
    pages.push(res);
    if (!res.info.more_records) break;
  }
  return pages;
}

export const crmPipelineSummary = defineZohoTool({
  name: 'crm_pipeline_summary',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ', 'ZohoCRM.users.READ'],
  description: `The sales pipeline in one call: Deals per stage, owner or closing month, optionally for a Closing_Date range. Returns a table of deals, total and weighted (Amount × Probability) per group, and the totals; amounts are exact decimal strings.`,
  examples: [{}, { group_by: 'owner', open_only: true }, { group_by: 'month', from: '2025-10-01', to: '2025-12-31' }],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<PipelineResult> {
    const by = args.group_by ?? 'stage';
    const field = GROUP_FIELD[by];
    const { conditions, stages } = await where(ctx.client, args, ctx.signal);
    const owners: Record<string, string> = {};
    if (by === 'owner') for (const u of await ctx.client.listUsers(ctx.signal ? { signal: ctx.signal } : {})) owners[String(u.id)] = u.full_name ?? String(u.id);
    const filter = coqlAllOf(conditions);
    if (ctx.client.coqlAggregates) {
      try {
        // Grouped by probability too, so the weighted total is exact per deal probability, not per stage default.
        const responses = await allPages(ctx.client, (offset) => `select ${field}, Probability, COUNT(id), SUM(Amount) from Deals where ${filter} group by ${field}, Probability limit ${COQL_PAGE} offset ${offset}`, ctx.signal);
        return { method: 'coql_aggregate', responses, stages, owners };
      } catch (err) {
        if (!(err instanceof ZohoApiError && (err.code === 'SYNTAX_ERROR' || err.code === 'INVALID_QUERY'))) throw err;
        // This org or API version has no COQL aggregates: page through the deals instead (and remember it).
        ctx.client.coqlAggregates = false;
      }
    }
    const responses = await allPages(ctx.client, (offset) => `select ${field}, Probability, Amount from Deals where ${filter} order by id asc limit ${COQL_PAGE} offset ${offset}`, ctx.signal);
    return { method: 'paged', responses, stages, owners };
  },
  shape(result, args) {
    const by = args.group_by ?? 'stage';
    const field = GROUP_FIELD[by];
    const groups = new Map<string, { deals: number; total: Decimal; weighted: Decimal }>();
    const totals = { deals: 0, total: new Decimal(0), weighted: new Decimal(0) };
    for (const row of result.responses.flatMap((r) => r.data as CrmRecord[])) {
      const key = groupKey(by, cell(row, field));
      const count = result.method === 'coql_aggregate' ? Number(cell(row, 'COUNT(id)') ?? 0) : 1;
      const amount = decimalOf(cell(row, result.method === 'coql_aggregate' ? 'SUM(Amount)' : 'Amount'));
      const weighted = amount.times(decimalOf(cell(row, 'Probability'))).dividedBy(100);
      const g = groups.get(key) ?? { deals: 0, total: new Decimal(0), weighted: new Decimal(0) };
      g.deals += count;
      g.total = g.total.plus(amount);
      g.weighted = g.weighted.plus(weighted);
      groups.set(key, g);
      totals.deals += count;
      totals.total = totals.total.plus(amount);
      totals.weighted = totals.weighted.plus(weighted);
    }
    const order = (a: string, b: string) => {
      if (by === 'stage') {
        const ia = result.stages.indexOf(a);
        const ib = result.stages.indexOf(b);
        return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
      }
      if (by === 'month') return (a || '9999') < (b || '9999') ? -1 : 1;
      return groups.get(b)!.total.comparedTo(groups.get(a)!.total) || a.localeCompare(b);
    };
    const label = by === 'owner' ? ['owner', 'owner_id'] : [by];
    const rows = [...groups.keys()].sort(order).map((key) => {
      const g = groups.get(key)!;
      const name = by === 'owner' ? [result.owners[key] ?? null, key || null] : [key || null];
      return [...name, g.deals, money(g.total), money(g.weighted)];
    });
    return {
      group_by: by,
      columns: [...label, 'deals', 'total', 'weighted'],
      rows,
      totals: { deals: totals.deals, total: money(totals.total), weighted: money(totals.weighted) },
      method: result.method,
    };
  },
});
