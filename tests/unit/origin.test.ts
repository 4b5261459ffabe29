import { describe, it, expect } from 'vitest';
import { isCrossSiteWrite } from '../../src/lib/security/origin.ts';

describe('cross-site writes', () => {
  const url = new URL('http://localhost:4321/partager');
  const request = (method: string, origin?: string) => new Request(url, { method, headers: origin ? { origin } : {} });
  it('lets same-origin posts and reads through', () => {
    expect(isCrossSiteWrite(request('POST', 'http://localhost:4321'), url)).toBe(false);
    expect(isCrossSiteWrite(request('GET'), url)).toBe(false);
  });
  it('refuses a foreign, null or missing Origin on a write', () => {
    expect(isCrossSiteWrite(request('POST', 'https://evil.example'), url)).toBe(true);
    expect(isCrossSiteWrite(request('POST', 'null'), url)).toBe(true);
    expect(isCrossSiteWrite(request('POST'), url)).toBe(true);
    expect(isCrossSiteWrite(request('DELETE', 'http://localhost:4321.evil.example'), url)).toBe(true);
  });
});
