import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream, type Stats } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ToolInputError } from './tools/errors.js';

/** The folder the REPL and the MCP server use when the user names none (`--files DIR`). */
export const DEFAULT_FILES_DIR = 'zoho-files';

const MAX_PATH = 512;

export interface FileEntry {
  /** Path relative to the folder, with `/` separators. */
  path: string;
  size: number;
  modified: string;
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  // A name that merely starts with two dots ("..notes.txt") is inside; only a ".." segment leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/**
 * The one folder tools may read and write local files in (attachments, uploads, downloads, .ics). A path
 * that resolves outside it — `..`, an absolute path, a symlink that points out — is refused with a field
 * error before anything is read, written or sent.
 */
export class FilesFolder {
  readonly root: string;
  private realRoot: Promise<string> | undefined;

  constructor(root: string = DEFAULT_FILES_DIR) {
    this.root = resolve(root);
  }

  private async rootReal(): Promise<string> {
    this.realRoot ??= mkdir(this.root, { recursive: true }).then(() => realpath(this.root));
    return this.realRoot;
  }

  /**
   * Absolute path for a relative one inside the folder; refuses anything that leaves it. With `mustExist` the
   * file must exist and be a regular file (after following symlinks, which must stay inside too).
   */
  async resolve(path: string, field: string, options: { mustExist?: boolean } = {}): Promise<string> {
    const target = await this.locate(path, field);
    if (options.mustExist) await this.fileInfo(target, path, field);
    return target;
  }

  /** The absolute path inside the folder, symlinks checked; the file need not exist. */
  private async locate(path: string, field: string): Promise<string> {
    if (typeof path !== 'string' || path.trim() === '') throw new ToolInputError(field, 'give a file name inside the files folder');
    if (path.length > MAX_PATH) throw new ToolInputError(field, `is longer than ${MAX_PATH} characters`);
    if (path.includes('\0')) throw new ToolInputError(field, 'contains a NUL character');
    if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) throw new ToolInputError(field, `must be relative to the files folder (${this.root}), not an absolute path`);
    const parts = path.split(/[\\/]+/);
    if (parts.includes('..')) throw new ToolInputError(field, 'must not contain ".." (files stay inside the files folder)');
    const root = await this.rootReal();
    const target = resolve(root, ...parts);
    if (!inside(root, target)) throw new ToolInputError(field, 'resolves outside the files folder');
    // Follow symlinks of the deepest part that exists: each must stay inside.
    let probe = target;
    for (;;) {
      try {
        const real = await realpath(probe);
        if (!inside(root, real)) throw new ToolInputError(field, 'is (or is under) a symlink that points outside the files folder');
        break;
      } catch (err) {
        if (err instanceof ToolInputError) throw err;
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        const parent = dirname(probe);
        if (parent === probe) break;
        probe = parent;
      }
    }
    return target;
  }

  /** The stats of an existing regular file (symlinks followed), or a field error saying what is wrong. */
  private async fileInfo(target: string, path: string, field: string): Promise<Stats> {
    let info: Stats;
    try {
      info = await stat(target);
    } catch {
      throw new ToolInputError(field, `no file "${path.slice(0, 120)}" in the files folder (${this.root}); list it first`);
    }
    if (!info.isFile()) throw new ToolInputError(field, `"${path.slice(0, 120)}" is not a regular file`);
    return info;
  }

  /** Size and a read stream of a file inside the folder. */
  async open(path: string, field: string): Promise<{ path: string; name: string; size: number; stream: () => ReadStream }> {
    const abs = await this.locate(path, field);
    const { size } = await this.fileInfo(abs, path, field);
    return { path: abs, name: basename(abs), size, stream: () => createReadStream(abs) };
  }

  /** Whether a file exists inside the folder (false for paths that would leave it). */
  async exists(path: string): Promise<boolean> {
    try {
      await lstat(await this.resolve(path, 'path'));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Streams bytes to a file inside the folder: written under a temporary name beside it and renamed only when
   * complete (and, with `expectedSize`, of that size), so an interrupted transfer leaves no partial file under
   * the final name. Refuses to replace an existing file unless `overwrite`.
   */
  async write(path: string, field: string, source: Readable | AsyncIterable<Uint8Array> | Uint8Array | string, options: { overwrite?: boolean; expectedSize?: number } = {}): Promise<{ path: string; size: number }> {
    const abs = await this.locate(path, field);
    if (!options.overwrite && (await lstat(abs).then(() => true, () => false))) {
      throw new ToolInputError(field, `"${path.slice(0, 120)}" already exists in the files folder; choose another name or allow overwriting`);
    }
    await mkdir(dirname(abs), { recursive: true });
    const temp = join(dirname(abs), `.${basename(abs)}.partial-${randomBytes(4).toString('hex')}`);
    try {
      const input = typeof source === 'string' || source instanceof Uint8Array ? [typeof source === 'string' ? Buffer.from(source) : source] : source;
      await pipeline(input as AsyncIterable<Uint8Array>, createWriteStream(temp, { mode: 0o600 }));
      const { size } = await stat(temp);
      if (options.expectedSize !== undefined && size !== options.expectedSize) {
        throw new Error(`received ${size} bytes, expected ${options.expectedSize}; the transfer was incomplete`);
      }
      await rename(temp, abs);
      return { path: abs, size };
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Files under a folder inside the files folder (recursive, hidden and partial files skipped). */
  async list(path = '.', field = 'path'): Promise<FileEntry[]> {
    const root = await this.rootReal();
    const start = path === '.' || path === '' ? root : await this.resolve(path, field);
    const out: FileEntry[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8 || out.length >= 1000) return;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const abs = join(dir, entry.name);
        if (entry.isDirectory()) await walk(abs, depth + 1);
        else if (entry.isFile()) {
          const info = await stat(abs);
          out.push({ path: relative(root, abs).split(sep).join('/'), size: info.size, modified: info.mtime.toISOString() });
        }
      }
    };
    await walk(start, 0);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }
}
