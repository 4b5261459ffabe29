import type { ItemOutcome } from '../lib/contributions/decide.ts';
import type { ContributionKind } from '../lib/contributions/kinds.ts';
import { StepRefused, toActionError } from './errors.ts';
import type { ModerationStep } from './errors.ts';

/**
 * Runs one moderator step over a selection. Refusals are outcomes already; anything else is a
 * fault of ours, logged, and said to the moderator as "try again" rather than as a 500.
 */
export async function settleSelection(step: string, run: () => Promise<ItemOutcome[]>): Promise<ItemOutcome[]> {
  try {
    return await run();
  } catch (error) {
    throw toActionError(error, `moderation: ${step}`, 'moderation.error.generic');
  }
}

/** What a step did to a selection, counted as the queue's flash says it. */
export function tally(outcomes: readonly ItemOutcome[]) {
  return {
    done: outcomes.filter((o) => o.outcome === 'done').length,
    conflicts: outcomes.filter((o) => o.outcome === 'conflict').length,
    // `settled` comes from the reports tab, one item at a time (refuseLoneItem says it in its own words).
    changed: outcomes.filter((o) => o.outcome === 'changed' || o.outcome === 'settled').length,
    refused: outcomes.filter((o) => o.outcome === 'not_allowed' || o.outcome === 'not_found').length,
  };
}

/**
 * With one item selected, a refusal is the Action's error (a conflict names the status the item
 * has now), so the page says why; with several, the tally says it. `kindOf` names the item's kind.
 */
export async function refuseLoneItem(
  outcomes: readonly ItemOutcome[],
  step: ModerationStep,
  kindOf: (id: number) => ContributionKind | Promise<ContributionKind>,
): Promise<void> {
  const only = outcomes.length === 1 ? outcomes[0]! : null;
  if (only && only.outcome !== 'done')
    throw toActionError(new StepRefused(step, await kindOf(only.id), only.outcome, only.status), 'moderation');
}
