import { it, expect, describe } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { createDb, DataDirLockedError, migrateToLatest } from '../../db/index.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { tableChecksums } from '../../src/lib/backup/checksum.ts';
import { backupPglite, restorePglite } from '../../src/lib/backup/pglite-backup.ts';
import { backupPostgres, restorePostgres } from '../../src/lib/backup/postgres-backup.ts';
import { backupFileName, backupsToKeep } from '../../src/lib/backup/files.ts';
import { BackupError } from '../../src/lib/backup/errors.ts';
import { backupIfDue } from '../../src/lib/backup/daily.ts';
import { listBackups } from '../../src/lib/backup/files.ts';
import type { Database } from '../../db/types.ts';
import { script } from '../helpers/actors.ts';

/** Runs `steps` in a fresh temporary directory, removed afterwards whatever happens. */
async function inScratchDir<T>(steps: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-backup-'));
  try {
    return await steps(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function somethingOfEverything(db: Kysely<Database>) {
  for (const title of ['La salle', 'Le concert', 'La rue']) {
    const s = await approvedSouvenir(db, { title });
    const c = await marcComment(db, s.id);
    await decideComment(db, { id: c.id, decision: 'approve', actor: script });
    await lightCandle(db, { publicId: s.publicId, ipHash: `ip-${title}` });
  }
}

describeEachDatabase('a backup restored into a fresh place', (t) => {
  it('holds every table with the same rows, to the checksum', async () => {
    await somethingOfEverything(t.db);
    const before = await tableChecksums(t.db);
    expect(before.souvenir!.rows).toBe(3);
    expect(before.comment!.rows).toBe(3);
    expect(before.candle!.rows).toBe(3);
    await inScratchDir(async (dir) => {
      if (t.engine === 'pglite') {
        const file = path.join(dir, backupFileName('pglite'));
        await backupPglite(t.handle.pglite!, file);
        const dataDir = path.join(dir, 'restored');
        await restorePglite(file, dataDir);
        const restored = await createDb({ dataDir });
        try {
          expect(await tableChecksums(restored.db)).toEqual(before);
        } finally {
          await restored.close();
        }
        await expect(restorePglite(file, dataDir)).rejects.toBeInstanceOf(BackupError);
        await restorePglite(file, dataDir, { force: true });
      } else {
        const url = process.env.DATABASE_URL!;
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db);
        const schema = rows[0]!.schema;
        const file = path.join(dir, backupFileName('postgres'));
        await backupPostgres(url, file, { schema });
        const name = `restore_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`create database ${name}`);
        const target = new URL(url);
        target.pathname = `/${name}`;
        try {
          // A dump of one schema leaves out the extensions, which live in public (a whole
          // database's dump, as `npm run backup` takes, has them): create them as the source has.
          const { rows: extensions } = await admin.query<{ extname: string }>(
            `select extname from pg_extension where extname <> 'plpgsql'`,
          );
          const fresh = new pg.Client({ connectionString: target.toString() });
          await fresh.connect();
          for (const { extname } of extensions) await fresh.query(`create extension if not exists "${extname}"`);
          await fresh.end();
          await restorePostgres(target.toString(), file);
          target.searchParams.set('options', `-c search_path=${schema}`);
          const restored = new Kysely<Database>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.toString(), max: 1 }) }),
          });
          try {
            expect(await tableChecksums(restored)).toEqual(before);
          } finally {
            await restored.destroy();
          }
          await expect(restorePostgres(target.toString(), file)).rejects.toMatchObject({ code: 'not_empty' });
        } finally {
          await admin.query(`drop database if exists ${name} with (force)`);
          await admin.end();
        }
      }
    });
  }, 60_000);
});

describe('a backup of the embedded database in its directory', () => {
  it('streams the directory while holding writes back, restored to the checksum, the write kept after it', async () => {
    await inScratchDir(async (dir) => {
      const open = await createDb({ dataDir: path.join(dir, 'pglite') });
      try {
        await migrateToLatest(open.db);
        await somethingOfEverything(open.db);
        const before = await tableChecksums(open.db);
        const file = path.join(dir, backupFileName('pglite'));
        // A write sent during the backup waits for it, then is stored as usual.
        const backup = backupPglite(open.pglite!, file);
        const write = approvedSouvenir(open.db, { title: 'Pendant la sauvegarde' });
        expect(await backup).toBe(fs.statSync(file).size);
        await write;
        expect(fs.readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
        // A database holds personal data: its backup is for its owner only.
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const restoredDir = path.join(dir, 'restored');
        await restorePglite(file, restoredDir);
        const restored = await createDb({ dataDir: restoredDir });
        try {
          // The write was sent once the backup held the database: it waited, and is not in the copy.
          expect(await tableChecksums(restored.db)).toEqual(before);
        } finally {
          await restored.close();
        }
        expect((await tableChecksums(open.db)).souvenir!.rows).toBe(before.souvenir!.rows + 1);
      } finally {
        await open.close();
      }
    });
  }, 120_000);
});

describe('restoring the embedded database', () => {
  it('refuses while another process holds the data directory', async () => {
    await inScratchDir(async (dir) => {
      const dataDir = path.join(dir, 'pglite');
      const open = await createDb({ dataDir });
      const file = path.join(dir, backupFileName('pglite'));
      await backupPglite(open.pglite!, file);
      await expect(restorePglite(file, dataDir, { force: true })).rejects.toBeInstanceOf(DataDirLockedError);
      await open.close();
    });
  }, 120_000);
});

describe('the server’s daily backup', () => {
  it('is taken when the newest is a day old, not before', async () => {
    await inScratchDir(async (dir) => {
      const handle = await createDb({ dataDir: 'memory://' });
      try {
        const morning = new Date('2026-12-06T06:00:00Z');
        expect(await backupIfDue(handle.pglite!, dir, morning)).toMatch(/20261206T060000Z\.pglite\.tar\.gz$/);
        expect(await backupIfDue(handle.pglite!, dir, new Date('2026-12-06T20:00:00Z'))).toBeNull();
        expect(await backupIfDue(handle.pglite!, dir, new Date('2026-12-07T06:00:00Z'))).not.toBeNull();
        expect(listBackups(dir)).toHaveLength(2);
      } finally {
        await handle.close();
      }
    });
  }, 120_000);
});

describe('which backups are kept', () => {
  it('keeps the newest of each of the last 7 days and of each of the last 4 weeks', () => {
    // Two backups a day for 60 days, newest first.
    const times = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 11, 6, 20) - i * 12 * 3_600_000));
    const kept = [...backupsToKeep(times)].map((i) => times[i]!.toISOString().slice(0, 10)).sort();
    expect(kept).toEqual([
      '2026-11-15',
      '2026-11-22',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });
});
