import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { eventTimes, type CalendarClient, type CalendarInfo, type EventData, type EventTimes, type ZohoEvent } from '../client.js';
import { describeRecurrence, normaliseRecurrence } from '../recurrence.js';
import { shapeEvent } from '../shape.js';
import { DAY_MS, MINUTE_MS, parseInputTime, showTime } from '../time.js';
import { calendarUidInput, emailInput, ensureWritable, reminderInput, requiredTimeInput, timeInput, wireDateandtime, wireReminders, zoneInput, zoneOf, uniqueEmails } from './shared.js';

const input = z.object({
  title: z.string().trim().min(1).max(255).describe('Title.'),
  start: requiredTimeInput('A date alone: all-day.'),
  end: timeInput('Or duration_minutes.'),
  duration_minutes: z.number().int().min(1).max(44_640).optional().describe('Length.'),
  time_zone: zoneInput(),
  calendar_uid: calendarUidInput(),
  attendees: z.array(emailInput).max(100).optional().describe('Emails to invite.'),
  location: z.string().trim().max(255).optional().describe('Place.'),
  description: z.string().max(10_000).optional().describe('Notes.'),
  reminders: reminderInput.describe('Minutes before.'),
  recurrence: z.string().trim().max(300).optional().describe('RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO".'),
});

type Input = z.infer<typeof input>;

export interface CreatedEvent {
  event: ZohoEvent;
  calendar: CalendarInfo;
}

/** Start and end of a new event from the inputs: all-day when start is a date. */
export function newEventTimes(args: Pick<Input, 'start' | 'end' | 'duration_minutes'>, zone: string): EventTimes {
  const start = parseInputTime(args.start, zone, 'start');
  if (args.end && args.duration_minutes) throw new ToolInputError('duration_minutes', 'give end or duration_minutes, not both');
  if (start.date) {
    if (args.duration_minutes) throw new ToolInputError('duration_minutes', 'an all-day event (start is a date) takes an end date, not minutes');
    const last = args.end ? parseInputTime(args.end, zone, 'end') : start;
    if (!last.date) throw new ToolInputError('end', 'must be a date (YYYY-MM-DD) when start is a date (an all-day event)');
    if (last.ms < start.ms) throw new ToolInputError('end', 'is before start');
    const end = DateTime.fromMillis(last.ms, { zone }).plus({ days: 1 }).toMillis();
    if (end - start.ms > 366 * DAY_MS) throw new ToolInputError('end', 'an event may last at most 366 days');
    return { start: start.ms, end, allDay: true, zone };
  }
  if (!args.end && !args.duration_minutes) throw new ToolInputError('end', 'is required (or duration_minutes)');
  const end = args.end ? parseInputTime(args.end, zone, 'end') : { ms: start.ms + args.duration_minutes! * MINUTE_MS };
  if ('date' in end && end.date) throw new ToolInputError('end', 'must be a time like start ("2026-03-10T15:00"), not a date');
  if (end.ms <= start.ms) throw new ToolInputError('end', 'must be after start');
  if (end.ms - start.ms > 31 * DAY_MS) throw new ToolInputError('end', 'a timed event may last at most 31 days; use dates for an all-day event');
  return { start: start.ms, end: end.ms, allDay: false, zone };
}

/** `Tue 2026-03-03 14:00–15:00 America/New_York`, or `Tue 2026-03-03 – Wed 2026-03-04, all day`. */
export function whenText(times: EventTimes): string {
  const s = DateTime.fromMillis(times.start, { zone: times.zone });
  if (times.allDay) {
    const last = DateTime.fromMillis(times.end, { zone: times.zone }).minus({ days: 1 });
    return last.toISODate() === s.toISODate() ? `${s.toFormat('ccc yyyy-LL-dd')}, all day` : `${s.toFormat('ccc yyyy-LL-dd')} – ${last.toFormat('ccc yyyy-LL-dd')}, all day`;
  }
  const e = DateTime.fromMillis(times.end, { zone: times.zone });
  const end = e.toISODate() === s.toISODate() ? e.toFormat('HH:mm') : e.toFormat('ccc yyyy-LL-dd HH:mm');
  return `${s.toFormat('ccc yyyy-LL-dd HH:mm')}–${end} ${times.zone}`;
}

async function plan(args: Input, ctx: ToolContext<CalendarClient>): Promise<WritePlan<CreatedEvent>> {
  const signal = ctx.signal;
  const calendar = await ctx.client.resolveCalendar(args.calendar_uid, { signal });
  ensureWritable(calendar);
  const zone = zoneOf(args.time_zone, calendar.timezone);
  const times = newEventTimes(args, zone);
  const rrule = args.recurrence ? normaliseRecurrence(args.recurrence, 'recurrence', { ms: times.start, zone }) : undefined;
  const attendees = uniqueEmails(args.attendees ?? []);

  // What is already there at that time: a same-title event is refused as a duplicate, others are shown.
  const windowEnd = Math.max(times.end, times.start + MINUTE_MS);
  const existing = await ctx.client.listEvents(calendar, times.start, windowEnd, { expand: true }, { signal });
  const sameTitle = existing.filter((e) => (e.title ?? '').trim().toLowerCase() === args.title.trim().toLowerCase() && eventTimes(e, zone)?.start === times.start);
  if (sameTitle.length) {
    throw new ToolInputError('title', `"${args.title}" already exists at that time in "${calendar.name}" (event_uid ${sameTitle[0]!.uid}); update it with calendar_update_event instead of creating a second one`);
  }
  const preexisting = new Set(existing.map((e) => e.uid));

  const eventdata: EventData = { title: args.title, dateandtime: wireDateandtime(times), isallday: times.allDay };
  if (args.location) eventdata.location = args.location;
  if (args.description) eventdata.description = args.description;
  if (attendees.length) eventdata.attendees = attendees.map((email) => ({ email, permission: 1, attendance: 1 }));
  if (args.reminders) eventdata.reminders = wireReminders(args.reminders);
  if (rrule) eventdata.rrule = rrule;

  const after: Record<string, unknown> = {
    calendar: calendar.name,
    title: args.title,
    when: whenText(times),
    start: times.allDay ? DateTime.fromMillis(times.start, { zone }).toISODate() : showTime(times.start, zone),
    end: times.allDay ? DateTime.fromMillis(times.end, { zone }).minus({ days: 1 }).toISODate() : showTime(times.end, zone),
  };
  if (rrule) after.repeats = `${describeRecurrence(rrule)} (${rrule})`;
  if (attendees.length) after.attendees = attendees;
  if (args.location) after.location = args.location;
  if (existing.length) after.overlaps_with = existing.slice(0, 10).map((e) => `${e.title ?? '(no title)'} ${shapeEvent(e, { zone }).start as string}`);

  const who = attendees.length ? `, ${attendees.length} attendee${attendees.length === 1 ? '' : 's'}` : '';
  return {
    summary: `Create "${args.title}" in ${calendar.name}: ${whenText(times)}${rrule ? `, repeating ${describeRecurrence(rrule)}` : ''}${who}`,
    payload: { calendar_uid: calendar.uid, eventdata },
    after,
    execute: async () => ({ event: await ctx.client.createEvent(calendar.uid, eventdata, { signal }), calendar }),
    // Lost answer: the event is there if the calendar now has one with this title and start that was not there before.
    async reconcile({ signal: checkSignal }) {
      const now = await ctx.client.listEvents(calendar, times.start, windowEnd, { expand: false }, { signal: checkSignal });
      const landed = now.find((e) => !preexisting.has(e.uid) && e.title === args.title && eventTimes(e, zone)?.start === times.start);
      return landed ? { status: 'applied', id: landed.uid, result: { event: landed, calendar } } : { status: 'not_applied' };
    },
    checkWith: `calendar_list_events ${JSON.stringify({ calendar_uid: calendar.uid, start: after.start, query: args.title.slice(0, 60) })}`,
  };
}

export const calendarCreateEvent = defineZohoTool<typeof input, CalendarClient, CreatedEvent>({
  name: 'calendar_create_event',
  app: 'calendar',
  access: 'write',
  scopes: ['ZohoCalendar.event.CREATE', 'ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `Create an event (timed, all-day or repeating) with attendees; the user confirms, seeing clashes.
For several people, pick the time with calendar_find_meeting_time first.
Returns the event.`,
  input,
  examples: [{ title: 'Zylker strategy call', start: '2026-12-15T14:00', duration_minutes: 45, attendees: ['bob.burns@zylker.example'] }],
  plan,
  shape: ({ event, calendar }) => ({ event: shapeEvent(event, { zone: calendar.timezone ?? 'UTC' }), calendar: calendar.name, calendar_uid: calendar.uid }),
  ids: ({ event }) => [event.uid],
});
