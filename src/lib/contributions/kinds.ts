import type { Kysely, Transaction } from 'kysely';
import type { CommentTable, Database, SouvenirStatus, SouvenirTable } from '../../../db/types.ts';

/**
 * The kinds of contribution the public makes. Each kind keeps its own table (see
 * docs/architecture.md for why); every step of the pipeline (rules, queue, decision, edits, the
 * author's link, reports, erasure, export) takes a kind and reads what differs from `KINDS`.
 */
export type ContributionKind = 'souvenir' | 'comment';
export const CONTRIBUTION_KINDS = ['souvenir', 'comment'] as const satisfies readonly ContributionKind[];

export function isContributionKind(value: string | null | undefined): value is ContributionKind {
  return (CONTRIBUTION_KINDS as readonly string[]).includes(value ?? '');
}

/** Every kind goes through the same statuses and the same decisions. */
export type ContributionStatus = SouvenirStatus;
/** In the order of the moderation queue's tabs. */
export const CONTRIBUTION_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'spam',
  'trash',
] as const satisfies readonly ContributionStatus[];

export function isContributionStatus(value: string | null | undefined): value is ContributionStatus {
  return (CONTRIBUTION_STATUSES as readonly string[]).includes(value ?? '');
}

/** The columns every contribution table has, under the same names and types. */
type SharedColumn =
  | 'id'
  | 'public_id'
  | 'author_name'
  | 'author_email'
  | 'body_raw'
  | 'body_html'
  | 'status'
  | 'previous_status'
  | 'flag_reasons'
  | 'ip_hash'
  | 'token_hash'
  | 'locale'
  | 'created_at'
  | 'updated_at'
  | 'approved_at'
  | 'approved_by'
  | 'hidden_by_reports'
  | 'withdrawn_at';

/** A contribution row as every step may read or write it, whatever its kind. */
export type ContributionTable = Pick<CommentTable, SharedColumn>;

// Compile-time proof that both tables really carry the shared columns with compatible types:
// a column renamed or retyped in one table fails here, not in a query at run time.
type Extends<A, B> = A extends B ? true : never;
const souvenirHasSharedColumns: Extends<Pick<SouvenirTable, SharedColumn>, ContributionTable> = true;
const commentHasSharedColumns: Extends<Pick<CommentTable, SharedColumn>, ContributionTable> = true;
void souvenirHasSharedColumns;
void commentHasSharedColumns;

/** The database seen through the shared columns: `selectFrom(kind)` type-checks for any kind. */
export type ContributionDatabase = Omit<Database, ContributionKind> & Record<ContributionKind, ContributionTable>;

/**
 * The same connection (or transaction), typed so that a query over the shared columns can name
 * its table by kind. The one cast is safe because of the compile-time checks above.
 */
export function contributionsOf(db: Kysely<Database>): Kysely<ContributionDatabase>;
export function contributionsOf(db: Transaction<Database>): Transaction<ContributionDatabase>;
export function contributionsOf(db: Kysely<Database>): Kysely<ContributionDatabase> {
  return db as unknown as Kysely<ContributionDatabase>;
}

/** What differs between kinds, as data. Behaviour that differs lives in the step that needs it. */
export interface KindDescription {
  kind: ContributionKind;
  /** Its table (also its `target_type` in the journal and in reports). */
  table: ContributionKind;
  /** Only souvenirs are pinned on the wall; a comment's `pinned` is always null. */
  pinnable: boolean;
  /** A comment hangs under a souvenir: its public place is that souvenir's page. */
  hasParentSouvenir: boolean;
  /** Souvenirs carry a title, a memory year, an event and hashtags; comments a website. */
  hasTitle: boolean;
  /** Where a moderator corrects one (the id follows), below the locale's prefix. */
  moderationEditPath: string;
}

export const KINDS: Readonly<Record<ContributionKind, KindDescription>> = {
  souvenir: {
    kind: 'souvenir',
    table: 'souvenir',
    pinnable: true,
    hasParentSouvenir: false,
    hasTitle: true,
    moderationEditPath: '/moderation/modifier',
  },
  comment: {
    kind: 'comment',
    table: 'comment',
    pinnable: false,
    hasParentSouvenir: true,
    hasTitle: false,
    moderationEditPath: '/moderation/modifier/commentaire',
  },
};
