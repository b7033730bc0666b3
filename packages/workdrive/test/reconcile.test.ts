/**
 * Every write after a lost answer. A short header timeout turns the emulator's slow answer into a lost one: the
 * write still lands (before the delay on streaming routes, after it on the others), so the reconcile check must
 * find it and report it applied with its id — sent once. A reset before the emulator read the request leaves
 * nothing behind, so it is reported not applied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

let h: WorkDriveHarness;
const events: AuditEvent[] = [];
beforeAll(async () => {
  h = await startWorkDrive({
    plugin: { streamUploadAbove: 512 * 1024 },
    connection: { http: { headersTimeoutMs: 300 } },
    toolkit: { reconcileSettleMs: [1000, 1500], audit: (e) => void events.push(e) },
  });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('workdrive');
  h.emu.faults.clear();
  h.emu.counters.reset();
  events.length = 0;
});

interface Case {
  tool: string;
  route: string;
  input: () => Record<string, unknown>;
  /** The id the write produced or changed, read from the emulator after it landed; undefined if it did not. */
  landed: () => string | undefined;
}

const find = (path: string) => {
  try {
    return h.item(path);
  } catch {
    return undefined;
  }
};

const CASES: Case[] = [
  {
    tool: 'workdrive_upload',
    route: 'POST /workdrive/api/v1/upload',
    input: () => {
      writeFileSync(join(h.dir, 'lost.txt'), 'lost answer');
      return { local_path: 'lost.txt', folder: 'Marketing/Zylker Corp' };
    },
    landed: () => find('Marketing/Zylker Corp/lost.txt')?.id,
  },
  {
    tool: 'workdrive_upload (stream)',
    route: 'POST /_workdrive-upload/workdrive-api/v1/stream/upload',
    input: () => {
      writeFileSync(join(h.dir, 'lost-big.bin'), Buffer.alloc(600 * 1024, 3));
      return { local_path: 'lost-big.bin', folder: 'My Folders' };
    },
    landed: () => find('My Folders/lost-big.bin')?.id,
  },
  { tool: 'workdrive_create_folder', route: 'POST /workdrive/api/v1/files', input: () => ({ folder: 'Operations', name: 'Lost folder' }), landed: () => find('Operations/Lost folder')?.id },
  {
    tool: 'workdrive_share',
    route: 'POST /workdrive/api/v1/permissions',
    input: () => ({ item: 'Operations/Vendor contacts.csv', people: [{ member: 'Sofia Lindqvist', role: 'viewer' }] }),
    landed: () => (h.state().permissions.some((p) => p.email.startsWith('sofia')) ? find('Operations/Vendor contacts.csv')!.id : undefined),
  },
  {
    tool: 'workdrive_share (link)',
    route: 'POST /workdrive/api/v1/links',
    input: () => ({ item: 'Operations/Vendor contacts.csv', link: { access: 'view' } }),
    landed: () => (h.state().links.length ? find('Operations/Vendor contacts.csv')!.id : undefined),
  },
  { tool: 'workdrive_move', route: 'PATCH /workdrive/api/v1/files/:id', input: () => ({ item: 'My Folders/Notes.txt', to: 'My Folders/Drafts' }), landed: () => find('My Folders/Drafts/Notes.txt')?.id },
  { tool: 'workdrive_copy', route: 'POST /workdrive/api/v1/files/:id/copy', input: () => ({ item: 'My Folders/Notes.txt', to: 'Operations' }), landed: () => find('Operations/Notes.txt')?.id },
  { tool: 'workdrive_rename', route: 'PATCH /workdrive/api/v1/files/:id', input: () => ({ item: 'My Folders/Notes.txt', name: 'Renamed.txt' }), landed: () => find('My Folders/Renamed.txt')?.id },
  {
    tool: 'workdrive_trash',
    route: 'PATCH /workdrive/api/v1/files/:id',
    input: () => ({ item: 'My Folders/Reading list.md' }),
    landed: () => [...h.state().items.values()].find((i) => i.name === 'Reading list.md' && i.status === 51)?.id,
  },
];

const toolOf = (c: Case) => c.tool.split(' ')[0]!;

describe.each(CASES)('$tool after a lost answer', (c) => {
  it('timed out after the emulator applied it: reported applied with its id, sent once', async () => {
    h.emu.faults.add({ route: c.route, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call(toolOf(c), c.input());
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const id = c.landed();
    expect(id).toBeDefined();
    expect(res.json).toMatchObject({ reconciled: 'applied', id });
    expect(res.json.note).toMatch(/did not answer in time.*Do not send it again/);
    // Streaming routes apply before their delay, so the check may finish before the emulator counts the answer.
    await vi.waitFor(() => expect(h.emu.counters.requests({ route: c.route })).toBe(1), { timeout: 3000 });
    expect(events.at(-1)).toMatchObject({ tool: toolOf(c), outcome: 'ok', reconciled: 'applied' });
  });

  it('reset before it reached the emulator: reported not applied, and nothing landed', async () => {
    h.emu.faults.add({ route: c.route, kind: 'reset', times: 1 });
    const res = await h.call(toolOf(c), c.input());
    expect(res.outcome).toBe('error');
    expect(res.reconciled, res.text).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(c.landed()).toBeUndefined();
    expect(h.emu.counters.requests({ route: c.route })).toBe(1);
  });
});
