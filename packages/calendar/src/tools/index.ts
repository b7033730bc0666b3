import type { ZohoTool } from '@zoho-agent-kit/core';
import type { CalendarClient } from '../client.js';
import { calendarCreateEvent } from './create-event.js';
import { calendarDeleteEvent } from './delete-event.js';
import { calendarExportIcs } from './export-ics.js';
import { calendarFindMeetingTime } from './find-meeting-time.js';
import { calendarGetFreebusy } from './get-freebusy.js';
import { calendarImportIcs } from './import-ics.js';
import { calendarListCalendars } from './list-calendars.js';
import { calendarListEvents } from './list-events.js';
import { calendarUpdateEvent } from './update-event.js';

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
};

/** Every Calendar tool, reads first. */
export const calendarTools: ZohoTool<CalendarClient>[] = [
  calendarListCalendars,
  calendarListEvents,
  calendarGetFreebusy,
  calendarFindMeetingTime,
  calendarExportIcs,
  calendarCreateEvent,
  calendarUpdateEvent,
  calendarImportIcs,
  calendarDeleteEvent,
];
