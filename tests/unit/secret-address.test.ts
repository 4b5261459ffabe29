import { describe, expect, it } from 'vitest';
import { keepAddressSecret } from '../../src/layouts/secret-address.ts';

describe('keepAddressSecret', () => {
  it('keeps a page whose address holds a secret out of every cache and of Referers sent elsewhere', () => {
    const response = { headers: new Headers({ 'Cache-Control': 'public, max-age=60' }) };
    keepAddressSecret(response);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    // same-origin, not no-referrer: the page's own forms must still carry their Origin.
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });
});
