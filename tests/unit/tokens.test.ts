import { describe, it, expect } from 'vitest';
import { newToken, hashToken, tokenMatches, newPublicId, PUBLIC_ID } from '../../src/lib/security/tokens.ts';

describe('tokens', () => {
  it('makes 192-bit tokens that match only their own hash', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(newToken(), hashToken(token))).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
    expect(newPublicId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('recognises a public id by its shape only, nothing longer or with other characters', () => {
    expect(PUBLIC_ID.test(newPublicId())).toBe(true);
    expect(PUBLIC_ID.test('a'.repeat(32))).toBe(true);
    for (const text of ['', 'a'.repeat(33), "x' or '1'='1", 'a/b', 'a.b', 'é', 'abc\n']) {
      expect(PUBLIC_ID.test(text)).toBe(false);
    }
  });
});
