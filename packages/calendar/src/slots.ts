/**
 * Free time common to several people, from their busy blocks: within each person's working hours (in their
 * own time zone when known), long enough for a meeting, starting on a clean step of the clock. A plain function
 * (no Zoho calls), so the workflows package and tests can use it directly.
 */
import { DateTime } from 'luxon';
import { clockMinutes, MINUTE_MS } from './time.js';

export interface Interval {
  start: number;
  end: number;
}

/** Working hours: `HH:mm` to `HH:mm` (the end may be `24:00`) on ISO weekdays (1 = Monday … 7 = Sunday). */
export interface WorkingHours {
  start: string;
  end: string;
  days: readonly number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

export interface SlotAttendee {
  email: string;
  /** Busy blocks (instants); overlapping blocks are fine. */
  busy: readonly Interval[];
  /** The zone their working hours are in (default the search's `timeZone`). */
  timeZone?: string | undefined;
  /** Their own working hours (default the search's). */
  workingHours?: WorkingHours | undefined;
}

export interface FindSlotsInput {
  attendees: readonly SlotAttendee[];
  /** The window searched, as instants. */
  from: number;
  to: number;
  durationMinutes: number;
  /** The zone of the working hours (unless an attendee has their own) and of the step alignment. */
  timeZone: string;
  workingHours?: WorkingHours | undefined;
  /** Slot starts fall on multiples of this many minutes past the hour (default 15). */
  stepMinutes?: number | undefined;
  /** At most this many windows (default all). */
  maxWindows?: number | undefined;
}

/** A stretch of time everyone has free, at least the meeting's length; any start in [start, latestStart] fits. */
export interface FreeWindow {
  start: number;
  end: number;
  /** The last start at which the meeting still ends inside the window. */
  latestStart: number;
  minutes: number;
}

/** Intervals sorted and joined where they overlap or touch. */
export function mergeBusy(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).map((i) => ({ ...i })).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push(i);
  }
  return out;
}

/** Working-hour intervals of [from, to) in `zone`. */
export function workingIntervals(from: number, to: number, zone: string, hours: WorkingHours): Interval[] {
  const startMin = clockMinutes(hours.start);
  const endMin = clockMinutes(hours.end);
  const out: Interval[] = [];
  if (endMin <= startMin) return out;
  let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone }).startOf('day').plus({ days: 1 });
  while (day <= last) {
    if (hours.days.includes(day.weekday)) {
      const s = day.plus({ minutes: startMin }).toMillis();
      const e = endMin >= 1440 ? day.plus({ days: 1 }).toMillis() : day.plus({ minutes: endMin }).toMillis();
      const clipped = { start: Math.max(s, from), end: Math.min(e, to) };
      if (clipped.end > clipped.start) out.push(clipped);
    }
    day = day.plus({ days: 1 });
  }
  // Hours that run to midnight join the next day's from midnight.
  return mergeBusy(out);
}

/** `a` minus the (merged) intervals of `b`. */
function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of a) {
    let cursor = i.start;
    for (const busy of b) {
      if (busy.end <= cursor || busy.start >= i.end) continue;
      if (busy.start > cursor) out.push({ start: cursor, end: busy.start });
      cursor = Math.max(cursor, busy.end);
      if (cursor >= i.end) break;
    }
    if (cursor < i.end) out.push({ start: cursor, end: i.end });
  }
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

/** The first instant at or after `ms` on a multiple of `step` minutes of the clock in `zone`. */
function alignUp(ms: number, stepMinutes: number, zone: string): number {
  const dt = DateTime.fromMillis(ms, { zone });
  const minutes = dt.hour * 60 + dt.minute + (dt.second || dt.millisecond ? 1 : 0);
  const aligned = Math.ceil(minutes / stepMinutes) * stepMinutes;
  return dt.startOf('day').plus({ minutes: aligned }).toMillis();
}

/**
 * Windows of time every attendee has free, inside everyone's working hours, each at least `durationMinutes`
 * long from a start on the step grid; sorted, earliest first.
 */
export function findMeetingSlots(input: FindSlotsInput): FreeWindow[] {
  const duration = input.durationMinutes * MINUTE_MS;
  const step = input.stepMinutes ?? 15;
  if (!(duration > 0) || input.to <= input.from) return [];
  const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  let common: Interval[] = [{ start: input.from, end: input.to }];
  for (const person of input.attendees) {
    const working = workingIntervals(input.from, input.to, person.timeZone ?? input.timeZone, person.workingHours ?? hours);
    common = intersect(common, subtract(working, mergeBusy(person.busy)));
    if (!common.length) return [];
  }
  if (!input.attendees.length) common = intersect(common, workingIntervals(input.from, input.to, input.timeZone, hours));
  const out: FreeWindow[] = [];
  for (const w of common) {
    const start = alignUp(w.start, step, input.timeZone);
    if (w.end - start < duration) continue;
    const latest = w.end - duration;
    out.push({ start, end: w.end, latestStart: start + Math.floor((latest - start) / (step * MINUTE_MS)) * step * MINUTE_MS, minutes: Math.round((w.end - start) / MINUTE_MS) });
    if (input.maxWindows && out.length >= input.maxWindows) break;
  }
  return out;
}
