import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Database } from '../../../db/types.ts';

/** The only form in which a session id reaches the database. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export interface KyselyAdapterOptions {
  /** A session ends this long after sign-in, however active it stays. */
  absoluteTimeoutMs: number;
}

/**
 * Lucia v3's storage, on our tables. Session ids are stored as their SHA-256, and every
 * row keeps `expires_at <= created_at + absoluteTimeout`, so renewal never outlives the
 * absolute limit and `deleteExpiredSessions` removes what it ends.
 */
export function createKyselyAdapter(db: Kysely<Database>, options: KyselyAdapterOptions): Adapter {
  const absoluteSeconds = Math.floor(options.absoluteTimeoutMs / 1000);
  const absoluteMs = absoluteSeconds * 1000;
  const limit = sql`created_at + make_interval(secs => ${absoluteSeconds})`;

  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom('user_session')
        .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
        .select([
          'user_session.user_id',
          'user_session.expires_at',
          'user_session.created_at',
          'app_user.username',
          'app_user.display_name',
          'app_user.role',
          'app_user.disabled_at',
        ])
        .where('user_session.id', '=', hashSessionId(sessionId))
        .executeTakeFirst();
      if (!row) return [null, null];
      // Lucia hands this id on to updateSessionExpiration, deleteSession and the cookie: it must
      // be the raw id it gave us, never the stored hash (PITFALLS.md, Lucia v3).
      const session: DatabaseSession = {
        id: sessionId,
        userId: row.user_id,
        // Read capped as well as stored capped: the absolute limit holds whatever the row says.
        expiresAt: new Date(
          Math.min(new Date(row.expires_at).getTime(), new Date(row.created_at).getTime() + absoluteMs),
        ),
        attributes: {},
      };
      // A disabled account has no user: Lucia then deletes the session.
      if (row.disabled_at !== null) return [session, null];
      const user: DatabaseUser = {
        id: row.user_id,
        attributes: { username: row.username, displayName: row.display_name, role: row.role },
      };
      return [session, user];
    },

    /** Ids here can only be the stored hashes; end sessions by user with deleteUserSessions. */
    async getUserSessions(userId) {
      const rows = await db
        .selectFrom('user_session')
        .select(['id', 'user_id', 'expires_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        attributes: {},
      }));
    },

    async setSession(session) {
      const createdAt = new Date();
      const ceiling = createdAt.getTime() + absoluteMs;
      await db
        .insertInto('user_session')
        .values({
          id: hashSessionId(session.id),
          user_id: session.userId,
          expires_at: new Date(Math.min(session.expiresAt.getTime(), ceiling)),
          created_at: createdAt,
        })
        .execute();
    },

    async updateSessionExpiration(sessionId, expiresAt) {
      await db
        .updateTable('user_session')
        .set({
          expires_at: sql<Date>`least(${expiresAt}::timestamptz, ${limit})`,
        })
        .where('id', '=', hashSessionId(sessionId))
        .execute();
    },

    async deleteSession(sessionId) {
      await db.deleteFrom('user_session').where('id', '=', hashSessionId(sessionId)).execute();
    },

    async deleteUserSessions(userId) {
      await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
    },

    async deleteExpiredSessions() {
      await db.deleteFrom('user_session').where('expires_at', '<=', new Date()).execute();
    },
  };
}
