/**
 * Attachments over real HTTP: list, upload from and download into the files folder (core's rule: nothing
 * outside it is read or written), sizes checked before sending and after receiving.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromTable, type RecordTable } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmState } from '../src/emulator/index.js';
import { startCrm, type CrmHarness } from './helpers.js';

const rows = (data: RecordTable): Record<string, any>[] => fromTable(data);
const ZYLKER = '4150868000000100000';
const DEAL = '4150868000000100019';

let h: CrmHarness;
beforeAll(async () => {
  h = await startCrm();
});
afterAll(() => h.close());
beforeEach(() => {
  h.answer.value = true;
  h.confirmations.length = 0;
});

const state = () => h.emu.state<CrmState>('crm');
const sent = (route: string) => h.emu.counters.requests({ app: 'crm', route });

describe('crm_list_attachments', () => {
  it("lists a record's files newest first, sizes in bytes, without repeating the record", async () => {
    const res = await h.json('crm_list_attachments', { module: 'Accounts', id: ZYLKER });
    expect(res.outcome).toBe('ok');
    expect(res.data.columns.slice(0, 4)).toEqual(['id', 'File_Name', 'Size', 'Created_Time']);
    expect(res.data.columns).not.toContain('Parent_Id.id');
    const files = state().attachments.filter((a) => a.parent.id === ZYLKER).reverse();
    expect(rows(res.data).map((r) => [r.id, r.File_Name, r.Size])).toEqual(files.map((a) => [a.id, a.File_Name, String(a.data.length)]));
  });

  it('answers a record without files as an empty table', async () => {
    const res = await h.json('crm_list_attachments', { module: 'Leads', id: state().modules.get('Leads')!.records[5]!.id });
    expect(res.data).toEqual({ columns: [], rows: [] });
  });
});

describe('crm_download_attachment', () => {
  it('streams the file into the files folder under its own name, size checked', async () => {
    const file = state().attachments.find((a) => a.parent.id === ZYLKER && a.File_Name.endsWith('.pdf'))!;
    const res = await h.json('crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: file.id });
    expect(res.outcome).toBe('ok');
    expect(res.data).toEqual({ path: file.File_Name, size: file.data.length, file_name: file.File_Name, content_type: 'application/pdf' });
    expect(readFileSync(join(h.filesDir, file.File_Name))).toEqual(file.data);
  });

  it('never replaces a file unless asked, and writes nowhere but the files folder', async () => {
    const file = state().attachments.find((a) => a.parent.id === ZYLKER && a.File_Name.endsWith('.txt'))!;
    writeFileSync(join(h.filesDir, 'keep.txt'), 'mine');
    const downloads = sent('GET /crm/:version/:module/:id/Attachments/:attachment');
    const kept = await h.kit.call('crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: file.id, save_as: 'keep.txt' });
    expect(kept.outcome).toBe('invalid');
    expect(kept.text).toMatch(/save_as.*already exists in the files folder/);
    for (const save_as of ['../outside.txt', '/tmp/absolute.txt', 'sub/../../escape.txt']) {
      const res = await h.kit.call('crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: file.id, save_as });
      expect(res.outcome, save_as).toBe('invalid');
      expect(res.text).toMatch(/save_as/);
    }
    expect(sent('GET /crm/:version/:module/:id/Attachments/:attachment')).toBe(downloads);
    expect(readFileSync(join(h.filesDir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(h.filesDir, '..', 'outside.txt'))).toBe(false);
    const replaced = await h.json('crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: file.id, save_as: 'keep.txt', overwrite: true });
    expect(replaced.data.size).toBe(file.data.length);
    expect(readFileSync(join(h.filesDir, 'keep.txt'))).toEqual(file.data);
  });

  it('an unknown attachment is Zoho’s error and leaves no file', async () => {
    const res = await h.kit.call('crm_download_attachment', { module: 'Accounts', id: ZYLKER, attachment_id: '4150868000999999999', save_as: 'ghost.bin' });
    expect(res.outcome).toBe('error');
    expect(res.text).toContain('INVALID_DATA');
    expect(existsSync(join(h.filesDir, 'ghost.bin'))).toBe(false);
  });
});

describe('crm_upload_attachment', () => {
  it('attaches a file from the files folder after confirmation; it lists and downloads back byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    writeFileSync(join(h.filesDir, 'proposal.bin'), bytes);
    const res = await h.json('crm_upload_attachment', { module: 'Deals', id: DEAL, path: 'proposal.bin', file_name: 'Proposal v2.bin' });
    expect(res.outcome).toBe('ok');
    expect(h.confirmations[0]).toMatchObject({ tool: 'crm_upload_attachment', summary: `Attach Proposal v2.bin (5000 bytes) to Deals Zylker Corp — Website Redesign (${DEAL})`, payload: { module: 'Deals', id: DEAL, file: { name: 'Proposal v2.bin', size: 5000 } } });
    expect(res.data).toEqual({ id: expect.stringMatching(/^\d{19}$/), status: 'attached', file_name: 'Proposal v2.bin' });
    const listed = rows((await h.json('crm_list_attachments', { module: 'Deals', id: DEAL })).data);
    expect(listed[0]).toMatchObject({ id: res.data.id, File_Name: 'Proposal v2.bin', Size: '5000' });
    const back = await h.json('crm_download_attachment', { module: 'Deals', id: DEAL, attachment_id: res.data.id, save_as: 'back.bin' });
    expect(back.data.size).toBe(5000);
    expect(readFileSync(join(h.filesDir, 'back.bin'))).toEqual(bytes);
  });

  it('a refused upload sends nothing', async () => {
    writeFileSync(join(h.filesDir, 'draft.txt'), 'draft');
    h.answer.value = false;
    const uploads = sent('POST /crm/:version/:module/:id/Attachments');
    const res = await h.kit.call('crm_upload_attachment', { module: 'Deals', id: DEAL, path: 'draft.txt' });
    expect(res.outcome).toBe('refused');
    expect(sent('POST /crm/:version/:module/:id/Attachments')).toBe(uploads);
  });

  it('reads nothing outside the files folder and refuses missing, empty or oversized files naming path, before asking', async () => {
    const small = await startCrm({ toolkit: { pluginOptions: { crm: { attachmentMaxBytes: 10 } } } });
    try {
      writeFileSync(join(small.filesDir, 'big.txt'), 'more than ten bytes');
      writeFileSync(join(small.filesDir, 'empty.txt'), '');
      symlinkSync('/etc/hostname', join(small.filesDir, 'link.txt'));
      const cases: [string, RegExp][] = [
        ['big.txt', /path.*is 19 bytes; Zoho CRM takes attachments up to 10 bytes/],
        ['empty.txt', /path.*is empty/],
        ['missing.txt', /path.*no file "missing\.txt" in the files folder/],
        ['../secret.txt', /path.*must not contain "\.\."/],
        ['/etc/passwd', /path.*must be relative to the files folder/],
        ['link.txt', /path.*symlink that points outside the files folder/],
      ];
      for (const [path, message] of cases) {
        const res = await small.kit.call('crm_upload_attachment', { module: 'Deals', id: DEAL, path });
        expect(res.outcome, path).toBe('invalid');
        expect(res.text, path).toMatch(message);
      }
      expect(small.confirmations).toHaveLength(0);
      expect(small.emu.counters.requests({ app: 'crm' })).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('an unknown record is refused naming id, before asking', async () => {
    writeFileSync(join(h.filesDir, 'orphan.txt'), 'orphan');
    const res = await h.kit.call('crm_upload_attachment', { module: 'Deals', id: '4150868000999999999', path: 'orphan.txt' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/id.*no Deals record has id/);
    expect(h.confirmations).toHaveLength(0);
  });
});
