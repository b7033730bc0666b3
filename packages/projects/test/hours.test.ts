import { describe, expect, it } from 'vitest';
import { dueRange } from '../src/dates.js';
import { decimalHours, formatMinutes, HoursFormatError, minutesFromZoho, parseHours, zohoHours } from '../src/hours.js';

describe('parseHours', () => {
  it.each([
    [1.5, 90],
    ['1.5', 90],
    ['0.25', 15],
    ['.5', 30],
    ['2', 120],
    ['1:30', 90],
    ['0:05', 5],
    ['90m', 90],
    ['90 min', 90],
    ['1h30m', 90],
    ['1h 15m', 75],
    ['2h', 120],
    ['24:00', 1440],
  ])('%s → %i minutes', (input, minutes) => {
    expect(parseHours(input)).toBe(minutes);
  });

  it.each([
    ['1.333', /not a whole number of minutes/],
    ['abc', /not an amount of time/],
    ['', /empty/],
    ['0', /more than 0/],
    ['0:00', /more than 0/],
    ['25', /more than one day/],
    ['1:75', /not an amount of time/],
    ['-1', /not an amount of time/],
  ])('refuses %s', (input, message) => {
    expect(() => parseHours(input)).toThrow(HoursFormatError);
    expect(() => parseHours(input)).toThrow(message);
  });
});

describe('Zoho hours', () => {
  it('reads HH:mm, whole hours and numbers', () => {
    expect(minutesFromZoho('02:30')).toBe(150);
    expect(minutesFromZoho('3')).toBe(180);
    expect(minutesFromZoho('12:05')).toBe(725);
    expect(minutesFromZoho(1.5)).toBe(90);
    expect(minutesFromZoho('x')).toBeUndefined();
  });
  it('writes HH:mm, H:MM and decimal hours', () => {
    expect(zohoHours(90)).toBe('01:30');
    expect(formatMinutes(750)).toBe('12:30');
    expect(formatMinutes(5)).toBe('0:05');
    expect(decimalHours(90)).toBe('1.5');
    expect(decimalHours(120)).toBe('2');
    expect(decimalHours(80)).toBe('1.33');
  });
});

describe('due windows', () => {
  it('weeks run Monday to Sunday; overdue ends yesterday', () => {
    expect(dueRange('this_week', '2026-01-07')).toEqual({ from: '2026-01-05', to: '2026-01-11' });
    expect(dueRange('this_week', '2026-01-11')).toEqual({ from: '2026-01-05', to: '2026-01-11' });
    expect(dueRange('this_week', '2026-01-05')).toEqual({ from: '2026-01-05', to: '2026-01-11' });
    expect(dueRange('overdue', '2026-01-07')).toEqual({ to: '2026-01-06' });
    expect(dueRange('today', '2026-01-07')).toEqual({ from: '2026-01-07', to: '2026-01-07' });
    expect(dueRange('next_7_days', '2026-01-07')).toEqual({ from: '2026-01-07', to: '2026-01-13' });
  });
});
