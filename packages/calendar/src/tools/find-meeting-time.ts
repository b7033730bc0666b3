import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, FreeBusyAnswer } from '../client.js';
import { findMeetingSlots, type FreeWindow, type SlotAttendee, type WorkingHours } from '../slots.js';
import { checkZone, clockMinutes, MINUTE_MS, showTime } from '../time.js';
import { UNAVAILABLE } from './get-freebusy.js';
import { emailInput, mapLimit, PARALLEL, resolveRange, timeInput, zoneInput, zoneOf, uniqueEmails } from './shared.js';

const HOURS = /^(([01]\d|2[0-3]):[0-5]\d)-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** Windows shown at most. */
const MAX_WINDOWS = 12;

const input = z.object({
  attendees: z.array(emailInput).min(1).max(20).describe('Everyone, the user included.'),
  duration_minutes: z.number().int().min(5).max(720).describe('Meeting length.'),
  start: timeInput('Search from; default now.'),
  end: timeInput('Default start + 7 days.'),
  time_zone: zoneInput(),
  working_hours: z
    .string()
    .max(11)
    .refine((v) => HOURS.test(v), 'use "HH:mm-HH:mm", e.g. "08:30-18:00"')
    .optional()
    .describe('Default "09:00-17:00".'),
  time_zones: z.record(z.string().max(254), z.string().max(64)).optional().describe('Attendees\' IANA zones by email.'),
});

export interface MeetingTimeResult {
  windows: FreeWindow[];
  people: { email: string; answer: FreeBusyAnswer }[];
  zone: string;
  start: number;
  end: number;
  durationMinutes: number;
}

export const calendarFindMeetingTime = defineZohoTool<typeof input, CalendarClient, MeetingTimeResult>({
  name: 'calendar_find_meeting_time',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.freebusy.READ', 'ZohoCalendar.calendar.READ'],
  description: `Find times when all attendees are free for a meeting, within each one's working hours, Monday to Friday.
Returns free windows; any start up to latest_start fits.`,
  input,
  examples: [{ attendees: ['maya.ortiz@northwind-creative.example', 'leo.brandt@northwind-creative.example'], duration_minutes: 30 }],
  async run(args, ctx) {
    const primary = await ctx.client.resolveCalendar(undefined, { signal: ctx.signal });
    const zone = zoneOf(args.time_zone, primary.timezone);
    const now = ctx.client.now();
    const range = resolveRange(args, zone, now, 7, { defaultStart: 'now' });
    const start = Math.max(range.start, now);
    if (range.end - start < args.duration_minutes * MINUTE_MS) throw new ToolInputError('end', 'leaves no time after now for a meeting of that length; search a later range');
    const [from, until] = (args.working_hours ?? '09:00-17:00').split('-') as [string, string];
    const hours: WorkingHours = { start: from, end: until, days: [1, 2, 3, 4, 5] };
    if (clockMinutes(hours.end) - clockMinutes(hours.start) < args.duration_minutes) throw new ToolInputError('working_hours', `are shorter than the meeting (${args.duration_minutes} min)`);
    const zones = new Map(Object.entries(args.time_zones ?? {}).map(([email, tz]) => [email.toLowerCase(), checkZone(tz, `time_zones.${email}`)]));
    const emails = uniqueEmails(args.attendees);
    const people: MeetingTimeResult['people'] = await mapLimit(emails, PARALLEL, async (email) => ({ email, answer: await ctx.client.freeBusy(email, start, range.end, { signal: ctx.signal }) }));
    const attendees: SlotAttendee[] = people.map(({ email, answer }) => ({ email, busy: answer.status === 'ok' ? answer.busy : [], timeZone: zones.get(email.toLowerCase()) }));
    const windows = findMeetingSlots({ attendees, from: start, to: range.end, durationMinutes: args.duration_minutes, timeZone: zone, workingHours: hours, maxWindows: MAX_WINDOWS });
    return { windows, people, zone, start, end: range.end, durationMinutes: args.duration_minutes };
  },
  shape(result) {
    const rows = result.windows.map((w) => ({ start: showTime(w.start, result.zone), end: showTime(w.end, result.zone), latest_start: showTime(w.latestStart, result.zone), minutes: w.minutes }));
    const notChecked = result.people.flatMap(({ email, answer }) => (answer.status === 'ok' ? [] : [{ email, reason: UNAVAILABLE[answer.status] }]));
    return {
      windows: toTable(rows, { columns: ['start', 'end', 'latest_start', 'minutes'] }),
      count: rows.length,
      ...(rows.length ? {} : { note: 'No common free time in working hours; try a longer range, other days or a shorter meeting.' }),
      ...(notChecked.length ? { not_checked: notChecked } : {}),
      duration_minutes: result.durationMinutes,
      range: { start: showTime(result.start, result.zone), end: showTime(result.end, result.zone) },
      time_zone: result.zone,
    };
  },
});
