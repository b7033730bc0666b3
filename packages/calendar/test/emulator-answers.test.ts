/**
 * The Calendar slice answers as ../shared/zoho-api/calendar.md says Calendar does: one table of requests and
 * the answers they must get — `{calendars:[…]}` / `{events:[…]}` envelopes (arrays even for one), structured
 * inputs as JSON in query parameters (`range`, `eventdata`, or `eventdata` as a form field), the 31-day range
 * limit (90 for `/byinstance`), output times with offsets, etags that change and are checked, free/busy per
 * user with its flag answers, and the synthetic error body with each code. Run with core's table runner, over HTTP.
 */
import { createManualClock, runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calendarEmulator, type CalendarState } from '../src/emulator/index.js';
import { LEO, MAYA, NOW } from './helpers.js';

const clock = createManualClock(NOW);
/** The seed the emulator starts from (deterministic for a given clock), for uids in the table. */
const seed = calendarEmulator.createState({ seed: true, now: NOW });
const personal = seed.calendars.find((c) => c.isdefault)!;
const shared = seed.calendars.find((c) => c.category === 'shared')!;
const budget = seed.events.find((e) => e.title === 'Budget review')!;
const leadership = seed.events.find((e) => e.title === 'Leadership sync')!;
const P = `/api/v1/calendars/${personal.uid}`;

const WITH_OFFSET = /^\d{8}T\d{6}[+-]\d{4}$/;
const UTC = /^\d{8}T\d{6}Z$/;
const error = (code: string, extra: Record<string, unknown> = {}) => ({ error: [{ code, message: /./, ...extra }] });
const range = (start: string, end: string) => JSON.stringify({ start, end });
const week = range('20260302T000000Z', '20260309T000000Z');
const eventdata = (data: Record<string, unknown>) => JSON.stringify(data);
const when = { timezone: 'America/New_York', start: '20260310T150000Z', end: '20260310T160000Z' };

const CASES: AnswerCase[] = [
  // Calendars.
  {
    name: 'GET /calendars: every calendar, uid and the default marked',
    path: '/api/v1/calendars',
    expect: {
      status: 200,
      body: { calendars: (v: unknown) => Array.isArray(v) && v.length === seed.calendars.length },
      check: ({ body }) => {
        const list = (body as { calendars: Record<string, unknown>[] }).calendars;
        const problems: string[] = [];
        if (list.filter((c) => c.isdefault === true).length !== 1) problems.push('not exactly one default calendar');
        for (const c of list) {
          if (!/^[0-9a-f]{32}$/.test(String(c.uid))) problems.push(`uid ${String(c.uid)}`);
          if (typeof c.id !== 'string' || !/^\d{19}$/.test(c.id)) problems.push(`id ${String(c.id)} is not a 19-digit string`);
          for (const k of ['name', 'timezone', 'privilege', 'category', 'include_infreebusy', 'ctag', 'lastmodifiedtime']) if (!(k in c)) problems.push(`${String(c.name)} lacks ${k}`);
        }
        return problems;
      },
    },
  },
  { name: 'GET /calendars?category=own: only own', path: '/api/v1/calendars', query: { category: 'own' }, expect: { status: 200, body: { calendars: (v: unknown) => Array.isArray(v) && v.length === 3 && v.every((c: { category: string }) => c.category === 'own') } } },
  { name: 'GET /calendars/{uid}: an array of one', path: P, expect: { status: 200, body: { calendars: [{ uid: personal.uid, name: 'Maya Ortiz', timezone: 'America/New_York', privilege: 'owner', isdefault: true }] } } },
  { name: 'GET /calendars/default', path: '/api/v1/calendars/default', expect: { status: 200, body: { calendars: [{ uid: personal.uid }] } } },
  { name: 'an unknown calendar → 404 CALENDAR_NOT_FOUND', path: '/api/v1/calendars/ffffffffffffffffffffffffffffffff/events', query: { range: week }, expect: { status: 404, body: error('CALENDAR_NOT_FOUND') } },

  // Events: range in the query string, ≤ 31 days.
  {
    name: 'GET events: each event once, a series with its rrule, list etags as bare numbers, offset-less start/end',
    path: `${P}/events`,
    query: { range: week },
    expect: {
      status: 200,
      body: { events: (v: unknown) => Array.isArray(v) && v.length > 0 },
      check: ({ body, text }) => {
        const list = (body as { events: Record<string, unknown>[] }).events;
        const problems: string[] = [];
        const lead = list.filter((e) => e.uid === leadership.uid);
        if (lead.length !== 1 || lead[0]!.rrule !== 'FREQ=WEEKLY;BYDAY=MO') problems.push('the weekly series is not listed once with its rrule');
        if (!new RegExp(`"uid":"${budget.uid}","etag":\\d+,`).test(text)) problems.push('the list etag is not a bare number');
        for (const e of list) {
          const dt = e.dateandtime as { start: string };
          if (!e.isallday && (!WITH_OFFSET.test(dt.start) || !/^\d{8}T\d{6}$/.test(String(e.start)))) problems.push(`${String(e.title)}: ${dt.start} / ${String(e.start)}`);
          if ('description' in e) problems.push('description without Accept: application/json+large');
        }
        return problems;
      },
    },
  },
  {
    name: 'byinstance=true: one item per occurrence, recurrenceid, minimal fields; a moved instance where it now is',
    path: `${P}/events`,
    query: { range: range('20260309T000000Z', '20260316T000000Z'), byinstance: true },
    expect: {
      status: 200,
      check: ({ body }) => {
        const list = (body as { events: Record<string, unknown>[] }).events;
        const lead = list.filter((e) => e.uid === leadership.uid);
        const problems: string[] = [];
        if (lead.length !== 1) problems.push(`${lead.length} Leadership sync instances`);
        // Next Monday's sync was moved to Tuesday 10:00 (EDT by then).
        else if (lead[0]!.recurrenceid !== '20260309T140000Z' || (lead[0]!.dateandtime as { start: string }).start !== '20260310T100000-0400') problems.push(JSON.stringify(lead[0]));
        if (list.some((e) => 'attendees' in e || 'rrule' in e)) problems.push('instances carry more than minimal fields');
        return problems;
      },
    },
  },
  { name: 'a cancelled instance is not listed', path: `${P}/events`, query: { range: range('20260316T000000Z', '20260317T000000Z'), byinstance: true }, expect: { status: 200, check: ({ body }) => ((body as { events: { uid: string }[] }).events.some((e) => e.uid === leadership.uid) ? ['the cancelled sync is listed'] : []) } },
  { name: 'timezone=… shows times in that zone', path: `${P}/events`, query: { range: week, timezone: 'Asia/Tokyo' }, expect: { status: 200, body: { events: (v: unknown) => Array.isArray(v) && v.every((e: { isallday: boolean; dateandtime: { start: string } }) => e.isallday || e.dateandtime.start.endsWith('+0900')) } } },
  { name: 'descriptions with Accept: application/json+large', path: `/api/v1/calendars/${personal.uid}/events/${budget.uid}`, headers: { accept: 'application/json+large' }, expect: { status: 200, body: { events: [{ uid: budget.uid, description: 'Q2 budget against actuals.', etag: /^\d+$/ }] } } },
  { name: 'date ranges: yyyyMMdd to yyyyMMdd (end day included), 31 days is fine', path: `${P}/events`, query: { range: range('20260301', '20260331') }, expect: { status: 200 } },
  { name: '32 days → 400 RANGE_EXCEEDED', path: `${P}/events`, query: { range: range('20260301', '20260401') }, expect: { status: 400, body: error('RANGE_EXCEEDED', { message: 'The range period cannot exceed 31 days.', param: 'range' }) } },
  { name: 'no range → 400 MISSING_PARAM range', path: `${P}/events`, expect: { status: 400, body: error('MISSING_PARAM', { param: 'range' }) } },
  { name: 'range not JSON → 400 INVALID_JSON', path: `${P}/events`, query: { range: '{start:20260301' }, expect: { status: 400, body: error('INVALID_JSON', { param: 'range' }) } },
  { name: 'range in another date format → 400 INVALID_DATE', path: `${P}/events`, query: { range: range('2026-03-01', '2026-03-05') }, expect: { status: 400, body: error('INVALID_DATE', { param: 'range.start' }) } },
  { name: 'an unknown timezone → 400 INVALID_TIMEZONE', path: `${P}/events`, query: { range: week, timezone: 'Mars/Olympus' }, expect: { status: 400, body: error('INVALID_TIMEZONE') } },
  { name: 'GET one event: an array of one', path: `${P}/events/${budget.uid}`, expect: { status: 200, body: { events: [{ uid: budget.uid, title: 'Budget review', caluid: personal.uid, dateandtime: { timezone: 'America/New_York', start: '20260305T150000-0500', end: '20260305T160000-0500' }, attendees: [{ email: 'daniel.okafor@northwind-creative.example', status: 'ACCEPTED' }] }] } } },
  { name: 'an unknown event → 404 EVENT_NOT_FOUND', path: `${P}/events/nope@zoho.com`, expect: { status: 404, body: error('EVENT_NOT_FOUND') } },
  {
    name: '/byinstance of a series: ≤ 90 days',
    path: `${P}/events/${leadership.uid}/byinstance`,
    query: { range: range('20260101', '20260331') },
    expect: { status: 200, body: { events: (v: unknown) => Array.isArray(v) && v.length >= 10 && v.every((e: { recurrenceid?: string }) => UTC.test(String(e.recurrenceid))) } },
  },
  { name: '/byinstance over 90 days → RANGE_EXCEEDED', path: `${P}/events/${leadership.uid}/byinstance`, query: { range: range('20260101', '20260501') }, expect: { status: 400, body: error('RANGE_EXCEEDED', { message: 'The range period cannot exceed 90 days.' }) } },
  { name: '/byinstance of a single event → 400 NOT_A_REPEAT_EVENT', path: `${P}/events/${budget.uid}/byinstance`, query: { range: week }, expect: { status: 400, body: error('NOT_A_REPEAT_EVENT') } },

  // Create: eventdata as a query-string JSON (Zoho's way) or a form field (Pipedream's).
  {
    name: 'POST eventdata in the query → 200 {events:[created]} with a new etag, times back with the offset',
    method: 'POST',
    path: `${P}/events`,
    query: { eventdata: eventdata({ title: 'Sprint review', dateandtime: when, location: 'Room 4', attendees: [{ email: LEO, permission: 1, attendance: 1 }], reminders: [{ action: 'popup', minutes: '-15' }] }) },
    expect: {
      status: 200,
      body: { events: [{ uid: /@zoho\.com$/, etag: /^\d{13,}$/, title: 'Sprint review', caluid: personal.uid, role: 'organizer', organizer: MAYA, dateandtime: { timezone: 'America/New_York', start: '20260310T110000-0400', end: '20260310T120000-0400' }, duration: '3600000', attendees: [{ email: LEO, status: 'NEEDS-ACTION', permission: 1, attendance: 1 }], reminders: [{ action: 'popup', minutes: '-15' }] }] },
    },
  },
  { name: 'POST eventdata as a form field → 200', method: 'POST', path: `${P}/events`, form: { eventdata: eventdata({ title: 'Form', dateandtime: when }) }, expect: { status: 200, body: { events: [{ title: 'Form' }] } } },
  { name: 'an all-day event takes dates (last day inclusive)', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'Away', isallday: true, dateandtime: { timezone: 'America/New_York', start: '20260312', end: '20260313' } }) }, expect: { status: 200, body: { events: [{ isallday: true, multiday: true, dateandtime: { start: '20260312', end: '20260313' } }] } } },
  { name: 'a repeat event with a normalised rrule', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'Weekly', dateandtime: when, rrule: 'freq=weekly;byday=tu;count=4' }) }, expect: { status: 200, body: { events: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' }] } } },
  { name: 'no eventdata → 400 MISSING_PARAM eventdata', method: 'POST', path: `${P}/events`, expect: { status: 400, body: error('MISSING_PARAM', { param: 'eventdata' }) } },
  { name: 'eventdata not JSON → 400 INVALID_JSON', method: 'POST', path: `${P}/events`, query: { eventdata: '{"title":' }, expect: { status: 400, body: error('INVALID_JSON', { param: 'eventdata' }) } },
  { name: 'no dateandtime → 400 MISSING_PARAM dateandtime', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x' }) }, expect: { status: 400, body: error('MISSING_PARAM', { param: 'dateandtime' }) } },
  { name: 'a bad start → 400 INVALID_DATE', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: { ...when, start: '2026-03-10 15:00' } }) }, expect: { status: 400, body: error('INVALID_DATE', { param: 'dateandtime.start' }) } },
  { name: 'end before start → 400 INVALID_PARAM', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: { ...when, end: '20260310T140000Z' } }) }, expect: { status: 400, body: error('INVALID_PARAM', { param: 'dateandtime' }) } },
  { name: 'an unknown zone → 400 INVALID_TIMEZONE', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: { ...when, timezone: 'Europe/Atlantis' } }) }, expect: { status: 400, body: error('INVALID_TIMEZONE') } },
  { name: 'a bad rrule → 400 INVALID_RRULE', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: when, rrule: 'FREQ=WEEKLY;BYDAY=XX' }) }, expect: { status: 400, body: error('INVALID_RRULE', { param: 'rrule' }) } },
  { name: 'a bad attendee → 400 INVALID_ATTENDEE', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: when, attendees: [{ email: 'not-an-address' }] }) }, expect: { status: 400, body: error('INVALID_ATTENDEE') } },
  { name: 'a location over 255 characters → 400 INVALID_PARAM', method: 'POST', path: `${P}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: when, location: 'x'.repeat(256) }) }, expect: { status: 400, body: error('INVALID_PARAM', { param: 'location' }) } },
  { name: "a colleague's read-only calendar → 403 NO_PERMISSION", method: 'POST', path: `/api/v1/calendars/${shared.uid}/events`, query: { eventdata: eventdata({ title: 'x', dateandtime: when }) }, expect: { status: 403, body: error('NO_PERMISSION') } },

  // Update and delete: the current etag, checked.
  { name: 'PUT without etag → 400 ETAG_MISSING', method: 'PUT', path: `${P}/events/${budget.uid}`, query: { eventdata: eventdata({ title: 'x', dateandtime: when }) }, expect: { status: 400, body: error('ETAG_MISSING') } },
  { name: 'PUT with a stale etag → 409 ETAG_MISMATCH', method: 'PUT', path: `${P}/events/${budget.uid}`, query: { eventdata: eventdata({ title: 'x', dateandtime: when, etag: 1 }) }, expect: { status: 409, body: error('ETAG_MISMATCH', { param: 'etag' }) } },
  { name: 'PUT without dateandtime → 400 MISSING_PARAM', method: 'PUT', path: `${P}/events/${budget.uid}`, query: { eventdata: eventdata({ title: 'x', etag: budget.etag }) }, expect: { status: 400, body: error('MISSING_PARAM', { param: 'dateandtime' }) } },
  { name: 'DELETE without an etag → 400 ETAG_MISSING', method: 'DELETE', path: `${P}/events/${budget.uid}`, expect: { status: 400, body: error('ETAG_MISSING') } },
  { name: 'DELETE with a stale etag header → 409', method: 'DELETE', path: `${P}/events/${budget.uid}`, headers: { etag: '12345' }, expect: { status: 409, body: error('ETAG_MISMATCH') } },
  { name: 'DELETE one instance that does not exist → 404', method: 'DELETE', path: `${P}/events/${leadership.uid}`, query: { eventdata: eventdata({ uid: leadership.uid, recurrenceid: '20260310T140000Z', etag: leadership.etag, recurrence_edittype: 'only' }) }, expect: { status: 404, body: error('EVENT_NOT_FOUND', { param: 'recurrenceid' }) } },

  // Free/busy per user.
  {
    name: 'freebusy eventbased: busy blocks in UTC',
    path: '/api/v1/calendars/freebusy',
    query: { uemail: LEO, sdate: '20260302T000000', edate: '20260307T000000', ftype: 'eventbased' },
    expect: { status: 200, body: { freebusy: (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((b: Record<string, string>) => UTC.test(b.startTime!) && UTC.test(b.endTime!) && b.fbtype === 'busy') } },
  },
  { name: 'freebusy timebased: keyed by date', path: '/api/v1/calendars/freebusy', query: { uemail: LEO, sdate: '20260302T000000Z', edate: '20260303T000000Z', ftype: 'timebased' }, expect: { status: 200, body: { '20260302': [null, (v: unknown) => Array.isArray(v) && v.length > 0] } } },
  { name: 'freebusy of an address outside the organization → NODATA', path: '/api/v1/calendars/freebusy', query: { uemail: 'bob.burns@zylker.example', sdate: '20260302T000000', edate: '20260303T000000' }, expect: { status: 200, body: { NODATA: true } } },
  {
    name: 'freebusy of a user who does not share → fb_not_enabled',
    path: '/api/v1/calendars/freebusy',
    query: { uemail: LEO, sdate: '20260302T000000', edate: '20260303T000000' },
    setup: (e) => void (e.state<CalendarState>('calendar').users.find((u) => u.email === LEO)!.freebusy = false),
    expect: { status: 200, body: { fb_not_enabled: true } },
  },
  { name: 'freebusy without uemail → 400 MISSING_PARAM', path: '/api/v1/calendars/freebusy', query: { sdate: '20260302T000000', edate: '20260303T000000' }, expect: { status: 400, body: error('MISSING_PARAM', { param: 'uemail' }) } },
  { name: 'freebusy over 31 days → 400 RANGE_EXCEEDED', path: '/api/v1/calendars/freebusy', query: { uemail: LEO, sdate: '20260301T000000', edate: '20260410T000000' }, expect: { status: 400, body: error('RANGE_EXCEEDED') } },

  // Gateway answers.
  { name: 'no token → 401 INVALID_OAUTHTOKEN', path: '/api/v1/calendars', token: null, expect: { status: 401, body: error('INVALID_OAUTHTOKEN') } },
  {
    name: 'a token without the event scope → 401 INVALID_OAUTHSCOPE',
    path: `${P}/events`,
    query: { range: week },
    token: (e) => e.accounts.issueAccessToken(e.accounts.issueRefreshToken({ scopes: ['ZohoCalendar.calendar.READ'] })),
    expect: { status: 401, body: error('INVALID_OAUTHSCOPE') },
  },
  { name: 'throttled → 429 TOO_MANY_REQUESTS with Retry-After', path: '/api/v1/calendars', setup: (e) => void e.faults.add({ app: 'calendar', kind: 'throttle', retryAfterSec: 7, times: 1 }), expect: { status: 429, body: error('TOO_MANY_REQUESTS'), headers: { 'retry-after': '7' } } },
  { name: 'an unknown path → 404 URL_NOT_FOUND', path: '/api/v1/nothing', expect: { status: 404, body: error('URL_NOT_FOUND') } },
  { name: 'a wrong method → 405 METHOD_NOT_ALLOWED', method: 'PATCH', path: `${P}/events/${budget.uid}`, expect: { status: 405, body: error('METHOD_NOT_ALLOWED') } },
  { name: 'a 5xx → INTERNAL_ERROR', path: '/api/v1/calendars', setup: (e) => void e.faults.add({ app: 'calendar', kind: 'status', status: 503, times: 1 }), expect: { status: 503, body: error('INTERNAL_ERROR') } },
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apps: [calendarEmulator], limits: { calendar: false }, clock: clock.now });
});
afterEach(() => emu.reset());
afterAll(() => emu.close());

describe('the Calendar emulator answers as the digest says', () => {
  it.each(CASES)('$name', async (c) => {
    expect((await runAnswerCase(emu, 'calendar', c)).problems).toEqual([]);
  });
});

describe('etags', () => {
  const put = (etag: unknown, title: string) => runAnswerCase(emu, 'calendar', { name: 'put', method: 'PUT', path: `${P}/events/${budget.uid}`, query: { eventdata: eventdata({ title, dateandtime: when, etag }) }, expect: { status: 200 } });

  it('change on every update, and the old one is refused afterwards', async () => {
    const first = await put(budget.etag, 'Budget review (moved)');
    expect(first.problems).toEqual([]);
    const etag1 = (first.answer.body as { events: { etag: string }[] }).events[0]!.etag;
    expect(Number(etag1)).toBeGreaterThan(budget.etag);
    const second = await put(etag1, 'Budget review (again)');
    const etag2 = (second.answer.body as { events: { etag: string }[] }).events[0]!.etag;
    expect(Number(etag2)).toBeGreaterThan(Number(etag1));
    const stale = await runAnswerCase(emu, 'calendar', { name: 'stale', method: 'PUT', path: `${P}/events/${budget.uid}`, query: { eventdata: eventdata({ title: 'lost update', dateandtime: when, etag: etag1 }) }, expect: { status: 409, body: error('ETAG_MISMATCH') } });
    expect(stale.problems).toEqual([]);
    expect(emu.state<CalendarState>('calendar').events.find((e) => e.uid === budget.uid)!.title).toBe('Budget review (again)');
  });

  it('an instance changed alone gets its own etag; the series a new one', async () => {
    const rid = '20260302T150000Z';
    const res = await runAnswerCase(emu, 'calendar', {
      name: 'instance',
      method: 'PUT',
      path: `${P}/events/${leadership.uid}`,
      query: { eventdata: eventdata({ title: 'Leadership sync (short)', dateandtime: { timezone: 'America/New_York', start: '20260302T150000Z', end: '20260302T153000Z' }, etag: leadership.etag, recurrenceid: rid, recurrence_edittype: 'only' }) },
      expect: { status: 200, body: { events: [{ recurrenceid: rid, title: 'Leadership sync (short)', dateandtime: { start: '20260302T100000-0500', end: '20260302T103000-0500' } }] } },
    });
    expect(res.problems).toEqual([]);
    const live = emu.state<CalendarState>('calendar').events.find((e) => e.uid === leadership.uid)!;
    expect(live.etag).toBeGreaterThan(leadership.etag);
    expect(live.exceptions.get(rid)!.etag).toBeGreaterThan(leadership.etag);
    expect(live.title).toBe('Leadership sync');
  });

  it('DELETE with the current etag header removes the event', async () => {
    const res = await runAnswerCase(emu, 'calendar', { name: 'delete', method: 'DELETE', path: `${P}/events/${budget.uid}`, headers: { etag: String(budget.etag) }, expect: { status: 200, body: { events: [{ uid: budget.uid }] } } });
    expect(res.problems).toEqual([]);
    expect(emu.state<CalendarState>('calendar').events.some((e) => e.uid === budget.uid)).toBe(false);
  });
});

describe('the slice', () => {
  it('describes the default calendar uid for clients', () => {
    expect(emu.index().apps.find((a) => a.app === 'calendar')).toMatchObject({ ids: { ZOHO_CALENDAR_UID: personal.uid }, example: '/api/v1/calendars' });
  });

  it('seeds the same uids for the same clock, and the agency everywhere', () => {
    const again = calendarEmulator.createState({ seed: true, now: NOW });
    expect(again.events.map((e) => e.uid)).toEqual(seed.events.map((e) => e.uid));
    expect(seed.users.map((u) => u.email)).toContain(MAYA);
    expect(seed.events.some((e) => e.attendees.some((a) => a.email === 'bob.burns@zylker.example'))).toBe(true);
    const kinds = { allDay: seed.events.some((e) => e.allDay), repeating: seed.events.some((e) => e.rrule), zones: new Set(seed.events.map((e) => e.timezone)).size };
    expect(kinds).toMatchObject({ allDay: true, repeating: true });
    expect(kinds.zones).toBeGreaterThanOrEqual(6);
  });

  it('starts an unseeded emulator with the default calendar and no events', () => {
    const empty = calendarEmulator.createState({ seed: false, now: NOW });
    expect(empty.calendars).toHaveLength(1);
    expect(empty.calendars[0]).toMatchObject({ uid: personal.uid, isdefault: true });
    expect(empty.events).toEqual([]);
  });
});
