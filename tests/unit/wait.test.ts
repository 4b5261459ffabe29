import { it, expect } from 'vitest';
import { formatWait } from '../../src/lib/i18n/wait.ts';

it.each<[locale: 'fr' | 'en', seconds: number, words: string]>([
  // Seconds under a minute, with the singular for one.
  ['fr', 1, '1 seconde'],
  ['fr', 45, '45 secondes'],
  ['en', 1, '1 second'],
  ['en', 45, '45 seconds'],
  // Minutes, rounded up so that trying again after them always works.
  ['fr', 60, '1 minute'],
  ['fr', 61, '2 minutes'],
  ['fr', 720, '12 minutes'],
  ['en', 719, '12 minutes'],
  // One hour for the last minutes of an hourly window, and hours beyond an hour and a half.
  ['fr', 3599, '1 heure'],
  ['en', 3600, '1 hour'],
  ['fr', 4000, '67 minutes'],
  ['fr', 5400, '2 heures'],
  ['en', 86_400, '24 hours'],
  // Never zero.
  ['fr', 0, '1 seconde'],
  ['en', 0.2, '1 second'],
])('says how long to wait in words: in %s, %s s is “%s”', (locale, seconds, words) => {
  // Intl may put a no-break space between the number and the unit (good French typography).
  expect(formatWait(locale, seconds).replace(/\s/g, ' ')).toBe(words);
});
