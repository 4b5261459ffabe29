/**
 * Posts souvenirs through the real form from many concurrent clients while PostgreSQL is
 * restarted, then checks that every success is stored exactly once and the server recovers.
 * Used by the end-to-end suite (shortened) and by `npm run load:restart` (2 000 posts, 50 clients).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { postAndFollow } from '../e2e/support/post-and-follow.ts';

export interface LoadReport {
  posts: number;
  succeeded: number;
  retryable: number;
  /** Answers that were neither a success nor a clear "try again" (must be 0). */
  unexpected: Array<{ status: number; sample: string }>;
  storedOfSucceeded: number;
  duplicates: number;
  restartAtMs: number;
  healthyAgainMs: number | null;
  durationMs: number;
}

/** Restarts the local PostgreSQL without blocking the event loop (the clients keep posting). */
export async function restartPostgres(): Promise<void> {
  const version = fs.readdirSync('/etc/postgresql')[0]!;
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
}

async function post(
  origin: string,
  i: number,
  runId: string,
): Promise<{ status: number; token: string | null; text: string }> {
  const body = new URLSearchParams({
    name: `Charge ${i}`,
    email: `charge${i}@example.org`,
    body: `Souvenir de charge ${runId} numéro ${i} : la salle, la musique.`,
    consent: 'on',
  });
  try {
    const res = await postAndFollow(
      origin,
      '/partager?_action=share',
      Object.fromEntries(body),
      AbortSignal.timeout(20_000),
    );
    const token = /\/mes-souvenirs\/([A-Za-z0-9_-]{32})/.exec(res.text)?.[1] ?? null;
    return { status: res.status, token, text: res.text };
  } catch (error) {
    return { status: 0, token: null, text: String(error) };
  }
}

async function waitHealthy(origin: string, from: number, limitMs: number): Promise<number | null> {
  while (Date.now() - from < limitMs) {
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return Date.now() - from;
    } catch {
      // still down
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

export async function runLoadWithRestart(options: {
  origin: string;
  databaseUrl: string;
  posts: number;
  concurrency: number;
}): Promise<LoadReport> {
  const runId = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 8);
  const started = Date.now();
  let next = 0;
  let restartAtMs = 0;
  let healthyAgainMs: number | null = null;
  const results: Array<{ status: number; token: string | null; text: string }> = [];
  const restartAfter = Math.floor(options.posts / 3);
  // The last third waits for the restart to finish, so some posts surely meet the database down
  // and the rest show that the server recovered.
  const resumeAfterRestart = Math.floor((options.posts * 2) / 3);
  let restartDone = false;

  const restarter = (async () => {
    while (next < restartAfter) await new Promise((r) => setTimeout(r, 20));
    restartAtMs = Date.now() - started;
    await restartPostgres();
    const back = Date.now();
    const healthy = await waitHealthy(options.origin, back, 30_000);
    healthyAgainMs = healthy;
    restartDone = true;
  })();

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.posts) {
        if (next >= resumeAfterRestart && !restartDone) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const i = next++;
        results.push(await post(options.origin, i, runId));
      }
    }),
  );
  await restarter;

  const succeeded = results.filter((r) => r.status === 200 && r.token);
  const retryable = results.filter((r) => r.status === 503 || r.status === 429);
  const unexpected = results
    .filter((r) => !(r.status === 200 && r.token) && r.status !== 503 && r.status !== 429)
    .map((r) => ({ status: r.status, sample: r.text.slice(0, 200) }));

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const hashes = succeeded.map((r) => createHash('sha256').update(r.token!).digest('hex'));
  const stored = await client.query<{ n: number }>(
    'select count(*)::int as n from souvenir where token_hash = any($1)',
    [hashes],
  );
  const dupes = await client.query<{ n: number }>(
    `select count(*)::int as n from (select body_raw from souvenir where body_raw like $1 group by body_raw having count(*) > 1) d`,
    [`Souvenir de charge ${runId} %`],
  );
  await client.end();

  return {
    posts: options.posts,
    succeeded: succeeded.length,
    retryable: retryable.length,
    unexpected,
    storedOfSucceeded: stored.rows[0]!.n,
    duplicates: dupes.rows[0]!.n,
    restartAtMs,
    healthyAgainMs,
    durationMs: Date.now() - started,
  };
}
