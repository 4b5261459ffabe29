import { describe, it, expect } from 'vitest';
import { formatWait } from '../../src/lib/i18n/wait.ts';

// Intl may put a no-break space between the number and the unit (good French typography).
const wait = (locale: 'fr' | 'en', seconds: number) => formatWait(locale, seconds).replace(/\s/g, ' ');

describe('how long to wait, in words', () => {
  it('says seconds under a minute, with the singular for one', () => {
    expect(wait('fr', 1)).toBe('1 seconde');
    expect(wait('fr', 45)).toBe('45 secondes');
    expect(wait('en', 1)).toBe('1 second');
    expect(wait('en', 45)).toBe('45 seconds');
  });

  it('says minutes, rounded up so that trying again after them always works', () => {
    expect(wait('fr', 60)).toBe('1 minute');
    expect(wait('fr', 61)).toBe('2 minutes');
    expect(wait('fr', 720)).toBe('12 minutes');
    expect(wait('en', 719)).toBe('12 minutes');
  });

  it('says one hour for the last minutes of an hourly window, and hours beyond an hour and a half', () => {
    expect(wait('fr', 3599)).toBe('1 heure');
    expect(wait('en', 3600)).toBe('1 hour');
    expect(wait('fr', 4000)).toBe('67 minutes');
    expect(wait('fr', 5400)).toBe('2 heures');
    expect(wait('en', 86_400)).toBe('24 hours');
  });

  it('never says zero', () => {
    expect(wait('fr', 0)).toBe('1 seconde');
    expect(wait('en', 0.2)).toBe('1 second');
  });
});
