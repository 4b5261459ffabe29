/**
 * Vitest global setup of the browser tests: on PGlite, makes one migrated data directory per run,
 * which `launchServer` copies for each server instead of having every server create its own
 * (creating a PGlite directory costs ~2.6 s, and several seconds more on a busy machine).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb, migrateToLatest } from '../../../db/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory to copy, or '' on PostgreSQL (see support/server.ts). */
    pgliteDataDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteDataDir', '');
    return () => {};
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-e2e-template-'));
  const dataDir = path.join(tmp, 'pglite');
  const handle = await createDb({ dataDir });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  project.provide('pgliteDataDir', dataDir);
  return () => fs.rmSync(tmp, { recursive: true, force: true });
}
