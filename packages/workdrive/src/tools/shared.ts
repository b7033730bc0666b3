/** Input schemas, lookups and result shaping shared by the WorkDrive tools. */
import { compact, toTable, ToolInputError, ZohoApiError, type RecordTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { sizeText } from '../size.js';
import { MY_FOLDERS, type ResolvedFolder, type WorkDriveClient, type WorkDriveFile } from '../client.js';

/**
 * Scopes every tool that takes a path needs to find it: the user (`/users/me`), the team and its member id
 * (`WorkDrive.team.READ`), the team folders (`WorkDrive.workspace.READ`, as Zoho's own n8n node asks) and listings.
 */
export const RESOLVE_SCOPES = ['WorkDrive.users.READ', 'WorkDrive.team.READ', 'WorkDrive.workspace.READ', 'WorkDrive.files.READ'];

/** A WorkDrive path or id (ids are 37 characters; paths are checked when resolved). */
const ref = () =>
  z
    .string()
    .trim()
    .max(1000)
    .refine((v) => v.length > 0, 'must not be empty');

export function folderInput(what: string): z.ZodString;
export function folderInput(what: string, optional: true): z.ZodOptional<z.ZodString>;
export function folderInput(what: string, optional = false) {
  return optional ? ref().optional().describe(what) : ref().describe(what);
}
export const itemInput = () => ref().describe('File or folder: id or path.');

/** A local file inside the files folder (FilesFolder checks it). */
const localPath = () =>
  z
    .string()
    .trim()
    .max(512)
    .refine((v) => v.length > 0, 'must not be empty');
export function localPathInput(what: string): z.ZodString;
export function localPathInput(what: string, optional: true): z.ZodOptional<z.ZodString>;
export function localPathInput(what: string, optional = false) {
  return optional ? localPath().optional().describe(what) : localPath().describe(what);
}

/** A new file or folder name. */
const name = () =>
  z
    .string()
    .trim()
    .max(255)
    .refine((v) => v.length > 0, 'must not be empty')
    .refine((v) => !/[\\/:*?"<>|]/.test(v), 'may not contain \\ / : * ? " < > |');
export function nameInput(what: string): z.ZodString;
export function nameInput(what: string, optional: true): z.ZodOptional<z.ZodString>;
export function nameInput(what: string, optional = false) {
  return optional ? name().optional().describe(what) : name().describe(what);
}

export const TYPE_FILTER: Record<string, string> = {
  all: 'all',
  folders: 'folder',
  files: 'allfiles',
  documents: 'documents',
  spreadsheets: 'spreadsheets',
  presentations: 'presentations',
  pdf: 'pdf',
  images: 'images',
  audio: 'audio',
  video: 'video',
};

export const typeInput = z
  .enum(Object.keys(TYPE_FILTER) as [string, ...string[]])
  .optional()
  .describe('Only this kind (default all).');

/** Milliseconds since the epoch → ISO 8601 UTC, seconds precision. */
export function iso(ms: unknown): string | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

export { sizeText };

/**
 * Attributes left out of shaped results, and why: JSON:API plumbing (`links`, `relationships`), UI data
 * (`capabilities`, `icon_class`, `thumbnail_url`, `permalink`, `download_url` — the download host is used
 * instead), values said again elsewhere (`extn` and `is_folder` are in `name`/`type`; locale time strings and
 * `storage_info.size` repeat the millisecond and byte fields; `creator`/`owner` are zuids of `created_by`).
 */
export const FILE_NOISE = new Set([
  'links',
  'relationships',
  'capabilities',
  'icon_class',
  'thumbnail_url',
  'permalink',
  'download_url',
  'extn',
  'is_folder',
  'created_time',
  'modified_time',
  'created_time_i18',
  'modified_time_i18',
  'creator',
  'owner',
  'storage_info',
  'created_time_in_millisecond',
  'modified_time_in_millisecond',
  'status',
  'favorite',
  'name',
  'type',
]);

/** Column order of file tables; any other attribute WorkDrive sends follows. */
export const FILE_COLUMNS = ['id', 'name', 'type', 'size_bytes', 'modified', 'modified_by', 'created', 'created_by', 'files_count', 'folders_count'];

/** One file or folder for the model: id, name, type, bytes, ISO times, who; every other business attribute kept. */
export function shapeFile(file: WorkDriveFile, options: { parent?: boolean; permalink?: boolean } = {}): Record<string, unknown> {
  const a = file.attributes ?? {};
  const folder = a.is_folder === true || a.type === 'folder';
  const row: Record<string, unknown> = { id: file.id, name: a.name, type: a.type ?? (folder ? 'folder' : undefined) };
  const info = a.storage_info ?? {};
  if (typeof info.size_in_bytes === 'number') row.size_bytes = info.size_in_bytes;
  row.modified = iso(a.modified_time_in_millisecond);
  row.created = iso(a.created_time_in_millisecond);
  if (folder) {
    row.files_count = info.files_count;
    row.folders_count = info.folders_count;
  }
  if (String(a.status ?? '1') === '51') row.status = 'trashed';
  if (a.favorite === true) row.favorite = true;
  if (options.permalink && typeof a.permalink === 'string') row.permalink = a.permalink;
  for (const [key, value] of Object.entries(a)) {
    if (FILE_NOISE.has(key) || key in row) continue;
    if (key === 'parent_id' && !options.parent) continue;
    if (key === 'version' && (value === '1' || value === 1)) continue;
    row[key] = value;
  }
  return (compact(row) ?? {}) as Record<string, unknown>;
}

export function fileTable(files: WorkDriveFile[], options: { parent?: boolean } = {}): RecordTable {
  return toTable(files.map((f) => shapeFile(f, options)), { columns: FILE_COLUMNS });
}

/** Where a file is, for confirmations: the path it was named by, or its parent folder's name. */
export async function locationOf(client: WorkDriveClient, file: WorkDriveFile, path: string, signal: AbortSignal | undefined): Promise<string> {
  if (path.includes('/')) return path;
  const parentId = file.attributes?.parent_id;
  if (!parentId) return path;
  const parent = await client.getFile(parentId, { signal }).catch(() => undefined);
  return parent?.attributes?.name ? `${parent.attributes.name}/${file.attributes?.name ?? path}` : path;
}

/**
 * The `checkWith` of a write that changed this folder: `workdrive_list_files` with the folder as it resolves
 * there — its path when that starts from a root (found by path, or a team folder or My Folders itself), else its
 * id (a folder found by id knows only its own name, which is no path).
 */
export function listCheck(folder: Pick<ResolvedFolder, 'id' | 'path' | 'kind'>): string {
  const byPath = folder.path.includes('/') || folder.kind === 'teamfolder' || (folder.kind === 'privatespace' && folder.path === MY_FOLDERS);
  return `workdrive_list_files ${JSON.stringify({ folder: byPath ? folder.path : folder.id })}`;
}

/**
 * Refuses a folder as its own destination or one inside it (Zoho answers R509, but only after the confirmation):
 * reads the destination's parents up to its root.
 */
export async function refuseIntoItself(client: WorkDriveClient, item: WorkDriveFile, from: string, dest: Pick<ResolvedFolder, 'id' | 'path' | 'kind'>, verb: 'moved' | 'copied', signal: AbortSignal | undefined): Promise<void> {
  if (kindOf(item) !== 'folder') return;
  if (dest.id === item.id) throw new ToolInputError('to', `a folder cannot be ${verb} into itself`);
  let id = dest.kind === 'folder' ? dest.id : undefined;
  for (let depth = 0; id && depth < 100; depth++) {
    const folder = await client.getFile(id, { signal });
    if (folder.type === 'teamfolders' || folder.type === 'privatespace') return;
    id = folder.attributes?.parent_id;
    if (id === item.id) throw new ToolInputError('to', `${dest.path} is inside "${from}"; a folder cannot be ${verb} into its own sub-folder`);
  }
}

/** The folder a file is in, as a folder reference for listings. */
export async function parentFolder(client: WorkDriveClient, file: WorkDriveFile, signal: AbortSignal | undefined): Promise<Pick<ResolvedFolder, 'id' | 'kind'>> {
  const parentId = String(file.attributes?.parent_id ?? '');
  const teamId = await client.teamId({ signal });
  const myFolders = await client.privateSpaceId(teamId, { signal }).catch(() => undefined);
  return { id: parentId, kind: parentId === myFolders ? 'privatespace' : 'folder' };
}

/** A name already in a folder: the error that says so (the tools never overwrite unless asked). */
export function nameTakenError(field: string, folder: { path: string }, existing: WorkDriveFile, hint: string): ToolInputError {
  const a = existing.attributes ?? {};
  const what = a.is_folder || a.type === 'folder' ? 'a folder' : `a file of ${sizeText(a.storage_info?.size_in_bytes ?? 0)}`;
  const when = iso(a.modified_time_in_millisecond);
  return new ToolInputError(field, `"${a.name}" already exists in ${folder.path} (${what}, id ${existing.id}${when ? `, modified ${when}` : ''}); ${hint}`);
}

/** Whether a lost write can be looked up after: reads that fail on "not found" mean it did not land. */
export function isNotFound(err: unknown): boolean {
  return err instanceof ZohoApiError && err.kind === 'not_found';
}

export function kindOf(file: WorkDriveFile): 'folder' | 'file' {
  return file.attributes?.is_folder === true || file.attributes?.type === 'folder' ? 'folder' : 'file';
}
