/**
 * The write tools against the emulator: what the confirmation shows (the person, the task, the hours;
 * before → after), the exact payload, value checks before anything is sent, people resolved through the API,
 * a refusal sending nothing, PATCH for updates, and Zoho's silent "200 but ignored" caught by reading back.
 */
import type { EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProjectsEmulator, dateInZone, type PortalData, type ProjectsState } from '../src/emulator/index.js';
import { startProjects, WIREFRAMES, ZYLKER, type ProjectsHarness } from './helpers.js';

let h: ProjectsHarness;
let d: PortalData;
let today: string;
beforeAll(async () => {
  h = await startProjects();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('projects');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.approve.value = true;
});
const data = () => (d = h.data());
const user = (first: string, last?: string) => data().users.find((u) => u.first_name === first && (!last || u.last_name === last))!;
const writes = () => h.emu.counters.requests({ app: 'projects', route: 'POST /**' }) + h.emu.counters.requests({ app: 'projects', route: 'PATCH /**' }) + h.emu.counters.requests({ app: 'projects', route: 'PUT /**' });
const REDWOOD = () => data().projects.find((p) => p.client === 'Redwood Health')!;

beforeAll(() => {
  today = dateInZone(Date.now(), h.data().portal.time_zone);
});

describe('projects_create_task', () => {
  it('creates a task with owners resolved to zpuids; the confirmation shows who, where and when', async () => {
    const res = await h.call('projects_create_task', { project_id: ZYLKER, name: 'Accessibility review', owners: ['Priya', 'hana.kimura@northwind-creative.example'], start_date: today, due_date: today, priority: 'high', description: 'WCAG 2.2 AA' });
    expect(res.outcome, res.text).toBe('ok');
    const task = data().tasks.find((t) => t.name === 'Accessibility review')!;
    expect(task.owner_zpuids).toEqual([user('Priya').zpuid, user('Hana').zpuid]);
    expect(task).toMatchObject({ project_id: ZYLKER, end_date: today, priority: 'high' });
    expect(res.json).toMatchObject({ id: task.id, name: 'Accessibility review', owners: ['Priya Natarajan', 'Hana Kimura'], due_date: today, status: 'Open' });
    const c = h.confirmations[0]!;
    expect(c.summary).toBe(`Create task "Accessibility review" in Zylker Corp — Website Redesign, owners Priya Natarajan, Hana Kimura, due ${today}`);
    expect(c.payload).toEqual({ name: 'Accessibility review', description: 'WCAG 2.2 AA', start_date: `${today}T00:00:00.000Z`, end_date: `${today}T00:00:00.000Z`, priority: 'high', owners_and_work: { owners: [{ zpuid: user('Priya').zpuid }, { zpuid: user('Hana').zpuid }] } });
    expect(c.after).toMatchObject({ project: 'Zylker Corp — Website Redesign', tasklist: 'General (default)', owners: ['Priya Natarajan', 'Hana Kimura'] });
    expect(h.emu.counters.requests({ route: 'POST /api/v3/portal/*/projects/*/tasks' })).toBe(1);
  });

  it('a sub-task lands under its parent, in the parent list', async () => {
    const res = await h.call('projects_create_task', { project_id: ZYLKER, name: 'Tablet wireframes', parent_task_id: WIREFRAMES, owners: ['Leo Brandt'] });
    expect(res.outcome, res.text).toBe('ok');
    const sub = data().tasks.find((t) => t.name === 'Tablet wireframes')!;
    const parent = data().tasks.find((t) => t.id === WIREFRAMES)!;
    expect(sub).toMatchObject({ parent_id: WIREFRAMES, tasklist_id: parent.tasklist_id });
    expect(res.json).toMatchObject({ parent_task_id: WIREFRAMES, parent_task: 'Wireframes' });
    expect(h.confirmations[0]!.summary).toMatch(/^Create sub-task of ZC-T3 "Wireframes" "Tablet wireframes"/);
  });

  it('refuses before sending: dates backwards, an unknown list, a non-member, a name that fits two people', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ project_id: ZYLKER, name: 'x', start_date: '2026-03-10', due_date: '2026-03-01' }, /field "due_date": 2026-03-01 is before the start date 2026-03-10/],
      [{ project_id: ZYLKER, name: 'x', tasklist_id: '42' }, /field "tasklist_id": .*has no task list 42; its lists: Discovery \(\d+\), Build \(\d+\)/],
      [{ project_id: ZYLKER, name: 'x', owners: ['Daniel Okafor'] }, /field "owners\[0\]": Daniel Okafor <daniel\.okafor@northwind-creative\.example> is in the portal but not a member of this project/],
      [{ project_id: REDWOOD().id, name: 'x', owners: ['Daniel'] }, /field "owners\[0\]": "Daniel" matches 2 people: Daniel Okafor .*; Daniel Reyes/],
      [{ project_id: ZYLKER, name: 'x', owners: ['Nobody Here'] }, /no member of this project is "Nobody Here"; members: Priya Natarajan/],
      [{ project_id: ZYLKER, name: 'x', parent_task_id: '999' }, /field "parent_task_id": project .* has no task 999/],
      [{ project_id: '123', name: 'x' }, /field "project_id": no project has the id 123/],
      [{ project_id: ZYLKER, name: '   ' }, /field "name".*must not be empty/],
      [{ project_id: ZYLKER, name: 'x', due_date: '2026-02-30' }, /field "due_date".*real calendar date/],
      [{ project_id: ZYLKER, name: 'x'.repeat(251) }, /field "name"/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('projects_create_task', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
      expect(res.text).toMatch(/(Nothing|No change) was sent/);
    }
    expect(writes()).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('a refused confirmation sends nothing', async () => {
    h.approve.value = false;
    const before = data().tasks.length;
    const res = await h.call('projects_create_task', { project_id: ZYLKER, name: 'Never' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Create task "Never".*Nothing was sent/);
    expect(writes()).toBe(0);
    expect(data().tasks.length).toBe(before);
  });
});

describe('projects_update_task', () => {
  it('reads the task first and shows before → after; PATCH with the changed fields only', async () => {
    const res = await h.call('projects_update_task', { project_id: ZYLKER, task_id: WIREFRAMES, status: 'closed', completion_percentage: 100, priority: 'high' });
    expect(res.outcome, res.text).toBe('ok');
    const c = h.confirmations[0]!;
    expect(c.before).toEqual({ status: 'In Progress', completion_percentage: 60 });
    expect(c.after).toEqual({ status: 'Closed', completion_percentage: 100 });
    expect(c.summary).toBe('Update task ZC-T3 "Wireframes": status "In Progress" → "Closed"; completion_percentage 60 → 100');
    const project = data().projects.find((p) => p.id === ZYLKER)!;
    expect(c.payload).toEqual({ status: { id: project.task_statuses.find((s) => s.name === 'Closed')!.id }, completion_percentage: 100 });
    expect(res.json).toMatchObject({ updated: ['status', 'completion_percentage'], task: { status: 'Closed', closed: true, completion_percentage: 100 } });
    expect(res.json.warning).toBeUndefined();
    expect(h.emu.counters.requests({ route: 'PATCH /api/v3/portal/*/projects/*/tasks/*' })).toBe(1);
    expect(h.emu.counters.requests({ route: 'PUT /**' }) + h.emu.counters.requests({ route: 'POST /**' })).toBe(0);
  });

  it('replaces owners and moves dates', async () => {
    const res = await h.call('projects_update_task', { project_id: ZYLKER, task_id: WIREFRAMES, owners: ['Daniel Reyes'], due_date: '2026-12-30', start_date: '2026-12-01' });
    expect(res.outcome, res.text).toBe('ok');
    const task = data().tasks.find((t) => t.id === WIREFRAMES)!;
    expect(task.owner_zpuids).toEqual([user('Daniel', 'Reyes').zpuid]);
    expect(task.end_date).toBe('2026-12-30');
    expect(h.confirmations[0]!.before).toMatchObject({ owners: ['Hana Kimura', 'Leo Brandt'] });
    expect(h.confirmations[0]!.after).toMatchObject({ owners: ['Daniel Reyes'], due_date: '2026-12-30' });
  });

  it('refuses before sending: an unknown status (listing the project\'s), no change, no field, dates backwards', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ project_id: ZYLKER, task_id: WIREFRAMES, status: 'Done' }, /field "status": "Done" is not a status seen in this project; its statuses: In Progress, Closed, Open, On Hold/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, priority: 'high' }, /already has these values; nothing to change/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES }, /give at least one field to change/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, start_date: '2026-12-20', due_date: '2026-12-01' }, /field "due_date".*before the start date/],
      [{ project_id: ZYLKER, task_id: '1' }, /give at least one field/],
      [{ project_id: ZYLKER, task_id: '1', priority: 'low' }, /field "task_id": project \d+ has no task 1/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, completion_percentage: 101 }, /field "completion_percentage"/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('projects_update_task', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(writes()).toBe(0);
  });

  it("Zoho's 200 that ignored a field is caught by reading the task back", async () => {
    // A Projects that answers 200 to a PATCH but drops `priority` (projects.md §3: unknown keys may be ignored).
    const base = createProjectsEmulator({ rateLimit: false });
    const patched: EmulatorRoute<ProjectsState>[] = base.routes.map((r) =>
      r.method === 'PATCH' && r.path.endsWith('/tasks/:task') ? { ...r, handle: (req) => r.handle({ ...req, body: Object.fromEntries(Object.entries(req.body as object).filter(([k]) => k !== 'priority')) }) } : r,
    );
    const lax = await startProjects({ emulator: { apps: [{ ...base, routes: patched }] } });
    try {
      const res = await lax.call('projects_update_task', { project_id: ZYLKER, task_id: WIREFRAMES, priority: 'low', completion_percentage: 70 });
      expect(res.outcome, res.text).toBe('ok');
      expect(res.json).toMatchObject({ updated: ['priority', 'completion_percentage'], warning: 'Zoho answered OK but did not change: priority', task: { priority: 'high', completion_percentage: 70 } });
    } finally {
      await lax.close();
    }
  });
});

describe('projects_log_time', () => {
  it.each([1.5, '1.5', '1:30', '90m', '1h30m'])('hours %s is 90 minutes; the confirmation shows the person, the task and the hours', async (hours) => {
    const res = await h.call('projects_log_time', { project_id: ZYLKER, task_id: WIREFRAMES, hours, billable: true, person: 'Hana', notes: 'Mobile flows' });
    expect(res.outcome, res.text).toBe('ok');
    const log = data().timelogs.find((l) => l.notes === 'Mobile flows')!;
    expect(log).toMatchObject({ minutes: 90, bill_status: 'Billable', owner_zpuid: user('Hana').zpuid, record_id: WIREFRAMES, date: today, module: 'task' });
    const c = h.confirmations[0]!;
    expect(c.summary).toBe(`Log 1:30 h (1.5 h), billable, for Hana Kimura on task ZC-T3 "Wireframes" in Zylker Corp — Website Redesign, ${today}`);
    expect(c.after).toMatchObject({ person: 'Hana Kimura', task: 'ZC-T3 "Wireframes"', hours: '1:30', bill_status: 'Billable', date: today });
    expect(c.payload).toEqual({ module: { type: 'task', id: WIREFRAMES }, date: today, hours: '01:30', bill_status: 'Billable', owner_zpuid: user('Hana').zpuid, notes: 'Mobile flows' });
    expect(res.json).toMatchObject({ id: log.id, hours: '01:30', person: 'Hana Kimura', task: { id: WIREFRAMES, name: 'Wireframes' } });
    h.emu.resetState('projects');
    h.confirmations.length = 0;
  });

  it('without a person it is the signed-in user (the legacy login_id; V3 has no "me")', async () => {
    const res = await h.call('projects_log_time', { project_id: ZYLKER, name: 'Client call', hours: '0:45', billable: false, date: today });
    expect(res.outcome, res.text).toBe('ok');
    const log = data().timelogs.find((l) => l.log_name === 'Client call')!;
    expect(log).toMatchObject({ module: 'general', minutes: 45, bill_status: 'Non Billable', owner_zpuid: user('Maya').zpuid });
    expect(h.confirmations[0]!.summary).toMatch(/^Log 0:45 h \(0\.75 h\), non billable, for Maya Ortiz on the project \("Client call"\)/);
    expect(h.emu.counters.requests({ route: 'GET /restapi/portals' })).toBe(1);
  });

  it('refuses before sending: bad hours, a future day, no task and no name, a non-member, a day over 24:00', async () => {
    const hana = user('Hana');
    data().timelogs.push({ ...data().timelogs[0]!, id: '2438400000000999999', project_id: ZYLKER, owner_zpuid: hana.zpuid, date: today, minutes: 23 * 60, module: 'task', record_id: WIREFRAMES });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '1.333', billable: true }, /field "hours": 1\.333 hours is not a whole number of minutes/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: 'lots', billable: true }, /field "hours": "lots" is not an amount of time; write hours as 1\.5, 1:30 or 90m/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '26h', billable: true }, /more than one day/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '1', billable: true, date: '2099-01-01' }, /field "date": 2099-01-01 is in the future/],
      [{ project_id: ZYLKER, hours: '1', billable: true }, /field "name": give task_id, or name/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '1', billable: true, person: 'Daniel Okafor' }, /field "person": .*not a member of this project/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '1:30', billable: true, person: 'Hana' }, /field "hours": Hana Kimura already has 23:00 logged on .* at most 1:00 more fits/],
      [{ project_id: ZYLKER, task_id: WIREFRAMES, hours: '1' }, /field "billable" is required/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('projects_log_time', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(writes()).toBe(0);
  });

  it('a refused confirmation sends nothing', async () => {
    h.approve.value = false;
    const res = await h.call('projects_log_time', { project_id: ZYLKER, task_id: WIREFRAMES, hours: '2', billable: true, person: 'Leo' });
    expect(res.outcome).toBe('refused');
    expect(writes()).toBe(0);
  });

  it('with timeLogApi "legacy" it logs through /restapi (form, MM-dd-yyyy) and reads the same', async () => {
    const legacy = await startProjects({ plugin: { timeLogApi: 'legacy' } });
    try {
      const res = await legacy.call('projects_log_time', { project_id: ZYLKER, task_id: WIREFRAMES, hours: '2:15', billable: false, person: 'Leo', notes: 'legacy path' });
      expect(res.outcome, res.text).toBe('ok');
      const log = legacy.data().timelogs.find((l) => l.notes === 'legacy path')!;
      expect(log).toMatchObject({ minutes: 135, bill_status: 'Non Billable', owner_zpuid: legacy.data().users.find((u) => u.first_name === 'Leo')!.zpuid });
      expect(legacy.emu.counters.requests({ route: 'POST /restapi/portal/*/projects/*/tasks/*/logs' })).toBe(1);
      expect(legacy.emu.counters.requests({ route: 'POST /api/v3/**' })).toBe(0);
      expect(res.json).toMatchObject({ id: log.id, hours: '02:15', bill_status: 'Non Billable' });
    } finally {
      await legacy.close();
    }
  });
});

describe('projects_create_issue and projects_add_comment', () => {
  it('reports an issue with a severity and an assignee found by name', async () => {
    const res = await h.call('projects_create_issue', { project_id: ZYLKER, title: 'Hero image blurry on retina', severity: 'major', assignee: 'Daniel', due_date: today, flag: 'external' });
    expect(res.outcome, res.text).toBe('ok');
    const issue = data().issues.find((i) => i.name === 'Hero image blurry on retina')!;
    expect(issue).toMatchObject({ flag: 'External', due_date: today, assignee_zpuid: user('Daniel', 'Reyes').zpuid, severity_id: data().severities.find((s) => s.name === 'Major')!.id });
    expect(h.confirmations[0]!.summary).toBe('Report issue "Hero image blurry on retina" in Zylker Corp — Website Redesign (Major), assigned to Daniel Reyes');
    expect(res.json).toMatchObject({ id: issue.id, prefix: 'ZC-I3', severity: 'Major', assignee: 'Daniel Reyes', status: 'Open', flag: 'External' });
  });

  it('a severity the project has not used is refused, naming those it has', async () => {
    const res = await h.call('projects_create_issue', { project_id: ZYLKER, title: 'x', severity: 'Critical' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "severity": "Critical" is not a severity seen in this project; seen: Minor, Major/);
    expect(writes()).toBe(0);
  });

  it('adds a comment to a task; the confirmation names the task', async () => {
    const res = await h.call('projects_add_comment', { project_id: ZYLKER, task_id: WIREFRAMES, comment: 'Client approved the mobile layout.' });
    expect(res.outcome, res.text).toBe('ok');
    const comment = data().comments.find((c) => c.comment === 'Client approved the mobile layout.')!;
    expect(comment).toMatchObject({ task_id: WIREFRAMES, added_by: user('Maya').zpuid });
    expect(h.confirmations[0]!.summary).toBe('Comment on task ZC-T3 "Wireframes" (Zylker Corp — Website Redesign): "Client approved the mobile layout."');
    expect(res.json).toMatchObject({ id: comment.id, comment: 'Client approved the mobile layout.', added_by: 'Maya Ortiz' });
  });

  it('refusals and bad input send nothing', async () => {
    h.approve.value = false;
    expect((await h.call('projects_add_comment', { project_id: ZYLKER, task_id: WIREFRAMES, comment: 'no' })).outcome).toBe('refused');
    expect((await h.call('projects_create_issue', { project_id: ZYLKER, title: 'no' })).outcome).toBe('refused');
    h.approve.value = true;
    expect((await h.call('projects_add_comment', { project_id: ZYLKER, task_id: WIREFRAMES, comment: '' })).text).toMatch(/field "comment".*must not be empty/);
    expect((await h.call('projects_add_comment', { project_id: ZYLKER, task_id: '5', comment: 'x' })).text).toMatch(/field "task_id": project \d+ has no task 5/);
    expect(writes()).toBe(0);
  });
});
