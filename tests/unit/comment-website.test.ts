import { describe, it, expect } from 'vitest';
import { normaliseWebsite } from '../../src/lib/comments/website.ts';

describe('a commenter’s website', () => {
  it('keeps http and https addresses, adding https:// to a bare domain', () => {
    expect(normaliseWebsite('https://exemple.fr/blog')).toBe('https://exemple.fr/blog');
    expect(normaliseWebsite(' exemple.fr ')).toBe('https://exemple.fr/');
    expect(normaliseWebsite('HTTP://Exemple.FR')).toBe('http://exemple.fr/');
  });

  it('refuses other schemes, credentials, spaces and hosts without a dot', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://exemple.fr',
      'https://a:b@exemple.fr',
      'https://intranet',
      'exemple .fr',
      '',
    ]) {
      expect(normaliseWebsite(bad), bad).toBeNull();
    }
  });
});
