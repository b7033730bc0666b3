import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, FreeBusyAnswer } from '../client.js';
import { findMeetingSlots, type FreeWindow, type SlotAttendee, type WorkingHours } from '../slots.js';
import { checkZone, clockMinutes, MINUTE_MS, showTime } from '../time.js';
import { UNAVAILABLE } from './get-freebusy.js';
import { emailInput, resolveRange, timeInput, zoneInput, zoneOf } from './shared.js';

const HOURS = /^(([01]\d|2[0-3]):[0-5]\d)-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const input = z.object({
  attendees: z.array(emailInput).min(1).max(20).describe('Everyone who must attend (the user too, if they attend).'),
  duration_minutes: z.number().int().min(5).max(720).describe('Meeting length in minutes.'),
  start: timeInput('Search from (default now).'),
  end: timeInput('Search until; a date includes that day (default start + 7 days).'),
  time_zone: zoneInput(),
  working_hours: z
    .string()
    .max(11)
    .refine((v) => HOURS.test(v), 'use "HH:mm-HH:mm", e.g. "08:30-18:00"')
    .optional()
    .describe('"HH:mm-HH:mm" (default "09:00-17:00") in each attendee\'s zone.'),
  days: z.array(z.enum(DAYS)).min(1).max(7).optional().describe('Working days (default mon–fri).'),
  time_zones: z.record(emailInput, z.string().max(64)).optional().describe('Attendees\' own IANA zones, e.g. {"leo@x.example":"Europe/Berlin"}.'),
  max_results: z.number().int().min(1).max(50).default(10).describe('At most this many windows (default 10).'),
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
  description: `Find times when all attendees are free for a meeting of a given length, within working hours, from their free/busy.
Use it before calendar_create_event when asked to schedule with several people.
Returns {windows:{columns:[start,end,latest_start,minutes],rows} (any start from start to latest_start fits), not_checked (people without shared free/busy), time_zone}.`,
  input,
  examples: [{ attendees: ['maya.ortiz@northwind-creative.example', 'leo.brandt@northwind-creative.example', 'sofia.lindqvist@northwind-creative.example'], duration_minutes: 30 }],
  async run(args, ctx) {
    const primary = await ctx.client.resolveCalendar(undefined, { signal: ctx.signal });
    const zone = zoneOf(args.time_zone, primary.timezone);
    const now = ctx.client.now();
    const range = resolveRange(args, zone, now, 7, { defaultStart: 'now' });
    const start = Math.max(range.start, now);
    if (range.end - start < args.duration_minutes * MINUTE_MS) throw new ToolInputError('end', 'leaves no time after now for a meeting of that length; search a later range');
    const [from, until] = (args.working_hours ?? '09:00-17:00').split('-') as [string, string];
    const hours: WorkingHours = { start: from, end: until, days: (args.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']).map((d) => DAYS.indexOf(d) + 1) };
    if (clockMinutes(hours.end) - clockMinutes(hours.start) < args.duration_minutes) throw new ToolInputError('working_hours', `are shorter than the meeting (${args.duration_minutes} min)`);
    const zones = new Map(Object.entries(args.time_zones ?? {}).map(([email, tz]) => [email.toLowerCase(), checkZone(tz, `time_zones.${email}`)]));
    const emails = [...new Map(args.attendees.map((e) => [e.toLowerCase(), e])).values()];
    const people: MeetingTimeResult['people'] = [];
    for (const email of emails) people.push({ email, answer: await ctx.client.freeBusy(email, start, range.end, { signal: ctx.signal }) });
    const attendees: SlotAttendee[] = people.map(({ email, answer }) => ({ email, busy: answer.status === 'ok' ? answer.busy : [], timeZone: zones.get(email.toLowerCase()) }));
    const windows = findMeetingSlots({ attendees, from: start, to: range.end, durationMinutes: args.duration_minutes, timeZone: zone, workingHours: hours, maxWindows: args.max_results });
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
