import { describe, it, expect } from 'vitest';
import { addressHash, maskAddress, normaliseAddress } from '../../src/lib/mail/address.ts';

describe('addresses', () => {
  it('counts Camille@Example.org and camille@example.org as one address', () => {
    expect(normaliseAddress(' Camille@Example.org ')).toBe('camille@example.org');
    expect(addressHash('Camille@Example.org')).toBe(addressHash('camille@example.org'));
    expect(addressHash('camille@example.org')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('masks an address for lists: first and last letter, the domain’s first letter and ending', () => {
    expect(maskAddress('camille@example.org')).toBe('c•••e@e•••.org');
    expect(maskAddress('jo@mur.fr')).toBe('j•••@m•••.fr');
    expect(maskAddress('nonsense')).toBe('•••');
  });
});
