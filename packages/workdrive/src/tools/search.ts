import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { ResolvedFolder, WorkDriveClient, WorkDriveFile } from '../client.js';
import { fileTable, folderInput, RESOLVE_SCOPES, TYPE_FILTER, typeInput } from './shared.js';

const input = z.object({
  query: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v.length > 0, 'must not be empty')
    .describe('Words to find.'),
  in: z.enum(['all', 'name', 'content']).optional().describe('Match names, contents or both (default).'),
  folder: folderInput('Only inside this folder or team folder (id or path).', true),
  type: typeInput,
  limit: z
    .number()
    .refine((v) => Number.isInteger(v) && v >= 1 && v <= 50, 'must be a whole number from 1 to 50')
    .optional()
    .describe('Rows (default 20, max 50).'),
  offset: z
    .number()
    .refine((v) => Number.isInteger(v) && v >= 0 && v <= 10_000, 'must be a whole number from 0 to 10000')
    .optional()
    .describe('next_offset of the previous page.'),
});

/** Zoho's page as it came (what `raw: true` returns), with the folder searched and the paging asked for. */
export interface SearchResult {
  page: { data?: WorkDriveFile[] };
  folder?: ResolvedFolder;
  limit: number;
  offset: number;
}

export const workdriveSearch = defineZohoTool<typeof input, WorkDriveClient, SearchResult>({
  name: 'workdrive_search',
  app: 'workdrive',
  access: 'read',
  scopes: RESOLVE_SCOPES,
  description: `Search Zoho WorkDrive files and folders by name and text content, in the whole team or one folder.
Use to find a document when its folder is unknown.
Returns a table of matches, newest first, with parent_id.`,
  examples: [{ query: 'budget' }, { query: 'rate limits', in: 'content', folder: 'Technical Docs' }],
  input,
  async run(args, ctx) {
    const signal = ctx.signal;
    const teamId = await ctx.client.teamId({ signal });
    const folder = args.folder ? await ctx.client.resolveFolder(args.folder, 'folder', { signal }) : undefined;
    const limit = args.limit ?? 20;
    const offset = args.offset ?? 0;
    const { raw } = await ctx.client.search(
      teamId,
      {
        query: args.query,
        mode: args.in ?? 'all',
        teamFolderId: folder?.kind === 'teamfolder' ? folder.id : undefined,
        parentId: folder && folder.kind !== 'teamfolder' ? folder.id : undefined,
        type: args.type ? TYPE_FILTER[args.type] : undefined,
        limit,
        offset,
      },
      { signal },
    );
    return { page: raw as SearchResult['page'], ...(folder ? { folder } : {}), limit, offset };
  },
  shape: (r) => ({
    ...(r.folder ? { folder: { id: r.folder.id, path: r.folder.path } } : {}),
    files: fileTable(r.page.data ?? [], { parent: true }),
    // WorkDrive says nothing about a total: a full page may have more behind it.
    ...((r.page.data ?? []).length === r.limit ? { next_offset: r.offset + r.limit } : {}),
  }),
});
