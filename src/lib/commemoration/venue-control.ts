import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import type { AuditEntry } from '../moderation/audit.ts';
import { changeScreens } from './screen-change.ts';
import type { ScreenChangeOptions } from './screen-change.ts';
import { anchoredStart, DEFAULT_ITEM_MS, loopPosition, startFor } from './venue-loop.ts';
import type { LoopItem } from './venue-loop.ts';
import { playOrder, readLoopRow, screenEntries } from './venue-state.ts';
import type { VenueMode } from './venue-state.ts';

export const DEFAULT_SILENCE_MS = 60_000;
/** A silence started from the console begins this much later, so every screen hears of it first. */
export const SILENCE_LEAD_MS = 2_000;

export type VenueErrorCode = 'not_approved' | 'not_on_screen';
export class VenueError extends DomainError<VenueErrorCode> {
  constructor(code: VenueErrorCode) {
    super('VenueError', 'Venue screen change refused', code);
  }
}

export type VenueCommand =
  | { type: 'skip' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'freeze' }
  | { type: 'unfreeze' }
  | { type: 'mode'; mode: VenueMode }
  | { type: 'silence'; durationMs?: number; startsAt?: Date };

export type ItemCommand =
  | { type: 'add'; durationMs?: number }
  | { type: 'remove' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'duration'; durationMs: number };

/** The loop as it plays when a change is made (the same reading a screen makes), for a command to move from. */
interface PlayingLoop {
  loop: Awaited<ReturnType<typeof readLoopRow>>;
  items: LoopItem[];
  now: Date;
  /** `now` in milliseconds, the unit of the loop's arithmetic. */
  at: number;
}

/** A change of the screens (see `changeScreens`) that starts from the loop as it plays. */
async function changeLoop(
  db: Kysely<Database>,
  options: ScreenChangeOptions,
  change: (trx: Transaction<Database>, playing: PlayingLoop) => Promise<Omit<AuditEntry, 'actor'>>,
): Promise<void> {
  await changeScreens(db, options, async (trx, now) => {
    const loop = await readLoopRow(trx);
    const entries = playOrder(await screenEntries(trx, { frozenAt: loop.frozenAt }), loop.mode, loop.shuffleSeed);
    const items: LoopItem[] = entries.map((e) => ({ id: e.publicId, durationMs: e.durationMs }));
    return change(trx, { loop, items, now, at: now.getTime() });
  });
}

async function saveLoop(
  trx: Transaction<Database>,
  now: Date,
  values: Partial<{
    mode: VenueMode;
    shuffle_seed: number;
    loop_started_at: Date;
    paused_at: Date | null;
    frozen_at: Date | null;
  }>,
): Promise<void> {
  const current = await readLoopRow(trx);
  const row = {
    id: 1,
    mode: current.mode,
    shuffle_seed: current.shuffleSeed,
    loop_started_at: new Date(current.loopStartedAt),
    paused_at: current.pausedAt === null ? null : new Date(current.pausedAt),
    frozen_at: current.frozenAt,
    updated_at: now,
    ...values,
  };
  await trx
    .insertInto('screen_state')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/**
 * A command from the venue's console: skip to the next item, pause or resume the loop, freeze
 * (nothing added from now on appears until unfrozen), switch rundown/shuffle, or a moment of
 * silence (60 s by default, starting SILENCE_LEAD_MS from now unless a time is given). The
 * change, its journal row and the screens' wake-up commit together.
 */
export async function controlVenue(
  db: Kysely<Database>,
  command: VenueCommand,
  options: ScreenChangeOptions,
): Promise<void> {
  await changeLoop(db, options, async (trx, { loop, items, now, at }) => {
    switch (command.type) {
      case 'skip': {
        const position = loopPosition(items, loop, at);
        if (position) {
          const start = startFor(items, (position.index + 1) % items.length, at);
          await saveLoop(trx, now, {
            loop_started_at: new Date(start),
            paused_at: loop.pausedAt === null ? null : now,
          });
        }
        break;
      }
      case 'pause':
        if (loop.pausedAt === null) await saveLoop(trx, now, { paused_at: now });
        break;
      case 'resume':
        if (loop.pausedAt !== null)
          await saveLoop(trx, now, {
            loop_started_at: new Date(loop.loopStartedAt + at - loop.pausedAt),
            paused_at: null,
          });
        break;
      case 'freeze':
        if (!loop.frozenAt) await saveLoop(trx, now, { frozen_at: now });
        break;
      case 'unfreeze':
        if (loop.frozenAt) {
          await saveLoop(trx, now, { frozen_at: null, loop_started_at: new Date(anchoredStart(items, loop, at)) });
        }
        break;
      case 'mode':
        // A new order starts from its first item; a new shuffle, a new order.
        await saveLoop(trx, now, {
          mode: command.mode,
          shuffle_seed: command.mode === 'shuffle' ? Math.floor(Math.random() * 2 ** 31) : loop.shuffleSeed,
          loop_started_at: loop.pausedAt === null ? now : new Date(loop.pausedAt),
        });
        break;
      case 'silence':
        await trx
          .insertInto('screen_silence')
          .values({
            starts_at: command.startsAt ?? new Date(at + SILENCE_LEAD_MS),
            duration_ms: command.durationMs ?? DEFAULT_SILENCE_MS,
            created_at: now,
          })
          .execute();
        break;
    }
    return { action: `screen.${command.type}`, targetType: 'setting', targetId: 0, after: command };
  });
}

/**
 * A moderator's change to one souvenir on the venue's screen: add an approved one (at the end of
 * the rundown, 12 s by default), remove it, move it up or down, set its time. The loop is
 * re-anchored first so that what is shown stays shown.
 */
export async function changeScreenItem(
  db: Kysely<Database>,
  souvenirId: number,
  command: ItemCommand,
  options: ScreenChangeOptions,
): Promise<void> {
  await changeLoop(db, options, async (trx, { loop, items, now, at }) => {
    await saveLoop(trx, now, { loop_started_at: new Date(anchoredStart(items, loop, at)) });
    const existing = await trx
      .selectFrom('screen_item')
      .select(['position', 'duration_ms'])
      .where('souvenir_id', '=', souvenirId)
      .executeTakeFirst();
    if (command.type === 'add') {
      const souvenir = await trx
        .selectFrom('souvenir')
        .select('status')
        .where('id', '=', souvenirId)
        .executeTakeFirst();
      if (souvenir?.status !== 'approved') throw new VenueError('not_approved');
      if (!existing) {
        const last = await trx
          .selectFrom('screen_item')
          .select(sql<number | null>`max(position)::int`.as('position'))
          .executeTakeFirst();
        await trx
          .insertInto('screen_item')
          .values({
            souvenir_id: souvenirId,
            position: (last?.position ?? 0) + 1,
            duration_ms: command.durationMs ?? DEFAULT_ITEM_MS,
            added_at: now,
          })
          .execute();
      }
    } else {
      if (!existing) throw new VenueError('not_on_screen');
      if (command.type === 'remove') {
        await trx.deleteFrom('screen_item').where('souvenir_id', '=', souvenirId).execute();
      } else if (command.type === 'duration') {
        await trx
          .updateTable('screen_item')
          .set({ duration_ms: command.durationMs })
          .where('souvenir_id', '=', souvenirId)
          .execute();
      } else {
        const neighbour = await trx
          .selectFrom('screen_item')
          .select(['souvenir_id', 'position'])
          .where('position', command.type === 'up' ? '<' : '>', existing.position)
          .orderBy('position', command.type === 'up' ? 'desc' : 'asc')
          .limit(1)
          .executeTakeFirst();
        if (neighbour) {
          await trx
            .updateTable('screen_item')
            .set({ position: neighbour.position })
            .where('souvenir_id', '=', souvenirId)
            .execute();
          await trx
            .updateTable('screen_item')
            .set({ position: existing.position })
            .where('souvenir_id', '=', neighbour.souvenir_id)
            .execute();
        }
      }
    }
    return {
      action: `screen.${command.type === 'add' || command.type === 'remove' ? command.type : 'arrange'}`,
      targetType: 'souvenir',
      targetId: souvenirId,
      after: command,
    };
  });
}
