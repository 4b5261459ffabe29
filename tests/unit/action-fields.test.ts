import { describe, it, expect } from 'vitest';
import { emailAddress, formRowId, optionalWholeNumber, rowId, wholeNumber } from '../../src/actions/fields.ts';

const errorOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : result.error!.issues[0]!.message;

describe('wholeNumber and optionalWholeNumber', () => {
  const hours = wholeNumber({ min: 0, max: 23 }, 'hour');
  const seconds = optionalWholeNumber({ min: 5, max: 60 }, 'seconds');

  it('reads a typed number within its range, refusing anything else with its message', () => {
    expect(hours.parse('7')).toBe(7);
    expect(hours.parse(0)).toBe(0);
    for (const bad of ['24', '1.5', 'x', '-1']) expect(errorOf(hours.safeParse(bad))).toBe('hour');
  });

  it('refuses an empty field rather than reading 0, unless the number is optional', () => {
    expect(errorOf(hours.safeParse(''))).toBe('hour');
    expect(errorOf(hours.safeParse('  '))).toBe('hour');
    expect(seconds.parse('')).toBeUndefined();
    expect(seconds.parse(null)).toBeUndefined();
    expect(errorOf(seconds.safeParse('4'))).toBe('seconds');
  });
});

describe('rowId and formRowId', () => {
  it('take a positive id that fits an integer column', () => {
    expect(rowId('gone').parse(42)).toBe(42);
    for (const bad of [0, -1, 1.5, 2_147_483_648, '42']) expect(errorOf(rowId('gone').safeParse(bad))).toBe('gone');
    expect(formRowId('gone').parse('42')).toBe(42);
    for (const bad of ['', '0', 'x', '1e3', '1234567890'])
      expect(errorOf(formRowId('gone').safeParse(bad))).toBe('gone');
  });
});

describe('emailAddress', () => {
  const email = emailAddress({ required: 'required', invalid: 'invalid' });
  it('trims an address, and says whether one is missing or malformed', () => {
    expect(email.parse('  camille@example.org ')).toBe('camille@example.org');
    expect(errorOf(email.safeParse(' '))).toBe('required');
    expect(errorOf(email.safeParse('camille'))).toBe('invalid');
    expect(errorOf(email.safeParse(`${'a'.repeat(250)}@example.org`))).toBe('invalid');
  });
});
