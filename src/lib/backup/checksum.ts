import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export interface TableChecksum {
  rows: number;
  /** MD5 of every row's text, in a fixed order: equal when the contents are equal. */
  md5: string;
}

/**
 * Every table of the current schema with its row count and a checksum of its contents, to tell
 * that a restored database holds exactly what was backed up (the restore script prints them).
 */
export async function tableChecksums(db: Kysely<any>): Promise<Record<string, TableChecksum>> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() order by tablename`.execute(db);
  const result: Record<string, TableChecksum> = {};
  for (const { tablename } of tables.rows) {
    const table = sql.id(tablename);
    const { rows } = await sql<{ rows: number; md5: string }>`
      select count(*)::int as rows,
             md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
      from ${table} as t`.execute(db);
    result[tablename] = rows[0]!;
  }
  return result;
}
