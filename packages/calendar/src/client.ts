import { DEFAULT_FILES_DIR, FilesFolder, ToolInputError, ZohoApiError, type QueryValue, type ZohoAppClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { calendarEnvelopeReader } from './envelope.js';
import { mergeBusy } from './slots.js';
import { DAY_MS, parseWireTime, splitRange, toWireUtc } from './time.js';

/** One calendar as `GET /api/v1/calendars` sends it. URLs take its `uid`, not its `id`. */
export interface CalendarInfo {
  uid: string;
  id?: string;
  name: string;
  color?: string;
  textcolor?: string;
  timezone?: string;
  description?: string;
  /** `owner`, `read`, `write`, … (only `owner` is confirmed). */
  privilege?: string;
  category?: string;
  isdefault?: boolean;
  include_infreebusy?: boolean;
  visibility?: boolean;
  status?: boolean;
  reminders?: { minutes: string | number; action: string }[];
  ctag?: number | string;
  lastmodifiedtime?: string;
  [key: string]: unknown;
}

export interface ZohoAttendee {
  email: string;
  status?: string;
  permission?: number | string;
  attendance?: number | string;
  [key: string]: unknown;
}

export interface ZohoReminder {
  action: string;
  minutes: number | string;
}

/** An event as Zoho sends it (get, create, update, list; instances of repeat events carry `recurrenceid`). */
export interface ZohoEvent {
  uid: string;
  /** A number or a numeric string (the digest shows both); send it back unchanged. */
  etag?: number | string;
  title?: string;
  caluid?: string;
  calid?: string;
  isallday?: boolean;
  isprivate?: boolean;
  multiday?: boolean;
  role?: string;
  organizer?: string;
  createdby?: string;
  modifiedby?: string;
  createdtime?: string;
  lastmodifiedtime?: string;
  dateandtime?: { timezone?: string; start: string; end: string };
  start?: string;
  end?: string;
  duration?: number | string;
  location?: string;
  description?: string;
  attendees?: ZohoAttendee[];
  reminders?: ZohoReminder[];
  rrule?: string;
  recurrenceid?: string;
  transparency?: number;
  color?: string;
  url?: string;
  [key: string]: unknown;
}

/** What create and update send as `eventdata` (shared/zoho-api/calendar.md §3). */
export interface EventData {
  title?: string;
  dateandtime: { timezone: string; start: string; end: string };
  isallday?: boolean;
  isprivate?: boolean;
  location?: string;
  description?: string;
  attendees?: { email: string; permission: number; attendance: number }[];
  reminders?: { action: string; minutes: string }[];
  rrule?: string;
  transparency?: number;
  etag?: number | string;
  recurrenceid?: string;
  recurrence_edittype?: 'only' | 'following' | 'all';
  [key: string]: unknown;
}

/** An event's time span as instants; all-day events run from midnight to midnight in their zone. */
export interface EventTimes {
  start: number;
  end: number;
  allDay: boolean;
  zone: string;
}

export type FreeBusyAnswer =
  | { status: 'ok'; busy: { start: number; end: number }[] }
  /** `fb_not_enabled`: the person does not share free/busy. */
  | { status: 'not_shared' }
  /** `NODATA`: Zoho has no free/busy for the address (e.g. outside the organization). */
  | { status: 'no_data' };

/** Options of the Calendar plugin (`pluginOptions: { calendar: {...} }`). */
export interface CalendarClientOptions {
  /**
   * The calendar tools use when none is named. Default: the calendar Zoho marks `isdefault` (looked up once);
   * the example agent has no variable for it, pass it here.
   */
  calendarUid?: string | undefined;
  /** The one folder `.ics` files are read from and written to (default `./zoho-files`, core's DEFAULT_FILES_DIR). */
  files?: FilesFolder | undefined;
  /** Longest range of one events list (Zoho: 31 days). */
  maxRangeDays?: number | undefined;
  /**
   * How `eventdata` travels: in the query string as Zoho documents (`query`), as a url-encoded form field as
   * Pipedream sends it (`form`, unconfirmed), or the query unless the URL would grow past 6,000 characters
   * (`auto`, the default).
   */
  eventdataIn?: 'auto' | 'query' | 'form' | undefined;
  /** The clock for "now" in defaults and in excluding past slots (tests). */
  now?: (() => number) | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

const BASE = '/api/v1';
/** Descriptions only come back with this Accept header (calendar.md §1). */
const LARGE = { accept: 'application/json+large' };
const CALENDAR_CACHE_MS = 60_000;
const QUERY_LIMIT = 6_000;

const path = (...parts: string[]) => `${BASE}/${parts.map(encodeURIComponent).join('/')}`;

/** Zoho's time fields → instants, in the event's zone. All-day ends name the last day (inclusive). */
export function eventTimes(event: ZohoEvent, fallbackZone: string): EventTimes | undefined {
  const zone = event.dateandtime?.timezone || fallbackZone;
  const start = event.dateandtime?.start ?? event.start;
  const end = event.dateandtime?.end ?? event.end;
  if (!start) return undefined;
  const allDay = event.isallday === true || /^\d{8}$/.test(start);
  const s = parseWireTime(allDay ? start.slice(0, 8) : start, zone);
  if (s === undefined) return undefined;
  if (allDay) {
    const last = end ? parseWireTime(end.slice(0, 8), zone) : undefined;
    const from = last === undefined || last < s ? s : last;
    return { start: s, end: DateTime.fromMillis(from, { zone }).plus({ days: 1 }).toMillis(), allDay, zone };
  }
  const e = end ? parseWireTime(end, zone) : undefined;
  return { start: s, end: e === undefined || e < s ? s : e, allDay, zone };
}

/** The key one occurrence is known by across requests: uid plus recurrence id (or start). */
export function occurrenceKey(event: ZohoEvent): string {
  return `${event.uid}|${event.recurrenceid ?? event.dateandtime?.start ?? event.start ?? ''}`;
}

/** Typed calls to the Zoho Calendar REST API v1 (`https://calendar.zoho.<tld>/api/v1`); no LLM concerns. */
export class CalendarClient {
  readonly http: ZohoAppClient;
  readonly files: FilesFolder;
  readonly maxRangeMs: number;
  readonly now: () => number;
  private calendarsCache: { at: number; list: Promise<CalendarInfo[]> } | undefined;

  constructor(
    connection: ZohoConnection,
    readonly options: CalendarClientOptions = {},
  ) {
    this.http = connection.app({ app: 'calendar', readError: calendarEnvelopeReader });
    this.files = options.files ?? new FilesFolder(DEFAULT_FILES_DIR);
    this.maxRangeMs = (options.maxRangeDays ?? 31) * DAY_MS;
    this.now = options.now ?? Date.now;
  }

  private async get<T>(p: string, query: Record<string, QueryValue> = {}, options: CallOptions = {}, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.http.request<T>({ method: 'GET', path: p, query, headers, signal: options.signal });
    return res.data;
  }

  /** `GET /calendars`: the user's calendars (no filters; the first argument is an empty object). Cached for a minute. */
  listCalendars(_params: Record<string, never> = {}, options: CallOptions = {}): Promise<CalendarInfo[]> {
    const cached = this.calendarsCache;
    if (cached && this.now() - cached.at < CALENDAR_CACHE_MS) return cached.list;
    const list = this.get<{ calendars?: CalendarInfo[] } | undefined>(`${BASE}/calendars`, {}, options).then((r) => r?.calendars ?? []);
    this.calendarsCache = { at: this.now(), list };
    list.catch(() => {
      if (this.calendarsCache?.list === list) this.calendarsCache = undefined;
    });
    return list;
  }

  /**
   * The calendar a tool works on: the one named (by uid, from calendar_list_calendars), else the configured
   * one, else the calendar Zoho marks as default.
   */
  async resolveCalendar(uid: string | undefined, options: CallOptions = {}, field = 'calendar_uid'): Promise<CalendarInfo> {
    const calendars = await this.listCalendars({}, options);
    const wanted = uid ?? this.options.calendarUid;
    if (wanted) {
      const found = calendars.find((c) => c.uid === wanted);
      if (found) return found;
      const listed = calendars.map((c) => `${c.name} (${c.uid})`).join(', ');
      if (uid) throw new ToolInputError(field, `no calendar has the uid ${JSON.stringify(uid.slice(0, 64))}; the user's calendars: ${listed || 'none'}`);
      throw new ToolInputError(field, `the configured calendarUid ${JSON.stringify(wanted.slice(0, 64))} is not one of the user's calendars (${listed || 'none'})`);
    }
    const primary = calendars.find((c) => c.isdefault === true) ?? (calendars.length === 1 ? calendars[0] : undefined);
    if (primary) return primary;
    if (!calendars.length) throw new ToolInputError(field, 'this Zoho user has no calendar');
    throw new ToolInputError(field, `no calendar is marked default; name one: ${calendars.map((c) => `${c.name} (${c.uid})`).join(', ')}`);
  }

  /** `GET /calendars/{uid}/events` for one range of at most 31 days (descriptions included). */
  async listEventsOnce(calendarUid: string, start: number, end: number, params: { byinstance?: boolean } = {}, options: CallOptions = {}): Promise<ZohoEvent[]> {
    const query: Record<string, QueryValue> = { range: JSON.stringify({ start: toWireUtc(start), end: toWireUtc(end) }) };
    if (params.byinstance) query.byinstance = true;
    const res = await this.get<{ events?: ZohoEvent[] } | undefined>(path('calendars', calendarUid, 'events'), query, options, LARGE);
    return res?.events ?? [];
  }

  /**
   * Events of one calendar in [start, end) of any length, as Zoho lists them: the range is split into Zoho's
   * 31-day pieces and the answers merged. `events` has each event once (a repeat event as its series, with
   * `rrule` and its first start); `instances` the instances of the repeat events (a second, `byinstance`
   * request, only for the pieces that hold a series), each once.
   */
  async listEventsAndInstances(calendar: CalendarInfo, start: number, end: number, options: CallOptions = {}): Promise<{ events: ZohoEvent[]; instances: ZohoEvent[] }> {
    const events = new Map<string, ZohoEvent>();
    const instances = new Map<string, ZohoEvent>();
    for (const [from, to] of splitRange(start, end, this.maxRangeMs)) {
      const listed = await this.listEventsOnce(calendar.uid, from, to, {}, options);
      for (const e of listed) if (!events.has(e.uid)) events.set(e.uid, { ...e, caluid: e.caluid ?? calendar.uid });
      if (!listed.some((e) => e.rrule)) continue;
      for (const i of await this.listEventsOnce(calendar.uid, from, to, { byinstance: true }, options)) {
        const key = occurrenceKey(i);
        if (i.recurrenceid && !instances.has(key)) instances.set(key, { ...i, caluid: i.caluid ?? calendar.uid });
      }
    }
    return { events: [...events.values()], instances: [...instances.values()] };
  }

  /**
   * Events of one calendar in [start, end) of any length, sorted by start. With `expand`, repeat events come
   * as their instances, carrying the series' details (attendees, location, rrule) that instance lists leave out.
   */
  async listEvents(calendar: CalendarInfo, start: number, end: number, params: { expand?: boolean } = {}, options: CallOptions = {}): Promise<ZohoEvent[]> {
    const zone = calendar.timezone ?? 'UTC';
    const { events, instances } = await this.listEventsAndInstances(calendar, start, end, options);
    let items = events;
    if (params.expand) {
      const series = new Map(events.filter((e) => e.rrule).map((e) => [e.uid, e]));
      items = [
        ...events.filter((e) => !e.rrule),
        ...instances.flatMap((i) => {
          const parent = series.get(i.uid);
          return parent ? [{ ...parent, ...i, rrule: parent.rrule as string }] : [];
        }),
      ];
    }
    const startOf = (e: ZohoEvent) => eventTimes(e, zone)?.start ?? 0;
    return items.filter((e) => !params.expand || overlapsRange(e, zone, start, end)).sort((a, b) => startOf(a) - startOf(b));
  }

  /** `GET /calendars/{cal}/events/{uid}`; undefined when Zoho answers not found. */
  async getEvent(calendarUid: string, eventUid: string, options: CallOptions = {}): Promise<ZohoEvent | undefined> {
    try {
      const res = await this.get<{ events?: ZohoEvent[] } | undefined>(path('calendars', calendarUid, 'events', eventUid), {}, options, LARGE);
      return res?.events?.[0];
    } catch (err) {
      if (err instanceof ZohoApiError && err.kind === 'not_found') return undefined;
      throw err;
    }
  }

  /** `GET /calendars/{cal}/events/{uid}/byinstance`: a repeat event's instances in a range of at most 90 days. */
  async getInstances(calendarUid: string, eventUid: string, start: number, end: number, options: CallOptions = {}): Promise<ZohoEvent[]> {
    const res = await this.get<{ events?: ZohoEvent[] } | undefined>(
      path('calendars', calendarUid, 'events', eventUid, 'byinstance'),
      { range: JSON.stringify({ start: toWireUtc(start), end: toWireUtc(end) }) },
      options,
      LARGE,
    );
    return res?.events ?? [];
  }

  /** Sends a write whose structured input is `eventdata`: in the query string (Zoho's way) or a form field. */
  private async eventdataWrite<T>(method: 'POST' | 'PUT' | 'DELETE', p: string, eventdata: unknown, options: CallOptions, headers: Record<string, string> = {}): Promise<T> {
    const text = JSON.stringify(eventdata);
    const mode = this.options.eventdataIn ?? 'auto';
    const inForm = mode === 'form' || (mode === 'auto' && encodeURIComponent(text).length > QUERY_LIMIT);
    const res = await this.http.request<T>({
      method,
      path: p,
      headers: { ...LARGE, ...headers },
      ...(inForm ? { form: { eventdata: text } } : { query: { eventdata: text } }),
      signal: options.signal,
    });
    return res.data;
  }

  /** `POST /calendars/{cal}/events?eventdata=…` → the created event. */
  async createEvent(calendarUid: string, eventdata: EventData, options: CallOptions = {}): Promise<ZohoEvent> {
    const res = await this.eventdataWrite<{ events?: ZohoEvent[] }>('POST', path('calendars', calendarUid, 'events'), eventdata, options);
    const created = res?.events?.[0];
    if (!created) throw new ZohoApiError({ app: 'calendar', status: 200, code: 'NO_EVENT', kind: 'unknown', message: 'Zoho answered the create without the event' });
    return created;
  }

  /** `PUT /calendars/{cal}/events/{uid}?eventdata=…` (with the current etag) → the event as it is now. */
  async updateEvent(calendarUid: string, eventUid: string, eventdata: EventData, options: CallOptions = {}): Promise<ZohoEvent> {
    const res = await this.eventdataWrite<{ events?: ZohoEvent[] }>('PUT', path('calendars', calendarUid, 'events', eventUid), eventdata, options);
    const updated = res?.events?.[0];
    if (!updated) throw new ZohoApiError({ app: 'calendar', status: 200, code: 'NO_EVENT', kind: 'unknown', message: 'Zoho answered the update without the event' });
    return updated;
  }

  /**
   * `DELETE /calendars/{cal}/events/{uid}` with the `etag` header; one instance of a repeat event with
   * `eventdata={uid, recurrenceid, etag, recurrence_edittype:"only"}` instead.
   */
  async deleteEvent(calendarUid: string, eventUid: string, etag: string, instance?: { recurrenceid: string }, options: CallOptions = {}): Promise<unknown> {
    const p = path('calendars', calendarUid, 'events', eventUid);
    if (instance) return this.eventdataWrite('DELETE', p, { uid: eventUid, recurrenceid: instance.recurrenceid, etag: etagValue(etag), recurrence_edittype: 'only' }, options);
    const res = await this.http.request({ method: 'DELETE', path: p, headers: { etag }, signal: options.signal });
    return res.data;
  }

  /**
   * `GET /calendars/freebusy` for one person over [start, end) of any length (split into 31-day windows):
   * busy blocks, or why there are none to be had.
   */
  async freeBusy(email: string, start: number, end: number, options: CallOptions = {}): Promise<FreeBusyAnswer> {
    const busy: { start: number; end: number }[] = [];
    for (const [from, to] of splitRange(start, end, this.maxRangeMs)) {
      const res = await this.get<Record<string, unknown> | undefined>(`${BASE}/calendars/freebusy`, { uemail: email, sdate: toWireUtc(from), edate: toWireUtc(to), ftype: 'eventbased' }, options);
      if (res?.fb_not_enabled) return { status: 'not_shared' };
      if (res?.NODATA) return { status: 'no_data' };
      const list = Array.isArray(res?.freebusy) ? (res.freebusy as Record<string, unknown>[]) : [];
      for (const b of list) {
        if (b.fbtype !== undefined && b.fbtype !== 'busy') continue;
        const s = parseWireTime(String(b.startTime ?? ''), 'utc');
        const e = parseWireTime(String(b.endTime ?? ''), 'utc');
        if (s !== undefined && e !== undefined) busy.push({ start: s, end: e });
      }
    }
    return { status: 'ok', busy: mergeBusy(busy) };
  }
}

/** An etag for eventdata: a number when it fits exactly, else the string Zoho gave. */
export function etagValue(etag: string | number): number | string {
  const n = Number(etag);
  return typeof etag === 'number' || (Number.isSafeInteger(n) && String(n) === String(etag).trim()) ? n : String(etag);
}

function overlapsRange(event: ZohoEvent, zone: string, start: number, end: number): boolean {
  const t = eventTimes(event, zone);
  if (!t) return true;
  return t.end > t.start ? t.start < end && t.end > start : t.start >= start && t.start < end;
}
