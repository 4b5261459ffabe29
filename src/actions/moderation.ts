import { formAction } from './form-action.ts';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { decideMany, settleEach } from '../lib/contributions/decide.ts';
import { decisionEventIds, eventKind, revertContribution } from '../lib/contributions/revert.ts';
import type { Decision } from '../lib/moderation/decisions.ts';
import { decideInput, editSouvenirInput } from './moderation-schema.ts';
import { revertInput } from './association-schema.ts';
import { refuseLoneItem, settleSelection, tally } from './selection.ts';
import { editAsModerator } from './moderator-edit.ts';
import { actorOf } from './admin-handler.ts';
import { markForScreen } from '../lib/commemoration/screen-marks.ts';

/** The decisions the queue offers to take back at once (issue 17); any other, from the journal. */
const UNDOABLE: ReadonlySet<Decision> = new Set(['approve', 'reject', 'spam', 'trash']);

/**
 * Applies one decision to one or several queue items. With one item a refusal is an error
 * (409 for a conflict, naming the status it now has); with several, each item is decided on
 * its own and the result counts what was done and what was left as it was.
 */
export const decide = formAction(decideInput, async (input, context) => {
  const user = requireActionUser(context);
  const db = await getDb();
  const outcomes = await settleSelection('decision', async () =>
    decideMany(db, {
      targetType: input.targetType,
      ids: input.ids,
      decision: input.decision,
      actor: actorOf(user),
      reason: input.reason,
      ...(input.expectedStatus ? { expectedStatus: input.expectedStatus } : {}),
      ...(input.versions ? { versions: input.versions } : {}),
      ...(input.reportsSeen?.length ? { reportsSeen: input.reportsSeen } : {}),
      ...(context.locals.origin ? { mail: { origin: context.locals.origin, note: input.note } } : {}),
    }),
  );
  await refuseLoneItem(outcomes, 'decision', () => input.targetType);
  // The journal rows of what was just done, for the queue's "Annuler" link (a few seconds).
  const done = outcomes.filter((o) => o.outcome === 'done').map((o) => o.id);
  if (input.onScreen && input.decision === 'approve' && input.targetType === 'souvenir') {
    for (const id of done) await markForScreen(db, id, true, { actor: actorOf(user) });
  }
  const undo = UNDOABLE.has(input.decision)
    ? await decisionEventIds(db, input.targetType, done, input.decision, actorOf(user))
    : [];
  return { decision: input.decision, ...tally(outcomes), outcomes, undo, place: input.place };
});

/** A moderator's correction of a souvenir's name, title, text, year or event (re-sanitised, logged with before and after). */
export const editSouvenir = formAction(editSouvenirInput, (input, context) =>
  editAsModerator('souvenir', requireActionUser(context), input, {
    title: input.title,
    memoryYear: input.year,
    event: input.event,
  }),
);

/**
 * Puts items back as they were before the decisions these journal rows record: the queue's
 * "Annuler" (all it just decided) and the journal's "restore the previous state" (one row). With
 * one row a refusal is an error (a conflict names the status it has now); with several, each is
 * restored on its own and the result counts them as a decision does.
 */
export const revert = formAction(revertInput, async (input, context) => {
  const user = requireActionUser(context);
  const db = await getDb();
  const outcomes = await settleSelection('revert', () =>
    settleEach(
      input.events,
      async (eventId) => (await revertContribution(db, { eventId, actor: actorOf(user) })).status,
    ),
  );
  await refuseLoneItem(outcomes, 'decision', async (eventId) => (await eventKind(db, eventId)) ?? 'souvenir');
  return { ...tally(outcomes), from: input.from ?? 'queue', place: input.place };
});
