import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { changeScreenItem, controlVenue, VenueError } from '../lib/commemoration/venue-control.ts';
import type { VenueCommand } from '../lib/commemoration/venue-control.ts';
import { findSouvenirId } from '../lib/souvenirs/lookup.ts';
import { nextParisTime } from '../lib/commemoration/paris-time.ts';
import { saveAnniversary } from '../lib/commemoration/anniversary.ts';
import { markForScreen } from '../lib/commemoration/screen-marks.ts';
import { createSilenceSchedule, removeSilenceSchedule } from '../lib/commemoration/silence-schedule.ts';
import { cancelSilence } from '../lib/commemoration/silences.ts';
import { actorOf, adminHandler, teamHandler } from './admin-handler.ts';
import { optionalWholeNumber } from './fields.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Actor } from '../lib/moderation/audit.ts';
import { PUBLIC_ID } from '../lib/security/tokens.ts';

const seconds = (min: number, max: number) => optionalWholeNumber({ min, max }, 'venue.error.seconds');

/** A button of the venue's console (/moderation/ecran): skip, pause, freeze, mode, silence. */
export const control = formAction(
  z.object({
    command: z.enum(['skip', 'pause', 'resume', 'freeze', 'unfreeze', 'rundown', 'shuffle', 'silence']),
    silenceSeconds: seconds(5, 3600),
    // A Paris time of day ("21:16"): the next one; empty for now.
    silenceAt: z
      .string()
      .nullish()
      .refine((v) => !v || nextParisTime(v, new Date()) !== null, { error: 'venue.error.time' }),
  }),
  teamHandler('venue', async (input, user) => {
    const command: VenueCommand =
      input.command === 'rundown' || input.command === 'shuffle'
        ? { type: 'mode', mode: input.command }
        : input.command === 'silence'
          ? {
              type: 'silence',
              ...(input.silenceSeconds ? { durationMs: input.silenceSeconds * 1000 } : {}),
              ...(input.silenceAt ? { startsAt: nextParisTime(input.silenceAt, new Date())! } : {}),
            }
          : { type: input.command };
    await controlVenue(await getDb(), command, { actor: actorOf(user) });
    return { done: input.command };
  }),
);

/** One souvenir on the venue's screen: add, remove, move, or set its time there. */
export const item = formAction(
  z.object({
    // A public id, a number, or a souvenir's address pasted whole (its last segment is the id).
    souvenir: z
      .string({ error: 'venue.error.notFound' })
      .transform(
        (v) =>
          v
            .trim()
            .replace(/[?#].*$/, '')
            .replace(/\/+$/, '')
            .split('/')
            .at(-1) ?? '',
      )
      .pipe(z.string().regex(PUBLIC_ID, { error: 'venue.error.notApproved' })),
    command: z.enum(['add', 'remove', 'up', 'down', 'duration']),
    seconds: seconds(1, 600),
  }),
  teamHandler('venue', async (input, user) => {
    const db = await getDb();
    const souvenir = await findSouvenirId(db, input.souvenir);
    if (!souvenir) throw new VenueError('not_approved');
    const durationMs = input.seconds === undefined ? undefined : input.seconds * 1000;
    const command =
      input.command === 'duration'
        ? { type: 'duration' as const, durationMs: durationMs ?? 12_000 }
        : input.command === 'add'
          ? { type: 'add' as const, ...(durationMs ? { durationMs } : {}) }
          : { type: input.command };
    await changeScreenItem(db, souvenir.id, command, { actor: actorOf(user) });
    return { done: input.command };
  }),
);

/** The queue's button on an approved souvenir: put it on the venue's screen, or take it off. */
export const screen = formAction(
  z.object({
    id: z.coerce.number({ error: 'venue.error.notApproved' }).int().positive({ error: 'venue.error.notApproved' }),
    onScreen: z.enum(['on', 'off'], { error: 'venue.error.notApproved' }),
  }),
  teamHandler('venue', async (input, user) => {
    await markForScreen(await getDb(), input.id, input.onScreen === 'on', { actor: actorOf(user) });
    return { done: input.onScreen === 'on' ? ('screenOn' as const) : ('screenOff' as const), id: input.id };
  }),
);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'anniversary.error' });

/** An admin schedules the anniversary (a day, a start and an end, Paris time). */
export const anniversary = formAction(
  z
    .object({
      month: z.coerce.number({ error: 'anniversary.error' }).int().min(1).max(12),
      day: z.coerce.number({ error: 'anniversary.error' }).int().min(1).max(31),
      starts: time,
      ends: time,
    })
    .refine((v) => v.starts < v.ends && new Date(Date.UTC(2024, v.month - 1, v.day)).getUTCDate() === v.day, {
      error: 'anniversary.error',
    }),
  adminHandler('anniversary', async (input, admin) => {
    await saveAnniversary(await getDb(), input, actorOf(admin));
    return { done: 'anniversary' };
  }),
);

const rowId = z.coerce
  .number({ error: 'venue.error.silenceGone' })
  .int()
  .positive({ error: 'venue.error.silenceGone' });

/** An admin schedules a silence at set times: every year on a day, or every day, at a Paris time. */
export const schedule = formAction(
  z
    .object({
      recurrence: z.enum(['yearly', 'daily'], { error: 'venue.error.schedule' }),
      month: z.coerce.number({ error: 'venue.error.schedule' }).int().min(1).max(12).optional(),
      day: z.coerce.number({ error: 'venue.error.schedule' }).int().min(1).max(31).optional(),
      // A Paris time of day; the browser's time field sends seconds only when asked (step="1").
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: 'venue.error.time' }),
      seconds: seconds(5, 3600),
      anniversaryOnly: z.boolean().optional(),
    })
    .refine((v) => v.recurrence === 'daily' || (v.month !== undefined && v.day !== undefined), {
      error: 'venue.error.schedule',
    }),
  adminHandler('venue', async (input, admin) => {
    const created = await createSilenceSchedule(
      await getDb(),
      {
        recurrence: input.recurrence,
        month: input.month ?? null,
        day: input.day ?? null,
        time: input.time,
        durationMs: (input.seconds ?? 60) * 1000,
        anniversaryOnly: input.anniversaryOnly ?? false,
      },
      { actor: actorOf(admin) },
    );
    return { done: 'schedule' as const, id: created.id };
  }),
);

/** An Action on one silence by its id: the change is journaled under the member who made it. */
function onSilence<Done extends string>(
  done: Done,
  change: (db: Kysely<Database>, id: number, options: { actor: Actor }) => Promise<unknown>,
  role?: 'admin',
) {
  return formAction(
    z.object({ id: rowId }),
    teamHandler(
      'venue',
      async (input: { id: number }, user) => {
        await change(await getDb(), input.id, { actor: actorOf(user) });
        return { done };
      },
      role,
    ),
  );
}

/** An admin removes a silence at set times, with its occurrences to come. */
export const unschedule = onSilence('unschedule', removeSilenceSchedule, 'admin');

/** The console calls off a silence to come, or ends the one going on. */
export const cancel = onSilence('cancel', cancelSilence);
