import { randomUUID } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_FILES_DIR, FilesFolder, ToolInputError, ZohoApiError, ZohoConfigError, type QueryValue, type ZohoAppClient, type ZohoConnection, type ZohoHost } from '@zoho-agent-kit/core';
import { FormDataEncoder } from 'form-data-encoder';
import { workdriveEnvelopeReader } from './envelope.js';
import { ProgressReporter, type WorkDriveProgressListener } from './progress.js';

/** WorkDrive speaks JSON:API; it may answer 415 without this Accept header. */
export const JSON_API = 'application/vnd.api+json';
export const API = '/workdrive/api/v1';

/** One JSON:API resource: `id`, `type` and the fields in `attributes`. */
export interface WorkDriveResource<A = Record<string, unknown>> {
  id: string;
  type: string;
  attributes: A;
  links?: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

export interface WorkDriveFileAttributes {
  name?: string;
  type?: string;
  extn?: string;
  is_folder?: boolean;
  parent_id?: string;
  status?: number | string;
  description?: string;
  permalink?: string;
  storage_info?: { size?: string; size_in_bytes?: number; files_count?: number; folders_count?: number };
  created_time_in_millisecond?: number;
  modified_time_in_millisecond?: number;
  created_by?: string;
  modified_by?: string;
  [key: string]: unknown;
}

/** A file, a folder, or a root (team folder `type: "teamfolders"`, My Folders `type: "privatespace"`). */
export type WorkDriveFile = WorkDriveResource<WorkDriveFileAttributes>;
/** `GET /users/me`: `id` is the user's ZUID. */
export type WorkDriveUser = WorkDriveResource<{ display_name?: string; email_id?: string; [key: string]: unknown }>;
export type WorkDriveTeam = WorkDriveResource<{ name?: string; description?: string; edition?: string; created_time_in_millisecond?: number; [key: string]: unknown }>;
export type WorkDriveTeamFolder = WorkDriveResource<WorkDriveFileAttributes & { is_public_within_team?: boolean; current_user_role?: string }>;
/** A team member: `id` is the team-member id `{team_id}-{number}`. */
export type WorkDriveMember = WorkDriveResource<{ display_name?: string; email_id?: string; zuid?: string; role?: string; status?: string; [key: string]: unknown }>;
export type WorkDrivePermission = WorkDriveResource<{ resource_id?: string; email_id?: string; display_name?: string; role_id?: number | string; shared_type?: string; expiration_date?: string; [key: string]: unknown }>;
export type WorkDriveLink = WorkDriveResource<{ resource_id?: string; link_name?: string; link?: string; role_id?: number | string; allow_download?: boolean; expiration_date?: string; password_protected?: boolean; created_time_in_millisecond?: number; [key: string]: unknown }>;

/** What a stream upload's progress endpoint says (`D201` done, `D9217` in progress, others failed). */
export interface WorkDriveUploadProgress {
  status: string;
  uploaded?: number;
  total?: number;
  resourceId?: string;
}

/** The meaning of each stream-upload status code (shared/zoho-api/workdrive.md §6). */
export const UPLOAD_STATUS: Readonly<Record<string, string>> = {
  D201: 'uploaded',
  D9217: 'still uploading',
  D9200: 'the upload failed (unknown reason, or the name is taken)',
  D9201: 'the file is empty',
  D9211: 'the organization is out of storage',
  D9214: 'the destination folder id is wrong',
  D9219: 'no permission to upload into that folder',
  D9102: 'the upload was incomplete or cancelled',
};

export interface UploadResult {
  id: string;
  name: string;
  parentId: string;
  size: number;
  /** UPLOAD (a new file) or UPDATE (a new version of the file with that name). */
  operation: 'UPLOAD' | 'UPDATE';
  via: 'upload' | 'stream upload';
  permalink?: string;
}

/** A folder found from an id or a path, with where it is for messages. */
export interface ResolvedFolder {
  id: string;
  name: string;
  /** `Marketing/Zylker Corp`, or the name alone when found by id. */
  path: string;
  kind: 'teamfolder' | 'privatespace' | 'folder';
}

export interface ResolvedItem {
  file: WorkDriveFile;
  path: string;
}

export interface WorkDriveClientOptions {
  /** The team every team-wide call uses (ZOHO_WORKDRIVE_TEAM_ID); discovered when absent (one team → used). */
  teamId?: string | undefined;
  /** The one local folder uploads read from and downloads write to (default `new FilesFolder(DEFAULT_FILES_DIR)`). */
  files?: FilesFolder | undefined;
  /** Largest file workdrive_upload sends (default 5 GiB, the agency's limit); checked before anything is sent. */
  maxUploadBytes?: number | undefined;
  /** Files larger than this go through the stream-upload host (default 250 MB, `/upload`'s limit). */
  streamUploadAbove?: number | undefined;
  /** Transfer progress, for a progress bar (see `WorkDriveTransferProgress`). */
  onProgress?: WorkDriveProgressListener | undefined;
  /** How often a stream upload's progress endpoint is asked while the body is sent (default 2000 ms). */
  progressPollMs?: number | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Progress of this call's transfer only (beside the client's own `onProgress`): bytes so far and the total. */
  onProgress?: ((bytes: number, total?: number) => void) | undefined;
}

export interface ListParams {
  /** `filter[type]`: all, folder, allfiles, documents, spreadsheets, presentations, pdf, images, audio, video. */
  type?: string | undefined;
  /** `sort`: name, last_modified, created_time, size; `-` first for descending. */
  sort?: string | undefined;
  limit?: number | undefined;
  /** A `page[next]` token from the previous page; omitted for the first page. */
  cursor?: string | undefined;
}

export interface SearchParams {
  query: string;
  mode: 'all' | 'name' | 'content';
  teamFolderId?: string | undefined;
  parentId?: string | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

export const GiB = 1024 ** 3;
export const DEFAULT_MAX_UPLOAD_BYTES = 5 * GiB;
export const DEFAULT_STREAM_UPLOAD_ABOVE = 250 * 1000 * 1000;
const ID = /^[A-Za-z0-9]{25,64}$/;
export const MY_FOLDERS = 'My Folders';

/** Whether a folder or item reference is an id rather than a path. */
export function looksLikeId(ref: string): boolean {
  return ID.test(ref.trim());
}

const TEAM_FOLDERS_TTL_MS = 60_000;

const isFolder = (f: WorkDriveFile) => f.attributes?.is_folder === true || f.attributes?.type === 'folder' || f.type === 'teamfolders' || f.type === 'privatespace';

/** Whether WorkDrive says the item is in the trash (`status` 51). */
export const isTrashed = (f: WorkDriveFile) => String(f.attributes?.status ?? '1') === '51';

/** The `page[next]` token in `links.cursor.next` (a full URL, or the bare token). */
export function cursorToken(next: unknown): string | undefined {
  if (typeof next !== 'string' || next === '') return undefined;
  try {
    return new URL(next).searchParams.get('page[next]') ?? undefined;
  } catch {
    return next;
  }
}

/** Typed calls to the Zoho WorkDrive API v1 and its download and upload hosts; no LLM concerns. */
export class WorkDriveClient {
  readonly http: ZohoAppClient;
  readonly files: FilesFolder;
  readonly maxUploadBytes: number;
  readonly streamUploadAbove: number;
  readonly progress: ProgressReporter;
  private readonly pollMs: number;
  /** Lookups asked once per client (the user, the team, per team its member, My Folders and team folders). */
  private readonly cache = new Map<string, { value: Promise<unknown>; until: number }>();

  constructor(
    readonly connection: ZohoConnection,
    readonly options: WorkDriveClientOptions = {},
  ) {
    this.http = connection.app({ app: 'workdrive', readError: workdriveEnvelopeReader });
    this.files = options.files ?? new FilesFolder(DEFAULT_FILES_DIR);
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.streamUploadAbove = options.streamUploadAbove ?? DEFAULT_STREAM_UPLOAD_ABOVE;
    this.pollMs = options.progressPollMs ?? 2000;
    this.progress = new ProgressReporter(options.onProgress);
    const configured = options.teamId?.trim();
    if (configured) {
      if (!/^[\w-]{1,100}$/.test(configured)) throw new ZohoConfigError('ZOHO_WORKDRIVE_TEAM_ID', `"${configured.slice(0, 60)}" is not a WorkDrive team id (letters and digits; workdrive_list_teams shows yours)`);
      this.cache.set('team', { value: Promise.resolve(configured), until: Infinity });
    }
  }

  private async call<T>(req: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; query?: Record<string, QueryValue>; json?: unknown; host?: ZohoHost }, options: CallOptions): Promise<T> {
    const res = await this.http.request<T>({
      method: req.method,
      path: req.path,
      ...(req.query ? { query: req.query } : {}),
      ...(req.json !== undefined ? { json: req.json } : {}),
      headers: { accept: JSON_API, ...(req.json !== undefined ? { 'content-type': JSON_API } : {}) },
      ...(req.host ? { host: req.host } : {}),
      signal: options.signal,
    });
    return res.data;
  }

  /** One promise per key, shared by concurrent callers, kept `ttlMs`; a failure is forgotten so the next call asks again. */
  private memo<V>(key: string, make: () => Promise<V>, ttlMs = Infinity): Promise<V> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value as Promise<V>;
    const entry = { value: make(), until: Date.now() + ttlMs };
    this.cache.set(key, entry);
    entry.value.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return entry.value as Promise<V>;
  }

  private get<T>(path: string, options: CallOptions, query?: Record<string, QueryValue>): Promise<T> {
    return this.call<T>({ method: 'GET', path: API + path, ...(query ? { query } : {}) }, options);
  }

  /** Every page of an offset-paged list (50 a page, WorkDrive's maximum). */
  private async all<T>(path: string, options: CallOptions, query: Record<string, QueryValue> = {}): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; offset < 10_000; offset += 50) {
      const page = (await this.get<{ data?: T[] }>(path, options, { ...query, 'page[limit]': 50, 'page[offset]': offset })).data ?? [];
      out.push(...page);
      if (page.length < 50) break;
    }
    return out;
  }

  // ---------- who, which team ----------

  /** `GET /users/me`: the signed-in user; asked once per client (a failed lookup is asked again). */
  currentUser(options: CallOptions = {}): Promise<WorkDriveUser> {
    return this.memo('me', async () => (await this.get<{ data: WorkDriveUser }>('/users/me', options)).data);
  }

  /** `GET /users/{zuid}/teams`. */
  async listTeams(options: CallOptions = {}): Promise<WorkDriveTeam[]> {
    const { id } = await this.currentUser(options);
    return (await this.get<{ data?: WorkDriveTeam[] }>(`/users/${encodeURIComponent(id)}/teams`, options)).data ?? [];
  }

  /** The configured team, or the user's only one (looked up once; several → an error listing them). */
  teamId(options: CallOptions = {}): Promise<string> {
    return this.memo('team', () => this.discoverTeam(options));
  }

  /** Whether the team was configured rather than discovered. */
  get teamConfigured(): boolean {
    return !!this.options.teamId?.trim();
  }

  private async discoverTeam(options: CallOptions): Promise<string> {
    const teams = await this.listTeams(options);
    if (teams.length === 1) return teams[0]!.id;
    if (teams.length === 0) throw new ZohoConfigError('ZOHO_WORKDRIVE_TEAM_ID', 'this Zoho user belongs to no WorkDrive team; sign in as a WorkDrive user');
    const listed = teams.map((t) => `${t.attributes?.name ?? '(unnamed)'} (${t.id})`).join(', ');
    throw new ZohoConfigError('ZOHO_WORKDRIVE_TEAM_ID', `this Zoho user belongs to ${teams.length} WorkDrive teams: ${listed}. Set ZOHO_WORKDRIVE_TEAM_ID (the WorkDrive plugin's teamId option) to the one to use`);
  }

  /** `GET /teams/{id}/currentuser`: the signed-in user as a member of the team (cached). */
  currentMember(teamId: string, options: CallOptions = {}): Promise<WorkDriveMember> {
    return this.memo(`member:${teamId}`, async () => {
      const r = await this.get<{ data?: WorkDriveMember[] | WorkDriveMember }>(`/teams/${encodeURIComponent(teamId)}/currentuser`, options);
      const first = Array.isArray(r.data) ? r.data[0] : r.data;
      if (!first?.id) throw new ZohoApiError({ app: 'workdrive', status: 200, code: 'NO_TEAM_MEMBER', kind: 'unknown', message: `WorkDrive did not say who the signed-in user is in team ${teamId}` });
      return first;
    });
  }

  /** The signed-in user's team-member id `{team_id}-{number}` (from `currentMember`, cached). */
  async teamMemberId(teamId: string, options: CallOptions = {}): Promise<string> {
    return (await this.currentMember(teamId, options)).id;
  }

  /** The user's My Folders (privatespace) id in a team: needs the team-member id, not the zuid (cached). */
  privateSpaceId(teamId: string, options: CallOptions = {}): Promise<string> {
    return this.memo(`space:${teamId}`, async () => {
      const member = await this.teamMemberId(teamId, options);
      const spaces = (await this.get<{ data?: WorkDriveResource[] }>(`/users/${encodeURIComponent(member)}/privatespace`, options)).data ?? [];
      if (!spaces[0]?.id) throw new ZohoApiError({ app: 'workdrive', status: 404, code: 'R501', kind: 'not_found', message: 'this user has no My Folders in the team' });
      return spaces[0].id;
    });
  }

  /** `GET /teams/{id}/teamfolders`: every team folder the user can see (asked each time; paths use `teamFolders`). */
  listTeamFolders(teamId: string, options: CallOptions = {}): Promise<WorkDriveTeamFolder[]> {
    return this.all<WorkDriveTeamFolder>(`/teams/${encodeURIComponent(teamId)}/teamfolders`, options);
  }

  /** The team folders as path resolution reads them: kept for a minute per team, so a run of calls asks once. */
  teamFolders(teamId: string, options: CallOptions = {}): Promise<WorkDriveTeamFolder[]> {
    return this.memo(`teamfolders:${teamId}`, () => this.listTeamFolders(teamId, options), TEAM_FOLDERS_TTL_MS);
  }

  /** `GET /teams/{id}/users`: team members, optionally those whose name or email contains `search`. */
  listTeamMembers(teamId: string, search: string | undefined, options: CallOptions = {}): Promise<WorkDriveMember[]> {
    return this.all<WorkDriveMember>(`/teams/${encodeURIComponent(teamId)}/users`, options, search ? { 'search[all]': search } : {});
  }

  // ---------- files and folders ----------

  /** `GET /files/{id}`: a file, folder, team folder or My Folders. */
  async getFile(id: string, options: CallOptions = {}): Promise<WorkDriveFile> {
    return (await this.get<{ data: WorkDriveFile }>(`/files/${encodeURIComponent(id)}`, options)).data;
  }

  /** One page of a folder's children (cursor paging: `page[next]`, up to 1000 a page). */
  async listFiles(folder: Pick<ResolvedFolder, 'id' | 'kind'>, params: ListParams = {}, options: CallOptions = {}): Promise<{ files: WorkDriveFile[]; next?: string; raw: unknown }> {
    const base = folder.kind === 'privatespace' ? `/privatespace/${encodeURIComponent(folder.id)}` : `/files/${encodeURIComponent(folder.id)}`;
    const raw = await this.get<{ data?: WorkDriveFile[]; links?: { cursor?: { has_next?: boolean; next?: unknown } } }>(`${base}/files`, options, {
      'filter[type]': params.type ?? 'all',
      ...(params.sort ? { sort: params.sort } : {}),
      'page[limit]': params.limit ?? 50,
      'page[next]': params.cursor ?? '0',
    });
    const cursor = raw.links?.cursor;
    const next = cursor?.has_next ? cursorToken(cursor.next) : undefined;
    return { files: raw.data ?? [], ...(next ? { next } : {}), raw };
  }

  /** The child of a folder with this name (case-insensitive), reading every page. */
  async findChild(folder: Pick<ResolvedFolder, 'id' | 'kind'>, name: string, options: CallOptions = {}): Promise<WorkDriveFile | undefined> {
    const wanted = name.toLowerCase();
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await this.listFiles(folder, { limit: 1000, ...(cursor ? { cursor } : {}) }, options);
      const hit = page.files.find((f) => (f.attributes?.name ?? '').toLowerCase() === wanted);
      if (hit) return hit;
      if (!page.next) return undefined;
      cursor = page.next;
    }
    return undefined;
  }

  /** `POST /files`: a folder in a parent. */
  async createFolder(parentId: string, name: string, options: CallOptions = {}): Promise<WorkDriveFile> {
    const res = await this.call<{ data: WorkDriveFile }>({ method: 'POST', path: `${API}/files`, json: { data: { type: 'files', attributes: { name, parent_id: parentId } } } }, options);
    return res.data;
  }

  /** `PATCH /files/{id}`: rename (`name`), move (`parent_id`), trash (`status: "51"`), restore (`"1"`). */
  async updateFile(id: string, attributes: Record<string, unknown>, options: CallOptions = {}): Promise<WorkDriveFile> {
    const res = await this.call<{ data: WorkDriveFile }>({ method: 'PATCH', path: `${API}/files/${encodeURIComponent(id)}`, json: { data: { type: 'files', attributes } } }, options);
    return res.data;
  }

  /** `POST /files/{destination}/copy` with the source in `resource_id`. */
  async copy(resourceId: string, destinationId: string, options: CallOptions = {}): Promise<WorkDriveFile> {
    const res = await this.call<{ data: WorkDriveFile | WorkDriveFile[] }>(
      { method: 'POST', path: `${API}/files/${encodeURIComponent(destinationId)}/copy`, json: { data: { type: 'files', attributes: { resource_id: resourceId } } } },
      options,
    );
    return Array.isArray(res.data) ? res.data[0]! : res.data;
  }

  /** `GET /teams/{id}/records`: files and folders by name and/or content. */
  async search(teamId: string, params: SearchParams, options: CallOptions = {}): Promise<{ files: WorkDriveFile[]; raw: unknown }> {
    const raw = await this.get<{ data?: WorkDriveFile[] }>(`/teams/${encodeURIComponent(teamId)}/records`, options, {
      [`search[${params.mode}]`]: params.query,
      ...(params.teamFolderId ? { 'filter[teamFolder]': params.teamFolderId } : {}),
      ...(params.parentId ? { 'filter[parentId]': params.parentId } : {}),
      ...(params.type ? { 'filter[type]': params.type } : {}),
      'page[limit]': params.limit,
      'page[offset]': params.offset,
    });
    return { files: raw.data ?? [], raw };
  }

  // ---------- sharing ----------

  async addPermission(attributes: Record<string, unknown>, options: CallOptions = {}): Promise<WorkDrivePermission> {
    return (await this.call<{ data: WorkDrivePermission }>({ method: 'POST', path: `${API}/permissions`, json: { data: { type: 'permissions', attributes } } }, options)).data;
  }

  listPermissions(resourceId: string, options: CallOptions = {}): Promise<WorkDrivePermission[]> {
    return this.all<WorkDrivePermission>(`/files/${encodeURIComponent(resourceId)}/permissions`, options);
  }

  async createLink(attributes: Record<string, unknown>, options: CallOptions = {}): Promise<WorkDriveLink> {
    return (await this.call<{ data: WorkDriveLink }>({ method: 'POST', path: `${API}/links`, json: { data: { type: 'links', attributes } } }, options)).data;
  }

  listLinks(resourceId: string, options: CallOptions = {}): Promise<WorkDriveLink[]> {
    return this.all<WorkDriveLink>(`/files/${encodeURIComponent(resourceId)}/links`, options);
  }

  // ---------- ids and paths ----------

  /**
   * A folder from an id or a path: a team folder's name or "My Folders" first, then sub-folder names
   * (`Marketing/Zylker Corp/Brand assets`). Unknown names are field errors that list what is there.
   */
  async resolveFolder(ref: string, field: string, options: CallOptions = {}): Promise<ResolvedFolder> {
    const text = ref.trim();
    if (looksLikeId(text)) {
      const file = await this.getFile(text, options).catch((err: unknown) => {
        if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError(field, `no folder has the id ${text}; give a path such as "Marketing/Zylker Corp" or list first`);
        throw err;
      });
      if (!isFolder(file)) throw new ToolInputError(field, `${text} is the file "${file.attributes?.name ?? text}", not a folder`);
      if (isTrashed(file)) throw new ToolInputError(field, `the folder "${file.attributes?.name ?? text}" is in the trash`);
      const kind = file.type === 'teamfolders' ? 'teamfolder' : file.type === 'privatespace' ? 'privatespace' : 'folder';
      const name = file.attributes?.name ?? text;
      return { id: file.id, name, path: name, kind };
    }
    const parts = splitPath(text, field);
    const teamId = await this.teamId(options);
    let folder: ResolvedFolder;
    const first = parts[0]!;
    if (first.toLowerCase() === MY_FOLDERS.toLowerCase()) {
      folder = { id: await this.privateSpaceId(teamId, options), name: MY_FOLDERS, path: MY_FOLDERS, kind: 'privatespace' };
    } else {
      const roots = await this.teamFolders(teamId, options);
      const hit = roots.find((r) => (r.attributes?.name ?? '').toLowerCase() === first.toLowerCase());
      if (!hit) {
        const names = [...roots.map((r) => `"${r.attributes?.name}"`), `"${MY_FOLDERS}"`].join(', ');
        throw new ToolInputError(field, `no team folder is named "${first.slice(0, 80)}"; paths start with one of ${names}`);
      }
      folder = { id: hit.id, name: hit.attributes?.name ?? first, path: hit.attributes?.name ?? first, kind: 'teamfolder' };
    }
    for (const part of parts.slice(1)) {
      const child = await this.findChild(folder, part, options);
      if (!child) throw new ToolInputError(field, `"${folder.path}" has no folder "${part.slice(0, 80)}"${await this.folderNames(folder, options)}`);
      if (!isFolder(child)) throw new ToolInputError(field, `"${folder.path}/${child.attributes?.name}" is a file, not a folder`);
      folder = { id: child.id, name: child.attributes?.name ?? part, path: `${folder.path}/${child.attributes?.name ?? part}`, kind: 'folder' };
    }
    return folder;
  }

  /** A file or folder (not a root) from an id or a path ending in its name. */
  async resolveItem(ref: string, field: string, options: CallOptions = {}): Promise<ResolvedItem & { parent?: ResolvedFolder }> {
    const text = ref.trim();
    if (looksLikeId(text)) {
      const file = await this.getFile(text, options).catch((err: unknown) => {
        if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError(field, `nothing has the id ${text}; give a path such as "Marketing/Zylker Corp/Campaign brief 2026.docx" or search first`);
        throw err;
      });
      if (file.type === 'teamfolders' || file.type === 'privatespace') throw new ToolInputError(field, `${text} is the team folder or My Folders "${file.attributes?.name}" itself; name a file or folder inside it`);
      if (isTrashed(file)) throw new ToolInputError(field, `"${file.attributes?.name}" is in the trash`);
      return { file, path: file.attributes?.name ?? text };
    }
    const parts = splitPath(text, field);
    if (parts.length < 2) throw new ToolInputError(field, `"${parts[0]}" is a team folder or My Folders itself; name a file or folder inside it ("${parts[0]}/…")`);
    const parent = await this.resolveFolder(parts.slice(0, -1).join('/'), field, options);
    const name = parts.at(-1)!;
    const file = await this.findChild(parent, name, options);
    if (!file) throw new ToolInputError(field, `"${parent.path}" has no file or folder "${name.slice(0, 80)}"; list it with workdrive_list_files or search`);
    return { file, path: `${parent.path}/${file.attributes?.name ?? name}`, parent };
  }

  private async folderNames(folder: ResolvedFolder, options: CallOptions): Promise<string> {
    const page = await this.listFiles(folder, { type: 'folder', limit: 20 }, options).catch(() => undefined);
    const names = page?.files.map((f) => `"${f.attributes?.name}"`) ?? [];
    return names.length ? `; its folders: ${names.join(', ')}` : '; it has no sub-folders';
  }

  // ---------- transfers ----------

  /**
   * Uploads a local file, streamed from disk: `/upload` (multipart) up to `streamUploadAbove`, the stream-upload
   * host above it (its progress endpoint asked while the body is sent). Sent once; never replayed.
   */
  async upload(params: { folderId: string; name: string; localPath: string; size: number; overwrite: boolean }, options: CallOptions = {}): Promise<UploadResult> {
    return params.size > this.streamUploadAbove ? this.streamUpload(params, options) : this.multipartUpload(params, options);
  }

  private async multipartUpload(params: { folderId: string; name: string; localPath: string; size: number; overwrite: boolean }, options: CallOptions): Promise<UploadResult> {
    const form = new FormData();
    // openAsBlob reads the file lazily, chunk by chunk, as the encoder streams the body.
    form.append('content', await openAsBlob(params.localPath), params.name);
    form.append('parent_id', params.folderId);
    form.append('filename', encodeURIComponent(params.name));
    form.append('override-name-exist', String(params.overwrite));
    const encoder = new FormDataEncoder(form);
    const transfer = this.progress.start('upload', params.name, params.size, options.onProgress);
    const res = await this.http
      .request<{ data?: { attributes?: Record<string, unknown> }[] }>({
        method: 'POST',
        path: `${API}/upload`,
        body: Readable.from(encoder.encode()),
        headers: { accept: JSON_API, 'content-type': encoder.headers['Content-Type'], 'content-length': encoder.headers['Content-Length'] ?? '' },
        signal: options.signal,
        onProgress: (bytes) => transfer.client(Math.min(bytes, params.size)),
      })
      .finally(() => transfer.end());
    return uploadResult(res.data, params, 'upload');
  }

  private async streamUpload(params: { folderId: string; name: string; localPath: string; size: number; overwrite: boolean }, options: CallOptions): Promise<UploadResult> {
    const zuid = (await this.currentUser(options)).id;
    const key = randomUUID().replace(/-/g, '');
    const uploadId = `upload_${zuid}_${key}`;
    const transfer = this.progress.start('upload', params.name, params.size, options.onProgress);
    // Asks the progress endpoint while the body is sent; stops (mid-wait) as soon as the upload ends.
    const stop = new AbortController();
    const poll = (async () => {
      while (!stop.signal.aborted) {
        await sleep(this.pollMs, undefined, { signal: stop.signal }).catch(() => undefined);
        if (stop.signal.aborted) break;
        const state = await this.uploadProgress(uploadId, { signal: AbortSignal.any([stop.signal, ...(options.signal ? [options.signal] : [])]) }).catch(() => undefined);
        if (state?.uploaded !== undefined && !stop.signal.aborted) transfer.server(state.uploaded);
      }
    })();
    try {
      const res = await this.http.request<{ data?: { attributes?: Record<string, unknown> }[] }>({
        method: 'POST',
        host: 'workdriveUpload',
        path: '/workdrive-api/v1/stream/upload',
        body: createReadStream(params.localPath, { highWaterMark: 1024 * 1024 }),
        headers: {
          accept: JSON_API,
          'content-type': 'application/octet-stream',
          'content-length': String(params.size),
          'x-filename': encodeURIComponent(params.name),
          'x-parent_id': params.folderId,
          'upload-id': key,
          'x-streammode': '1',
          ...(params.overwrite ? { 'override-name-exist': 'true' } : {}),
        },
        signal: options.signal,
        onProgress: (bytes) => transfer.client(bytes),
      });
      const result = uploadResult(res.data, params, 'stream upload', true);
      if (result.id) return result;
      const state = await this.uploadProgress(uploadId, options);
      if (state.status === 'D201' && state.resourceId) return { ...result, id: state.resourceId };
      throw uploadFailure(state);
    } catch (err) {
      // Stream mode answers failures poorly: its progress endpoint says what happened.
      if (err instanceof ZohoApiError && !['aborted', 'timeout', 'network'].includes(err.kind) && !/^[RF]\d+$/.test(err.code)) {
        const state = await this.uploadProgress(uploadId, options).catch(() => undefined);
        if (state && state.status !== 'D201' && state.status !== 'D9217' && UPLOAD_STATUS[state.status]) throw uploadFailure(state, err);
      }
      throw err;
    } finally {
      stop.abort();
      transfer.end();
      await poll;
    }
  }

  /** `GET /workdrive/uploadprogress?uploadid=upload_{zuid}_{upload-id}` on the API host. */
  async uploadProgress(uploadId: string, options: CallOptions = {}): Promise<WorkDriveUploadProgress> {
    const raw = await this.call<Record<string, unknown>>({ method: 'GET', path: '/workdrive/uploadprogress', query: { uploadid: uploadId } }, options);
    return readUploadProgress(raw);
  }

  /** The file's bytes from the download host, as a stream (progress reported as they are read). */
  async download(file: { id: string; name: string; size?: number | undefined }, options: CallOptions = {}): Promise<{ stream: Readable; size?: number }> {
    const transfer = this.progress.start('download', file.name, file.size, options.onProgress);
    try {
      const res = await this.http.request<Readable>({
        method: 'GET',
        host: 'workdriveDownload',
        path: `/v1/workdrive/download/${encodeURIComponent(file.id)}`,
        headers: { accept: '*/*' },
        responseType: 'stream',
        signal: options.signal,
        onProgress: (bytes, total) => transfer.client(bytes, total),
      });
      const length = Number(res.headers['content-length']);
      res.data.once('close', () => transfer.end());
      return { stream: res.data, ...(Number.isSafeInteger(length) ? { size: length } : {}) };
    } catch (err) {
      transfer.end();
      throw err;
    }
  }
}

function splitPath(text: string, field: string): string[] {
  const parts = text
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new ToolInputError(field, 'give a folder id or a path such as "Marketing/Zylker Corp" or "My Folders/Drafts"');
  if (parts.some((p) => p === '..' || p === '.')) throw new ToolInputError(field, 'a WorkDrive path names folders from a team folder down; "." and ".." are not allowed');
  return parts;
}

function uploadResult(data: { data?: { attributes?: Record<string, unknown> }[] } | undefined, params: { folderId: string; name: string; size: number }, via: UploadResult['via'], lenient = false): UploadResult {
  const first = Array.isArray(data?.data) ? data.data[0]?.attributes : undefined;
  const id = typeof first?.resource_id === 'string' ? first.resource_id : '';
  if (!id && !lenient) throw new ZohoApiError({ app: 'workdrive', status: 200, code: 'NO_RESOURCE_ID', kind: 'unknown', message: 'WorkDrive accepted the upload but did not say the new file id' });
  let operation: UploadResult['operation'] = 'UPLOAD';
  try {
    const info = JSON.parse(String(first?.['File INFO'] ?? '{}')) as { OPERATION?: string };
    if (info.OPERATION === 'UPDATE') operation = 'UPDATE';
  } catch {
    // "File INFO" is a JSON string Zoho's docs render garbled; without it the upload counts as new.
  }
  return {
    id,
    name: typeof first?.FileName === 'string' ? first.FileName : params.name,
    parentId: typeof first?.parent_id === 'string' ? first.parent_id : params.folderId,
    size: params.size,
    operation,
    via,
    ...(typeof first?.Permalink === 'string' ? { permalink: first.Permalink } : {}),
  };
}

/** Reads the progress answer wherever the status code sits (its body shape is unconfirmed). */
export function readUploadProgress(raw: Record<string, unknown>): WorkDriveUploadProgress {
  const data = (raw.data && typeof raw.data === 'object' ? (Array.isArray(raw.data) ? raw.data[0] : raw.data) : raw) as Record<string, unknown>;
  const a = (data.attributes && typeof data.attributes === 'object' ? data.attributes : data) as Record<string, unknown>;
  const status = [a.status, a.code, raw.status, raw.code].find((v) => typeof v === 'string' && /^D\d+$/.test(v)) as string | undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const uploaded = num(a.uploaded_size ?? a.uploaded ?? a.bytes_uploaded);
  const total = num(a.total_size ?? a.size);
  const resourceId = typeof a.resource_id === 'string' ? a.resource_id : undefined;
  return { status: status ?? 'unknown', ...(uploaded !== undefined ? { uploaded } : {}), ...(total !== undefined ? { total } : {}), ...(resourceId ? { resourceId } : {}) };
}

function uploadFailure(state: WorkDriveUploadProgress, cause?: ZohoApiError): ZohoApiError {
  const kind = state.status === 'D9219' ? 'permission' : state.status === 'D9214' ? 'not_found' : state.status === 'D9211' ? 'quota' : 'validation';
  return new ZohoApiError({
    app: 'workdrive',
    status: cause?.status ?? 200,
    code: state.status,
    kind,
    message: `the stream upload did not complete: ${UPLOAD_STATUS[state.status] ?? 'unknown status'}`,
  });
}
