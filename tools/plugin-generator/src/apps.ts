import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppSpec } from './spec.js';

/**
 * The apps the generator can scaffold. crm, books and projects have hand-written packages already and no entry here.
 * Envelopes, paths and fields follow the wire digests in /work/shared/zoho-api/; where Zoho's behaviour is
 * undocumented the emulator templates say so and pick one answer.
 */
export const APP_SPECS: Partial<Record<ZohoApp, AppSpec>> = {
  mail: {
    app: 'mail',
    App: 'Mail',
    product: 'Zoho Mail',
    description: 'Zoho Mail tools for LangChain agents: mail accounts, with folders, messages, search and send to follow.',
    api: 'Zoho Mail REST API (`https://mail.zoho.<tld>/api`, no version segment)',
    digest: 'mail.md',
    emulatorScopes: ['ZohoMail.accounts.ALL', 'ZohoMail.folders.ALL', 'ZohoMail.messages.ALL', 'ZohoMail.tags.ALL'],
    rateLimit: { limit: 30, windowMs: 60_000, note: '30 requests a minute, as Zoho Mail' },
    errorsNote:
      'Mail answers `{status:{code,description},data:{errorCode,moreInfo}}`, sometimes with HTTP 200 and a failing `status.code`; the reader keys off `data.errorCode` (`INVALID_OAUTHTOKEN` and `INVALID_TICKET` refresh the token once). Zoho Mail allows about 30 requests a minute; configure `limits: { mail: { perWindow: 30 } }` on the connection to pace calls.',
    tool: {
      name: 'mail_list_accounts',
      scopes: ['ZohoMail.accounts.READ'],
      what: 'The mail accounts of the signed-in user: account_id (needed by every other Mail call), address, aliases and the addresses it may send from.',
      clientTypes: ['MailAccount', 'MailEnvelope'],
      route: 'GET /api/accounts',
    },
    stateTypes: ['EmuMailAccount', 'MailState'],
    seedNote: "The signed-in user is the agency's CEO, Maya Ortiz (core's `AGENCY_STAFF`), with her own mailbox and the shared `hello@northwind-creative.example` mailbox.",
    test: {
      cases: [
        {
          title: "lists the signed-in user's accounts, shaped for the model",
          input: {},
          expected: {
            count: 2,
            accounts: [
              { email: 'maya.ortiz@northwind-creative.example', display_name: 'Maya Ortiz', aliases: ['maya@northwind-creative.example'], send_from: ['maya.ortiz@northwind-creative.example', 'maya@northwind-creative.example'] },
              { email: 'hello@northwind-creative.example', display_name: 'Northwind Creative' },
            ],
          },
        },
        {
          title: 'finds the account that owns an alias',
          input: { email: 'maya@northwind-creative.example' },
          expected: { count: 1, accounts: [{ email: 'maya.ortiz@northwind-creative.example', role: 'admin', status: 'enabled' }] },
        },
      ],
      raw: { title: "returns Zoho's account JSON with raw: true", input: {}, expected: [{ primaryEmailAddress: 'maya.ortiz@northwind-creative.example', mailboxStatus: 'enabled' }, { primaryEmailAddress: 'hello@northwind-creative.example' }] },
      bad: { input: { email: 'not an address' }, field: 'email' },
      throttleStatus: 429,
      serverErrorCode: 'INTERNAL_SERVER_ERROR',
    },
    example: {
      input: {},
      output: '{"accounts":[{"account_id":"4411200000000000001","email":"maya.ortiz@northwind-creative.example",…,"send_from":[…]},…],"count":2}',
    },
  },
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
