import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { etagValue, eventTimes, type CalendarClient, type CalendarInfo, type EventData, type EventTimes, type ZohoEvent } from '../client.js';
import { describeRecurrence, normaliseRecurrence } from '../recurrence.js';
import { reminderText, shapeEvent, shownTimes } from '../shape.js';
import { DAY_MS, MINUTE_MS, parseInputTime } from '../time.js';
import { whenText } from './create-event.js';
import {
  emailInput,
  ensureWritable,
  eventdataOf,
  eventUidInput,
  explainConflict,
  findInstance,
  locateEvent,
  recurrenceIdInput,
  reminderInput,
  sameEmail,
  scopeInput,
  timeInput,
  timesOf,
  wireReminders,
} from './shared.js';

const input = z.object({
  event_uid: eventUidInput,
  scope: scopeInput,
  recurrence_id: recurrenceIdInput,
  title: z.string().trim().max(255).optional().describe('New title.'),
  start: timeInput('New start; keeps the length.'),
  end: timeInput('New end.'),
  location: z.string().trim().max(255).optional().describe('"" clears.'),
  description: z.string().max(10_000).optional().describe('"" clears.'),
  add_attendees: z.array(emailInput).max(100).optional().describe('Emails.'),
  remove_attendees: z.array(emailInput).max(100).optional().describe('Emails.'),
  reminders: reminderInput.describe('Minutes before; replaces.'),
  recurrence: z.string().trim().max(300).optional().describe('New RRULE (series).'),
});

type Input = z.infer<typeof input>;

export interface UpdatedEvent {
  event: ZohoEvent;
  calendar: CalendarInfo;
  scope: 'event' | 'instance' | 'series';
  changed: string[];
}

/** A repeat event needs a scope; an instance needs its recurrence_id. */
export function checkScope(event: ZohoEvent, args: { scope?: 'instance' | 'series' | undefined; recurrence_id?: string | undefined }): 'event' | 'instance' | 'series' {
  if (!event.rrule) {
    if (args.scope === 'instance' || args.recurrence_id) throw new ToolInputError(args.recurrence_id ? 'recurrence_id' : 'scope', `"${event.title ?? event.uid}" does not repeat; leave scope and recurrence_id out`);
    return 'event';
  }
  if (!args.scope) {
    throw new ToolInputError(
      'scope',
      `"${event.title ?? event.uid}" repeats ${describeRecurrence(event.rrule)} (${event.rrule}): say scope "instance" with its recurrence_id (from calendar_list_events) to change one occurrence, or "series" to change every occurrence`,
    );
  }
  if (args.scope === 'instance' && !args.recurrence_id) throw new ToolInputError('recurrence_id', 'is required with scope "instance": the recurrence_id calendar_list_events shows for that occurrence');
  if (args.scope === 'series' && args.recurrence_id) throw new ToolInputError('recurrence_id', 'is only for scope "instance"; leave it out to change the whole series');
  return args.scope;
}

/** What a person compares: times shown in the event's zone, people and reminders as words. */
function comparable(event: ZohoEvent, times: EventTimes): Record<string, unknown> {
  const shown = shownTimes(event, times.zone);
  return {
    title: event.title ?? '',
    start: shown.start,
    end: shown.end,
    time_zone: times.zone,
    location: event.location ?? '',
    description: event.description ?? '',
    attendees: (event.attendees ?? []).map((a) => a.email),
    reminders: (event.reminders ?? []).map(reminderText),
    recurrence: event.rrule ?? '',
  };
}

function newTimes(args: Input, current: EventTimes): EventTimes {
  const zone = current.zone;
  if (!args.start && !args.end) return { ...current, zone };
  const length = current.end - current.start;
  const start = args.start ? parseInputTime(args.start, zone, 'start') : undefined;
  const allDay = start ? Boolean(start.date) : current.allDay;
  if (allDay) {
    const first = start?.ms ?? current.start;
    const lastInput = args.end ? parseInputTime(args.end, zone, 'end') : undefined;
    if (lastInput && !lastInput.date) throw new ToolInputError('end', 'must be a date (YYYY-MM-DD) for an all-day event');
    const days = Math.max(1, Math.round(length / DAY_MS));
    const end = lastInput ? DateTime.fromMillis(lastInput.ms, { zone }).plus({ days: 1 }).toMillis() : DateTime.fromMillis(first, { zone }).plus({ days: current.allDay ? days : 1 }).toMillis();
    if (end <= first) throw new ToolInputError('end', 'is before start');
    return { start: first, end, allDay: true, zone };
  }
  const s = start?.ms ?? current.start;
  const endInput = args.end ? parseInputTime(args.end, zone, 'end') : undefined;
  if (endInput?.date) throw new ToolInputError('end', 'must be a time like "2026-03-10T15:00" for a timed event');
  const e = endInput?.ms ?? s + (current.allDay ? 60 * MINUTE_MS : length);
  if (e <= s) throw new ToolInputError('end', 'must be after start');
  return { start: s, end: e, allDay: false, zone };
}

async function plan(args: Input, ctx: ToolContext<CalendarClient>): Promise<WritePlan<UpdatedEvent>> {
  const signal = ctx.signal;
  const { calendar, event: found } = await locateEvent(ctx.client, args.event_uid, signal);
  const scope = checkScope(found, args);
  ensureWritable(calendar);
  if (scope === 'instance' && args.recurrence) throw new ToolInputError('recurrence', 'changes the series: use scope "series" for it');
  const current = scope === 'instance' ? await findInstance(ctx.client, calendar, found, args.recurrence_id!, signal) : found;
  const fallbackZone = calendar.timezone ?? 'UTC';
  const nowTimes = timesOf(current, fallbackZone);
  const times = newTimes(args, nowTimes);

  const next: ZohoEvent = { ...current };
  if (args.title !== undefined) next.title = args.title;
  if (args.location !== undefined) next.location = args.location;
  if (args.description !== undefined) next.description = args.description;
  if (args.reminders) next.reminders = wireReminders(args.reminders);
  if (args.add_attendees || args.remove_attendees) {
    const removing = args.remove_attendees ?? [];
    for (const email of removing) {
      if (!(current.attendees ?? []).some((a) => sameEmail(a.email, email))) throw new ToolInputError('remove_attendees', `${email} is not invited to "${current.title ?? current.uid}"; invited: ${(current.attendees ?? []).map((a) => a.email).join(', ') || 'nobody'}`);
    }
    const kept = (current.attendees ?? []).filter((a) => !removing.some((r) => sameEmail(r, a.email)));
    for (const email of args.add_attendees ?? []) if (!kept.some((a) => sameEmail(a.email, email))) kept.push({ email, permission: 1, attendance: 1 });
    next.attendees = kept;
  }
  let rrule = scope === 'series' ? found.rrule : undefined;
  if (args.recurrence) rrule = normaliseRecurrence(args.recurrence, 'recurrence', { ms: times.start, zone: times.zone });
  else if (rrule && times.start !== nowTimes.start) normaliseRecurrence(rrule, 'start', { ms: times.start, zone: times.zone });
  if (rrule) next.rrule = rrule;
  const nextData = eventdataOf(next, times);
  next.dateandtime = nextData.dateandtime;
  next.isallday = times.allDay;

  const before = comparable(current, nowTimes);
  const afterAll = comparable({ ...next, dateandtime: { ...nextData.dateandtime } }, times);
  const changed = Object.keys(afterAll).filter((k) => JSON.stringify(afterAll[k]) !== JSON.stringify(before[k]));
  if (!changed.length) throw new ToolInputError('(input)', `"${current.title ?? current.uid}" already has these values; nothing to update`);
  const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, o[k]]));

  const etag = String(current.etag ?? '');
  if (!etag) throw new ToolInputError('event_uid', 'Zoho sent the event without its etag, so it cannot be updated safely');
  const eventdata: EventData = { ...nextData, etag: etagValue(etag) };
  if (scope === 'instance') {
    eventdata.recurrenceid = args.recurrence_id!;
    eventdata.recurrence_edittype = 'only';
  } else if (rrule) eventdata.rrule = rrule;
  const label = current.title ?? current.uid;
  const what =
    scope === 'instance'
      ? `one occurrence of the repeating "${label}" (${whenText(nowTimes)}; the rest of the series stays)`
      : scope === 'series'
        ? `the whole series "${label}" (${describeRecurrence(found.rrule!)}), every occurrence`
        : `"${label}" (${whenText(nowTimes)})`;
  const result = (event: ZohoEvent): UpdatedEvent => ({ event: { ...next, ...event, rrule: (event.rrule ?? rrule) as string }, calendar, scope, changed });
  return {
    summary: `Update ${what}: ${changed.join(', ')}`,
    payload: { calendar_uid: calendar.uid, event_uid: found.uid, eventdata },
    before: { scope, ...pick(before) },
    after: { scope, ...pick(afterAll) },
    execute: async () => {
      try {
        return result(await ctx.client.updateEvent(calendar.uid, found.uid, eventdata, { signal }));
      } catch (err) {
        throw explainConflict(err, `"${label}"`);
      }
    },
    // Lost answer: read it back; applied when it now shows the new values, not applied while its etag is the one sent.
    async reconcile({ signal: checkSignal }) {
      const series = await ctx.client.getEvent(calendar.uid, found.uid, { signal: checkSignal });
      if (!series) return { status: 'unknown', detail: 'the event is gone (deleted meanwhile?)' };
      const now = scope === 'instance' ? await findInstance(ctx.client, calendar, series, args.recurrence_id!, checkSignal).catch(() => undefined) : series;
      if (!now) return { status: 'unknown', detail: 'the occurrence is no longer there' };
      const t = eventTimes(now, fallbackZone);
      const values = t ? comparable(now, { ...t, zone: times.zone }) : {};
      if (changed.every((k) => JSON.stringify(values[k]) === JSON.stringify(afterAll[k]))) return { status: 'applied', id: found.uid, result: result(now) };
      if (String(now.etag ?? '') === etag) return { status: 'not_applied' };
      return { status: 'unknown', detail: 'the event changed, but not to the values sent' };
    },
    checkWith: `calendar_list_events ${JSON.stringify({ calendar_uid: calendar.uid, query: label.slice(0, 60) })}`,
  };
}

export const calendarUpdateEvent = defineZohoTool<typeof input, CalendarClient, UpdatedEvent>({
  name: 'calendar_update_event',
  app: 'calendar',
  access: 'write',
  scopes: ['ZohoCalendar.event.UPDATE', 'ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `Move or edit an event (time, title, place, notes, people, reminders, repeat rule); the user confirms before → after.
Returns the event and what changed.`,
  input,
  examples: [{ event_uid: 'a3e7bdad19450f01b0b9c2ff2faf6f7f@zoho.com', start: '2026-12-17T16:00' }],
  plan,
  shape: ({ event, calendar, scope, changed }) => ({ event: shapeEvent(event, { zone: calendar.timezone ?? 'UTC' }), scope, changed, calendar: calendar.name }),
  ids: ({ event }) => [event.uid],
});

