import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, contentPath, descendantsOf } from '../src/emulator/index.js';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

let h: WorkDriveHarness;
beforeAll(async () => {
  // Files above 1 MB go through the stream-upload host here, so the test needs no 250 MB file.
  h = await startWorkDrive({ plugin: { streamUploadAbove: 1024 * 1024, maxUploadBytes: 8 * 1024 * 1024 } });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('workdrive');
  h.emu.faults.clear();
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.progress.length = 0;
  h.approve.value = true;
});

const writes = () => h.emu.counters.requests({ app: 'workdrive', route: 'POST /**' }) + h.emu.counters.requests({ app: 'workdrive', route: 'PATCH /**' });
const local = (name: string, data: Buffer | string) => writeFileSync(join(h.dir, name), data);
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff));

describe('workdrive_upload', () => {
  it('uploads a small file through /upload, streamed, and shows it in the confirmation first', async () => {
    local('brief.txt', 'Zylker brief v1');
    const res = await h.call('workdrive_upload', { local_path: 'brief.txt', folder: 'Marketing/Zylker Corp' });
    expect(res.outcome, res.text).toBe('ok');
    const created = h.item('Marketing/Zylker Corp/brief.txt');
    expect(res.json).toMatchObject({ id: created.id, name: 'brief.txt', folder: 'Marketing/Zylker Corp', size_bytes: 15, result: 'new file', via: 'upload' });
    expect(readFileSync(contentPath(h.state(), created.id), 'utf8')).toBe('Zylker brief v1');
    expect(h.confirmations[0]).toMatchObject({ tool: 'workdrive_upload', summary: 'Upload brief.txt (15 bytes) to Marketing/Zylker Corp as "brief.txt"', payload: { parent_id: h.item('Marketing/Zylker Corp').id, filename: 'brief.txt', 'override-name-exist': false, via: 'upload' } });
    expect(h.emu.counters.requests({ route: 'POST /workdrive/api/v1/upload' })).toBe(1);
    expect(h.progress.at(-1)).toMatchObject({ direction: 'upload', name: 'brief.txt', bytes: 15, total: 15, done: true });
  });

  it('reports a name conflict and sends nothing; overwrite adds a new version of the same file', async () => {
    const existing = h.item('Technical Docs/Zylker Corp/Release checklist.md');
    local('Release checklist.md', '# new checklist');
    const refused = await h.call('workdrive_upload', { local_path: 'Release checklist.md', folder: 'Technical Docs/Zylker Corp' });
    expect(refused.outcome).toBe('invalid');
    expect(refused.text).toMatch(new RegExp(`field "overwrite": "Release checklist.md" already exists in Technical Docs/Zylker Corp \\(a file of .*, id ${existing.id}.*pass overwrite: true`));
    expect(writes()).toBe(0);
    const replaced = await h.call('workdrive_upload', { local_path: 'Release checklist.md', folder: 'Technical Docs/Zylker Corp', overwrite: true });
    expect(replaced.outcome, replaced.text).toBe('ok');
    expect(replaced.json).toMatchObject({ id: existing.id, result: 'new version' });
    expect(h.confirmations.at(-1)).toMatchObject({ summary: expect.stringMatching(/a new version of the file there$/), before: { id: existing.id }, after: { id: existing.id, size_bytes: 15 } });
    expect(existing.version).toBe(2);
    expect(readFileSync(contentPath(h.state(), existing.id), 'utf8')).toBe('# new checklist');
    const folder = await h.call('workdrive_upload', { local_path: 'Release checklist.md', folder: 'Marketing/Zylker Corp', name: 'Brand assets', overwrite: true });
    expect(folder.text).toMatch(/field "name": .*a file cannot replace a folder/);
  });

  it('checks the size limit and the files folder before anything is sent', async () => {
    local('huge.bin', Buffer.alloc(9 * 1024 * 1024));
    const big = await h.call('workdrive_upload', { local_path: 'huge.bin', folder: 'Marketing' });
    expect(big.outcome).toBe('invalid');
    expect(big.text).toMatch(/field "local_path": "huge.bin" is 9.0 MB; the upload limit is 8.0 MB per file/);
    for (const local_path of ['missing.pdf', '../outside.txt', '/etc/hosts']) {
      const res = await h.call('workdrive_upload', { local_path, folder: 'Marketing' });
      expect(res.outcome, local_path).toBe('invalid');
      expect(res.text).toMatch(/field "local_path"/);
    }
    expect(h.emu.counters.requests({ app: 'workdrive' })).toBe(0);
  });

  it('sends large files through the stream-upload host, reporting client and server progress', async () => {
    const data = bytes(3 * 1024 * 1024 + 5);
    local('reel.mov', data);
    const res = await h.call('workdrive_upload', { local_path: 'reel.mov', folder: 'My Folders/Drafts' });
    expect(res.outcome, res.text).toBe('ok');
    const created = h.item('My Folders/Drafts/reel.mov');
    expect(res.json).toMatchObject({ id: created.id, via: 'stream upload', size_bytes: data.length, result: 'new file' });
    expect(readFileSync(contentPath(h.state(), created.id)).equals(data)).toBe(true);
    expect(h.emu.counters.requests({ route: 'POST /_workdrive-upload/workdrive-api/v1/stream/upload' })).toBe(1);
    expect(h.emu.counters.requests({ route: 'POST /workdrive/api/v1/upload' })).toBe(0);
    const client = h.progress.filter((e) => e.source === 'client');
    expect(client.length).toBeGreaterThan(2);
    expect(client.at(-1)).toMatchObject({ bytes: data.length, total: data.length, done: true });
    const upload = [...h.state().uploads.values()][0]!;
    expect(upload).toMatchObject({ status: 'D201', received: data.length, resourceId: created.id });
  });

  it("gives a call's own listener the bytes sent only, never the server's lagging count", async () => {
    const data = bytes(3 * 1024 * 1024);
    local('cut.mov', data);
    // The answer comes a while after the body was read, so the progress endpoint is asked meanwhile.
    h.emu.faults.add({ app: 'workdrive', route: 'POST /_workdrive-upload/workdrive-api/v1/stream/upload', kind: 'slow', delayMs: 300 });
    const seen: number[] = [];
    const res = await h.kit.call('workdrive_upload', { local_path: 'cut.mov', folder: 'My Folders' }, { onProgress: (b) => void seen.push(b) });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.progress.some((e) => e.source === 'server')).toBe(true);
    expect(seen).toEqual(h.progress.filter((e) => e.source === 'client').map((e) => e.bytes));
    expect(seen.every((b, i) => i === 0 || b >= seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(data.length);
  });

  it("explains a failed stream upload with the progress endpoint's code", async () => {
    local('big.bin', bytes(2 * 1024 * 1024));
    const res = await h.call('workdrive_upload', { local_path: 'big.bin', folder: 'Legal Archive' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/D9219.*no permission to upload into that folder/);
    expect(childrenOf(h.state(), h.state().teamFolders.find((f) => f.name === 'Legal Archive')!.id).map((c) => c.name)).not.toContain('big.bin');
  });

  it('answers a small upload into a read-only team folder with R502', async () => {
    local('note.txt', 'x');
    const res = await h.call('workdrive_upload', { local_path: 'note.txt', folder: 'Legal Archive' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/R502 \(HTTP 401, permission\): Permission denied/);
  });

  it('sends nothing when the user declines', async () => {
    local('declined.txt', 'no');
    h.approve.value = false;
    const res = await h.call('workdrive_upload', { local_path: 'declined.txt', folder: 'Marketing' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Upload declined.txt .*Nothing was sent to Zoho/);
    expect(writes()).toBe(0);
  });
});

describe('workdrive_create_folder', () => {
  it('creates a folder and reports an existing name instead of duplicating it', async () => {
    const res = await h.call('workdrive_create_folder', { folder: 'Marketing/Zylker Corp', name: 'Campaign 2027' });
    expect(res.outcome, res.text).toBe('ok');
    const created = h.item('Marketing/Zylker Corp/Campaign 2027');
    expect(res.json).toMatchObject({ id: created.id, name: 'Campaign 2027', type: 'folder', path: 'Marketing/Zylker Corp/Campaign 2027', created_by: 'Maya Ortiz' });
    const again = await h.call('workdrive_create_folder', { folder: 'Marketing/Zylker Corp', name: 'campaign 2027' });
    expect(again.outcome).toBe('invalid');
    expect(again.text).toMatch(new RegExp(`field "name": "Campaign 2027" already exists in Marketing/Zylker Corp \\(a folder, id ${created.id}`));
    const bad = await h.call('workdrive_create_folder', { folder: 'Marketing', name: 'a/b' });
    expect(bad.text).toMatch(/field "name".*may not contain/);
    expect(h.emu.counters.requests({ route: 'POST /workdrive/api/v1/files' })).toBe(1);
  });
});

describe('workdrive_share', () => {
  it('shares with team members by email and name, showing who gets what first', async () => {
    const brief = h.item('Marketing/Zylker Corp/Campaign brief 2026.docx');
    const res = await h.call('workdrive_share', {
      item: 'Marketing/Zylker Corp/Campaign brief 2026.docx',
      people: [
        { member: 'leo.brandt@northwind-creative.example', role: 'editor' },
        { member: 'Hana Kimura', role: 'commenter' },
      ],
    });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Share "Marketing/Zylker Corp/Campaign brief 2026.docx" with Leo Brandt <leo.brandt@northwind-creative.example> as editor; Hana Kimura <hana.kimura@northwind-creative.example> as commenter');
    expect(res.json).toMatchObject({ id: brief.id, shared: [{ email: 'leo.brandt@northwind-creative.example', role: 'editor' }, { email: 'hana.kimura@northwind-creative.example', name: 'Hana Kimura', role: 'commenter' }] });
    expect(h.state().permissions.map((p) => [p.email, p.roleId, p.notified])).toEqual([
      ['leo.brandt@northwind-creative.example', '5', true],
      ['hana.kimura@northwind-creative.example', '6', true],
    ]);
    // Changing a role shows before → after; the same role again is refused.
    const change = await h.call('workdrive_share', { item: brief.id, people: [{ member: 'leo.brandt@northwind-creative.example', role: 'viewer' }], notify: false });
    expect(change.outcome, change.text).toBe('ok');
    expect(h.confirmations[1]).toMatchObject({ before: { 'leo.brandt@northwind-creative.example': 'editor' }, after: { 'leo.brandt@northwind-creative.example': 'viewer' } });
    const same = await h.call('workdrive_share', { item: brief.id, people: [{ member: 'leo.brandt@northwind-creative.example', role: 'viewer' }] });
    expect(same.text).toMatch(/field "people\[0\]\.role": .* already has viewer access/);
  });

  it('resolves people through the API and never guesses', async () => {
    const posts = () => h.emu.counters.requests({ route: 'POST /workdrive/api/v1/permissions' });
    const unknown = await h.call('workdrive_share', { item: 'Operations/Vendor contacts.csv', people: [{ member: 'nobody@example.com', role: 'viewer' }] });
    expect(unknown.text).toMatch(/field "people\[0\]\.member": no member of the WorkDrive team matches "nobody@example.com"/);
    const partial = await h.call('workdrive_share', { item: 'Operations/Vendor contacts.csv', people: [{ member: 'Maya', role: 'viewer' }] });
    expect(partial.text).toMatch(/no team member is exactly "Maya"; did you mean Maya Ortiz <maya.ortiz@northwind-creative.example>/);
    const folderComment = await h.call('workdrive_share', { item: 'Operations/Processes', people: [{ member: 'Leo Brandt', role: 'commenter' }] });
    expect(folderComment.text).toMatch(/field "people\[0\]\.role": commenter is not a folder role in WorkDrive; use viewer, editor, organiser/);
    const nothing = await h.call('workdrive_share', { item: 'Operations/Processes' });
    expect(nothing.text).toMatch(/give people to share with, or a link/);
    expect(posts()).toBe(0);
  });

  it('creates an external link with expiry and password, never showing the password back', async () => {
    const guide = h.item('Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf');
    const res = await h.call('workdrive_share', { item: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf', link: { access: 'download', expires: '2099-12-31', password: 's3cret-pass' } });
    expect(res.outcome, res.text).toBe('ok');
    const link = h.state().links[0]!;
    expect(link).toMatchObject({ resourceId: guide.id, roleId: '34', allowDownload: true, expiration: '2099-12-31 23:59:59', password: 's3cret-pass' });
    expect(h.confirmations[0]!.summary).toMatch(/with anyone with a view-and-download link until 2099-12-31, password-protected$/);
    // The confirmation's payload and summary hide it (its input is what the model sent).
    expect(JSON.stringify({ summary: h.confirmations[0]!.summary, payload: h.confirmations[0]!.payload })).not.toContain('s3cret-pass');
    expect(res.text).not.toContain('s3cret-pass');
    expect(res.json.link).toMatchObject({ id: link.id, url: expect.stringContaining(link.id), access: 'download', expires: '2099-12-31 23:59:59', password_protected: true });
    const view = await h.call('workdrive_share', { item: 'Operations/Processes', link: { access: 'view', name: 'Processes (read only)' } });
    expect(view.json.link).toMatchObject({ access: 'view', name: 'Processes (read only)' });
    const past = await h.call('workdrive_share', { item: 'Operations/Processes', link: { access: 'view', expires: '2020-01-01' } });
    expect(past.text).toMatch(/field "link.expires": 2020-01-01 is in the past/);
  });

  it('reports a share that landed only in part as a partial write, saying what was and was not applied', async () => {
    // Zoho refuses the second grant; the first and the link land.
    h.emu.faults.add({ app: 'workdrive', route: 'POST /workdrive/api/v1/permissions', kind: 'status', status: 400, after: 1, times: 1 });
    const res = await h.call('workdrive_share', {
      item: 'Operations/Vendor contacts.csv',
      people: [
        { member: 'Leo Brandt', role: 'viewer' },
        { member: 'Hana Kimura', role: 'editor' },
      ],
      link: { access: 'view' },
    });
    expect(res.outcome, res.text).toBe('error');
    expect(res.json).toMatchObject({
      status: 'partial',
      item: 'Operations/Vendor contacts.csv',
      applied: [{ email: 'leo.brandt@northwind-creative.example', role: 'viewer' }, { link: { access: 'view', url: expect.any(String) } }],
      not_applied: [{ who: 'hana.kimura@northwind-creative.example', error: expect.any(String) }],
      note: expect.stringMatching(/do not send them again/),
    });
    expect(h.state().permissions.map((p) => p.email)).toEqual(['leo.brandt@northwind-creative.example']);
    expect(h.state().links).toHaveLength(1);
  });
});

describe('workdrive_move, workdrive_copy, workdrive_rename', () => {
  it('moves a file, showing the folder before → after', async () => {
    const notes = h.item('My Folders/Notes.txt');
    const res = await h.call('workdrive_move', { item: 'My Folders/Notes.txt', to: 'My Folders/Drafts' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]).toMatchObject({ summary: 'Move "My Folders/Notes.txt" to My Folders/Drafts', before: { folder: 'My Folders' }, after: { folder: 'My Folders/Drafts' } });
    expect(notes.parentId).toBe(h.item('My Folders/Drafts').id);
    expect(res.json).toMatchObject({ id: notes.id, parent_id: notes.parentId, folder: 'My Folders/Drafts' });
    const again = await h.call('workdrive_move', { item: notes.id, to: 'My Folders/Drafts' });
    expect(again.text).toMatch(/field "to": .* is already in My Folders\/Drafts/);
  });

  it('reports conflicts and permission errors', async () => {
    const clash = await h.call('workdrive_move', { item: 'Technical Docs/Zylker Corp/Release checklist.md', to: 'Technical Docs/Acme Widgets' });
    expect(clash.text).toMatch(/field "to": "Release checklist.md" already exists in Technical Docs\/Acme Widgets/);
    const denied = await h.call('workdrive_move', { item: 'Legal Archive/NDA template.docx', to: 'My Folders' });
    expect(denied.outcome).toBe('error');
    expect(denied.text).toMatch(/R502 \(HTTP 403, permission\)/);
  });

  it('refuses a folder moved or copied into itself or its own sub-folder before asking', async () => {
    const into = await h.call('workdrive_move', { item: 'Finance/Zylker Corp', to: 'Finance/Zylker Corp/Invoices' });
    expect(into.outcome).toBe('invalid');
    expect(into.text).toMatch(/field "to": Finance\/Zylker Corp\/Invoices is inside "Finance\/Zylker Corp"; a folder cannot be moved into its own sub-folder/);
    const deep = await h.call('workdrive_copy', { item: h.item('Marketing/Zylker Corp').id, to: h.item('Marketing/Zylker Corp/Brand assets').id });
    expect(deep.text).toMatch(/field "to": .* a folder cannot be copied into its own sub-folder/);
    const self = await h.call('workdrive_copy', { item: 'Finance/Zylker Corp/Invoices', to: 'Finance/Zylker Corp/Invoices' });
    expect(self.text).toMatch(/field "to": a folder cannot be copied into itself/);
    expect(h.confirmations).toEqual([]);
    expect(writes()).toBe(0);
    // A sibling whose name starts the same is not inside it.
    const beside = await h.call('workdrive_copy', { item: 'Finance/Zylker Corp/Invoices', to: 'Finance' });
    expect(beside.outcome, beside.text).toBe('ok');
  });

  it('refuses a trashed folder given by id before asking', async () => {
    const invoices = h.item('Finance/Zylker Corp/Invoices');
    invoices.status = 51;
    for (const [tool, input] of [
      ['workdrive_move', { item: 'My Folders/Notes.txt', to: invoices.id }],
      ['workdrive_upload', { local_path: 'x.txt', folder: invoices.id }],
      ['workdrive_create_folder', { folder: invoices.id, name: 'Paid' }],
    ] as const) {
      local('x.txt', 'x');
      const res = await h.call(tool, input);
      expect(res.outcome, tool).toBe('invalid');
      expect(res.text).toMatch(/field "(to|folder)": the folder "Invoices" is in the trash/);
    }
    expect(h.confirmations).toEqual([]);
  });

  it('copies a folder with everything in it; the original stays', async () => {
    const source = h.item('Finance/Zylker Corp/Invoices');
    const res = await h.call('workdrive_copy', { item: 'Finance/Zylker Corp/Invoices', to: 'My Folders' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Copy the folder "Finance/Zylker Corp/Invoices" with everything in it to My Folders');
    const copy = h.item('My Folders/Invoices');
    expect(res.json).toMatchObject({ id: copy.id, name: 'Invoices', folder: 'My Folders' });
    expect(descendantsOf(h.state(), copy.id).map((i) => i.name)).toEqual(descendantsOf(h.state(), source.id).map((i) => i.name));
    const [orig, dup] = [descendantsOf(h.state(), source.id)[0]!, descendantsOf(h.state(), copy.id)[0]!];
    expect(readFileSync(contentPath(h.state(), dup.id)).equals(readFileSync(contentPath(h.state(), orig.id)))).toBe(true);
    expect(h.item('Finance/Zylker Corp/Invoices').id).toBe(source.id);
  });

  it('renames, showing before → after, and refuses a taken name', async () => {
    const board = h.item('My Folders/Drafts/Board update Q3.docx');
    const res = await h.call('workdrive_rename', { item: 'My Folders/Drafts/Board update Q3.docx', name: 'Board update Q3 (final).docx' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]).toMatchObject({ before: { name: 'Board update Q3.docx' }, after: { name: 'Board update Q3 (final).docx' } });
    expect(board.name).toBe('Board update Q3 (final).docx');
    const taken = await h.call('workdrive_rename', { item: 'My Folders/Notes.txt', name: 'reading list.md' });
    expect(taken.text).toMatch(/field "name": "Reading list.md" already exists in My Folders/);
  });
});

describe('workdrive_trash', () => {
  it('shows what will be removed, then trashes the folder and everything in it', async () => {
    const folder = h.item('Finance/Zylker Corp');
    const res = await h.call('workdrive_trash', { item: 'Finance/Zylker Corp' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]).toMatchObject({ access: 'destructive', summary: expect.stringMatching(/^Move the folder "Finance\/Zylker Corp" to the trash, with 2 files and 1 folders directly inside \(.* in all\)$/), before: { id: folder.id, name: 'Zylker Corp' } });
    expect(folder.status).toBe(51);
    expect(res.json).toMatchObject({ id: folder.id, status: 'trashed' });
    const list = await h.call('workdrive_list_files', { folder: 'Finance' });
    expect(list.json.files.rows.map((r: unknown[]) => r[1])).not.toContain('Zylker Corp');
    const gone = await h.call('workdrive_trash', { item: folder.id });
    expect(gone.text).toMatch(/is in the trash/);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const res = await h.call('workdrive_trash', { item: 'My Folders/Reading list.md' });
    expect(res.outcome).toBe('refused');
    expect(h.item('My Folders/Reading list.md').status).toBe(1);
    expect(writes()).toBe(0);
  });
});
