import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { SouvenirStatus } from '../../db/types.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SubmissionContext } from '../../src/lib/contributions/submit.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import type { CommentSubmission } from '../../src/lib/comments/create-comment.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import type { Actor } from '../../src/lib/moderation/audit.ts';
import { findSouvenirOwnPage } from '../../src/lib/souvenirs/own-page.ts';
import type { PublicSouvenir } from '../../src/lib/souvenirs/model.ts';
import { script } from './actors.ts';

/** Camille's souvenir as the share form sends it, with what a test changes. */
export function submission(overrides: Partial<SouvenirSubmission> = {}): SouvenirSubmission {
  return {
    authorName: 'Camille',
    authorEmail: 'camille@example.org',
    title: 'Un soir de concert',
    body: 'La salle chantait avec nous.',
    memoryYear: null,
    event: null,
    locale: 'fr',
    ...overrides,
  };
}

/**
 * A souvenir shared as the share form would: Camille's `submission` with the test's changes, from
 * no IP hash unless told.
 */
export function shareSouvenir(
  db: Kysely<Database>,
  overrides: Partial<SouvenirSubmission> = {},
  context: Partial<SubmissionContext> = {},
) {
  return createSouvenir(db, submission(overrides), { ipHash: null, ...context });
}

/** A souvenir sent at minute `minute` of a fixed day, so the queue's order is known. */
export function sentAt(
  db: Kysely<Database>,
  minute: number,
  overrides: Partial<SouvenirSubmission> = {},
  status?: SouvenirStatus,
) {
  return createSouvenir(db, submission(overrides), {
    ipHash: null,
    now: new Date(Date.UTC(2026, 10, 1, 10, minute)),
    ...(status ? { status } : {}),
  });
}

/** Camille's untitled souvenir of 2004 tagged #jazz, what the wall's figures and sidebar count, with a test's changes. */
export function wallSubmission(overrides: Partial<SouvenirSubmission> = {}): SouvenirSubmission {
  return submission({ title: null, body: 'Un soir de concert. #jazz', memoryYear: 2004, ...overrides });
}

/** That souvenir shared and approved by a script: on the wall at once. */
export async function approvedOnWall(db: Kysely<Database>, overrides: Partial<SouvenirSubmission> = {}) {
  const s = await createSouvenir(db, wallSubmission(overrides), { ipHash: null });
  await decideSouvenir(db, { id: s.id, decision: 'approve', actor: script });
  return s;
}

/**
 * A souvenir by Léa, approved by `actor`, for comments to answer. Its text is `Texte <title>`
 * unless given: two souvenirs with the same text would be refused as duplicates.
 */
export async function approvedSouvenir(
  db: Kysely<Database>,
  {
    title = 'La salle',
    body = `Texte ${title}`,
    actor = script,
  }: { title?: string | null; body?: string; actor?: Actor } = {},
) {
  const s = await createSouvenir(
    db,
    { authorName: 'Léa', authorEmail: 'lea@example.org', title, body, memoryYear: null, event: null, locale: 'fr' },
    { ipHash: null },
  );
  await decideSouvenir(db, { id: s.id, decision: 'approve', actor });
  return s;
}

/**
 * Marc's comment on a souvenir, with a website, a private link and a text unique to each call;
 * pending, sent now from `ip-marc` unless told.
 */
export function marcComment(
  db: Kysely<Database>,
  souvenirId: number,
  overrides: Partial<CommentSubmission> = {},
  {
    status = 'pending',
    ipHash = 'ip-marc',
    now,
  }: { status?: 'pending' | 'approved'; ipHash?: string; now?: Date } = {},
) {
  return createComment(
    db,
    {
      souvenirId,
      parentId: null,
      authorName: 'Marc',
      authorEmail: 'marc@example.org',
      authorWebsite: 'https://marc.example.org',
      body: `Moi aussi, j’y étais ${Math.random()}`,
      locale: 'fr',
      ...overrides,
    },
    { ipHash, status, ...(now ? { now } : {}) },
  );
}

export interface TimedCommentOptions {
  parentId?: number;
  name?: string;
  status?: 'pending' | 'approved';
  flagReasons?: string[];
}

/**
 * "Commentaire <minute>" by "Auteur <minute>", sent at 10:<minute> UTC on 1 November 2026, so a
 * test orders the queue by the minutes it chose.
 */
export function timedComment(
  db: Kysely<Database>,
  souvenirId: number,
  minute: number,
  extra: TimedCommentOptions = {},
) {
  return createComment(
    db,
    {
      souvenirId,
      parentId: extra.parentId ?? null,
      authorName: extra.name ?? `Auteur ${minute}`,
      authorEmail: `a${minute}@example.org`,
      authorWebsite: 'https://exemple.fr',
      body: `Commentaire ${minute}`,
      locale: 'fr',
    },
    {
      ipHash: null,
      now: new Date(Date.UTC(2026, 10, 1, 10, minute)),
      status: extra.status ?? 'pending',
      flagReasons: extra.flagReasons ?? [],
    },
  );
}

/** What is left of any contribution erased or withdrawn: in the bin, nobody's, with no text. */
export const TOMBSTONE = { status: 'trash', author_name: '', author_email: '', body_raw: '', body_html: '' } as const;

/** A souvenir as its published page shows it (findSouvenirOwnPage), or null when it has none. */
export async function publishedSouvenir(db: Kysely<Database>, publicId: string): Promise<PublicSouvenir | null> {
  return (await findSouvenirOwnPage(db, publicId))?.souvenir ?? null;
}
