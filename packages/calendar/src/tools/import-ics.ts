import { defineZohoTool, PartialWriteError, sendWriteStep, ToolInputError, type ToolContext, type WritePlan, type WriteStep } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { eventTimes, type CalendarClient, type CalendarInfo, type EventData, type EventTimes, type ZohoEvent } from '../client.js';
import { parseIcs, type ImportedEvent, type SkippedEvent } from '../ics.js';
import { describeRecurrence, normaliseRecurrence } from '../recurrence.js';
import { DAY_MS, showTime } from '../time.js';
import { whenText } from './create-event.js';
import { icsFileInput } from './export-ics.js';
import { calendarUidInput, EMAIL, ensureWritable, wireDateandtime } from './shared.js';

/** Largest `.ics` file read, and most events one import sends. */
export const MAX_ICS_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_EVENTS = 200;

const input = z.object({
  file: icsFileInput,
  calendar_uid: calendarUidInput(),
});

interface PlannedEvent {
  uid: string;
  title: string;
  times: EventTimes;
  eventdata: EventData;
}

export interface ImportResult {
  calendar: CalendarInfo;
  created: { uid: string; title: string; event_uid: string; start: number; allDay: boolean; zone: string }[];
  failed: { uid: string; title: string; error: string }[];
  skipped: SkippedEvent[];
}

const clip = (text: string | undefined, max: number) => (text && text.length > max ? text.slice(0, max) : text);

function plannedFrom(e: ImportedEvent): PlannedEvent | SkippedEvent {
  const times: EventTimes = { start: e.start, end: e.allDay ? Math.max(e.end, e.start + DAY_MS / 2) : Math.max(e.end, e.start), allDay: e.allDay, zone: e.zone };
  if (!e.allDay && times.end - times.start > 31 * DAY_MS) return { uid: e.uid, title: e.title, reason: 'lasts more than 31 days' };
  let rrule: string | undefined;
  if (e.rrule) {
    try {
      rrule = normaliseRecurrence(e.rrule, 'RRULE', { ms: e.start, zone: e.zone });
    } catch (err) {
      return { uid: e.uid, title: e.title, reason: `its RRULE cannot be sent to Zoho: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const eventdata: EventData = { title: clip(e.title, 255)!, dateandtime: wireDateandtime(times), isallday: e.allDay };
  if (e.location) eventdata.location = clip(e.location, 255)!;
  if (e.description) eventdata.description = clip(e.description, 10_000)!;
  const attendees = [...new Map(e.attendees.filter((a) => EMAIL.test(a)).map((a) => [a.toLowerCase(), a])).values()].slice(0, 100);
  if (attendees.length) eventdata.attendees = attendees.map((email) => ({ email, permission: 1, attendance: 1 }));
  if (rrule) eventdata.rrule = rrule;
  if (e.private) eventdata.isprivate = true;
  if (e.free) eventdata.transparency = 1;
  return { uid: e.uid, title: e.title, times, eventdata };
}

const matchKey = (title: string, start: number) => `${title.trim().toLowerCase()}|${start}`;

/**
 * The calendar's events around the file's events (only the 31-day pieces that hold one), as uids and
 * title+start keys: what counts as already imported.
 */
async function existingAround(client: CalendarClient, calendar: CalendarInfo, starts: readonly number[], signal: AbortSignal | undefined): Promise<{ uids: Set<string>; keys: Set<string>; events: ZohoEvent[] }> {
  const uids = new Set<string>();
  const keys = new Set<string>();
  const events: ZohoEvent[] = [];
  const piece = client.maxRangeMs;
  const origin = Math.min(...starts);
  const pieces = [...new Set(starts.map((s) => Math.floor((s - origin) / piece)))].sort((a, b) => a - b);
  for (const p of pieces) {
    const from = origin + p * piece;
    for (const e of await client.listEvents(calendar, from, from + piece, { expand: false }, { signal })) {
      uids.add(e.uid);
      const t = eventTimes(e, calendar.timezone ?? 'UTC');
      if (t) keys.add(matchKey(e.title ?? '', t.start));
      events.push(e);
    }
  }
  return { uids, keys, events };
}


async function plan(args: z.infer<typeof input>, ctx: ToolContext<CalendarClient>): Promise<WritePlan<ImportResult>> {
  const signal = ctx.signal;
  const file = await ctx.client.files.open(args.file, 'file');
  if (file.size > MAX_ICS_BYTES) throw new ToolInputError('file', `is ${file.size} bytes; at most ${MAX_ICS_BYTES} are imported at once (split the file)`);
  const calendar = await ctx.client.resolveCalendar(args.calendar_uid, { signal });
  ensureWritable(calendar);
  const zone = calendar.timezone ?? 'UTC';
  let parsed;
  try {
    parsed = parseIcs(await readFile(file.path, 'utf8'), zone);
  } catch (err) {
    throw new ToolInputError('file', `is not an iCalendar file ical.js can read (${err instanceof Error ? err.message.slice(0, 160) : 'parse error'})`);
  }
  const skipped: SkippedEvent[] = [...parsed.skipped];
  const candidates: PlannedEvent[] = [];
  for (const e of parsed.events) {
    const p = plannedFrom(e);
    if ('reason' in p) skipped.push(p);
    else candidates.push(p);
  }
  if (candidates.length > MAX_IMPORT_EVENTS) throw new ToolInputError('file', `holds ${candidates.length} events; at most ${MAX_IMPORT_EVENTS} are imported at once (split the file)`);
  const existing = candidates.length ? await existingAround(ctx.client, calendar, candidates.map((c) => c.times.start), signal) : { uids: new Set<string>(), keys: new Set<string>(), events: [] };
  const planned: PlannedEvent[] = [];
  for (const c of candidates) {
    if (existing.uids.has(c.uid)) skipped.push({ uid: c.uid, title: c.title, reason: 'already in the calendar (same UID)' });
    else if (existing.keys.has(matchKey(c.eventdata.title ?? '', c.times.start))) skipped.push({ uid: c.uid, title: c.title, reason: 'already in the calendar (same title and start)' });
    else planned.push(c);
  }
  if (!planned.length) {
    const why = skipped.length ? `: ${skipped.slice(0, 5).map((s) => `"${s.title}" ${s.reason}`).join('; ')}` : '';
    throw new ToolInputError('file', `has nothing to import into "${calendar.name}" (${parsed.events.length + parsed.skipped.length} event(s) in the file)${why}`);
  }
  const before = new Set(existing.uids);
  const landedAs = async (p: PlannedEvent, checkSignal: AbortSignal): Promise<ZohoEvent | undefined> => {
    const now = await existingAround(ctx.client, calendar, [p.times.start], checkSignal);
    return now.events.find((e) => !before.has(e.uid) && (e.title ?? '') === p.eventdata.title && eventTimes(e, zone)?.start === p.times.start);
  };
  // Each event is one write step: sent once, a lost answer checked on its own (with the toolkit's pauses).
  const execute = async (): Promise<ImportResult> => {
    const created: ImportResult['created'] = [];
    const failed: ImportResult['failed'] = [];
    for (const [index, p] of planned.entries()) {
      const step: WriteStep<ZohoEvent> = {
        summary: `create "${p.title}"`,
        execute: () => ctx.client.createEvent(calendar.uid, p.eventdata, { signal }),
        async reconcile({ signal: checkSignal }) {
          const hit = await landedAs(p, checkSignal);
          return hit ? { status: 'applied', id: hit.uid, result: hit } : { status: 'not_applied' };
        },
        checkWith: `calendar_list_events ${JSON.stringify({ calendar_uid: calendar.uid, start: DateTime.fromMillis(p.times.start, { zone }).toISODate(), query: p.title.slice(0, 100) })}`,
      };
      const outcome = await sendWriteStep(ctx, step);
      if (outcome.status === 'applied') {
        const eventUid = outcome.result?.uid ?? outcome.id ?? '';
        created.push({ uid: p.uid, title: p.title, event_uid: eventUid, start: p.times.start, allDay: p.times.allDay, zone: p.times.zone });
      } else if (outcome.status === 'not_applied') {
        // Zoho refused this one (or it was found absent after a lost answer): the others still go.
        failed.push({ uid: p.uid, title: p.title, error: `${outcome.error.slice(0, 300)}${outcome.reconciled ? '; checked afterwards: not in the calendar' : ''}` });
      } else {
        const rest = planned.slice(index + 1);
        const report: Record<string, unknown> = {
          status: 'stopped',
          summary: `Stopped at event ${index + 1} of ${planned.length}: ${created.length} imported, ${rest.length} not attempted; "${p.title}" may have landed (see stopped_at).`,
          created: created.length ? created.map((c) => ({ title: c.title, event_uid: c.event_uid })) : 'none',
          ...(failed.length ? { failed } : {}),
          stopped_at: { event: p.title, status: 'unknown', error: outcome.error, ...(outcome.check ? { check_with: outcome.check } : {}), ...(outcome.detail ? { detail: outcome.detail } : {}) },
          ...(rest.length ? { not_attempted: rest.map((r) => r.title) } : {}),
          resume: `Import the same file again: events already there are skipped${outcome.check ? ` (first check with ${outcome.check} that "${p.title}" is there or not, as Zoho may still be processing it)` : ''}.`,
        };
        throw new PartialWriteError(`stopped at event ${index + 1} of ${planned.length} ("${p.title}")`, report, created.map((c) => c.event_uid));
      }
    }
    return { calendar, created, failed, skipped };
  };
  return {
    summary: `Import ${planned.length} event${planned.length === 1 ? '' : 's'} from ${args.file} into ${calendar.name}${skipped.length ? ` (${skipped.length} skipped)` : ''}`,
    payload: { calendar_uid: calendar.uid, events: planned.map((p) => p.eventdata) },
    after: {
      import: planned.map((p) => ({ title: p.title, when: whenText(p.times), ...(p.eventdata.rrule ? { repeats: describeRecurrence(p.eventdata.rrule) } : {}) })),
      ...(skipped.length ? { skipped: skipped.map((s) => ({ title: s.title, reason: s.reason })) } : {}),
    },
    execute,
    checkWith: `calendar_import_ics ${JSON.stringify({ file: args.file, calendar_uid: calendar.uid })} (already-imported events are skipped)`,
  };
}

export const calendarImportIcs = defineZohoTool<typeof input, CalendarClient, ImportResult>({
  name: 'calendar_import_ics',
  app: 'calendar',
  access: 'write',
  scopes: ['ZohoCalendar.event.CREATE', 'ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
  description: `Import an .ics file's events from the agent's files folder into a calendar, as one confirmed batch; events already there are skipped.
Returns the created and skipped events.`,
  input,
  examples: [{ file: 'northwind-next-month.ics' }],
  plan,
  shape: (r) => {
    const zone = r.calendar.timezone ?? 'UTC';
    return {
      created: r.created.map((c) => ({ title: c.title, start: c.allDay ? DateTime.fromMillis(c.start, { zone: c.zone }).toISODate() : showTime(c.start, zone), event_uid: c.event_uid })),
      ...(r.skipped.length ? { skipped: r.skipped.map((s) => ({ title: s.title, reason: s.reason })) } : {}),
      ...(r.failed.length ? { failed: r.failed } : {}),
      calendar: r.calendar.name,
      calendar_uid: r.calendar.uid,
    };
  },
  ids: (r) => r.created.map((c) => c.event_uid),
});
