import type { Runtime } from '../runtime.ts';
import { startMailSender } from './sender-loop.ts';
import { smtpTransport } from './transport.ts';
import { runTeamJobs } from './team-jobs.ts';

/**
 * This process's share of sending the outbox, when SMTP_URL is set; otherwise messages wait,
 * said once in the log (and on the moderation pages), and go out once a process has it.
 * `linkOrigin` writes the links of messages no request caused (digests, reminders): PUBLIC_ORIGIN
 * when set. Returns the function that stops it.
 */
export function startProcessMailSender(runtime: Runtime, linkOrigin: string): () => Promise<void> {
  const { smtpUrl, from, messageDomain } = runtime.mail;
  if (!smtpUrl) {
    console.warn('[mail] SMTP_URL is not set: messages wait in the outbox until it is.');
    return async () => {};
  }
  const sender = startMailSender(
    {
      db: runtime.handle.db,
      engine: runtime.handle.engine,
      pglite: runtime.handle.pglite,
      databaseUrl: runtime.databaseUrl,
      jobs: (now) => runTeamJobs(runtime.handle.db, linkOrigin, now),
    },
    { transport: smtpTransport(smtpUrl), from, messageDomain },
  );
  return () => sender.stop();
}
