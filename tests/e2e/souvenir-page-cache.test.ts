import { describe, it, expect } from 'vitest';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, createAccount, signIn, wallPermalinks, sendComment } from './support/actors.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';

describe.skipIf(!hasChromium)("a souvenir's page in the front cache", () => {
  const permalinks: string[] = [];

  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    for (const title of ['La salle <en> fête', 'Le balcon']) {
      const body = `Un soir de concert, ${title}.`;
      await shareByHttp(server, { name: 'Autrice', email: 'autrice@example.org', title, body });
    }
    await withScript(server, 'souvenir.ts', ['approve', '1']);
    await withScript(server, 'souvenir.ts', ['approve', '2']);
    permalinks.push(...(await wallPermalinks(server)));
  });

  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${suite.server.origin}${path}`, init);
    return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
  };

  it('answers the second visitor the very bytes of the first render, and renders again after an approved comment', async () => {
    // The wall lists the newest first: "Le balcon", approved last, then "La salle <en> fête".
    const [other, shown] = permalinks as [string, string];
    const first = await get(shown);
    expect(first.status).toBe(200);
    // A render encrypts its islands' props with a fresh nonce: equal bytes mean one render, cached.
    const second = await get(shown);
    expect(second.text).toBe(first.text);
    expect(second.etag).toBeTruthy();
    expect(first.text).toContain('La salle &lt;en&gt; fête');
    expect(first.text).not.toContain('autrice@example.org');
    expect((await get(shown, { headers: { 'if-none-match': second.etag! } })).status).toBe(304);
    const otherBefore = await get(other);

    const visitor = await suite.browser.newPage();
    await visitor.goto(`${suite.server.origin}${shown}`);
    await sendComment(visitor, { body: 'Moi aussi, au balcon.', name: 'Karim', email: 'karim@example.org' });
    // The answer to one visitor (its private link) is never what the next visitor is served.
    expect(visitor.url()).toContain('commentaire=');
    await visitor.close();
    const pending = await get(shown);
    expect(pending.text).not.toContain('au balcon');
    expect(pending.text).not.toContain('/mes-souvenirs/');

    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation?type=commentaires`);
    const item = admin.locator('[data-queue-item][data-target="comment"]').first();
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    await admin.context().close();

    const approved = await get(shown);
    expect(approved.text).toContain('Moi aussi, au balcon.');
    expect(approved.etag).not.toBe(second.etag);
    expect((await get(shown)).text).toBe(approved.text);
    // Another souvenir's page was not drawn again.
    expect((await get(other)).text).toBe(otherBefore.text);
  });
});
