/**
 * Calendar routes of the emulator, on Zoho's paths below `/api/v1` (shared/zoho-api/calendar.md). Structured
 * inputs are JSON in query parameters (`range`, `eventdata`), `eventdata` also as a url-encoded form field
 * (Pipedream's way); times as the digest says (§1). Choices where Zoho is silent, all marked unconfirmed in
 * the README:
 *
 * - Errors are `{"error":[{"message","code","param"?}]}` throughout (synthetic: Zoho documents no error body):
 *   `INVALID_OAUTHTOKEN` / `INVALID_OAUTHSCOPE` 401, `TOO_MANY_REQUESTS` 429 (+ Retry-After), `URL_NOT_FOUND`,
 *   `CALENDAR_NOT_FOUND`, `EVENT_NOT_FOUND` 404, `METHOD_NOT_ALLOWED` 405, `NO_PERMISSION` 403 (a shared
 *   calendar the user may only read), `ETAG_MISMATCH` 409 (stale etag), and 400 for bad input: `MISSING_PARAM`,
 *   `INVALID_JSON`, `INVALID_DATE`, `INVALID_TIMEZONE`, `INVALID_RRULE`, `INVALID_ATTENDEE`, `INVALID_PARAM`,
 *   `ETAG_MISSING`, `RANGE_EXCEEDED` ("The range period cannot exceed 31 days", Zoho's own words), `NOT_A_REPEAT_EVENT`.
 * - All-day events: `dateandtime` dates are the first and the last day (inclusive).
 * - Updates patch: fields absent from `eventdata` keep their value; `dateandtime` and `etag` are mandatory.
 *   Every write gives the event a new etag; changing or cancelling one instance gives that instance its own
 *   etag and the series a new one.
 * - Lists without `byinstance` return each event once (a repeat event as its series, with `rrule`), etags as
 *   bare numbers; everything else sends etags as strings (the digest shows both).
 * - Free/busy: `{"NODATA":true}` for an address outside the organization, `{"fb_not_enabled":true}` for a user
 *   who turned sharing off; `ftype=timebased` ranges are UTC `HH:mm-HH:mm`.
 */
import type { EmulatorAppErrors, EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { DateTime } from 'luxon';
import { instantOfRecurrenceId, normaliseRecurrence } from '../recurrence.js';
import { isValidZone, parseWireTime, toWireLocal, toWireUtc } from '../time.js';
import {
  busyInstances,
  calendarByUid,
  eventFields,
  hasInstance,
  instancesOf,
  type CalendarState,
  type EmuAttendee,
  type EmuCalendar,
  type EmuEvent,
  type EmuEventFields,
  type EmuInstance,
  type EmuReminder,
} from './state.js';

/** Longest `range` of one events list, and of one free/busy window. */
export const MAX_RANGE_DAYS = 31;
/** Longest `range` of `/events/{uid}/byinstance`. */
export const MAX_INSTANCE_RANGE_DAYS = 90;
const DAY = 86_400_000;
const LIMITS = { title: 255, location: 255, description: 10_000, attendees: 200, reminders: 10 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function calendarError(status: number, code: string, message: string, param?: string): EmulatorResponse {
  return { status, body: { error: [{ message, code, ...(param ? { param } : {}) }] } };
}

export const calendarErrors: EmulatorAppErrors = {
  invalidToken: () => calendarError(401, 'INVALID_OAUTHTOKEN', 'Invalid OAuth token.'),
  scopeMismatch: (required) => calendarError(401, 'INVALID_OAUTHSCOPE', `The OAuth token lacks a scope this call needs: ${required.join(' or ')}.`),
  throttled: () => calendarError(429, 'TOO_MANY_REQUESTS', 'API usage limit exceeded; the API is locked for a while.'),
  notFound: () => calendarError(404, 'URL_NOT_FOUND', 'The requested URL was not found.'),
  methodNotAllowed: (method) => calendarError(405, 'METHOD_NOT_ALLOWED', `The HTTP method ${method} is not allowed for the requested resource.`),
  serverError: (status) => calendarError(status, 'INTERNAL_ERROR', 'Internal error.'),
};

class Refusal extends Error {
  constructor(readonly response: EmulatorResponse) {
    super('refused');
  }
}

const refuse = (status: number, code: string, message: string, param?: string): never => {
  throw new Refusal(calendarError(status, code, message, param));
};

function guarded(handle: (req: EmulatorRequest<CalendarState>) => EmulatorResponse): (req: EmulatorRequest<CalendarState>) => EmulatorResponse {
  return (req) => {
    try {
      return handle(req);
    } catch (err) {
      if (err instanceof Refusal) return err.response;
      throw err;
    }
  };
}

// ---------------------------------------------------------------------------------------------- wire shapes

function calendarJson(c: EmuCalendar): Record<string, unknown> {
  return {
    uid: c.uid,
    id: c.id,
    name: c.name,
    color: c.color,
    textcolor: '#FFFFFF',
    timezone: c.timezone,
    description: c.description,
    privilege: c.privilege,
    category: c.category,
    isdefault: c.isdefault,
    include_infreebusy: c.includeInFreebusy,
    visibility: true,
    status: true,
    reminders: [{ minutes: '-15', action: 'popup' }],
    ctag: c.modified,
    lastmodifiedtime: toWireUtc(c.modified),
  };
}

function dateandtime(fields: EmuEventFields, zone = fields.timezone): Record<string, string> {
  if (fields.allDay) {
    const first = DateTime.fromMillis(fields.start, { zone: fields.timezone });
    const last = DateTime.fromMillis(fields.end, { zone: fields.timezone }).minus({ days: 1 });
    return { timezone: fields.timezone, start: first.toFormat('yyyyMMdd'), end: (last < first ? first : last).toFormat('yyyyMMdd') };
  }
  return { timezone: zone, start: toWireLocal(fields.start, zone), end: toWireLocal(fields.end, zone) };
}

type Style = 'full' | 'list' | 'instance';

function eventJson(state: CalendarState, instance: EmuInstance, options: { style: Style; large?: boolean; zone?: string | undefined }): Record<string, unknown> {
  const { event, fields } = instance;
  const calendar = state.calendars.find((c) => c.uid === event.calendarUid);
  const zone = options.zone ?? fields.timezone;
  const who = state.signedIn.toLowerCase();
  const role = event.organizer.toLowerCase() === who ? 'organizer' : fields.attendees.some((a) => a.email.toLowerCase() === who) ? 'attendee' : 'participant';
  const duration = fields.end - fields.start;
  const out: Record<string, unknown> = {
    uid: event.uid,
    etag: options.style === 'list' ? instance.etag : String(instance.etag),
    title: fields.title,
    caluid: event.calendarUid,
    calid: calendar?.id,
    isallday: fields.allDay,
    isprivate: fields.isprivate,
    multiday: duration > DAY || DateTime.fromMillis(fields.start, { zone }).toISODate() !== DateTime.fromMillis(fields.end - (fields.allDay ? DAY : 0), { zone }).toISODate(),
    role,
    organizer: event.organizer,
    createdby: event.createdBy,
    modifiedby: event.modifiedBy,
    createdtime: toWireUtc(event.created),
    lastmodifiedtime: toWireUtc(event.modified),
  };
  if (instance.recurrenceid && options.style === 'instance') out.recurrenceid = instance.recurrenceid;
  out.dateandtime = dateandtime(fields, zone);
  out.duration = options.style === 'list' ? duration : String(duration);
  out.enable_eventmanagement = false;
  out.has_attachment = false;
  if (options.style === 'instance') return out;
  if (options.style === 'list' && !fields.allDay) {
    out.start = DateTime.fromMillis(fields.start, { zone }).toFormat("yyyyMMdd'T'HHmmss");
    out.end = DateTime.fromMillis(fields.end, { zone }).toFormat("yyyyMMdd'T'HHmmss");
  }
  if (fields.location) out.location = fields.location;
  if (options.large && fields.description) out.description = fields.description;
  out.attendees = fields.attendees.map((a) => ({ email: a.email, status: a.status, permission: a.permission, attendance: a.attendance }));
  out.reminders = fields.reminders.map((r) => ({ action: r.action, minutes: String(r.minutes) }));
  if (event.rrule) out.rrule = event.rrule;
  out.transparency = fields.transparency;
  if (fields.color) out.color = fields.color;
  if (fields.url) out.url = fields.url;
  return out;
}

const wantsLarge = (req: EmulatorRequest<CalendarState>) => String(req.headers.accept ?? '').includes('application/json+large');

// ---------------------------------------------------------------------------------------------- inputs

function jsonParam(req: EmulatorRequest<CalendarState>, name: string, required: boolean): Record<string, unknown> | undefined {
  const form = req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {};
  const raw = req.query.get(name) ?? (typeof form[name] === 'string' ? (form[name] as string) : undefined) ?? (form[name] && typeof form[name] === 'object' ? JSON.stringify(form[name]) : undefined);
  if (raw === undefined || raw === '') {
    if (required) refuse(400, 'MISSING_PARAM', `The parameter ${name} is mandatory.`, name);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return refuse(400, 'INVALID_JSON', `The parameter ${name} is not a valid JSON object.`, name);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) refuse(400, 'INVALID_JSON', `The parameter ${name} must be a JSON object.`, name);
  return parsed as Record<string, unknown>;
}

/** A `range` or `dateandtime` boundary: `yyyyMMdd'T'HHmmss'Z'`, with an offset, offset-less (in `zone`) or a date. */
function wireTime(value: unknown, param: string, zone: string, endOfDay = false): number {
  if (typeof value !== 'string' || !value.trim()) return refuse(400, 'MISSING_PARAM', `${param} is mandatory.`, param);
  const ms = parseWireTime(value, zone);
  if (ms === undefined) return refuse(400, 'INVALID_DATE', `${param} "${value.slice(0, 40)}" is not in the format yyyyMMdd'T'HHmmss'Z' or yyyyMMdd.`, param);
  return endOfDay && /^\d{8}$/.test(value.trim()) ? DateTime.fromMillis(ms, { zone }).plus({ days: 1 }).toMillis() : ms;
}

function readRange(req: EmulatorRequest<CalendarState>, zone: string, maxDays: number): [number, number] {
  const range = jsonParam(req, 'range', true)!;
  const start = wireTime(range.start, 'range.start', zone);
  const end = wireTime(range.end, 'range.end', zone, true);
  if (end <= start) refuse(400, 'INVALID_PARAM', 'range.end must be after range.start.', 'range');
  if (end - start > maxDays * DAY) refuse(400, 'RANGE_EXCEEDED', `The range period cannot exceed ${maxDays} days.`, 'range');
  return [start, end];
}

function outputZone(req: EmulatorRequest<CalendarState>): string | undefined {
  const zone = req.query.get('timezone');
  if (zone === null || zone === '') return undefined;
  if (!isValidZone(zone)) refuse(400, 'INVALID_TIMEZONE', `"${zone.slice(0, 60)}" is not a valid time zone.`, 'timezone');
  return zone;
}

function text(data: Record<string, unknown>, key: keyof typeof LIMITS & string): string | undefined {
  const v = data[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return refuse(400, 'INVALID_PARAM', `${key} must be a string.`, key);
  if (v.length > LIMITS[key]) refuse(400, 'INVALID_PARAM', `${key} exceeds ${LIMITS[key]} characters.`, key);
  return v;
}

function bool(data: Record<string, unknown>, key: string): boolean | undefined {
  const v = data[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return refuse(400, 'INVALID_PARAM', `${key} must be true or false.`, key);
}

function attendeesOf(value: unknown, organizer: string, previous: EmuAttendee[]): EmuAttendee[] {
  if (!Array.isArray(value)) return refuse(400, 'INVALID_ATTENDEE', 'attendees must be an array of {email, permission, attendance}.', 'attendees');
  if (value.length > LIMITS.attendees) refuse(400, 'INVALID_ATTENDEE', `At most ${LIMITS.attendees} attendees.`, 'attendees');
  return value.map((a, i) => {
    const email = a && typeof a === 'object' ? (a as Record<string, unknown>).email : undefined;
    if (typeof email !== 'string' || !EMAIL.test(email)) refuse(400, 'INVALID_ATTENDEE', `attendees[${i}].email is not a valid email address.`, 'attendees');
    const entry = a as Record<string, unknown>;
    const known = previous.find((p) => p.email.toLowerCase() === (email as string).toLowerCase());
    const permission = entry.permission === undefined ? (known?.permission ?? 1) : Number(entry.permission);
    const attendance = entry.attendance === undefined ? (known?.attendance ?? 1) : Number(entry.attendance);
    if (![0, 1, 2, 3].includes(permission)) refuse(400, 'INVALID_ATTENDEE', `attendees[${i}].permission must be 0, 1, 2 or 3.`, 'attendees');
    if (![0, 1, 2].includes(attendance)) refuse(400, 'INVALID_ATTENDEE', `attendees[${i}].attendance must be 0, 1 or 2.`, 'attendees');
    const status = known?.status ?? ((email as string).toLowerCase() === organizer.toLowerCase() ? 'ACCEPTED' : 'NEEDS-ACTION');
    return { email: email as string, status, permission, attendance };
  });
}

function remindersOf(value: unknown): EmuReminder[] {
  if (!Array.isArray(value)) return refuse(400, 'INVALID_PARAM', 'reminders must be an array of {action, minutes}.', 'reminders');
  if (value.length > LIMITS.reminders) refuse(400, 'INVALID_PARAM', `At most ${LIMITS.reminders} reminders.`, 'reminders');
  return value.map((r, i) => {
    const entry = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    const action = entry.action;
    if (action !== 'email' && action !== 'popup' && action !== 'notification') refuse(400, 'INVALID_PARAM', `reminders[${i}].action must be email, popup or notification.`, 'reminders');
    const minutes = Number(entry.minutes);
    if (!Number.isInteger(minutes) || Math.abs(minutes) > 40_320) refuse(400, 'INVALID_PARAM', `reminders[${i}].minutes must be whole minutes relative to the start (negative = before).`, 'reminders');
    return { action: action as EmuReminder['action'], minutes };
  });
}

/** The fields an `eventdata` sets, on top of `base` (an update) or defaults (a create). */
function applyEventdata(data: Record<string, unknown>, base: EmuEventFields, organizer: string): EmuEventFields {
  const out: EmuEventFields = { ...base };
  const dt = data.dateandtime;
  if (!dt || typeof dt !== 'object' || Array.isArray(dt)) return refuse(400, 'MISSING_PARAM', 'dateandtime is mandatory.', 'dateandtime');
  const when = dt as Record<string, unknown>;
  const allDay = bool(data, 'isallday') ?? base.allDay;
  const zone = when.timezone === undefined ? base.timezone : when.timezone;
  if (typeof zone !== 'string' || !isValidZone(zone)) refuse(400, 'INVALID_TIMEZONE', `dateandtime.timezone "${String(zone).slice(0, 60)}" is not a valid time zone.`, 'dateandtime.timezone');
  out.timezone = zone as string;
  out.allDay = allDay;
  if (allDay) {
    for (const k of ['start', 'end'] as const) {
      if (typeof when[k] !== 'string' || !/^\d{8}$/.test((when[k] as string).trim())) refuse(400, 'INVALID_DATE', `dateandtime.${k} of an all-day event must be yyyyMMdd.`, `dateandtime.${k}`);
    }
    out.start = wireTime(when.start, 'dateandtime.start', out.timezone);
    out.end = wireTime(when.end, 'dateandtime.end', out.timezone, true);
  } else {
    out.start = wireTime(when.start, 'dateandtime.start', out.timezone);
    out.end = wireTime(when.end, 'dateandtime.end', out.timezone);
  }
  if (out.end < out.start) refuse(400, 'INVALID_PARAM', 'dateandtime.end must not be before dateandtime.start.', 'dateandtime');
  const title = text(data, 'title');
  if (title !== undefined) out.title = title;
  const location = text(data, 'location');
  if (location !== undefined) out.location = location;
  const description = text(data, 'description');
  if (description !== undefined) out.description = description;
  const isprivate = bool(data, 'isprivate');
  if (isprivate !== undefined) out.isprivate = isprivate;
  if (data.transparency !== undefined) {
    const t = Number(data.transparency);
    if (t !== 0 && t !== 1) refuse(400, 'INVALID_PARAM', 'transparency must be 0 (busy) or 1 (free).', 'transparency');
    out.transparency = t;
  }
  if (data.attendees !== undefined) out.attendees = attendeesOf(data.attendees, organizer, base.attendees);
  if (data.reminders !== undefined) out.reminders = remindersOf(data.reminders);
  if (typeof data.color === 'string') out.color = data.color;
  if (typeof data.url === 'string') out.url = data.url;
  return out;
}

function ruleOf(data: Record<string, unknown>, fields: EmuEventFields): string | undefined {
  const rule = data.rrule;
  if (rule === undefined || rule === null || rule === '') return undefined;
  if (typeof rule !== 'string') return refuse(400, 'INVALID_RRULE', 'rrule must be a string such as FREQ=WEEKLY;BYDAY=MO.', 'rrule');
  try {
    return normaliseRecurrence(rule, 'rrule', { ms: fields.start, zone: fields.timezone });
  } catch (err) {
    return refuse(400, 'INVALID_RRULE', `Invalid rrule: ${err instanceof Error ? err.message : String(err)}`, 'rrule');
  }
}

function etagOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isSafeInteger(n)) return refuse(400, 'INVALID_PARAM', 'etag must be the number the last read returned.', 'etag');
  return n;
}

function checkEtag(sent: number | undefined, current: number): void {
  if (sent === undefined) refuse(400, 'ETAG_MISSING', 'etag is mandatory: read the event first and send its etag.', 'etag');
  if (sent !== current) refuse(409, 'ETAG_MISMATCH', `The event was modified since it was read (etag ${sent} is not the current ${current}); read it again.`, 'etag');
}

// ---------------------------------------------------------------------------------------------- lookups

function calendarFor(req: EmulatorRequest<CalendarState>): EmuCalendar {
  const c = calendarByUid(req.state, req.params.cal!);
  if (!c) return refuse(404, 'CALENDAR_NOT_FOUND', `No calendar has the uid ${req.params.cal!.slice(0, 64)}.`, 'calendar_uid');
  return c;
}

function eventFor(req: EmulatorRequest<CalendarState>, calendar: EmuCalendar): EmuEvent {
  const e = req.state.events.find((x) => x.uid === req.params.event && x.calendarUid === calendar.uid);
  if (!e) return refuse(404, 'EVENT_NOT_FOUND', `No event ${req.params.event!.slice(0, 80)} in this calendar.`, 'event_uid');
  return e;
}

function writable(calendar: EmuCalendar): void {
  if (calendar.privilege === 'read') refuse(403, 'NO_PERMISSION', `You can only view the calendar "${calendar.name}"; ask its owner for edit access.`, 'calendar_uid');
}

function touch(state: CalendarState, event: EmuEvent, now: number): void {
  event.modified = now;
  event.modifiedBy = state.signedIn;
  event.etag = state.nextEtag(now);
}

const master = (event: EmuEvent): EmuInstance => ({ event, fields: eventFields(event), etag: event.etag });

// ---------------------------------------------------------------------------------------------- routes

const READ_CALENDARS = ['ZohoCalendar.calendar.READ'];
const READ_EVENTS = ['ZohoCalendar.event.READ'];

export const calendarRoutes: EmulatorRoute<CalendarState>[] = [
  {
    method: 'GET',
    path: '/api/v1/calendars',
    scopes: READ_CALENDARS,
    handle: (req) => {
      const category = req.query.get('category');
      const calendars = req.state.calendars.filter((c) => !category || c.category === category);
      return { status: 200, body: { calendars: calendars.map(calendarJson) } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/calendars/freebusy',
    scopes: ['ZohoCalendar.freebusy.READ'],
    handle: guarded((req) => {
      const email = req.query.get('uemail');
      if (!email) return refuse(400, 'MISSING_PARAM', 'The parameter uemail is mandatory.', 'uemail');
      const from = wireTime(req.query.get('sdate') ?? undefined, 'sdate', 'utc');
      const to = wireTime(req.query.get('edate') ?? undefined, 'edate', 'utc');
      if (to <= from) refuse(400, 'INVALID_PARAM', 'edate must be after sdate.', 'edate');
      if (to - from > MAX_RANGE_DAYS * DAY) refuse(400, 'RANGE_EXCEEDED', `The range period cannot exceed ${MAX_RANGE_DAYS} days.`, 'edate');
      const ftype = req.query.get('ftype') ?? 'eventbased';
      if (ftype !== 'eventbased' && ftype !== 'timebased') refuse(400, 'INVALID_PARAM', 'ftype must be eventbased or timebased.', 'ftype');
      const user = req.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
      if (!user) return { status: 200, body: { NODATA: true } };
      if (!user.freebusy && user.email !== req.state.signedIn) return { status: 200, body: { fb_not_enabled: true } };
      const busy = busyInstances(req.state, user.email, from, to).map((i) => ({ start: Math.max(i.fields.start, from), end: Math.min(i.fields.end, to), allDay: i.fields.allDay }));
      if (ftype === 'eventbased') return { status: 200, body: { freebusy: busy.map((b) => ({ startTime: toWireUtc(b.start), endTime: toWireUtc(b.end), fbtype: 'busy' })) } };
      const byDay: Record<string, [{ allday: true } | null, string[]]> = {};
      for (const b of busy) {
        const day = DateTime.fromMillis(b.start, { zone: 'utc' });
        const entry = (byDay[day.toFormat('yyyyMMdd')] ??= [null, []]);
        if (b.allDay) entry[0] = { allday: true };
        else entry[1].push(`${day.toFormat('HH:mm')}-${DateTime.fromMillis(b.end, { zone: 'utc' }).toFormat('HH:mm')}`);
      }
      return { status: 200, body: byDay };
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendars/:cal',
    scopes: READ_CALENDARS,
    handle: guarded((req) => ({ status: 200, body: { calendars: [calendarJson(calendarFor(req))] } })),
  },
  {
    method: 'GET',
    path: '/api/v1/calendars/:cal/events',
    scopes: READ_EVENTS,
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const zone = outputZone(req);
      const [from, to] = readRange(req, zone ?? calendar.timezone, MAX_RANGE_DAYS);
      const byInstance = req.query.get('byinstance') === 'true';
      const large = wantsLarge(req);
      const items: Record<string, unknown>[] = [];
      const events = req.state.events.filter((e) => e.calendarUid === calendar.uid);
      const listed: { at: number; json: Record<string, unknown> }[] = [];
      for (const event of events) {
        const instances = instancesOf(event, from, to);
        if (!instances.length) continue;
        if (byInstance) for (const i of instances) listed.push({ at: i.fields.start, json: eventJson(req.state, i, { style: 'instance', zone }) });
        else listed.push({ at: instances[0]!.fields.start, json: eventJson(req.state, master(event), { style: 'list', large, zone }) });
      }
      listed.sort((a, b) => a.at - b.at).forEach((l) => items.push(l.json));
      return { status: 200, body: { events: items } };
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendars/:cal/events/:event',
    scopes: READ_EVENTS,
    handle: guarded((req) => {
      const event = eventFor(req, calendarFor(req));
      return { status: 200, body: { events: [eventJson(req.state, master(event), { style: 'full', large: wantsLarge(req) })] } };
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendars/:cal/events/:event/byinstance',
    scopes: READ_EVENTS,
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const event = eventFor(req, calendar);
      if (!event.rrule) refuse(400, 'NOT_A_REPEAT_EVENT', 'This API works only for the uid of a repeat event.', 'event_uid');
      const [from, to] = readRange(req, calendar.timezone, MAX_INSTANCE_RANGE_DAYS);
      return { status: 200, body: { events: instancesOf(event, from, to).map((i) => eventJson(req.state, i, { style: 'instance' })) } };
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/calendars/:cal/events',
    scopes: ['ZohoCalendar.event.CREATE'],
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const data = jsonParam(req, 'eventdata', true)!;
      writable(calendar);
      const organizer = req.state.signedIn;
      const blank: EmuEventFields = { title: '', description: '', location: '', isprivate: false, transparency: 0, timezone: calendar.timezone, allDay: false, start: 0, end: 0, attendees: [], reminders: [], color: '', url: '' };
      const fields = applyEventdata(data, blank, organizer);
      if (!fields.title.trim()) refuse(400, 'MISSING_PARAM', 'title is mandatory.', 'title');
      const rrule = ruleOf(data, fields);
      const now = req.now;
      const event: EmuEvent = {
        ...fields,
        uid: req.state.nextUid(),
        id: req.state.nextId(),
        calendarUid: calendar.uid,
        organizer,
        createdBy: organizer,
        modifiedBy: organizer,
        created: now,
        modified: now,
        etag: req.state.nextEtag(now),
        exceptions: new Map(),
        ...(rrule ? { rrule } : {}),
      };
      req.state.events.push(event);
      return { status: 200, body: { events: [eventJson(req.state, master(event), { style: 'full', large: true })] } };
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/calendars/:cal/events/:event',
    scopes: ['ZohoCalendar.event.UPDATE'],
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const event = eventFor(req, calendar);
      const destination = req.query.get('destinationcaluid');
      if (!destination) return refuse(400, 'MISSING_PARAM', 'The parameter destinationcaluid is mandatory.', 'destinationcaluid');
      const target = calendarByUid(req.state, destination);
      if (!target) return refuse(404, 'CALENDAR_NOT_FOUND', `No calendar has the uid ${destination.slice(0, 64)}.`, 'destinationcaluid');
      writable(calendar);
      writable(target);
      event.calendarUid = target.uid;
      touch(req.state, event, req.now);
      return { status: 200, body: { events: [eventJson(req.state, master(event), { style: 'full', large: true })] } };
    }),
  },
  {
    method: 'PUT',
    path: '/api/v1/calendars/:cal/events/:event',
    scopes: ['ZohoCalendar.event.UPDATE'],
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const event = eventFor(req, calendar);
      const data = jsonParam(req, 'eventdata', true)!;
      writable(calendar);
      const sent = etagOf(data.etag);
      const rid = typeof data.recurrenceid === 'string' && data.recurrenceid ? data.recurrenceid : undefined;
      const edit = typeof data.recurrence_edittype === 'string' ? data.recurrence_edittype : rid ? 'only' : 'all';
      if (!['only', 'following', 'all'].includes(edit)) refuse(400, 'INVALID_PARAM', 'recurrence_edittype must be only, following or all.', 'recurrence_edittype');
      const now = req.now;
      if (rid && edit !== 'all') {
        if (!event.rrule) refuse(400, 'NOT_A_REPEAT_EVENT', 'recurrenceid is only for instances of a repeat event.', 'recurrenceid');
        const original = instantOfRecurrenceId(rid, event.timezone);
        const exception = event.exceptions.get(rid);
        if (original === undefined || exception?.deleted || (!exception && !hasInstance(event, rid))) return refuse(404, 'EVENT_NOT_FOUND', `The repeat event has no instance ${rid.slice(0, 20)}.`, 'recurrenceid');
        checkEtag(sent, exception?.etag ?? event.etag);
        const current: EmuEventFields = { ...eventFields(event), start: original, end: original + (event.end - event.start), ...exception?.fields };
        if (data.rrule !== undefined && edit === 'only') refuse(400, 'INVALID_PARAM', 'rrule cannot change for a single instance; edit the series.', 'rrule');
        const fields = applyEventdata(data, current, event.organizer);
        if (edit === 'only') {
          const changed: Partial<EmuEventFields> = {};
          for (const [k, v] of Object.entries(fields) as [keyof EmuEventFields, unknown][]) {
            if (JSON.stringify(v) !== JSON.stringify(eventFields(event)[k]) || k === 'start' || k === 'end') (changed as Record<string, unknown>)[k] = v;
          }
          const etag = req.state.nextEtag(now);
          event.exceptions.set(rid, { fields: changed, etag, modified: now });
          touch(req.state, event, now);
          const instance: EmuInstance = { event, recurrenceid: rid, fields, etag };
          return { status: 200, body: { events: [{ ...eventJson(req.state, instance, { style: 'full', large: true }), recurrenceid: rid }] } };
        }
        // following: the series ends before this instance; a new series starts here with the changes.
        const rule = ruleOf({ rrule: data.rrule ?? event.rrule }, fields);
        const until = DateTime.fromMillis(original - 1000, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
        event.rrule = event.rrule!.replace(/;?(COUNT|UNTIL)=[^;]*/g, '') + `;UNTIL=${until}`;
        touch(req.state, event, now);
        const next: EmuEvent = { ...fields, uid: req.state.nextUid(), id: req.state.nextId(), calendarUid: calendar.uid, organizer: event.organizer, createdBy: req.state.signedIn, modifiedBy: req.state.signedIn, created: now, modified: now, etag: req.state.nextEtag(now), exceptions: new Map(), ...(rule ? { rrule: rule } : {}) };
        req.state.events.push(next);
        return { status: 200, body: { events: [eventJson(req.state, master(next), { style: 'full', large: true })] } };
      }
      checkEtag(sent, event.etag);
      const before = eventFields(event);
      const fields = applyEventdata(data, before, event.organizer);
      const rrule = data.rrule === undefined ? event.rrule : ruleOf(data, fields);
      if (event.rrule && data.rrule === undefined && fields.start !== before.start) {
        // The series moves: its first start must still be an occurrence.
        ruleOf({ rrule: event.rrule }, fields);
      }
      const ruleChanged = rrule !== event.rrule;
      Object.assign(event, fields);
      if (rrule) event.rrule = rrule;
      else delete event.rrule;
      // A series that moves or gets another rule drops its changed and cancelled instances.
      if (fields.start !== before.start || fields.end !== before.end || ruleChanged) event.exceptions.clear();
      touch(req.state, event, now);
      return { status: 200, body: { events: [eventJson(req.state, master(event), { style: 'full', large: true })] } };
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/calendars/:cal/events/:event',
    scopes: ['ZohoCalendar.event.DELETE'],
    handle: guarded((req) => {
      const calendar = calendarFor(req);
      const event = eventFor(req, calendar);
      const data = jsonParam(req, 'eventdata', false) ?? {};
      writable(calendar);
      const header = req.headers.etag;
      const sent = etagOf(data.etag ?? (Array.isArray(header) ? header[0] : header));
      const rid = typeof data.recurrenceid === 'string' && data.recurrenceid ? data.recurrenceid : undefined;
      const edit = typeof data.recurrence_edittype === 'string' ? data.recurrence_edittype : rid ? 'only' : 'all';
      const now = req.now;
      if (rid && edit !== 'all') {
        if (!event.rrule) refuse(400, 'NOT_A_REPEAT_EVENT', 'recurrenceid is only for instances of a repeat event.', 'recurrenceid');
        const exception = event.exceptions.get(rid);
        const original = instantOfRecurrenceId(rid, event.timezone);
        if (original === undefined || exception?.deleted || (!exception && !hasInstance(event, rid))) return refuse(404, 'EVENT_NOT_FOUND', `The repeat event has no instance ${rid.slice(0, 20)}.`, 'recurrenceid');
        checkEtag(sent, exception?.etag ?? event.etag);
        if (edit === 'following') {
          const until = DateTime.fromMillis(original - 1000, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
          event.rrule = event.rrule!.replace(/;?(COUNT|UNTIL)=[^;]*/g, '') + `;UNTIL=${until}`;
        } else event.exceptions.set(rid, { deleted: true, etag: req.state.nextEtag(now), modified: now });
        touch(req.state, event, now);
        return { status: 200, body: { events: [{ uid: event.uid, recurrenceid: rid, message: 'Event deleted successfully.' }] } };
      }
      checkEtag(sent, event.etag);
      req.state.events.splice(req.state.events.indexOf(event), 1);
      return { status: 200, body: { events: [{ uid: event.uid, message: 'Event deleted successfully.' }] } };
    }),
  },
];

