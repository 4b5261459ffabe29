import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { launchServer, withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { shareByHttp, wallPermalinks } from './support/actors.ts';
import { ATTACK_VECTORS } from './support/attack-vectors.ts';

/**
 * Hostile and careless inputs through every public form and route, as a stranger would send them
 * (issue 13): none may end in a 5xx, and a refused share or comment gives the typed text back.
 * Rate limits are lifted: this is about what the forms do with the text, not about floods.
 */
const NASTY: readonly string[] = [
  ...ATTACK_VECTORS,
  '',
  ' ',
  '\u0000',
  'nul\u0000au milieu',
  '\u202Enimda',
  'nom\u2066isolé',
  'ligne\r\nSet-Cookie: piege=1',
  '\u0085contrôle C1',
  '\u200B\u200C\u200D',
  '\u0301\u0301',
  '\uD800 seul',
  '😀'.repeat(3_000),
  'é'.repeat(10_001),
  'a'.repeat(70_000),
  '<b>'.repeat(6_000),
  '<frameset><frame src="x"></frameset>',
  '<html><head></head><frameset></frameset></html>',
  '<a href="https://a@b.example/">identifiants</a>',
  '<a href="mailto:x@example.org?bcc=y@example.org">courriel</a>',
  "' OR 1=1 --",
  '"; drop table souvenir; --',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '[object Object]',
  '__proto__',
];

const plainHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('hostile inputs through every form and route: never a 5xx', () => {
  let server: E2eServer;
  let souvenir: string;
  let authorPath: string;
  const statuses = new Map<number, number>();

  async function post(path: string, fields: Record<string, string>) {
    const res = await fetch(`${server.origin}${path}`, {
      method: 'POST',
      headers: { origin: server.origin },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    const text = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status, `${path} ${JSON.stringify(fields).slice(0, 200)}`).toBeLessThan(500);
    return { status: res.status, text };
  }

  beforeAll(async () => {
    server = await launchServer({ LIFT_RATE_LIMITS: '1' });
    authorPath = await shareByHttp(server, {
      name: 'Autrice',
      email: 'autrice@example.org',
      body: 'Un soir de concert.',
    });
    await withScript(server, 'souvenir.ts', ['approve', '1']);
    souvenir = (await wallPermalinks(server))[0]!.slice('/souvenirs/'.length);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('shares: every field, in French and English; a refused text comes back in the form', async () => {
    for (const value of NASTY) {
      for (const field of ['name', 'title', 'body', 'event', 'year', 'email']) {
        const prefix = field === 'body' || field === 'name' ? '' : '/en';
        const fields = {
          name: 'Camille',
          email: 'camille@example.org',
          body: 'Le premier rang.',
          consent: 'on',
          [field]: value,
        };
        const { status, text } = await post(`${prefix}/partager?_action=share`, fields);
        if (status === 400 && field === 'body' && value.length > 3 && value.length <= 10_000 && value.isWellFormed()) {
          expect(plainHtml(text)).toContain(value.replace(/\r\n?/g, '\n'));
        }
      }
    }
  }, 600_000);

  it('comments, reports and candles under a souvenir', async () => {
    for (const value of NASTY) {
      for (const field of ['name', 'website', 'body', 'parent', 'souvenir']) {
        const fields = { souvenir, name: 'Marc', email: 'marc@example.org', body: 'Merci.', [field]: value };
        await post(`/souvenirs/${souvenir}?_action=comment`, fields);
      }
      await post(`/souvenirs/${souvenir}?_action=report`, {
        targetType: 'souvenir',
        target: souvenir,
        reason: 'other',
        note: value,
      });
      await post(`/en/souvenirs/${souvenir}?_action=report`, { targetType: value, target: value, reason: value });
      await post(`/souvenirs/${souvenir}?_action=lightCandle`, { souvenir: value, locale: value });
    }
  }, 600_000);

  it('the author’s private link and the sign-in form', async () => {
    const token = authorPath.split('/').pop()!;
    for (const value of NASTY) {
      await post(`${authorPath}?_action=authorEdit`, { token, title: value, body: value, year: value, event: value });
      await post(
        `/mes-souvenirs/${encodeURIComponent(value.slice(0, 200).toWellFormed()) || 'x'}?_action=authorWithdraw`,
        {
          token: value,
        },
      );
      await post(`/connexion?_action=auth.login`, { username: value.slice(0, 2_000), password: value, retour: value });
    }
  }, 600_000);

  it('Actions called by script with broken or hostile JSON, and pages asked for hostile addresses', async () => {
    for (const value of NASTY.slice(0, 60)) {
      const res = await fetch(`${server.origin}/_actions/share`, {
        method: 'POST',
        headers: { origin: server.origin, 'content-type': 'application/json' },
        body: `{"name": ${JSON.stringify(value)}, "body": ${JSON.stringify(value)}`,
      });
      expect(res.status).toBeLessThan(500);
      const page = await fetch(
        `${server.origin}/souvenirs/${encodeURIComponent(value.slice(0, 500).toWellFormed())}?tag=${encodeURIComponent(value.slice(0, 500).toWellFormed())}`,
      );
      expect(page.status).toBeLessThan(500);
    }
  }, 600_000);

  it('counted at least two hundred cases, and the server logged no unhandled error', () => {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(server.output()).not.toMatch(/unhandled error|SyntaxError|TypeError/);
  });
});
