import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret of 192 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A short public identifier (72 bits), for URLs that must not be guessable in sequence. */
export function newPublicId(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * What any public identifier may look like (newPublicId's twelve characters, and the shorter ones
 * of older or imported rows): checked before a query, so that no other text reaches one.
 */
export const PUBLIC_ID_SHAPE = '[A-Za-z0-9_-]{1,32}';
export const PUBLIC_ID = new RegExp(`^${PUBLIC_ID_SHAPE}$`);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
