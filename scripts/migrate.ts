/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { createDb, migrateToLatest, DEFAULT_DATA_DIR, DataDirLockedError } from '../db/index.ts';

try {
  const handle = await createDb({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR || DEFAULT_DATA_DIR,
  });
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
}
