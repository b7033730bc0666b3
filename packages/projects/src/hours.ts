/**
 * Hours as people write them and as Zoho Projects sends them, in whole minutes so every sum is exact.
 * Inputs: decimal hours (`1.5`, `"0.25"`), `H:MM` (`"1:30"`), minutes (`"90m"`), hours and minutes (`"1h30m"`,
 * `"2h"`, `"1h 15m"`). Zoho sends `HH:mm` (`"02:30"`), sometimes whole hours (`"3"`).
 */

export class HoursFormatError extends Error {
  override readonly name = 'HoursFormatError';
}

/** The most one person can log on one day (Zoho refuses more than 24:00 per day). */
export const MAX_DAY_MINUTES = 24 * 60;

/** Minutes of a human hours input; throws HoursFormatError naming what to write instead. */
export function parseHours(input: number | string): number {
  const text = String(input).trim().toLowerCase();
  if (text === '') throw new HoursFormatError('is empty; write hours as 1.5, 1:30 or 90m');
  let minutes: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3})?(?:\.(\d{1,4}))?$/.exec(text)) && (m[1] !== undefined || m[2] !== undefined)) {
    // Decimal hours, exactly: 1.25 h = 75 min; 1.333 h is not a whole number of minutes.
    const whole = Number(m[1] ?? '0');
    const frac = m[2] ?? '';
    const scaled = BigInt(frac.padEnd(4, '0')) * 60n; // minutes × 10^4
    if (scaled % 10_000n !== 0n) throw new HoursFormatError(`${text} hours is not a whole number of minutes; write it as H:MM (e.g. 1:20) or in minutes (80m)`);
    minutes = whole * 60 + Number(scaled / 10_000n);
  } else if ((m = /^(\d{1,3}):([0-5]\d)$/.exec(text))) {
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = /^(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*m(?:in(?:utes?|s)?)?)?$/.exec(text)) && (m[1] !== undefined || m[2] !== undefined)) {
    minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  } else {
    throw new HoursFormatError(`"${text.slice(0, 20)}" is not an amount of time; write hours as 1.5, 1:30 or 90m`);
  }
  if (minutes <= 0) throw new HoursFormatError('must be more than 0 minutes');
  if (minutes > MAX_DAY_MINUTES) throw new HoursFormatError(`${formatMinutes(minutes)} is more than one day (24:00); log each day separately`);
  return minutes;
}

/** Minutes of Zoho's `HH:mm` (or whole hours, or a number of hours); undefined when it is not a duration. */
export function minutesFromZoho(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 60);
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+)(?::([0-5]?\d))?\s*$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2] ?? 0) : undefined;
}

/** Minutes as `H:MM` (`90` → `"1:30"`, `750` → `"12:30"`). */
export function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes as Zoho's `HH:mm` (`90` → `"01:30"`). */
export function zohoHours(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes as exact decimal hours when they are (`90` → `"1.5"`, `80` → `"1.33"` rounded, marked by the caller). */
export function decimalHours(minutes: number): string {
  const hundredths = Math.round((minutes * 100) / 60);
  const text = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  return text.replace(/\.?0+$/, '') || '0';
}
