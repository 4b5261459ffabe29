import { describe, it, expect } from 'vitest';
import { serverAndBrowser } from './support/suite.ts';
import { ADMIN_PASSWORD, queueOfTwo } from './support/moderation-queue.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, signIn } from './support/actors.ts';

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('a moderator’s correction, as its author sees it', () => {
  const suite = serverAndBrowser(queueOfTwo);

  it('tells the author the moderators corrected the text, and names only the author’s own removed markup', async () => {
    const origin = suite.server.origin;
    // A text beginning with an empty line: a parser drops one line feed after <textarea>.
    const link = await shareByHttp(suite.server, {
      email: 'corrige@example.org',
      title: 'Le balcon du soir',
      body: '\n\nLe balcon <img src=x onerror=alert(1)>, un soir de rock.',
    });
    const authorPage = async () => {
      const html = await (await fetch(`${origin}${link}`)).text();
      return {
        corrected: html.includes('data-corrected'),
        removed: /data-removed-markup[^>]*>[\s\S]*?<\/p>/.exec(html)?.[0],
      };
    };
    expect(await authorPage()).toMatchObject({ corrected: false, removed: expect.stringContaining('&lt;img&gt;') });

    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    const edit = async (change: () => Promise<void>) => {
      await page.goto(`${origin}/moderation`);
      await Promise.all([
        page.waitForURL(/modifier/),
        page.locator('[data-queue-item]', { hasText: 'balcon' }).locator('a[data-edit]').click(),
      ]);
      await change();
      await Promise.all([page.waitForURL(/fait=edit/), page.click('#edit-souvenir button[type=submit]')]);
    };

    // The title alone corrected: the words, empty lines included, are still the author's.
    await edit(() => page.fill('#title', 'Le balcon, un soir'));
    expect(await authorPage()).toMatchObject({ corrected: false, removed: expect.stringContaining('&lt;img&gt;') });

    // The words corrected, with markup of the moderator's own that the wall does not keep either.
    await edit(() => page.fill('#body', 'Le balcon, un soir de <b>rock</b>. <span>corrigé</span>'));
    const corrected = await authorPage();
    expect(corrected).toMatchObject({ corrected: true, removed: undefined });
    await page.context().close();

    // The author corrects the moderators' version in turn: only what they added is named.
    const author = await suite.browser.newContext();
    const own = await author.newPage();
    await own.goto(`${origin}${link}`);
    const text = await own.inputValue('textarea[name="body"]');
    await own.fill('textarea[name="body"]', `${text} Merci <script>x</script>`);
    await Promise.all([own.waitForURL(/fait=/), own.click('form:has(textarea[name="body"]) button[type="submit"]')]);
    const after = await authorPage();
    expect(after.corrected).toBe(false);
    expect(after.removed).toContain('&lt;script&gt;');
    expect(after.removed).not.toContain('span');
    await author.close();
  });
});
