/**
 * Exact money for Books: amounts live as bigint minor units (cents) and leave as decimal strings ("1234.50"),
 * so sums of invoices, balances after payments and line totals never drift the way binary floats do.
 * Books amounts have two decimal places; quantities are held in hundredths as well.
 */
import { quoteInput } from '@zoho-agent-kit/core';

/** A value that is not an acceptable decimal amount; the tools turn it into a field error. */
export class AmountFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmountFormatError';
  }
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;
const SCALE = 2;
const ONE = 10n ** BigInt(SCALE);

/** The plain decimal text of a JS number (no exponent), as short as JavaScript prints it. */
function numberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Exponent form only appears for |x| < 1e-6 or ≥ 1e21; expand it digit by digit.
  const [mantissa = '0', expPart = '0'] = text.toLowerCase().split('e');
  const exp = Number(expPart);
  const negative = mantissa.startsWith('-');
  const [intDigits = '0', fracDigits = ''] = mantissa.replace('-', '').split('.');
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * Parses user input (a number or a decimal string) into minor units, refusing more than two decimal places
 * instead of rounding money the user did not write.
 */
export function parseAmount(value: number | string): bigint {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new AmountFormatError('must be a finite number');
  const text = (typeof value === 'number' ? numberText(value) : value.trim().replace(/,/g, ''));
  const m = DECIMAL.exec(text);
  // Errors quote a short prefix only: the input may be huge.
  if (!m) throw new AmountFormatError(`${quoteInput(value)} is not a decimal amount (use digits with up to 2 decimal places, e.g. "1234.50")`);
  const [, sign, whole = '0', fraction = ''] = m;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > SCALE) {
    throw new AmountFormatError(`${quoteInput(value)} has more than 2 decimal places; Books keeps 2 (e.g. "19.99")`);
  }
  const units = BigInt(whole) * ONE + BigInt((significant + '00').slice(0, SCALE));
  return sign === '-' ? -units : units;
}

/**
 * Reads an amount Zoho sent (a JSON number such as 450.1, or a numeric string) into minor units, rounding
 * half away from zero at the third decimal — Books never sends more than its precision, so this only
 * cleans up values that passed through floating point somewhere else.
 */
export function amountFromZoho(value: unknown): bigint | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = numberText(value);
  } else if (typeof value === 'string') {
    text = value.trim().replace(/,/g, '');
  } else if (typeof value === 'bigint') {
    return value * ONE;
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '0', fraction = ''] = m;
  const kept = (fraction + '00').slice(0, SCALE);
  let units = BigInt(whole) * ONE + BigInt(kept);
  const next = fraction.charCodeAt(SCALE);
  if (next >= 53 /* '5' */ && next <= 57) units += 1n;
  return sign === '-' ? -units : units;
}

/** Minor units as a fixed two-decimal string: 45010n → "450.10", -5n → "-0.05". */
export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${fraction}`;
}

/** A Zoho amount as a fixed two-decimal string, or undefined when Zoho sent none. */
export function zohoAmountText(value: unknown): string | undefined {
  const units = amountFromZoho(value);
  return units === undefined ? undefined : formatAmount(units);
}

/**
 * Minor units as the JSON number Zoho expects on the wire. Exact: 1999n → 19.99, which JSON prints as
 * "19.99" (the shortest text that round-trips), so the server reads the same decimal.
 */
export function amountToWire(units: bigint): number {
  return Number(formatAmount(units));
}

/** Quantity × rate, both in hundredths/cents, rounded half away from zero to cents. */
export function lineTotal(quantityHundredths: bigint, rateUnits: bigint): bigint {
  const product = quantityHundredths * rateUnits;
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + ONE / 2n) / ONE;
  return negative ? -rounded : rounded;
}

/** Sums amounts per currency code, exactly; returns `{ currency_code, total }` rows in first-seen order. */
export function totalsByCurrency(rows: Iterable<{ currency: string; units: bigint }>): { currency_code: string; total: string }[] {
  const sums = new Map<string, bigint>();
  for (const { currency, units } of rows) sums.set(currency, (sums.get(currency) ?? 0n) + units);
  return [...sums].map(([currency_code, units]) => ({ currency_code, total: formatAmount(units) }));
}
