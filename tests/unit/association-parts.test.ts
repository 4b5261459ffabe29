import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flashParams, readFlash, undoTimeLeft, UNDO_WINDOW_MS } from '../../src/lib/moderation/flash.ts';
import {
  backupDir,
  backupEngineOf,
  backupFileName,
  backupTime,
  listBackups,
  pruneBackups,
  writeAtomically,
} from '../../src/lib/backup/files.ts';
import { redactToken } from '../../src/lib/security/redact.ts';

describe('the queue’s undo in the flash', () => {
  it('carries the journal rows and the decision’s time through the address, and nothing else', () => {
    const at = Date.UTC(2026, 11, 6, 8);
    const params = flashParams({ done: 'reject', n: 2, conflicts: 0, refused: 0, undo: { events: [41, 42], at } });
    expect(params.get('annuler')).toBe('41,42');
    expect(readFlash(params)?.undo).toEqual({ events: [41, 42], at });
    const forged = new URLSearchParams({ fait: 'reject', n: '1', annuler: '1,<script>,2', le: 'x' });
    expect(readFlash(forged)?.undo).toBeUndefined();
  });

  it('is offered for ten seconds after the decision, never before it nor after', () => {
    const flash = readFlash(new URLSearchParams({ fait: 'approve', n: '1', annuler: '7', le: '1000' }));
    expect(undoTimeLeft(flash, 1000)).toBe(UNDO_WINDOW_MS);
    expect(undoTimeLeft(flash, 1000 + UNDO_WINDOW_MS - 1)).toBe(1);
    expect(undoTimeLeft(flash, 1000 + UNDO_WINDOW_MS)).toBe(0);
    expect(undoTimeLeft(flash, 0)).toBe(0);
    expect(undoTimeLeft(null)).toBe(0);
  });
});

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

describe('log lines', () => {
  it('never carry the first admin’s setup token', () => {
    expect(redactToken('/installation/abcDEF123_-xyz')).toBe('/installation/…');
    expect(redactToken('/en/installation/abc')).toBe('/en/installation/…');
  });
});
