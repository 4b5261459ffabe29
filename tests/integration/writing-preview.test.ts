import { it, expect } from 'vitest';
import fc from 'fast-check';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, submission } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { previewBody } from '../../src/lib/writing/preview.ts';
import { generatedAttackVectors } from '../e2e/support/generated-vectors.ts';
import { ALLOWED_SAMPLE } from '../e2e/support/attack-vectors.ts';

/** Every vector after a visible line: a text that shows nothing is refused by both, which the unit tests cover. */
const texts = [ALLOWED_SAMPLE, ...generatedAttackVectors()].map((v, i) => `Ligne ${i}.\n\n${v}`);

describeEachDatabase('the preview and what is stored', (t) => {
  it('gives, for every attack vector, the very HTML a share stores', async () => {
    for (const [i, body] of texts.entries()) {
      const preview = previewBody('souvenir', body);
      const stored = await createSouvenir(t.db, submission({ body, authorEmail: `v${i}@example.org` }), {
        ipHash: null,
      });
      const row = await t.db
        .selectFrom('souvenir')
        .select('body_html')
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow();
      expect('html' in preview && preview.html, body).toBe(row.body_html);
    }
  });

  it('gives, for random texts, the very HTML a comment stores', async () => {
    const souvenir = await approvedSouvenir(t.db);
    const piece = fc.oneof(
      fc.constantFrom(
        '<b>',
        '</b>',
        '<q cite="https://a.fr">',
        '</q>',
        '<blockquote>',
        '</blockquote>',
        '<a href="javascript:x">',
        '</a>',
      ),
      fc.constantFrom('\n', '\n\n', '\r\n', ' ', '&amp;', '&lt;', 'https://exemple.fr/a.', 'www.a.fr'),
      fc.string({ minLength: 1, maxLength: 6 }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 25 }), async (pieces) => {
        const body = `Mot ${++n} ${pieces.join('')}`;
        const preview = previewBody('comment', body);
        if ('refusal' in preview) return;
        const created = await createComment(
          t.db,
          {
            souvenirId: souvenir.id,
            parentId: null,
            authorName: 'Marc',
            authorEmail: 'marc@example.org',
            authorWebsite: null,
            body,
            locale: 'fr',
          },
          { ipHash: null },
        );
        const row = await t.db
          .selectFrom('comment')
          .select('body_html')
          .where('id', '=', created.id)
          .executeTakeFirstOrThrow();
        expect(preview.html).toBe(row.body_html);
      }),
      { numRuns: 60 },
    );
  });
});
