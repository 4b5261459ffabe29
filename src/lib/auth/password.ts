import { hash, verify } from '@node-rs/argon2';
import type { Algorithm, Options } from '@node-rs/argon2';

/** Shorter passwords are refused (OWASP ASVS 2.1.1: at least 12 characters). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer ones too: argon2 would hash them, but nobody types 256 characters, and it bounds the work. */
export const MAX_PASSWORD_LENGTH = 256;

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 degree of parallelism.
// `Algorithm` is a const enum, which type stripping cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'), OPTIONS);
  } catch {
    // A malformed stored hash must not grant access nor turn a login into an error page.
    return false;
  }
}

// The hash of a random password nobody knows, made with the same parameters as real ones.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$UtQL79sUqzTsvjFwEdl6wA$ggZsjB4jG0CACEnCs1+H+btd+tWc61al1shPaQcpG4c';

/**
 * Spends the time of a real verification when the username is unknown, so response time does
 * not tell an attacker which accounts exist. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}
