/** The benchmark's own database: a fresh PostgreSQL database or PGlite directory, dropped afterwards. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../db/index.ts';
import type { Database, DbHandle } from '../../db/index.ts';
import { WALL_PAGE_SIZE } from '../../src/lib/souvenirs/wall.ts';
import { encodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { hashToken } from '../../src/lib/security/tokens.ts';

export interface BenchDatabase {
  engine: 'postgres' | 'pglite';
  /** What the server gets: DATABASE_URL or DATA_DIR. */
  serverEnv: Record<string, string>;
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Databases not dropped yet, so an interrupted run (Ctrl-C) still drops them. */
const undropped = new Set<BenchDatabase>();

export async function dropUndroppedDatabases(): Promise<void> {
  for (const database of undropped) await database.drop().catch(() => {});
}

export async function createBenchDatabase(engine: 'postgres' | 'pglite', stamp: string): Promise<BenchDatabase> {
  let database: BenchDatabase;
  if (engine === 'postgres') {
    const name = `mur_bench_${stamp}`;
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = {
      engine,
      serverEnv: { DATABASE_URL: url.toString() },
      open: () => createDb({ databaseUrl: url.toString(), poolSize: 4 }),
      drop: async () => {
        undropped.delete(database);
        await admin(`drop database if exists ${name} with (force)`);
      },
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mur-bench-${stamp}-`));
    const dataDir = path.join(dir, 'pglite');
    database = {
      engine,
      serverEnv: { DATA_DIR: dataDir },
      open: () => createDb({ dataDir }),
      drop: async () => {
        undropped.delete(database);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  undropped.add(database);
  return database;
}

export async function openMigrated(database: BenchDatabase): Promise<DbHandle> {
  const handle = await database.open();
  await migrateToLatest(handle.db);
  return handle;
}

/** The `?avant=` cursor of the wall's page `page` (1-based), as the "voir plus" links would reach it. */
export async function cursorOfPage(db: Kysely<Database>, page: number): Promise<string> {
  const row = await db
    .selectFrom('souvenir')
    .select(['approved_at', 'id'])
    .where('status', '=', 'approved')
    .where('pinned', '=', false)
    .orderBy('approved_at', 'desc')
    .orderBy('id', 'desc')
    .offset((page - 1) * WALL_PAGE_SIZE - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return encodeKeysetCursor({ at: row.approved_at!, id: row.id });
}

/** How many of these private tokens belong to a stored souvenir. */
export async function countStoredTokens(db: Kysely<Database>, tokens: string[]): Promise<number> {
  let stored = 0;
  for (let i = 0; i < tokens.length; i += 1_000) {
    const hashes = tokens.slice(i, i + 1_000).map(hashToken);
    const result = await sql<{ n: number }>`
      select count(*)::int as n from souvenir where token_hash = any(${hashes}::text[])`.execute(db);
    stored += result.rows[0]!.n;
  }
  return stored;
}

/** One raw answer (headers and body bytes exactly as sent, not decompressed). */
export function captureAnswer(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const kept: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) kept[name] = value;
          resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * The wall as the front cache answers it (brotli, its own ETag), for the ceiling to repeat: the
 * first request is a miss that Astro renders uncompressed, and the compressed copies are made
 * off the event loop just after, so this asks until the answer is the cached one.
 */
export async function captureCachedAnswer(
  url: string,
  headers: Record<string, string>,
): Promise<Awaited<ReturnType<typeof captureAnswer>>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await captureAnswer(url, headers);
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
    if (answer.headers['content-encoding'] === 'br') return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never came from the front cache (no brotli answer after 50 tries)`);
}
