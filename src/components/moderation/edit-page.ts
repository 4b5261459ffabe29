import type { AstroGlobal } from 'astro';
import { isBodyRefusal } from '../../lib/forms/body-refusals.ts';
import { actions } from 'astro:actions';
import { localizedPath } from '../../lib/i18n/index.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { openModerationPage } from '../../layouts/moderation-page.ts';
import type { SessionUser } from '../../lib/auth/guard.ts';
import { getDb } from '../../lib/runtime.ts';
import { findQueueItem } from '../../lib/contributions/queue.ts';
import type { EditableQueueItem } from '../../lib/contributions/queue.ts';
import type { ContributionKind } from '../../lib/contributions/kinds.ts';
import { flashParams } from '../../lib/moderation/flash.ts';
import { keptListQuery } from '../../lib/moderation/list-query.ts';
import { readSubmittedValues } from '../../lib/forms/submitted-values.ts';
import { fieldErrors } from '../../lib/forms/field-errors.ts';

/** What the moderator's edit page shows, whatever the kind. */
export interface EditPage<K extends ContributionKind = ContributionKind> {
  kind: K;
  user: SessionUser;
  item: EditableQueueItem<K>;
  /** The queue tab the item is in: where saving leads and "back" goes. */
  queueHref: string;
  /** Where the form posts: the Action, with the list's search and page kept. */
  formAction: string;
  values: Record<string, string>;
  errors: Record<string, MessageKey>;
  expectedUpdatedAt: string;
}

// What differs by kind: the Action the form posts to, the queue's tab, the fields, the conflict.
const PAGES = {
  souvenir: {
    action: actions.moderation.editSouvenir,
    queueQuery: {},
    fields: ['name', 'title', 'body', 'year', 'event', 'reason'],
    conflict: 'moderation.edit.conflict',
  },
  comment: {
    action: actions.moderation.editComment,
    queueQuery: { type: 'commentaires' },
    fields: ['name', 'body', 'reason'],
    conflict: 'moderation.comment.edit.conflict',
  },
} as const satisfies Record<
  ContributionKind,
  { fields: readonly string[]; conflict: MessageKey } & Record<string, unknown>
>;

/**
 * Everything the edit page of one kind does before it renders: the guard, the item (a 404 for an
 * unknown id), the redirect to the queue once saved, and after a refusal the errors by field and
 * what the moderator typed. Returns the Response to send instead of the page, if any.
 */
export async function loadEditPage<K extends ContributionKind>(
  Astro: AstroGlobal,
  kind: K,
): Promise<EditPage<K> | Response> {
  // Saving leads back to the queue: its address is the one this page needs, not its own.
  const opened = await openModerationPage(Astro, 'moderator', '/moderation');
  if (opened instanceof Response) return opened;
  const { user, page: queue, locale } = opened;

  const page = PAGES[kind];
  const id = /^\d{1,10}$/.test(Astro.params.id ?? '') ? Number(Astro.params.id) : NaN;
  const item = id > 0 && id <= 2_147_483_647 ? await findQueueItem(await getDb(), kind, id) : null;
  if (!item) return Astro.rewrite(localizedPath(locale, '/404'));

  const query = new URLSearchParams(page.queueQuery);
  if (item.status !== 'pending') query.set('statut', item.status);
  // The list it was opened from (its search, its page): saving and "back" lead there again.
  const kept = keptListQuery(Astro.url.searchParams);
  for (const [key, value] of kept) query.set(key, value);
  // The Action's address is its query alone (`?_action=…`): the list's is put beside it.
  const formAction = `?${new URLSearchParams([...kept, ...new URLSearchParams(String(page.action).slice(1))])}`;
  const queueHref = query.size > 0 ? `${queue}?${query}` : queue;
  const result = Astro.getActionResult(page.action);
  if (result?.data) {
    const flash = flashParams({
      done: result.data.changed ? 'edit' : 'unchanged',
      n: 1,
      conflicts: 0,
      refused: 0,
      item: item.id,
    });
    return Astro.redirect(`${queue}?${new URLSearchParams([...query, ...flash])}`, 303);
  }

  const errors = fieldErrors(result?.error);
  if (errors.form && isBodyRefusal(errors.form)) {
    errors.body = errors.form;
    delete errors.form;
  }
  // The schema is the author's ("Write your memory"): a moderator is told what to do instead.
  if (errors.body === 'error.body.required' || errors.body === 'error.comment.required') {
    errors.body = 'moderation.edit.bodyRequired';
  }
  // An error on a field the form does not show (a forged id, say) is said above the form.
  for (const field of Object.keys(errors)) {
    if (field !== 'form' && !(page.fields as readonly string[]).includes(field)) {
      errors.form ??= 'moderation.error.invalid';
      delete errors[field];
    }
  }
  const shown: EditableQueueItem<ContributionKind> = item;
  const current: Record<string, string> = { name: shown.authorName, body: shown.bodyRaw, reason: '' };
  if (shown.targetType === 'souvenir') {
    current.title = shown.title ?? '';
    current.year = shown.memoryYear === null ? '' : String(shown.memoryYear);
    current.event = shown.event ?? '';
  }
  let values = current;
  let expectedUpdatedAt = String(item.updatedAt.getTime());
  if (result?.error) {
    const submitted = await readSubmittedValues(Astro.request);
    values = Object.fromEntries(page.fields.map((field) => [field, submitted[field] ?? '']));
    // After a conflict the page shows the current version, so saving again means "replace it".
    if (errors.form !== page.conflict && /^\d{1,15}$/.test(submitted.expectedUpdatedAt ?? '')) {
      expectedUpdatedAt = submitted.expectedUpdatedAt!;
    }
  }
  return { kind, user, item, queueHref, formAction, values, errors, expectedUpdatedAt };
}
