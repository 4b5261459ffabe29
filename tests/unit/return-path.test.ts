import { describe, it, expect } from 'vitest';
import { safeReturnPath } from '../../src/lib/auth/return-path.ts';

describe('the page to come back to after signing in', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeReturnPath('/moderation?statut=spam')).toBe('/moderation?statut=spam');
    expect(safeReturnPath('/en/moderation/equipe')).toBe('/en/moderation/equipe');
  });

  it('refuses anything that could lead to another site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'moderation',
      '/%0a//evil',
      '/\t/evil.example',
    ]) {
      const kept = safeReturnPath(value);
      if (kept !== null) expect(kept.startsWith('/') && !kept.startsWith('//')).toBe(true);
      else expect(kept).toBeNull();
    }
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('//evil.example/x')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath('/\t/evil.example')).toBeNull();
  });

  it('ignores an empty value and the login page itself', () => {
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('')).toBeNull();
    expect(safeReturnPath('/connexion')).toBeNull();
    expect(safeReturnPath('/en/connexion')).toBeNull();
  });
});
