import type { Browser, Page } from 'playwright-core';
import type { E2eServer } from './server.ts';
import { withScript } from './server.ts';
import { postAndFollow } from './post-and-follow.ts';

/**
 * Shares a souvenir through the form's endpoint (no browser), returning its private link path from
 * the thank-you page. Written by Autrice <autrice@example.org> unless `fields` names its author.
 */
export async function shareByHttp(server: E2eServer, fields: Record<string, string>): Promise<string> {
  const res = await postAndFollow(server.origin, '/partager?_action=share', {
    consent: 'on',
    name: 'Autrice',
    email: 'autrice@example.org',
    ...fields,
  });
  const html = res.text;
  const link = /\/mes-souvenirs\/[A-Za-z0-9_-]{32}/.exec(html)?.[0];
  if (!link) {
    const reasons = [...html.matchAll(/class="(?:field-error|form-error)[^"]*"[^>]*>([^<]*)/g)].map((m) => m[1]);
    throw new Error(`share failed with ${res.status}: ${reasons.join(' | ') || html.slice(0, 300)}`);
  }
  return link;
}

/** Creates an account with `npm run user:create`'s script, the password piped on stdin. */
export async function createAccount(
  server: E2eServer,
  role: 'admin' | 'moderator',
  username: string,
  password: string,
): Promise<void> {
  const result = await withScript(server, 'user-create.ts', ['--role', role, '--username', username], `${password}\n`);
  if (result.status !== 0) throw new Error(`user:create failed: ${result.stderr}${result.stdout}`);
}

/** Signs in through the real login form in a fresh browser context. */
export async function signIn(browser: Browser, server: E2eServer, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/connexion`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
  await page.waitForLoadState('load');
  return page;
}

/** The addresses of the souvenirs the wall shows (`/souvenirs/<id>`), in the wall's order, each once. */
export async function wallPermalinks(server: E2eServer): Promise<string[]> {
  const wall = await (await fetch(`${server.origin}/`)).text();
  return [...new Set([...wall.matchAll(/href="(\/souvenirs\/[A-Za-z0-9_-]+)"/g)].map((m) => m[1]!))];
}

/** Fills and sends the comment form of the souvenir page open in `page`; the address defaults to the name's. */
export async function sendComment(page: Page, fields: { body: string; name: string; email?: string }): Promise<void> {
  await page.fill('#comment-body', fields.body);
  await page.fill('#comment-name', fields.name);
  await page.fill('#comment-email', fields.email ?? `${fields.name.toLowerCase()}@example.org`);
  await page.click('form.comment-form button[type=submit]');
  await page.waitForLoadState('load');
}
