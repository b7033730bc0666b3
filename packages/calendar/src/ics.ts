/**
 * iCalendar (RFC 5545) files for synchronisation with other calendars, with `ical.js`: events of Zoho →
 * `.ics` (series with RRULE, their cancelled instances as EXDATE and moved ones as RECURRENCE-ID overrides,
 * each zone's VTIMEZONE from `timezones-ical-library`), and `.ics` → events ready for Zoho's `eventdata`.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { isValidZone } from './time.js';

/** An event as the export writes it: times as instants, all-day ones from midnight to midnight in `zone`. */
export interface IcsEvent {
  uid: string;
  title: string;
  start: number;
  end: number;
  allDay: boolean;
  zone: string;
  location?: string | undefined;
  description?: string | undefined;
  organizer?: string | undefined;
  attendees?: { email: string; status?: string | undefined }[] | undefined;
  rrule?: string | undefined;
  /** Starts (instants) of cancelled instances of a series. */
  exdates?: number[] | undefined;
  /** Set on a moved or changed instance: the start it had in the series. */
  recurrenceId?: number | undefined;
  private?: boolean | undefined;
  free?: boolean | undefined;
  created?: number | undefined;
  modified?: number | undefined;
}

const PARTSTAT: Record<string, string> = { ACCEPTED: 'ACCEPTED', DECLINED: 'DECLINED', TENTATIVE: 'TENTATIVE', 'NEEDS-ACTION': 'NEEDS-ACTION' };

function wall(ms: number, zone: string, isDate: boolean): ICAL.Time {
  const dt = DateTime.fromMillis(ms, { zone });
  return isDate
    ? ICAL.Time.fromData({ year: dt.year, month: dt.month, day: dt.day, isDate: true })
    : ICAL.Time.fromData({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute, second: dt.second, isDate: false });
}

function utc(ms: number): ICAL.Time {
  const dt = DateTime.fromMillis(ms, { zone: 'utc' });
  return ICAL.Time.fromData({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute, second: dt.second, isDate: false }, ICAL.Timezone.utcTimezone);
}

/** A time property in the event's zone (TZID) or, for UTC, with `Z`; dates as VALUE=DATE. */
function addTime(component: ICAL.Component, name: string, ms: number, zone: string, isDate: boolean): void {
  if (!isDate && (zone === 'UTC' || zone === 'utc' || zone === 'Etc/UTC')) {
    component.addPropertyWithValue(name, utc(ms));
    return;
  }
  const property = component.addPropertyWithValue(name, wall(ms, zone, isDate));
  if (!isDate) property.setParameter('tzid', zone);
}

function vtimezone(zone: string): ICAL.Component | undefined {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : undefined;
  if (!text || !text.startsWith('BEGIN:VTIMEZONE')) return undefined;
  return new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone') ?? undefined;
}

/** Writes events as one VCALENDAR (with a VTIMEZONE for every zone a time is written in). */
export function buildIcs(events: readonly IcsEvent[], options: { calendarName: string; calendarZone: string; now: number }): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Zoho Agent Kit//Calendar//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', options.calendarName);
  calendar.updatePropertyWithValue('x-wr-timezone', options.calendarZone);
  const zones = [...new Set(events.filter((e) => !e.allDay && !['UTC', 'utc', 'Etc/UTC'].includes(e.zone)).map((e) => e.zone))].sort();
  // VTIMEZONEs first, as most readers expect.
  for (const zone of zones) {
    const tz = vtimezone(zone);
    if (tz) calendar.addSubcomponent(tz);
  }
  for (const e of events) {
    const vevent = new ICAL.Component('vevent');
    vevent.addPropertyWithValue('uid', e.uid);
    vevent.addPropertyWithValue('dtstamp', utc(options.now));
    if (e.created) vevent.addPropertyWithValue('created', utc(e.created));
    if (e.modified) vevent.addPropertyWithValue('last-modified', utc(e.modified));
    if (e.recurrenceId !== undefined) addTime(vevent, 'recurrence-id', e.recurrenceId, e.zone, e.allDay);
    addTime(vevent, 'dtstart', e.start, e.zone, e.allDay);
    addTime(vevent, 'dtend', Math.max(e.end, e.start), e.zone, e.allDay);
    vevent.addPropertyWithValue('summary', e.title);
    if (e.location) vevent.addPropertyWithValue('location', e.location);
    if (e.description) vevent.addPropertyWithValue('description', e.description);
    if (e.rrule) vevent.addPropertyWithValue('rrule', ICAL.Recur.fromString(e.rrule));
    for (const ex of e.exdates ?? []) addTime(vevent, 'exdate', ex, e.zone, e.allDay);
    if (e.organizer) vevent.addPropertyWithValue('organizer', `mailto:${e.organizer}`);
    for (const a of e.attendees ?? []) {
      const property = vevent.addPropertyWithValue('attendee', `mailto:${a.email}`);
      const partstat = a.status ? PARTSTAT[a.status.toUpperCase()] : undefined;
      if (partstat) property.setParameter('partstat', partstat);
    }
    if (e.private) vevent.addPropertyWithValue('class', 'PRIVATE');
    vevent.addPropertyWithValue('transp', e.free ? 'TRANSPARENT' : 'OPAQUE');
    calendar.addSubcomponent(vevent);
  }
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}

/** One VEVENT of an imported file, read into instants and plain fields. */
export interface ImportedEvent {
  uid: string;
  title: string;
  start: number;
  end: number;
  allDay: boolean;
  /** The zone the event's times are written in (the calendar's for floating or non-IANA zones). */
  zone: string;
  location?: string;
  description?: string;
  attendees: string[];
  rrule?: string;
  private: boolean;
  free: boolean;
}

export interface SkippedEvent {
  uid: string;
  title: string;
  reason: string;
}

export interface ParsedIcs {
  events: ImportedEvent[];
  skipped: SkippedEvent[];
}

function instant(time: ICAL.Time, tzid: string | undefined, fallbackZone: string): { ms: number; zone: string } {
  const zone = time.zone;
  if (zone === ICAL.Timezone.utcTimezone || zone?.tzid === 'UTC') return { ms: time.toUnixTime() * 1000, zone: tzid && isValidZone(tzid) ? tzid : 'UTC' };
  const named = tzid && isValidZone(tzid) ? tzid : undefined;
  if (zone && zone !== ICAL.Timezone.localTimezone && zone.tzid && zone.tzid !== 'floating') {
    // The file's own VTIMEZONE (e.g. Outlook's "Eastern Standard Time"): ical.js converts.
    return { ms: time.toUnixTime() * 1000, zone: named ?? fallbackZone };
  }
  const inZone = named ?? fallbackZone;
  const dt = DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone: inZone });
  return { ms: dt.toMillis(), zone: inZone };
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Reads an `.ics` text: every VEVENT with its times, people and rule; overrides of single instances
 * (RECURRENCE-ID), cancelled events and repeats of a UID already read are skipped, each with its reason.
 * Throws on a file that is not iCalendar.
 */
export function parseIcs(source: string, fallbackZone: string): ParsedIcs {
  const root = new ICAL.Component(ICAL.parse(source));
  const vcalendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar');
  if (!vcalendar) throw new Error('no VCALENDAR in the file');
  const events: ImportedEvent[] = [];
  const skipped: SkippedEvent[] = [];
  const uids = new Set<string>();
  for (const vevent of vcalendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const uid = text(event.uid) ?? '';
    const title = text(event.summary) ?? '(no title)';
    const skip = (reason: string) => skipped.push({ uid, title, reason });
    if (!uid) {
      skip('has no UID');
      continue;
    }
    if (vevent.hasProperty('recurrence-id')) {
      skip('changes one instance of a repeating event (RECURRENCE-ID); Zoho is sent the series only');
      continue;
    }
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      skip('is cancelled (STATUS:CANCELLED)');
      continue;
    }
    if (uids.has(uid)) {
      skip('repeats a UID already in the file');
      continue;
    }
    const startTime = event.startDate;
    if (!startTime) {
      skip('has no DTSTART');
      continue;
    }
    uids.add(uid);
    const startTzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined;
    const start = instant(startTime, startTzid, fallbackZone);
    const allDay = startTime.isDate;
    let end = start.ms;
    const endTime = vevent.hasProperty('dtend') ? event.endDate : undefined;
    if (endTime) end = instant(endTime, (vevent.getFirstProperty('dtend')?.getParameter('tzid') as string | undefined) ?? startTzid, fallbackZone).ms;
    else if (vevent.hasProperty('duration')) end = start.ms + event.duration.toSeconds() * 1000;
    else if (allDay) end = DateTime.fromMillis(start.ms, { zone: start.zone }).plus({ days: 1 }).toMillis();
    const attendees = vevent
      .getAllProperties('attendee')
      .map((p) => String(p.getFirstValue() ?? '').replace(/^mailto:/i, '').trim())
      .filter((e) => e.includes('@'));
    const rule = vevent.getFirstPropertyValue('rrule');
    const imported: ImportedEvent = {
      uid,
      title,
      start: start.ms,
      end: Math.max(end, start.ms),
      allDay,
      zone: start.zone,
      attendees,
      private: ['PRIVATE', 'CONFIDENTIAL'].includes(String(vevent.getFirstPropertyValue('class') ?? '').toUpperCase()),
      free: String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT',
    };
    const location = text(event.location);
    if (location) imported.location = location;
    const description = text(event.description);
    if (description) imported.description = description;
    if (rule) imported.rrule = rule.toString();
    events.push(imported);
  }
  return { events, skipped };
}
