/**
 * The WorkDrive emulator's state: one team of the agency's staff, team folders, each member's My Folders
 * (privatespace), nested folders and files whose content lives on disk in a temporary folder (removed when the
 * state is replaced or the emulator closes), share permissions, external links, trash and stream uploads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@zoho-agent-kit/core/emulator';

/** A team member. `zuid` is the Zoho user id; `member` the team-member id `{team_id}-{member_number}`. */
export interface EmuUser {
  zuid: string;
  /** 19 digits: the suffix of the team-member id (sent as a bare JSON number in `member_id`). */
  memberNumber: string;
  name: string;
  email: string;
  /** Team role: admin or member. */
  role: 'admin' | 'member';
}

export interface EmuTeam {
  id: string;
  name: string;
  description: string;
  edition: string;
  created: number;
  /** zuids of its members (the signed-in user is in every team of the state). */
  members: string[];
}

/** Access levels inside a team folder, lowest first. */
export const FOLDER_ROLES = ['viewer', 'commenter', 'editor', 'organizer', 'admin'] as const;
export type FolderRole = (typeof FOLDER_ROLES)[number];

export interface EmuTeamFolder {
  id: string;
  teamId: string;
  name: string;
  description: string;
  created: number;
  createdBy: string;
  /** Member zuid → role; members not listed have no access. */
  roles: Record<string, FolderRole>;
}

export interface EmuPrivateSpace {
  id: string;
  teamId: string;
  owner: string;
}

/** A file or folder. Roots (team folders, My Folders) are not items: an item's parent may be one. */
export interface EmuItem {
  id: string;
  name: string;
  isFolder: boolean;
  parentId: string;
  /** 1 active, 51 in trash (61, deleted for good, removes the item). */
  status: 1 | 51;
  created: number;
  modified: number;
  createdBy: string;
  modifiedBy: string;
  /** Bytes (files; 0 for folders). */
  size: number;
  description?: string;
  favorite: boolean;
  /** Versions of a file: 1 on upload, +1 for each upload over it (override-name-exist=true). */
  version: number;
}

export interface EmuPermission {
  id: string;
  resourceId: string;
  email: string;
  roleId: string;
  sharedType: string;
  created: number;
  sharedBy: string;
  expiration?: string;
  notified: boolean;
}

export interface EmuLink {
  id: string;
  resourceId: string;
  name: string;
  roleId: string;
  allowDownload: boolean;
  /** Kept only to say a password is set; never answered back. */
  password?: string;
  expiration?: string;
  downloadLimit?: number;
  requestUserData: boolean;
  created: number;
  createdBy: string;
}

/** A stream upload's progress, as `GET /workdrive/uploadprogress?uploadid=upload_{zuid}_{upload-id}` reports it. */
export interface EmuUpload {
  uploadId: string;
  /** D9217 in progress, D201 done, D9200 failed, D9201 empty, D9211 storage full, D9214 bad parent, D9219 no permission, D9102 cancelled. */
  status: string;
  received: number;
  total?: number;
  resourceId?: string;
  name: string;
  parentId: string;
  started: number;
}

export interface WorkDriveLimits {
  /** Largest body `POST /upload` takes (Zoho: 250 MB → 413 above it). */
  uploadBytes: number;
  /** Largest stream upload (Zoho: up to 50 GB by edition). */
  streamUploadBytes: number;
  /** Storage of the team (507 / D9211 beyond it); default 1 TB. */
  storageBytes: number;
}

export interface WorkDriveState {
  /** Temporary folder holding every file's content (one file per item id); removed by `disposeWorkDriveState`. */
  dir: string;
  /** The signed-in user's zuid. */
  me: string;
  users: EmuUser[];
  teams: EmuTeam[];
  teamFolders: EmuTeamFolder[];
  privateSpaces: EmuPrivateSpace[];
  items: Map<string, EmuItem>;
  permissions: EmuPermission[];
  links: EmuLink[];
  uploads: Map<string, EmuUpload>;
  limits: WorkDriveLimits;
  nextId: () => string;
}

export const MB = 1024 * 1024;
export const DEFAULT_LIMITS: WorkDriveLimits = { uploadBytes: 250 * MB, streamUploadBytes: 50 * 1024 * MB, storageBytes: 1024 * 1024 * MB };

/** WorkDrive ids look like `ly9zmae16b43c258f458a9a57ac02c4f8d763`: 37 lowercase letters and digits. */
export function idMaker(random: () => number): () => string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return () => Array.from({ length: 37 }, () => chars[Math.floor(random() * chars.length)]).join('');
}

const liveDirs = new Set<string>();
let exitHook = false;

/** A fresh state with no data but the signed-in user; its content folder is created on disk. */
export function emptyState(me: EmuUser, randomSeed = 37, limits: Partial<WorkDriveLimits> = {}): WorkDriveState {
  const dir = mkdtempSync(join(tmpdir(), 'zoho-workdrive-emulator-'));
  liveDirs.add(dir);
  if (!exitHook) {
    exitHook = true;
    // A process that never closes its emulator still leaves no content behind.
    process.once('exit', () => {
      for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return {
    dir,
    me: me.zuid,
    users: [me],
    teams: [],
    teamFolders: [],
    privateSpaces: [],
    items: new Map(),
    permissions: [],
    links: [],
    uploads: new Map(),
    limits: { ...DEFAULT_LIMITS, ...limits },
    nextId: idMaker(seededRandom(randomSeed)),
  };
}

/** Removes the state's content folder. */
export function disposeWorkDriveState(state: WorkDriveState): void {
  rmSync(state.dir, { recursive: true, force: true });
  liveDirs.delete(state.dir);
}

/** Where an item's content is on disk. */
export function contentPath(state: WorkDriveState, id: string): string {
  return join(state.dir, id);
}

export function writeContent(state: WorkDriveState, id: string, data: Buffer | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  writeFileSync(contentPath(state, id), bytes);
  return bytes.length;
}

// ---------- lookups ----------

export type Root = { kind: 'teamfolder'; folder: EmuTeamFolder } | { kind: 'privatespace'; space: EmuPrivateSpace };

export function rootOf(state: WorkDriveState, id: string): Root | undefined {
  const folder = state.teamFolders.find((f) => f.id === id);
  if (folder) return { kind: 'teamfolder', folder };
  const space = state.privateSpaces.find((p) => p.id === id);
  return space ? { kind: 'privatespace', space } : undefined;
}

/** The root (team folder or My Folders) an item or root id lives in. */
export function rootFor(state: WorkDriveState, id: string): Root | undefined {
  let current = id;
  for (let depth = 0; depth < 100; depth++) {
    const root = rootOf(state, current);
    if (root) return root;
    const item = state.items.get(current);
    if (!item) return undefined;
    current = item.parentId;
  }
  return undefined;
}

/** True when the item or one of its ancestors is in the trash. */
export function inTrash(state: WorkDriveState, item: EmuItem): boolean {
  let current: EmuItem | undefined = item;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current.status === 51) return true;
    current = state.items.get(current.parentId);
  }
  return false;
}

/** Active children of a folder, team folder or My Folders. */
export function childrenOf(state: WorkDriveState, parentId: string): EmuItem[] {
  return [...state.items.values()].filter((i) => i.parentId === parentId && i.status === 1);
}

/** Every active item below a container, depth first. */
export function descendantsOf(state: WorkDriveState, parentId: string): EmuItem[] {
  const out: EmuItem[] = [];
  const walk = (id: string) => {
    for (const child of childrenOf(state, id)) {
      out.push(child);
      if (child.isFolder) walk(child.id);
    }
  };
  walk(parentId);
  return out;
}

/** The signed-in user's role where an id lives: admin in their My Folders, the folder's role in a team folder. */
export function roleAt(state: WorkDriveState, id: string): FolderRole | undefined {
  const root = rootFor(state, id);
  if (!root) return undefined;
  if (root.kind === 'privatespace') return root.space.owner === state.me ? 'admin' : undefined;
  return root.folder.roles[state.me];
}

export function atLeast(role: FolderRole | undefined, wanted: FolderRole): boolean {
  return role !== undefined && FOLDER_ROLES.indexOf(role) >= FOLDER_ROLES.indexOf(wanted);
}

export function userByZuid(state: WorkDriveState, zuid: string): EmuUser | undefined {
  return state.users.find((u) => u.zuid === zuid);
}

export function memberId(team: EmuTeam, user: EmuUser): string {
  return `${team.id}-${user.memberNumber}`;
}

/** Bytes stored in a team (its team folders and its members' My Folders). */
export function storageUsed(state: WorkDriveState): number {
  let sum = 0;
  for (const item of state.items.values()) sum += item.size;
  return sum;
}

/** File kinds WorkDrive reports in `attributes.type`, by extension (the values are unconfirmed beyond pdf and folder). */
const KINDS: [RegExp, string][] = [
  [/^(pdf)$/, 'pdf'],
  [/^(png|jpe?g|gif|svg|webp|bmp|tiff?)$/, 'image'],
  [/^(docx?|odt|rtf|writer|zdoc)$/, 'writer'],
  [/^(xlsx?|ods|csv|sheet|zsheet)$/, 'spreadsheet'],
  [/^(pptx?|odp|show|zshow)$/, 'presentation'],
  [/^(mp3|wav|aac|flac|ogg|m4a)$/, 'audio'],
  [/^(mp4|mov|avi|mkv|webm)$/, 'video'],
  [/^(txt|md|log|json|xml|html?)$/, 'text'],
  [/^(zip|rar|7z|tar|gz)$/, 'zip'],
];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function kindOf(item: Pick<EmuItem, 'name' | 'isFolder'>): string {
  if (item.isFolder) return 'folder';
  const ext = extensionOf(item.name);
  return KINDS.find(([re]) => re.test(ext))?.[1] ?? 'file';
}

/** `filter[type]` values the list and search routes take, and what each keeps. */
export const TYPE_FILTERS: Record<string, (kind: string) => boolean> = {
  all: () => true,
  folder: (k) => k === 'folder',
  allfiles: (k) => k !== 'folder',
  documents: (k) => k === 'writer' || k === 'text',
  spreadsheets: (k) => k === 'spreadsheet',
  presentations: (k) => k === 'presentation',
  pdf: (k) => k === 'pdf',
  images: (k) => k === 'image',
  audio: (k) => k === 'audio',
  video: (k) => k === 'video',
};

export const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
