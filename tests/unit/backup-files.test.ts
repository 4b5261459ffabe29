import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  backupDir,
  backupEngineOf,
  backupFileName,
  backupTime,
  listBackups,
  pruneBackups,
  writeAtomically,
} from '../../src/lib/backup/files.ts';

describe('backup files', () => {
  it('are named by their time and engine, and read back from their name', () => {
    const now = new Date('2026-12-06T07:55:01.123Z');
    const name = backupFileName('pglite', now);
    expect(name).toBe('mur-des-souvenirs-20261206T075501Z.pglite.tar.gz');
    expect(backupEngineOf(name)).toBe('pglite');
    expect(backupEngineOf(backupFileName('postgres', now))).toBe('postgres');
    expect(backupEngineOf('notes.txt')).toBeNull();
    expect(backupTime(name)?.toISOString()).toBe('2026-12-06T07:55:01.000Z');
  });

  it('go beside the embedded database unless BACKUP_DIR says otherwise', () => {
    expect(backupDir({})).toBe(path.resolve('data/backups'));
    expect(backupDir({ DATA_DIR: '/srv/mur/pglite' })).toBe('/srv/mur/backups');
    expect(backupDir({ BACKUP_DIR: '/mnt/copies', DATA_DIR: '/srv/mur/pglite' })).toBe('/mnt/copies');
  });

  it('are pruned to the newest of each of the last days and weeks, written whole or not at all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-prune-'));
    try {
      for (let day = 1; day <= 20; day++) {
        writeAtomically(
          path.join(dir, backupFileName('pglite', new Date(Date.UTC(2026, 10, day, 3)))),
          new Uint8Array([1]),
        );
      }
      fs.writeFileSync(path.join(dir, 'README.txt'), 'kept');
      const removed = pruneBackups(dir, 3, 2);
      expect(removed.length).toBe(20 - 4);
      expect(listBackups(dir).map((b) => b.time.toISOString().slice(0, 10))).toEqual([
        '2026-11-20',
        '2026-11-19',
        '2026-11-18',
        '2026-11-15',
      ]);
      expect(fs.existsSync(path.join(dir, 'README.txt'))).toBe(true);
      expect(fs.readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
