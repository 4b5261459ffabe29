/**
 * `npm run purge`: clears IP hashes older than 30 days and deletes the rows that only served
 * abuse checks (old candles, login attempts, rate-limit windows); prints what it did. The server
 * does the same at start and then daily. With the embedded database the server must be stopped
 * (or DATABASE_URL set).
 */
import { withRuntime } from './lib/with-runtime.ts';
import { describePurge, purgeExpiredPersonalData } from '../src/lib/privacy/purge.ts';

await withRuntime(async (runtime) => {
  const counts = await purgeExpiredPersonalData(runtime.handle.db);
  console.log(`Purge done: ${describePurge(counts)}.`);
});
