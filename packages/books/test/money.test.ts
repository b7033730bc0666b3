import { describe, expect, it } from 'vitest';
import { AmountFormatError, amountFromZoho, amountToWire, formatAmount, lineTotal, parseAmount, zohoAmountText } from '../src/money.js';

describe('money', () => {
  it('parses numbers and decimal strings into exact cents', () => {
    expect(parseAmount(19.99)).toBe(1999n);
    expect(parseAmount('1234.5')).toBe(123450n);
    expect(parseAmount('1,234.50')).toBe(123450n);
    expect(parseAmount(0.1)).toBe(10n);
    expect(parseAmount('-5')).toBe(-500n);
    expect(parseAmount('2.500')).toBe(250n);
  });

  it('refuses more than two decimal places and non-numbers', () => {
    expect(() => parseAmount('1.234')).toThrow(AmountFormatError);
    expect(() => parseAmount(0.001)).toThrow(/more than 2 decimal places/);
    expect(() => parseAmount('ten')).toThrow(/not a decimal amount/);
    expect(() => parseAmount(Number.NaN)).toThrow(AmountFormatError);
  });

  it('quotes only a short prefix of a bad amount, however long', () => {
    for (const bad of [`${'1'.repeat(1_000_000)}x`, `1.${'5'.repeat(1_000_000)}`]) {
      let message = '';
      try {
        parseAmount(bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/… \(100000\d characters\)"/);
      expect(message.length).toBeLessThan(200);
    }
  });

  it('adds and multiplies without drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in cents it is 30.
    expect(formatAmount(parseAmount(0.1) + parseAmount(0.2))).toBe('0.30');
    expect(formatAmount(lineTotal(parseAmount(3), parseAmount('0.10')) + lineTotal(100n, parseAmount(0.2)))).toBe('0.50');
    expect(formatAmount(lineTotal(parseAmount(3), parseAmount(19.99)))).toBe('59.97');
    expect(formatAmount(lineTotal(parseAmount('1.5'), parseAmount('0.33')))).toBe('0.50'); // 0.495 rounds half up
  });

  it('reads Zoho JSON numbers safely and formats them with two decimals', () => {
    expect(zohoAmountText(450.1)).toBe('450.10');
    expect(zohoAmountText(450)).toBe('450.00');
    expect(zohoAmountText(0.30000000000000004)).toBe('0.30');
    expect(zohoAmountText('1234.5')).toBe('1234.50');
    expect(zohoAmountText(1e21)).toBe('1000000000000000000000.00');
    expect(zohoAmountText(1e-7)).toBe('0.00');
    expect(zohoAmountText(-12.345)).toBe('-12.35');
    expect(amountFromZoho(null)).toBeUndefined();
    expect(formatAmount(-5n)).toBe('-0.05');
  });

  it('puts exact numbers on the wire', () => {
    expect(JSON.stringify({ rate: amountToWire(1999n) })).toBe('{"rate":19.99}');
    expect(JSON.stringify({ rate: amountToWire(10n) })).toBe('{"rate":0.1}');
  });
});
