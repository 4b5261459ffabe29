import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { openModerationPage } from '../../layouts/moderation-page.ts';
import type { SessionUser } from '../../lib/auth/guard.ts';
import { getDb } from '../../lib/runtime.ts';
import { fieldErrors } from '../../lib/forms/field-errors.ts';
import { readSubmittedValues } from '../../lib/forms/submitted-values.ts';
import { readVenueConsole } from '../../lib/commemoration/venue-console.ts';
import type { VenueConsole } from '../../lib/commemoration/venue-console.ts';
import { readAnniversary } from '../../lib/commemoration/anniversary.ts';
import type { AnniversarySchedule } from '../../lib/commemoration/anniversary.ts';
import { scheduledSilences } from '../../lib/commemoration/silence-schedule.ts';
import type { SilenceSchedule } from '../../lib/commemoration/silence-schedule.ts';
import { plannedSilences } from '../../lib/commemoration/silences.ts';
import type { PlannedSilence } from '../../lib/commemoration/silences.ts';

export interface VenueConsolePage {
  user: SessionUser;
  state: VenueConsole;
  anniversary: AnniversarySchedule;
  /** The silences to come, and those at set times with their next occurrence. */
  silences: { planned: PlannedSilence[]; schedules: Array<SilenceSchedule & { next: Date | null }> };
  done: boolean;
  error: MessageKey | undefined;
  /** What the moderator typed, put back after a refusal. */
  values: Record<string, string>;
}

/**
 * What the venue's console does before it renders: the guard, the redirect once a button did its
 * work (Post/Redirect/Get), the refusal to show. Its two route files are static
 * (`/moderation/ecran`, `/en/moderation/ecran`) because `[...lang]/ecran.astro` would otherwise
 * take the address with `lang = "moderation"` (Astro ranks `ecran` before `moderation`).
 */
export async function openVenueConsole(Astro: AstroGlobal): Promise<VenueConsolePage | Response> {
  const opened = await openModerationPage(Astro, 'moderator', '/moderation/ecran');
  if (opened instanceof Response) return opened;
  const { user, page } = opened;
  const control = Astro.getActionResult(actions.venue.control);
  const item = Astro.getActionResult(actions.venue.item);
  const anniversary = Astro.getActionResult(actions.venue.anniversary);
  const silence = [
    Astro.getActionResult(actions.venue.schedule),
    Astro.getActionResult(actions.venue.unschedule),
    Astro.getActionResult(actions.venue.cancel),
  ].find((result) => result !== undefined);
  const results = [control, item, anniversary, silence];
  if (results.some((result) => result?.data)) {
    return Astro.redirect(`${page}?fait=1#message`, 303);
  }
  const refusal = results.find((result) => result?.error)?.error;
  const errors = fieldErrors(refusal);
  const db = await getDb();
  const now = new Date();
  const [state, schedule, planned, schedules] = await Promise.all([
    readVenueConsole(db, now),
    readAnniversary(db),
    plannedSilences(db, now),
    scheduledSilences(db, now),
  ]);
  return {
    user,
    state,
    anniversary: schedule,
    silences: { planned, schedules },
    done: results.every((result) => !result) && Astro.url.searchParams.get('fait') === '1',
    error: errors.form ?? Object.values(errors)[0],
    values: refusal ? await readSubmittedValues(Astro.request, []) : {},
  };
}
