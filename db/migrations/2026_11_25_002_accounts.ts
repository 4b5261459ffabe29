import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropTables } from './lib/schema.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // Stored lower-cased so that "Alice" and "alice" are one account.
    .addColumn('username', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`username = lower(username)`),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'moderator')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The id is the SHA-256 (hex) of the cookie's session id: a copy of this table grants no session.
  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Sign-in time: a session ends 12 hours after it whatever happens (OWASP ASVS 3.3.4).
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await createIndexes(db, 'user_session', {
    user_session_user_idx: ['user_id'],
    user_session_expires_idx: ['expires_at'],
  });

  // One row per login attempt not (yet) known to have succeeded, so throttling holds across
  // processes; a successful login deletes its username's rows.
  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text')
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await createIndexes(db, 'login_attempt', {
    login_attempt_username_idx: ['username', 'attempted_at'],
    login_attempt_ip_idx: ['ip_hash', 'attempted_at'],
    login_attempt_time_idx: ['attempted_at'],
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['login_attempt', 'user_session', 'app_user']);
}
