/**
 * Every write after a lost answer. A short header timeout turns the emulator's slow answer into a lost one; the
 * write still lands when the emulator gets to it (1.5 s later), so each plan's reconcile check must wait and
 * find it (applied, with its id, sent once). A reset before the request reached the emulator is not applied.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PortalData } from '../src/emulator/index.js';
import { startProjects, WIREFRAMES, ZYLKER, type ProjectsHarness } from './helpers.js';

let h: ProjectsHarness;
beforeAll(async () => {
  h = await startProjects({ connection: { http: { headersTimeoutMs: 300 } }, toolkit: { reconcileSettleMs: [1000, 1500] } });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('projects');
  h.emu.counters.reset();
  h.events.length = 0;
});

const d = (): PortalData => h.data();
const P = '/api/v3/portal/*/projects/*';

interface WriteCase {
  tool: string;
  route: string;
  input: Record<string, unknown>;
  /** The record the write made or changed, when it landed. */
  landed: () => { id: string } | undefined;
}

const CASES: WriteCase[] = [
  { tool: 'projects_create_task', route: `POST ${P}/tasks`, input: { project_id: ZYLKER, name: 'Lost answer task', owners: ['Leo'] }, landed: () => d().tasks.find((t) => t.name === 'Lost answer task') },
  {
    tool: 'projects_update_task',
    route: `PATCH ${P}/tasks/*`,
    input: { project_id: ZYLKER, task_id: WIREFRAMES, completion_percentage: 95 },
    landed: () => d().tasks.find((t) => t.id === WIREFRAMES && t.completion_percentage === 95),
  },
  {
    tool: 'projects_log_time',
    route: `POST ${P}/log`,
    input: { project_id: ZYLKER, task_id: WIREFRAMES, hours: '1:15', billable: true, person: 'Leo', notes: 'Lost answer log' },
    landed: () => d().timelogs.find((l) => l.notes === 'Lost answer log'),
  },
  { tool: 'projects_create_issue', route: `POST ${P}/issues`, input: { project_id: ZYLKER, title: 'Lost answer issue' }, landed: () => d().issues.find((i) => i.name === 'Lost answer issue') },
  { tool: 'projects_add_comment', route: `POST ${P}/tasks/*/comments`, input: { project_id: ZYLKER, task_id: WIREFRAMES, comment: 'Lost answer comment' }, landed: () => d().comments.find((c) => c.comment === 'Lost answer comment') },
];

describe.each(CASES)('$tool after a lost answer', ({ tool, route, input, landed }) => {
  it('timed out after Zoho applied it: reported applied with its id, sent once', async () => {
    h.emu.faults.add({ route, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call(tool, input);
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const record = landed();
    expect(record).toBeDefined();
    expect(res.json).toMatchObject({ reconciled: 'applied', id: record!.id });
    expect(res.json.note).toMatch(/did not answer in time.*applied.*Do not send it again/);
    expect(res.text).not.toMatch(/try again/i);
    expect(h.emu.counters.requests({ route })).toBe(1);
    expect(h.events.at(-1)).toMatchObject({ tool, outcome: 'ok', reconciled: 'applied', ids: [record!.id] });
  });

  it('reset before it reached Zoho: reported not applied, safe to send again', async () => {
    h.emu.faults.add({ route, kind: 'reset', times: 1 });
    const res = await h.call(tool, input);
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied.*safe to send it again/);
    expect(landed()).toBeUndefined();
    expect(h.emu.counters.requests({ route })).toBe(1);
  });
});

it('a 5xx on a create is reconciled (not applied), never "try again later"', async () => {
  h.emu.faults.add({ route: `POST ${P}/tasks`, kind: 'status', status: 500, times: 1 });
  const res = await h.call('projects_create_task', { project_id: ZYLKER, name: 'Five hundred' });
  expect(res.reconciled).toBe('not_applied');
  expect(res.text).not.toMatch(/try again later/i);
  expect(h.emu.counters.requests({ route: `POST ${P}/tasks` })).toBe(1);
});
