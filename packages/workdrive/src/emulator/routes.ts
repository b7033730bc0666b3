/**
 * WorkDrive API v1 routes of the emulator (shared/zoho-api/workdrive.md), on three base URLs of the one origin:
 * the API host (`/workdrive/api/v1/…` and `/workdrive/uploadprogress`, basePath '' as on www.zohoapis.*), the
 * download host (`/_workdrive-download/v1/workdrive/download/{id}`) and the large-upload host
 * (`/_workdrive-upload/workdrive-api/v1/stream/upload`). Answers are JSON:API (`application/vnd.api+json`);
 * errors are `{"errors":[{"id","title"}]}`. Uploads and downloads stream between the socket and the state's
 * content folder on disk; nothing is held whole in memory.
 *
 * Choices where Zoho's behaviour is unconfirmed (the README lists them):
 * - No token → 500 F000; bad or expired token → 401 F7003; missing scope → 401 F7004; the stream-upload host
 *   answers a missing ZohoFiles scope with the gateway's plain text `INVALID_OAUTHSCOPE`.
 * - Unknown resource → 404 R501, unknown destination → 404 R503, no permission → 403 R502 (401 R502 on
 *   `/upload`, as its status table says), name taken → 409 R504, move onto its own folder → 400 R509,
 *   unknown paths → 404 R501, bad query params → 400 F6012, a bad body → 400 `INVALID_INPUT` (synthetic),
 *   throttling → 429 `TOO_MANY_REQUESTS` (synthetic: WorkDrive documents none), 5xx → `INTERNAL_SERVER_ERROR`.
 * - An `Accept` header without JSON → 415; a missing one is tolerated.
 * - Listing: `page[limit]` ≤ 50 with `page[offset]`; cursor paging with `page[next]` (≤ 1000 a page) answers
 *   `links.cursor {has_next, next}` with `next` a full URL. `sort`: name, last_modified, created_time, size,
 *   `-` for descending (default name). Names are unique per folder, case-insensitively.
 * - `/files/{id}` also answers for a team folder or My Folders id (type `teamfolders` / `privatespace`), and
 *   `/files/{id}/files` lists either; `/privatespace/{id}/files` lists My Folders too.
 * - `/upload` with a taken name: `override-name-exist=true` adds a version (`OPERATION: UPDATE`), otherwise
 *   409 R504 (the doc's "same name exists, not uploaded"). The stream upload does the same with an
 *   `override-name-exist` header. Its own failures answer HTTP 400 `Upload failed` (stream mode "does not
 *   return proper errors"); `uploadprogress` tells why (D9214, D9219, D9201, D9211, D9102).
 * - `uploadprogress` answers `{data:{type:"uploadprogress",attributes:{status,uploaded_size,total_size,resource_id}}}`.
 * - Copy answers 201 with the new resource; a taken name at the destination is 409 R504.
 * - `/permissions` with an email that already has a role changes the role; `GET /files/{id}/permissions`
 *   lists them. Links: `link` is the public URL (on the emulator's origin), `password_protected` says whether
 *   a password is set (never the password).
 * - Search (`/teams/{id}/records`) matches `search[all]` (name or text content), `search[name]`,
 *   `search[content]` in every folder the user can read, newest first; `filter[parentId]` keeps a subtree.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { scopesSatisfy } from '@zoho-agent-kit/core';
import type { EmulatorAppErrors, EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import {
  atLeast,
  childrenOf,
  CONTENT_TYPES,
  contentPath,
  descendantsOf,
  extensionOf,
  inTrash,
  kindOf,
  memberId,
  roleAt,
  rootFor,
  rootOf,
  storageUsed,
  TYPE_FILTERS,
  userByZuid,
  type EmuItem,
  type EmuLink,
  type EmuPermission,
  type EmuTeam,
  type EmuTeamFolder,
  type EmuUpload,
  type EmuUser,
  type FolderRole,
  type WorkDriveState,
} from './state.js';
import { sizeText } from '../size.js';

type Req = EmulatorRequest<WorkDriveState>;
type Json = Record<string, unknown>;

export const API = '/workdrive/api/v1';
export const DOWNLOAD_BASE = '/_workdrive-download';
export const UPLOAD_BASE = '/_workdrive-upload';
const JSON_API = { 'content-type': 'application/vnd.api+json' };

export function workdriveError(status: number, id: string, title: string): EmulatorResponse {
  return { status, body: { errors: [{ id, title }] }, headers: { ...JSON_API } };
}

const notFound = (what = 'Resource') => workdriveError(404, 'R501', `${what} not found`);
const denied = (status = 403) => workdriveError(status, 'R502', 'Permission denied');
const invalid = (title: string) => workdriveError(400, 'INVALID_INPUT', title);
const badParams = (title: string) => workdriveError(400, 'F6012', title);
const nameTaken = (name: string) => workdriveError(409, 'R504', `A file or folder named "${name}" already exists here`);

function ok(data: unknown, status = 200, extra: Json = {}): EmulatorResponse {
  return { status, body: { data, ...extra }, headers: { ...JSON_API } };
}

/** JSON with some 19-digit integers as bare numbers (as Zoho's serializers send them): `{"__bare__": "123…"}` markers. */
function okRaw(value: unknown): EmulatorResponse {
  const text = JSON.stringify(value).replace(/\{"__bare__":"(\d+)"\}/g, '$1');
  return { status: 200, raw: text, headers: { ...JSON_API } };
}
const bare = (digits: string) => ({ __bare__: digits });

export const workdriveErrors: EmulatorAppErrors = {
  invalidToken: (reason) => (reason === 'missing' ? workdriveError(500, 'F000', 'INVALID_TICKET') : workdriveError(401, 'F7003', 'Invalid OAuth token.')),
  scopeMismatch: () => workdriveError(401, 'F7004', 'Invalid OAuth scope.'),
  throttled: () => workdriveError(429, 'TOO_MANY_REQUESTS', 'Too many requests; try again later.'),
  notFound: () => workdriveError(404, 'R501', 'Resource not found. Check the URL.'),
  methodNotAllowed: (method) => workdriveError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on this resource`),
  serverError: (status) => workdriveError(status, 'INTERNAL_SERVER_ERROR', 'Internal server error.'),
};

// ---------- JSON:API resources ----------

const TIME = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' });
const localTime = (ms: number) => TIME.format(new Date(ms));

const nameOf = (state: WorkDriveState, zuid: string) => userByZuid(state, zuid)?.name ?? zuid;

function fileJson(req: Req, item: EmuItem): Json {
  const { state, origin } = req;
  const kind = kindOf(item);
  const role = roleAt(state, item.id);
  const canEdit = atLeast(role, 'editor');
  const below = item.isFolder ? descendantsOf(state, item.id) : [];
  const self = `${origin}${API}/files/${item.id}`;
  return {
    id: item.id,
    type: 'files',
    attributes: {
      name: item.name,
      type: kind,
      extn: item.isFolder ? '' : extensionOf(item.name),
      is_folder: item.isFolder,
      parent_id: item.parentId,
      status: item.status,
      ...(item.description ? { description: item.description } : {}),
      favorite: item.favorite,
      icon_class: item.isFolder ? 'folder' : kind,
      permalink: `${origin}/_workdrive-web/${item.isFolder ? 'folder' : 'file'}/${item.id}`,
      ...(item.isFolder ? {} : { download_url: `${origin}/workdrive/download/${item.id}`, thumbnail_url: `${origin}/workdrive/thumbnail/${item.id}` }),
      storage_info: {
        size: sizeText(item.isFolder ? below.reduce((a, i) => a + i.size, 0) : item.size),
        size_in_bytes: item.isFolder ? below.reduce((a, i) => a + i.size, 0) : item.size,
        files_count: item.isFolder ? childrenOf(state, item.id).filter((c) => !c.isFolder).length : 0,
        folders_count: item.isFolder ? childrenOf(state, item.id).filter((c) => c.isFolder).length : 0,
      },
      created_time_in_millisecond: item.created,
      modified_time_in_millisecond: item.modified,
      created_time: localTime(item.created),
      modified_time: localTime(item.modified),
      created_time_i18: localTime(item.created),
      modified_time_i18: localTime(item.modified),
      created_by: nameOf(state, item.createdBy),
      modified_by: nameOf(state, item.modifiedBy),
      creator: item.createdBy,
      owner: item.createdBy,
      ...(item.isFolder ? {} : { version: String(item.version) }),
      capabilities: { can_read: role !== undefined, can_edit: canEdit, can_share: canEdit, can_download: role !== undefined, can_trash: canEdit, can_rename: canEdit, can_move: canEdit, can_copy: role !== undefined },
    },
    relationships: {
      ...(item.isFolder ? { files: { links: { related: `${self}/files`, self: `${self}/relationships/files` } } } : {}),
      parentfolders: { links: { related: `${self}/parentfolders` } },
      permissions: { links: { related: `${self}/permissions` } },
      links: { links: { related: `${self}/links` } },
    },
    links: { self },
  };
}

function teamFolderJson(req: Req, folder: EmuTeamFolder): Json {
  const { state, origin } = req;
  const below = descendantsOf(state, folder.id);
  const self = `${origin}${API}/files/${folder.id}`;
  return {
    id: folder.id,
    type: 'teamfolders',
    attributes: {
      name: folder.name,
      description: folder.description,
      type: 'folder',
      is_folder: true,
      parent_id: folder.teamId,
      status: 1,
      is_public_within_team: Object.keys(folder.roles).length >= state.users.length,
      created_time_in_millisecond: folder.created,
      created_time: localTime(folder.created),
      created_by: nameOf(state, folder.createdBy),
      creator: folder.createdBy,
      current_user_role: roleAt(state, folder.id) ?? 'none',
      storage_info: { size: sizeText(below.reduce((a, i) => a + i.size, 0)), size_in_bytes: below.reduce((a, i) => a + i.size, 0), files_count: childrenOf(state, folder.id).filter((c) => !c.isFolder).length, folders_count: childrenOf(state, folder.id).filter((c) => c.isFolder).length },
      permalink: `${origin}/_workdrive-web/teamfolder/${folder.id}`,
    },
    relationships: { files: { links: { related: `${self}/files` } }, members: { links: { related: `${origin}${API}/teamfolders/${folder.id}/members` } } },
    links: { self },
  };
}

function privateSpaceJson(req: Req, id: string): Json {
  const self = `${req.origin}${API}/privatespace/${id}`;
  return {
    id,
    type: 'privatespace',
    attributes: { name: 'My Folders', type: 'folder', is_folder: true, status: 1, storage_info: { size_in_bytes: descendantsOf(req.state, id).reduce((a, i) => a + i.size, 0) } },
    relationships: { files: { links: { related: `${self}/files` } }, folders: { links: { related: `${self}/folders` } } },
    links: { self },
  };
}

function teamJson(req: Req, team: EmuTeam): Json {
  return {
    id: team.id,
    type: 'teams',
    attributes: { name: team.name, description: team.description, edition: team.edition, created_time_in_millisecond: team.created, members_count: team.members.length, current_user_role: 'admin' },
    links: { self: `${req.origin}${API}/teams/${team.id}` },
  };
}

function memberJson(req: Req, team: EmuTeam, user: EmuUser): Json {
  return {
    id: memberId(team, user),
    type: 'users',
    attributes: { display_name: user.name, email_id: user.email, zuid: user.zuid, member_id: bare(user.memberNumber), role: user.role, status: 'ACTIVE' },
    links: { self: `${req.origin}${API}/users/${memberId(team, user)}` },
  };
}

function permissionJson(req: Req, p: EmuPermission): Json {
  const user = req.state.users.find((u) => u.email.toLowerCase() === p.email.toLowerCase());
  return {
    id: p.id,
    type: 'permissions',
    attributes: {
      resource_id: p.resourceId,
      shared_type: p.sharedType,
      email_id: p.email,
      display_name: user?.name ?? p.email,
      role_id: Number(p.roleId),
      shared_by: nameOf(req.state, p.sharedBy),
      shared_time_in_millisecond: p.created,
      ...(p.expiration ? { expiration_date: p.expiration } : {}),
    },
    links: { self: `${req.origin}${API}/permissions/${p.id}` },
  };
}

function linkJson(req: Req, l: EmuLink): Json {
  return {
    id: l.id,
    type: 'links',
    attributes: {
      resource_id: l.resourceId,
      link_name: l.name,
      link: `${req.origin}/_workdrive-external/${l.id}`,
      role_id: Number(l.roleId),
      link_type: l.downloadLimit !== undefined ? 'download' : 'custom',
      allow_download: l.allowDownload,
      password_protected: l.password !== undefined,
      request_user_data: l.requestUserData,
      ...(l.expiration ? { expiration_date: l.expiration } : {}),
      ...(l.downloadLimit !== undefined ? { download_link: { download_limit: l.downloadLimit } } : {}),
      created_by: nameOf(req.state, l.createdBy),
      created_time_in_millisecond: l.created,
    },
    links: { self: `${req.origin}${API}/links/${l.id}` },
  };
}

// ---------- request helpers ----------

/** WorkDrive may answer 415 to an Accept it cannot serve; a missing Accept is tolerated. */
function acceptProblem(req: Req): EmulatorResponse | undefined {
  const accept = String(req.headers.accept ?? '');
  if (accept && !/json|\*\/\*/i.test(accept)) return workdriveError(415, 'UNSUPPORTED_MEDIA_TYPE', `Accept ${accept.slice(0, 60)} is not served; send Accept: application/vnd.api+json`);
  return undefined;
}

/** The `attributes` of a JSON:API body `{data:{type, attributes}}`, or the error to answer. */
function attributesOf(req: Req): Json | EmulatorResponse {
  const body = req.body;
  if (body === Symbol.for('invalid-json')) return invalid('The request body is not valid JSON');
  const data = body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as Json).data : undefined;
  const attributes = data && typeof data === 'object' && !Array.isArray(data) ? (data as Json).attributes : undefined;
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return invalid('The body must be {"data":{"type":…,"attributes":{…}}}');
  return attributes as Json;
}

/** A share or link request: its attributes and the live item it names, which the caller must be able to edit. */
function shareRequest(req: Req): { a: Json; item: EmuItem } | EmulatorResponse {
  const a = attributesOf(req);
  if (isResponse(a)) return a;
  const item = activeItem(req.state, String(a.resource_id ?? ''));
  if (!item) return notFound();
  if (!atLeast(roleAt(req.state, item.id), 'editor')) return denied();
  return { a, item };
}

const isResponse = (v: unknown): v is EmulatorResponse => !!v && typeof v === 'object' && 'status' in v && typeof (v as EmulatorResponse).status === 'number' && ('body' in v || 'raw' in v);

/** An active item, or a root (team folder / My Folders) the user can see. */
type Container = { kind: 'root'; id: string } | { kind: 'item'; item: EmuItem };

function container(state: WorkDriveState, id: string): Container | undefined {
  if (rootOf(state, id)) return roleAt(state, id) ? { kind: 'root', id } : undefined;
  const item = state.items.get(id);
  if (!item || !item.isFolder || inTrash(state, item) || !roleAt(state, id)) return undefined;
  return { kind: 'item', item };
}

function activeItem(state: WorkDriveState, id: string): EmuItem | undefined {
  const item = state.items.get(id);
  return item && !inTrash(state, item) && roleAt(state, id) ? item : undefined;
}

function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'name is required';
  if (name.length > 255) return 'name is longer than 255 characters';
  if (/[\\/:*?"<>|]/.test(name) || name.trim() !== name) return 'name may not contain \\ / : * ? " < > | or leading/trailing spaces';
  return undefined;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const taken = (state: WorkDriveState, parentId: string, name: string, except?: string) => childrenOf(state, parentId).find((c) => sameName(c.name, name) && c.id !== except);

const SORTS: Record<string, (a: EmuItem, b: EmuItem) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }),
  last_modified: (a, b) => a.modified - b.modified,
  created_time: (a, b) => a.created - b.created,
  size: (a, b) => a.size - b.size,
};

function intParam(req: Req, name: string): number | undefined | EmulatorResponse {
  const text = req.query.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) return badParams(`${name} must be a whole number`);
  return Number(text);
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(token: string): number | undefined {
  if (token === '0') return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** One page of `items` by `page[offset]`/`page[limit]` (≤ 50) or `page[next]`/`page[limit]` (≤ 1000). */
function page(req: Req, items: unknown[], path: string): EmulatorResponse {
  const limit = intParam(req, 'page[limit]');
  if (isResponse(limit)) return limit;
  const next = req.query.get('page[next]');
  if (next !== null) {
    const offset = decodeCursor(next);
    if (offset === undefined) return badParams('page[next] is not a cursor this API returned');
    const size = Math.min(Math.max(limit ?? 50, 1), 1000);
    const slice = items.slice(offset, offset + size);
    const hasNext = offset + size < items.length;
    const url = new URL(`${req.origin}${path}`);
    for (const [k, v] of req.query) if (k !== 'page[next]') url.searchParams.set(k, v);
    url.searchParams.set('page[next]', encodeCursor(offset + size));
    return ok(slice, 200, { links: { cursor: { has_next: hasNext, next: hasNext ? url.toString() : '' } } });
  }
  const offset = intParam(req, 'page[offset]');
  if (isResponse(offset)) return offset;
  const size = Math.min(Math.max(limit ?? 50, 1), 50);
  return ok(items.slice(offset ?? 0, (offset ?? 0) + size));
}

/** A folder's (or root's) active children, filtered, sorted and paged. */
function listChildren(req: Req, parentId: string, only?: 'folder'): EmulatorResponse {
  const problem = acceptProblem(req);
  if (problem) return problem;
  if (!container(req.state, parentId)) return notFound();
  const type = only ?? req.query.get('filter[type]') ?? 'all';
  const keep = TYPE_FILTERS[type];
  if (!keep) return badParams(`filter[type] must be one of ${Object.keys(TYPE_FILTERS).join(', ')}`);
  const sortText = req.query.get('sort') ?? 'name';
  const compare = SORTS[sortText.replace(/^-/, '')];
  if (!compare) return badParams(`sort must be one of ${Object.keys(SORTS).join(', ')} (prefix - for descending)`);
  const desc = sortText.startsWith('-');
  const items = childrenOf(req.state, parentId)
    .filter((i) => keep(kindOf(i)))
    .sort((a, b) => (desc ? -1 : 1) * compare(a, b) || a.id.localeCompare(b.id));
  return page(req, items.map((i) => fileJson(req, i)), req.path);
}

function teamFor(req: Req, id: string | undefined): EmuTeam | undefined {
  return req.state.teams.find((t) => t.id === id && t.members.includes(req.state.me));
}

function me(req: Req): EmuUser {
  return userByZuid(req.state, req.state.me)!;
}

const roleIdText = (value: unknown): string | undefined => (typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' && /^\d{1,3}$/.test(value) ? value : undefined);

/** Role ids WorkDrive documents, per resource kind (permissions) and for links. */
const FILE_ROLES = new Set(['34', '5', '4', '6', '33']);
const FOLDER_ROLES_IDS = new Set(['6', '5', '3', '7']);
const LINK_ROLES: Record<string, (item: EmuItem) => boolean> = { '34': () => true, '5': (i) => i.isFolder, '6': (i) => !i.isFolder, '7': (i) => i.isFolder };

const EXPIRY = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
function expiryProblem(value: unknown, now: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !EXPIRY.test(value)) return 'expiration_date must be yyyy-MM-dd HH:mm:ss';
  const at = Date.parse(value.replace(' ', 'T') + 'Z');
  if (Number.isNaN(at)) return 'expiration_date is not a date';
  if (at <= now) return 'expiration_date must be in the future';
  return undefined;
}

function newItem(req: Req, init: Pick<EmuItem, 'name' | 'isFolder' | 'parentId' | 'size'>): EmuItem {
  const item: EmuItem = { id: req.state.nextId(), status: 1, created: req.now, modified: req.now, createdBy: req.state.me, modifiedBy: req.state.me, favorite: false, version: 1, ...init };
  req.state.items.set(item.id, item);
  return item;
}

/** `/upload` and stream-upload answers: an array with `resource_id` and a JSON string `File INFO`. */
function uploadAnswer(req: Req, item: EmuItem, operation: 'UPLOAD' | 'UPDATE'): EmulatorResponse {
  return ok([
    {
      type: 'files',
      attributes: {
        resource_id: item.id,
        parent_id: item.parentId,
        FileName: item.name,
        Permalink: `${req.origin}/_workdrive-web/file/${item.id}`,
        'File INFO': JSON.stringify({ OPERATION: operation, RESOURCE_ID: item.id, FILE_NAME: item.name, VERSION: String(item.version), SIZE: item.size }),
      },
    },
  ]);
}

/** Files the upload wrote go under the final name, as a new file or a new version of the one there. */
async function landUpload(req: Req, temp: string, name: string, parentId: string, size: number, override: boolean): Promise<EmulatorResponse> {
  const existing = taken(req.state, parentId, name);
  if (existing && (!override || existing.isFolder)) {
    await rm(temp, { force: true });
    return nameTaken(name);
  }
  if (storageUsed(req.state) - (existing?.size ?? 0) + size > req.state.limits.storageBytes) {
    await rm(temp, { force: true });
    return workdriveError(507, 'STORAGE_FULL', 'The organization has run out of storage');
  }
  if (existing) {
    await rename(temp, contentPath(req.state, existing.id));
    Object.assign(existing, { size, modified: req.now, modifiedBy: req.state.me, version: existing.version + 1 });
    return uploadAnswer(req, existing, 'UPDATE');
  }
  const item = newItem(req, { name, isFolder: false, parentId, size });
  await rename(temp, contentPath(req.state, item.id));
  return uploadAnswer(req, item, 'UPLOAD');
}

function decodeName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `POST /upload`: a multipart body parsed as it arrives (busboy), the `content` part streamed to disk. */
async function multipartUpload(req: Req): Promise<EmulatorResponse> {
  const { state } = req;
  const type = String(req.headers['content-type'] ?? '');
  const stream = req.stream!;
  if (!/^multipart\/form-data/i.test(type)) {
    stream.resume();
    return workdriveError(400, 'INVALID_INPUT', 'content is missing: send multipart/form-data with a "content" file part');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > state.limits.uploadBytes + 64 * 1024) {
    stream.resume();
    return workdriveError(413, 'FILE_TOO_LARGE', `The file is larger than ${sizeText(state.limits.uploadBytes)}; use the stream upload`);
  }
  const temp = join(state.dir, `.upload-${state.nextId()}`);
  const fields: Record<string, string> = {};
  let file: { name: string; size: number; truncated: boolean; written: Promise<void> } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fileSize: state.limits.uploadBytes } });
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('file', (name, part: Readable, info) => {
        if (name !== 'content' || file) {
          part.resume();
          return;
        }
        const entry = { name: info.filename ?? 'upload', size: 0, truncated: false, written: Promise.resolve() };
        part.on('data', (chunk: Buffer) => (entry.size += chunk.length));
        part.on('limit', () => (entry.truncated = true));
        entry.written = pipeline(part, createWriteStream(temp));
        file = entry;
      });
      parser.on('close', () => resolve());
      parser.on('error', reject);
      stream.on('aborted', () => reject(new Error('aborted')));
      stream.pipe(parser);
    });
    await file?.written;
  } catch {
    await rm(temp, { force: true });
    return invalid('The multipart body could not be read');
  }
  if (!file) return workdriveError(400, 'INVALID_INPUT', 'content is missing: the "content" file part is required');
  if (file.truncated) {
    await rm(temp, { force: true });
    return workdriveError(413, 'FILE_TOO_LARGE', `The file is larger than ${sizeText(state.limits.uploadBytes)}; use the stream upload`);
  }
  const parentId = fields.parent_id ?? req.query.get('parent_id') ?? '';
  const name = decodeName(fields.filename ?? req.query.get('filename') ?? undefined) ?? file.name;
  const override = (fields['override-name-exist'] ?? req.query.get('override-name-exist') ?? 'false') === 'true';
  const fail = async (answer: EmulatorResponse) => {
    await rm(temp, { force: true });
    return answer;
  };
  if (!parentId) return fail(invalid('parent_id is required'));
  if (!container(state, parentId)) return fail(workdriveError(404, 'R503', 'Destination folder not found'));
  if (!atLeast(roleAt(state, parentId), 'editor')) return fail(denied(401));
  const problem = nameProblem(name);
  if (problem) return fail(invalid(problem));
  return landUpload(req, temp, name, parentId, file.size, override);
}

/** `POST …/stream/upload`: the raw body streamed to disk, progress kept for `uploadprogress`. */
async function streamUpload(req: Req): Promise<EmulatorResponse> {
  const { state } = req;
  const stream = req.stream!;
  const failed = (status: number, code: string, record?: EmuUpload): EmulatorResponse => {
    if (record) record.status = code;
    stream.resume();
    return { status, raw: 'Upload failed', headers: { 'content-type': 'text/plain' } };
  };
  if (!scopesSatisfy(req.token?.scopes ?? [], ['ZohoFiles.files.CREATE'])) {
    stream.resume();
    return { status: 401, raw: 'INVALID_OAUTHSCOPE', headers: { 'content-type': 'text/plain' } };
  }
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const uploadKey = header('upload-id');
  const name = decodeName(header('x-filename'));
  const parentId = header('x-parent_id');
  if (!uploadKey || !name || !parentId) {
    stream.resume();
    return invalid('x-filename, x-parent_id and upload-id headers are required');
  }
  const uploadId = `upload_${state.me}_${uploadKey}`;
  const declared = Number(header('content-length'));
  const record: EmuUpload = { uploadId, status: 'D9217', received: 0, name, parentId, started: req.now, ...(Number.isFinite(declared) ? { total: declared } : {}) };
  state.uploads.set(uploadId, record);
  if (!container(state, parentId)) return failed(400, 'D9214', record);
  if (!atLeast(roleAt(state, parentId), 'editor')) return failed(400, 'D9219', record);
  if (nameProblem(name)) return failed(400, 'D9200', record);
  if (Number.isFinite(declared) && (declared > state.limits.streamUploadBytes || storageUsed(state) + declared > state.limits.storageBytes)) return failed(400, 'D9211', record);

  const temp = join(state.dir, `.stream-${state.nextId()}`);
  stream.on('data', (chunk: Buffer) => (record.received += chunk.length));
  try {
    await pipeline(stream, createWriteStream(temp, { highWaterMark: 1024 * 1024 }));
  } catch {
    record.status = 'D9102';
    await rm(temp, { force: true });
    return failed(400, 'D9102');
  }
  if (Number.isFinite(declared) && record.received !== declared) {
    await rm(temp, { force: true });
    return failed(400, 'D9102', record);
  }
  if (record.received === 0) {
    await rm(temp, { force: true });
    return failed(400, 'D9201', record);
  }
  const override = String(header('override-name-exist') ?? 'false') === 'true';
  const answer = await landUpload(req, temp, name, parentId, record.received, override);
  if (answer.status !== 200) {
    record.status = answer.status === 507 ? 'D9211' : 'D9200';
    return answer;
  }
  record.status = 'D201';
  record.resourceId = String(((answer.body as { data: { attributes: Json }[] }).data[0]!.attributes.resource_id));
  return answer;
}

async function copyTree(req: Req, source: EmuItem, destId: string): Promise<EmuItem> {
  const copy = newItem(req, { name: source.name, isFolder: source.isFolder, parentId: destId, size: source.size });
  if (source.description) copy.description = source.description;
  if (!source.isFolder) await copyFile(contentPath(req.state, source.id), contentPath(req.state, copy.id));
  else for (const child of childrenOf(req.state, source.id)) await copyTree(req, child, copy.id);
  return copy;
}

/** Whether `folderId` is `item` itself or below it. */
function isWithin(state: WorkDriveState, folderId: string, item: EmuItem): boolean {
  let current: string | undefined = folderId;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === item.id) return true;
    current = state.items.get(current)?.parentId;
  }
  return false;
}

function updateItem(req: Req): EmulatorResponse | Promise<EmulatorResponse> {
  const { state } = req;
  const attributes = attributesOf(req);
  if (isResponse(attributes)) return attributes;
  const item = state.items.get(req.params.id!);
  if (!item || !roleAt(state, item.id)) return rootOf(state, req.params.id!) ? invalid('Team folders and My Folders cannot be changed through /files') : notFound();
  if (!atLeast(roleAt(state, item.id), 'editor')) return denied();
  const keys = Object.keys(attributes).filter((k) => ['name', 'parent_id', 'status', 'favorite', 'description'].includes(k));
  if (keys.length === 0) return invalid('Give one of name, parent_id, status, favorite, description');
  const status = attributes.status === undefined ? undefined : String(attributes.status);
  if (status !== undefined) {
    if (status === '51') {
      if (item.status === 51 || inTrash(state, item)) return invalid('The item is already in the trash');
      item.status = 51;
    } else if (status === '1') {
      if (item.status !== 51) return invalid('Only items in the trash can be restored');
      if (taken(state, item.parentId, item.name, item.id)) return nameTaken(item.name);
      item.status = 1;
    } else if (status === '61') {
      if (item.status !== 51) return invalid('Move the item to the trash before deleting it permanently');
      const gone = [item, ...descendantsOfAny(state, item.id)];
      for (const g of gone) state.items.delete(g.id);
      return Promise.all(gone.map((g) => rm(contentPath(state, g.id), { force: true }))).then(() => ({ status: 204 }));
    } else return invalid('status must be "51" (trash), "1" (restore) or "61" (delete permanently)');
    item.modified = req.now;
    item.modifiedBy = state.me;
    return ok(fileJson(req, item));
  }
  if (inTrash(state, item)) return notFound();
  if (attributes.name !== undefined) {
    const problem = nameProblem(attributes.name);
    if (problem) return invalid(problem);
    const name = attributes.name as string;
    if (taken(state, item.parentId, name, item.id)) return nameTaken(name);
    item.name = name;
  }
  if (attributes.parent_id !== undefined) {
    const dest = String(attributes.parent_id);
    if (dest === item.parentId) return workdriveError(400, 'R509', 'The source and destination folders are the same');
    if (!container(state, dest)) return workdriveError(404, 'R503', 'Destination folder not found');
    if (item.isFolder && isWithin(state, dest, item)) return workdriveError(400, 'R509', 'A folder cannot be moved into itself');
    if (!atLeast(roleAt(state, dest), 'editor')) return denied();
    if (taken(state, dest, item.name, item.id)) return nameTaken(item.name);
    item.parentId = dest;
  }
  if (attributes.favorite !== undefined) item.favorite = attributes.favorite === true || attributes.favorite === 'true';
  if (typeof attributes.description === 'string') item.description = attributes.description.slice(0, 1000);
  item.modified = req.now;
  item.modifiedBy = state.me;
  return ok(fileJson(req, item));
}

/** Every item below an id, trashed or not. */
function descendantsOfAny(state: WorkDriveState, id: string): EmuItem[] {
  const out: EmuItem[] = [];
  for (const child of state.items.values()) {
    if (child.parentId !== id) continue;
    out.push(child, ...descendantsOfAny(state, child.id));
  }
  return out;
}

const TEXTUAL = new Set(['text', 'spreadsheet', 'pdf', 'writer', 'image', 'presentation', 'file']);

async function search(req: Req): Promise<EmulatorResponse> {
  const { state } = req;
  const problem = acceptProblem(req);
  if (problem) return problem;
  const team = teamFor(req, req.params.team_id);
  if (!team) return notFound('Team');
  const [mode, query] = (['all', 'name', 'content'] as const).map((m) => [m, req.query.get(`search[${m}]`)] as const).find(([, q]) => q !== null && q.trim() !== '') ?? [undefined, undefined];
  if (!mode || !query) return badParams('search[all], search[name] or search[content] is required');
  const type = req.query.get('filter[type]') ?? 'all';
  const keep = TYPE_FILTERS[type];
  if (!keep) return badParams(`filter[type] must be one of ${Object.keys(TYPE_FILTERS).join(', ')}`);
  const teamFolder = req.query.get('filter[teamFolder]');
  const parent = req.query.get('filter[parentId]');
  let roots = [...state.teamFolders.filter((f) => f.teamId === team.id && roleAt(state, f.id)).map((f) => f.id), ...state.privateSpaces.filter((p) => p.teamId === team.id && p.owner === state.me).map((p) => p.id)];
  if (teamFolder) roots = roots.filter((r) => r === teamFolder);
  if (parent) {
    if (!container(state, parent)) return notFound('Folder');
    roots = [parent];
  }
  const wanted = query.toLowerCase();
  const hits: EmuItem[] = [];
  for (const item of roots.flatMap((r) => descendantsOf(state, r))) {
    if (!keep(kindOf(item))) continue;
    let hit = (mode === 'all' || mode === 'name') && item.name.toLowerCase().includes(wanted);
    if (!hit && mode !== 'name' && !item.isFolder && item.size <= 2 * 1024 * 1024 && TEXTUAL.has(kindOf(item))) {
      const text = (await readFile(contentPath(state, item.id))).toString('latin1').toLowerCase();
      hit = text.includes(wanted);
    }
    if (hit) hits.push(item);
  }
  hits.sort((a, b) => b.modified - a.modified || a.id.localeCompare(b.id));
  return page(req, hits.map((i) => fileJson(req, i)), req.path);
}

const READ = ['WorkDrive.files.READ'];

export const workdriveRoutes: EmulatorRoute<WorkDriveState>[] = [
  // ---------- who am I, teams, team folders, My Folders ----------
  {
    method: 'GET',
    path: `${API}/users/me`,
    scopes: ['WorkDrive.users.READ'],
    handle: (req) => {
      const user = me(req);
      return ok({ id: user.zuid, type: 'users', attributes: { display_name: user.name, email_id: user.email, zuid: user.zuid, time_zone: 'America/New_York', edition: 'BUSINESS', language: 'en' }, links: { self: `${req.origin}${API}/users/${user.zuid}` } });
    },
  },
  {
    method: 'GET',
    path: `${API}/users/:user_id/teams`,
    scopes: ['WorkDrive.team.READ'],
    handle: (req) => (req.params.user_id === req.state.me ? ok(req.state.teams.filter((t) => t.members.includes(req.state.me)).map((t) => teamJson(req, t))) : notFound('User')),
  },
  {
    method: 'GET',
    path: `${API}/users/:member_id/privatespace`,
    scopes: ['WorkDrive.files.READ', 'WorkDrive.team.READ', 'WorkDrive.users.READ'],
    handle: (req) => {
      // The team-member id `{team_id}-{number}`, not the zuid (a common mistake the API answers with R501).
      const team = req.state.teams.find((t) => req.params.member_id === memberId(t, me(req)));
      if (!team) return notFound('Team member');
      return ok(req.state.privateSpaces.filter((p) => p.teamId === team.id && p.owner === req.state.me).map((p) => privateSpaceJson(req, p.id)));
    },
  },
  {
    method: 'GET',
    path: `${API}/teams/:team_id`,
    scopes: ['WorkDrive.team.READ'],
    handle: (req) => {
      const team = teamFor(req, req.params.team_id);
      return team ? ok(teamJson(req, team)) : notFound('Team');
    },
  },
  {
    method: 'GET',
    path: `${API}/teams/:team_id/currentuser`,
    scopes: ['WorkDrive.team.READ'],
    handle: (req) => {
      const team = teamFor(req, req.params.team_id);
      return team ? okRaw({ data: [memberJson(req, team, me(req))] }) : notFound('Team');
    },
  },
  {
    method: 'GET',
    path: `${API}/teams/:team_id/users`,
    scopes: ['WorkDrive.users.READ', 'WorkDrive.team.READ'],
    handle: (req) => {
      const team = teamFor(req, req.params.team_id);
      if (!team) return notFound('Team');
      const q = (req.query.get('search[all]') ?? '').toLowerCase();
      const users = team.members
        .map((z) => userByZuid(req.state, z)!)
        .filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q));
      const answer = page(req, users.map((u) => memberJson(req, team, u)), req.path);
      return answer.body ? okRaw(answer.body) : answer;
    },
  },
  {
    method: 'GET',
    path: `${API}/teams/:team_id/teamfolders`,
    scopes: ['WorkDrive.workspace.READ', 'WorkDrive.teamfolders.READ'],
    handle: (req) => {
      const team = teamFor(req, req.params.team_id);
      if (!team) return notFound('Team');
      const folders = req.state.teamFolders.filter((f) => f.teamId === team.id && roleAt(req.state, f.id)).sort((a, b) => a.name.localeCompare(b.name));
      return page(req, folders.map((f) => teamFolderJson(req, f)), req.path);
    },
  },
  { method: 'GET', path: `${API}/teams/:team_id/records`, scopes: READ, handle: search },
  { method: 'GET', path: `${API}/privatespace/:id/files`, scopes: READ, handle: (req) => (rootOf(req.state, req.params.id!)?.kind === 'privatespace' ? listChildren(req, req.params.id!) : notFound()) },
  { method: 'GET', path: `${API}/privatespace/:id/folders`, scopes: READ, handle: (req) => (rootOf(req.state, req.params.id!)?.kind === 'privatespace' ? listChildren(req, req.params.id!, 'folder') : notFound()) },

  // ---------- files and folders ----------
  {
    method: 'GET',
    path: `${API}/files/:id`,
    scopes: READ,
    handle: (req) => {
      const problem = acceptProblem(req);
      if (problem) return problem;
      const { state } = req;
      const id = req.params.id!;
      const root = rootOf(state, id);
      if (root && roleAt(state, id)) return ok(root.kind === 'teamfolder' ? teamFolderJson(req, root.folder) : privateSpaceJson(req, id));
      const item = state.items.get(id);
      // A trashed item still answers (status 51), so a client can tell "in the trash" from "never existed".
      if (!item || !roleAt(state, id) || (item.status === 1 && inTrash(state, item))) return notFound();
      return ok(fileJson(req, item));
    },
  },
  { method: 'GET', path: `${API}/files/:id/files`, scopes: READ, handle: (req) => listChildren(req, req.params.id!) },
  { method: 'GET', path: `${API}/files/:id/folders`, scopes: READ, handle: (req) => listChildren(req, req.params.id!, 'folder') },
  {
    method: 'POST',
    path: `${API}/files`,
    scopes: ['WorkDrive.files.CREATE'],
    handle: (req) => {
      const attributes = attributesOf(req);
      if (isResponse(attributes)) return attributes;
      const parentId = String(attributes.parent_id ?? '');
      if (!parentId) return invalid('parent_id is required');
      if (!container(req.state, parentId)) return workdriveError(404, 'R503', 'Destination folder not found');
      if (!atLeast(roleAt(req.state, parentId), 'editor')) return denied();
      const problem = nameProblem(attributes.name);
      if (problem) return invalid(problem);
      const name = attributes.name as string;
      if (taken(req.state, parentId, name)) return nameTaken(name);
      return ok(fileJson(req, newItem(req, { name, isFolder: true, parentId, size: 0 })), 201);
    },
  },
  { method: 'PATCH', path: `${API}/files/:id`, scopes: ['WorkDrive.files.UPDATE'], handle: updateItem },
  {
    method: 'POST',
    path: `${API}/files/:id/copy`,
    scopes: ['WorkDrive.files.CREATE'],
    handle: async (req) => {
      const attributes = attributesOf(req);
      if (isResponse(attributes)) return attributes;
      const dest = req.params.id!;
      const source = activeItem(req.state, String(attributes.resource_id ?? ''));
      if (!source) return notFound();
      if (!container(req.state, dest)) return workdriveError(404, 'R503', 'Destination folder not found');
      if (!atLeast(roleAt(req.state, dest), 'editor')) return denied();
      if (source.isFolder && isWithin(req.state, dest, source)) return workdriveError(400, 'R509', 'A folder cannot be copied into itself');
      if (taken(req.state, dest, source.name)) return nameTaken(source.name);
      return ok(fileJson(req, await copyTree(req, source, dest)), 201);
    },
  },
  {
    method: 'GET',
    path: `${API}/files/:id/permissions`,
    scopes: ['WorkDrive.files.sharing.READ', 'WorkDrive.files.READ'],
    handle: (req) => {
      const item = activeItem(req.state, req.params.id!);
      if (!item) return notFound();
      return page(req, req.state.permissions.filter((p) => p.resourceId === item.id).map((p) => permissionJson(req, p)), req.path);
    },
  },
  {
    method: 'GET',
    path: `${API}/files/:id/links`,
    scopes: ['WorkDrive.links.READ', 'WorkDrive.files.READ'],
    handle: (req) => {
      const item = activeItem(req.state, req.params.id!);
      if (!item) return notFound();
      const kind = req.query.get('filter[type]');
      if (kind !== null && kind !== 'custom' && kind !== 'download') return badParams('filter[type] must be custom or download');
      const links = req.state.links.filter((l) => l.resourceId === item.id && (!kind || (kind === 'download') === (l.downloadLimit !== undefined)));
      return page(req, links.map((l) => linkJson(req, l)), req.path);
    },
  },

  // ---------- sharing ----------
  {
    method: 'POST',
    path: `${API}/permissions`,
    scopes: ['WorkDrive.files.sharing.CREATE'],
    handle: (req) => {
      const shared = shareRequest(req);
      if (isResponse(shared)) return shared;
      const { a, item } = shared;
      const email = typeof a.email_id === 'string' ? a.email_id.trim() : '';
      if (!email) return invalid('email_id is required');
      const roleId = roleIdText(a.role_id);
      if (!roleId || !(item.isFolder ? FOLDER_ROLES_IDS : FILE_ROLES).has(roleId)) return invalid(`role_id ${String(a.role_id).slice(0, 10)} is not a ${item.isFolder ? 'folder' : 'file'} role`);
      const sharedType = String(a.shared_type ?? 'personal');
      if (sharedType !== 'personal') return invalid('shared_type must be personal');
      const expiry = expiryProblem(a.expiration_date, req.now);
      if (expiry) return invalid(expiry);
      const member = req.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
      if (!member) return workdriveError(404, 'R501', `No team member has the email ${email.slice(0, 100)}`);
      const existing = req.state.permissions.find((p) => p.resourceId === item.id && p.email.toLowerCase() === email.toLowerCase());
      const permission: EmuPermission = existing ?? { id: req.state.nextId(), resourceId: item.id, email: member.email, roleId, sharedType, created: req.now, sharedBy: req.state.me, notified: false };
      permission.roleId = roleId;
      permission.notified = a.send_notification_mail === true || a.send_notification_mail === 'true';
      if (typeof a.expiration_date === 'string' && a.expiration_date) permission.expiration = a.expiration_date;
      if (!existing) req.state.permissions.push(permission);
      return ok(permissionJson(req, permission), 201);
    },
  },
  {
    method: 'POST',
    path: `${API}/links`,
    scopes: ['WorkDrive.links.CREATE'],
    handle: (req) => {
      const shared = shareRequest(req);
      if (isResponse(shared)) return shared;
      const { a, item } = shared;
      const name = typeof a.link_name === 'string' ? a.link_name.trim() : '';
      if (!name) return invalid('link_name is required');
      const expiry = expiryProblem(a.expiration_date, req.now);
      if (expiry) return invalid(expiry);
      const download = a.download_link && typeof a.download_link === 'object' ? (a.download_link as Json) : undefined;
      const roleId = download ? '34' : roleIdText(a.role_id ?? '34');
      if (!roleId || !LINK_ROLES[roleId]?.(item)) return invalid(`role_id ${String(a.role_id).slice(0, 10)} is not a link role for a ${item.isFolder ? 'folder' : 'file'}`);
      const link: EmuLink = {
        id: req.state.nextId(),
        resourceId: item.id,
        name,
        roleId,
        allowDownload: download ? true : a.allow_download === true || a.allow_download === 'true',
        requestUserData: a.request_user_data === true,
        created: req.now,
        createdBy: req.state.me,
      };
      if (typeof a.password_text === 'string' && a.password_text) link.password = a.password_text;
      if (typeof a.expiration_date === 'string' && a.expiration_date) link.expiration = a.expiration_date;
      if (download) link.downloadLimit = typeof download.download_limit === 'number' ? download.download_limit : 0;
      req.state.links.push(link);
      return ok(linkJson(req, link), 201);
    },
  },
  {
    method: 'GET',
    path: `${API}/links/:id`,
    scopes: ['WorkDrive.links.READ'],
    handle: (req) => {
      const link = req.state.links.find((l) => l.id === req.params.id);
      return link ? ok(linkJson(req, link)) : notFound('Link');
    },
  },
  {
    method: 'PATCH',
    path: `${API}/links/:id`,
    scopes: ['WorkDrive.links.UPDATE'],
    handle: (req) => {
      const link = req.state.links.find((l) => l.id === req.params.id);
      if (!link) return notFound('Link');
      const a = attributesOf(req);
      if (isResponse(a)) return a;
      if (a.allow_download !== undefined) link.allowDownload = a.allow_download === true || a.allow_download === 'true';
      if (typeof a.link_name === 'string' && a.link_name.trim()) link.name = a.link_name.trim();
      const expiry = expiryProblem(a.expiration_date, req.now);
      if (expiry) return invalid(expiry);
      if (typeof a.expiration_date === 'string' && a.expiration_date) link.expiration = a.expiration_date;
      return ok(linkJson(req, link));
    },
  },
  {
    method: 'DELETE',
    path: `${API}/links/:id`,
    scopes: ['WorkDrive.links.DELETE'],
    handle: (req) => {
      const i = req.state.links.findIndex((l) => l.id === req.params.id);
      if (i < 0) return notFound('Link');
      req.state.links.splice(i, 1);
      return { status: 204 };
    },
  },

  // ---------- transfers ----------
  { method: 'POST', path: `${API}/upload`, scopes: ['WorkDrive.files.CREATE'], stream: true, handle: multipartUpload },
  { method: 'POST', path: `${UPLOAD_BASE}/workdrive-api/v1/stream/upload`, scopes: ['WorkDrive.files.CREATE'], stream: true, handle: streamUpload },
  {
    method: 'GET',
    path: '/workdrive/uploadprogress',
    scopes: READ,
    handle: (req) => {
      const id = req.query.get('uploadid') ?? '';
      const record = req.state.uploads.get(id);
      if (!record) return notFound('Upload');
      return ok({
        id: record.uploadId,
        type: 'uploadprogress',
        attributes: { status: record.status, uploaded_size: record.received, ...(record.total !== undefined ? { total_size: record.total } : {}), ...(record.resourceId ? { resource_id: record.resourceId } : {}), file_name: record.name, parent_id: record.parentId },
      });
    },
  },
  {
    method: 'GET',
    path: `${DOWNLOAD_BASE}/v1/workdrive/download/:id`,
    scopes: ['ZohoFiles.files.READ'],
    handle: async (req) => {
      const item = activeItem(req.state, req.params.id!);
      if (!item) return notFound();
      if (item.isFolder) return invalid('Folders download as zip archives, which the emulator does not build; download their files');
      const path = contentPath(req.state, item.id);
      const { size } = await stat(path);
      const ext = extensionOf(item.name);
      return {
        status: 200,
        stream: createReadStream(path, { highWaterMark: 256 * 1024 }),
        headers: {
          'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
          'content-length': String(size),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
        },
      };
    },
  },
];

export type { FolderRole };
