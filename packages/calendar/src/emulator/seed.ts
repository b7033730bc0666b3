/**
 * The agency's calendars (core's AGENCY_STAFF and AGENCY_CLIENTS), seeded around the week the emulator starts
 * in: the signed-in CEO's own calendars (personal default, team, client meetings) and her colleagues'
 * calendars shared with her, in New York, Berlin, Kolkata, Chicago, Stockholm; single, repeating (with a moved
 * and a cancelled instance), all-day and multi-day events, meetings with clients' contacts in their own time
 * zones. Ids and uids are deterministic (a seeded generator), dates follow the clock.
 */
import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, createIdGenerator, seededRandom, type AgencyClient, type AgencyStaff } from '@zoho-agent-kit/core/emulator';
import { DateTime } from 'luxon';
import { occurrenceStarts, recurrenceIdAt } from '../recurrence.js';
import type { CalendarState, EmuAttendee, EmuCalendar, EmuEvent, EmuEventFields, EmuUser } from './state.js';

/** Where each of the agency's people works (AGENCY_STAFF order). */
export const STAFF_TIME_ZONES: Record<string, string> = {
  'maya.ortiz@northwind-creative.example': 'America/New_York',
  'leo.brandt@northwind-creative.example': 'Europe/Berlin',
  'priya.natarajan@northwind-creative.example': 'Asia/Kolkata',
  'daniel.okafor@northwind-creative.example': 'America/Chicago',
  'sofia.lindqvist@northwind-creative.example': 'Europe/Stockholm',
  'hana.kimura@northwind-creative.example': 'America/New_York',
};

const COLORS = ['#2E7D32', '#1565C0', '#EF6C00', '#6A1B9A', '#00838F', '#AD1457', '#5D4037', '#283593'];

function hex(random: () => number, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}

function emptyState(randomSeed: number | undefined): CalendarState {
  const random = seededRandom((randomSeed ?? 1701) + 1);
  let lastEtag = 0;
  return {
    signedIn: AGENCY_STAFF[0]!.email,
    users: AGENCY_STAFF.map((s) => ({ email: s.email, name: `${s.firstName} ${s.lastName}`, timeZone: STAFF_TIME_ZONES[s.email] ?? AGENCY.timeZone, freebusy: true }) satisfies EmuUser),
    calendars: [],
    events: [],
    nextId: createIdGenerator('3182000000'),
    nextUid: () => `${hex(random, 32)}@zoho.com`,
    nextEtag: (now) => (lastEtag = Math.max(lastEtag + 1, Math.floor(now))),
  };
}

function client(name: string): AgencyClient {
  const found = AGENCY_CLIENTS.find((c) => c.name === name);
  if (!found) throw new Error(`no agency client ${name}`);
  return found;
}

const attendee = (email: string, status: EmuAttendee['status'] = 'ACCEPTED', attendance = 1): EmuAttendee => ({ email, status, permission: 1, attendance });

type CalendarMaker = (init: Partial<EmuCalendar> & Pick<EmuCalendar, 'name' | 'owner'>) => EmuCalendar;

function calendarMaker(state: CalendarState, random: () => number, now: number): CalendarMaker {
  return (init) => {
    const c: EmuCalendar = {
      uid: hex(random, 32),
      id: state.nextId(),
      description: '',
      color: COLORS[state.calendars.length % COLORS.length]!,
      timezone: STAFF_TIME_ZONES[init.owner] ?? AGENCY.timeZone,
      privilege: 'owner',
      category: 'own',
      isdefault: false,
      includeInFreebusy: true,
      modified: now - 30 * 86_400_000,
      ...init,
    };
    state.calendars.push(c);
    return c;
  };
}

/** The signed-in CEO's default calendar: there even in an unseeded emulator, as every Zoho user has one. */
function personalCalendar(calendar: CalendarMaker): EmuCalendar {
  const ceo = AGENCY_STAFF[0]!;
  return calendar({ name: `${ceo.firstName} ${ceo.lastName}`, owner: ceo.email, description: 'Personal calendar', isdefault: true });
}

function seedState(state: CalendarState, calendar: CalendarMaker, personal: EmuCalendar, now: number): void {
  const staff = AGENCY_STAFF.slice(0, 6) as [AgencyStaff, AgencyStaff, AgencyStaff, AgencyStaff, AgencyStaff, AgencyStaff];
  const [ceo, cmo, cto, cfo, coo, ea] = staff;
  const team = calendar({ name: `${AGENCY.name} Team`, owner: ceo.email, description: 'Company events, stand-ups and all-hands', includeInFreebusy: false });
  const clients = calendar({ name: 'Client meetings', owner: ceo.email, description: 'Kick-offs, reviews and workshops with clients' });
  const shared = Object.fromEntries(
    staff.slice(1).map((s: AgencyStaff) => [s.email, calendar({ name: `${s.firstName} ${s.lastName}`, owner: s.email, description: `${s.role} of ${AGENCY.name}`, privilege: 'read', category: 'shared' })]),
  ) as Record<string, EmuCalendar>;

  // The Monday (New York) of the week the emulator starts in; events sit at wall times around it.
  const monday = DateTime.fromMillis(now, { zone: AGENCY.timeZone }).startOf('week');
  const at = (day: number, time: string, zone: string): number => {
    const d = monday.plus({ days: day });
    const [hour, minute] = time.split(':').map(Number);
    return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: hour!, minute: minute! }, { zone }).toMillis();
  };
  const midnight = (day: number, zone: string) => at(day, '00:00', zone);

  const add = (cal: EmuCalendar, init: Partial<EmuEventFields> & Pick<EmuEventFields, 'title' | 'start' | 'end'> & { rrule?: string; organizer?: string }): EmuEvent => {
    const created = Math.min(now - 14 * 86_400_000, init.start - 7 * 86_400_000);
    const organizer = init.organizer ?? cal.owner;
    const event: EmuEvent = {
      uid: state.nextUid(),
      id: state.nextId(),
      calendarUid: cal.uid,
      organizer,
      createdBy: organizer,
      modifiedBy: organizer,
      created,
      modified: created,
      etag: state.nextEtag(created),
      exceptions: new Map(),
      description: '',
      location: '',
      isprivate: false,
      transparency: 0,
      timezone: cal.timezone,
      allDay: false,
      attendees: [],
      reminders: [{ action: 'popup', minutes: -15 }],
      color: '',
      url: '',
      ...init,
    };
    if (event.rrule) {
      // A series starts on its first occurrence at or after the given start.
      const first = occurrenceStarts(event.rrule, event.start, event.timezone, event.start, event.start + 400 * 86_400_000, 1)[0] ?? event.start;
      const length = event.end - event.start;
      event.start = first;
      event.end = first + length;
    }
    state.events.push(event);
    return event;
  };
  const everyone = staff.slice(1).map((s: AgencyStaff) => attendee(s.email));
  const ny = AGENCY.timeZone;

  // The CEO's own calendar.
  const leadership = add(personal, {
    title: 'Leadership sync',
    description: 'Weekly priorities, pipeline and cash; one owner per action.',
    location: 'Zoom',
    start: at(-84, '10:00', ny),
    end: at(-84, '11:00', ny),
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    attendees: [attendee(cmo.email), attendee(cto.email), attendee(cfo.email), attendee(coo.email, 'TENTATIVE'), attendee(ea.email)],
  });
  // Next week's sync moves to Tuesday; the one after is cancelled.
  const nextMonday = at(7, '10:00', ny);
  leadership.exceptions.set(recurrenceIdAt(nextMonday, leadership.allDay, leadership.timezone), { fields: { start: at(8, '10:00', ny), end: at(8, '11:00', ny), location: 'Boardroom, NYC office' }, etag: state.nextEtag(now - 86_400_000), modified: now - 86_400_000 });
  leadership.exceptions.set(recurrenceIdAt(at(14, '10:00', ny), leadership.allDay, leadership.timezone), { deleted: true, etag: state.nextEtag(now - 86_400_000), modified: now - 86_400_000 });
  add(personal, { title: '1:1 Maya / Sofia', start: at(-82, '11:00', ny), end: at(-82, '11:30', ny), rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', attendees: [attendee(coo.email)] });
  add(personal, {
    title: 'Board meeting',
    description: 'Quarterly numbers and the hiring plan.',
    location: 'Boardroom, NYC office',
    start: at(-84, '13:00', ny),
    end: at(-84, '15:00', ny),
    rrule: 'FREQ=MONTHLY;BYDAY=1TH',
    attendees: [attendee(cfo.email)],
    reminders: [{ action: 'email', minutes: -1440 }, { action: 'popup', minutes: -30 }],
  });
  add(personal, { title: 'Budget review', description: 'Q2 budget against actuals.', start: at(3, '15:00', ny), end: at(3, '16:00', ny), attendees: [attendee(cfo.email)] });
  add(personal, { title: 'Dentist', start: at(4, '08:00', ny), end: at(4, '09:00', ny), isprivate: true, reminders: [{ action: 'popup', minutes: -60 }] });
  const marlowe = client('Marlowe & Finch').contacts[0]!;
  add(personal, { title: `Lunch with ${marlowe.firstName} ${marlowe.lastName} (Marlowe & Finch)`, location: 'Boston, Union Oyster House', start: at(9, '12:30', ny), end: at(9, '13:30', ny), attendees: [attendee(marlowe.email, 'NEEDS-ACTION')] });
  add(personal, {
    title: 'Design sprint review (Berlin)',
    description: 'Leo walks through the Helios Solar brand sprint.',
    location: 'Berlin studio / Zoom',
    timezone: 'Europe/Berlin',
    start: at(9, '16:00', 'Europe/Berlin'),
    end: at(9, '17:00', 'Europe/Berlin'),
    attendees: [attendee(cmo.email)],
  });

  // The team calendar.
  add(team, { title: 'Team stand-up', start: at(-84, '09:15', ny), end: at(-84, '09:30', ny), rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', location: 'Zoom', attendees: everyone, reminders: [] });
  add(team, { title: 'All-hands', start: at(-84, '16:00', ny), end: at(-84, '17:00', ny), rrule: 'FREQ=MONTHLY;BYDAY=-1FR', location: 'NYC office + Zoom', attendees: everyone });
  add(team, {
    title: 'Quarterly strategy offsite',
    description: 'Two days on positioning, pricing and the 2027 plan.',
    location: 'Hudson Valley',
    allDay: true,
    start: midnight(22, ny),
    end: midnight(24, ny),
    attendees: everyone,
    reminders: [{ action: 'email', minutes: -10080 }],
  });
  add(team, { title: 'Office closed: team day', allDay: true, start: midnight(-3, ny), end: midnight(-2, ny), transparency: 1, reminders: [] });

  // Client meetings, in the clients' own time zones where they host them.
  const zylker = client('Zylker Corp');
  add(clients, {
    title: 'Zylker Corp: campaign review',
    description: 'Q3 campaign results and the autumn media plan.',
    location: 'Zoom',
    start: at(1, '14:00', ny),
    end: at(1, '15:00', ny),
    attendees: [...zylker.contacts.map((c) => attendee(c.email)), attendee(cmo.email)],
  });
  add(clients, { title: 'Zylker Corp: weekly status', location: 'Zoom', start: at(-81, '11:00', ny), end: at(-81, '11:30', ny), rrule: 'FREQ=WEEKLY;BYDAY=TH', attendees: [attendee(zylker.contacts[0]!.email), attendee(cmo.email, 'TENTATIVE')] });
  add(clients, { title: 'Zylker Corp: Q2 results', location: 'Austin, Zylker HQ', timezone: 'America/Chicago', start: at(-6, '10:00', 'America/Chicago'), end: at(-6, '11:30', 'America/Chicago'), attendees: zylker.contacts.map((c) => attendee(c.email)) });
  const acme = client('Acme Widgets');
  add(clients, { title: 'Acme Widgets: growth workshop', location: 'Denver, Acme office', timezone: 'America/Denver', start: at(10, '10:00', 'America/Denver'), end: at(10, '12:00', 'America/Denver'), attendees: [...acme.contacts.map((c) => attendee(c.email)), attendee(cmo.email)] });
  const bluebird = client('Bluebird Logistics');
  add(clients, { title: 'Bluebird Logistics: kickoff', location: 'Chicago, Bluebird HQ', timezone: 'America/Chicago', start: at(4, '11:00', 'America/Chicago'), end: at(4, '12:00', 'America/Chicago'), attendees: [...bluebird.contacts.map((c) => attendee(c.email)), attendee(coo.email), attendee(cto.email, 'DECLINED')] });
  const helios = client('Helios Solar');
  add(clients, { title: 'Helios Solar: brand review', location: 'Zoom', timezone: 'America/Phoenix', start: at(14, '15:00', 'America/Phoenix'), end: at(14, '16:00', 'America/Phoenix'), attendees: [...helios.contacts.map((c) => attendee(c.email)), attendee(cmo.email)] });
  const redwood = client('Redwood Health');
  add(clients, { title: 'Redwood Health: monthly check-in', location: 'Zoom', timezone: 'America/Los_Angeles', start: at(-84, '13:00', 'America/Los_Angeles'), end: at(-84, '13:45', 'America/Los_Angeles'), rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', attendees: redwood.contacts.map((c) => attendee(c.email)) });
  const silverline = client('Silverline Media');
  add(clients, { title: 'Silverline Media: creative brainstorm', location: 'New York, Silverline studio', start: at(8, '14:00', ny), end: at(8, '16:00', ny), attendees: [...silverline.contacts.map((c) => attendee(c.email)), attendee(cmo.email)] });
  const quantum = client('Quantum Bakery');
  add(clients, { title: 'Quantum Bakery: photo shoot', location: 'Portland, Quantum Bakery', timezone: 'America/Los_Angeles', allDay: true, start: midnight(11, 'America/Los_Angeles'), end: midnight(12, 'America/Los_Angeles'), attendees: quantum.contacts.map((c) => attendee(c.email)) });
  add(clients, { title: 'Marlowe & Finch: contract review', location: 'Boston, Marlowe & Finch', start: at(-5, '15:00', ny), end: at(-5, '16:00', ny), attendees: [attendee(marlowe.email)] });

  // Colleagues' own calendars (shared with the CEO, read only).
  const berlin = 'Europe/Berlin';
  add(shared[cmo.email]!, { title: 'Design review', start: at(-84, '14:00', berlin), end: at(-84, '15:30', berlin), timezone: berlin, rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', location: 'Berlin studio' });
  add(shared[cmo.email]!, { title: 'Agency pitch prep', start: at(2, '09:00', berlin), end: at(2, '12:00', berlin), timezone: berlin });
  const kolkata = 'Asia/Kolkata';
  add(shared[cto.email]!, { title: 'Engineering stand-up', start: at(-84, '10:00', kolkata), end: at(-84, '10:30', kolkata), timezone: kolkata, rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' });
  add(shared[cto.email]!, { title: 'Architecture review', start: at(-82, '15:00', kolkata), end: at(-82, '17:00', kolkata), timezone: kolkata, rrule: 'FREQ=WEEKLY;BYDAY=WE' });
  const chicago = 'America/Chicago';
  add(shared[cfo.email]!, { title: 'Month-end close', allDay: true, start: midnight(-84, chicago), end: midnight(-83, chicago), timezone: chicago, rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' });
  add(shared[cfo.email]!, { title: 'Bank call', start: at(2, '09:00', chicago), end: at(2, '10:00', chicago), timezone: chicago });
  const stockholm = 'Europe/Stockholm';
  add(shared[coo.email]!, { title: 'Ops planning', start: at(-84, '13:00', stockholm), end: at(-84, '14:00', stockholm), timezone: stockholm, rrule: 'FREQ=WEEKLY;BYDAY=MO' });
  add(shared[coo.email]!, { title: 'Resource allocation', start: at(3, '10:00', stockholm), end: at(3, '11:30', stockholm), timezone: stockholm });
  add(shared[ea.email]!, { title: 'Inbox and scheduling', start: at(-84, '08:30', ny), end: at(-84, '09:00', ny), rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', transparency: 0 });
  add(shared[ea.email]!, { title: 'Travel booking for the offsite', start: at(1, '13:00', ny), end: at(1, '14:00', ny) });
}

export function createCalendarState({ seed, now, randomSeed }: { seed: boolean; now: number; randomSeed?: number | undefined }): CalendarState {
  const state = emptyState(randomSeed);
  const calendar = calendarMaker(state, seededRandom(randomSeed ?? 1701), now);
  const personal = personalCalendar(calendar);
  if (seed) seedState(state, calendar, personal, now);
  return state;
}
