import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { isNotFound, itemInput, listCheck, locationOf, nameInput, nameTakenError, parentFolder, RESOLVE_SCOPES, shapeFile } from './shared.js';

const input = z.object({
  item: itemInput(),
  name: nameInput('New name.'),
});

export const workdriveRename = defineZohoTool<typeof input, WorkDriveClient, WorkDriveFile>({
  name: 'workdrive_rename',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.UPDATE'],
  description: `Rename a Zoho WorkDrive file or folder in place.
Use to fix or standardise a name; a name already taken in the same folder is reported.
Returns the item with its new name.`,
  examples: [{ item: 'My Folders/Drafts/Board update Q3.docx', name: 'Board update Q3 (final).docx' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const { file, path, parent: found } = await client.resolveItem(args.item, 'item', { signal });
    const current = file.attributes?.name ?? '';
    if (current === args.name) throw new ToolInputError('name', `"${path}" already has that name`);
    const parent = found ?? { ...(await parentFolder(client, file, signal)), path: '' };
    const where = await locationOf(client, file, path, signal);
    const folderPath = where.includes('/') ? where.slice(0, where.lastIndexOf('/')) : 'its folder';
    if (current.toLowerCase() !== args.name.toLowerCase()) {
      const clash = await client.findChild(parent, args.name, { signal });
      if (clash) throw nameTakenError('name', { path: folderPath }, clash, 'choose another name');
    }
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<WorkDriveFile>> => {
      const now = await client.getFile(file.id, { signal: check }).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!now) return { status: 'unknown', detail: `${file.id} is gone` };
      return now.attributes?.name === args.name ? { status: 'applied', id: file.id, result: now } : { status: 'not_applied' };
    };
    return {
      summary: `Rename "${where}" to "${args.name}"`,
      payload: { data: { type: 'files', attributes: { name: args.name } } },
      before: { id: file.id, name: current },
      after: { id: file.id, name: args.name },
      execute: () => client.updateFile(file.id, { name: args.name }, { signal }),
      reconcile,
      checkWith: listCheck(parent),
    };
  },
  shape: (file) => shapeFile(file, { parent: true }),
  ids: (file) => [file.id],
});
