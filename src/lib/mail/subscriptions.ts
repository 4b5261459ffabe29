import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { hashToken, newToken, tokenMatches } from '../security/tokens.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { normaliseAddress } from './address.ts';

/** What an unsubscribe key opens: enough for its page, never the address. */
export interface SubscriptionView {
  id: number;
  targetType: ContributionKind;
  targetId: number;
  confirmed: boolean;
  locale: string;
}

/**
 * Records "tell me about replies to this text" for `address`, unconfirmed: nothing is sent on
 * it until the link in the *received* message is followed (double opt-in: anyone can type
 * anyone's address). Returns the confirmation token (only its hash is kept).
 */
export async function createSubscription(
  trx: Transaction<Database>,
  subscription: { address: string; targetType: ContributionKind; targetId: number; locale: string },
  now = new Date(),
): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('mail_subscription')
    .values({
      address: subscription.address,
      target_type: subscription.targetType,
      target_id: subscription.targetId,
      locale: subscription.locale,
      token_hash: hashToken(token),
      unsubscribe_key: newToken(),
      created_at: now,
    })
    .execute();
  return token;
}

const KEY_SHAPE = /^[A-Za-z0-9_-]{32}$/;

async function byKey(db: Kysely<Database>, key: string) {
  if (!KEY_SHAPE.test(key)) return null;
  const row = await db
    .selectFrom('mail_subscription')
    .select(['id', 'address', 'target_type', 'target_id', 'confirmed_at', 'locale'])
    .where('unsubscribe_key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

/** The subscription an unsubscribe key opens, or null for a key we did not issue (or one already gone). */
export async function findSubscription(db: Kysely<Database>, key: string): Promise<SubscriptionView | null> {
  const row = await byKey(db, key);
  return (
    row && {
      id: row.id,
      targetType: row.target_type,
      targetId: row.target_id,
      confirmed: row.confirmed_at !== null,
      locale: row.locale,
    }
  );
}

/** The address proved itself: notifications may go out. Idempotent; false for an unknown token. */
export async function confirmSubscription(db: Kysely<Database>, token: string, now = new Date()): Promise<boolean> {
  if (!KEY_SHAPE.test(token)) return false;
  const row = await db
    .selectFrom('mail_subscription')
    .select(['id', 'token_hash'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || !tokenMatches(token, row.token_hash)) return false;
  await db
    .updateTable('mail_subscription')
    .set({ confirmed_at: now })
    .where('id', '=', row.id)
    .where('confirmed_at', 'is', null)
    .execute();
  return true;
}

/** Ends one subscription (the one-click link and the page's first button). False for an unknown key. */
export async function unsubscribe(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await byKey(db, key);
  if (!row) return false;
  await db.deleteFrom('mail_subscription').where('id', '=', row.id).execute();
  return true;
}

/** Ends every subscription of the key's address: "unsubscribe from everything". Returns how many. */
export async function unsubscribeEverywhere(db: Kysely<Database>, key: string): Promise<number> {
  const row = await byKey(db, key);
  if (!row) return 0;
  return eraseSubscriptionsOf(db, row.address);
}

/** Every subscription of an address, confirmed or not, goes (erasure, withdrawal, unsubscribe all). */
export async function eraseSubscriptionsOf(db: Kysely<Database> | Transaction<Database>, address: string) {
  const result = await db
    .deleteFrom('mail_subscription')
    .where(sql<string>`lower(address)`, '=', normaliseAddress(address))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The subscriptions of one text go with it (its author withdrew it or it was erased). */
export async function eraseSubscriptionsTo(trx: Transaction<Database>, targetType: ContributionKind, targetId: number) {
  await trx
    .deleteFrom('mail_subscription')
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
}
