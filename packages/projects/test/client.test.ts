/** The client calls workflows build on: time logs read, updated (bill status, notes) and refused when approved. */
import { ZohoApiError } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProjectsClient } from '../src/client.js';
import { readAll, readUntil } from '../src/tools/shared.js';
import { startProjects, ZYLKER, type ProjectsHarness } from './helpers.js';

let h: ProjectsHarness;
let client: ProjectsClient;
beforeAll(async () => {
  h = await startProjects();
  client = h.kit.client<ProjectsClient>('projects');
});
afterAll(() => h.close());

it('reads a log, changes its bill status and notes with PATCH, and reads it back', async () => {
  const log = h.data().timelogs.find((l) => l.project_id === ZYLKER && l.module === 'task' && l.approval_status === 'Unapproved' && l.bill_status === 'Billable')!;
  const notes = `${log.notes} [billed INV-000123]`;
  const got = await client.getTimeLog(ZYLKER, log.id, 'task');
  expect(got).toMatchObject({ id: log.id, bill_status: 'Billable', module: { type: 'task', id: log.record_id } });
  const updated = await client.updateTimeLog(ZYLKER, log.id, { module: { type: 'task', id: log.record_id! }, bill_status: 'Non Billable', notes });
  expect(updated).toMatchObject({ id: log.id, bill_status: 'Non Billable', notes });
  expect(log).toMatchObject({ bill_status: 'Non Billable' });
  expect(h.emu.counters.requests({ route: 'PATCH /api/v3/portal/*/projects/*/logs/*' })).toBe(1);
});

it('an approved log cannot be updated: Zoho says so', async () => {
  const log = h.data().timelogs.find((l) => l.project_id === ZYLKER && l.approval_status === 'Approved')!;
  const err = await client.updateTimeLog(ZYLKER, log.id, { module: { type: log.module, ...(log.record_id ? { id: log.record_id } : {}) }, notes: 'x' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ZohoApiError);
  expect(err).toMatchObject({ status: 400, code: 'INVALID_OPERATION', message: 'Cannot update approved timelogs.' });
});

it('lists one module of a window, flattened from the per-date groups, with paging', async () => {
  const all = h.data().timelogs.filter((l) => l.project_id === ZYLKER && l.module === 'task');
  const first = await client.listTimeLogs(ZYLKER, { start_date: '2000-01-01', end_date: '2000-06-01', module: 'task', page: 1, per_page: 5 });
  expect(first.rows).toEqual([]);
  const dates = all.map((l) => l.date).sort();
  const page = await client.listTimeLogs(ZYLKER, { start_date: dates[0]!, end_date: dates.at(-1)!, module: 'task', page: 1, per_page: 5 });
  expect(page.rows).toHaveLength(5);
  expect(page.has_next_page).toBe(all.length > 5);
  for (const row of page.rows) expect(row).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), log_hour: expect.stringMatching(/^\d{2}:\d{2}$/) });
});

it('readUntil stops at the page with the row looked for; without a match it reads every page', async () => {
  const all = h.data().timelogs.filter((l) => l.project_id === ZYLKER && l.module === 'task');
  const dates = all.map((l) => l.date).sort();
  const reads = () => h.emu.counters.requests({ route: 'GET /api/v3/portal/*/projects/*/timelogs' });
  const fetch = (page: number) => client.listTimeLogs(ZYLKER, { start_date: dates[0]!, end_date: dates.at(-1)!, module: 'task', page, per_page: 2 });
  const listed = await readAll(fetch, 50);
  expect(listed).toHaveLength(all.length);
  const third = String(listed[2]!.id);
  const before = reads();
  const hit = await readUntil(fetch, (l) => String(l.id) === third, 50);
  expect(hit.match?.id).toBe(third);
  expect(reads() - before).toBe(2);
  const miss = await readUntil(fetch, () => false, 50);
  expect(miss.match).toBeUndefined();
  expect(miss.rows.map((l) => l.id)).toEqual(listed.map((l) => l.id));
});
