import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromTable } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentPath, memberId } from '../src/emulator/index.js';
import type { WorkDriveClient } from '../src/index.js';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

let h: WorkDriveHarness;
beforeAll(async () => {
  h = await startWorkDrive();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.counters.reset();
  h.progress.length = 0;
});

const names = (table: { columns: string[]; rows: unknown[][] }) => fromTable(table).map((r) => r.name);

describe('workdrive_list_teams', () => {
  it('lists the team, its team folders and My Folders, and the team in use', async () => {
    const res = await h.call('workdrive_list_teams', {});
    expect(res.outcome, res.text).toBe('ok');
    const s = h.state();
    expect(fromTable(res.json.teams)).toEqual([expect.objectContaining({ team_id: s.teams[0]!.id, name: 'Northwind Creative', edition: 'BUSINESS', members_count: 6 })]);
    expect(names(res.json.team_folders)).toEqual(['Finance', 'Legal Archive', 'Marketing', 'Operations', 'Technical Docs']);
    expect(fromTable(res.json.team_folders).find((f) => f.name === 'Legal Archive')).toMatchObject({ role: 'viewer', created_by: 'Sofia Lindqvist' });
    expect(res.json).toMatchObject({ team_in_use: s.teams[0]!.id, my_folders_id: s.privateSpaces.find((p) => p.owner === s.me)!.id });
  });

  it('keeps the 19-digit team-member number WorkDrive sends as a bare JSON number exactly', async () => {
    const client = h.kit.client<WorkDriveClient>('workdrive');
    const s = h.state();
    const member = await client.currentMember(s.teams[0]!.id);
    const me = s.users.find((u) => u.zuid === s.me)!;
    expect(member?.id).toBe(memberId(s.teams[0]!, me));
    expect(member?.attributes.member_id).toBe('2774428000000002001');
    expect(member?.attributes.member_id).toBe(me.memberNumber);
  });
});

describe('workdrive_list_files', () => {
  it('reaches a team folder by name and lists its folders and files with size, times and who', async () => {
    const res = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker Corp' });
    expect(res.outcome, res.text).toBe('ok');
    const folder = h.item('Marketing/Zylker Corp');
    expect(res.json.folder).toEqual({ id: folder.id, path: 'Marketing/Zylker Corp' });
    const list = fromTable(res.json.files);
    expect(list.map((r) => r.name)).toEqual(['Brand assets', 'Campaign brief 2026.docx', 'Campaign photos', 'Zylker Corp brand guidelines.pdf']);
    const brief = h.item('Marketing/Zylker Corp/Campaign brief 2026.docx');
    expect(list[1]).toEqual({ id: brief.id, name: brief.name, type: 'writer', size_bytes: brief.size, modified: new Date(brief.modified).toISOString().replace(/\.\d{3}Z$/, 'Z'), modified_by: 'Leo Brandt', created: new Date(brief.created).toISOString().replace(/\.\d{3}Z$/, 'Z'), created_by: 'Leo Brandt' });
    expect(list[0]).toMatchObject({ type: 'folder', files_count: 2, folders_count: 0 });
    expect(res.json.next_cursor).toBeUndefined();
  });

  it('reaches My Folders, and a folder by id', async () => {
    const mine = await h.call('workdrive_list_files', { folder: 'my folders' });
    expect(names(mine.json.files)).toEqual(['Drafts', 'Notes.txt', 'Reading list.md']);
    const drafts = h.item('My Folders/Drafts');
    const byId = await h.call('workdrive_list_files', { folder: drafts.id });
    expect(byId.json.folder).toEqual({ id: drafts.id, path: 'Drafts' });
    expect(names(byId.json.files)).toEqual(['Board update Q3.docx']);
  });

  it('filters by type and sorts', async () => {
    const folders = await h.call('workdrive_list_files', { folder: 'Finance/Acme Widgets', type: 'folders' });
    expect(names(folders.json.files)).toEqual(['Invoices']);
    const pdfs = await h.call('workdrive_list_files', { folder: 'Finance/Acme Widgets', type: 'pdf' });
    expect(names(pdfs.json.files)).toEqual(['Statement of work.pdf']);
    const bySize = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker Corp/Campaign photos', sort: 'size', order: 'desc', limit: 5 });
    const sizes = fromTable(bySize.json.files).map((r) => r.size_bytes as number);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const photos = [...h.state().items.values()].filter((i) => i.parentId === h.item('Marketing/Zylker Corp/Campaign photos').id);
    expect(sizes[0]).toBe(Math.max(...photos.map((p) => p.size)));
  });

  it('pages to the end with next_cursor: every photo once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker Corp/Campaign photos', limit: 25, ...(cursor ? { cursor } : {}) });
      expect(res.outcome, res.text).toBe('ok');
      seen.push(...(names(res.json.files) as string[]));
      cursor = res.json.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `photo-${String(i + 1).padStart(3, '0')}.jpg`));
  });

  it('names what is there when a path does not resolve, and sends nothing for bad input', async () => {
    const team = await h.call('workdrive_list_files', { folder: 'Sales/Zylker' });
    expect(team.outcome).toBe('invalid');
    expect(team.text).toMatch(/field "folder": no team folder is named "Sales"; paths start with one of "Finance", "Legal Archive", "Marketing", "Operations", "Technical Docs", "My Folders"/);
    const sub = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker' });
    expect(sub.text).toMatch(/"Marketing" has no folder "Zylker"; its folders: "Acme Widgets", .*"Zylker Corp"/);
    const file = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker Corp/Campaign brief 2026.docx' });
    expect(file.text).toMatch(/is a file, not a folder/);
    const id = await h.call('workdrive_list_files', { folder: 'a'.repeat(37) });
    expect(id.text).toMatch(/no folder has the id a{37}/);
    h.emu.counters.reset();
    for (const bad of [{ folder: '' }, { folder: 'Marketing', limit: 500 }, { folder: 'Marketing', sort: 'colour' }, { folder: 'Marketing', foldr: 'x' }, {}]) {
      const res = await h.call('workdrive_list_files', bad);
      expect(res.outcome, JSON.stringify(bad)).toBe('invalid');
    }
    expect(h.emu.counters.requests({ app: 'workdrive' })).toBe(0);
  });

  it("returns Zoho's JSON:API page with raw: true", async () => {
    const res = await h.call('workdrive_list_files', { folder: 'Marketing/Zylker Corp', raw: true });
    expect(res.json.page.data[0]).toMatchObject({ type: 'files', attributes: { name: 'Brand assets', is_folder: true, storage_info: { files_count: 2 } }, relationships: expect.any(Object) });
    expect(res.json.page.links.cursor).toEqual({ has_next: false, next: '' });
  });
});

describe('workdrive_search', () => {
  it('finds files by name and by content, newest first', async () => {
    const res = await h.call('workdrive_search', { query: 'budget', in: 'name' });
    expect(res.outcome, res.text).toBe('ok');
    const hits = fromTable(res.json.files);
    expect(hits).toHaveLength(8);
    expect(hits.every((r) => /budget 2026\.csv$/.test(String(r.name)))).toBe(true);
    const modified = hits.map((r) => String(r.modified));
    expect(modified).toEqual([...modified].sort().reverse());
    const content = await h.call('workdrive_search', { query: 'DNS cut-over', in: 'content' });
    expect(names(content.json.files)).toEqual(Array(8).fill('Release checklist.md'));
    const both = await h.call('workdrive_search', { query: 'offsite' });
    expect(names(both.json.files)).toEqual(['Notes.txt']);
  });

  it('searches inside one team folder or folder', async () => {
    const tech = await h.call('workdrive_search', { query: 'rate limits', in: 'content', folder: 'Technical Docs' });
    expect(fromTable(tech.json.files)).toHaveLength(8);
    const zylker = await h.call('workdrive_search', { query: 'rate limits', folder: 'Technical Docs/Zylker Corp' });
    expect(fromTable(zylker.json.files)).toEqual([expect.objectContaining({ name: 'Architecture overview.md', parent_id: h.item('Technical Docs/Zylker Corp').id })]);
    const none = await h.call('workdrive_search', { query: 'rate limits', folder: 'Marketing' });
    expect(none.json.files.rows).toEqual([]);
  });

  it('pages with next_offset until a page is not full', async () => {
    const seen: string[] = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const res = await h.call('workdrive_search', { query: 'photo-', in: 'name', limit: 25, offset });
      seen.push(...(fromTable(res.json.files).map((r) => String(r.id))));
      offset = res.json.next_offset;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });
});

describe('workdrive_download', () => {
  it('streams a file into the files folder with its exact bytes, reporting progress', async () => {
    const guide = h.item('Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf');
    const res = await h.call('workdrive_download', { file: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf', local_path: 'guides/zylker.pdf' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toEqual({ id: guide.id, name: guide.name, from: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf', local_path: 'guides/zylker.pdf', size_bytes: guide.size });
    expect(readFileSync(join(h.dir, 'guides/zylker.pdf')).equals(readFileSync(contentPath(h.state(), guide.id)))).toBe(true);
    expect(h.emu.counters.requests({ route: 'GET /_workdrive-download/v1/workdrive/download/:id' })).toBe(1);
    expect(h.progress.at(-1)).toMatchObject({ direction: 'download', name: guide.name, bytes: guide.size, total: guide.size, done: true, source: 'client' });
  });

  it("reports bytes to the call's own progress listener (what an MCP server or a REPL passes to toolkit.call)", async () => {
    const guide = h.item('Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf');
    const seen: [number, number | undefined][] = [];
    const res = await h.kit.call('workdrive_download', { file: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf', local_path: 'guides/per-call.pdf' }, { onProgress: (bytes, total) => void seen.push([bytes, total]) });
    expect(res.outcome, res.text).toBe('ok');
    expect(seen.at(-1)).toEqual([guide.size, guide.size]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });

  it('keeps an existing local file unless overwrite, and refuses folders and paths outside the files folder', async () => {
    writeFileSync(join(h.dir, 'Notes.txt'), 'mine');
    const kept = await h.call('workdrive_download', { file: 'My Folders/Notes.txt' });
    expect(kept.outcome).toBe('invalid');
    expect(kept.text).toMatch(/field "overwrite": "Notes.txt" already exists in the files folder/);
    expect(readFileSync(join(h.dir, 'Notes.txt'), 'utf8')).toBe('mine');
    const replaced = await h.call('workdrive_download', { file: 'My Folders/Notes.txt', overwrite: true });
    expect(replaced.outcome, replaced.text).toBe('ok');
    expect(readFileSync(join(h.dir, 'Notes.txt'), 'utf8')).toMatch(/^Ideas for the offsite/);
    const folder = await h.call('workdrive_download', { file: 'My Folders/Drafts' });
    expect(folder.text).toMatch(/is a folder/);
    for (const local_path of ['../escape.txt', '/etc/passwd']) {
      const res = await h.call('workdrive_download', { file: 'My Folders/Notes.txt', local_path });
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(/field "local_path"/);
    }
    expect(h.emu.counters.requests({ route: 'GET /_workdrive-download/v1/workdrive/download/:id' })).toBe(1);
  });

  it('leaves no partial file under the final name when the connection is reset mid-download', async () => {
    const guide = h.item('Finance/Zylker Corp/Statement of work.pdf');
    h.emu.faults.add({ route: 'GET /_workdrive-download/**', kind: 'reset', afterBytes: 10_000, times: 1 });
    const res = await h.call('workdrive_download', { file: 'Finance/Zylker Corp/Statement of work.pdf', local_path: 'sow.pdf' });
    expect(res.outcome).toBe('error');
    expect(await h.files.exists('sow.pdf')).toBe(false);
    expect((await h.files.list()).map((f) => f.path)).not.toContain('sow.pdf');
    // Not replayed by the tool: the download host was asked once; the next call gets the whole file.
    expect(h.emu.counters.requests({ route: 'GET /_workdrive-download/v1/workdrive/download/:id' })).toBe(1);
    const again = await h.call('workdrive_download', { file: 'Finance/Zylker Corp/Statement of work.pdf', local_path: 'sow.pdf' });
    expect(again.json.size_bytes).toBe(guide.size);
  });

  it('leaves no partial file when the call is cancelled mid-download', async () => {
    h.emu.faults.add({ route: 'GET /_workdrive-download/**', kind: 'slow', delayMs: 400, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const res = await h.kit.call('workdrive_download', { file: 'Finance/Acme Widgets/Statement of work.pdf', local_path: 'cancelled.pdf' }, { signal: controller.signal });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/cancelled/);
    expect(await h.files.exists('cancelled.pdf')).toBe(false);
  });
});
