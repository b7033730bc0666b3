import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, CalendarInfo } from '../client.js';
import { shapeCalendar } from '../shape.js';

const input = z.object({});

export const calendarListCalendars = defineZohoTool<typeof input, CalendarClient, CalendarInfo[]>({
  name: 'calendar_list_calendars',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.calendar.READ'],
  description: `List the user's Zoho calendars, own and shared with them.
Use to find a calendar_uid, a calendar's time zone or which calendar is the default.
Returns a table of calendars with privilege and is_default.`,
  input,
  examples: [{}],
  run: (_args, ctx) => ctx.client.listCalendars({}, { signal: ctx.signal }),
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
