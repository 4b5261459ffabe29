import { describe, it, expect } from 'vitest';
import { safeReturnPath } from '../../src/lib/auth/return-path.ts';

describe('the page to come back to after signing in', () => {
  it.each(['/moderation?statut=spam', '/en/moderation/equipe'])(
    'keeps a path on this site with its query: %s',
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example'])(
    'refuses anything that could lead to another site: %j',
    (value) => {
      expect(safeReturnPath(value)).toBeNull();
    },
  );

  it.each(['javascript:alert(1)', 'moderation', '/%0a//evil'])('never leads off this site from %j', (value) => {
    const kept = safeReturnPath(value);
    if (kept !== null) expect(kept.startsWith('/') && !kept.startsWith('//')).toBe(true);
    else expect(kept).toBeNull();
  });

  it('ignores an empty value and the login page itself', () => {
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('')).toBeNull();
    expect(safeReturnPath('/connexion')).toBeNull();
    expect(safeReturnPath('/en/connexion')).toBeNull();
  });
});
