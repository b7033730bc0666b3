/** The plain functions: slot finding (exported for the workflows package), recurrence, times, iCalendar, the envelope reader. */
import { createZohoConnection, ZohoApiError, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp, type EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarEmulator } from '../src/emulator/index.js';
import { buildIcs, calendarEnvelopeReader, describeRecurrence, eventTimes, findMeetingSlots, normaliseRecurrence, occurrenceStarts, parseIcs } from '../src/index.js';
import { parseInputTime, parseWireTime, splitRange, toWireUtc } from '../src/time.js';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number, zone = 'America/New_York') => DateTime.fromMillis(t, { zone }).toISO({ suppressSeconds: true, suppressMilliseconds: true });

describe('findMeetingSlots', () => {
  const day = { from: ms('2026-03-05T14:00:00Z'), to: ms('2026-03-05T22:00:00Z') }; // 09:00–17:00 New York

  it('returns the free windows common to everyone inside working hours, starts on the step grid', () => {
    const windows = findMeetingSlots({
      ...day,
      timeZone: 'America/New_York',
      durationMinutes: 30,
      attendees: [
        { email: 'a@x.example', busy: [{ start: ms('2026-03-05T14:00:00Z'), end: ms('2026-03-05T15:10:00Z') }, { start: ms('2026-03-05T17:00:00Z'), end: ms('2026-03-05T18:00:00Z') }] },
        { email: 'b@x.example', busy: [{ start: ms('2026-03-05T16:00:00Z'), end: ms('2026-03-05T16:20:00Z') }, { start: ms('2026-03-05T16:10:00Z'), end: ms('2026-03-05T16:45:00Z') }] },
      ],
    });
    expect(windows.map((w) => [iso(w.start), iso(w.end), iso(w.latestStart), w.minutes])).toEqual([
      ['2026-03-05T10:15-05:00', '2026-03-05T11:00-05:00', '2026-03-05T10:30-05:00', 45],
      // 11:45–12:00 is free for both but shorter than the meeting.
      ['2026-03-05T13:00-05:00', '2026-03-05T17:00-05:00', '2026-03-05T16:30-05:00', 240],
    ]);
  });

  it("applies each attendee's own working hours in their own zone, correct across daylight saving", () => {
    // Monday 9 March: New York is on EDT (UTC-4), Berlin still on CET (UTC+1): 09:00–17:00 Berlin is 04:00–12:00 New York.
    const windows = findMeetingSlots({
      from: ms('2026-03-09T04:00:00Z'),
      to: ms('2026-03-10T04:00:00Z'),
      timeZone: 'America/New_York',
      durationMinutes: 60,
      attendees: [
        { email: 'ny@x.example', busy: [] },
        { email: 'berlin@x.example', busy: [], timeZone: 'Europe/Berlin' },
      ],
    });
    expect(windows.map((w) => [iso(w.start), iso(w.end)])).toEqual([['2026-03-09T09:00-04:00', '2026-03-09T12:00-04:00']]);
    const early = findMeetingSlots({ from: ms('2026-03-09T04:00:00Z'), to: ms('2026-03-10T04:00:00Z'), timeZone: 'America/New_York', durationMinutes: 60, attendees: [{ email: 'k@x.example', busy: [], timeZone: 'Asia/Kolkata' }, { email: 'ny@x.example', busy: [] }] });
    expect(early).toEqual([]);
  });

  it('skips weekends and windows shorter than the meeting, and honours maxWindows and custom hours', () => {
    const week = { from: ms('2026-03-06T05:00:00Z'), to: ms('2026-03-10T04:00:00Z'), timeZone: 'America/New_York' }; // Fri–Mon
    const two = findMeetingSlots({ ...week, durationMinutes: 120, attendees: [{ email: 'a@x.example', busy: [] }], workingHours: { start: '08:00', end: '10:00', days: [1, 2, 3, 4, 5] } });
    expect(two.map((w) => iso(w.start))).toEqual(['2026-03-06T08:00-05:00', '2026-03-09T08:00-04:00']);
    expect(findMeetingSlots({ ...week, durationMinutes: 121, attendees: [{ email: 'a@x.example', busy: [] }], workingHours: { start: '08:00', end: '10:00', days: [1, 2, 3, 4, 5] } })).toEqual([]);
    expect(findMeetingSlots({ ...week, durationMinutes: 30, attendees: [{ email: 'a@x.example', busy: [] }], maxWindows: 1 })).toHaveLength(1);
    expect(findMeetingSlots({ ...week, durationMinutes: 30, attendees: [], workingHours: { start: '00:00', end: '24:00', days: [6, 7] } }).map((w) => w.minutes)).toEqual([24 * 60 + 23 * 60]); // Sunday 8 March has 23 hours in New York
  });
});

describe('recurrence (rrule)', () => {
  it('normalises rules and checks the start is the first occurrence', () => {
    expect(normaliseRecurrence('rrule:freq=monthly;byday=1th', 'r')).toBe('FREQ=MONTHLY;BYDAY=+1TH');
    expect(normaliseRecurrence('FREQ=WEEKLY;BYDAY=MO,WE', 'r', { ms: ms('2026-03-09T14:00:00Z'), zone: 'America/New_York' })).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
    expect(() => normaliseRecurrence('FREQ=WEEKLY;BYDAY=TU', 'r', { ms: ms('2026-03-09T14:00:00Z'), zone: 'America/New_York' })).toThrow(/not an occurrence/);
    expect(() => normaliseRecurrence('FREQ=WEEKLY;INTERVAL=0', 'r')).toThrow(/INTERVAL must be a whole number/);
    expect(() => normaliseRecurrence('FREQ=MONTHLY;BYMONTHDAY=0', 'r')).toThrow(/BYMONTHDAY value 0 is out of range/);
    expect(normaliseRecurrence('FREQ=MONTHLY;BYMONTHDAY=-1', 'r')).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
    expect(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE')).toBe('every 2 weeks on Wednesday');
  });

  it('expands in the event zone: wall time kept across daylight saving, UNTIL honoured', () => {
    const first = ms('2026-03-02T15:00:00Z'); // Monday 10:00 EST
    const starts = occurrenceStarts('FREQ=WEEKLY;BYDAY=MO', first, 'America/New_York', ms('2026-03-01T00:00:00Z'), ms('2026-03-17T00:00:00Z'));
    expect(starts.map((s) => iso(s))).toEqual(['2026-03-02T10:00-05:00', '2026-03-09T10:00-04:00', '2026-03-16T10:00-04:00']);
    expect(occurrenceStarts('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260309T140000Z', first, 'America/New_York', first, ms('2026-04-01T00:00:00Z'))).toHaveLength(2);
    expect(occurrenceStarts('FREQ=DAILY;COUNT=3', first, 'America/New_York', ms('2026-03-03T00:00:00Z'), ms('2026-04-01T00:00:00Z'))).toHaveLength(2);
  });
});

describe('times', () => {
  it('reads and writes Zoho wire times', () => {
    expect(parseWireTime('20240715T100000+0200')).toBe(ms('2024-07-15T08:00:00Z'));
    expect(parseWireTime('20240715T080000Z')).toBe(ms('2024-07-15T08:00:00Z'));
    expect(parseWireTime('20170718T205000', 'Asia/Kolkata')).toBe(ms('2017-07-18T15:20:00Z'));
    expect(parseWireTime('20240715', 'Europe/Berlin')).toBe(ms('2024-07-14T22:00:00Z'));
    expect(parseWireTime('20240230')).toBeUndefined();
    expect(parseWireTime('2024-07-15')).toBeUndefined();
    expect(toWireUtc(ms('2024-07-15T08:00:00Z'))).toBe('20240715T080000Z');
    expect(eventTimes({ uid: 'x', isallday: true, dateandtime: { timezone: 'America/New_York', start: '20260324', end: '20260325' } }, 'UTC')).toEqual({ start: ms('2026-03-24T04:00:00Z'), end: ms('2026-03-26T04:00:00Z'), allDay: true, zone: 'America/New_York' });
  });

  it('reads tool inputs in a zone, or with their own offset', () => {
    expect(parseInputTime('2026-03-10T14:30', 'Europe/Berlin', 'start')).toEqual({ ms: ms('2026-03-10T13:30:00Z') });
    expect(parseInputTime('2026-03-10T14:30-0500', 'Europe/Berlin', 'start')).toEqual({ ms: ms('2026-03-10T19:30:00Z') });
    expect(parseInputTime('2026-03-10', 'America/New_York', 'start')).toEqual({ ms: ms('2026-03-10T04:00:00Z'), date: '2026-03-10' });
    expect(() => parseInputTime('10/03/2026', 'UTC', 'start')).toThrow(/is not a date or time/);
  });

  it('splits ranges into pieces of at most 31 days', () => {
    const day = 86_400_000;
    expect(splitRange(0, 75 * day, 31 * day)).toEqual([
      [0, 31 * day],
      [31 * day, 62 * day],
      [62 * day, 75 * day],
    ]);
  });
});

describe('iCalendar', () => {
  it('writes events that ical.js reads back the same (zones, all-day, series, exceptions)', () => {
    const text = buildIcs(
      [
        { uid: 'a@x', title: 'Sync', start: ms('2026-03-02T15:00:00Z'), end: ms('2026-03-02T16:00:00Z'), allDay: false, zone: 'America/New_York', rrule: 'FREQ=WEEKLY;BYDAY=MO', exdates: [ms('2026-03-16T14:00:00Z')], attendees: [{ email: 'b@x.example', status: 'TENTATIVE' }] },
        { uid: 'b@x', title: 'Offsite; day one, two', start: ms('2026-03-24T04:00:00Z'), end: ms('2026-03-26T04:00:00Z'), allDay: true, zone: 'America/New_York', free: true },
        { uid: 'c@x', title: 'UTC thing', start: ms('2026-03-03T12:00:00Z'), end: ms('2026-03-03T12:30:00Z'), allDay: false, zone: 'UTC' },
      ],
      { calendarName: 'Test', calendarZone: 'America/New_York', now: ms('2026-03-01T00:00:00Z') },
    );
    expect(text).toContain('DTSTART;TZID=America/New_York:20260302T100000');
    expect(text).toContain('EXDATE;TZID=America/New_York:20260316T100000');
    expect(text).toContain('DTSTART;VALUE=DATE:20260324');
    expect(text).toContain('DTEND;VALUE=DATE:20260326');
    expect(text).toContain('DTSTART:20260303T120000Z');
    expect(text.split('\r\n').every((line) => line.length <= 75)).toBe(true);
    const back = parseIcs(text, 'UTC');
    expect(back.events.map((e) => [e.uid, e.title, e.start, e.end, e.allDay, e.zone])).toEqual([
      ['a@x', 'Sync', ms('2026-03-02T15:00:00Z'), ms('2026-03-02T16:00:00Z'), false, 'America/New_York'],
      ['b@x', 'Offsite; day one, two', ms('2026-03-24T00:00:00Z'), ms('2026-03-26T00:00:00Z'), true, 'UTC'],
      ['c@x', 'UTC thing', ms('2026-03-03T12:00:00Z'), ms('2026-03-03T12:30:00Z'), false, 'UTC'],
    ]);
    expect(back.events[0]).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=MO', attendees: ['b@x.example'] });
    expect(back.events[1]).toMatchObject({ free: true });
    expect(text).toContain('X-WR-CALNAME:Test');
  });

  it('refuses text that is not iCalendar', () => {
    expect(() => parseIcs('hello', 'UTC')).toThrow();
  });
});

describe('calendarEnvelopeReader', () => {
  const kind = (answer: EmulatorResponse) => calendarEnvelopeReader({ status: answer.status, headers: answer.headers ?? {}, body: answer.body })?.kind;

  it("reads each of the emulator's error answers with the kind that drives refresh and retry", () => {
    const errors = calendarEmulator.errors;
    expect(kind(errors.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errors.scopeMismatch(['ZohoCalendar.calendar.READ']))).toBe('scope');
    expect(kind(errors.throttled(1))).toBe('throttled');
    expect(kind(errors.notFound('GET', '/no/such/path'))).toBe('not_found');
    expect(kind(errors.methodNotAllowed!('PATCH', '/x', ['GET']))).toBe('validation');
    expect(kind(errors.serverError(503))).toBe('server');
    expect(calendarEnvelopeReader({ status: 204, headers: {}, body: undefined })).toBeUndefined();
    expect(calendarEnvelopeReader({ status: 409, headers: {}, body: { error: { code: 'ETAG_MISMATCH', description: 'stale', param: 'etag' } } })).toEqual({ code: 'ETAG_MISMATCH', message: 'stale', kind: 'validation', details: { param: 'etag' } });
  });

  // The case core's envelope test had for Calendar, moved here with the reader.
  describe('over HTTP', () => {
    let emu: Emulator;
    let connection: ZohoConnection;
    const echo: EmulatorApp<null> = {
      app: 'calendar',
      basePath: '/_calendar',
      scopes: ['ZohoCalendar.calendar.ALL'],
      createState: () => null,
      routes: [
        { method: 'GET', path: '/echo/error', auth: false, handle: () => ({ status: 400, body: { error: [{ message: 'Invalid event uid', code: 'INVALID_EVENT' }] } }) },
        { method: 'GET', path: '/echo/plain', auth: false, handle: () => ({ status: 502, body: 'Bad gateway' }) },
        { method: 'GET', path: '/echo/big', auth: false, handle: () => ({ status: 200, raw: '{"events":[{"uid":"x","calid":4150868000000224005}]}' }) },
      ],
      errors: calendarEmulator.errors,
    };
    beforeAll(async () => {
      emu = await startEmulator({ apps: [echo] });
      connection = createZohoConnection(emulatorConnectionOptions(emu, { retry: { maxAttempts: 1 }, limits: { calendar: false } }));
      connection.app({ app: 'calendar', readError: calendarEnvelopeReader });
    });
    afterAll(async () => {
      await connection.close();
      await emu.close();
    });
    const failure = async (name: string) => {
      const err = await connection.request('calendar', { method: 'GET', path: `/echo/${name}` }).catch((e: unknown) => e);
      if (!(err instanceof ZohoApiError)) throw new Error('expected a ZohoApiError');
      return err;
    };

    it('maps the error body to one ZohoApiError, and falls back for others', async () => {
      expect(await failure('error')).toMatchObject({ app: 'calendar', status: 400, code: 'INVALID_EVENT', kind: 'validation', message: 'Invalid event uid' });
      expect(await failure('plain')).toMatchObject({ status: 502, kind: 'server', message: 'Bad gateway' });
    });

    it('keeps a 19-digit id sent as a bare JSON number exact', async () => {
      const ok = await connection.request<{ events: { calid: string }[] }>('calendar', { method: 'GET', path: '/echo/big' });
      expect(ok.data.events[0]!.calid).toBe('4150868000000224005');
    });
  });
});
