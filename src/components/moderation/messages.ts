import { isMessageKey, t } from '../../lib/i18n/index.ts';
import type { Locale, MessageKey } from '../../lib/i18n/index.ts';
import { pluralForm } from '../../lib/i18n/plural.ts';
import type { Decision } from '../../lib/moderation/decisions.ts';
import type { Flash } from '../../lib/moderation/flash.ts';
import type { ContributionStatus, ContributionKind } from '../../lib/contributions/kinds.ts';

// Keys are built from enumerated values; each built key exists in the catalogue (checked by the unit test).
const key = (k: string) => k as MessageKey;

export const statusLabel = (locale: Locale, status: ContributionStatus) => t(locale, key(`moderation.status.${status}`));
export const tabLabel = (locale: Locale, status: ContributionStatus) => t(locale, key(`moderation.tab.${status}`));
export const decisionLabel = (locale: Locale, decision: Decision) => t(locale, key(`moderation.decision.${decision}`));

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

export function targetLabel(locale: Locale, targetType: string, id: number): string {
  const k = `journal.target.${targetType}`;
  return isMessageKey(k) ? t(locale, k, { id }) : `${targetType} ${id}`;
}


/** Where a kind of item keeps its own sentences: comments say "commentaire" where souvenirs say "souvenir". */
export const messagePrefix = (targetType: ContributionKind) => (targetType === 'comment' ? 'moderation.comment' : 'moderation');

/** The sentences the queue shows after a decision: what was done, then what was left alone. */
export function flashMessages(locale: Locale, flash: Flash, targetType: ContributionKind = 'souvenir'): string[] {
  const plural = (base: string, n: number) => key(`${base}.${pluralForm(locale, n)}`);
  const messages: string[] = [];
  const prefix = messagePrefix(targetType);
  if (flash.done === 'edit') messages.push(t(locale, 'moderation.done.edit'));
  else if (flash.done === 'unchanged') messages.push(t(locale, 'moderation.done.unchanged'));
  else if (flash.done === 'dismiss') messages.push(t(locale, plural('report.done.dismiss', flash.n), { n: flash.n }));
  else if (flash.n === 0) messages.push(t(locale, key(`${prefix}.done.none`)));
  else messages.push(t(locale, plural(`${prefix}.done.${flash.done}`, flash.n), { n: flash.n }));
  if (flash.conflicts > 0) messages.push(t(locale, plural(`${prefix}.skipped.conflict`, flash.conflicts), { n: flash.conflicts }));
  if (flash.refused > 0) messages.push(t(locale, plural(`${prefix}.skipped.refused`, flash.refused), { n: flash.refused }));
  return messages;
}

/**
 * Translates an Action's error message (a catalogue key), in the comment's own words when the
 * queue shows comments and such a sentence exists, falling back to the queue's generic one.
 */
export function errorMessage(locale: Locale, message: string | undefined, targetType: ContributionKind = 'souvenir'): string {
  const own = targetType === 'comment' && message?.startsWith('moderation.') ? `moderation.comment.${message.slice(11)}` : null;
  if (own && isMessageKey(own)) return t(locale, own);
  return message && isMessageKey(message) ? t(locale, message) : t(locale, 'moderation.error.generic');
}
