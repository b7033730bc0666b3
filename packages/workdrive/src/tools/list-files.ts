import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ResolvedFolder, WorkDriveClient, WorkDriveFile } from '../client.js';
import { fileTable, folderInput, RESOLVE_SCOPES, TYPE_FILTER, typeInput } from './shared.js';

const SORT: Record<string, string> = { name: 'name', modified: 'last_modified', created: 'created_time', size: 'size' };

const input = z.object({
  folder: folderInput('Folder id or path.'),
  type: typeInput,
  sort: z.enum(['name', 'modified', 'created', 'size']).optional().describe('Default name.'),
  order: z.enum(['asc', 'desc']).optional().describe('Default asc.'),
  limit: z
    .number()
    .refine((v) => Number.isInteger(v) && v >= 1 && v <= 200, 'must be a whole number from 1 to 200')
    .optional()
    .describe('Rows per page (default 50, max 200).'),
  cursor: z.string().max(500).optional().describe('next_cursor of the previous page.'),
});

/** The folder and Zoho's page as it came (what `raw: true` returns), with the next cursor read from it. */
export interface ListFilesResult {
  folder: ResolvedFolder;
  page: { data?: WorkDriveFile[]; links?: unknown };
  next?: string;
}

export const workdriveListFiles = defineZohoTool<typeof input, WorkDriveClient, ListFilesResult>({
  name: 'workdrive_list_files',
  app: 'workdrive',
  access: 'read',
  scopes: RESOLVE_SCOPES,
  description: `List the files and folders in one Zoho WorkDrive folder, a team folder or My Folders, sorted and paged.
Use to browse, or to find an id before downloading, sharing or moving.
Returns the folder and a table of items (id, name, type, size_bytes, modified, by whom).`,
  examples: [{ folder: 'Marketing/Zylker Corp' }, { folder: 'Marketing/Zylker Corp/Campaign photos', sort: 'modified', order: 'desc', limit: 10 }],
  input,
  async run(args, ctx) {
    const folder = await ctx.client.resolveFolder(args.folder, 'folder', { signal: ctx.signal });
    const sort = args.sort ? `${args.order === 'desc' ? '-' : ''}${SORT[args.sort]}` : args.order === 'desc' ? '-name' : undefined;
    const page = await ctx.client.listFiles(folder, { type: TYPE_FILTER[args.type ?? 'all'], sort, limit: args.limit ?? 50, cursor: args.cursor }, { signal: ctx.signal });
    return { folder, page: page.raw as ListFilesResult['page'], ...(page.next ? { next: page.next } : {}) };
  },
  shape: (r) => ({
    folder: { id: r.folder.id, path: r.folder.path },
    files: fileTable(r.page.data ?? []),
    ...(r.next ? { next_cursor: r.next } : {}),
  }),
});
