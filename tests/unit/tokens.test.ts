import { describe, it, expect } from 'vitest';
import { newToken, hashToken, tokenMatches, newPublicId } from '../../src/lib/security/tokens.ts';

describe('tokens', () => {
  it('makes 192-bit tokens that match only their own hash', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(newToken(), hashToken(token))).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
    expect(newPublicId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
