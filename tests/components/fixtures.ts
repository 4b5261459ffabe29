import type { PublicSouvenir } from '../../src/lib/souvenirs/model.ts';
import type { PublicComment } from '../../src/lib/comments/model.ts';
import type { ShownPhoto } from '../../src/lib/photos/shown.ts';
import type { ImportMedia } from '../../db/types.ts';

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

/** A stored photo's content address: sixty-four times one letter, so a test can tell the variants apart. */
export const photoHash = (letter: string) => letter.repeat(64);

/** A 1600 × 1200 photo of the stage as the wall shows it (three sizes, WebP and JPEG), with what a test changes. */
export function shownPhoto(overrides: Partial<ShownPhoto> = {}): ShownPhoto {
  const variants = (ext: string, [small, medium, large]: string[]) =>
    `/photos/${photoHash(small!)}.${ext} 480w, /photos/${photoHash(medium!)}.${ext} 960w, /photos/${photoHash(large!)}.${ext} 1600w`;
  return {
    id: 7,
    position: 1,
    altText: 'La scène vue du balcon',
    contentNote: null,
    width: 1600,
    height: 1200,
    webpSrcset: variants('webp', ['a', 'b', 'c']),
    jpegSrcset: variants('jpg', ['d', 'e', 'f']),
    src: `/photos/${photoHash('e')}.jpg`,
    largest: `/photos/${photoHash('f')}.jpg`,
    srcBytes: 1000,
    ...overrides,
  };
}

/** A gathered post's two images as its network lists them: one described, one not (nothing of theirs is ever loaded). */
export const gatheredMedia: ImportMedia[] = [
  { type: 'image', description: 'La scène en bleu', remoteUrl: 'https://files.social.test/1.jpg' },
  { type: 'image', description: null, remoteUrl: 'https://files.social.test/2.jpg' },
];
