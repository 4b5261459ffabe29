import { describe, it, expect } from 'vitest';
import { limitMessage, limitText, readLimitMessage } from '../../src/lib/security/limit-message.ts';
import { RateLimited } from '../../src/lib/security/enforce-limit.ts';

describe('the rate limit message', () => {
  it('carries the action and the wait through an Action error, and back', () => {
    const message = limitMessage(new RateLimited('share', 720));
    expect(message).toBe('limit.share:720');
    expect(readLimitMessage(message)).toEqual({ action: 'share', retryAfterSeconds: 720 });
  });

  it('reads no other message as a limit', () => {
    expect(readLimitMessage('limit.unknown:12')).toBeNull();
    expect(readLimitMessage('rules.flood:12')).toBeNull();
    expect(readLimitMessage('limit.share:')).toBeNull();
    expect(readLimitMessage(undefined)).toBeNull();
  });

  it('says when to try again, in French and in English', () => {
    expect(limitText('fr', 'share', 720)).toBe(
      'Vous avez partagé beaucoup de souvenirs en peu de temps. Réessayez dans 12 minutes ; votre texte est conservé ci-dessous.',
    );
    expect(limitText('en', 'candle', 45)).toBe('Many candles lit in a short time. Try again in 45 seconds.');
    expect(limitText('fr', 'login', 900)).toBe(
      'Trop de tentatives de connexion depuis cette adresse. Réessayez dans 15 minutes.',
    );
  });
});
