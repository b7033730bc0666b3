/**
 * Every write's answer lost: a request that timed out after the emulator applied it is reported applied (with
 * the uid), one reset before it reached the emulator not applied; never sent twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCalendar, type CalendarHarness } from './helpers.js';
import { PARTNER_ICS } from './fixtures.js';

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar({ connection: { http: { headersTimeoutMs: 300 } }, toolkit: { reconcileSettleMs: [1000, 1500] } });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('calendar');
  h.emu.counters.reset();
  h.emu.faults.clear();
  h.confirmations.length = 0;
});

const POST = 'POST /api/v1/calendars/*/events';
const PUT = 'PUT /api/v1/calendars/*/events/*';
const DELETE = 'DELETE /api/v1/calendars/*/events/*';
const slow = (route: string, after = 0) => h.emu.faults.add({ app: 'calendar', route, kind: 'slow', delayMs: 1500, times: 1, after });
const reset = (route: string) => h.emu.faults.add({ app: 'calendar', route, kind: 'reset', times: 1 });

describe('calendar_create_event', () => {
  const input = { title: 'Helios kickoff', start: '2026-03-10T15:00', duration_minutes: 60, attendees: ['irene.adler@helios-solar.example'] };

  it('a create that timed out but landed is applied, with its uid', async () => {
    slow(POST);
    const res = await h.call('calendar_create_event', input);
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const created = h.event('Helios kickoff');
    expect(res.json).toMatchObject({ reconciled: 'applied', id: created.uid, result: { event: { event_uid: created.uid, start: '2026-03-10T15:00-04:00' } } });
    expect(h.requests(POST)).toBe(1);
  }, 15_000);

  it('a create reset before reaching Zoho is not applied', async () => {
    reset(POST);
    const res = await h.call('calendar_create_event', input);
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/the write was NOT applied/);
    expect(h.state().events.some((e) => e.title === 'Helios kickoff')).toBe(false);
  });
});

describe('calendar_update_event', () => {
  it('an update that timed out but landed is applied; one reset is not', async () => {
    const budget = h.event('Budget review');
    slow(PUT);
    const applied = await h.call('calendar_update_event', { event_uid: budget.uid, location: 'Room 7' });
    expect(applied.outcome, applied.text).toBe('ok');
    expect(applied.json).toMatchObject({ reconciled: 'applied', id: budget.uid, result: { changed: ['location'], event: { location: 'Room 7' } } });
    expect(h.requests(PUT)).toBe(1);

    reset(PUT);
    const lost = await h.call('calendar_update_event', { event_uid: budget.uid, location: 'Room 8' });
    expect(lost.reconciled).toBe('not_applied');
    expect(h.event('Budget review').location).toBe('Room 7');
  }, 15_000);

  it('one instance of a series, the same way', async () => {
    const lead = h.event('Leadership sync');
    slow(PUT);
    const res = await h.call('calendar_update_event', { event_uid: lead.uid, scope: 'instance', recurrence_id: '20260302T150000Z', title: 'Leadership sync (remote)' });
    expect(res.json).toMatchObject({ reconciled: 'applied', result: { scope: 'instance', event: { title: 'Leadership sync (remote)', recurrence_id: '20260302T150000Z' } } });
  }, 15_000);
});

describe('calendar_delete_event', () => {
  it('a delete that timed out but landed is applied; one reset is not', async () => {
    const dentist = h.event('Dentist');
    reset(DELETE);
    const lost = await h.call('calendar_delete_event', { event_uid: dentist.uid });
    expect(lost.reconciled).toBe('not_applied');
    expect(h.state().events.some((e) => e.uid === dentist.uid)).toBe(true);

    slow(DELETE);
    const applied = await h.call('calendar_delete_event', { event_uid: dentist.uid });
    expect(applied.outcome, applied.text).toBe('ok');
    expect(applied.json).toMatchObject({ reconciled: 'applied', id: dentist.uid });
    expect(h.state().events.some((e) => e.uid === dentist.uid)).toBe(false);
  }, 15_000);

  it('one occurrence of a series: gone from the instances is applied', async () => {
    const standup = h.event('Team stand-up');
    slow(DELETE);
    const res = await h.call('calendar_delete_event', { event_uid: standup.uid, scope: 'instance', recurrence_id: '20260305T141500Z' });
    expect(res.json).toMatchObject({ reconciled: 'applied', id: standup.uid });
    expect(h.event('Team stand-up').exceptions.get('20260305T141500Z')?.deleted).toBe(true);
  }, 15_000);
});

describe('calendar_import_ics', () => {
  const titles = ['Partner call', 'Berlin workshop', 'Trade fair', 'Weekly sync with Acme'];

  it('a create in the batch that timed out but landed is found by its own check, and the batch goes on', async () => {
    await h.files.write('partner.ics', 'file', PARTNER_ICS, { overwrite: true });
    slow(POST, 1); // the second create times out and lands later; its check finds it
    const res = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.created.map((c: { title: string }) => c.title)).toEqual(titles);
    expect(res.json.created[1].event_uid).toBe(h.event('Berlin workshop').uid);
    expect(h.requests(POST)).toBe(4);
    for (const title of titles) expect(h.state().events.filter((e) => e.title === title)).toHaveLength(1);
  }, 15_000);

  it('a create whose check cannot tell stops the batch: what landed, where it stopped, what was not sent, how to resume', async () => {
    await h.files.write('partner.ics', 'file', PARTNER_ICS, { overwrite: true });
    h.emu.faults.add({ app: 'calendar', route: POST, kind: 'slow', delayMs: 4000, times: 1, after: 1 }); // lands after the checks gave up
    const res = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(res.outcome).toBe('error');
    expect(res.json).toMatchObject({
      status: 'stopped',
      created: [{ title: 'Partner call', event_uid: h.event('Partner call').uid }],
      stopped_at: { event: 'Berlin workshop', status: 'unknown', check_with: expect.stringMatching(/^calendar_list_events /) },
      not_attempted: ['Trade fair', 'Weekly sync with Acme'],
      resume: expect.stringMatching(/^Import the same file again: events already there are skipped/),
    });
    // Once it landed, doing what the report says finishes the job, each event once.
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.requests(POST)).toBe(2);
    const again = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(again.outcome, again.text).toBe('ok');
    expect(again.json.created.map((c: { title: string }) => c.title)).toEqual(['Trade fair', 'Weekly sync with Acme']);
    for (const title of titles) expect(h.state().events.filter((e) => e.title === title)).toHaveLength(1);
  }, 20_000);

  it('a create reset before reaching Zoho is found absent and listed as failed; the others are imported', async () => {
    await h.files.write('partner.ics', 'file', PARTNER_ICS, { overwrite: true });
    reset(POST);
    const res = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.failed).toEqual([{ uid: expect.any(String), title: 'Partner call', error: expect.stringMatching(/checked afterwards: not in the calendar$/) }]);
    expect(res.json.created.map((c: { title: string }) => c.title)).toEqual(titles.slice(1));
    expect(h.state().events.some((e) => e.title === 'Partner call')).toBe(false);
  });
});
