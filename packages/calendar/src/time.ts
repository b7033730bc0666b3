/**
 * Times on Zoho Calendar's wire and in tool inputs/results, with luxon doing the time-zone arithmetic.
 *
 * Wire (shared/zoho-api/calendar.md §1): inputs `yyyyMMdd'T'HHmmss'Z'` (UTC) or `yyyyMMdd` (all-day); outputs
 * `20191101T143000+0530` in the event's zone, all-day `20191101`, some list fields without an offset.
 * Tools: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]` (in a zone) or with `Z`/`±HH:mm`; results as ISO 8601 with the
 * offset (`2026-03-02T09:30-05:00`).
 */
import { ToolInputError } from '@zoho-agent-kit/core';
import { DateTime, IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const WIRE_UTC = "yyyyMMdd'T'HHmmss'Z'";
const WIRE = /^(\d{8})(?:T(\d{6})(Z|[+-]\d{4})?)?$/;
const INPUT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An IANA zone name luxon (and so Node's ICU) knows, e.g. `Europe/Berlin`. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The zone, or a field error naming it. */
export function checkZone(zone: string, field: string): string {
  if (!isValidZone(zone)) throw new ToolInputError(field, `${JSON.stringify(zone.slice(0, 60))} is not an IANA time zone; use a name such as "America/New_York" or "Europe/Berlin"`);
  return zone;
}

/** An instant as Zoho reads it: `20240715T080000Z`. */
export function toWireUtc(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toFormat(WIRE_UTC);
}

/** A day as Zoho reads it: `20240715`. */
export function toWireDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** An instant as Zoho writes it: `20240715T100000+0200` in `zone`. */
export function toWireLocal(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmssZZZ");
}

/**
 * Zoho's time text → milliseconds. A date (`20240715`) is midnight in `zone`; a time without an offset
 * (`20170718T205000`) is wall time in `zone`. Undefined for anything else.
 */
export function parseWireTime(text: string, zone = 'utc'): number | undefined {
  const m = WIRE.exec(text.trim());
  if (!m) return undefined;
  const [, date, time = '000000', offset] = m;
  const fields = {
    year: Number(date!.slice(0, 4)),
    month: Number(date!.slice(4, 6)),
    day: Number(date!.slice(6, 8)),
    hour: Number(time.slice(0, 2)),
    minute: Number(time.slice(2, 4)),
    second: Number(time.slice(4, 6)),
  };
  const fixed = offset === 'Z' ? 'utc' : offset ? `UTC${offset.slice(0, 3)}:${offset.slice(3)}` : zone;
  const dt = DateTime.fromObject(fields, { zone: fixed });
  return dt.isValid && dt.year === fields.year && dt.month === fields.month && dt.day === fields.day ? dt.toMillis() : undefined;
}

/** For results: ISO 8601 in `zone` with its offset, minutes precision unless seconds are set (`2026-03-02T09:30-05:00`). */
export function showTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressSeconds: true, suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

export interface InputTime {
  /** The instant (midnight in the zone for a date). */
  ms: number;
  /** `YYYY-MM-DD` when only a date was given. */
  date?: string;
}

/** Parses a tool's time input, or fails with a field error that shows the accepted forms. */
export function parseInputTime(text: string, zone: string, field: string): InputTime {
  const m = INPUT.exec(text.trim());
  if (!m) throw new ToolInputError(field, `${JSON.stringify(text.slice(0, 40))} is not a date or time; use "2026-03-10", "2026-03-10T14:30" (in the time zone) or "2026-03-10T14:30-05:00"`);
  const [, date, time, offset] = m;
  const normalisedOffset = offset && offset !== 'Z' && !offset.includes(':') ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  const iso = time ? `${date}T${time}${normalisedOffset ?? ''}` : date!;
  const dt = DateTime.fromISO(iso, { zone, setZone: Boolean(offset) });
  if (!dt.isValid) throw new ToolInputError(field, `${JSON.stringify(text.slice(0, 40))} is not a real date or time (${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'})`);
  return time ? { ms: dt.toMillis() } : { ms: dt.toMillis(), date: date! };
}

/** Splits [start, end) into consecutive pieces of at most `maxMs` (Zoho caps one request at 31 days). */
export function splitRange(start: number, end: number, maxMs: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = start; from < end; from += maxMs) out.push([from, Math.min(end, from + maxMs)]);
  return out;
}

/** `HH:mm` → minutes after midnight. */
export function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h! * 60 + m!;
}
