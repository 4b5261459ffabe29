/**
 * `npm run restore -- FILE [--force]`: restores a backup from `npm run backup` (or a daily one)
 * into an empty database: the PGlite data directory (DATA_DIR, ./data/pglite by default) for a
 * .pglite.tar.gz, the DATABASE_URL database for a .pgdump. Refuses to overwrite anything without
 * --force, and refuses while the server holds the embedded database. Prints every table's row
 * count and checksum, to compare with the source.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, DataDirLockedError, DEFAULT_DATA_DIR } from '../db/index.ts';
import { backupEngineOf } from '../src/lib/backup/files.ts';
import { restorePglite } from '../src/lib/backup/pglite-backup.ts';
import { restorePostgres } from '../src/lib/backup/postgres-backup.ts';
import { tableChecksums } from '../src/lib/backup/checksum.ts';
import { BackupError } from '../src/lib/backup/errors.ts';

const USAGE = 'Usage: npm run restore -- <backup file> [--force]';
const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
  strict: true,
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
const engine = backupEngineOf(file);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;

try {
  if (engine === 'pglite' && !databaseUrl) {
    await restorePglite(file, dataDir, { force: values.force });
  } else if (engine === 'postgres' && databaseUrl) {
    await restorePostgres(databaseUrl, file, { force: values.force });
  } else {
    throw new BackupError(
      'wrong_engine',
      engine === 'pglite'
        ? 'this is an embedded (PGlite) backup: unset DATABASE_URL to restore it into DATA_DIR'
        : engine === 'postgres'
          ? 'this is a PostgreSQL backup: set DATABASE_URL to the (empty) database to restore it into'
          : 'not a backup file (.pglite.tar.gz or .pgdump)',
    );
  }
  const handle = await createDb({ databaseUrl, dataDir });
  try {
    const sums = await tableChecksums(handle.db);
    for (const [table, sum] of Object.entries(sums))
      console.log(`${table.padEnd(28)} ${String(sum.rows).padStart(8)}  ${sum.md5}`);
  } finally {
    await handle.close();
  }
  console.log(`Restored ${path.basename(file)} into ${databaseUrl ? 'the DATABASE_URL database' : dataDir}.`);
} catch (error) {
  if (error instanceof BackupError && error.code === 'not_empty') {
    console.error(
      `Refused: ${databaseUrl ? 'the database' : dataDir} is not empty. Add --force to replace what it holds.`,
    );
    process.exit(2);
  }
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error((error as Error).message);
  process.exit(1);
}
