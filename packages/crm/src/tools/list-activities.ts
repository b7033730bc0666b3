import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, CrmRecord } from '../client.js';
import { coqlAllOf, coqlQuote } from '../criteria.js';
import { recordTable } from '../shape.js';
import { dateInput, recordIdInput } from './common.js';
import { listFields } from './list-records.js';

const TYPES = ['Tasks', 'Events', 'Calls'] as const;
type ActivityType = (typeof TYPES)[number];

/** The field each kind of activity is dated by, and whether it is a date or a date-time. */
const WHEN: Record<ActivityType, { field: string; datetime: boolean }> = {
  Tasks: { field: 'Due_Date', datetime: false },
  Events: { field: 'Start_DateTime', datetime: true },
  Calls: { field: 'Call_Start_Time', datetime: true },
};

/** `ids` of a list call takes at most 100. */
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 20;
/** COQL limit, at most. */
const COQL_MAX = 2000;

const input = z.object({
  record_id: recordIdInput.optional().describe('Activities related to this record (any module).'),
  owner_id: recordIdInput.optional().describe('Activities owned by this user id.'),
  status: z.enum(['open', 'overdue', 'upcoming', 'all']).optional().describe('Default open.'),
  from: dateInput.optional().describe('Due or start date from (yyyy-mm-dd).'),
  to: dateInput.optional().describe('Due or start date to, inclusive.'),
  types: z.array(z.enum(TYPES)).min(1).max(3).optional().describe('Default all three.'),
  page: z
    .number()
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 100, 'a whole number from 1 to 100')
    .optional()
    .describe('Page, from 1.'),
  per_page: z
    .number()
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_PER_PAGE, `a whole number from 1 to ${MAX_PER_PAGE}`)
    .optional()
    .describe(`Default ${DEFAULT_PER_PAGE}, up to ${MAX_PER_PAGE}.`),
});

type Input = z.infer<typeof input>;

interface ActivitiesResult {
  /** The COQL answers that found and ordered them, per type. */
  found: Partial<Record<ActivityType, CrmListResponse>>;
  /** The page's activities as full records, in date order. */
  data: (CrmRecord & { Activity_Type: ActivityType })[];
  more: boolean;
}

/** The COQL condition for one type, or undefined when the status cannot apply to it (an overdue meeting). */
function conditionsFor(type: ActivityType, args: Input, now: Date): string | undefined {
  const { field, datetime } = WHEN[type];
  const today = now.toISOString().slice(0, 10);
  const instant = `${now.toISOString().slice(0, 19)}+00:00`;
  const conditions: string[] = [];
  if (args.record_id) conditions.push(`(What_Id = ${coqlQuote(args.record_id)} or Who_Id = ${coqlQuote(args.record_id)})`);
  if (args.owner_id) conditions.push(`Owner = ${coqlQuote(args.owner_id)}`);
  if (args.from) conditions.push(`${field} >= ${coqlQuote(datetime ? `${args.from}T00:00:00+00:00` : args.from)}`);
  if (args.to) conditions.push(`${field} <= ${coqlQuote(datetime ? `${args.to}T23:59:59+00:00` : args.to)}`);
  const status = args.status ?? 'open';
  if (type === 'Tasks') {
    if (status !== 'all') conditions.push(`Status != 'Completed'`);
    if (status === 'overdue') conditions.push(`Due_Date < ${coqlQuote(today)}`);
    if (status === 'upcoming') conditions.push(`Due_Date >= ${coqlQuote(today)}`);
  } else {
    // Meetings and calls are open until they start; none is ever overdue.
    if (status === 'overdue') return undefined;
    if (status !== 'all') conditions.push(`${field} >= ${coqlQuote(instant)}`);
  }
  return coqlAllOf(conditions);
}

function when(record: Record<string, unknown>, type: ActivityType): number {
  const v = record[WHEN[type].field];
  const t = typeof v === 'string' ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

export const crmListActivities = defineZohoTool({
  name: 'crm_list_activities',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.modules.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Tasks, meetings (Events) and calls of a record, an owner or a date window, open (default), overdue, upcoming or all, soonest first. Returns one table with Activity_Type per row; next_page while there are more.`,
  examples: [{ record_id: '4150868000000100000', status: 'all' }, { status: 'overdue' }, { owner_id: '4150868000000225014', status: 'all', types: ['Tasks'] }],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<ActivitiesResult> {
    if (args.from && args.to && args.from > args.to) throw new ToolInputError('to', `is before from (${args.from}); give a range that runs forward`);
    const page = args.page ?? 1;
    const perPage = args.per_page ?? DEFAULT_PER_PAGE;
    const depth = page * perPage;
    if (depth + 1 > COQL_MAX) throw new ToolInputError('page', `page × per_page must stay below ${COQL_MAX}; narrow the window with from/to instead`);
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    const now = new Date();
    const found: ActivitiesResult['found'] = {};
    const hits: { type: ActivityType; id: string; at: number }[] = [];
    for (const type of args.types ?? TYPES) {
      const where = conditionsFor(type, args, now);
      if (!where) continue;
      const { field } = WHEN[type];
      const res = await ctx.client.coql(`select ${field} from ${type} where ${where} order by ${field} asc limit ${depth + 1}`, signal);
      found[type] = res;
      for (const row of res.data) hits.push({ type, id: row.id, at: when(row, type) });
    }
    hits.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    const window = hits.slice((page - 1) * perPage, depth);
    // COQL gives lookups as bare ids: read the page's records in full, with What_Id's and Who_Id's names.
    const byId = new Map<string, CrmRecord>();
    for (const type of TYPES) {
      const ids = window.filter((h) => h.type === type).map((h) => h.id);
      if (ids.length === 0) continue;
      const fields = listFields(type, await ctx.client.getFields(type, signal));
      const res = await ctx.client.listRecords(type, { fields, ids, perPage: ids.length, ...signal });
      for (const r of res.data) byId.set(r.id, r);
    }
    const data = window.flatMap((h) => {
      const r = byId.get(h.id);
      return r ? [{ ...r, Activity_Type: h.type }] : [];
    });
    return { found, data, more: hits.length > depth || Object.values(found).some((r) => r.info.more_records) };
  },
  shape(result, args) {
    const out: Record<string, unknown> = {
      ...recordTable(result.data, { first: ['Activity_Type', 'Subject', 'Event_Title', 'Due_Date', 'Start_DateTime', 'End_DateTime', 'Call_Start_Time', 'Status', 'What_Id', 'Who_Id'] }),
    };
    if (result.more) out.next_page = (args.page ?? 1) + 1;
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
