import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { createDb } from '../../db/index.ts';
import { engines } from '../helpers/databases.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The npm-pinned Node 24, as `npm run user:create` uses: it runs the .ts script by type stripping.
const NODE = path.join(ROOT, 'node_modules/.bin/node');

function inDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

for (const engine of engines()) {
  describe(`npm run user:create [${engine}]`, () => {
    const env: Record<string, string> = { IP_HASH_SECRET: 'test-secret-of-sufficient-length' };
    // A database of its own, not a schema: the script migrates without naming a schema, and Kysely
    // then takes another test file's migration tables (in its schema, at the same time) for its own.
    const database = `test_${randomBytes(6).toString('hex')}`;
    const adminUrl = process.env.DATABASE_URL ?? '';

    beforeAll(async () => {
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`create database "${database}"`);
        await client.end();
        env.DATABASE_URL = inDatabase(adminUrl, database);
      } else {
        env.DATA_DIR = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mur-user-create-')), 'pglite');
      }
    });

    afterAll(async () => {
      if (engine !== 'postgres') return;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${database}" with (force)`);
      await client.end();
    });

    const run = (args: string[], stdin: string) =>
      spawnSync(NODE, ['scripts/user-create.ts', ...args], {
        cwd: ROOT,
        input: stdin,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
        // Creating a fresh PGlite directory took 26 s on this machine under load.
        timeout: 60_000,
      });

    const users = async () => {
      const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      try {
        return await handle.db
          .selectFrom('app_user')
          .select(['username', 'display_name', 'role', 'password_hash'])
          .execute();
      } finally {
        await handle.close();
      }
    };

    it('refuses a password shorter than 12 characters and creates nothing', async () => {
      const result = run(['--role', 'admin', '--username', 'root'], 'elevenchars\n');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('at least 12 characters');
    });

    it('never takes the password from the command line', () => {
      const result = run(['--role', 'admin', '--username', 'root', '--password', 'a long enough password'], '');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('never taken from the command line');
    });

    it('creates an admin from a piped password, then refuses the same username', async () => {
      const first = run(
        ['--role', 'admin', '--username', 'Root', '--display-name', 'Root Admin'],
        'a long enough password\n',
      );
      expect(first.stderr).not.toContain('Refused');
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('Created admin "root"');
      const again = run(['--role', 'moderator', '--username', 'root'], 'another long password\n');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already taken');

      const rows = await users();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ username: 'root', display_name: 'Root Admin', role: 'admin' });
      expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    }, 150_000);

    it('asks for a role it knows', () => {
      const result = run(['--role', 'owner', '--username', 'x1'], 'a long enough password\n');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage');
    });
  });
}
