import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, DANIEL, LEO, MAYA, NY, rows, SOFIA, startCalendar, type CalendarHarness } from './helpers.js';

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('calendar');
  h.emu.counters.reset();
  h.emu.faults.clear();
  h.confirmations.length = 0;
  h.approve.value = true;
  delete h.approve.before;
});

const POSTS = 'POST /api/v1/calendars/*/events';
const PUTS = 'PUT /api/v1/calendars/*/events/*';
const DELETES = 'DELETE /api/v1/calendars/*/events/*';

describe('calendar_create_event', () => {
  it('creates a timed event with attendees, place and reminders, shown first with what it overlaps', async () => {
    const res = await h.call('calendar_create_event', {
      title: 'Zylker strategy call',
      start: '2026-03-05T15:30',
      duration_minutes: 45,
      attendees: ['bob.burns@zylker.example', LEO, 'BOB.BURNS@zylker.example'],
      location: 'Zoom',
      description: 'Next quarter.',
      reminders: [10, 60],
    });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Create "Zylker strategy call" in Maya Ortiz: Thu 2026-03-05 15:30–16:15 America/New_York, 2 attendees');
    expect(confirm.after).toMatchObject({ calendar: 'Maya Ortiz', start: '2026-03-05T15:30-05:00', end: '2026-03-05T16:15-05:00', attendees: ['bob.burns@zylker.example', LEO], overlaps_with: ['Budget review 2026-03-05T15:00-05:00'] });
    expect(confirm.payload).toEqual({
      calendar_uid: h.calendar('Maya Ortiz').uid,
      eventdata: {
        title: 'Zylker strategy call',
        dateandtime: { timezone: NY, start: '20260305T203000Z', end: '20260305T211500Z' },
        isallday: false,
        location: 'Zoom',
        description: 'Next quarter.',
        attendees: [
          { email: 'bob.burns@zylker.example', permission: 1, attendance: 1 },
          { email: LEO, permission: 1, attendance: 1 },
        ],
        reminders: [
          { action: 'popup', minutes: '-10' },
          { action: 'popup', minutes: '-60' },
        ],
      },
    });
    const created = h.event('Zylker strategy call');
    expect(res.json.event).toMatchObject({ start: '2026-03-05T15:30-05:00', end: '2026-03-05T16:15-05:00', event_uid: created.uid, attendees: ['bob.burns@zylker.example (invited)', `${LEO} (invited)`], reminders: ['popup 10 min before', 'popup 1 h before'] });
    expect(created).toMatchObject({ organizer: MAYA, location: 'Zoom', start: Date.parse('2026-03-05T20:30:00Z'), end: Date.parse('2026-03-05T21:15:00Z') });
    expect(h.requests(POSTS)).toBe(1);
  });

  it('creates all-day, repeating and other-zone events', async () => {
    const allDay = await h.call('calendar_create_event', { title: 'Conference', start: '2026-03-19', end: '2026-03-20', location: 'Lisbon' });
    expect(allDay.outcome, allDay.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Create "Conference" in Maya Ortiz: Thu 2026-03-19 – Fri 2026-03-20, all day');
    expect((h.confirmations[0]!.payload as { eventdata: unknown }).eventdata).toMatchObject({ isallday: true, dateandtime: { timezone: NY, start: '20260319', end: '20260320' } });
    expect(allDay.json.event).toMatchObject({ start: '2026-03-19', end: '2026-03-20', all_day: true });

    const weekly = await h.call('calendar_create_event', { title: 'Design crit', start: '2026-03-10T16:00', end: '2026-03-10T16:30', recurrence: 'freq=weekly;byday=tu;count=3' });
    expect(weekly.outcome, weekly.text).toBe('ok');
    expect(h.confirmations[1]!.summary).toMatch(/, repeating every week on Tuesday for 3 times$/);
    expect(weekly.json.event).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', repeats: 'every week on Tuesday for 3 times' });
    const list = await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid, start: '2026-03-09', end: '2026-04-10', query: 'design crit' });
    expect(rows(list.json, 'events').map((e) => e.start)).toEqual(['2026-03-10T16:00-04:00', '2026-03-17T16:00-04:00', '2026-03-24T16:00-04:00']);

    const berlin = await h.call('calendar_create_event', { title: 'Berlin studio visit', start: '2026-03-12T10:00', duration_minutes: 60, time_zone: 'Europe/Berlin', calendar_uid: h.calendar('Client meetings').uid });
    expect(berlin.outcome, berlin.text).toBe('ok');
    expect(berlin.json.event).toMatchObject({ start: '2026-03-12T05:00-04:00', time_zone: 'Europe/Berlin' });
    expect(h.event('Berlin studio visit')).toMatchObject({ timezone: 'Europe/Berlin', calendarUid: h.calendar('Client meetings').uid });
  });

  it('validates the recurrence rule with rrule before anything is sent', async () => {
    const start = { title: 'Rule test', start: '2026-03-10T09:00', duration_minutes: 30 };
    const cases: [string, RegExp][] = [
      ['FREQ=WEEKLY;BYDAY=XX', /field "recurrence": BYDAY takes MO, TU/],
      ['FREQ=HOURLY', /field "recurrence": Zoho Calendar repeats daily, weekly, monthly or yearly/],
      ['FREQ=WEEKLY;COUNT=0', /field "recurrence": COUNT must be a whole number of at least 1/],
      ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231T000000Z', /give COUNT or UNTIL, not both/],
      ['FOO=1', /field "recurrence": is not a valid RRULE: Unknown RRULE property 'FOO'/],
      ['FREQ=WEEKLY;UNTIL=2026', /is not a valid RRULE: Invalid UNTIL value/],
      ['BYDAY=MO', /needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY/],
      ['FREQ=YEARLY;BYMONTH=13', /BYMONTH value 13 is out of range/],
      ['FREQ=WEEKLY;BYDAY=WE', /the event's start \(Tuesday 2026-03-10 09:00\) is not an occurrence of FREQ=WEEKLY;BYDAY=WE; move the start to the first occurrence \(Wednesday 2026-03-11 09:00\)/],
      ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never occurs from the event's start/],
      ['DTSTART:20260310T090000Z\nRRULE:FREQ=DAILY', /give only the RRULE part/],
    ];
    for (const [recurrence, message] of cases) {
      const res = await h.call('calendar_create_event', { ...start, recurrence });
      expect(res.outcome, recurrence).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(h.requests(POSTS)).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('refuses bad times, zones, people, read-only calendars and duplicates before confirmation', async () => {
    const leo = h.calendar('Leo Brandt');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: 'x', start: '2026-03-10T10:00', end: '2026-03-10T09:00' }, /field "end": must be after start/],
      [{ title: 'x', start: '2026-03-10T10:00' }, /field "end": is required \(or duration_minutes\)/],
      [{ title: 'x', start: '2026-03-10T10:00', end: '2026-03-10T11:00', duration_minutes: 60 }, /field "duration_minutes": give end or duration_minutes, not both/],
      [{ title: 'x', start: '2026-03-10', end: '2026-03-10T11:00' }, /field "end": must be a date \(YYYY-MM-DD\) when start is a date/],
      [{ title: 'x', start: '2026-03-10T10:00', end: '2026-03-11' }, /field "end": must be a time like start/],
      [{ title: 'x', start: 'tomorrow at 10', duration_minutes: 30 }, /field "start": "tomorrow at 10" is not a date or time/],
      [{ title: 'x', start: '2026-03-10T10:00', duration_minutes: 30, time_zone: 'CET+1' }, /field "time_zone": "CET\+1" is not an IANA time zone/],
      [{ title: 'x', start: '2026-03-10T10:00', duration_minutes: 30, attendees: ['bob@'] }, /field "attendees\[0\]": is not an email address/],
      [{ title: 'x', start: '2026-03-10T10:00', duration_minutes: 30, calendar_uid: leo.uid }, /field "calendar_uid": the calendar "Leo Brandt" is shared with the user read-only/],
      [{ title: 'Budget review', start: '2026-03-05T15:00', duration_minutes: 60 }, /field "title": "Budget review" already exists at that time in "Maya Ortiz" \(event_uid .*\); update it with calendar_update_event/],
      [{ title: 'x', start: '2026-03-10T10:00', duration_minutes: 30, reminders: [-5] }, /field "reminders\[0\]"/],
      [{ title: 'x'.repeat(256), start: '2026-03-10T10:00', duration_minutes: 30 }, /field "title"/],
      [{ title: '', start: '2026-03-10T10:00', duration_minutes: 30 }, /field "title": Too small/],
      [{ title: '   ', start: '2026-03-10T10:00', duration_minutes: 30 }, /field "title": Too small/],
      [{ title: 'x', start: '2026-03-10T10:00', duration_minutes: 30, colour: 'red' }, /unknown field "colour"/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('calendar_create_event', input);
      expect(res.outcome, JSON.stringify(input).slice(0, 80)).toBe('invalid');
      expect(res.text).toMatch(message);
      expect(res.text).toMatch(/(Nothing|No change) was sent to Zoho/);
    }
    expect(h.requests(POSTS)).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('sends nothing when the user declines', async () => {
    h.approve.value = false;
    const events = h.state().events.length;
    const res = await h.call('calendar_create_event', { title: 'Maybe', start: '2026-03-10T10:00', duration_minutes: 30 });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Create "Maybe" in Maya Ortiz: Tue 2026-03-10 10:00–10:30 America\/New_York\. Nothing was sent to Zoho/);
    expect(h.requests(POSTS)).toBe(0);
    expect(h.state().events).toHaveLength(events);
  });

  it('sends a long eventdata as a form field (the query string would be too long), and either way on request', async () => {
    const long = await h.call('calendar_create_event', { title: 'Long notes', start: '2026-03-10T10:00', duration_minutes: 30, description: 'Agenda line. '.repeat(700) });
    expect(long.outcome, long.text).toBe('ok');
    expect(h.event('Long notes').description).toHaveLength(13 * 700);
    const form = await startCalendar({ plugin: { eventdataIn: 'form' } });
    try {
      const res = await form.call('calendar_create_event', { title: 'As a form', start: '2026-03-10T10:00', duration_minutes: 30 });
      expect(res.outcome, res.text).toBe('ok');
      expect(form.event('As a form').title).toBe('As a form');
    } finally {
      await form.close();
    }
  });
});

describe('calendar_update_event', () => {
  it('reads the event, shows before → after, keeps the length and sends the current etag', async () => {
    const budget = h.event('Budget review');
    const etag = budget.etag;
    const res = await h.call('calendar_update_event', { event_uid: budget.uid, start: '2026-03-05T16:30', add_attendees: [SOFIA], location: 'Room 2' });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Update "Budget review" (Thu 2026-03-05 15:00–16:00 America/New_York): start, end, location, attendees');
    expect(confirm.before).toEqual({ scope: 'event', start: '2026-03-05T15:00-05:00', end: '2026-03-05T16:00-05:00', location: '', attendees: [DANIEL] });
    expect(confirm.after).toEqual({ scope: 'event', start: '2026-03-05T16:30-05:00', end: '2026-03-05T17:30-05:00', location: 'Room 2', attendees: [DANIEL, SOFIA] });
    expect((confirm.payload as { eventdata: { etag: unknown } }).eventdata.etag).toBe(etag);
    expect(res.json).toMatchObject({ scope: 'event', changed: ['start', 'end', 'location', 'attendees'], event: { start: '2026-03-05T16:30-05:00', location: 'Room 2' } });
    const live = h.event('Budget review');
    expect(live).toMatchObject({ start: Date.parse('2026-03-05T21:30:00Z'), end: Date.parse('2026-03-05T22:30:00Z'), location: 'Room 2', description: 'Q2 budget against actuals.' });
    expect(live.attendees.map((a) => [a.email, a.status])).toEqual([
      [DANIEL, 'ACCEPTED'],
      [SOFIA, 'NEEDS-ACTION'],
    ]);
    expect(live.etag).toBeGreaterThan(etag);
    expect(h.requests(PUTS)).toBe(1);
  });

  it('asks which occurrences of a repeating event, then changes one instance or the series', async () => {
    const lead = h.event('Leadership sync');
    const unsure = await h.call('calendar_update_event', { event_uid: lead.uid, title: 'Leadership sync (Q2)' });
    expect(unsure.outcome).toBe('invalid');
    expect(unsure.text).toMatch(/field "scope": "Leadership sync" repeats every week on Monday \(FREQ=WEEKLY;BYDAY=MO\): say scope "instance" with its recurrence_id/);
    const noId = await h.call('calendar_update_event', { event_uid: lead.uid, scope: 'instance', title: 'x' });
    expect(noId.text).toMatch(/field "recurrence_id": is required with scope "instance"/);
    const single = await h.call('calendar_update_event', { event_uid: h.event('Budget review').uid, scope: 'instance', recurrence_id: '20260305T200000Z', title: 'x' });
    expect(single.text).toMatch(/does not repeat; leave scope and recurrence_id out/);
    expect(h.requests(PUTS)).toBe(0);

    const one = await h.call('calendar_update_event', { event_uid: lead.uid, scope: 'instance', recurrence_id: '20260302T150000Z', start: '2026-03-02T11:00', title: 'Leadership sync (late)' });
    expect(one.outcome, one.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toBe('Update one occurrence of the repeating "Leadership sync" (Mon 2026-03-02 10:00–11:00 America/New_York; the rest of the series stays): title, start, end');
    expect(h.confirmations[0]!.before).toMatchObject({ scope: 'instance', start: '2026-03-02T10:00-05:00' });
    expect((h.confirmations[0]!.payload as { eventdata: Record<string, unknown> }).eventdata).toMatchObject({ recurrenceid: '20260302T150000Z', recurrence_edittype: 'only' });
    const week = async () => rows((await h.call('calendar_list_events', { calendar_uid: h.calendar('Maya Ortiz').uid, start: '2026-03-02', end: '2026-03-24', query: 'leadership' })).json, 'events');
    expect((await week()).map((e) => [e.title, e.start])).toEqual([
      ['Leadership sync (late)', '2026-03-02T11:00-05:00'],
      ['Leadership sync', '2026-03-10T10:00-04:00'],
      ['Leadership sync', '2026-03-23T10:00-04:00'],
    ]);

    const all = await h.call('calendar_update_event', { event_uid: lead.uid, scope: 'series', location: 'Boardroom' });
    expect(all.outcome, all.text).toBe('ok');
    expect(h.confirmations[1]!.summary).toBe('Update the whole series "Leadership sync" (every week on Monday), every occurrence: location');
    expect(h.event('Leadership sync').location).toBe('Boardroom');
  });

  it('reports an etag conflict and overwrites nothing when someone changed the event meanwhile', async () => {
    const budget = h.event('Budget review');
    // While the user looks at the confirmation, someone else renames it in Zoho.
    h.approve.before = () => {
      const live = h.event('Budget review');
      live.title = 'Budget review (moved by Daniel)';
      live.etag = h.state().nextEtag(h.clock.now());
    };
    const res = await h.call('calendar_update_event', { event_uid: budget.uid, location: 'Room 9' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/ETAG_MISMATCH \(HTTP 409, validation\): conflict: "Budget review" was changed in Zoho by someone else after it was read \(its etag no longer matches\), so nothing was overwritten/);
    expect(res.reconciled).toBeUndefined();
    const live = h.state().events.find((e) => e.uid === budget.uid)!;
    expect(live).toMatchObject({ title: 'Budget review (moved by Daniel)', location: '' });
  });

  it('refuses no-op and impossible changes', async () => {
    const budget = h.event('Budget review');
    const same = await h.call('calendar_update_event', { event_uid: budget.uid, title: 'Budget review' });
    expect(same.text).toMatch(/field "\(input\)": "Budget review" already has these values; nothing to update/);
    const stranger = await h.call('calendar_update_event', { event_uid: budget.uid, remove_attendees: [LEO] });
    expect(stranger.text).toMatch(/field "remove_attendees": leo\.brandt@northwind-creative\.example is not invited to "Budget review"; invited: daniel/);
    const missing = await h.call('calendar_update_event', { event_uid: 'nope@zoho.com', title: 'x' });
    expect(missing.text).toMatch(/field "event_uid": no event "nope@zoho.com" in any of the user's calendars; find it with calendar_list_events/);
    const leos = h.state().events.find((e) => e.title === 'Agency pitch prep')!;
    const readOnly = await h.call('calendar_update_event', { event_uid: leos.uid, title: 'x' });
    expect(readOnly.text).toMatch(/field "calendar_uid": the calendar "Leo Brandt" is shared with the user read-only/);
    const ruleOnInstance = await h.call('calendar_update_event', { event_uid: h.event('Leadership sync').uid, scope: 'instance', recurrence_id: '20260302T150000Z', recurrence: 'FREQ=DAILY' });
    expect(ruleOnInstance.text).toMatch(/field "recurrence": changes the series/);
    const cancelled = await h.call('calendar_update_event', { event_uid: h.event('Leadership sync').uid, scope: 'instance', recurrence_id: '20260316T140000Z', title: 'x' });
    expect(cancelled.text).toMatch(/field "recurrence_id": "Leadership sync" has no instance 20260316T140000Z/);
    expect(h.requests(PUTS)).toBe(0);
  });
});

describe('calendar_delete_event', () => {
  it('shows the event, then deletes it with its etag', async () => {
    const lunch = h.state().events.find((e) => e.title.startsWith('Lunch with'))!;
    const res = await h.call('calendar_delete_event', { event_uid: lunch.uid });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.access).toBe('destructive');
    expect(confirm.summary).toBe('Delete "Lunch with Philip Marlowe (Marlowe & Finch)" (Wed 2026-03-11 12:30–13:30 America/New_York) from Maya Ortiz; 1 attendee invited');
    expect(confirm.before).toMatchObject({ scope: 'event', title: lunch.title, start: at('2026-03-11T12:30', NY), location: 'Boston, Union Oyster House', attendees: ['philip.marlowe@marlowe-finch.example (invited)'], event_uid: lunch.uid });
    expect(confirm.payload).toMatchObject({ event_uid: lunch.uid, etag: String(lunch.etag) });
    expect(res.json).toMatchObject({ scope: 'event', deleted: { title: lunch.title, event_uid: lunch.uid } });
    expect(h.state().events.some((e) => e.uid === lunch.uid)).toBe(false);
    expect(h.requests(DELETES)).toBe(1);
  });

  it('deletes one occurrence of a repeating event, or asks which', async () => {
    const standup = h.event('Team stand-up');
    const unsure = await h.call('calendar_delete_event', { event_uid: standup.uid });
    expect(unsure.text).toMatch(/field "scope": "Team stand-up" repeats every weekday/);
    const res = await h.call('calendar_delete_event', { event_uid: standup.uid, scope: 'instance', recurrence_id: '20260306T141500Z' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Delete one occurrence of the repeating "Team stand-up" \(Fri 2026-03-06 09:15–09:30 America\/New_York; the rest of the series stays\) from Northwind Creative Team; 5 attendees invited$/);
    const left = rows((await h.call('calendar_list_events', { calendar_uid: h.calendar('Northwind Creative Team').uid, start: '2026-03-05', end: '2026-03-09', query: 'stand-up' })).json, 'events');
    expect(left.map((e) => e.start)).toEqual(['2026-03-05T09:15-05:00', '2026-03-09T09:15-04:00']);
  });

  it('deletes nothing when the event changed meanwhile, or when the user declines', async () => {
    const dentist = h.event('Dentist');
    h.approve.before = () => {
      h.event('Dentist').etag = h.state().nextEtag(h.clock.now());
    };
    const conflict = await h.call('calendar_delete_event', { event_uid: dentist.uid });
    expect(conflict.outcome).toBe('error');
    expect(conflict.text).toMatch(/conflict: "Dentist" was changed in Zoho by someone else after it was read/);
    expect(h.state().events.some((e) => e.uid === dentist.uid)).toBe(true);
    delete h.approve.before;
    h.approve.value = false;
    const declined = await h.call('calendar_delete_event', { event_uid: dentist.uid });
    expect(declined.outcome).toBe('refused');
    expect(h.state().events.some((e) => e.uid === dentist.uid)).toBe(true);
    expect(h.requests(DELETES)).toBe(1);
  });
});
