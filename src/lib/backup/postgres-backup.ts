import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { BackupError } from './errors.ts';

/** Runs a PostgreSQL client tool; rejects with its error output when it fails or is missing. */
function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError('no_pg_dump', `${tool} is not installed (Debian: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError('tool_failed', `${tool} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/** The URL without the `options` parameter (a search_path), which pg_dump would pass on as is. */
function plainUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('options');
  return parsed.toString();
}

/**
 * Writes a PostgreSQL database (or only `schema`) to `file` with `pg_dump --format=custom`,
 * which is compressed and restorable table by table. Throws BackupError `no_pg_dump` when the
 * client tools are missing.
 */
export async function backupPostgres(databaseUrl: string, file: string, options: { schema?: string } = {}) {
  const partial = `${file}.partial`;
  const args = ['--format=custom', '--no-owner', '--file', partial];
  if (options.schema) args.push('--schema', options.schema);
  await run('pg_dump', [...args, plainUrl(databaseUrl)]);
  fs.renameSync(partial, file);
}

/** Tables of the database outside PostgreSQL's own schemas: a restore target must have none. */
async function countUserTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: plainUrl(databaseUrl) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * Restores a `pg_dump --format=custom` file into the database at `databaseUrl`, which must hold
 * no table unless `force` (then what the backup holds replaces what is there). Throws BackupError.
 */
export async function restorePostgres(databaseUrl: string, file: string, options: { force?: boolean } = {}) {
  if (!options.force && (await countUserTables(databaseUrl)) > 0) {
    throw new BackupError('not_empty', 'the database already has tables');
  }
  const args = ['--no-owner', '--exit-on-error', '--single-transaction'];
  if (options.force) args.push('--clean', '--if-exists');
  await run('pg_restore', [...args, '--dbname', plainUrl(databaseUrl), file]);
}
