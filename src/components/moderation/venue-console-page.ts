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

export interface VenueConsolePage {
  user: SessionUser;
  state: VenueConsole;
  anniversary: AnniversarySchedule;
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
  if (control?.data || item?.data || anniversary?.data) {
    return Astro.redirect(`${page}?fait=1#message`, 303);
  }
  const errors = fieldErrors(control?.error ?? item?.error ?? anniversary?.error);
  const db = await getDb();
  return {
    user,
    state: await readVenueConsole(db),
    anniversary: await readAnniversary(db),
    done: !control && !item && !anniversary && Astro.url.searchParams.get('fait') === '1',
    error: errors.form ?? Object.values(errors)[0],
    values: control?.error || item?.error || anniversary?.error ? await readSubmittedValues(Astro.request, []) : {},
  };
}
