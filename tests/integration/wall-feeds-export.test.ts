import { it, expect } from 'vitest';
import { getRssString } from '@astrojs/rss';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { feedSouvenirs, jsonFeed, rssOptions } from '../../src/lib/wall/feeds.ts';
import { archiveChunks, CSV_COLUMNS } from '../../src/lib/export/archive.ts';
import type { ExportFormat } from '../../src/lib/export/archive.ts';
import { script } from '../helpers/actors.ts';

const EMAIL = 'Secret.Author@example.org';
const IP_HASH = 'ip-hash-never-public';

describeEachDatabase('feeds and the archive export', (t) => {
  /** One approved souvenir with an approved comment and a reply, one pending souvenir, one rejected comment. */
  async function seed() {
    const approved = await createSouvenir(
      t.db,
      {
        authorName: 'Ana "la" Fan',
        authorEmail: EMAIL,
        title: '=SUM(A1) premier concert',
        body: 'Un soir, <strong>la salle</strong>, nous, ensemble.\nDeuxième ligne, avec une virgule. #jazz',
        memoryYear: 1999,
        event: 'concert, "jazz"',
        locale: 'fr',
      },
      { ipHash: IP_HASH },
    );
    await decideSouvenir(t.db, { id: approved.id, decision: 'approve', actor: script });
    const pending = await createSouvenir(
      t.db,
      {
        authorName: 'Pending',
        authorEmail: 'pending@example.org',
        title: 'Pas encore',
        body: 'En attente.',
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: IP_HASH },
    );
    const comment = (body: string, parentId: number | null = null) =>
      createComment(
        t.db,
        {
          souvenirId: approved.id,
          parentId,
          authorName: 'Lou',
          authorEmail: 'lou.secret@example.org',
          authorWebsite: 'https://lou.example',
          body,
          locale: 'fr',
        },
        { ipHash: IP_HASH },
      );
    const top = await comment('@merci pour ce souvenir');
    await decideComment(t.db, { id: top.id, decision: 'approve', actor: script });
    const reply = await comment('Une réponse.', top.id);
    await decideComment(t.db, { id: reply.id, decision: 'approve', actor: script });
    const rejected = await comment('Refusé.');
    await decideComment(t.db, { id: rejected.id, decision: 'reject', actor: script });
    return {
      approved,
      pending,
      top,
      reply,
      tokens: [approved.token, pending.token, top.token, reply.token, rejected.token],
    };
  }

  const secrets = (tokens: string[]) => [
    EMAIL,
    EMAIL.toLowerCase(),
    'lou.secret@example.org',
    'pending@example.org',
    IP_HASH,
    ...tokens,
  ];

  async function archive(format: ExportFormat): Promise<string> {
    let text = '';
    for await (const chunk of archiveChunks(t.db, format, new Date('2026-11-25T00:00:00Z'))) text += chunk;
    return text;
  }

  it('feeds carry approved souvenirs with their public fields and never an email, IP hash or token', async () => {
    const { approved, tokens } = await seed();
    const souvenirs = await feedSouvenirs(t.db);
    expect(souvenirs.map((s) => s.publicId)).toEqual([approved.publicId]);
    const json = jsonFeed(souvenirs, 'https://mur.example');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items[0]).toMatchObject({
      id: `https://mur.example/souvenirs/${approved.publicId}`,
      url: `https://mur.example/souvenirs/${approved.publicId}`,
      authors: [{ name: 'Ana "la" Fan' }],
      tags: ['jazz'],
    });
    const rss = await getRssString(rssOptions(souvenirs, 'https://mur.example'));
    expect(rss).toContain('<dc:creator>Ana &quot;la&quot; Fan</dc:creator>');
    expect(rss).toContain(`<link>https://mur.example/souvenirs/${approved.publicId}</link>`);
    for (const text of [JSON.stringify(json), rss]) {
      for (const secret of secrets(tokens)) expect(text).not.toContain(secret);
      expect(text).not.toContain('Pas encore');
    }
  });

  it('exports approved souvenirs and comments as JSON, public fields only', async () => {
    const { approved, top, reply, tokens } = await seed();
    const text = await archive('json');
    const data = JSON.parse(text);
    expect(data.format).toBe('mur-des-souvenirs/1');
    expect(data.souvenirs).toHaveLength(1);
    expect(data.souvenirs[0]).toMatchObject({
      id: approved.publicId,
      title: '=SUM(A1) premier concert',
      memory_year: 1999,
      hashtags: ['jazz'],
    });
    expect(data.comments.map((c: { id: string }) => c.id)).toEqual([top.publicId, reply.publicId]);
    expect(data.comments[1]).toMatchObject({
      souvenir_id: approved.publicId,
      parent_id: top.publicId,
      author_website: 'https://lou.example/',
    });
    for (const secret of secrets(tokens)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/author_email|ip_hash|token|body_raw/);
  });

  it('exports the same as CSV, quoted and safe to open in a spreadsheet', async () => {
    const { approved, tokens } = await seed();
    const text = await archive('csv');
    expect(text.startsWith('\uFEFF"kind","id",')).toBe(true);
    for (const secret of secrets(tokens)) expect(text).not.toContain(secret);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const souvenir = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    // A public id may start with '-': defused like any other cell (JSON is the format for machines).
    expect(souvenir.id).toBe(approved.publicId.startsWith('-') ? `'${approved.publicId}` : approved.publicId);
    expect(souvenir).toMatchObject({
      kind: 'souvenir',
      title: "'=SUM(A1) premier concert",
      author_name: 'Ana "la" Fan',
      event: 'concert, "jazz"',
      hashtags: '#jazz',
      memory_year: '1999',
    });
    expect(souvenir.body_html).toContain('\n');
    const comment = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]));
    expect(comment).toMatchObject({ kind: 'comment', body_text: "'@merci pour ce souvenir" });
    expect(comment.souvenir_id!.replace(/^'/, '')).toBe(approved.publicId);
  });
});

/** A strict RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') ((cell += '"'), (i += 2));
        else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}
