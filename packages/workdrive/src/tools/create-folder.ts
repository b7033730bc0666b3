import { defineZohoTool, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { folderInput, kindOf, listCheck, nameInput, nameTakenError, RESOLVE_SCOPES, shapeFile } from './shared.js';

const input = z.object({
  folder: folderInput('Parent folder id or path.'),
  name: nameInput('New folder name.'),
});

export const workdriveCreateFolder = defineZohoTool<typeof input, WorkDriveClient, { file: WorkDriveFile; path: string }>({
  name: 'workdrive_create_folder',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.CREATE'],
  description: `Create a folder inside a Zoho WorkDrive folder, team folder or My Folders.
Use to organise files; a name already taken in that folder is reported, not duplicated.
Returns the new folder's id, name and path.`,
  examples: [{ folder: 'Marketing/Zylker Corp', name: 'Campaign 2027' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const parent = await client.resolveFolder(args.folder, 'folder', { signal });
    const existing = await client.findChild(parent, args.name, { signal });
    if (existing) throw nameTakenError('name', parent, existing, kindOf(existing) === 'folder' ? 'use that folder, or choose another name' : 'choose another name');
    const path = `${parent.path}/${args.name}`;
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<{ file: WorkDriveFile; path: string }>> => {
      const found = await client.findChild(parent, args.name, { signal: check });
      if (!found || kindOf(found) !== 'folder') return { status: 'not_applied' };
      return { status: 'applied', id: found.id, result: { file: found, path }, detail: `found the folder "${args.name}" in ${parent.path}` };
    };
    return {
      summary: `Create the folder "${args.name}" in ${parent.path}`,
      payload: { data: { type: 'files', attributes: { name: args.name, parent_id: parent.id } } },
      execute: async () => ({ file: await client.createFolder(parent.id, args.name, { signal }), path }),
      reconcile,
      checkWith: listCheck(parent),
    };
  },
  shape: (r) => ({ ...shapeFile(r.file), path: r.path }),
  ids: (r) => [r.file.id],
});
