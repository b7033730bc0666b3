import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, DANIEL, LEO, MAYA, NY, PRIYA, rows, SOFIA, startCalendar, type CalendarHarness } from './helpers.js';

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('calendar');
  h.emu.counters.reset();
  h.emu.faults.clear();
});

const EVENTS_ROUTE = 'GET /api/v1/calendars/*/events';

describe('calendar_list_calendars', () => {
  it('lists own and shared calendars as a table and names the default', async () => {
    const res = await h.call('calendar_list_calendars', {});
    expect(res.outcome, res.text).toBe('ok');
    const list = rows(res.json, 'calendars');
    expect(list).toHaveLength(8);
    const personal = h.calendar('Maya Ortiz');
    expect(res.json.default_calendar_uid).toBe(personal.uid);
    expect(list[0]).toMatchObject({ calendar_uid: personal.uid, name: 'Maya Ortiz', time_zone: NY, privilege: 'owner', category: 'own', is_default: true });
    expect(list.find((c) => c.name === 'Leo Brandt')).toMatchObject({ time_zone: 'Europe/Berlin', privilege: 'read', category: 'shared' });
    expect(list.filter((c) => c.is_default)).toHaveLength(1);
  });

  it("returns Zoho's calendar JSON with raw: true, 19-digit ids as strings", async () => {
    const res = await h.call('calendar_list_calendars', { raw: true });
    expect(res.json[0]).toMatchObject({ uid: h.calendar('Maya Ortiz').uid, isdefault: true, ctag: expect.any(Number) });
    expect(res.json[0].id).toMatch(/^\d{19}$/);
  });
});

describe('calendar_list_events', () => {
  it('expands repeating events into their instances, in the calendar zone with the offset, across the DST change', async () => {
    const personal = h.calendar('Maya Ortiz');
    const res = await h.call('calendar_list_events', { calendar_uid: personal.uid, start: '2026-03-02', end: '2026-03-15' });
    expect(res.outcome, res.text).toBe('ok');
    const list = rows(res.json, 'events');
    const syncs = list.filter((e) => e.title === 'Leadership sync');
    // Mondays at 10:00 New York: -05:00 before 8 March, -04:00 after; next week's moved to Tuesday; none cancelled in this range.
    expect(syncs.map((e) => [e.start, e.end, e.recurrence_id])).toEqual([
      ['2026-03-02T10:00-05:00', '2026-03-02T11:00-05:00', '20260302T150000Z'],
      ['2026-03-10T10:00-04:00', '2026-03-10T11:00-04:00', '20260309T140000Z'],
    ]);
    expect(syncs[0]).toMatchObject({ repeats: 'every week on Monday', location: 'Zoom', event_uid: h.event('Leadership sync').uid });
    expect(syncs[0].attendees).toEqual(expect.arrayContaining([`${LEO} (accepted)`, `${SOFIA} (tentative)`]));
    expect(list.find((e) => e.title === 'Budget review')).toMatchObject({ start: '2026-03-05T15:00-05:00', attendees: [`${DANIEL} (accepted)`], description: 'Q2 budget against actuals.' });
    expect(list.find((e) => e.title === 'Dentist')).toMatchObject({ private: true, reminders: ['popup 1 h before'] });
    // An event in another zone is shown in the calendar's zone, with its own zone named.
    expect(list.find((e) => e.title === 'Design sprint review (Berlin)')).toMatchObject({ start: '2026-03-11T11:00-04:00', end: '2026-03-11T12:00-04:00', time_zone: 'Europe/Berlin' });
    expect(list.map((e) => e.title)).toContain('1:1 Maya / Sofia');
    // Sorted by start.
    const starts = list.map((e) => Date.parse(e.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(res.json).not.toHaveProperty('next_page_token');
  });

  it('splits a range longer than 31 days into Zoho-sized requests and merges them', async () => {
    const res = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid, start: '2026-03-01', end: '2026-05-14', query: 'board meeting' });
    expect(res.outcome, res.text).toBe('ok');
    // First Thursdays: one in each 31-day piece.
    expect(rows(res.json, 'events').map((e) => e.start)).toEqual(['2026-03-05T13:00-05:00', '2026-04-02T13:00-04:00', '2026-05-07T13:00-04:00']);
    // 75 days → 3 pieces, each a list and (it holds a series) a byinstance list; never a range over 31 days.
    expect(h.requests(EVENTS_ROUTE)).toBe(6);
    expect(h.emu.counters.requests({ app: 'calendar', status: 400 })).toBe(0);
  });

  it('lists every calendar by default, each in its own zone, and finds meetings with a client', async () => {
    const all = await h.call('calendar_list_events', {});
    expect(all.outcome, all.text).toBe('ok');
    const list = rows(all.json, 'events');
    expect(new Set(list.map((e) => e.calendar))).toEqual(new Set(['Maya Ortiz', 'Northwind Creative Team', 'Client meetings', 'Leo Brandt', 'Priya Natarajan', 'Daniel Okafor', 'Sofia Lindqvist', 'Hana Kimura']));
    expect(list.find((e) => e.title === 'Design review')).toMatchObject({ calendar: 'Leo Brandt', start: '2026-03-05T14:00+01:00' });
    expect(list.find((e) => e.title === 'Engineering stand-up')?.start).toMatch(/T10:00\+05:30$/);
    expect(all.json.calendars).toHaveLength(8);

    const zylker = await h.call('calendar_list_events', { query: 'zylker', start: '2026-02-23', end: '2026-03-08' });
    const found = rows(zylker.json, 'events');
    expect(found.map((e) => e.title)).toEqual(['Zylker Corp: Q2 results', 'Zylker Corp: weekly status', 'Zylker Corp: campaign review', 'Zylker Corp: weekly status']);
    expect(found.every((e) => e.calendar === 'Client meetings')).toBe(true);
    expect(found[0]).toMatchObject({ start: '2026-02-24T11:00-05:00', time_zone: 'America/Chicago', location: 'Austin, Zylker HQ' });
  });

  it('shows all-day events as dates (end = last day) and multi-day ones over their days', async () => {
    const res = await h.call('calendar_list_events', { start: '2026-03-25', end: '2026-03-31', query: 'month-end' });
    expect(rows(res.json, 'events')).toEqual([expect.objectContaining({ title: 'Month-end close', start: '2026-03-31', end: '2026-03-31', all_day: true, calendar: 'Daniel Okafor' })]);
    const offsite = await h.call('calendar_list_events', { calendar_uid: h.calendar('Northwind Creative Team').uid, start: '2026-03-23', end: '2026-03-27', query: 'offsite' });
    expect(rows(offsite.json, 'events')).toEqual([expect.objectContaining({ title: 'Quarterly strategy offsite', start: '2026-03-24', end: '2026-03-25', all_day: true })]);
  });

  it('pages to the end with next_page_token, each event once, in order', async () => {
    const args = { start: '2026-03-02', end: '2026-03-09' };
    const whole = rows((await h.call('calendar_list_events', { ...args, limit: 200 })).json, 'events');
    expect(whole.length).toBeGreaterThan(30);
    const paged: any[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await h.call('calendar_list_events', { ...args, limit: 8, ...(token ? { page_token: token } : {}) });
      expect(res.outcome, res.text).toBe('ok');
      paged.push(...rows(res.json, 'events'));
      token = res.json.next_page_token;
      if (token) expect(res.json.more).toBeGreaterThan(0);
      pages++;
    } while (token && pages < 20);
    expect(token).toBeUndefined();
    expect(pages).toBe(Math.ceil(whole.length / 8));
    expect(paged.map((e) => `${e.event_uid}|${e.recurrence_id ?? ''}|${e.start}`)).toEqual(whole.map((e) => `${e.event_uid}|${e.recurrence_id ?? ''}|${e.start}`));

    const first = await h.call('calendar_list_events', { ...args, limit: 5 });
    const misused = await h.call('calendar_list_events', { start: '2026-03-03', limit: 5, page_token: first.json.next_page_token });
    expect(misused.outcome).toBe('invalid');
    expect(misused.text).toMatch(/field "page_token": belongs to a list with other arguments/);
  });

  it('shows times in another zone when asked', async () => {
    const res = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid, start: '2026-03-06', end: '2026-03-06', time_zone: 'Asia/Tokyo' });
    expect(rows(res.json, 'events').find((e) => e.title === 'Budget review')).toMatchObject({ start: '2026-03-06T05:00+09:00', time_zone: NY });
  });

  it("returns Zoho's events with raw: true", async () => {
    const res = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid, start: '2026-03-05', end: '2026-03-05', raw: true });
    const budget = res.json.events.find((e: { title: string }) => e.title === 'Budget review');
    expect(budget).toMatchObject({ uid: h.event('Budget review').uid, dateandtime: { timezone: NY, start: '20260305T150000-0500' }, etag: expect.any(Number), caluid: h.calendar('Maya Ortiz').uid });
  });

  it('refuses bad input by field and sends nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ start: 'next tuesday' }, /field "start": "next tuesday" is not a date or time/],
      [{ start: '2026-02-30' }, /field "start": "2026-02-30" is not a real date/],
      [{ start: '2026-03-10', end: '2026-03-01' }, /field "end": must be after start/],
      [{ start: '2026-01-01', end: '2027-06-01' }, /field "end": the range may cover at most 366 days/],
      [{ time_zone: 'Mars/Base' }, /field "time_zone": "Mars\/Base" is not an IANA time zone/],
      [{ calender_uid: 'x' }, /unknown field "calender_uid"; did you mean "calendar_uid"/],
      [{ limit: 0 }, /field "limit"/],
    ];
    for (const [input, message] of cases) {
      const before = h.requests(EVENTS_ROUTE);
      const res = await h.call('calendar_list_events', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
      expect(h.requests(EVENTS_ROUTE)).toBe(before);
    }
    const unknown = await h.call('calendar_list_events', { calendar_uid: 'ffffffffffffffffffffffffffffffff' });
    expect(unknown.text).toMatch(/field "calendar_uid": no calendar has the uid "f{32}"; the user's calendars: Maya Ortiz \(/);
  });

  it('waits out a throttle and reports a persistent 5xx with Zoho’s code', async () => {
    h.emu.faults.add({ app: 'calendar', route: EVENTS_ROUTE, kind: 'throttle', retryAfterSec: 1, times: 1 });
    const ok = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid });
    expect(ok.outcome, ok.text).toBe('ok');
    expect(h.emu.counters.requests({ app: 'calendar', status: 429 })).toBe(1);
    h.emu.faults.add({ app: 'calendar', route: EVENTS_ROUTE, kind: 'status', status: 500 });
    const failed = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid });
    expect(failed.outcome).toBe('error');
    expect(failed.text).toMatch(/Zoho calendar answered INTERNAL_ERROR \(HTTP 500, server\)/);
  });
});

describe('calendar_get_freebusy', () => {
  it("reads each person's busy blocks, merged, in the user's zone; outsiders and non-sharers are unknown, not free", async () => {
    h.state().users.find((u) => u.email === SOFIA)!.freebusy = false;
    const res = await h.call('calendar_get_freebusy', { emails: [LEO, MAYA, 'bob.burns@zylker.example', SOFIA], start: '2026-03-05', end: '2026-03-05' });
    expect(res.outcome, res.text).toBe('ok');
    const busy = rows(res.json, 'busy');
    expect(busy.filter((b) => b.email === LEO).map((b) => [b.start, b.end])).toEqual([
      ['2026-03-05T08:00-05:00', '2026-03-05T09:30-05:00'],
      ['2026-03-05T11:00-05:00', '2026-03-05T11:30-05:00'],
    ]);
    // Board meeting 13:00–15:00 and Budget review 15:00–16:00 touch: one block.
    expect(busy.filter((b) => b.email === MAYA).map((b) => [b.start, b.end])).toEqual([
      ['2026-03-05T09:15-05:00', '2026-03-05T09:30-05:00'],
      ['2026-03-05T11:00-05:00', '2026-03-05T11:30-05:00'],
      ['2026-03-05T13:00-05:00', '2026-03-05T16:00-05:00'],
    ]);
    expect(res.json.unavailable).toEqual([
      { email: 'bob.burns@zylker.example', reason: expect.stringMatching(/no free\/busy/) },
      { email: SOFIA, reason: expect.stringMatching(/does not share free\/busy \(unknown, not free\)/) },
    ]);
    expect(res.json.time_zone).toBe(NY);
  });

  it('splits windows over 31 days per person', async () => {
    const res = await h.call('calendar_get_freebusy', { emails: [PRIYA], start: '2026-03-01', end: '2026-04-30' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.requests('GET /api/v1/calendars/freebusy')).toBe(2);
    // Priya's daily stand-up at 10:00 Kolkata is 23:30 or 00:30 in New York; every weekday of both months is there.
    expect(rows(res.json, 'busy').filter((b) => /T(23:30|00:30)/.test(b.start)).length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a bad address without a request', async () => {
    const res = await h.call('calendar_get_freebusy', { emails: ['leo at northwind'] });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "emails\[0\]": is not an email address/);
    expect(h.requests()).toBe(0);
  });
});

describe('calendar_find_meeting_time', () => {
  it("finds common free time inside both New York's and Berlin's working hours", async () => {
    const res = await h.call('calendar_find_meeting_time', { attendees: [MAYA, LEO], duration_minutes: 30, start: '2026-03-05', end: '2026-03-09', time_zones: { [LEO]: 'Europe/Berlin' } });
    expect(res.outcome, res.text).toBe('ok');
    // 09:00–17:00 Berlin is 03:00–11:00 in New York until 8 March, 04:00–12:00 after (Europe moves on 29 March).
    expect(rows(res.json, 'windows')).toEqual([
      { start: '2026-03-05T09:30-05:00', end: '2026-03-05T11:00-05:00', latest_start: '2026-03-05T10:30-05:00', minutes: 90 },
      { start: '2026-03-06T09:30-05:00', end: '2026-03-06T11:00-05:00', latest_start: '2026-03-06T10:30-05:00', minutes: 90 },
      { start: '2026-03-09T09:30-04:00', end: '2026-03-09T12:00-04:00', latest_start: '2026-03-09T11:30-04:00', minutes: 150 },
    ]);
  });

  it('says when there is no common time (New York and Kolkata working days do not overlap) and lists who was not checked', async () => {
    const res = await h.call('calendar_find_meeting_time', { attendees: [MAYA, PRIYA, 'bob.burns@zylker.example'], duration_minutes: 60, start: '2026-03-05', end: '2026-03-06', time_zones: { [PRIYA]: 'Asia/Kolkata' } });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toMatchObject({ count: 0, note: expect.stringMatching(/No common free time/), not_checked: [{ email: 'bob.burns@zylker.example' }] });
  });

  it('never proposes the past and checks its inputs before asking Zoho', async () => {
    h.clock.set(Date.parse('2026-03-05T15:10:00Z')); // Thursday 10:10 in New York
    const res = await h.call('calendar_find_meeting_time', { attendees: [MAYA], duration_minutes: 30, end: '2026-03-05', working_hours: '09:00-12:00' });
    h.clock.set(Date.parse('2026-03-04T15:00:00Z'));
    expect(rows(res.json, 'windows')).toEqual([{ start: '2026-03-05T10:15-05:00', end: '2026-03-05T11:00-05:00', latest_start: '2026-03-05T10:30-05:00', minutes: 45 }, { start: '2026-03-05T11:30-05:00', end: '2026-03-05T12:00-05:00', latest_start: '2026-03-05T11:30-05:00', minutes: 30 }]);
    const before = h.requests('GET /api/v1/calendars/freebusy');
    for (const [input, message] of [
      [{ attendees: [MAYA], duration_minutes: 90, working_hours: '09:00-10:00' }, /field "working_hours": are shorter than the meeting/],
      [{ attendees: [MAYA], duration_minutes: 30, working_hours: '9-5' }, /field "working_hours": use "HH:mm-HH:mm"/],
      [{ attendees: [MAYA], duration_minutes: 30, time_zones: { [LEO]: 'Berlin' } }, /field "time_zones\..*": "Berlin" is not an IANA time zone/],
      [{ attendees: [], duration_minutes: 30 }, /field "attendees"/],
    ] as const) {
      const bad = await h.call('calendar_find_meeting_time', input);
      expect(bad.outcome, JSON.stringify(input)).toBe('invalid');
      expect(bad.text).toMatch(message);
    }
    expect(h.requests('GET /api/v1/calendars/freebusy')).toBe(before);
  });
});

describe('calendar_export_ics', () => {
  it('writes series with RRULE, cancelled occurrences as EXDATE, moved ones as overrides, and each zone’s VTIMEZONE', async () => {
    const res = await h.call('calendar_export_ics', { file: 'exports/march.ics', start: '2026-03-01', end: '2026-03-31' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toMatchObject({ file: 'exports/march.ics', calendar: 'Maya Ortiz', cancelled_occurrences: 1, moved_occurrences: 1 });
    const text = readFileSync(res.json.path, 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')).sort()).toEqual(['America/New_York', 'Europe/Berlin']);
    const vevents = cal.getAllSubcomponents('vevent');
    const lead = h.event('Leadership sync');
    const series = vevents.find((v) => v.getFirstPropertyValue('uid') === lead.uid && !v.hasProperty('recurrence-id'))!;
    expect(String(series.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;BYDAY=MO');
    expect(series.getFirstProperty('exdate')!.getFirstValue()!.toString()).toBe('2026-03-16T10:00:00');
    const moved = vevents.find((v) => v.getFirstPropertyValue('uid') === lead.uid && v.hasProperty('recurrence-id'))!;
    expect(moved.getFirstPropertyValue('recurrence-id')!.toString()).toBe('2026-03-09T10:00:00');
    expect(moved.getFirstPropertyValue('dtstart')!.toString()).toBe('2026-03-10T10:00:00');
    expect(moved.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(NY);
    const berlin = vevents.find((v) => v.getFirstPropertyValue('summary') === 'Design sprint review (Berlin)')!;
    expect(berlin.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    const budget = new ICAL.Event(vevents.find((v) => v.getFirstPropertyValue('summary') === 'Budget review')!);
    expect(budget.attendees.map((a) => a.getFirstValue())).toEqual([`mailto:${DANIEL}`]);
    expect(res.json.events).toBe(vevents.filter((v) => !v.hasProperty('recurrence-id')).length);
  });

  it('refuses to replace a file unless overwrite, and paths outside the files folder, before asking Zoho', async () => {
    await h.files.write('taken.ics', 'file', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ file: 'taken.ics' }, /field "file": "taken.ics" already exists in the files folder; choose another name or set overwrite/],
      [{ file: '../escape.ics' }, /field "file": must not contain "\.\."/],
      [{ file: '/tmp/abs.ics' }, /field "file": must be relative to the files folder/],
      [{ file: 'notes.txt' }, /field "file": must end with \.ics/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('calendar_export_ics', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(h.requests()).toBe(0);
    const replaced = await h.call('calendar_export_ics', { file: 'taken.ics', overwrite: true });
    expect(replaced.outcome, replaced.text).toBe('ok');
    expect(readFileSync(replaced.json.path, 'utf8')).toContain('BEGIN:VEVENT');
  });
});

describe('times', () => {
  it('helper at() agrees with the emulator offsets', () => {
    expect(at('2026-03-09T10:00', NY)).toBe('2026-03-09T10:00-04:00');
  });
});
