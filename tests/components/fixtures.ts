import type { PublicSouvenir } from '../../src/lib/souvenirs/model.ts';
import type { PublicComment } from '../../src/lib/comments/model.ts';

/** What every public contribution has: written in French one evening, published the next morning. */
function contribution(id: number, publicId: string, authorName: string, bodyHtml: string) {
  const createdAt = new Date('2024-05-01T20:00:00Z');
  return { id, publicId, authorName, bodyHtml, locale: 'fr', createdAt, approvedAt: new Date('2024-05-02T09:00:00Z') };
}

/** Camille's approved souvenir of 1998, untitled, as the wall reads it, with what a test changes. */
export function publicSouvenir(overrides: Partial<PublicSouvenir> = {}): PublicSouvenir {
  return {
    ...contribution(1, 'abc123', 'Camille', '<p>Un concert inoubliable.</p>'),
    title: null,
    memoryYear: 1998,
    event: null,
    hashtags: ['concert'],
    pinned: false,
    commentCount: 0,
    candleCount: 3,
    isDemo: false,
    ...overrides,
  };
}

/** Marc's approved top-level comment, without a website, with what a test changes. */
export function publicComment(overrides: Partial<PublicComment> = {}): PublicComment {
  return {
    ...contribution(7, 'c7', 'Marc', '<p>J’y étais aussi.</p>'),
    parentId: null,
    authorWebsite: null,
    ...overrides,
  };
}
