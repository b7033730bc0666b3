/** Every read tool against the emulator over HTTP: filters, due windows in the portal's zone, people, paging to the end, exact ids and totals. */
import { fromTable } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInZone, type PortalData, type ProjectsState } from '../src/emulator/index.js';
import { addDays, dueRange, inRange } from '../src/dates.js';
import { formatMinutes } from '../src/hours.js';
import { MOBILE_WIREFRAMES, rowsOf, startProjects, WIREFRAMES, ZYLKER, type ProjectsHarness } from './helpers.js';

let h: ProjectsHarness;
let d: PortalData;
let today: string;
beforeAll(async () => {
  h = await startProjects();
  d = h.data();
  today = dateInZone(Date.now(), d.portal.time_zone);
});
afterAll(() => h.close());

const closed = (t: PortalData['tasks'][number]) => d.projects.find((p) => p.id === t.project_id)!.task_statuses.find((s) => s.id === t.status_id)!.is_closed;
const active = () => d.projects.filter((p) => p.status === 'active');
const userNamed = (first: string) => d.users.find((u) => u.first_name === first)!;
const requests = () => h.emu.counters.requests({ app: 'projects' });

/** Follows next_page_token to the end; returns every row seen and the calls made. */
async function allPages(tool: string, input: Record<string, unknown>, key: string): Promise<{ rows: any[]; calls: number }> {
  const rows: any[] = [];
  let token: string | undefined;
  let calls = 0;
  do {
    const res = await h.call(tool, token ? { ...input, page_token: token } : input);
    expect(res.outcome, res.text).toBe('ok');
    rows.push(...rowsOf(res.json, key));
    token = res.json.next_page_token;
    calls++;
    expect(calls).toBeLessThan(50);
  } while (token);
  return { rows, calls };
}

describe('projects_list', () => {
  it('lists the active projects with owner, dates, completion and counts; ids are the exact 19-digit strings', async () => {
    const res = await h.call('projects_list', {});
    expect(res.outcome, res.text).toBe('ok');
    const rows = rowsOf(res.json, 'projects');
    expect(rows.map((r) => r.id)).toEqual(active().map((p) => p.id));
    const zylker = rows.find((r) => r.id === ZYLKER)!;
    const project = d.projects.find((p) => p.id === ZYLKER)!;
    expect(zylker).toMatchObject({ name: project.name, key: project.key, status: 'active', owner: 'Priya Natarajan', start_date: project.start_date, end_date: project.end_date, task_count: { open: expect.any(Number), closed: expect.any(Number) } });
  });

  it('filters by status and by owner (a name resolved to the Zoho user)', async () => {
    const archived = await h.call('projects_list', { status: 'archived' });
    expect(rowsOf(archived.json, 'projects').map((r) => r.name)).toEqual(d.projects.filter((p) => p.status === 'archived').map((p) => p.name));
    const leo = await h.call('projects_list', { owner: 'leo.brandt@northwind-creative.example' });
    expect(rowsOf(leo.json, 'projects').map((r) => r.id)).toEqual(active().filter((p) => p.owner_zpuid === userNamed('Leo').zpuid).map((p) => p.id));
    const byName = await h.call('projects_list', { owner: 'Leo' });
    expect(byName.json.projects).toEqual(leo.json.projects);
  });

  it('an owner name that fits two people is an error listing both', async () => {
    const res = await h.call('projects_list', { owner: 'Daniel' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "owner".*matches 2 people: Daniel Okafor <daniel\.okafor@northwind-creative\.example>; Daniel Reyes <daniel\.reyes@freelance-collective\.example>/);
  });

  it('pages to the end with next_page_token, every project once', async () => {
    const { rows, calls } = await allPages('projects_list', { limit: 3 }, 'projects');
    expect(rows.map((r) => r.id)).toEqual(active().map((p) => p.id));
    expect(calls).toBe(Math.ceil(active().length / 3));
  });
});

describe('projects_get', () => {
  it('one project with its milestones, task lists and team', async () => {
    const res = await h.call('projects_get', { project_id: ZYLKER });
    expect(res.outcome, res.text).toBe('ok');
    const project = d.projects.find((p) => p.id === ZYLKER)!;
    expect(res.json).toMatchObject({ id: ZYLKER, name: project.name, owner: 'Priya Natarajan', custom_status: 'In Progress' });
    expect(fromTable(res.json.milestones).map((m) => m.name)).toEqual(['Discovery', 'Delivery']);
    expect(fromTable(res.json.tasklists).map((l) => l.name)).toEqual(['Discovery', 'Build']);
    const team = fromTable(res.json.team);
    expect(team.map((u) => u.name)).toEqual(project.members.map((m) => `${d.users.find((u) => u.zpuid === m.zpuid)!.first_name} ${d.users.find((u) => u.zpuid === m.zpuid)!.last_name}`));
    expect(team.find((u) => u.name === 'Daniel Reyes')).toMatchObject({ project_role: 'Contractor', email: 'daniel.reyes@freelance-collective.example' });
  });

  it('an unknown project is Zoho\'s 404, readable', async () => {
    const res = await h.call('projects_get', { project_id: '123' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/RESOURCE_NOT_FOUND \(HTTP 404, not_found\)/);
  });
});

describe('projects_list_tasks', () => {
  it('"overdue" across the portal: open tasks due before today in the portal time zone', async () => {
    const res = await h.call('projects_list_tasks', { due: 'overdue', limit: 100 });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.today).toBe(today);
    const expected = active().flatMap((p) => d.tasks.filter((t) => t.project_id === p.id && !t.parent_id && !closed(t) && t.end_date! < today).sort((a, b) => a.number - b.number).map((t) => t.id));
    expect(expected.length).toBeGreaterThan(3);
    expect(rowsOf(res.json, 'tasks').map((t) => t.id)).toEqual(expected);
  });

  it('"this_week" for one owner: open tasks due Monday to Sunday', async () => {
    const res = await h.call('projects_list_tasks', { due: 'this_week', owner: 'Leo Brandt', limit: 100 });
    expect(res.outcome, res.text).toBe('ok');
    const range = dueRange('this_week', today);
    const leo = userNamed('Leo').zpuid;
    const expected = active().flatMap((p) => d.tasks.filter((t) => t.project_id === p.id && !t.parent_id && !closed(t) && t.owner_zpuids.includes(leo) && inRange(t.end_date, range)).sort((a, b) => a.number - b.number).map((t) => t.id));
    expect(rowsOf(res.json, 'tasks').map((t) => t.id)).toEqual(expected);
    expect(res.json).toMatchObject({ due_from: range.from, due_to: range.to });
    for (const row of rowsOf(res.json, 'tasks')) expect(row.owners).toContain('Leo Brandt');
  });

  it('people lists are reused for 5 minutes across calls', async () => {
    let now = Date.now();
    const clocked = await startProjects({ plugin: { now: () => now } });
    try {
      const users = () => clocked.emu.counters.requests({ route: 'GET /api/v3/portal/*/users' });
      for (let i = 0; i < 2; i++) expect((await clocked.call('projects_list_tasks', { owner: 'Leo Brandt', limit: 1 })).outcome).toBe('ok');
      expect(users()).toBe(1);
      now += 5 * 60_000 + 1;
      expect((await clocked.call('projects_list_tasks', { owner: 'Leo Brandt', limit: 1 })).outcome).toBe('ok');
      expect(users()).toBe(2);
    } finally {
      await clocked.close();
    }
  });

  it('by status name, "open" and "closed", and by task list', async () => {
    const open = rowsOf((await h.call('projects_list_tasks', { project_id: ZYLKER, status: 'open' })).json, 'tasks');
    const all = d.tasks.filter((t) => t.project_id === ZYLKER && !t.parent_id);
    expect(open.map((t) => t.id)).toEqual(all.filter((t) => !closed(t)).map((t) => t.id));
    const done = rowsOf((await h.call('projects_list_tasks', { project_id: ZYLKER, status: 'closed' })).json, 'tasks');
    expect(done.every((t) => t.closed === true)).toBe(true);
    expect(done.length + open.length).toBe(all.length);
    const hold = await h.call('projects_list_tasks', { project_id: ZYLKER, status: 'on hold' });
    expect(rowsOf(hold.json, 'tasks').map((t) => t.name)).toEqual(['Copywriting']);
    const build = d.tasklists.find((l) => l.project_id === ZYLKER && l.name === 'Build')!;
    const inBuild = await h.call('projects_list_tasks', { project_id: ZYLKER, tasklist_id: build.id });
    expect(rowsOf(inBuild.json, 'tasks').map((t) => t.id)).toEqual(all.filter((t) => t.tasklist_id === build.id).map((t) => t.id));
  });

  it("a task's sub-tasks, and sub-tasks included in a search", async () => {
    const subs = await h.call('projects_list_tasks', { project_id: ZYLKER, parent_task_id: WIREFRAMES });
    expect(rowsOf(subs.json, 'tasks').map((t) => t.name)).toEqual(['Desktop wireframes', 'Mobile wireframes']);
    expect(subs.json.every_row).toMatchObject({ parent_task_id: WIREFRAMES, parent_task: 'Wireframes' });
    const hana = await h.call('projects_list_tasks', { project_id: ZYLKER, owner: 'Hana', include_subtasks: true, due: 'overdue' });
    expect(rowsOf(hana.json, 'tasks').map((t) => t.id)).toContain(MOBILE_WIREFRAMES);
    const without = await h.call('projects_list_tasks', { project_id: ZYLKER, owner: 'Hana', due: 'overdue' });
    expect(rowsOf(without.json, 'tasks').map((t) => t.id)).not.toContain(MOBILE_WIREFRAMES);
  });

  it('pages to the end: every task once, in order, across Zoho pages', async () => {
    const { rows } = await allPages('projects_list_tasks', { limit: 7 }, 'tasks');
    const expected = active().flatMap((p) => d.tasks.filter((t) => t.project_id === p.id && !t.parent_id).sort((a, b) => a.number - b.number).map((t) => t.id));
    expect(rows.map((t) => t.id)).toEqual(expected);
  });

  it('owner and task list need a project to be checked against; bad input sends nothing', async () => {
    const before = requests();
    const res = await h.call('projects_list_tasks', { tasklist_id: '1' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "tasklist_id": needs project_id/);
    const bad = await h.call('projects_list_tasks', { project_id: 'zylker', due: 'someday', ownr: 'x' });
    expect(bad.outcome).toBe('invalid');
    expect(bad.text).toMatch(/unknown field "ownr"; did you mean "owner"\?/);
    expect(requests()).toBe(before);
  });
});

describe('due windows use the portal time zone, not the machine', () => {
  it('on Kiritimati (UTC+14) "today" is already tomorrow in UTC terms', async () => {
    // 11:00 UTC on 2026-01-07 is 01:00 on 2026-01-08 in Pacific/Kiritimati.
    const now = Date.UTC(2026, 0, 7, 11, 0, 0);
    const k = await startProjects({ emulator: { clock: () => now }, plugin: { now: () => now, timeZone: undefined } });
    try {
      k.data().portal.time_zone = 'Pacific/Kiritimati';
      const res = await k.call('projects_list_tasks', { due: 'today', status: 'open', limit: 100 });
      expect(res.outcome, res.text).toBe('ok');
      expect(res.json.today).toBe('2026-01-08');
      const data = k.data();
      const zoneToday = dateInZone(now, 'America/New_York'); // the seed's dates were laid out in its own zone
      expect(zoneToday).toBe('2026-01-07');
      const dueTomorrow = data.tasks.filter((t) => !t.parent_id && t.end_date === '2026-01-08' && !data.projects.find((p) => p.id === t.project_id)!.task_statuses.find((s) => s.id === t.status_id)!.is_closed && data.projects.find((p) => p.id === t.project_id)!.status === 'active');
      expect(dueTomorrow.length).toBeGreaterThan(1);
      expect(rowsOf(res.json, 'tasks').map((t) => t.id).sort()).toEqual(dueTomorrow.map((t) => t.id).sort());
      // The timeZone option overrides the portal's.
      const k2 = await startProjects({ emulator: { clock: () => now }, plugin: { now: () => now, timeZone: 'UTC' } });
      try {
        expect((await k2.call('projects_list_tasks', { due: 'today', limit: 1 })).json.today).toBe('2026-01-07');
      } finally {
        await k2.close();
      }
    } finally {
      await k.close();
    }
  });
});

describe('simple lists', () => {
  it('task lists, milestones, comments, users: tables with paging', async () => {
    const lists = await h.call('projects_list_tasklists', { project_id: ZYLKER });
    expect(rowsOf(lists.json, 'tasklists').map((l) => [l.name, l.milestone.name])).toEqual([
      ['Discovery', 'Discovery'],
      ['Build', 'Delivery'],
    ]);
    const milestones = await h.call('projects_list_milestones', { project_id: ZYLKER, per_page: 1 });
    expect(milestones.json).toMatchObject({ page: 1, next_page: 2, count: 1 });
    const second = await h.call('projects_list_milestones', { project_id: ZYLKER, per_page: 1, page: 2 });
    expect(second.json.next_page).toBeUndefined();
    expect(rowsOf(second.json, 'milestones')[0]).toMatchObject({ name: 'Delivery', status: 'Active', owner: 'Priya Natarajan' });
    const comments = await h.call('projects_list_comments', { project_id: ZYLKER, task_id: WIREFRAMES });
    expect(rowsOf(comments.json, 'comments').map((c) => c.added_by)).toEqual(['Leo Brandt', 'Priya Natarajan']);
    const users = await h.call('projects_list_users', {});
    expect(rowsOf(users.json, 'users').map((u) => u.email)).toEqual(d.users.map((u) => u.email));
    const team = await h.call('projects_list_users', { project_id: ZYLKER });
    expect(rowsOf(team.json, 'users').find((u) => u.name === 'Priya Natarajan')).toMatchObject({ project_role: 'Manager', zpuid: userNamed('Priya').zpuid });
  });

  it('issues by status, severity and assignee', async () => {
    const open = await h.call('projects_list_issues', { project_id: ZYLKER, status: 'open' });
    expect(rowsOf(open.json, 'issues').map((i) => i.name)).toEqual(['Contact form does not send on mobile']);
    expect(rowsOf(open.json, 'issues')[0]).toMatchObject({ severity: 'Major', assignee: 'Daniel Reyes', status: 'Open' });
    const minor = await h.call('projects_list_issues', { project_id: ZYLKER, severity: 'minor' });
    expect(rowsOf(minor.json, 'issues')[0]).toMatchObject({ name: 'Typo in footer copyright', closed: true });
    const daniel = await h.call('projects_list_issues', { project_id: ZYLKER, assignee: 'Daniel' });
    expect(daniel.outcome, daniel.text).toBe('ok'); // in this project only one Daniel is a member
    expect(rowsOf(daniel.json, 'issues')).toHaveLength(1);
  });
});

describe('projects_list_time_logs', () => {
  const inWindow = (from: string, to: string) => d.timelogs.filter((l) => active().some((p) => p.id === l.project_id) && l.date >= from && l.date <= to);

  it('exact billable and non-billable totals over the window, per person and overall', async () => {
    const res = await h.call('projects_list_time_logs', { project_id: ZYLKER });
    expect(res.outcome, res.text).toBe('ok');
    const from = addDays(today, -29);
    const logs = d.timelogs.filter((l) => l.project_id === ZYLKER && l.date >= from && l.date <= today);
    const sum = (rows: typeof logs, bill: string) => rows.filter((l) => l.bill_status === bill).reduce((a, l) => a + l.minutes, 0);
    expect(res.json.totals).toEqual({
      billable: formatMinutes(sum(logs, 'Billable')),
      non_billable: formatMinutes(sum(logs, 'Non Billable')),
      total: formatMinutes(sum(logs, 'Billable') + sum(logs, 'Non Billable')),
      billable_minutes: sum(logs, 'Billable'),
      non_billable_minutes: sum(logs, 'Non Billable'),
    });
    expect(res.json).toMatchObject({ from, to: today, logs_total: logs.length });
    const byPerson = fromTable(res.json.by_person);
    for (const row of byPerson) {
      const u = d.users.find((x) => `${x.first_name} ${x.last_name}` === row.person)!;
      const mine = logs.filter((l) => l.owner_zpuid === u.zpuid);
      expect(row).toMatchObject({ billable: formatMinutes(sum(mine, 'Billable')), non_billable: formatMinutes(sum(mine, 'Non Billable')) });
    }
    expect(rowsOf(res.json, 'logs').some((r) => r.type === 'general' && r.log_name === 'Client status call')).toBe(true);
  });

  it('one person across every active project, billable only', async () => {
    const res = await h.call('projects_list_time_logs', { person: 'priya.natarajan@northwind-creative.example', billable: true });
    expect(res.outcome, res.text).toBe('ok');
    const priya = userNamed('Priya').zpuid;
    const logs = inWindow(addDays(today, -29), today).filter((l) => l.owner_zpuid === priya && l.bill_status === 'Billable');
    expect(res.json.totals.billable_minutes).toBe(logs.reduce((a, l) => a + l.minutes, 0));
    expect(res.json.totals.non_billable_minutes).toBe(0);
    expect(res.json.logs_total).toBe(logs.length);
  });

  it('pages through rows while the totals cover all of them', async () => {
    const first = await h.call('projects_list_time_logs', { per_page: 5 });
    expect(first.json).toMatchObject({ page: 1, next_page: 2, count: 5 });
    const second = await h.call('projects_list_time_logs', { per_page: 5, page: 2 });
    expect(second.json.totals).toEqual(first.json.totals);
    const ids = [...rowsOf(first.json, 'logs'), ...rowsOf(second.json, 'logs')].map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
  });

  it('without project_id: the first 20 active projects, and a note when there are more', async () => {
    const many = await startProjects();
    try {
      const seeded = await many.call('projects_list_time_logs', {});
      expect(seeded.outcome, seeded.text).toBe('ok');
      expect(seeded.json.note).toBeUndefined();
      const data = many.data();
      const state = many.emu.state<ProjectsState>('projects');
      const active = data.projects.filter((p) => p.status === 'active');
      for (let i = active.length; i <= 20; i++) data.projects.push({ ...active[0]!, id: state.nextId(), key: `EX${i}`, name: `Extra ${i}` });
      many.emu.counters.reset();
      const res = await many.call('projects_list_time_logs', {});
      expect(res.outcome, res.text).toBe('ok');
      expect(res.json.note).toBe('totals cover the first 20 active projects only; pass project_id for the others');
      expect(res.json.projects_read).toBe(20);
      expect(many.emu.counters.requests({ route: 'GET /api/v3/portal/*/projects/*/timelogs' })).toBe(20 * 3);
    } finally {
      await many.close();
    }
  });

  it('refuses a window Zoho would refuse, and a person who is two people', async () => {
    const long = await h.call('projects_list_time_logs', { project_id: ZYLKER, date_from: '2025-01-01', date_to: '2026-01-01' });
    expect(long.text).toMatch(/field "date_from".*longer than 6 months/);
    const backwards = await h.call('projects_list_time_logs', { project_id: ZYLKER, date_from: '2026-01-05', date_to: '2026-01-01' });
    expect(backwards.text).toMatch(/field "date_to".*before date_from/);
    const daniel = await h.call('projects_list_time_logs', { person: 'daniel' });
    expect(daniel.text).toMatch(/matches 2 people/);
  });
});

describe('raw and exact ids', () => {
  it("raw: Zoho's JSON, 19-digit ids read exactly (they are bare numbers on the wire)", async () => {
    const res = await h.call('projects_list_tasks', { project_id: ZYLKER, raw: true });
    expect(res.outcome).toBe('ok');
    const rows = res.json.scan.rows as { id: string; project: { id: string } }[];
    expect(rows.map((t) => t.id)).toEqual(d.tasks.filter((t) => t.project_id === ZYLKER && !t.parent_id).map((t) => t.id));
    expect(rows[0]!.project.id).toBe(ZYLKER);
    expect(Number.isSafeInteger(Number(ZYLKER))).toBe(false); // JSON.parse would have rounded it
  });
});

describe('Zoho trouble on reads', () => {
  it('a throttled read waits and is sent again; a lasting 5xx reaches the model with Zoho\'s code', async () => {
    h.emu.faults.add({ app: 'projects', kind: 'throttle', retryAfterSec: 0, times: 1 });
    const before = h.emu.counters.requests({ app: 'projects', status: 429 });
    const res = await h.call('projects_list_milestones', { project_id: ZYLKER });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.emu.counters.requests({ app: 'projects', status: 429 })).toBe(before + 1);
    h.emu.faults.add({ app: 'projects', kind: 'status', status: 503 });
    const down = await h.call('projects_list_milestones', { project_id: ZYLKER });
    h.emu.faults.clear();
    expect(down.outcome).toBe('error');
    expect(down.text).toMatch(/projects_list_milestones failed: Zoho projects answered INTERNAL_SERVER_ERROR \(HTTP 503, server\)/);
  });

  it('a token without the scope: the error says which scope to grant', async () => {
    const { createZohoConnection, createZohoToolkit } = await import('@zoho-agent-kit/core');
    const { projectsPlugin } = await import('../src/index.js');
    const refresh = h.emu.accounts.issueRefreshToken({ scopes: ['ZohoProjects.portals.READ', 'ZohoProjects.projects.READ'] });
    const connection = createZohoConnection({ clientId: h.emu.credentials.clientId, clientSecret: h.emu.credentials.clientSecret, refreshToken: refresh, accountsUrl: h.emu.url, baseUrls: h.emu.baseUrls, limits: { projects: false } });
    try {
      const kit = createZohoToolkit({ connection, plugins: [projectsPlugin] });
      const res = await kit.call('projects_list_tasklists', { project_id: ZYLKER });
      expect(res.outcome).toBe('error');
      expect(res.text).toMatch(/INVALID_OAUTHSCOPE.*re-authorise with ZohoProjects\.tasklists\.READ/);
    } finally {
      await connection.close();
    }
  });
});
