import { describe, it, expect } from 'vitest';
import { hashIp } from '../../src/lib/privacy/ip-hash.ts';

describe('IP hashing', () => {
  it('is keyed, stable, and never contains the address', () => {
    const h = hashIp('secret-one-secret-one', '203.0.113.9');
    expect(h).toBe(hashIp('secret-one-secret-one', '203.0.113.9'));
    expect(h).not.toBe(hashIp('secret-two-secret-two', '203.0.113.9'));
    expect(h).not.toContain('203.0.113.9');
    expect(hashIp('s', undefined)).toBeNull();
  });
});
