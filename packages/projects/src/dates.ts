/**
 * Calendar dates in the portal's time zone. Zoho Projects V3 sends a task's dates as ISO-8601 instants
 * (`2026-01-09T00:00:00-05:00`); the calendar date a person picked is their date part (unconfirmed for every
 * portal setting, but it is what the web UI shows). Due windows ("overdue", "this week") are computed from
 * today in the portal's zone, never the server's.
 */

/** `yyyy-mm-dd` of an instant in an IANA time zone. */
export function dateInZone(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** Whether a string names a time zone this runtime knows (`America/New_York`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar date of a Zoho date value (`2026-01-09…`), or undefined. */
export function datePart(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m?.[1];
}

/** Whether text is a real calendar date `yyyy-mm-dd` (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2099) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date as V3 takes it in a body (projects.md §3: `2024-07-22T00:00:00.000Z`). */
export function zohoDate(date: string): string {
  return `${date}T00:00:00.000Z`;
}

export type DueWindow = 'overdue' | 'today' | 'this_week' | 'next_7_days';

/** The inclusive date range of a due window, from today (`overdue` has no start). Weeks run Monday to Sunday. */
export function dueRange(window: DueWindow, today: string): { from?: string; to: string } {
  if (window === 'overdue') return { to: addDays(today, -1) };
  if (window === 'today') return { from: today, to: today };
  if (window === 'next_7_days') return { from: today, to: addDays(today, 6) };
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(today, -weekday);
  return { from: monday, to: addDays(monday, 6) };
}

export function inRange(date: string | undefined, range: { from?: string; to: string }): boolean {
  return date !== undefined && (range.from === undefined || date >= range.from) && date <= range.to;
}
