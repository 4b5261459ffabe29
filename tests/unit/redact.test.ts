import { describe, expect, it } from 'vitest';
import { redactToken } from '../../src/lib/security/redact.ts';

describe('redactToken', () => {
  it('blanks the token of an author’s link, in French and English paths, and leaves other paths alone', () => {
    expect(redactToken('/mes-souvenirs/ysDLaR9djXyVmhu1KvXjrpa1ljbc9atY')).toBe('/mes-souvenirs/…');
    expect(redactToken('/en/mes-souvenirs/ysDLaR9djXyVmhu1KvXjrpa1ljbc9atY')).toBe('/en/mes-souvenirs/…');
    expect(redactToken('/partager')).toBe('/partager');
  });
});
