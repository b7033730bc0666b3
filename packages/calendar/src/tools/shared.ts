/** Input schemas and helpers the Calendar tools share. */
import { ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { eventTimes, type CalendarClient, type CalendarInfo, type EventData, type EventTimes, type ZohoEvent } from '../client.js';
import { ETAG_MISMATCH } from '../envelope.js';
import { instantOfRecurrenceId } from '../recurrence.js';
import { checkZone, DAY_MS, parseInputTime, toWireDate, toWireUtc } from '../time.js';

/** Longest range a list, free/busy or export covers (each 31 days is one request per calendar or person). */
export const MAX_RANGE_DAYS = 366;

const calendarUid = z.string().trim().max(64);

/** An optional calendar_uid; `what` says what leaving it out means. */
export const calendarUidInput = (what = 'Default: the default calendar.') => calendarUid.optional().describe(what);

const time = z.string().trim().max(40);

/** An optional time input (forms in the plugin's instructions). */
export const timeInput = (what: string) => time.optional().describe(what);

export const requiredTimeInput = (what: string) => time.describe(what);

export const zoneInput = (what = 'IANA zone.') => z.string().trim().max(64).optional().describe(what);

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address; checked by a refinement, so the JSON Schema the model sees stays short. */
export const emailInput = z
  .string()
  .trim()
  .max(254)
  .refine((v) => EMAIL.test(v), 'is not an email address');

export const eventUidInput = z.string().trim().max(200).describe('From calendar_list_events.');

export const recurrenceIdInput = z
  .string()
  .trim()
  .max(20)
  .refine((v) => /^\d{8}(T\d{6}Z)?$/.test(v), 'use the recurrence_id calendar_list_events shows, e.g. 20260302T150000Z')
  .optional()
  .describe('The occurrence, for scope instance.');

export const scopeInput = z.enum(['instance', 'series']).optional().describe('Repeating events: one occurrence or all.');

/** A [start, end) window from tool inputs: a date alone is a whole day (an end date is included). */
export function resolveRange(
  args: { start?: string | undefined; end?: string | undefined },
  zone: string,
  now: number,
  defaultDays: number,
  options: { defaultStart?: 'now' | 'today' } = {},
): { start: number; end: number } {
  const start = args.start ? parseInputTime(args.start, zone, 'start').ms : options.defaultStart === 'now' ? now : DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
  let end: number;
  if (args.end) {
    const parsed = parseInputTime(args.end, zone, 'end');
    end = parsed.date ? DateTime.fromMillis(parsed.ms, { zone }).plus({ days: 1 }).toMillis() : parsed.ms;
  } else end = DateTime.fromMillis(start, { zone }).plus({ days: defaultDays }).toMillis();
  if (end <= start) throw new ToolInputError('end', 'must be after start');
  if (end - start > MAX_RANGE_DAYS * DAY_MS) throw new ToolInputError('end', `the range may cover at most ${MAX_RANGE_DAYS} days; ask for a shorter one`);
  return { start, end };
}

/** Calendars in the order results list them: the default first, then own, then shared. */
export function orderCalendars(calendars: readonly CalendarInfo[]): CalendarInfo[] {
  const rank = (c: CalendarInfo) => (c.isdefault ? 0 : c.category === 'shared' ? 2 : 1);
  return [...calendars].sort((a, b) => rank(a) - rank(b));
}

export function ensureWritable(calendar: CalendarInfo, field = 'calendar_uid'): void {
  if (calendar.privilege === 'read' || calendar.privilege === 'view' || calendar.privilege === 'freebusy') {
    throw new ToolInputError(field, `the calendar "${calendar.name}" is shared with the user read-only (privilege ${calendar.privilege}); choose one of the user's own calendars`);
  }
}

/** Where an event lives: the default calendar first, then the user's other calendars. */
export async function locateEvent(client: CalendarClient, eventUid: string, signal: AbortSignal | undefined): Promise<{ calendar: CalendarInfo; event: ZohoEvent }> {
  const primary = await client.resolveCalendar(undefined, { signal });
  const rest = orderCalendars(await client.listCalendars({}, { signal })).filter((c) => c.uid !== primary.uid);
  for (const calendar of [primary, ...rest]) {
    const event = await client.getEvent(calendar.uid, eventUid, { signal });
    if (event) return { calendar, event };
  }
  throw new ToolInputError('event_uid', `no event ${JSON.stringify(eventUid.slice(0, 80))} in any of the user's calendars; find it with calendar_list_events`);
}

/** One instance of a repeat event as it is now (moved instances are found within 45 days of their original start). */
export async function findInstance(client: CalendarClient, calendar: CalendarInfo, series: ZohoEvent, recurrenceId: string, signal: AbortSignal | undefined): Promise<ZohoEvent> {
  const original = instantOfRecurrenceId(recurrenceId, series.dateandtime?.timezone ?? calendar.timezone ?? 'UTC');
  if (original === undefined) throw new ToolInputError('recurrence_id', `${recurrenceId} is not a real date or time`);
  for (const span of [DAY_MS, 45 * DAY_MS]) {
    const found = (await client.getInstances(calendar.uid, series.uid, original - span, original + span, { signal })).find((i) => i.recurrenceid === recurrenceId);
    if (found) return { ...series, ...found, rrule: series.rrule as string };
  }
  throw new ToolInputError('recurrence_id', `"${series.title ?? series.uid}" has no instance ${recurrenceId} (it may be cancelled); list the instances with calendar_list_events`);
}

/** `dateandtime` for `eventdata`: UTC instants, or the first and last day of an all-day event. */
export function wireDateandtime(times: EventTimes): EventData['dateandtime'] {
  if (times.allDay) {
    const first = DateTime.fromMillis(times.start, { zone: times.zone }).toISODate()!;
    const last = DateTime.fromMillis(Math.max(times.end - 1, times.start), { zone: times.zone }).toISODate()!;
    return { timezone: times.zone, start: toWireDate(first), end: toWireDate(last) };
  }
  return { timezone: times.zone, start: toWireUtc(times.start), end: toWireUtc(times.end) };
}

/** Every field of an event as `eventdata` (updates resend them all, whatever Zoho does with absent ones). */
export function eventdataOf(event: ZohoEvent, times: EventTimes): EventData {
  const data: EventData = {
    title: event.title ?? '',
    dateandtime: wireDateandtime(times),
    isallday: times.allDay,
    isprivate: event.isprivate === true,
    location: event.location ?? '',
    description: event.description ?? '',
    attendees: (event.attendees ?? []).map((a) => ({ email: a.email, permission: Number(a.permission ?? 1), attendance: Number(a.attendance ?? 1) })),
    reminders: (event.reminders ?? []).map((r) => ({ action: r.action, minutes: String(r.minutes) })),
  };
  if (event.transparency !== undefined) data.transparency = Number(event.transparency);
  return data;
}

export function timesOf(event: ZohoEvent, fallbackZone: string): EventTimes {
  const t = eventTimes(event, fallbackZone);
  if (!t) throw new ToolInputError('event_uid', `Zoho sent the event ${event.uid} without readable times`);
  return t;
}

/** Popup reminders, in minutes before the start. */
export const reminderInput = z.array(z.number().int().min(0).max(40_320)).max(5).optional();

/** Reminders as Zoho reads them: minutes relative to the start, negative before (strings, as Zoho sends them). */
export function wireReminders(minutesBefore: readonly number[]): { action: string; minutes: string }[] {
  return [...new Set(minutesBefore)].map((m) => ({ action: 'popup', minutes: String(-m) }));
}

/** A stale etag (someone changed the event after it was read) as a clear error: nothing was overwritten. */
export function explainConflict(err: unknown, what: string): unknown {
  if (!(err instanceof ZohoApiError) || (err.code !== ETAG_MISMATCH && err.status !== 409 && err.status !== 412)) return err;
  return new ZohoApiError({
    app: err.app,
    status: err.status,
    code: err.code,
    kind: 'validation',
    message: `conflict: ${what} was changed in Zoho by someone else after it was read (its etag no longer matches), so nothing was overwritten. Read it again with calendar_list_events and repeat the change if it is still wanted`,
    details: err.details,
  });
}

/** The zone of an input, checked. */
export function zoneOf(input: string | undefined, fallback: string | undefined): string {
  return input ? checkZone(input, 'time_zone') : (fallback ?? 'UTC');
}

/** Calendars or people asked at once (the connection's limiter still paces every request). */
export const PARALLEL = 4;

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Emails without repeats (case-insensitive), first spelling kept. */
export function uniqueEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = e.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
