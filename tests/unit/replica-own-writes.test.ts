import { describe, it, expect } from 'vitest';
import {
  OWN_WRITE_COOKIE,
  isOwnWrite,
  ownWriteCookie,
  ownWriteKey,
  ownWriteLsn,
} from '../../src/lib/replica/own-writes.ts';

describe('the own-write cookie', () => {
  const key = ownWriteKey('a secret every host shares');
  const valueOf = (setCookie: string) => setCookie.split(';', 1)[0]!;

  it('carries only the signed position, HttpOnly, Lax, for a minute at most, Secure over https', () => {
    expect(ownWriteCookie(0x3000060n, true, key)).toMatch(
      new RegExp(`^${OWN_WRITE_COOKIE}=0/3000060\\.[\\w-]{22}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure$`),
    );
    expect(ownWriteCookie(0x3000060n, false, key)).not.toMatch(/Secure/);
  });

  it('is read back from a Cookie header among others', () => {
    const cookie = valueOf(ownWriteCookie(0x3000060n, false, key));
    expect(ownWriteLsn(`session=abc; ${cookie}; other=1`, key)).toBe(0x3000060n);
    expect(ownWriteLsn(`x${cookie}`, key)).toBeNull();
    expect(ownWriteLsn(null, key)).toBeNull();
  });

  it('is ignored unsigned, forged, moved to another position or signed by another key', () => {
    const cookie = valueOf(ownWriteCookie(0x3000060n, false, key));
    const signature = cookie.split('.')[1]!;
    expect(ownWriteLsn(`${OWN_WRITE_COOKIE}=FF/0`, key)).toBeNull();
    expect(ownWriteLsn(`${OWN_WRITE_COOKIE}=FF/0.${signature}`, key)).toBeNull();
    expect(ownWriteLsn(`${OWN_WRITE_COOKIE}=0/3000060.${'A'.repeat(22)}`, key)).toBeNull();
    expect(ownWriteLsn(cookie, ownWriteKey('another secret'))).toBeNull();
    expect(ownWriteLsn(`${OWN_WRITE_COOKIE}=drop table`, key)).toBeNull();
  });

  it('has a key of its own, derived from the shared secret and never equal to it', () => {
    expect(ownWriteKey('a secret every host shares')).toBe(key);
    expect(key).not.toContain('a secret');
    expect(ownWriteKey('another secret')).not.toBe(key);
  });

  it('follows a write that succeeded or redirected, never a read, a refusal or a server island', () => {
    expect(isOwnWrite('POST', '/partager', 303)).toBe(true);
    expect(isOwnWrite('POST', '/_actions/lightCandle', 200)).toBe(true);
    expect(isOwnWrite('POST', '/partager', 400)).toBe(false);
    expect(isOwnWrite('GET', '/', 200)).toBe(false);
    expect(isOwnWrite('HEAD', '/', 200)).toBe(false);
    expect(isOwnWrite('POST', '/_server-islands/LiveFigures', 200)).toBe(false);
  });
});
