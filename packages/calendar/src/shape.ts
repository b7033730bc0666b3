/**
 * Calendar results for a model: times in one zone with the offset (`2026-03-02T10:00-05:00`), all-day events as
 * dates (last day inclusive), people as `email (status)`, reminders as words; Zoho's bookkeeping (etag, ids
 * beside uids, created/modified stamps, UI flags) left out — `raw: true` has it all.
 */
import { compact } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { eventTimes, type CalendarInfo, type ZohoEvent } from './client.js';
import { describeRecurrence } from './recurrence.js';
import { showTime } from './time.js';

export function shapeCalendar(calendar: CalendarInfo): Record<string, unknown> {
  const row = {
    calendar_uid: calendar.uid,
    name: calendar.name,
    description: calendar.description,
    time_zone: calendar.timezone,
    privilege: calendar.privilege,
    category: calendar.category,
    is_default: calendar.isdefault === true ? true : undefined,
    in_free_busy: calendar.include_infreebusy,
  };
  return (compact(row) ?? {}) as Record<string, unknown>;
}

const STATUS: Record<string, string> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative', 'NEEDS-ACTION': 'invited' };

export function attendeeText(a: { email: string; status?: string | undefined }): string {
  const status = a.status ? (STATUS[a.status.toUpperCase()] ?? a.status.toLowerCase()) : undefined;
  return status ? `${a.email} (${status})` : a.email;
}

export function reminderText(r: { action: string; minutes: number | string }): string {
  const m = Number(r.minutes);
  if (!Number.isFinite(m)) return `${r.action} ${String(r.minutes)}`;
  const before = m <= 0;
  const abs = Math.abs(m);
  const span = abs % 1440 === 0 && abs ? `${abs / 1440} d` : abs % 60 === 0 && abs ? `${abs / 60} h` : `${abs} min`;
  return abs === 0 ? `${r.action} at start` : `${r.action} ${span} ${before ? 'before' : 'after'}`;
}

/** The shown start/end of an event: ISO with offset in `zone`, or dates for all-day events. */
export function shownTimes(event: ZohoEvent, zone: string): { start?: string; end?: string; all_day?: true; time_zone?: string } {
  const t = eventTimes(event, zone);
  if (!t) return {};
  if (t.allDay) {
    const first = DateTime.fromMillis(t.start, { zone: t.zone }).toISODate()!;
    const last = DateTime.fromMillis(t.end, { zone: t.zone }).minus({ days: 1 }).toISODate()!;
    return { start: first, end: last < first ? first : last, all_day: true };
  }
  const out: { start: string; end: string; time_zone?: string } = { start: showTime(t.start, zone), end: showTime(t.end, zone) };
  if (t.zone && t.zone !== zone) out.time_zone = t.zone;
  return out;
}

export interface ShapeOptions {
  /** Zone times are shown in. */
  zone: string;
  /** Calendar name for the row (lists over several calendars). */
  calendar?: string | undefined;
  /** Include the description (default true). */
  description?: boolean;
  /** Include the RRULE beside its plain-words reading (default true; lists show only the words). */
  rule?: boolean;
}

/**
 * One event (or instance) for the model: start, end, title, where, who, repeats, and the uids a later update
 * or delete needs (`event_uid`, and `recurrence_id` for an instance of a repeat event).
 */
export function shapeEvent(event: ZohoEvent, options: ShapeOptions): Record<string, unknown> {
  const times = shownTimes(event, options.zone);
  const row: Record<string, unknown> = {
    start: times.start,
    end: times.end,
    title: event.title,
    calendar: options.calendar,
    all_day: times.all_day,
    time_zone: times.time_zone,
    location: event.location,
    organizer: event.organizer,
    attendees: event.attendees?.map(attendeeText),
    repeats: event.rrule ? describeRecurrence(event.rrule) : undefined,
    rrule: options.rule === false ? undefined : event.rrule,
    private: event.isprivate === true ? true : undefined,
    shows_as_free: event.transparency === 1 ? true : undefined,
    reminders: event.reminders?.map(reminderText),
    description: options.description === false ? undefined : event.description,
    event_uid: event.uid,
    recurrence_id: event.recurrenceid,
  };
  return (compact(row) ?? {}) as Record<string, unknown>;
}
