import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../../../db/lock.ts';
import { BackupError } from './errors.ts';

/**
 * Writes the whole embedded database, compressed (a gzipped tar of its data directory, as
 * PGlite's `dumpDataDir('gzip')` makes and `loadDataDir` reads), to `file`. Called with the
 * instance that is open, since only one process may hold the directory: the server for its daily
 * backups, `npm run backup` when the server is stopped. PGlite's own gzip compresses while it holds
 * the database: 10 s for 20 000 souvenirs (390 MB of files), during which the server answered
 * nothing. The tar alone holds it 1.4 s; Node's gzip then runs on the thread pool, streamed from
 * the tar to the file: PGlite's tar is one blob as large as the directory, and a copy of it and the
 * compressed bytes besides took the server to 1 GB during a bench (issue 19's memory target).
 * Returns the compressed size.
 */
export async function backupPglite(pglite: PGlite, file: string): Promise<number> {
  const tar = await pglite.dumpDataDir('none');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await pipeline(
      Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>),
      zlib.createGzip({ level: 6 }),
      fs.createWriteStream(partial),
    );
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return fs.statSync(file).size;
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Restores a PGlite backup into `dataDir`, which must be empty unless `force` (then its contents
 * go first). Takes the data directory's lock for the whole restore, so it refuses (DataDirLockedError)
 * while the server holds it. Throws BackupError `not_empty`.
 */
export async function restorePglite(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<void> {
  const bytes = fs.readFileSync(file);
  // Loaded here, not with the module (the daily backup imports it in every server, PostgreSQL's
  // included), and before anything is removed: a PGlite that cannot load must leave the data as it was.
  const { PGlite } = await import('@electric-sql/pglite');
  const release = lockDataDir(dataDir);
  try {
    if (!isEmptyDir(dataDir)) {
      if (!options.force) throw new BackupError('not_empty', dataDir);
      for (const entry of fs.readdirSync(dataDir)) fs.rmSync(`${dataDir}/${entry}`, { recursive: true, force: true });
    }
    const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([bytes]) });
    // A query proves the files make a database before the restore is announced.
    await pglite.query('select 1');
    await pglite.close();
  } finally {
    release();
  }
}
