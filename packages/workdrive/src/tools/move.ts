import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { folderInput, isNotFound, itemInput, listCheck, locationOf, nameTakenError, refuseIntoItself, RESOLVE_SCOPES, shapeFile } from './shared.js';

const input = z.object({
  item: itemInput(),
  to: folderInput('Destination folder id or path.'),
});

export const workdriveMove = defineZohoTool<typeof input, WorkDriveClient, { file: WorkDriveFile; to: string }>({
  name: 'workdrive_move',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.UPDATE'],
  description: `Move a Zoho WorkDrive file or folder (with its contents) into another folder, team folder or My Folders.
Use to reorganise; a name already taken at the destination is reported.
Returns the item with its new parent.`,
  examples: [{ item: 'My Folders/Notes.txt', to: 'My Folders/Drafts' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const { file, path } = await client.resolveItem(args.item, 'item', { signal });
    const dest = await client.resolveFolder(args.to, 'to', { signal });
    const from = await locationOf(client, file, path, signal);
    if (file.attributes?.parent_id === dest.id) throw new ToolInputError('to', `"${from}" is already in ${dest.path}`);
    await refuseIntoItself(client, file, from, dest, 'moved', signal);
    const name = file.attributes?.name ?? file.id;
    const clash = await client.findChild(dest, name, { signal });
    if (clash) throw nameTakenError('to', dest, clash, 'rename one of them first, or choose another destination');
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<{ file: WorkDriveFile; to: string }>> => {
      const now = await client.getFile(file.id, { signal: check }).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!now) return { status: 'unknown', detail: `${file.id} is gone` };
      return now.attributes?.parent_id === dest.id ? { status: 'applied', id: file.id, result: { file: now, to: dest.path } } : { status: 'not_applied' };
    };
    const fromFolder = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : String(file.attributes?.parent_id ?? '');
    return {
      summary: `Move "${from}" to ${dest.path}`,
      payload: { data: { type: 'files', attributes: { parent_id: dest.id } } },
      before: { id: file.id, name, folder: fromFolder },
      after: { id: file.id, name, folder: dest.path },
      execute: async () => ({ file: await client.updateFile(file.id, { parent_id: dest.id }, { signal }), to: dest.path }),
      reconcile,
      checkWith: listCheck(dest),
    };
  },
  shape: (r) => ({ ...shapeFile(r.file, { parent: true }), folder: r.to }),
  ids: (r) => [r.file.id],
});
