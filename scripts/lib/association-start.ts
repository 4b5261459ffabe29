import path from 'node:path';
import type { Runtime } from '../../src/lib/runtime.ts';
import { issueSetupToken } from '../../src/lib/auth/first-admin.ts';
import { scheduleDailyBackups } from '../../src/lib/backup/daily.ts';
import { backupDir } from '../../src/lib/backup/files.ts';

/**
 * While no admin exists, prints the one-time address that creates the first one (a new one at
 * each start, valid an hour; auth/first-admin.ts). The terminal of whoever ran `npm start` is the
 * only place it appears: never a log shipped elsewhere, never a page.
 */
export async function announceFirstAdmin(runtime: Runtime, localOrigin: string): Promise<void> {
  try {
    const token = await issueSetupToken(runtime.handle.db);
    if (!token) return;
    const address = `${runtime.publicOrigin ?? localOrigin}/installation/${token}`;
    console.log(
      [
        '',
        'Aucun compte administrateur pour le moment. Créez le premier dans votre navigateur :',
        'No admin account yet. Create the first one in your browser:',
        `  ${address}`,
        'Adresse à usage unique, valable une heure (une nouvelle à chaque démarrage) ;',
        'ou bien / or: npm run user:create -- --role admin --username NAME',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error('[setup] could not prepare the first-admin address:', (error as Error).message);
  }
}

/**
 * The embedded database's daily backup in <backups>/daily (backup/files.ts: ./data/backups by
 * default): only this process may open it. PostgreSQL is backed up from outside (`npm run backup`,
 * or the provider's own).
 */
export function startDailyBackups(runtime: Runtime): () => void {
  const pglite = runtime.handle.pglite;
  if (!pglite) return () => {};
  return scheduleDailyBackups(pglite, path.join(backupDir(process.env), 'daily'));
}
