/**
 * The moment of silence in the browser, on any screen: a single candle and a counter over the
 * screen from the silence's start to its end, on the server's clock (each event carries the
 * server's `now`), announced in a polite live region. Used by the venue's screen and the public
 * live screen alike.
 */
import type { VenueSilence } from '../../lib/commemoration/venue-state.ts';
import { fill } from './screen-text.ts';

const TICK_MS = 50;

export interface SilenceClock {
  /** The server's clock as this screen reckons it. */
  now(): number;
  /** Learns from an event's `now` (the least delayed sample wins). */
  learn(serverNow: number): void;
  /** A `silence` event's data. */
  receive(data: { now: number; silence: VenueSilence | null }): void;
}

/** Watches `root` (which holds `.venue-silence` and a live region `announcer`) and sets `data-silence`. */
export function startSilence(root: HTMLElement, announcer: HTMLElement | null): SilenceClock {
  const counter = root.querySelector<HTMLElement>('.venue-silence-count');
  const text = root.dataset;
  // The server's clock minus ours: the largest sample is the one least delayed by the network.
  let offset = Number.NEGATIVE_INFINITY;
  let silence: VenueSilence | null = null;
  let silent = false;
  const now = () => Date.now() + (Number.isFinite(offset) ? offset : 0);
  const learn = (serverNow: number) => void (offset = Math.max(offset, serverNow - Date.now()));

  const tick = () => {
    const at = now();
    const on = silence !== null && at >= silence.startsAt && at < silence.startsAt + silence.durationMs;
    if (on && counter) counter.textContent = String(Math.ceil((silence!.startsAt + silence!.durationMs - at) / 1000));
    if (on === silent) return;
    silent = on;
    root.dataset.silence = on ? 'on' : 'off';
    if (announcer) {
      announcer.textContent = on
        ? fill(text.silenceStart ?? '', { seconds: Math.round(silence!.durationMs / 1000) })
        : (text.silenceEnd ?? '');
    }
  };
  root.dataset.silence = 'off';
  setInterval(tick, TICK_MS);
  return {
    now,
    learn,
    receive(data) {
      learn(data.now);
      silence = data.silence;
      tick();
    },
  };
}
