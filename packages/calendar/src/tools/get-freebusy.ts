import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, FreeBusyAnswer } from '../client.js';
import { showTime } from '../time.js';
import { emailInput, mapLimit, PARALLEL, resolveRange, timeInput, zoneInput, zoneOf, uniqueEmails } from './shared.js';

const input = z.object({
  emails: z.array(emailInput).min(1).max(20).describe('People to check.'),
  start: timeInput('Default now.'),
  end: timeInput('Default start + 7 days.'),
  time_zone: zoneInput(),
});

export interface FreeBusyResult {
  people: { email: string; answer: FreeBusyAnswer }[];
  start: number;
  end: number;
  zone: string;
}

export const UNAVAILABLE: Record<Exclude<FreeBusyAnswer['status'], 'ok'>, string> = {
  not_shared: 'does not share free/busy (unknown, not free)',
  no_data: 'Zoho has no free/busy for this address (outside the organization?)',
};

export const calendarGetFreebusy = defineZohoTool<typeof input, CalendarClient, FreeBusyResult>({
  name: 'calendar_get_freebusy',
  app: 'calendar',
  access: 'read',
  scopes: ['ZohoCalendar.freebusy.READ', 'ZohoCalendar.calendar.READ'],
  description: `Get the busy times of one or more people in a range, without event details; to propose times use calendar_find_meeting_time.
Returns busy blocks per person.`,
  input,
  examples: [{ emails: ['leo.brandt@northwind-creative.example'] }],
  async run(args, ctx) {
    const primary = await ctx.client.resolveCalendar(undefined, { signal: ctx.signal });
    const zone = zoneOf(args.time_zone, primary.timezone);
    const { start, end } = resolveRange(args, zone, ctx.client.now(), 7, { defaultStart: 'now' });
    const emails = uniqueEmails(args.emails);
    const people = await mapLimit(emails, PARALLEL, async (email) => ({ email, answer: await ctx.client.freeBusy(email, start, end, { signal: ctx.signal }) }));
    return { people, start, end, zone };
  },
  shape(result) {
    const rows = result.people.flatMap(({ email, answer }) => (answer.status === 'ok' ? answer.busy.map((b) => ({ email, start: showTime(b.start, result.zone), end: showTime(b.end, result.zone) })) : []));
    const unavailable = result.people.flatMap(({ email, answer }) => (answer.status === 'ok' ? [] : [{ email, reason: UNAVAILABLE[answer.status] }]));
    const free = result.people.filter(({ answer }) => answer.status === 'ok' && answer.busy.length === 0).map(({ email }) => email);
    return {
      busy: toTable(rows, { columns: ['email', 'start', 'end'] }),
      ...(free.length ? { free_all_range: free } : {}),
      ...(unavailable.length ? { unavailable } : {}),
      range: { start: showTime(result.start, result.zone), end: showTime(result.end, result.zone) },
      time_zone: result.zone,
    };
  },
});
