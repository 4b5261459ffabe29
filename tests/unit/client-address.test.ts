import { describe, it, expect } from 'vitest';
import { clientAddress, parseTrustedProxies } from '../../src/lib/security/client-address.ts';

describe('the visitor’s address', () => {
  it('is the socket’s peer unless proxies are trusted', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', null, 1)).toBe('10.0.0.1');
  });

  it('behind n trusted proxies, is the n-th entry from the end: what the client wrote further left is ignored', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('falls back to the socket’s peer when the header is shorter than the chain of proxies', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', 2)).toBe('127.0.0.1');
  });

  it('reads TRUST_PROXY as a small number of proxies, anything else as none', () => {
    expect(parseTrustedProxies(undefined)).toBe(0);
    expect(parseTrustedProxies('1')).toBe(1);
    expect(parseTrustedProxies('0')).toBe(0);
    expect(parseTrustedProxies('yes')).toBe(0);
    expect(parseTrustedProxies('99')).toBe(0);
  });
});
