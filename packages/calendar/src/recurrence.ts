/**
 * Recurrence rules (RFC 5545 RRULE) with the `rrule` library: validated before anything is sent, and expanded
 * into instances in the event's own time zone (a 09:30 New York meeting stays 09:30 across daylight saving).
 * rrule works on "floating" dates, so wall times go in as UTC fields and come back out through luxon.
 */
import { ToolInputError } from '@zoho-agent-kit/core';
import { DateTime } from 'luxon';
import rrulePkg from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import { toWireUtc } from './time.js';

const { RRule } = rrulePkg;

/** Repeat frequencies Zoho Calendar offers (daily, weekly, monthly, yearly); sub-daily rules are refused. */
const FREQUENCIES = new Map<number, string>([
  [RRule.DAILY, 'DAILY'],
  [RRule.WEEKLY, 'WEEKLY'],
  [RRule.MONTHLY, 'MONTHLY'],
  [RRule.YEARLY, 'YEARLY'],
]);

const RANGES: [keyof RRuleOptions, number, number, boolean][] = [
  // option, min, max, may be negative
  ['bymonth', 1, 12, false],
  ['bymonthday', 1, 31, true],
  ['byyearday', 1, 366, true],
  ['byweekno', 1, 53, true],
  ['byhour', 0, 23, false],
  ['byminute', 0, 59, false],
  ['bysecond', 0, 59, false],
  ['bysetpos', 1, 366, true],
];

const EXAMPLE = 'e.g. "FREQ=WEEKLY;BYDAY=MO,WE" or "FREQ=MONTHLY;BYDAY=1TH;COUNT=6"';

function asList(value: unknown): unknown[] {
  return value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A wall time as rrule's floating Date (its UTC fields are the wall clock). */
function floating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second));
}

function fromFloating(date: Date, zone: string): DateTime {
  return DateTime.fromObject(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() },
    { zone },
  );
}

function parse(rule: string, field: string): Partial<RRuleOptions> {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (!text) throw new ToolInputError(field, `is empty; give a rule such as ${EXAMPLE}`);
  if (/[\r\n]|DTSTART|EXDATE|RDATE/i.test(text)) throw new ToolInputError(field, `give only the RRULE part (${EXAMPLE}); the start comes from the event's start`);
  try {
    return RRule.parseString(text.toUpperCase());
  } catch (err) {
    throw new ToolInputError(field, `is not a valid RRULE: ${err instanceof Error ? err.message : String(err)}; ${EXAMPLE}`);
  }
}

function check(options: Partial<RRuleOptions>, field: string): void {
  if (options.freq === undefined || options.freq === null) throw new ToolInputError(field, `needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; ${EXAMPLE}`);
  if (!FREQUENCIES.has(options.freq)) throw new ToolInputError(field, 'Zoho Calendar repeats daily, weekly, monthly or yearly; FREQ=HOURLY, MINUTELY and SECONDLY are not supported');
  for (const key of ['interval', 'count'] as const) {
    const v = options[key];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 1)) throw new ToolInputError(field, `${key.toUpperCase()} must be a whole number of at least 1`);
  }
  if (options.count && options.until) throw new ToolInputError(field, 'give COUNT or UNTIL, not both');
  if (asList(options.byweekday).some((d) => d === null || d === undefined)) throw new ToolInputError(field, 'BYDAY takes MO, TU, WE, TH, FR, SA, SU, optionally with a position (1MO, -1FR)');
  for (const [key, min, max, negative] of RANGES) {
    for (const v of asList(options[key])) {
      const n = Number(v);
      const ok = Number.isInteger(n) && (n >= min || (negative && n <= -min && n !== 0)) && Math.abs(n) <= max && (negative || n >= min);
      if (!ok) throw new ToolInputError(field, `${String(key).toUpperCase()} value ${JSON.stringify(v)} is out of range (${negative ? `±${min}…${max}` : `${min}…${max}`})`);
    }
  }
}

/**
 * Checks a recurrence rule and returns it normalised (`FREQ=WEEKLY;BYDAY=MO,WE`). With the event's first start
 * (wall time in its zone) it also checks that the start is itself an occurrence and that the rule occurs at all.
 */
export function normaliseRecurrence(rule: string, field: string, start?: { ms: number; zone: string }): string {
  const options = parse(rule, field);
  check(options, field);
  const normalised = new RRule(options).toString().replace(/^RRULE:/, '');
  if (start) {
    const first = DateTime.fromMillis(start.ms, { zone: start.zone });
    const dtstart = floating(first);
    const until = options.until ? floating(DateTime.fromJSDate(options.until, { zone: start.zone })) : null;
    const full = new RRule({ ...options, dtstart, until });
    const next = full.after(dtstart, true);
    if (!next) throw new ToolInputError(field, `never occurs from the event's start (${first.toISO({ suppressMilliseconds: true })}); check UNTIL/COUNT and the BY… parts`);
    if (next.getTime() !== dtstart.getTime()) {
      throw new ToolInputError(field, `the event's start (${first.toFormat('cccc yyyy-LL-dd HH:mm')}) is not an occurrence of ${normalised}; move the start to the first occurrence (${fromFloating(next, start.zone).toFormat('cccc yyyy-LL-dd HH:mm')}) or change the rule`);
    }
  }
  return normalised;
}

/** A short plain-words reading of a rule for people ("every week on Monday"), from rrule. */
export function describeRecurrence(rule: string): string {
  try {
    return new RRule(RRule.parseString(rule.replace(/^RRULE:/i, ''))).toText();
  } catch {
    return rule;
  }
}

/**
 * Starts of a series' occurrences (ms) whose start falls in [from, to), the first start being `firstStart` (ms) in
 * `zone`; at most `max`. Callers widen `from` by the event's duration to catch occurrences already running.
 */
export function occurrenceStarts(rule: string, firstStart: number, zone: string, from: number, to: number, max = 2_000): number[] {
  const options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  const first = DateTime.fromMillis(firstStart, { zone });
  const dtstart = floating(first);
  const until = options.until ? floating(DateTime.fromJSDate(options.until, { zone })) : null;
  const full = new RRule({ ...options, dtstart, until });
  const day = 86_400_000;
  // Floating dates are off by at most a day's offset: search a day wider, then filter on real instants.
  const lo = floating(DateTime.fromMillis(Math.max(from, firstStart) - day, { zone }));
  const hi = floating(DateTime.fromMillis(to + day, { zone }));
  const out: number[] = [];
  full.between(lo, hi, true, (date) => {
    const ms = fromFloating(date, zone).toMillis();
    if (ms >= from && ms < to && ms >= firstStart) out.push(ms);
    return out.length < max;
  });
  return out;
}

/** The recurrence id Zoho gives an occurrence starting at `ms`: its UTC date-time, or its date in `zone` when all-day. */
export function recurrenceIdAt(ms: number, allDay: boolean, zone: string): string {
  return allDay ? DateTime.fromMillis(ms, { zone }).toFormat('yyyyMMdd') : toWireUtc(ms);
}

/** A recurrence id back to the instant it names (for an all-day one, midnight in `zone`); undefined when it is none. */
export function instantOfRecurrenceId(rid: string, zone: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(rid);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const dt = h
    ? DateTime.fromObject({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi!, second: +s! }, { zone: 'utc' })
    : DateTime.fromObject({ year: +y!, month: +mo!, day: +d! }, { zone });
  return dt.isValid ? dt.toMillis() : undefined;
}
