import { describe, expect, it } from 'vitest';
import { shareInput } from '../../src/actions/share-schema.ts';
import { commentInput } from '../../src/actions/comment-schema.ts';
import { editSouvenirInput } from '../../src/actions/moderation-schema.ts';
import { isMessageKey, t } from '../../src/lib/i18n/index.ts';

const share = {
  name: 'Camille',
  email: 'camille@exemple.fr',
  title: 'Un soir',
  body: 'Un concert inoubliable.',
  year: 1998,
  event: 'Concert',
  consent: true,
};
const comment = { souvenir: 'abc123', name: 'Léa', email: 'lea@exemple.fr', body: 'Merci pour ce souvenir.' };

/** The catalogue keys a parse refuses `field` with, or [] when it is accepted. */
function refusals(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  field: string,
) {
  return result.success ? [] : result.error!.issues.filter((issue) => issue.path[0] === field).map((i) => i.message);
}

const OVERRIDES_AND_EMBEDDINGS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
const ISOLATES = ['\u2066', '\u2067', '\u2068', '\u2069'];

describe('names, titles and events', () => {
  it('refuse a name made only of invisible characters as a missing one, and leave out such a title or event', () => {
    const invisible = '\u200B\u200B\u200B';
    expect(refusals(shareInput.safeParse({ ...share, name: invisible }), 'name')).toContain('error.name.required');
    expect(refusals(commentInput.safeParse({ ...comment, name: ` ${invisible}\u2060 ` }), 'name')).toContain(
      'error.name.required',
    );
    const parsed = shareInput.parse({ ...share, title: invisible, event: '\u200D' });
    expect([parsed.title, parsed.event]).toEqual([null, null]);
    expect(shareInput.parse({ ...share, name: 'Zoé\u200B' }).name).toBe('Zoé\u200B');
  });

  it.each([...OVERRIDES_AND_EMBEDDINGS, ...ISOLATES].map((c) => [c.codePointAt(0)!.toString(16), c]))(
    'refuse the bidi control U+%s in every one-line field of every form',
    (_, control) => {
      const text = `${control}rotaredom`;
      for (const field of ['name', 'title', 'event'] as const) {
        expect(refusals(shareInput.safeParse({ ...share, [field]: text }), field)).toContain('error.text.bidi');
      }
      expect(refusals(commentInput.safeParse({ ...comment, name: text }), 'name')).toContain('error.text.bidi');
      expect(refusals(editSouvenirInput.safeParse({ id: 1, body: 'Un texte.', title: text }), 'title')).toContain(
        'error.text.bidi',
      );
      const author = shareInput.pick({ title: true, body: true, year: true, event: true });
      expect(refusals(author.safeParse({ body: 'Un texte.', event: text }), 'event')).toContain('error.text.bidi');
    },
  );

  it('keep Arabic, Hebrew and the marks LRM, RLM and ALM', () => {
    for (const name of ['مريم', 'מרים כהן', 'Camille\u200E', 'נועה\u200F', 'ليلى\u061C']) {
      expect(shareInput.safeParse({ ...share, name }).success, name).toBe(true);
    }
  });

  it('refuse a line break inside, CR, LF or Unicode’s own', () => {
    for (const text of ['Camille\nAdmin', 'Camille\rAdmin', 'Camille\r\nAdmin', 'Camille\u2028Admin']) {
      for (const field of ['name', 'title', 'event'] as const) {
        expect(refusals(shareInput.safeParse({ ...share, [field]: text }), field), field).toContain(
          'error.text.lineBreak',
        );
      }
    }
  });

  it('refuse C1 controls as they refuse C0 controls, in bodies too', () => {
    for (const control of ['\u0080', '\u0085', '\u009B', '\u009F']) {
      expect(refusals(shareInput.safeParse({ ...share, name: `Ca${control}mille` }), 'name')).toContain(
        'error.text.controlChars',
      );
      expect(refusals(shareInput.safeParse({ ...share, body: `Un${control} texte` }), 'body')).toContain(
        'error.text.controlChars',
      );
    }
    expect(shareInput.safeParse({ ...share, name: 'Ça, c’est Noël à Zoë — ½' }).success).toBe(true);
  });
});

describe('bodies and comments that show nothing', () => {
  const INVISIBLE = [
    '\u200B\u200B',
    '\u200E\u200F\u061C',
    '\u0301\u0308',
    '\u2060\uFEFF',
    '\u3164',
    '<b>\u200D</b>',
    '<i></i> ',
  ];

  it.each(INVISIBLE)('refuse a souvenir, shared or edited, made only of invisible characters: %j', (body) => {
    expect(refusals(shareInput.safeParse({ ...share, body }), 'body')).toEqual(['error.body.empty']);
    expect(refusals(editSouvenirInput.safeParse({ id: 1, body }), 'body')).toEqual(['error.body.empty']);
  });

  it.each(INVISIBLE)('refuse such a comment with its own code: %j', (body) => {
    expect(refusals(commentInput.safeParse({ ...comment, body }), 'body')).toEqual(['error.comment.empty']);
  });

  it('word it "Votre souvenir semble vide", and for a comment in its own words', () => {
    expect(t('fr', 'error.body.empty')).toMatch(/^Votre souvenir semble vide/);
    expect(t('en', 'error.body.empty')).toMatch(/^Your memory seems empty/);
    expect(t('fr', 'error.comment.empty')).toMatch(/^Votre commentaire semble vide/);
  });

  it('keep a text with one visible character, a combining mark on its letter, or an entity for the sanitiser', () => {
    for (const body of ['.', 'e\u0301', '\u200B a', '&amp;', '<b>x</b>', '😀']) {
      expect(shareInput.safeParse({ ...share, body }).success, body).toBe(true);
    }
  });

  it('say it in the catalogue, in French and in English', () => {
    for (const key of ['error.text.bidi', 'error.text.lineBreak', 'error.text.empty', 'error.comment.empty']) {
      expect(isMessageKey(key), key).toBe(true);
    }
  });
});
