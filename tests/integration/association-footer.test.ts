import { it, expect, afterAll } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { setRuntime } from '../../src/lib/runtime.ts';
import type { Runtime } from '../../src/lib/runtime.ts';
import { wallNotifications } from '../../src/lib/wall/invalidation.ts';
import { footerOrganisation } from '../../src/lib/association/footer.ts';
import { savePublisher } from '../../src/lib/association/publisher.ts';

const details = {
  organisation: 'Association Mémoire des concerts',
  postalAddress: '1 rue de la Salle',
  director: 'Dominique Martin',
  contactEmail: 'contact@example.org',
  hostName: 'Hébergeur',
  hostAddress: 'Roubaix',
};

describeEachDatabase('the footer’s publisher name', (t) => {
  afterAll(async () => {
    await wallNotifications().then(
      (n) => n.close(),
      () => {},
    );
  });

  it('is none without a server, then follows an admin’s change through the wall’s NOTIFY', async () => {
    // One process-wide listener per file: PGlite's in-process LISTEN is the case to check here.
    if (t.engine !== 'pglite') return;
    expect(await footerOrganisation()).toBeNull();
    setRuntime({ handle: t.handle, databaseUrl: undefined } as unknown as Runtime);
    await wallNotifications();
    expect(await footerOrganisation()).toBeNull();
    await savePublisher(t.db, details, { id: null, label: 'camille' });
    await expect.poll(() => footerOrganisation(), { timeout: 2000 }).toBe('Association Mémoire des concerts');
  });
});
