import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { WorkDriveClient, type WorkDriveClientOptions } from './client.js';
import { workdriveEnvelopeReader } from './envelope.js';
import { workdriveTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options of the WorkDrive plugin: `pluginOptions: { workdrive: { teamId, files, onProgress, … } }`. */
export type WorkDrivePluginOptions = WorkDriveClientOptions;

/** Guidance every WorkDrive tool shares, said once in the toolkit's instructions. */
export const WORKDRIVE_INSTRUCTIONS = `Zoho WorkDrive tools:
- Name a file or folder by id or by path: a team folder's name or "My Folders" first, then folder names, e.g. "Marketing/Zylker Corp/Brand assets/zylker-corp-logo.png" (names match case-insensitively). workdrive_list_teams lists the team folders.
- local_path is a file in the local files folder, relative to it; uploads read from it, downloads write into it.
- The team is configured or the user's only one; never ask for a team id.
- Sizes are bytes (size_bytes); times are ISO 8601 UTC.
- An existing name is never overwritten unless overwrite is true; ask the user first.`;

/** Zoho WorkDrive (API v1): team folders and My Folders, files, streamed transfers, sharing, search and organising. */
export const workdrivePlugin: ZohoPlugin<WorkDriveClient, WorkDrivePluginOptions> = {
  name: '@zoho-agent-kit/workdrive',
  app: 'workdrive',
  version,
  tools: workdriveTools,
  readError: workdriveEnvelopeReader,
  createClient: (connection, options) => new WorkDriveClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/workdrive/emulator',
  instructions: WORKDRIVE_INSTRUCTIONS,
};

export { WorkDriveClient, workdriveEnvelopeReader, workdriveTools };
export { WORKDRIVE_ERROR_KINDS } from './envelope.js';
export { ROLE_IDS, type ShareRole } from './tools/share.js';
export { FILE_NOISE, shapeFile } from './tools/shared.js';
export {
  workdriveCopy,
  workdriveCreateFolder,
  workdriveDownload,
  workdriveListFiles,
  workdriveListTeams,
  workdriveMove,
  workdriveRename,
  workdriveSearch,
  workdriveShare,
  workdriveTrash,
  workdriveUpload,
} from './tools/index.js';
export { API, cursorToken, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_STREAM_UPLOAD_ABOVE, JSON_API, looksLikeId, readUploadProgress, UPLOAD_STATUS } from './client.js';
export type {
  CallOptions,
  ListParams,
  ResolvedFolder,
  ResolvedItem,
  SearchParams,
  UploadResult,
  WorkDriveClientOptions,
  WorkDriveFile,
  WorkDriveFileAttributes,
  WorkDriveLink,
  WorkDriveMember,
  WorkDrivePermission,
  WorkDriveResource,
  WorkDriveTeam,
  WorkDriveTeamFolder,
  WorkDriveUploadProgress,
  WorkDriveUser,
} from './client.js';
export type { WorkDriveProgressListener, WorkDriveTransferProgress } from './progress.js';
