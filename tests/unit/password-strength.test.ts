import { describe, it, expect } from 'vitest';
import { weakPasswordReason } from '../../src/lib/auth/password-strength.ts';

describe('weakPasswordReason', () => {
  it('refuses common words padded with digits and symbols', () => {
    for (const password of ['Motdepasse2024!', 'password123456', 'Azerty123456789', 'soleil!!2025soleil']) {
      expect(weakPasswordReason(password), password).toBe('common');
    }
  });

  it('refuses keyboard runs and repeated characters', () => {
    expect(weakPasswordReason('azertyuiop1234')).toBe('common');
    expect(weakPasswordReason('123456789012')).toBe('common');
    expect(weakPasswordReason('aaaaaaaaaaaaaaaa')).toBe('repetitive');
  });

  it('refuses a password that contains the username', () => {
    expect(weakPasswordReason('camille-la-salle-11', 'Camille')).toBe('contains_username');
  });

  it('accepts a passphrase of ordinary words', () => {
    expect(weakPasswordReason('Une bougie pour la salle 11', 'camille')).toBeNull();
    expect(weakPasswordReason('tortue violette en hiver')).toBeNull();
  });
});
