import type { Kysely } from 'kysely';

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
  await db.schema.createIndex('login_device_user_idx').on('login_device').column('user_id').execute();
  await db.schema.createIndex('login_device_expires_idx').on('login_device').column('expires_at').execute();

  // Null: a browser without a device cookie for this username (an "untrusted" attempt).
  await db.schema
    .alterTable('login_attempt')
    .addColumn('device_id', 'integer', (c) => c.references('login_device.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('login_attempt_device_idx')
    .on('login_attempt')
    .columns(['device_id', 'attempted_at'])
    .execute();

  await db.schema
    .createTable('login_guess')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.references('login_device.id').onDelete('cascade'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_guess_username_idx')
    .on('login_guess')
    .columns(['username', 'attempted_at'])
    .execute();
  await db.schema.createIndex('login_guess_time_idx').on('login_guess').column('attempted_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_guess').execute();
  await db.schema.dropIndex('login_attempt_device_idx').execute();
  await db.schema.alterTable('login_attempt').dropColumn('device_id').execute();
  await db.schema.dropTable('login_device').execute();
}
