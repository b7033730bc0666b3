/**
 * Every write's `checkWith` (what the toolkit tells the model to look with when a lost answer cannot be
 * reconciled) is a workdrive_list_files call that parses and resolves to the folder the write changed — for
 * items named by id and by path, in sub-folders, team folders and My Folders.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkDriveClient } from '../src/index.js';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

let h: WorkDriveHarness;
beforeAll(async () => {
  h = await startWorkDrive();
  writeFileSync(join(h.dir, 'check.txt'), 'check');
});
afterAll(() => h.close());

const id = (path: string) => h.item(path).id;
const root = (name: string) => (name === 'My Folders' ? h.state().privateSpaces.find((p) => p.owner === h.state().me)!.id : h.state().teamFolders.find((f) => f.name === name)!.id);

/** A write's input, and the folder its check should list (a path below a root, or a root's name). */
const CASES: [tool: string, input: () => Record<string, unknown>, folder: () => string][] = [
  ['workdrive_upload', () => ({ local_path: 'check.txt', folder: id('My Folders/Drafts') }), () => id('My Folders/Drafts')],
  ['workdrive_upload', () => ({ local_path: 'check.txt', folder: 'Marketing/Zylker Corp/Brand assets' }), () => id('Marketing/Zylker Corp/Brand assets')],
  ['workdrive_upload', () => ({ local_path: 'check.txt', folder: root('Operations') }), () => root('Operations')],
  ['workdrive_create_folder', () => ({ folder: id('Finance/Zylker Corp/Invoices'), name: 'Paid' }), () => id('Finance/Zylker Corp/Invoices')],
  ['workdrive_create_folder', () => ({ folder: 'My Folders', name: 'Paid' }), () => root('My Folders')],
  ['workdrive_move', () => ({ item: id('My Folders/Notes.txt'), to: id('My Folders/Drafts') }), () => id('My Folders/Drafts')],
  ['workdrive_move', () => ({ item: id('My Folders/Drafts/Board update Q3.docx'), to: root('My Folders') }), () => root('My Folders')],
  ['workdrive_copy', () => ({ item: id('Operations/Processes/Incident response.md'), to: id('Marketing/Zylker Corp/Brand assets') }), () => id('Marketing/Zylker Corp/Brand assets')],
  ['workdrive_copy', () => ({ item: 'Operations/Vendor contacts.csv', to: 'Technical Docs/Zylker Corp' }), () => id('Technical Docs/Zylker Corp')],
  ['workdrive_rename', () => ({ item: id('My Folders/Drafts/Board update Q3.docx'), name: 'Board update.docx' }), () => id('My Folders/Drafts')],
  ['workdrive_rename', () => ({ item: 'Marketing/Zylker Corp/Campaign brief 2026.docx', name: 'Brief.docx' }), () => id('Marketing/Zylker Corp')],
  ['workdrive_rename', () => ({ item: id('My Folders/Notes.txt'), name: 'Ideas.txt' }), () => root('My Folders')],
  ['workdrive_trash', () => ({ item: id('My Folders/Drafts/Board update Q3.docx') }), () => id('My Folders/Drafts')],
  ['workdrive_trash', () => ({ item: id('Marketing/Zylker Corp/Brand assets') }), () => id('Marketing/Zylker Corp')],
  ['workdrive_trash', () => ({ item: id('Operations/Vendor contacts.csv') }), () => root('Operations')],
  ['workdrive_trash', () => ({ item: 'Finance/Zylker Corp/Invoices' }), () => id('Finance/Zylker Corp')],
];

describe("each write's checkWith", () => {
  it.each(CASES.map(([tool, input, folder], i) => ({ tool, input, folder, i })))('$tool (case $i) lists the folder it changed', async ({ tool, input, folder }) => {
    const t = h.kit.all.find((x) => x.name === tool)!;
    if (t.definition.access === 'read') throw new Error(`${tool} is not a write`);
    const args = t.schema.parse(input());
    const plan = await t.definition.plan(args, { client: h.kit.client<WorkDriveClient>('workdrive'), toolName: tool, signal: undefined });
    const match = /^(workdrive_list_files) (\{.*\})$/.exec(plan.checkWith ?? '');
    expect(match, plan.checkWith).not.toBeNull();
    const res = await h.call(match![1]!, JSON.parse(match![2]!));
    expect(res.outcome, `${plan.checkWith}: ${res.text}`).toBe('ok');
    expect(res.json.folder.id, plan.checkWith).toBe(folder());
  });

  it('sent nothing (plans only)', () => {
    expect(h.emu.counters.requests({ app: 'workdrive', route: 'POST /**' }) + h.emu.counters.requests({ app: 'workdrive', route: 'PATCH /**' })).toBe(0);
  });
});
