import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { FilesFolder, ToolInputError } from '../src/index.js';

let base: string;
let folder: FilesFolder;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'zak-files-'));
  folder = new FilesFolder(join(base, 'files'));
  await mkdir(join(base, 'files', 'docs'), { recursive: true });
  await writeFile(join(base, 'files', 'docs', 'brief.txt'), 'hello');
  await writeFile(join(base, 'secret.txt'), 'outside');
});

async function refusal(p: Promise<unknown>): Promise<ToolInputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolInputError);
  return err as ToolInputError;
}

describe('FilesFolder', () => {
  it('resolves paths inside the folder and opens files there', async () => {
    const file = await folder.open('docs/brief.txt', 'attachment');
    expect(file.size).toBe(5);
    expect(file.name).toBe('brief.txt');
    expect(await folder.list()).toEqual([expect.objectContaining({ path: 'docs/brief.txt', size: 5 })]);
  });

  it('refuses "..", absolute paths and symlinks that point outside, naming the field', async () => {
    expect((await refusal(folder.resolve('../secret.txt', 'attachment'))).field).toBe('attachment');
    expect((await refusal(folder.resolve('docs/../../secret.txt', 'attachment'))).message).toMatch(/\.\./);
    expect((await refusal(folder.resolve(join(base, 'secret.txt'), 'path'))).message).toMatch(/absolute/);
    await symlink(join(base, 'secret.txt'), join(base, 'files', 'link.txt'));
    await symlink(base, join(base, 'files', 'out'));
    expect((await refusal(folder.open('link.txt', 'path'))).message).toMatch(/symlink/);
    expect((await refusal(folder.resolve('out/secret.txt', 'path'))).message).toMatch(/symlink/);
    expect((await refusal(folder.write('out/new.txt', 'path', 'x'))).message).toMatch(/symlink/);
    expect((await refusal(folder.open('docs/missing.txt', 'path'))).message).toMatch(/no file/);
  });

  it('a name that merely starts with two dots is inside the folder', async () => {
    const written = await folder.write('..notes.txt', 'path', 'notes');
    expect(written.path).toBe(join(base, 'files', '..notes.txt'));
    expect((await folder.open('..notes.txt', 'path')).size).toBe(5);
    expect(await folder.resolve('docs/..draft', 'path')).toBe(join(base, 'files', 'docs', '..draft'));
    expect(await folder.exists('..notes.txt')).toBe(true);
    expect((await refusal(folder.write('..notes.txt', 'path', 'again'))).message).toMatch(/already exists/);
  });

  it('writes atomically: an interrupted stream leaves no file under the final name', async () => {
    async function* broken() {
      yield Buffer.from('partial data');
      throw new Error('connection reset');
    }
    await expect(folder.write('docs/download.bin', 'path', Readable.from(broken()))).rejects.toThrow(/connection reset/);
    expect(await readdir(join(base, 'files', 'docs'))).toEqual(['brief.txt']);
    await expect(folder.write('docs/short.bin', 'path', 'abc', { expectedSize: 10 })).rejects.toThrow(/incomplete/);
    expect(await readdir(join(base, 'files', 'docs'))).toEqual(['brief.txt']);
    const done = await folder.write('docs/ok.bin', 'path', 'abc', { expectedSize: 3 });
    expect(await readFile(done.path, 'utf8')).toBe('abc');
  });

  it('never replaces an existing file unless asked', async () => {
    expect((await refusal(folder.write('docs/brief.txt', 'path', 'new'))).message).toMatch(/already exists/);
    await folder.write('docs/brief.txt', 'path', 'new', { overwrite: true });
    expect(await readFile(join(base, 'files', 'docs', 'brief.txt'), 'utf8')).toBe('new');
  });
});
