import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile } from '../client.js';
import { itemInput, kindOf, localPathInput, RESOLVE_SCOPES } from './shared.js';

const input = z.object({
  file: itemInput(),
  local_path: localPathInput('Where in the files folder (default the file name).', true),
  overwrite: z.boolean().optional().describe('Replace a local file of that name.'),
});

export interface DownloadResult {
  file: WorkDriveFile;
  path: string;
  local_path: string;
  size: number;
}

export const workdriveDownload = defineZohoTool<typeof input, WorkDriveClient, DownloadResult>({
  name: 'workdrive_download',
  app: 'workdrive',
  access: 'read',
  scopes: [...RESOLVE_SCOPES, 'ZohoFiles.files.READ'],
  description: `Download a Zoho WorkDrive file into the local files folder, streamed to disk with its size checked.
Use before reading or attaching a WorkDrive document locally. An existing local file is kept unless overwrite.
Returns local_path and size_bytes.`,
  examples: [{ file: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf' }],
  input,
  async run(args, ctx) {
    const { client, signal } = ctx;
    const { file, path } = await client.resolveItem(args.file, 'file', { signal });
    if (kindOf(file) === 'folder') throw new ToolInputError('file', `"${path}" is a folder; download the files in it one by one (workdrive_list_files)`);
    const name = file.attributes?.name ?? file.id;
    const localPath = args.local_path ?? name;
    await client.files.resolve(localPath, 'local_path');
    if (!args.overwrite && (await client.files.exists(localPath))) {
      throw new ToolInputError(args.local_path ? 'local_path' : 'overwrite', `"${localPath}" already exists in the files folder; give another local_path or pass overwrite: true`);
    }
    const metaSize = file.attributes?.storage_info?.size_in_bytes;
    const { stream, size } = await client.download({ id: file.id, name, size: metaSize }, { signal, onProgress: ctx.onProgress });
    // Written under a temporary name and renamed only when complete and of the announced size.
    const expected = size ?? metaSize;
    const written = await client.files.write(localPath, 'local_path', stream, { overwrite: args.overwrite === true, ...(expected !== undefined ? { expectedSize: expected } : {}) });
    return { file, path, local_path: localPath, size: written.size };
  },
  shape: (r) => ({ id: r.file.id, name: r.file.attributes?.name, from: r.path, local_path: r.local_path, size_bytes: r.size }),
  ids: (r) => [r.file.id],
});
