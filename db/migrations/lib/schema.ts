import type { Kysely } from 'kysely';

/**
 * Small builders the migrations share. Migrations are history: a database that ran one never runs
 * it again, and a fresh one must end up exactly like the others, so the SQL these produce must
 * never change: add a builder, never edit one.
 */

/**
 * Plain indexes on one table, created in the order given: `{ index_name: ['column', 'other desc'] }`.
 * Partial, unique and expression indexes stay written out where they are made.
 */
export async function createIndexes(db: Kysely<any>, table: string, indexes: Record<string, string[]>): Promise<void> {
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

/** For `down`: drops the tables in the order given (dependents first). */
export async function dropTables(db: Kysely<any>, tables: string[]): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).execute();
}

/** For `down`: drops the indexes in the order given. */
export async function dropIndexes(db: Kysely<any>, indexes: string[]): Promise<void> {
  for (const index of indexes) await db.schema.dropIndex(index).execute();
}
