import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { isContributionKind } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';

/** Long enough to reload, go Back or copy the link; short enough that a shared computer forgets it. */
export const THANK_YOU_TTL_MS = 10 * 60_000;

/** What the page after a share or a comment shows (Post/Redirect/Get, issue 14). */
export interface ThankYou {
  kind: ContributionKind;
  publicId: string;
  /** The author's private management token. */
  token: string;
  published: boolean;
  /** A comment's souvenir, to link back to it; null for a souvenir. */
  souvenirPublicId: string | null;
}

/** What the share Action answers on success (actions/share.ts). */
export interface SharedSouvenir {
  publicId: string;
  token: string;
  status: string;
  /** The thanks' cookie value, when they were stored with the souvenir (sealThankYou). */
  thanksSecret?: string;
}

/** The thanks a shared souvenir earns: its private link, and whether it is on the wall already. */
export function shareThanks(shared: SharedSouvenir): ThankYou {
  return {
    kind: 'souvenir',
    publicId: shared.publicId,
    token: shared.token,
    published: shared.status === 'approved',
    souvenirPublicId: null,
  };
}

/** The random id in the cookie (192 bits); the row's key is its hash, the sealing key another. */
function keysOf(secret: string): { idHash: string; key: Buffer } {
  return {
    idHash: createHash('sha256').update(`thank-you-id:${secret}`).digest('hex'),
    key: createHash('sha256').update(`thank-you-key:${secret}`).digest(),
  };
}

function seal(key: Buffer, payload: ThankYou): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(key: Buffer, sealed: string): ThankYou | null {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    return asThankYou(JSON.parse(text));
  } catch {
    return null;
  }
}

function asThankYou(value: unknown): ThankYou | null {
  const v = value as Partial<ThankYou> | null;
  if (!v || !isContributionKind(v.kind) || typeof v.publicId !== 'string' || typeof v.token !== 'string') return null;
  return {
    kind: v.kind,
    publicId: v.publicId,
    token: v.token,
    published: v.published === true,
    souvenirPublicId: typeof v.souvenirPublicId === 'string' ? v.souvenirPublicId : null,
  };
}

/** A thank-you flash ready to store (`rememberThankYou`, or in another statement), and its cookie's value. */
export interface SealedThankYou {
  secret: string;
  row: { id_hash: string; sealed: string; expires_at: Date };
}

/**
 * `thanks` sealed for THANK_YOU_TTL_MS: the table keeps the secret's hash and the payload sealed
 * with a key derived from it (AES-256-GCM); the secret goes to the contributor's cookie, the only
 * way back to it.
 */
export function sealThankYou(thanks: ThankYou, now = new Date()): SealedThankYou {
  const secret = randomBytes(24).toString('base64url');
  const { idHash, key } = keysOf(secret);
  return {
    secret,
    row: { id_hash: idHash, sealed: seal(key, thanks), expires_at: new Date(now.getTime() + THANK_YOU_TTL_MS) },
  };
}

/** Expired rows of everyone, deleted as a new one is stored, so the table stays small without a scheduled job. */
export function deleteExpiredThanks(db: Kysely<Database>, now: Date) {
  return db.deleteFrom('thank_you_flash').where('expires_at', '<=', now);
}

/** Keeps `thanks` (sealThankYou) and returns the secret for the contributor's cookie. */
export async function rememberThankYou(db: Kysely<Database>, thanks: ThankYou, now = new Date()): Promise<string> {
  const { secret, row } = sealThankYou(thanks, now);
  // One statement, one round trip: a data-modifying CTE always runs.
  await db
    .with('expired', () => deleteExpiredThanks(db, now))
    .insertInto('thank_you_flash')
    .values(row)
    .execute();
  return secret;
}

/** What `secret` (a cookie's value) keeps, or null when unknown, expired or tampered with. */
export async function recallThankYou(
  db: Kysely<Database>,
  secret: string | null | undefined,
  now = new Date(),
): Promise<ThankYou | null> {
  if (!secret || !/^[A-Za-z0-9_-]{32}$/.test(secret)) return null;
  const { idHash, key } = keysOf(secret);
  const row = await db
    .selectFrom('thank_you_flash')
    .select('sealed')
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? unseal(key, row.sealed) : null;
}
