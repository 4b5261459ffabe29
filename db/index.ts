export { createDb, DEFAULT_DATA_DIR } from './create-db.ts';
export type { DbHandle, DbOptions, ReplicaHandle } from './create-db.ts';
export { migrateToLatest } from './migrate.ts';
export { DataDirLockedError } from './lock.ts';
export type * from './types.ts';
