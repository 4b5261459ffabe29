export { createDb, DEFAULT_DATA_DIR } from './create-db.ts';
export type { DbHandle, DbOptions } from './create-db.ts';
export { migrateToLatest } from './migrate.ts';
export { DataDirLockedError } from './lock.ts';
export type * from './types.ts';
