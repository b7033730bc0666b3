import { defineZohoTool, toTable, ToolInputError, type WritePlan } from '@zoho-agent-kit/core';
import { calendarCreateEvent, calendarFindMeetingTime, eventTimes, type CalendarClient, type FreeWindow, type ZohoEvent } from '@zoho-agent-kit/calendar';
import { cliqPostToChannel } from '@zoho-agent-kit/cliq';
import { mailSend } from '@zoho-agent-kit/mail';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { runBatch, type BatchDone, type BatchItem } from '../batch.js';
import { appContext, appPlan, asStep } from '../steps.js';
import { client, normaliseEmail, requireUse, type FlowClients, type FlowContext } from '../shared.js';
import { SCOPES, use } from '../uses.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?$/;

const input = z.object({
  title: z.string().trim().min(1).max(255).describe('Meeting title.'),
  attendees: z.array(z.string().trim().max(254).refine((e) => EMAIL.test(e), 'is not an e-mail address')).min(1).max(20).describe('E-mails of everyone, you included.'),
  duration_minutes: z.number().int().min(5).max(480).describe('Length.'),
  start: z.string().trim().max(30).refine((t) => TIME.test(t), 'use "2026-03-10" or "2026-03-10T14:30"').optional().describe('Search from; default now.'),
  end: z.string().trim().max(30).refine((t) => TIME.test(t), 'use "2026-03-10" or "2026-03-10T14:30"').optional().describe('Search until; default 7 days on.'),
  time_zone: z.string().trim().max(64).optional().describe("IANA zone; default the calendar's."),
  location: z.string().trim().max(255).optional().describe('Place or link.'),
  note: z.string().trim().max(2000).optional().describe('Agenda, in the event and the message.'),
  cliq_channel: z.string().trim().max(100).optional().describe('Also announce it in this Cliq channel.'),
  mail_invite: z.boolean().optional().describe('Also e-mail the invitation to the others.'),
});
type Input = z.infer<typeof input>;

interface Scheduled {
  done: BatchDone;
}

/** `20260310T140000Z` (Zoho's wire form) or ISO → ms. */
function wireMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The id of a sent Cliq or Mail message, from its answer or its read-back. */
function messageId(sent: { result?: unknown; id?: string }): string {
  const r = sent.result as { message_id?: unknown; message?: { messageId?: unknown } } | undefined;
  return String(r?.message_id ?? r?.message?.messageId ?? sent.id ?? '');
}

/** The words every announcement says, the same on every run (a resumed run finds its own message by them). */
function announcement(args: Input, when: string): { subject: string; text: string } {
  const subject = `Invitation: ${args.title}, ${when}`;
  const lines = [`*${args.title}*`, `When: ${when}`, ...(args.location ? [`Where: ${args.location}`] : []), ...(args.note ? ['', args.note] : [])];
  return { subject, text: lines.join('\n') };
}

/** An event already made by an earlier run: the same title, every attendee invited, from the search start on. */
async function existingEvent(cal: CalendarClient, args: Input, from: number, to: number, signal?: AbortSignal): Promise<ZohoEvent | undefined> {
  const calendar = await cal.resolveCalendar(undefined, { signal });
  const events = await cal.listEvents(calendar, from, to, { expand: true }, { signal });
  const wanted = new Set(args.attendees.map((a) => a.toLowerCase()));
  return events.find((e) => (e.title ?? '').trim().toLowerCase() === args.title.trim().toLowerCase() && [...wanted].every((w) => (e.attendees ?? []).some((a) => a.email.toLowerCase() === w) || normaliseEmail(e.organizer) === w));
}

export const flowScheduleMeeting = defineZohoTool<typeof input, FlowClients, Scheduled>({
  name: 'flow_schedule_meeting',
  app: 'flow',
  access: 'write',
  uses: [use('calendar', 'write', SCOPES.calendarWrite), use('cliq', 'write', SCOPES.cliqPost, 'announces the meeting in a Cliq channel'), use('mail', 'write', SCOPES.mailSend, 'e-mails the invitation')],
  description: `Schedule a meeting: find the first time all attendees are free in working hours (Calendar free/busy), create the event with them, and optionally announce it in a Cliq channel or e-mail the invitation; one confirmation for all.
Returns the event and what was sent.`,
  examples: [{ title: 'Zylker kick-off', attendees: ['maya.ortiz@northwind-creative.example', 'leo.brandt@northwind-creative.example'], duration_minutes: 30 }],
  input,
  async plan(args, ctx): Promise<WritePlan<Scheduled>> {
    if (args.cliq_channel) requireUse(ctx, 'cliq', 'write', 'cliq_channel', 'announcing in Cliq');
    if (args.mail_invite) requireUse(ctx, 'mail', 'write', 'mail_invite', 'e-mailing the invitation');
    const cal = client(ctx, 'calendar');
    const finder = calendarFindMeetingTime.definition;
    if (finder.access !== 'read') throw new Error('calendar_find_meeting_time is a read tool');
    const found = (await finder.run(
      calendarFindMeetingTime.schema.parse({ attendees: args.attendees, duration_minutes: args.duration_minutes, ...(args.start ? { start: args.start } : {}), ...(args.end ? { end: args.end } : {}), ...(args.time_zone ? { time_zone: args.time_zone } : {}) }) as never,
      appContext(ctx, 'calendar', 'calendar_find_meeting_time'),
    )) as { windows: FreeWindow[]; zone: string; start: number; end: number; people: { email: string; answer: { status: string } }[] };
    const zone = found.zone;
    const show = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-LL-dd HH:mm");
    const whenOf = (start: number, end: number) => `${show(start)}–${DateTime.fromMillis(end, { zone }).toFormat('HH:mm')} (${zone})`;
    const unchecked = found.people.filter((p) => p.answer.status !== 'ok').map((p) => p.email);

    const already = await existingEvent(cal, args, found.start, found.end, ctx.signal);
    let when: string;
    const items: BatchItem[] = [];
    const after: Record<string, unknown> = {};
    let eventMade: number;
    if (already) {
      const times = eventTimes(already, zone);
      const start = times?.start ?? found.start;
      when = whenOf(start, times?.end ?? start + args.duration_minutes * 60_000);
      eventMade = wireMs(already.createdtime) ?? found.start - 86_400_000;
      after.event = `already scheduled by an earlier run: ${already.title} ${when} (event_uid ${already.uid})`;
    } else {
      const slot = found.windows[0];
      if (!slot) throw new ToolInputError('end', `no time in ${show(found.start)} – ${show(found.end)} when everyone is free for ${args.duration_minutes} minutes in working hours; search a longer range or a shorter meeting`);
      when = whenOf(slot.start, slot.start + args.duration_minutes * 60_000);
      const eventPlan = await appPlan<{ event: ZohoEvent }>(
        calendarCreateEvent,
        {
          title: args.title,
          start: DateTime.fromMillis(slot.start, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"),
          duration_minutes: args.duration_minutes,
          time_zone: zone,
          attendees: args.attendees,
          ...(args.location ? { location: args.location } : {}),
          ...(args.note ? { description: args.note } : {}),
        },
        ctx,
        'calendar',
      );
      eventMade = Date.now();
      items.push({
        label: `create the event ${args.title}`,
        async run(send) {
          const sent = await send(asStep(eventPlan));
          return { action: 'event created', event_uid: String(sent.result?.event.uid ?? sent.id ?? ''), when };
        },
      });
      after.event = { title: args.title, when, attendees: args.attendees, ...(args.location ? { location: args.location } : {}), ...(eventPlan.after && typeof eventPlan.after === 'object' && 'overlaps_with' in eventPlan.after ? { overlaps_with: (eventPlan.after as { overlaps_with: unknown }).overlaps_with } : {}) };
    }
    if (unchecked.length) after.not_checked = `free/busy unknown for ${unchecked.join(', ')} (outside the organization or not shared)`;
    const { subject, text } = announcement(args, when);
    // A message an earlier run already sent (after its event was made) is not sent again.
    const sentBefore = async (plan: WritePlan<unknown>) => {
      if (!already || !plan.reconcile) return false;
      const v = await plan.reconcile({ sentAt: eventMade, error: undefined, signal: ctx.signal ?? AbortSignal.timeout(20_000) });
      return v.status === 'applied';
    };
    if (args.cliq_channel) {
      const post = await appPlan<unknown>(cliqPostToChannel, { channel: args.cliq_channel, text }, ctx, 'cliq');
      if (await sentBefore(post)) after.cliq = 'already announced by an earlier run';
      else {
        items.push({ label: `announce it in Cliq ${args.cliq_channel}`, run: async (send) => ({ action: 'announced', message_id: messageId(await send(asStep(post))) }) });
        after.cliq = { channel: args.cliq_channel, text };
      }
    }
    if (args.mail_invite) {
      const own = new Set((await client(ctx, 'mail').account({ signal: ctx.signal })).own);
      const to = args.attendees.filter((a) => !own.has(a.toLowerCase()));
      if (to.length === 0) throw new ToolInputError('mail_invite', 'every attendee is this mailbox; there is nobody to e-mail');
      const mail = await appPlan<unknown>(mailSend, { to, subject, text: text.replace(/\*/g, '') }, ctx, 'mail');
      if (await sentBefore(mail)) after.mail = 'already e-mailed by an earlier run';
      else {
        items.push({ label: `e-mail the invitation to ${to.length}`, run: async (send) => ({ action: 'e-mailed', to: to.join(', '), message_id: messageId(await send(asStep(mail))) }) });
        after.mail = { to, subject };
      }
    }
    const base = { summary: '', payload: {}, execute: async () => ({ done: { status: 'done' as const, applied: [], ids: [] } }) };
    if (items.length === 0) return { ...base, nothingToDo: { status: 'already scheduled', title: args.title, when, event_uid: already?.uid, ...after } };
    const parts = [already ? `"${args.title}" is already on ${when}` : `Schedule "${args.title}" ${when} with ${args.attendees.length} attendee${args.attendees.length === 1 ? '' : 's'}`];
    if (after.cliq && typeof after.cliq === 'object') parts.push(`announce it in Cliq ${args.cliq_channel}`);
    if (after.mail && typeof after.mail === 'object') parts.push('e-mail the invitation');
    return {
      summary: parts.join('; '),
      payload: { title: args.title, when, attendees: args.attendees, ...(args.cliq_channel ? { cliq_channel: args.cliq_channel } : {}), ...(args.mail_invite ? { mail_subject: subject } : {}) },
      after,
      execute: async () => ({ done: await runBatch(ctx, items, 'Run flow_schedule_meeting again with the same title and attendees: it finds the event it made and sends only the messages not sent yet.') }),
      checkWith: `calendar_list_events {"query":${JSON.stringify(args.title.slice(0, 60))}}`,
    };
  },
  shape: ({ done }) => ({ status: 'done', applied: toTable(done.applied) }),
  ids: ({ done }) => done.ids,
});
