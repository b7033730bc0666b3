import { defineZohoTool, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { eventTimes, type CalendarClient, type CalendarInfo, type ZohoEvent } from '../client.js';
import { buildIcs, type IcsEvent } from '../ics.js';
import { instantOfRecurrenceId, occurrenceStarts, recurrenceIdAt } from '../recurrence.js';
import { parseWireTime, showTime } from '../time.js';
import { calendarUidInput, resolveRange, timeInput } from './shared.js';

export const icsFileInput = z
  .string()
  .trim()
  .max(200)
  .refine((v) => /\.ics$/i.test(v), 'must end with .ics')
  .describe('Path in the files folder.');

const input = z.object({
  file: icsFileInput,
  start: timeInput('Default today.'),
  end: timeInput('Default start + 30 days.'),
  calendar_uid: calendarUidInput(),
  overwrite: z.boolean().default(false).describe('Replace an existing file.'),
});

export interface ExportResult {
  file: string;
  path: string;
  size: number;
  calendar: CalendarInfo;
  start: number;
  end: number;
  events: ZohoEvent[];
  written: { events: number; series: number; cancelled: number; moved: number };
}

function icsEvent(event: ZohoEvent, fallbackZone: string): IcsEvent | undefined {
  const t = eventTimes(event, fallbackZone);
  if (!t) return undefined;
  return {
    uid: event.uid,
    title: event.title ?? '',
    start: t.start,
    end: t.end,
    allDay: t.allDay,
    zone: t.zone,
    location: event.location,
    description: event.description,
    organizer: event.organizer,
    attendees: event.attendees?.map((a) => ({ email: a.email, status: a.status })),
    rrule: event.rrule,
    private: event.isprivate === true,
    free: event.transparency === 1,
    created: event.createdtime ? parseWireTime(event.createdtime, 'utc') : undefined,
    modified: event.lastmodifiedtime ? parseWireTime(event.lastmodifiedtime, 'utc') : undefined,
  };
}

export const calendarExportIcs = defineZohoTool<typeof input, CalendarClient, ExportResult>({
  name: 'calendar_export_ics',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `Save a calendar's events of a range as an .ics file in the agent's files folder, for other calendar apps.
Returns the file's path, size and event count.`,
  input,
  examples: [{ file: 'northwind-next-month.ics', overwrite: true }],
  async run(args, ctx) {
    const files = ctx.client.files;
    // The file is checked before anything is asked of Zoho.
    await files.resolve(args.file, 'file');
    if (!args.overwrite && (await files.exists(args.file))) throw new ToolInputError('file', `"${args.file}" already exists in the files folder; choose another name or set overwrite`);
    const calendar = await ctx.client.resolveCalendar(args.calendar_uid, { signal: ctx.signal });
    const zone = calendar.timezone ?? 'UTC';
    const { start, end } = resolveRange(args, zone, ctx.client.now(), 30);
    const { events, instances } = await ctx.client.listEventsAndInstances(calendar, start, end, { signal: ctx.signal });
    const out: IcsEvent[] = [];
    const written = { events: 0, series: 0, cancelled: 0, moved: 0 };
    for (const event of events) {
      const base = icsEvent(event, zone);
      if (!base) continue;
      written.events++;
      if (!event.rrule) {
        out.push(base);
        continue;
      }
      written.series++;
      // Compare the rule's occurrences in the range with the instances Zoho lists: missing ones were
      // cancelled (EXDATE), ones that differ were moved or changed (a RECURRENCE-ID override).
      const actual = new Map(instances.filter((i) => i.uid === event.uid).map((i) => [i.recurrenceid!, i]));
      const length = base.end - base.start;
      const exdates: number[] = [];
      for (const at of occurrenceStarts(event.rrule, base.start, base.zone, start - length, end)) {
        const rid = recurrenceIdAt(at, base.allDay, base.zone);
        const instance = actual.get(rid);
        if (!instance) {
          exdates.push(at);
          continue;
        }
        const shown = eventTimes(instance, base.zone);
        const moved = shown && (shown.start !== at || shown.end !== at + length);
        const retitled = instance.title !== undefined && instance.title !== event.title;
        if (shown && (moved || retitled)) {
          out.push({ ...base, ...icsEvent({ ...event, ...instance, rrule: undefined as unknown as string }, zone)!, rrule: undefined, recurrenceId: instantOfRecurrenceId(rid, base.zone)! });
          written.moved++;
        }
      }
      written.cancelled += exdates.length;
      out.push({ ...base, exdates });
    }
    const text = buildIcs(out, { calendarName: calendar.name, calendarZone: zone, now: ctx.client.now() });
    const saved = await files.write(args.file, 'file', text, { overwrite: args.overwrite });
    return { file: args.file, path: saved.path, size: saved.size, calendar, start, end, events, written };
  },
  shape: (r) => ({
    file: r.file,
    path: r.path,
    size: r.size,
    events: r.written.events,
    series: r.written.series,
    cancelled_occurrences: r.written.cancelled,
    moved_occurrences: r.written.moved,
    calendar: r.calendar.name,
    range: { start: showTime(r.start, r.calendar.timezone ?? 'UTC'), end: showTime(r.end, r.calendar.timezone ?? 'UTC') },
  }),
});
