import { describe, it, expect } from 'vitest';
import { answerTooMany, refusalNotice } from '../../src/lib/security/too-many.ts';

describe('the answer to too many requests', () => {
  it('is one notice, like a flood, with the seconds for Retry-After; a duplicate has none', () => {
    expect(refusalNotice('fr', 'limit.comment:125')).toEqual({
      text: 'Vous avez envoyé beaucoup de commentaires en peu de temps. Réessayez dans 3 minutes ; votre texte est conservé ci-dessous.',
      retryAfterSeconds: 125,
    });
    expect(refusalNotice('fr', 'rules.flood:12')?.retryAfterSeconds).toBe(12);
    expect(refusalNotice('en', 'rules.duplicate')?.retryAfterSeconds).toBeNull();
    expect(refusalNotice('fr', 'error.generic')).toBeNull();
  });

  it('answers 429 with Retry-After in whole seconds', () => {
    const response = { status: 200, headers: new Headers() };
    answerTooMany(response, 12.2);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('13');
  });
});
