import { defineZohoTool, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { folderInput, itemInput, kindOf, listCheck, locationOf, nameTakenError, refuseIntoItself, RESOLVE_SCOPES, shapeFile, sizeText } from './shared.js';

const input = z.object({
  item: itemInput(),
  to: folderInput('Destination folder id or path.'),
});

export const workdriveCopy = defineZohoTool<typeof input, WorkDriveClient, { file: WorkDriveFile; to: string }>({
  name: 'workdrive_copy',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.CREATE'],
  description: `Copy a Zoho WorkDrive file or folder (with its contents) into another folder; the original stays.
Use to reuse a template or hand a copy to another team folder; a name already taken there is reported.
Returns the copy's id, name and folder.`,
  examples: [{ item: 'Operations/Onboarding checklist.md', to: 'Technical Docs/Zylker Corp' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const { file, path } = await client.resolveItem(args.item, 'item', { signal });
    const dest = await client.resolveFolder(args.to, 'to', { signal });
    const from = await locationOf(client, file, path, signal);
    await refuseIntoItself(client, file, from, dest, 'copied', signal);
    const name = file.attributes?.name ?? file.id;
    const clash = await client.findChild(dest, name, { signal });
    if (clash) throw nameTakenError('to', dest, clash, 'rename one of them first, or copy somewhere else');
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<{ file: WorkDriveFile; to: string }>> => {
      const found = await client.findChild(dest, name, { signal: check });
      return found ? { status: 'applied', id: found.id, result: { file: found, to: dest.path }, detail: `found "${name}" in ${dest.path}` } : { status: 'not_applied' };
    };
    const a = file.attributes ?? {};
    const what = kindOf(file) === 'folder' ? `the folder "${from}" with everything in it` : `"${from}" (${sizeText(a.storage_info?.size_in_bytes ?? 0)})`;
    return {
      summary: `Copy ${what} to ${dest.path}`,
      payload: { data: { type: 'files', attributes: { resource_id: file.id } }, destination: dest.id },
      execute: async () => ({ file: await client.copy(file.id, dest.id, { signal }), to: dest.path }),
      reconcile,
      checkWith: listCheck(dest),
    };
  },
  shape: (r) => ({ ...shapeFile(r.file), folder: r.to }),
  ids: (r) => [r.file.id],
});
