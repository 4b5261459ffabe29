import { formatNumber, isMessageKey, t } from '../../lib/i18n/index.ts';
import type { Locale, MessageKey } from '../../lib/i18n/index.ts';
import { pluralKey } from '../../lib/i18n/plural.ts';
import type { PluralBase } from '../../lib/i18n/plural.ts';
import type { Decision } from '../../lib/moderation/decisions.ts';
import type { Flash } from '../../lib/moderation/flash.ts';
import type { ContributionStatus, ContributionKind } from '../../lib/contributions/kinds.ts';
import type { QueueFilter, QueueItem } from '../../lib/contributions/queue.ts';
import { souvenirHeading } from '../../lib/souvenirs/naming.ts';

// Tables rather than keys built from strings: a status, tab or decision without a sentence fails to compile.
const STATUS: Record<ContributionStatus, MessageKey> = {
  pending: 'moderation.status.pending',
  approved: 'moderation.status.approved',
  rejected: 'moderation.status.rejected',
  spam: 'moderation.status.spam',
  trash: 'moderation.status.trash',
};
const TAB: Record<ContributionStatus, MessageKey> = {
  pending: 'moderation.tab.pending',
  approved: 'moderation.tab.approved',
  rejected: 'moderation.tab.rejected',
  spam: 'moderation.tab.spam',
  trash: 'moderation.tab.trash',
};
const DECISION: Record<Decision, MessageKey> = {
  approve: 'moderation.decision.approve',
  reject: 'moderation.decision.reject',
  spam: 'moderation.decision.spam',
  trash: 'moderation.decision.trash',
  restore: 'moderation.decision.restore',
  pin: 'moderation.decision.pin',
  unpin: 'moderation.decision.unpin',
};

export const statusLabel = (locale: Locale, status: ContributionStatus) => t(locale, STATUS[status]);
export const tabLabel = (locale: Locale, status: ContributionStatus) => t(locale, TAB[status]);
export const decisionLabel = (locale: Locale, decision: Decision) => t(locale, DECISION[decision]);

/**
 * A rule's reason in words, or its code when no sentence exists for it yet. A reason may carry
 * a detail after a colon (`links:3`, `moderation_word:casino`), shown as `{detail}`.
 */
export function flagLabel(locale: Locale, reason: string): string {
  const colon = reason.indexOf(':');
  const code = colon === -1 ? reason : reason.slice(0, colon);
  const k = `moderation.flag.${code}`;
  return isMessageKey(k) ? t(locale, k, { detail: colon === -1 ? '' : reason.slice(colon + 1) }) : reason;
}

export function actionLabel(locale: Locale, action: string): string {
  const k = `journal.action.${action}`;
  return isMessageKey(k) ? t(locale, k) : action;
}

/** What names an item in the queue (a queue item has it, and so does what a decision form is given). */
export type NamedItem =
  | Pick<Extract<QueueItem, { targetType: 'souvenir' }>, 'targetType' | 'title' | 'authorName'>
  | Pick<Extract<QueueItem, { targetType: 'comment' }>, 'targetType' | 'authorName'>;

/**
 * Whether the author's name was erased (withdrawn, or erased at their request: erase.ts keeps the
 * row as a tombstone with an empty name and no title), so that nothing says "Souvenir de" with no one.
 */
export const nameErased = (authorName: string) => authorName === '';

/** How the queue names an item: a souvenir by its title (or its author's), a comment by its author. */
export function itemHeading(locale: Locale, item: NamedItem): string {
  if (item.targetType === 'souvenir') return souvenirTitle(locale, item);
  return nameErased(item.authorName)
    ? t(locale, 'moderation.erased.comment')
    : t(locale, 'moderation.comment.heading', { name: item.authorName });
}

/** A souvenir's title, or "Souvenir de <author>" for an untitled one. */
export function souvenirTitle(locale: Locale, souvenir: { title: string | null; authorName: string }): string {
  return souvenir.title === null && nameErased(souvenir.authorName)
    ? t(locale, 'moderation.erased.souvenir')
    : souvenirHeading(locale, souvenir).heading;
}

export function targetLabel(locale: Locale, targetType: string, id: number): string {
  const k = `journal.target.${targetType}`;
  return isMessageKey(k) ? t(locale, k, { id }) : `${targetType} ${id}`;
}

/** What the queue says after a decision on each kind; comments are never pinned, so they have no pin sentences. */
interface QueueSentences {
  /** An empty tab: the pending one, or any other. */
  empty: { pending: MessageKey; other: MessageKey };
  done: Partial<Record<Decision, PluralBase>>;
  none: MessageKey;
  conflict: PluralBase;
  /** Left alone because its text changed after the list was shown. */
  changed: PluralBase;
  refused: PluralBase;
}
const SOUVENIR_DONE: Record<Decision, PluralBase> = {
  approve: 'moderation.done.approve',
  reject: 'moderation.done.reject',
  spam: 'moderation.done.spam',
  trash: 'moderation.done.trash',
  restore: 'moderation.done.restore',
  pin: 'moderation.done.pin',
  unpin: 'moderation.done.unpin',
};
const SENTENCES: Record<ContributionKind, QueueSentences> = {
  souvenir: {
    empty: { pending: 'moderation.empty.pending', other: 'moderation.empty.other' },
    done: SOUVENIR_DONE,
    none: 'moderation.done.none',
    conflict: 'moderation.skipped.conflict',
    changed: 'moderation.skipped.changed',
    refused: 'moderation.skipped.refused',
  },
  comment: {
    empty: { pending: 'moderation.comment.empty.pending', other: 'moderation.comment.empty.other' },
    done: {
      approve: 'moderation.comment.done.approve',
      reject: 'moderation.comment.done.reject',
      spam: 'moderation.comment.done.spam',
      trash: 'moderation.comment.done.trash',
      restore: 'moderation.comment.done.restore',
    },
    none: 'moderation.comment.done.none',
    conflict: 'moderation.comment.skipped.conflict',
    changed: 'moderation.comment.skipped.changed',
    refused: 'moderation.comment.skipped.refused',
  },
};

/** What an empty tab of the queue says, in the kind's own words. */
export const emptyQueueText = (locale: Locale, kind: ContributionKind, status: ContributionStatus) =>
  t(locale, SENTENCES[kind].empty[status === 'pending' ? 'pending' : 'other']);

/**
 * How many items a search keeps out of the tab's total ("2 sur 3 correspondent à « lea »"), cut
 * around the searched words so the page isolates them (`<bdi>`): they are the moderator's typing.
 */
export function matchesSentence(
  locale: Locale,
  filter: QueueFilter,
  count: number,
  total: number,
): { before: string; text: string | null; after: string } {
  const text = filter.text?.trim() || null;
  const base: PluralBase = !text
    ? 'moderation.filter.count.flagged'
    : filter.flagged
      ? 'moderation.filter.count.both'
      : 'moderation.filter.count.text';
  const sentence = t(locale, pluralKey(locale, base, count), {
    count: formatNumber(locale, count),
    total: formatNumber(locale, total),
  });
  const at = text ? sentence.indexOf('{text}') : -1;
  if (at === -1) return { before: sentence, text: null, after: '' };
  const before = sentence.slice(0, at);
  const after = sentence.slice(at + '{text}'.length);
  // A search that starts or ends with its own quotes ("« la fosse » -rock") is not quoted again.
  if (!OWN_QUOTES.test(text!)) return { before, text, after };
  return { before: before.replace(OPENING_QUOTE, ''), text, after: after.replace(CLOSING_QUOTE, '') };
}

const OWN_QUOTES = /^["«»“”„]|["«»“”„]$/;
/** The sentences' quotes around {text}: « » in French, “ ” in English. */
const OPENING_QUOTE = /(?:«[\u00a0\u202f ]?|“)$/;
const CLOSING_QUOTE = /^(?:[\u00a0\u202f ]?»|”)/;

/** The sentences the queue shows after a decision: what was done, then what was left alone. */
export function flashMessages(locale: Locale, flash: Flash, targetType: ContributionKind = 'souvenir'): string[] {
  const counted = (base: PluralBase, n: number) => t(locale, pluralKey(locale, base, n), { n });
  const sentences = SENTENCES[targetType];
  const messages: string[] = [];
  // A refusal is said as an error (FlashMessage), not as something done.
  if (flash.done === 'refusal') return messages;
  if (flash.done === 'edit') messages.push(t(locale, 'moderation.done.edit'));
  else if (flash.done === 'unchanged') messages.push(t(locale, 'moderation.done.unchanged'));
  else if (flash.done === 'dismiss') messages.push(counted('report.done.dismiss', flash.n));
  else if (flash.done === 'revert') messages.push(counted('undo.done', flash.n));
  else if (flash.done === 'photoRemoved') messages.push(t(locale, 'photo.done.removed'));
  else if (flash.done === 'photoDescribed') messages.push(t(locale, 'photo.done.described'));
  else if (flash.done === 'screenOn') messages.push(t(locale, 'console.queue.done.screenOn'));
  else if (flash.done === 'screenOff') messages.push(t(locale, 'console.queue.done.screenOff'));
  else if (flash.n === 0) messages.push(t(locale, sentences.none));
  else messages.push(counted(sentences.done[flash.done] ?? SOUVENIR_DONE[flash.done], flash.n));
  if (flash.conflicts > 0) messages.push(counted(sentences.conflict, flash.conflicts));
  if (flash.changed) messages.push(counted(sentences.changed, flash.changed));
  if (flash.refused > 0) messages.push(counted(sentences.refused, flash.refused));
  return messages;
}

/**
 * Translates an Action's error message (a catalogue key), in the comment's own words when the
 * queue shows comments and such a sentence exists, falling back to the queue's generic one.
 */
export function errorMessage(
  locale: Locale,
  message: string | undefined,
  targetType: ContributionKind = 'souvenir',
): string {
  const own =
    targetType === 'comment' && message?.startsWith('moderation.') ? `moderation.comment.${message.slice(11)}` : null;
  if (own && isMessageKey(own)) return t(locale, own);
  return message && isMessageKey(message) ? t(locale, message) : t(locale, 'moderation.error.generic');
}
