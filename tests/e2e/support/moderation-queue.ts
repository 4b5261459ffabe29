import type { E2eServer } from './server.ts';
import { createAccount, shareByHttp } from './actors.ts';

/** The admin's password in the moderation suites. */
export const ADMIN_PASSWORD = 'une phrase de passe assez longue';

/**
 * The moderation suites' start: an admin account, the server, and two pending souvenirs shared
 * by visitors, one to approve and one to refuse.
 */
export async function queueOfTwo(server: E2eServer): Promise<void> {
  await createAccount(server, 'admin', 'admin', ADMIN_PASSWORD);
  await server.start();
  for (const souvenir of [
    { name: 'Approuvable', email: 'a@example.org', title: 'Souvenir à approuver', body: 'La fosse chantait.' },
    { name: 'Refusable', email: 'r@example.org', title: 'Souvenir à refuser', body: 'Hors sujet.' },
  ])
    await shareByHttp(server, souvenir);
}
