import type { Kysely } from 'kysely';
import { createIndexes } from './lib/schema.ts';

/**
 * Nobody can lock a moderator out (OWASP Authentication Cheat Sheet, "device cookies").
 *
 * A browser that signed in gets a device cookie, `selector.verifier`; only the verifier's
 * SHA-256 is kept. Failed sign-ins are then counted per (username, device) for a browser that
 * presents one, and per (username, no device) for every other browser, so an attacker's failures
 * never refuse a browser the moderator used before. `login_guess` caps the password checks per
 * hour for each of those keys, from all addresses together; unlike `login_attempt` it is not
 * forgiven by someone else's success.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_device')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('selector', 'text', (c) => c.notNull().unique())
    .addColumn('verifier_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await createIndexes(db, 'login_device', {
    login_device_user_idx: ['user_id'],
    login_device_expires_idx: ['expires_at'],
  });

  // Null: a browser without a device cookie for this username (an "untrusted" attempt).
  await db.schema
    .alterTable('login_attempt')
    .addColumn('device_id', 'integer', (c) => c.references('login_device.id').onDelete('cascade'))
    .execute();
  await createIndexes(db, 'login_attempt', { login_attempt_device_idx: ['device_id', 'attempted_at'] });

  await db.schema
    .createTable('login_guess')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.references('login_device.id').onDelete('cascade'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await createIndexes(db, 'login_guess', {
    login_guess_username_idx: ['username', 'attempted_at'],
    login_guess_time_idx: ['attempted_at'],
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_guess').execute();
  await db.schema.dropIndex('login_attempt_device_idx').execute();
  await db.schema.alterTable('login_attempt').dropColumn('device_id').execute();
  await db.schema.dropTable('login_device').execute();
}
