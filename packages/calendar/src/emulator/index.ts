/**
 * The Zoho Calendar slice of the emulator, mounted at `/_calendar` on the emulator's origin (Zoho's own paths
 * below it). Routes, error answers and the choices made where Zoho's behaviour is unconfirmed are in
 * ./routes.ts; the state and its rules (instances, etags, free/busy) in ./state.ts; the agency's calendars in
 * ./seed.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [calendarEmulator] });
 * const quiet = await startEmulator({ apps: [createCalendarEmulator({ rateLimit: false })] });
 * emu.state<CalendarState>('calendar').users.find((u) => u.email === 'leo.brandt@northwind-creative.example')!.freebusy = false;
 * ```
 */
import type { EmulatorApp, EmulatorRateLimit } from '@zoho-agent-kit/core/emulator';
import { calendarErrors, calendarRoutes } from './routes.js';
import { createCalendarState, STAFF_TIME_ZONES } from './seed.js';
import type { CalendarState } from './state.js';

export type { AttendeeStatus, CalendarState, EmuAttendee, EmuCalendar, EmuEvent, EmuEventFields, EmuException, EmuInstance, EmuReminder, EmuUser } from './state.js';
export { busyInstances, instancesOf } from './state.js';
export { instantOfRecurrenceId, recurrenceIdAt } from '../recurrence.js';
export { calendarError, MAX_INSTANCE_RANGE_DAYS, MAX_RANGE_DAYS } from './routes.js';
export { STAFF_TIME_ZONES };

/** Every scope the emulator's demo credentials get for Zoho Calendar. */
export const CALENDAR_EMULATOR_SCOPES: string[] = ['ZohoCalendar.calendar.ALL', 'ZohoCalendar.event.ALL', 'ZohoCalendar.freebusy.ALL'];

export interface CalendarEmulatorOptions {
  /** Requests per window per grant; false for none. Default: 100 requests a minute (Zoho's limit is undisclosed). */
  rateLimit?: EmulatorRateLimit | false;
}

/** A Zoho Calendar emulator slice with its own options; `calendarEmulator` is this with the defaults. */
export function createCalendarEmulator(options: CalendarEmulatorOptions = {}): EmulatorApp<CalendarState> {
  const app: EmulatorApp<CalendarState> = {
    app: 'calendar',
    basePath: '/_calendar',
    scopes: CALENDAR_EMULATOR_SCOPES,
    createState: ({ seed, now, randomSeed }) => createCalendarState({ seed, now, randomSeed }),
    routes: calendarRoutes,
    errors: calendarErrors,
    describe: (state) => {
      const primary = state.calendars.find((c) => c.isdefault);
      return {
        ...(primary ? { ids: { ZOHO_CALENDAR_UID: primary.uid } } : {}),
        example: '/api/v1/calendars',
      };
    },
  };
  if (options.rateLimit !== false) app.rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 };
  return app;
}

/** The Zoho Calendar emulator slice with defaults. */
export const calendarEmulator: EmulatorApp<CalendarState> = createCalendarEmulator();
