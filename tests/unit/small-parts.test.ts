import { describe, it, expect } from 'vitest';
import { extractHashtags } from '../../src/lib/souvenirs/hashtags.ts';
import { newToken, hashToken, tokenMatches, newPublicId } from '../../src/lib/security/tokens.ts';
import { hashIp } from '../../src/lib/privacy/ip-hash.ts';
import { isCrossSiteWrite } from '../../src/lib/security/origin.ts';
import {
  encodeKeysetCursor as encodeCursor,
  decodeKeysetCursor as decodeCursor,
} from '../../src/lib/pagination/keyset-cursor.ts';

describe('hashtags', () => {
  it('extracts hashtags in lower case, accents kept, without the main one or duplicates', () => {
    expect(extractHashtags('#MonPlusBeauSouvenirDuBataclan un soir #Rock et #rock #Été2004 #1')).toEqual([
      'rock',
      'été2004',
    ]);
  });
  it('ignores anchors inside words and HTML entities', () => {
    expect(extractHashtags('page.html#section &#39; a#b')).toEqual([]);
  });
});

describe('tokens', () => {
  it('makes 192-bit tokens that match only their own hash', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(newToken(), hashToken(token))).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
    expect(newPublicId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe('IP hashing', () => {
  it('is keyed, stable, and never contains the address', () => {
    const h = hashIp('secret-one-secret-one', '203.0.113.9');
    expect(h).toBe(hashIp('secret-one-secret-one', '203.0.113.9'));
    expect(h).not.toBe(hashIp('secret-two-secret-two', '203.0.113.9'));
    expect(h).not.toContain('203.0.113.9');
    expect(hashIp('s', undefined)).toBeNull();
  });
});

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

describe('wall cursors', () => {
  it('round-trips', () => {
    const cursor = { at: new Date('2026-11-13T21:40:00.123Z'), id: 4242 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
});
