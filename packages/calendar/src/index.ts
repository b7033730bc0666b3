import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { CalendarClient, type CalendarClientOptions } from './client.js';
import { calendarEnvelopeReader } from './envelope.js';
import { calendarTools } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options of the Calendar plugin: `pluginOptions: { calendar: { calendarUid, files } }` in createZohoToolkit. */
export type CalendarPluginOptions = CalendarClientOptions;

/** Said once in the toolkit's instructions for every Calendar tool. */
export const CALENDAR_INSTRUCTIONS = `Zoho Calendar:
- Times in inputs: "2026-03-10" (a date: whole day, or an all-day event), "2026-03-10T14:30" (in time_zone, default the calendar's) or with an offset ("2026-03-10T14:30-05:00"). Results show times in the calendar's time zone with the offset; all-day events as dates (end = last day).
- calendar_uid comes from calendar_list_calendars; without it tools use the default calendar (lists: all calendars).
- Repeating events: lists show each occurrence with event_uid and recurrence_id; to change or delete one occurrence pass both with scope "instance", for all of them scope "series".
- Free/busy and meeting times work for people of the organization; others show under not_checked/unavailable (unknown, not free).
- .ics files live in the agent's files folder (relative paths only).`;

/** Zoho Calendar (API v1): calendars, events (single, repeating, all-day), free/busy, meeting times, .ics export and import. */
export const calendarPlugin: ZohoPlugin<CalendarClient, CalendarPluginOptions> = {
  name: '@zoho-agent-kit/calendar',
  app: 'calendar',
  version,
  tools: calendarTools,
  readError: calendarEnvelopeReader,
  createClient: (connection, options) => new CalendarClient(connection, options ?? {}),
  emulator: '@zoho-agent-kit/calendar/emulator',
  instructions: CALENDAR_INSTRUCTIONS,
};

export { CalendarClient, calendarEnvelopeReader, calendarTools };
export { CALENDAR_ERROR_KINDS, ETAG_MISMATCH } from './envelope.js';
export {
  calendarCreateEvent,
  calendarDeleteEvent,
  calendarExportIcs,
  calendarFindMeetingTime,
  calendarGetFreebusy,
  calendarImportIcs,
  calendarListCalendars,
  calendarListEvents,
  calendarUpdateEvent,
} from './tools/index.js';
export { DEFAULT_WORKING_HOURS, findMeetingSlots, mergeBusy, workingIntervals, type FindSlotsInput, type FreeWindow, type Interval, type SlotAttendee, type WorkingHours } from './slots.js';
export { describeRecurrence, normaliseRecurrence, occurrenceStarts } from './recurrence.js';
export { buildIcs, parseIcs, type IcsEvent, type ImportedEvent, type ParsedIcs, type SkippedEvent } from './ics.js';
export { eventTimes, etagValue, occurrenceKey } from './client.js';
export type { CalendarClientOptions, CalendarInfo, CallOptions, EventData, EventTimes, FreeBusyAnswer, ZohoAttendee, ZohoEvent, ZohoReminder } from './client.js';
