import { defineZohoTool, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { UploadResult, WorkDriveClient } from '../client.js';
import { folderInput, iso, listCheck, localPathInput, nameInput, nameTakenError, RESOLVE_SCOPES, sizeText } from './shared.js';

const input = z.object({
  local_path: localPathInput('File in the local files folder.'),
  folder: folderInput('Destination folder id or path.'),
  name: nameInput('Name in WorkDrive (default the local name).', true),
  overwrite: z.boolean().optional().describe('Replace a file of that name with a new version.'),
});

export const workdriveUpload = defineZohoTool<typeof input, WorkDriveClient, UploadResult & { folder: string }>({
  name: 'workdrive_upload',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.CREATE', 'ZohoFiles.files.CREATE'],
  description: `Upload a file from the local files folder into a Zoho WorkDrive folder, streamed (large files through WorkDrive's upload host).
Use to put a report, asset or export into WorkDrive. A taken name is refused unless overwrite.
Returns the new file's id, name, size_bytes and whether it is a new file or a new version.`,
  examples: [{ local_path: 'q3-summary.pdf', folder: 'Finance/Zylker Corp' }],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    // Local checks first: nothing is sent for a missing or oversized file.
    const local = await client.files.open(args.local_path, 'local_path');
    if (local.size > client.maxUploadBytes) {
      throw new ToolInputError('local_path', `"${args.local_path}" is ${sizeText(local.size)}; the upload limit is ${sizeText(client.maxUploadBytes)} per file`);
    }
    const name = args.name ?? local.name;
    const folder = await client.resolveFolder(args.folder, 'folder', { signal });
    const existing = await client.findChild(folder, name, { signal });
    if (existing) {
      if (existing.attributes?.is_folder || existing.attributes?.type === 'folder') throw nameTakenError('name', folder, existing, 'a file cannot replace a folder; choose another name');
      if (!args.overwrite) throw nameTakenError('overwrite', folder, existing, 'pass overwrite: true to add a new version of it, or give another name');
    }
    const via = local.size > client.streamUploadAbove ? 'stream upload' : 'upload';
    const params = { folderId: folder.id, name, localPath: local.path, size: local.size, overwrite: existing !== undefined };
    const before = existing ? { id: existing.id, name, size_bytes: existing.attributes?.storage_info?.size_in_bytes, modified: iso(existing.attributes?.modified_time_in_millisecond) } : undefined;

    /** After a lost answer: the name in the folder, new (or changed since the plan) means it landed. */
    const reconcile = async ({ signal: check }: { signal: AbortSignal }): Promise<ReconcileVerdict<UploadResult & { folder: string }>> => {
      const found = await client.findChild(folder, name, { signal: check });
      const modified = found?.attributes?.modified_time_in_millisecond;
      const changed = found && (!existing || (typeof modified === 'number' && modified !== existing.attributes?.modified_time_in_millisecond) || found.attributes?.storage_info?.size_in_bytes !== existing.attributes?.storage_info?.size_in_bytes);
      if (!found || !changed) return { status: 'not_applied' };
      const size = found.attributes?.storage_info?.size_in_bytes;
      if (typeof size === 'number' && size !== local.size) return { status: 'unknown', detail: `"${name}" is in ${folder.path} with ${size} of ${local.size} bytes` };
      return { status: 'applied', id: found.id, result: { id: found.id, name, parentId: folder.id, size: local.size, operation: existing ? 'UPDATE' : 'UPLOAD', via, folder: folder.path }, detail: `found "${name}" in ${folder.path}` };
    };

    return {
      summary: `Upload ${local.name} (${sizeText(local.size)}) to ${folder.path} as "${name}"${existing ? ', a new version of the file there' : ''}`,
      payload: { parent_id: folder.id, filename: name, size_bytes: local.size, 'override-name-exist': params.overwrite, via },
      ...(before ? { before, after: { id: existing!.id, name, size_bytes: local.size } } : {}),
      execute: async () => ({ ...(await client.upload(params, { signal, onProgress: ctx.onProgress })), folder: folder.path }),
      reconcile,
      checkWith: listCheck(folder),
    };
  },
  shape: (r) => ({
    id: r.id,
    name: r.name,
    folder: r.folder,
    size_bytes: r.size,
    result: r.operation === 'UPDATE' ? 'new version' : 'new file',
    via: r.via,
    ...(r.permalink ? { permalink: r.permalink } : {}),
  }),
  ids: (r) => [r.id],
});
