import { createHash } from 'node:crypto';
import { defineZohoTool, toTable, ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { eventTimes, occurrenceKey, type CalendarClient, type CalendarInfo, type ZohoEvent } from '../client.js';
import { shapeEvent } from '../shape.js';
import { showTime } from '../time.js';
import { calendarUidInput, mapLimit, orderCalendars, PARALLEL, resolveRange, timeInput, zoneOf, zoneInput } from './shared.js';

const input = z.object({
  start: timeInput('Default today.'),
  end: timeInput('Default start + 7 days; any length.'),
  calendar_uid: calendarUidInput('Default: all calendars.'),
  query: z.string().trim().max(100).optional().describe('Text to match, e.g. a name.'),
  time_zone: zoneInput(),
  limit: z.number().int().min(1).max(200).default(50).describe('Page size.'),
  page_token: z.string().trim().max(400).optional().describe('next_page_token.'),
});

type Input = z.infer<typeof input>;

export interface ListEventsResult {
  events: ZohoEvent[];
  calendars: CalendarInfo[];
  zone: string | undefined;
  start: number;
  end: number;
  /** Events after this page. */
  remaining: number;
  next_page_token?: string;
}

interface Cursor {
  /** Start of the last event returned, and its key. */
  s: number;
  k: string;
  /** Which arguments the token belongs to. */
  h: string;
}

function argsHash(args: Input): string {
  const { page_token: _t, limit: _l, ...rest } = args;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 10);
}

function readCursor(token: string, args: Input): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.s !== 'number' || typeof c.k !== 'string' || typeof c.h !== 'string') throw new Error('shape');
    if (c.h !== argsHash(args)) throw new ToolInputError('page_token', 'belongs to a list with other arguments; repeat the same start, end, calendar_uid, query and time_zone, or leave page_token out');
    return c;
  } catch (err) {
    if (err instanceof ToolInputError) throw err;
    throw new ToolInputError('page_token', 'is not a next_page_token this tool gave; copy it exactly or leave it out');
  }
}

const TEXT_FIELDS = (e: ZohoEvent) => [e.title, e.location, e.description, e.organizer, ...(e.attendees ?? []).map((a) => a.email)];

export const calendarListEvents = defineZohoTool<typeof input, CalendarClient, ListEventsResult>({
  name: 'calendar_list_events',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `List events of a date range, from one calendar or all; repeating events come as their occurrences.
Use for "what's on my calendar", meetings with someone, or an event_uid to update or delete.
Returns a table of events with attendees and event_uid.`,
  input,
  examples: [{}, { query: 'zylker', limit: 10 }],
  async run(args, ctx) {
    const signal = ctx.signal;
    const all = orderCalendars(await ctx.client.listCalendars({}, { signal }));
    const calendars = args.calendar_uid ? [await ctx.client.resolveCalendar(args.calendar_uid, { signal })] : all;
    const primary = all.find((c) => c.isdefault) ?? calendars[0];
    const zone = args.time_zone ? zoneOf(args.time_zone, undefined) : undefined;
    const rangeZone = zone ?? calendars[0]?.timezone ?? primary?.timezone ?? 'UTC';
    const { start, end } = resolveRange(args, rangeZone, ctx.client.now(), 7);
    const cursor = args.page_token ? readCursor(args.page_token, args) : undefined;
    const from = cursor ? Math.max(start, cursor.s) : start;
    const needle = args.query?.toLowerCase();
    const seen = new Map<string, { event: ZohoEvent; at: number; order: number }>();
    const lists = await mapLimit(calendars, PARALLEL, (calendar) => ctx.client.listEvents(calendar, from, end, { expand: true }, { signal }));
    for (const [order, calendar] of calendars.entries()) {
      for (const event of lists[order]!) {
        const key = occurrenceKey(event);
        if (seen.has(key)) continue;
        if (needle && !TEXT_FIELDS(event).some((t) => t?.toLowerCase().includes(needle))) continue;
        seen.set(key, { event, at: eventTimes(event, calendar.timezone ?? rangeZone)?.start ?? 0, order });
      }
    }
    let sorted = [...seen.entries()].sort(([ka, a], [kb, b]) => a.at - b.at || a.order - b.order || ka.localeCompare(kb));
    if (cursor) sorted = sorted.filter(([k, v]) => v.at > cursor.s || (v.at === cursor.s && k.localeCompare(cursor.k) > 0));
    const page = sorted.slice(0, args.limit);
    const result: ListEventsResult = { events: page.map(([, v]) => v.event), calendars, zone, start, end, remaining: sorted.length - page.length };
    const last = page[page.length - 1];
    if (result.remaining > 0 && last) {
      result.next_page_token = Buffer.from(JSON.stringify({ s: last[1].at, k: last[0], h: argsHash(args) } satisfies Cursor)).toString('base64url');
    }
    return result;
  },
  shape(result) {
    const byUid = new Map(result.calendars.map((c) => [c.uid, c]));
    const several = result.calendars.length > 1;
    const rows = result.events.map((event) => {
      const calendar = byUid.get(event.caluid ?? '') ?? result.calendars[0];
      return shapeEvent(event, { zone: result.zone ?? calendar?.timezone ?? 'UTC', calendar: several ? calendar?.name : undefined, rule: false });
    });
    const zone = result.zone ?? result.calendars[0]?.timezone ?? 'UTC';
    const out: Record<string, unknown> = {
      events: toTable(rows, { columns: ['start', 'end', 'title', 'calendar', 'all_day', 'time_zone', 'location', 'organizer', 'attendees', 'repeats'] }),
      count: rows.length,
      range: { start: showTime(result.start, zone), end: showTime(result.end, zone) },
      calendars: result.calendars.map((c) => ({ calendar_uid: c.uid, name: c.name, time_zone: c.timezone })),
    };
    if (result.next_page_token) {
      out.more = result.remaining;
      out.next_page_token = result.next_page_token;
    }
    return out;
  },
  ids: (result) => result.events.map((e) => e.uid),
});
