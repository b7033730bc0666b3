import { defineZohoTool, ToolInputError, type ToolContext, type WritePlan } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CalendarClient, CalendarInfo, ZohoEvent } from '../client.js';
import { describeRecurrence } from '../recurrence.js';
import { shapeEvent } from '../shape.js';
import { whenText } from './create-event.js';
import { ensureWritable, eventUidInput, explainConflict, findInstance, locateEvent, recurrenceIdInput, scopeInput, timesOf } from './shared.js';
import { checkScope } from './update-event.js';

const input = z.object({
  event_uid: eventUidInput,
  scope: scopeInput,
  recurrence_id: recurrenceIdInput,
});

type Input = z.infer<typeof input>;

export interface DeletedEvent {
  event: ZohoEvent;
  calendar: CalendarInfo;
  scope: 'event' | 'instance' | 'series';
}

async function plan(args: Input, ctx: ToolContext<CalendarClient>): Promise<WritePlan<DeletedEvent>> {
  const signal = ctx.signal;
  const { calendar, event: found } = await locateEvent(ctx.client, args.event_uid, signal);
  const scope = checkScope(found, args);
  ensureWritable(calendar);
  const target = scope === 'instance' ? await findInstance(ctx.client, calendar, found, args.recurrence_id!, signal) : found;
  const zone = calendar.timezone ?? 'UTC';
  const times = timesOf(target, zone);
  const etag = String(target.etag ?? '');
  if (!etag) throw new ToolInputError('event_uid', 'Zoho sent the event without its etag, so it cannot be deleted safely');
  const label = target.title ?? target.uid;
  const what =
    scope === 'instance'
      ? `one occurrence of the repeating "${label}" (${whenText(times)}; the rest of the series stays)`
      : scope === 'series'
        ? `the whole series "${label}" (${describeRecurrence(found.rrule!)}, every occurrence, past and future)`
        : `"${label}" (${whenText(times)})`;
  const people = target.attendees?.length ? `; ${target.attendees.length} attendee${target.attendees.length === 1 ? '' : 's'} invited` : '';
  const instance = scope === 'instance' ? { recurrenceid: args.recurrence_id! } : undefined;
  return {
    summary: `Delete ${what} from ${calendar.name}${people}`,
    payload: { calendar_uid: calendar.uid, event_uid: found.uid, etag, ...(instance ? { recurrenceid: instance.recurrenceid, recurrence_edittype: 'only' } : {}) },
    before: { scope, ...shapeEvent(target, { zone }) },
    execute: async () => {
      try {
        await ctx.client.deleteEvent(calendar.uid, found.uid, etag, instance, { signal });
      } catch (err) {
        throw explainConflict(err, `"${label}"`);
      }
      return { event: target, calendar, scope };
    },
    // Lost answer: gone (or, for one occurrence, no longer among the series' instances) means applied.
    async reconcile({ signal: checkSignal }) {
      const series = await ctx.client.getEvent(calendar.uid, found.uid, { signal: checkSignal });
      if (!series) return { status: 'applied', id: found.uid, result: { event: target, calendar, scope } };
      if (!instance) return String(series.etag ?? '') === etag ? { status: 'not_applied' } : { status: 'unknown', detail: 'the event is still there but changed meanwhile' };
      const still = await findInstance(ctx.client, calendar, series, instance.recurrenceid, checkSignal).catch((err: unknown) => {
        if (err instanceof ToolInputError) return undefined;
        throw err;
      });
      return still ? { status: 'not_applied' } : { status: 'applied', id: found.uid, result: { event: target, calendar, scope } };
    },
    checkWith: `calendar_list_events ${JSON.stringify({ calendar_uid: calendar.uid, query: label.slice(0, 60) })}`,
  };
}

export const calendarDeleteEvent = defineZohoTool<typeof input, CalendarClient, DeletedEvent>({
  name: 'calendar_delete_event',
  app: 'calendar',
  access: 'destructive',
  scopes: ['ZohoCalendar.event.DELETE', 'ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `Delete an event, or one occurrence or the whole series of a repeating one; the user sees it first.
Use only when asked to.
Returns the deleted event.`,
  input,
  examples: [{ event_uid: 'ab1ed72b9251faa797d2df985b895a79@zoho.com' }],
  plan,
  shape: ({ event, calendar, scope }) => ({ deleted: shapeEvent(event, { zone: calendar.timezone ?? 'UTC', description: false }), scope, calendar: calendar.name }),
  ids: ({ event }) => [event.uid],
});
