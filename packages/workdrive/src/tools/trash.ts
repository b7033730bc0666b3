import { defineZohoTool, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { isNotFound, itemInput, kindOf, listCheck, locationOf, RESOLVE_SCOPES, shapeFile, sizeText } from './shared.js';

const input = z.object({ item: itemInput() });

export const workdriveTrash = defineZohoTool<typeof input, WorkDriveClient, WorkDriveFile>({
  name: 'workdrive_trash',
  app: 'workdrive',
  access: 'destructive',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.UPDATE'],
  description: `Move a Zoho WorkDrive file or folder (with everything in it) to the trash, from where it can still be restored in WorkDrive.
Use only when the user clearly asks to delete or trash it.
Returns the item with status trashed.`,
  examples: [{ item: 'My Folders/Reading list.md' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const { file, path, parent } = await client.resolveItem(args.item, 'item', { signal });
    const where = await locationOf(client, file, path, signal);
    const a = file.attributes ?? {};
    const info = a.storage_info ?? {};
    const folder = kindOf(file) === 'folder';
    const contents = folder ? `, with ${info.files_count ?? 0} files and ${info.folders_count ?? 0} folders directly inside (${sizeText(info.size_in_bytes ?? 0)} in all)` : ` (${sizeText(info.size_in_bytes ?? 0)})`;
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<WorkDriveFile>> => {
      const now = await client.getFile(file.id, { signal: check }).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!now) return { status: 'applied', id: file.id, detail: 'it is no longer there' };
      return String(now.attributes?.status) === '51' ? { status: 'applied', id: file.id, result: now } : { status: 'not_applied' };
    };
    return {
      summary: `Move the ${folder ? 'folder' : 'file'} "${where}" to the trash${contents}`,
      payload: { data: { type: 'files', attributes: { status: '51' } } },
      before: shapeFile(file, { parent: true }),
      execute: () => client.updateFile(file.id, { status: '51' }, { signal }),
      reconcile,
      // Found by id, the item knows only its parent's id (an id resolves whatever kind of folder it is).
      checkWith: listCheck(parent ?? { id: String(a.parent_id ?? ''), path: '', kind: 'folder' }),
    };
  },
  shape: (file) => ({ ...shapeFile(file, { parent: true }), status: 'trashed' }),
  ids: (file) => [file.id],
});
