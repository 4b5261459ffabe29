import { describe, it, expect } from 'vitest';
import { normaliseWebsite } from '../../src/lib/comments/website.ts';

describe('a commenter’s website', () => {
  it.each([
    ['https://exemple.fr/blog', 'https://exemple.fr/blog'],
    [' exemple.fr ', 'https://exemple.fr/'],
    ['HTTP://Exemple.FR', 'http://exemple.fr/'],
  ])('keeps http and https addresses, adding https:// to a bare domain: %j', (typed, kept) => {
    expect(normaliseWebsite(typed)).toBe(kept);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://exemple.fr',
    'https://a:b@exemple.fr',
    'https://intranet',
    'exemple .fr',
    '',
  ])('refuses other schemes, credentials, spaces and hosts without a dot: %j', (typed) => {
    expect(normaliseWebsite(typed)).toBeNull();
  });
});
