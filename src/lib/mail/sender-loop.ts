import pg from 'pg';
import type { Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../../db/types.ts';
import { MAIL_CHANNEL, nextDueAt } from './outbox.ts';
import { sendDue } from './sender.ts';
import type { SendOptions } from './sender.ts';

/** Due retries are found by polling; new messages by NOTIFY, within a second of their commit. */
const POLL_MS = 30_000;
const RECONNECT_MS = 5_000;
/** How long a stop waits for the message being sent: well within the time a stop is given (workers.ts). */
const STOP_WAIT_MS = 5_000;

export interface SenderSource {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  pglite?: PGlite | undefined;
  databaseUrl?: string | undefined;
  /** Scheduled work to run before each pass (the team's digests and reminders: team-jobs.ts). */
  jobs?: (now: Date) => Promise<unknown>;
}

export interface RunningSender {
  /** Sends what is due now (also what a NOTIFY does); resolves when this pass is over. */
  wake(): Promise<void>;
  stop(): Promise<void>;
}

/** Calls `onNotify` on every `mail_queued`; PostgreSQL needs a client of its own, kept connected. */
function listen(source: SenderSource, onNotify: () => void): () => Promise<void> {
  if (source.engine === 'pglite') {
    if (!source.pglite) throw new Error('PGlite notifications need the PGlite instance');
    const pglite = source.pglite;
    const unlisten = pglite.listen(MAIL_CHANNEL, onNotify);
    return async () => {
      const stop = await unlisten;
      if (!pglite.closed) await stop();
    };
  }
  if (!source.databaseUrl) throw new Error('PostgreSQL notifications need the database URL');
  let closed = false;
  let client: pg.Client | null = null;
  const connect = () => {
    if (closed) return;
    const current = new pg.Client({ connectionString: source.databaseUrl, application_name: 'mur-mail-sender' });
    client = current;
    const retry = () => {
      if (client !== current) return;
      client = null;
      current.end().catch(() => {});
      if (!closed) setTimeout(connect, RECONNECT_MS).unref();
    };
    current.on('error', retry);
    current.on('end', retry);
    current.on('notification', onNotify);
    current
      .connect()
      .then(() => current.query(`listen ${MAIL_CHANNEL}`))
      // What was queued while we were not listening is due already: the reconnection sends it.
      .then(onNotify, retry);
  };
  connect();
  return async () => {
    closed = true;
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}

/**
 * The sender of one app process: a pass at start, on every NOTIFY and every 30 s (the scheduled
 * jobs first, which queue what is due, then sending). Passes never
 * overlap within the process (a wake during a pass asks for one more); across processes the
 * claim in `sendDue` keeps them apart. Errors are logged (never an address) and the next pass tries again.
 */
export function startMailSender(source: SenderSource, options: SendOptions): RunningSender {
  // A stop ends a pass after the message being sent, not after the whole outbox.
  const stopping = new AbortController();
  const sending = { ...options, signal: stopping.signal };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  // Besides NOTIFY and the poll, a pass wakes when the next queued message falls due (a held
  // decision, a retry), so it leaves on time rather than at the next poll.
  let dueTimer: ReturnType<typeof setTimeout> | null = null;
  const wakeWhenDue = async () => {
    const due = await nextDueAt(source.db);
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = null;
    if (!due || stopped) return;
    const delay = due.getTime() - Date.now();
    if (delay >= POLL_MS) return;
    dueTimer = setTimeout(() => void wake(), Math.max(delay, 0) + 50);
    dueTimer.unref();
  };
  const pass = async () => {
    do {
      again = false;
      try {
        await source.jobs?.(new Date());
        if (stopped) break;
        const tally = await sendDue(source.db, sending);
        if (tally.sent + tally.retried + tally.failed > 0) {
          console.log(`[mail] sent ${tally.sent}, to retry ${tally.retried}, failed ${tally.failed}`);
        }
        await wakeWhenDue();
      } catch (error) {
        console.error(`[mail] sending paused until the next pass: ${(error as Error).message}`);
      }
    } while (again && !stopped);
  };
  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void wake(), POLL_MS);
  timer.unref();
  const unlisten = listen(source, () => void wake());
  void wake();
  return {
    wake,
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      if (dueTimer) clearTimeout(dueTimer);
      await unlisten();
      // The message on its way gets a few seconds; past them the process stops anyway, and a
      // message cut off is sent again by another process once its claim expires (at least once).
      await Promise.race([running, new Promise((done) => setTimeout(done, STOP_WAIT_MS).unref())]);
      options.transport.close();
    },
  };
}
