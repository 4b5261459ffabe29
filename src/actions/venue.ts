import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { changeScreenItem, controlVenue, VenueError } from '../lib/commemoration/venue-control.ts';
import type { VenueCommand } from '../lib/commemoration/venue-control.ts';
import { findSouvenirId } from '../lib/souvenirs/lookup.ts';
import { toActionError } from './errors.ts';

const actorOf = (user: { id: number; username: string }) => ({ id: user.id, label: user.username });

const seconds = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)),
    z
      .number({ error: 'venue.error.seconds' })
      .int({ error: 'venue.error.seconds' })
      .min(min, { error: 'venue.error.seconds' })
      .max(max, { error: 'venue.error.seconds' })
      .optional(),
  );

/** A button of the venue's console (/moderation/ecran): skip, pause, freeze, mode, silence. */
export const control = defineAction({
  accept: 'form',
  input: z.object({
    command: z.enum(['skip', 'pause', 'resume', 'freeze', 'unfreeze', 'rundown', 'shuffle', 'silence']),
    silenceSeconds: seconds(5, 3600),
  }),
  handler: async (input, context) => {
    const user = requireActionUser(context);
    const command: VenueCommand =
      input.command === 'rundown' || input.command === 'shuffle'
        ? { type: 'mode', mode: input.command }
        : input.command === 'silence'
          ? { type: 'silence', ...(input.silenceSeconds ? { durationMs: input.silenceSeconds * 1000 } : {}) }
          : { type: input.command };
    try {
      await controlVenue(await getDb(), command, { actor: actorOf(user) });
    } catch (error) {
      throw toActionError(error, 'venue');
    }
    return { done: input.command };
  },
});

/** One souvenir on the venue's screen: add, remove, move, or set its time there. */
export const item = defineAction({
  accept: 'form',
  input: z.object({
    souvenir: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'venue.error.notFound' }),
    command: z.enum(['add', 'remove', 'up', 'down', 'duration']),
    seconds: seconds(1, 600),
  }),
  handler: async (input, context) => {
    const user = requireActionUser(context);
    const db = await getDb();
    try {
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
    } catch (error) {
      throw toActionError(error, 'venue');
    }
    return { done: input.command };
  },
});
