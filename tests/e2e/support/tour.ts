import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postAndFollow } from './post-and-follow.ts';

/** One page of the site in one state: as loaded, or after a form was sent (errors shown). */
export interface TourStop {
  name: string;
  path: string;
  /** Visited by a signed-in admin (the moderation area, the wall with its moderator bar). */
  signedIn: boolean;
  /** Puts the loaded page in the state to check, e.g. a form sent empty. */
  act?: ((page: Page) => Promise<void>) | undefined;
  /** `act` opens something without sending a form (the preview): no message takes the focus. */
  keepsFocus?: boolean;
}

export interface Tour {
  stops: TourStop[];
  /** The admin's cookies, for `browser.newContext({ storageState })`. */
  adminState: Awaited<ReturnType<BrowserContext['storageState']>>;
}

async function post(origin: string, path: string, fields: Record<string, string>): Promise<string> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { origin },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  return res.status >= 300 && res.status < 400 ? (res.headers.get('location') ?? '') : res.text();
}

async function sendAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

async function approveFirstPendingComment(admin: Page, origin: string): Promise<void> {
  await admin.goto(`${origin}/moderation?type=commentaires`);
  await sendAndWait(admin, '[data-queue-item][data-target="comment"] button[data-decision="approve"]');
}

/**
 * Fills a site that already holds the demo souvenirs and an admin account with what every page
 * needs to show itself whole — a souvenir with a comment and a reply, a comment and a souvenir
 * awaiting moderation, an author's private link — and lists every page in both languages.
 */
export async function prepareTour(
  origin: string,
  browser: Browser,
  admin: { username: string; password: string },
): Promise<Tour> {
  const wall = await (await fetch(`${origin}/`)).text();
  const permalink = /href="(\/souvenirs\/[A-Za-z0-9_-]+)"/.exec(wall)![1]!;
  const souvenirId = permalink.split('/').pop()!;
  const year = /href="\/\?annee=(\d{4})"/.exec(wall)![1]!;
  const tag = /href="\/\?tag=([^"&]+)"/.exec(wall)![1]!;

  const { text: shared } = await postAndFollow(origin, '/partager?_action=share', {
    name: 'Visiteuse',
    email: 'visiteuse@example.org',
    title: 'Un soir de novembre',
    body: 'Un souvenir qui <em>attend</em> sa relecture.',
    consent: 'on',
  });
  const authorPath = /\/mes-souvenirs\/[A-Za-z0-9_-]{32}/.exec(shared)![0];

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/connexion`);
  await page.fill('#username', admin.username);
  await page.fill('#password', admin.password);
  await sendAndWait(page, 'form.login-form button[type=submit]');

  const comment = (fields: Record<string, string>) =>
    post(origin, `${permalink}?_action=comment`, {
      souvenir: souvenirId,
      parent: '',
      email: 'ami@example.org',
      ...fields,
    });
  await comment({ name: 'Karim', body: 'Moi aussi j’y étais, au balcon. <strong>Inoubliable.</strong>' });
  await approveFirstPendingComment(page, origin);
  const withComment = await (await fetch(`${origin}${permalink}`)).text();
  const parent = /id="commentaire-([A-Za-z0-9_-]+)"/.exec(withComment)![1]!;
  await comment({ name: 'Léa', parent, body: 'Et moi dans la fosse, juste devant la scène !' });
  await approveFirstPendingComment(page, origin);
  await comment({ name: 'Paul', body: 'Un commentaire qui attend sa relecture.' });

  await page.goto(`${origin}/moderation`);
  const pendingSouvenir = await page.getAttribute('[data-queue-item]', 'data-id');
  await page.goto(`${origin}/moderation?type=commentaires`);
  const pendingComment = await page.getAttribute('[data-queue-item]', 'data-id');
  const adminState = await context.storageState();
  await context.close();

  // Each sending must differ from the last: the rules refuse a text sent twice.
  let sent = 0;
  const unique = (text: string) => `${text} (${++sent})`;
  const visitor = (name: string, path: string, act?: TourStop['act']): TourStop => ({
    name,
    path,
    signedIn: false,
    act,
  });
  const moderator = (name: string, path: string, act?: TourStop['act']): TourStop => ({
    name,
    path,
    signedIn: true,
    act,
  });
  const stops: TourStop[] = [];
  for (const [prefix, lang] of [
    ['', 'fr'],
    ['/en', 'en'],
  ] as const) {
    const at = (path: string) =>
      prefix && path === '/' ? '/en/' : prefix && path.startsWith('/?') ? `/en${path}` : `${prefix}${path}`;
    stops.push(
      visitor(`wall-${lang}`, at('/')),
      visitor(`wall-boxed-${lang}`, at('/?mise-en-page=encadre')),
      visitor(`search-${lang}`, at('/recherche?q=concert')),
      visitor(`search-empty-${lang}`, at('/recherche?q=%22aucun+mot+pareil%22')),
      visitor(`wall-year-${lang}`, at(`/?annee=${year}`)),
      visitor(`wall-tag-${lang}`, at(`/?tag=${tag}`)),
      visitor(`souvenir-${lang}`, at(permalink)),
      visitor(`souvenir-comment-errors-${lang}`, at(permalink), (p) =>
        sendAndWait(p, 'form.comment-form button[type=submit]'),
      ),
      visitor(`souvenir-comment-sent-${lang}`, at(permalink), async (p) => {
        await p.fill('#comment-body', unique('Merci pour ce souvenir'));
        await p.fill('#comment-name', 'Nadia');
        await p.fill('#comment-email', 'nadia@example.org');
        await sendAndWait(p, 'form.comment-form button[type=submit]');
      }),
      visitor(`souvenir-reply-${lang}`, at(`${permalink}?repondre=${parent}`)),
      visitor(`souvenir-report-errors-${lang}`, at(permalink), async (p) => {
        await p.click('details.report summary');
        await sendAndWait(p, 'details.report[open] form button[type=submit]');
      }),
      // A comment's "Signaler" is a link to the page with that comment's form open (issue 19).
      visitor(`souvenir-report-comment-${lang}`, at(`${permalink}?signaler=${parent}`)),
      visitor(`souvenir-report-comment-errors-${lang}`, at(permalink), async (p) => {
        await Promise.all([p.waitForURL(/signaler=/), p.click(`#commentaire-${parent} > .report-link a`)]);
        await sendAndWait(p, `details.report[open]#signaler-commentaire-${parent} form button[type=submit]`);
      }),
      visitor(`share-${lang}`, at('/partager')),
      {
        ...visitor(`share-preview-${lang}`, at('/partager'), async (p) => {
          await p.fill('#body', 'Le <strong>premier</strong> rang, <q>la salle chantait</q>.');
          await p.click('[data-preview-toggle]');
          await p.waitForSelector('[data-preview-body] strong');
          await p.click('details.advanced-format summary');
        }),
        keepsFocus: true,
      },
      visitor(`share-errors-${lang}`, at('/partager'), (p) => sendAndWait(p, 'form.share-form button[type=submit]')),
      visitor(`share-sent-${lang}`, at('/partager'), async (p) => {
        await p.fill('#name', 'Sam');
        await p.fill('#email', 'sam@example.org');
        await p.fill('#body', unique('La première fois que j’ai passé ces portes'));
        await p.check('#consent');
        await sendAndWait(p, 'form.share-form button[type=submit]');
      }),
      visitor(`login-${lang}`, at('/connexion')),
      visitor(`login-error-${lang}`, at('/connexion'), async (p) => {
        await p.fill('#username', admin.username);
        await p.fill('#password', 'pas le bon mot de passe');
        await sendAndWait(p, 'form.login-form button[type=submit]');
      }),
      visitor(`author-${lang}`, at(authorPath)),
      visitor(`author-errors-${lang}`, at(authorPath), async (p) => {
        await p.fill('#edit-body', '');
        await sendAndWait(p, 'form.share-form button[type=submit]');
      }),
      visitor(`privacy-${lang}`, at('/confidentialite')),
      visitor(`lost-links-${lang}`, at('/retrouver-mes-liens')),
      visitor(`lost-links-errors-${lang}`, at('/retrouver-mes-liens'), (p) =>
        sendAndWait(p, 'main form button[type=submit]'),
      ),
      visitor(`unsubscribe-gone-${lang}`, at(`/courriel/desabonner/${'x'.repeat(32)}`)),
      visitor(`screen-${lang}`, at('/ecran')),
      visitor(`embed-${lang}`, at('/embed')),
      visitor(`report-sent-${lang}`, at('/signalement')),
      visitor(`not-found-${lang}`, at('/nulle-part')),
      moderator(`wall-moderator-${lang}`, at('/')),
      moderator(`queue-${lang}`, at('/moderation')),
      moderator(`queue-comments-${lang}`, at('/moderation?type=commentaires')),
      moderator(`queue-approved-${lang}`, at('/moderation?statut=approved')),
      moderator(`queue-reported-${lang}`, at('/moderation/signalements')),
      moderator(`edit-souvenir-${lang}`, at(`/moderation/modifier/${pendingSouvenir}`)),
      moderator(`edit-souvenir-errors-${lang}`, at(`/moderation/modifier/${pendingSouvenir}`), async (p) => {
        await p.fill('#body', '');
        await sendAndWait(p, '#edit-souvenir button[type=submit]');
      }),
      moderator(`edit-comment-${lang}`, at(`/moderation/modifier/commentaire/${pendingComment}`)),
      moderator(`journal-${lang}`, at('/moderation/journal')),
      moderator(`team-${lang}`, at('/moderation/equipe')),
      moderator(`team-errors-${lang}`, at('/moderation/equipe'), (p) =>
        sendAndWait(p, '.team-create form button[type=submit]'),
      ),
      moderator(`settings-${lang}`, at('/moderation/reglages')),
      moderator(`settings-errors-${lang}`, at('/moderation/reglages'), async (p) => {
        await p.fill('#floodSeconds', '99999');
        await sendAndWait(p, 'form.rules-form button[type=submit]');
      }),
      moderator(`export-${lang}`, at('/moderation/exporter')),
      moderator(`personal-data-${lang}`, at('/moderation/donnees')),
      moderator(`mail-${lang}`, at('/moderation/courriels')),
      moderator(`password-${lang}`, at('/moderation/mot-de-passe')),
      // What a moderator gets on an admin-only page (403).
      moderator(`forbidden-${lang}`, at('/moderation/interdit')),
      moderator(`password-errors-${lang}`, at('/moderation/mot-de-passe'), (p) =>
        sendAndWait(p, 'form.account-form button[type=submit]'),
      ),
    );
  }
  return { stops, adminState };
}
