/**
 * `npm run backup [-- --out DIR]`: a complete, compressed, timestamped backup of the database in
 * DIR (./data/backups unless BACKUP_DIR or --out says otherwise). PostgreSQL (DATABASE_URL): pg_dump
 * --format=custom. Embedded PGlite: its data directory, gzipped — only while the server is
 * stopped (one process per directory); a running server takes its own daily backups in DIR/daily.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb, DataDirLockedError, DEFAULT_DATA_DIR } from '../db/index.ts';
import { backupDir, backupFileName } from '../src/lib/backup/files.ts';
import { backupPglite } from '../src/lib/backup/pglite-backup.ts';
import { backupPostgres } from '../src/lib/backup/postgres-backup.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
const dir = values.out ? path.resolve(values.out) : backupDir(process.env);
fs.mkdirSync(dir, { recursive: true });
const databaseUrl = process.env.DATABASE_URL || undefined;

try {
  if (databaseUrl) {
    const file = path.join(dir, backupFileName('postgres'));
    await backupPostgres(databaseUrl, file);
    console.log(`Backup written: ${file} (${fs.statSync(file).size} bytes, pg_dump custom format).`);
  } else {
    const handle = await createDb({ dataDir: process.env.DATA_DIR || DEFAULT_DATA_DIR });
    try {
      const file = path.join(dir, backupFileName('pglite'));
      const bytes = await backupPglite(handle.pglite!, file);
      console.log(`Backup written: ${file} (${bytes} bytes, PGlite data directory, gzip).`);
    } finally {
      await handle.close();
    }
  }
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(
      `${error.message}\nThe running server takes a backup itself every day in ${path.join(dir, 'daily')}; ` +
        'for one now, stop the server and run npm run backup again.',
    );
    process.exit(2);
  }
  console.error((error as Error).message);
  process.exit(1);
}
