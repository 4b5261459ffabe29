import { expect, it } from 'vitest';
import { redactToken } from '../../src/lib/security/redact.ts';

it.each([
  // The token of an author's link, in French and English paths.
  ['/mes-souvenirs/ysDLaR9djXyVmhu1KvXjrpa1ljbc9atY', '/mes-souvenirs/…'],
  ['/en/mes-souvenirs/ysDLaR9djXyVmhu1KvXjrpa1ljbc9atY', '/en/mes-souvenirs/…'],
  // The first admin's setup token.
  ['/installation/abcDEF123_-xyz', '/installation/…'],
  ['/en/installation/abc', '/en/installation/…'],
  // Other paths are left alone.
  ['/partager', '/partager'],
])('redactToken keeps secrets out of log lines: %s is logged as %s', (path, logged) => {
  expect(redactToken(path)).toBe(logged);
});
