/**
 * The venue's screen in the browser: plays the loop the console set and the moments of silence,
 * both from the event stream. Nothing is decided here: what is shown follows from the loop's
 * start, its durations and the server's clock (commemoration/venue-loop.ts), so every screen in
 * the hall shows the same souvenir and goes silent at the same instant.
 */
import { loopPosition } from '../../lib/commemoration/venue-loop.ts';
import type { VenueSilence, VenueState } from '../../lib/commemoration/venue-state.ts';
import type { ScreenSouvenir } from '../../lib/wall/screen-feed.ts';
import { startSilence } from './silence-client.ts';
import { keepStreamOpen } from './live-stream.ts';
import { fill } from './screen-text.ts';

const TICK_MS = 50;

type LoopState = Omit<VenueState, 'now' | 'silence'>;

export function startVenueScreen(root: HTMLElement): void {
  const stage = root.querySelector<HTMLElement>('#salle-actuel')!;
  const template = root.querySelector<HTMLTemplateElement>('#salle-modele')!;
  const empty = stage.querySelector<HTMLElement>('.screen-empty');
  const announcer = root.querySelector<HTMLElement>('#salle-annonces')!;
  const connection = root.querySelector<HTMLElement>('.screen-connection');
  const text = root.dataset;

  const silence = startSilence(root, announcer);
  let loop: LoopState | null = null;
  let shownKey = '';

  function render(souvenir: ScreenSouvenir): HTMLElement {
    const card = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    card.dataset.id = souvenir.publicId;
    const heading = card.querySelector('h2')!;
    heading.lang = souvenir.locale;
    heading.textContent = souvenir.title ?? fill(text.untitled ?? '', { name: souvenir.authorName });
    const body = card.querySelector<HTMLElement>('.screen-body')!;
    body.lang = souvenir.locale;
    // Sanitised on the server when it was written, as on the wall.
    body.innerHTML = souvenir.bodyHtml;
    const author = card.querySelector<HTMLElement>('.screen-author')!;
    author.lang = souvenir.locale;
    const context = [souvenir.memoryYear ? fill(text.year ?? '', { year: souvenir.memoryYear }) : null, souvenir.event];
    author.textContent = [
      souvenir.title === null ? null : fill(text.by ?? '', { name: souvenir.authorName }),
      ...context,
    ]
      .filter(Boolean)
      .join(' · ');
    return card;
  }

  function showLoop(now: number): void {
    const position = loop
      ? loopPosition(
          loop.items.map((i) => ({ id: i.souvenir.publicId, durationMs: i.durationMs })),
          loop,
          now,
        )
      : null;
    const item = position && loop ? loop.items[position.index] : undefined;
    // An edit of the shown souvenir redraws it; the same one shown again does not restart its fade.
    const key = item ? `${position!.index}:${item.souvenir.publicId}:${item.souvenir.bodyHtml.length}` : '';
    if (key === shownKey) return;
    shownKey = key;
    stage.querySelector('.screen-souvenir')?.remove();
    if (empty) empty.hidden = Boolean(item);
    root.dataset.current = item?.souvenir.publicId ?? '';
    if (item) stage.prepend(render(item.souvenir));
  }

  const anniversary = root.querySelector<HTMLElement>('.venue-anniversary');
  // The counters come with the state, re-read every few seconds: batched, never one update per candle.
  function showAnniversary(figures: LoopState['anniversary']): void {
    root.classList.toggle('is-anniversary', figures !== null);
    if (!anniversary) return;
    anniversary.hidden = figures === null;
    if (!figures) return;
    const format = new Intl.NumberFormat(document.documentElement.lang);
    for (const node of anniversary.querySelectorAll<HTMLElement>('[data-figure]')) {
      const value = figures[node.dataset.figure as keyof typeof figures];
      node.textContent = format.format(value);
    }
  }

  const tick = () => showLoop(silence.now());
  setInterval(tick, TICK_MS);

  keepStreamOpen({
    url: () => '/ecran/salle/flux',
    status: connection,
    reconnecting: text.reconnecting ?? '',
    events: {
      salle: (event) => {
        const data = JSON.parse(event.data) as { now: number; state: LoopState };
        silence.learn(data.now);
        loop = data.state;
        root.dataset.frozen = String(data.state.frozen);
        showAnniversary(data.state.anniversary);
        tick();
      },
      silence: (event) => silence.receive(JSON.parse(event.data) as { now: number; silence: VenueSilence | null }),
    },
  });
}
