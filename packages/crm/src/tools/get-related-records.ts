import { closestNames, defineZohoTool, quoteInput, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmListResponse, CrmRelatedList } from '../client.js';
import { standardModule } from '../modules.js';
import { recordTable } from '../shape.js';
import { checkReadableFields, DEFAULT_PER_PAGE, fieldsInput, moduleInput, pageInput, perPageInput, recordIdInput } from './common.js';
import { listFields } from './list-records.js';
import { NOTE_FIELDS } from './list-notes.js';

/** Columns for related lists that are not ordinary modules (their field metadata is not a module's). */
const SPECIAL_FIELDS: Record<string, string[]> = {
  Notes: NOTE_FIELDS,
  Attachments: ['File_Name', 'Size', 'Owner', 'Created_Time'],
  Activities: ['Activity_Type', 'Subject', 'Event_Title', 'Status', 'Priority', 'Due_Date', 'Start_DateTime', 'End_DateTime', 'Call_Start_Time', 'Call_Type', 'What_Id', 'Who_Id', 'Owner'],
};

const input = z.object({
  module: moduleInput,
  id: recordIdInput,
  related_list: z.string().max(100).describe('Related list: API name or label, e.g. Contacts, Deals, Activities.'),
  fields: fieldsInput.describe('Field API names to return (default: the usual ones).'),
  page: pageInput,
  per_page: perPageInput,
});

type Input = z.infer<typeof input>;
type Related = CrmListResponse & { related_list: string; module: string };

const norm = (s: unknown) => (typeof s === 'string' ? s.toLowerCase().replace(/[\s_]+/g, '') : '');

/** The related list the input names, from the module's related-list metadata (never guessed). */
async function resolveList(client: CrmClient, args: Input, signal?: AbortSignal): Promise<CrmRelatedList & { api_name: string }> {
  const lists = (await client.getRelatedLists(args.module, signal ? { signal } : {})).filter((l): l is CrmRelatedList & { api_name: string } => typeof l.api_name === 'string' && l.visible !== false && l.status !== 'user_hidden');
  const exact = lists.find((l) => l.api_name === args.related_list);
  if (exact) return exact;
  const wanted = norm(args.related_list);
  const loose = lists.filter((l) => [l.api_name, l.display_label, l.name, l.module?.api_name].some((n) => norm(n) === wanted));
  if (loose.length === 1) return loose[0]!;
  const names = lists.map((l) => l.api_name);
  const close = closestNames(args.related_list, names);
  throw new ToolInputError('related_list', `${args.module} has ${loose.length > 1 ? 'several related lists matching' : 'no related list'} ${quoteInput(args.related_list)}${close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '.'} Its related lists: ${names.join(', ')}`);
}

export const crmGetRelatedRecords = defineZohoTool({
  name: 'crm_get_related_records',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.settings.related_lists.READ', 'ZohoCRM.settings.fields.READ'],
  description: `Read a record's related list: an account's contacts or deals, a contact's deals, a record's activities. A wrong list name is answered with the record's list names. Returns the list's API name and a table; next_page while there are more.`,
  examples: [
    { module: 'Accounts', id: '4150868000000100000', related_list: 'Contacts' },
    { module: 'Accounts', id: '4150868000000100000', related_list: 'Deals' },
    { module: 'Contacts', id: '4150868000000100001', related_list: 'Activities' },
  ],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<Related> {
    const list = await resolveList(ctx.client, args, ctx.signal);
    const target = list.module?.api_name ?? list.api_name;
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    let fields = args.fields;
    const special = SPECIAL_FIELDS[target];
    if (fields && !special) await checkReadableFields(ctx.client, target, fields, (_name, i) => `fields[${i}]`, ctx.signal);
    fields ??= special ?? listFields(target, await ctx.client.getFields(target, signal));
    const res = await ctx.client.getRelatedRecords(args.module, args.id, list.api_name, { fields, page: args.page ?? 1, perPage: args.per_page ?? DEFAULT_PER_PAGE, ...signal });
    return { ...res, related_list: list.api_name, module: target };
  },
  shape(result, args) {
    const first = args.fields ?? SPECIAL_FIELDS[result.module] ?? standardModule(result.module)?.listFields ?? [];
    const keep = new Set([...(args.fields ?? []), ...(result.module === 'Notes' || result.module === 'Attachments' ? ['Created_Time'] : [])]);
    const out: Record<string, unknown> = { related_list: result.related_list, ...recordTable(result.data, { first, keep }) };
    if (result.info.more_records) out.next_page = (args.page ?? 1) + 1;
    return out;
  },
  ids: (result) => result.data.map((r) => r.id),
});
