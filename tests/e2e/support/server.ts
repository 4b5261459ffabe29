import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { freePort } from '../../helpers/free-port.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface E2eServer {
  origin: string;
  env: Record<string, string>;
  engine: 'pglite' | 'postgres';
  /** Output of the server so far (for assertions on logs). */
  output(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Whether the server process is up (started and not stopped since). */
  running(): boolean;
  /** Runs an npm script's entry (scripts/<file>.ts) against the same database; on PGlite the server must be stopped. */
  script(file: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * False to get the server not yet started: scripts then run on its database with no restart
   * on PGlite (seed the data and create the accounts, then `await server.start()`).
   */
  start?: boolean;
  /**
   * On PGlite, true to start from an empty data directory as a first `npm start` does; otherwise
   * the server gets a copy of the run's migrated directory (support/pglite-template.ts).
   */
  emptyDatabase?: boolean;
}

/**
 * Starts the built server (dist/) as `npm start` does, on a database of its own:
 * a temporary PGlite directory, or a fresh PostgreSQL database when DATABASE_URL is set.
 */
export async function launchServer(
  extraEnv: Record<string, string> = {},
  options: LaunchOptions = {},
): Promise<E2eServer> {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-e2e-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(tmp, 'pglite'),
    IP_HASH_SECRET: randomBytes(24).toString('hex'),
    // One process, so that a test's server is one thing to start and stop; several workers per
    // host are exercised by the two-host test (two-hosts.test.ts).
    WEB_CONCURRENCY: '1',
    ...extraEnv,
  };
  let dbName: string | null = null;
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    dbName = `mur_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else {
    delete env.DATABASE_URL;
    const template = inject('pgliteDataDir');
    if (template && !options.emptyDatabase) fs.cpSync(template, env.DATA_DIR!, { recursive: true });
  }

  let child: ChildProcess | null = null;
  let log = '';
  const origin = `http://127.0.0.1:${port}`;

  async function start() {
    child = spawn(process.execPath, ['scripts/start.ts', '--no-build'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const from = log.length;
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    // A guard against a hang, not a speed check: on PostgreSQL a fresh database is migrated first,
    // and a CI pass with two browser files side by side on two busy cores once took over 30 s.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      // Ready once it says so: with several workers the port answers as soon as the first listens,
      // and the primary says it once every one does (a test met a worker still starting).
      if (!log.includes('Mur des Souvenirs: http', from)) {
        await new Promise((r) => setTimeout(r, 150));
        continue;
      }
      try {
        const res = await fetch(`${origin}/`);
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server did not start in 60 s:\n${log}`);
  }

  async function stop() {
    await terminate(child);
    child = null;
  }

  if (options.start !== false) await start();
  return {
    origin,
    env,
    engine: baseUrl ? 'postgres' : 'pglite',
    output: () => log,
    start,
    stop,
    running: () => child !== null && child.exitCode === null,
    script(file, args, input) {
      const result = spawnSync(process.execPath, [`scripts/${file}`, ...args], {
        cwd: ROOT,
        env,
        input,
        encoding: 'utf8',
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    async dispose() {
      await stop();
      if (dbName && baseUrl) {
        const admin = new pg.Client({ connectionString: baseUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `steps` (scripts on the server's database) with the server stopped when PGlite holds the
 * database and it is running, then starts it again: one restart for several scripts.
 */
export async function whileStopped<T>(server: E2eServer, steps: () => Promise<T>): Promise<T> {
  const restart = server.engine === 'pglite' && server.running();
  if (restart) await server.stop();
  try {
    return await steps();
  } finally {
    if (restart) await server.start();
  }
}

/** Runs a script against the server's database, stopping the server around it when PGlite holds it. */
export async function withScript(
  server: E2eServer,
  file: string,
  args: string[],
  input?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return whileStopped(server, async () => server.script(file, args, input));
}

/** Sends SIGTERM to a server process and resolves once it has exited (at once when it is not running). */
export async function terminate(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
