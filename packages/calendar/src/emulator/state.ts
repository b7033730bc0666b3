/**
 * The Calendar emulator's state and the rules that act on it: repeat events expanded into instances in their
 * own time zone (with moved and cancelled instances), etags that change on every write, and free/busy per
 * user. Routes (./routes.ts) turn it into Zoho's wire shape.
 */
import { DateTime } from 'luxon';
import { instantOfRecurrenceId, occurrenceStarts, recurrenceIdAt } from '../recurrence.js';

export type AttendeeStatus = 'ACCEPTED' | 'DECLINED' | 'NEEDS-ACTION' | 'TENTATIVE';

/** A person of the organization (core's AGENCY_STAFF), whose free/busy the API answers. */
export interface EmuUser {
  email: string;
  name: string;
  timeZone: string;
  /** false: the user turned free/busy sharing off (`fb_not_enabled`). */
  freebusy: boolean;
}

/** A calendar as the emulator stores it. URLs take `uid`; `privilege` is the signed-in user's. */
export interface EmuCalendar {
  uid: string;
  id: string;
  name: string;
  description: string;
  color: string;
  timezone: string;
  owner: string;
  privilege: 'owner' | 'read' | 'write';
  category: 'own' | 'shared';
  isdefault: boolean;
  includeInFreebusy: boolean;
  modified: number;
}

export interface EmuAttendee {
  email: string;
  status: AttendeeStatus;
  /** 0 guest, 1 view, 2 invite, 3 edit. */
  permission: number;
  /** 0 non-participant, 1 required, 2 optional. */
  attendance: number;
}

export interface EmuReminder {
  action: 'email' | 'popup' | 'notification';
  /** Relative to the start; negative is before. */
  minutes: number;
}

/** What an event (or one instance of it) says; times are instants, all-day events midnight to midnight in `timezone`. */
export interface EmuEventFields {
  title: string;
  description: string;
  location: string;
  isprivate: boolean;
  /** 0 busy, 1 free. */
  transparency: number;
  timezone: string;
  allDay: boolean;
  start: number;
  /** Exclusive; for all-day events the midnight after the last day. */
  end: number;
  attendees: EmuAttendee[];
  reminders: EmuReminder[];
  color: string;
  url: string;
}

/** One changed or cancelled instance of a repeat event, by its `recurrenceid`. */
export interface EmuException {
  deleted?: boolean;
  fields?: Partial<EmuEventFields>;
  etag: number;
  modified: number;
}

export interface EmuEvent extends EmuEventFields {
  uid: string;
  id: string;
  calendarUid: string;
  organizer: string;
  createdBy: string;
  modifiedBy: string;
  created: number;
  modified: number;
  etag: number;
  /** RRULE of a repeat event (`FREQ=WEEKLY;BYDAY=MO`), first instance at `start`. */
  rrule?: string;
  exceptions: Map<string, EmuException>;
}

/** One occurrence: the event itself, or an instance of a repeat event. */
export interface EmuInstance {
  event: EmuEvent;
  /** Set for instances of repeat events: the instance's original start (`20240104T114100Z`, all-day `20240104`). */
  recurrenceid?: string;
  fields: EmuEventFields;
  etag: number;
}

export interface CalendarState {
  /** The signed-in user (the grant's owner). */
  signedIn: string;
  users: EmuUser[];
  calendars: EmuCalendar[];
  events: EmuEvent[];
  nextId: () => string;
  nextUid: () => string;
  /** A new etag, strictly above every one handed out (milliseconds since the epoch, like Zoho's). */
  nextEtag: (now: number) => number;
}

export const FIELD_KEYS: (keyof EmuEventFields)[] = ['title', 'description', 'location', 'isprivate', 'transparency', 'timezone', 'allDay', 'start', 'end', 'attendees', 'reminders', 'color', 'url'];

export function eventFields(event: EmuEvent): EmuEventFields {
  const out = {} as Record<string, unknown>;
  for (const k of FIELD_KEYS) out[k] = event[k];
  return out as unknown as EmuEventFields;
}

function overlaps(start: number, end: number, from: number, to: number): boolean {
  return end > start ? start < to && end > from : start >= from && start < to;
}

/** The end of an instance starting at `start`: the same length, in days for all-day events (midnights survive DST). */
function instanceEnd(event: EmuEvent, start: number): number {
  if (!event.allDay) return start + (event.end - event.start);
  const days = Math.round(DateTime.fromMillis(event.end, { zone: event.timezone }).diff(DateTime.fromMillis(event.start, { zone: event.timezone }), 'days').days);
  return DateTime.fromMillis(start, { zone: event.timezone }).plus({ days }).toMillis();
}

/** The event's occurrences overlapping [from, to), sorted by start, with moved instances where they now are. */
export function instancesOf(event: EmuEvent, from: number, to: number): EmuInstance[] {
  const base = eventFields(event);
  if (!event.rrule) return overlaps(event.start, event.end, from, to) ? [{ event, fields: base, etag: event.etag }] : [];
  const length = event.end - event.start;
  const out: EmuInstance[] = [];
  const seen = new Set<string>();
  const add = (recurrenceid: string, originalStart: number, exception: EmuException | undefined) => {
    seen.add(recurrenceid);
    if (exception?.deleted) return;
    const fields: EmuEventFields = { ...base, start: originalStart, end: instanceEnd(event, originalStart), ...exception?.fields };
    if (overlaps(fields.start, fields.end, from, to)) out.push({ event, recurrenceid, fields, etag: exception?.etag ?? event.etag });
  };
  for (const start of occurrenceStarts(event.rrule, event.start, event.timezone, from - length - 86_400_000, to)) {
    const rid = recurrenceIdAt(start, event.allDay, event.timezone);
    add(rid, start, event.exceptions.get(rid));
  }
  // Instances moved into the range from outside it.
  for (const [rid, exception] of event.exceptions) {
    if (seen.has(rid) || exception.deleted || exception.fields?.start === undefined) continue;
    const original = instantOfRecurrenceId(rid, event.timezone);
    if (original !== undefined) add(rid, original, exception);
  }
  return out.sort((a, b) => a.fields.start - b.fields.start);
}

/** Whether a repeat event has an instance with this recurrence id (and it is not cancelled). */
export function hasInstance(event: EmuEvent, rid: string): boolean {
  const at = instantOfRecurrenceId(rid, event.timezone);
  if (at === undefined || !event.rrule) return false;
  const exception = event.exceptions.get(rid);
  if (exception?.deleted) return false;
  return occurrenceStarts(event.rrule, event.start, event.timezone, at, at + 1, 1).length === 1;
}

export function calendarByUid(state: CalendarState, uid: string): EmuCalendar | undefined {
  if (uid === 'default' || uid === 'primary') return state.calendars.find((c) => c.isdefault);
  return state.calendars.find((c) => c.uid === uid);
}

/** Instances of a user's busy time in [from, to): their own calendars' events in free/busy and the events they attend (not declined), except those marked free. */
export function busyInstances(state: CalendarState, email: string, from: number, to: number): EmuInstance[] {
  const who = email.toLowerCase();
  const owned = new Set(state.calendars.filter((c) => c.owner.toLowerCase() === who && c.includeInFreebusy).map((c) => c.uid));
  const out = new Map<string, EmuInstance>();
  for (const event of state.events) {
    const attends = event.attendees.some((a) => a.email.toLowerCase() === who && a.status !== 'DECLINED');
    if (!owned.has(event.calendarUid) && !attends && event.organizer.toLowerCase() !== who) continue;
    for (const instance of instancesOf(event, from, to)) {
      if (instance.fields.transparency === 1) continue;
      const declined = instance.fields.attendees.some((a) => a.email.toLowerCase() === who && a.status === 'DECLINED');
      if (declined && !owned.has(event.calendarUid)) continue;
      out.set(`${event.uid}|${instance.recurrenceid ?? ''}`, instance);
    }
  }
  return [...out.values()].sort((a, b) => a.fields.start - b.fields.start);
}
