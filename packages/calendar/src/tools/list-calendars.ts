import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, CalendarInfo } from '../client.js';
import { shapeCalendar } from '../shape.js';

const input = z.object({
  own_only: z.boolean().default(false).describe("true: only the user's own calendars; default also those shared with them."),
});

export const calendarListCalendars = defineZohoTool<typeof input, CalendarClient, CalendarInfo[]>({
  name: 'calendar_list_calendars',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.calendar.READ'],
  description: `List the user's Zoho calendars (own, and shared with them unless own_only), with which one is the default.
Use it to find a calendar_uid, a calendar's time zone, or whose calendars the user can read or write.
Returns {calendars:{columns,rows} with calendar_uid, name, time_zone, privilege, category, is_default, in_free_busy; default_calendar_uid, count}.`,
  input,
  examples: [{}],
  run: (args, ctx) => ctx.client.listCalendars(args.own_only ? { category: 'own' } : {}, { signal: ctx.signal }),
  shape: (calendars) => {
    const rows = calendars.map(shapeCalendar);
    const primary = calendars.find((c) => c.isdefault === true);
    return {
      calendars: toTable(rows, { columns: ['calendar_uid', 'name', 'time_zone', 'privilege', 'category', 'is_default'] }),
      ...(primary ? { default_calendar_uid: primary.uid } : {}),
      count: calendars.length,
    };
  },
  ids: (calendars) => calendars.map((c) => c.uid),
});
