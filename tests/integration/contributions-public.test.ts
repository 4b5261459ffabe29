import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { camelised, findShownId } from '../../src/lib/contributions/public.ts';
import { toPublicSouvenir } from '../../src/lib/souvenirs/model.ts';
import { toPublicComment } from '../../src/lib/comments/model.ts';

const draft = {
  authorName: 'Camille',
  authorEmail: 'camille@example.org',
  title: null,
  body: 'Un soir',
  memoryYear: null,
  event: null,
  locale: 'fr',
};

it('names the listed columns in camelCase and copies nothing else', () => {
  const row = { id: 1, public_id: 'abc', author_name: 'Camille', author_email: 'secret@example.org' };
  expect(camelised(row, ['id', 'public_id', 'author_name'])).toEqual({ id: 1, publicId: 'abc', authorName: 'Camille' });
});

it('maps a souvenir and a comment row to what the public sees, never their email', () => {
  const shared = {
    id: 3,
    public_id: 'p',
    author_name: 'A',
    body_html: '<p>x</p>',
    locale: 'fr',
    created_at: new Date(0),
    approved_at: null,
  };
  const comment = toPublicComment({ ...shared, parent_id: null, author_website: 'https://a.example/' });
  expect(comment).toEqual({
    id: 3,
    publicId: 'p',
    authorName: 'A',
    bodyHtml: '<p>x</p>',
    locale: 'fr',
    createdAt: new Date(0),
    approvedAt: null,
    parentId: null,
    authorWebsite: 'https://a.example/',
  });
  const souvenir = toPublicSouvenir({
    ...shared,
    title: 'T',
    memory_year: 2004,
    event: null,
    hashtags: ['rock'],
    pinned: false,
    comment_count: 2,
    candle_count: 5,
    is_demo: false,
    import_credit: null,
    import_scopes: null,
  });
  expect(souvenir).toMatchObject({
    publicId: 'p',
    memoryYear: 2004,
    commentCount: 2,
    candleCount: 5,
    isDemo: false,
    hashtags: ['rock'],
  });
  expect(JSON.stringify(souvenir)).not.toContain('email');
});

describeEachDatabase('finding what the public sees', (t) => {
  it('finds an approved contribution by its public id, and neither a pending nor a hidden one', async () => {
    const shown = await createSouvenir(t.db, draft, { ipHash: null, status: 'approved' });
    const pending = await createSouvenir(t.db, { ...draft, body: 'Un autre soir' }, { ipHash: null });
    expect(await findShownId(t.db, 'souvenir', shown.publicId)).toBe(shown.id);
    expect(await findShownId(t.db, 'souvenir', pending.publicId)).toBeNull();
    await t.db.updateTable('souvenir').set({ hidden_by_reports: true }).where('id', '=', shown.id).execute();
    expect(await findShownId(t.db, 'souvenir', shown.publicId)).toBeNull();
    expect(await findShownId(t.db, 'comment', shown.publicId)).toBeNull();
  });
});
