import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppSpec } from './spec.js';

/**
 * The apps the generator can scaffold. crm, books, projects, cliq, mail and workdrive have their packages already and no entry here.
 * Envelopes, paths and fields follow the wire digests in /work/shared/zoho-api/; where Zoho's behaviour is
 * undocumented the emulator templates say so and pick one answer.
 */
export const APP_SPECS: Partial<Record<ZohoApp, AppSpec>> = {
  calendar: {
    app: 'calendar',
    App: 'Calendar',
    product: 'Zoho Calendar',
    description: 'Zoho Calendar (API v1) tools for LangChain agents: calendars, with events and free/busy to follow.',
    api: 'Zoho Calendar REST API v1 (`https://calendar.zoho.<tld>/api/v1`)',
    digest: 'calendar.md',
    emulatorScopes: ['ZohoCalendar.calendar.ALL', 'ZohoCalendar.event.ALL', 'ZohoCalendar.freebusy.READ'],
    rateLimit: { limit: 100, windowMs: 60_000, note: "100 requests a minute (Zoho's limit is undisclosed)" },
    errorsNote:
      "Zoho does not document Calendar's error body; the reader reads `{error:[{message,code}]}` (as the emulator sends it, array or object) and falls back to core's generic reader for anything else. Over the (undisclosed) usage limit Calendar answers 429 and locks the API for a while.",
    tool: {
      name: 'calendar_list_calendars',
      scopes: ['ZohoCalendar.calendar.READ'],
      what: "The user's calendars (own, and shared unless `own_only`) with the calendar_uid every event call needs, time zone and privilege.",
      clientTypes: ['CalendarInfo'],
      route: 'GET /api/v1/calendars',
    },
    stateTypes: ['CalendarState', 'EmuCalendar'],
    seedNote: "The signed-in user is the CEO (core's `AGENCY_STAFF`): her default calendar, the agency's team and client-meeting calendars, and the CMO's and CFO's calendars shared with her.",
    test: {
      cases: [
        {
          title: "lists the user's own and shared calendars, shaped for the model",
          input: {},
          expected: {
            count: 5,
            calendars: [
              { name: 'Maya Ortiz', is_default: true, privilege: 'owner', category: 'own', time_zone: 'America/New_York' },
              { name: 'Northwind Creative Team', category: 'own' },
              { name: 'Client meetings', category: 'own' },
              { name: 'Leo Brandt', privilege: 'read', category: 'shared' },
              { name: 'Daniel Okafor', privilege: 'read', category: 'shared' },
            ],
          },
        },
        {
          title: "keeps only the user's own calendars with own_only",
          input: { own_only: true },
          expected: { count: 3, calendars: [{ category: 'own' }, { category: 'own' }, { category: 'own' }] },
        },
      ],
      raw: { title: "returns Zoho's calendar JSON with raw: true", input: { own_only: true }, expected: [{ name: 'Maya Ortiz', isdefault: true }, { isdefault: false }, { isdefault: false }] },
      bad: { input: { own_only: 'yes' }, field: 'own_only' },
      throttleStatus: 429,
      serverErrorCode: 'INTERNAL_ERROR',
    },
    example: {
      input: { own_only: true },
      output: '{"calendars":[{"calendar_uid":"…","name":"Maya Ortiz","time_zone":"America/New_York","privilege":"owner","category":"own","is_default":true,…},…],"count":3}',
    },
  },
};
