/**
 * The live screen in the browser: rotates through the souvenirs (every 12 s, unless the person
 * prefers reduced motion or pressed pause), and shows a newly approved one at once from the
 * event stream. Keeps at most MAX_SHOWN souvenirs so that it can run for days.
 */
import type { ScreenSouvenir } from '../../lib/wall/screen-feed.ts';
import type { VenueSilence } from '../../lib/commemoration/venue-state.ts';
import { startSilence } from './silence-client.ts';
import { keepStreamOpen } from './live-stream.ts';
import { fill } from './screen-text.ts';

const ROTATE_MS = 12_000;
const MAX_SHOWN = 60;
/** Beyond this many characters a souvenir is set smaller, so it fits the screen. */
const LONG_TEXT = 450;

export function startScreen(root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>('#ecran-actuel')!;
  const template = root.querySelector<HTMLTemplateElement>('#ecran-modele')!;
  const position = root.querySelector<HTMLElement>('.screen-position');
  const controls = root.querySelector<HTMLElement>('.screen-controls');
  const announcer = root.querySelector<HTMLElement>('#ecran-annonces');
  const connection = root.querySelector<HTMLElement>('.screen-connection');
  const empty = root.querySelector<HTMLElement>('.screen-empty');
  const pauseButton = root.querySelector<HTMLButtonElement>('[data-screen="pause"]');
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const text = root.dataset;

  let index = 0;
  // The screen holds the latest souvenirs, not all of them: "1 sur 30" when 33 are published
  // would be wrong. The page says how many were published; arrivals and withdrawals move it.
  let published = Number(text.published ?? 0);
  let paused = reducedMotion.matches;
  let timer: ReturnType<typeof setInterval> | null = null;

  const cards = () => [...list.querySelectorAll<HTMLElement>('.screen-souvenir')];

  function show(next: number): void {
    const all = cards();
    if (empty) empty.hidden = all.length > 0;
    if (all.length === 0) {
      if (position) position.textContent = '';
      return;
    }
    index = ((next % all.length) + all.length) % all.length;
    all.forEach((card, i) => card.classList.toggle('is-current', i === index));
    published = Math.max(published, all.length);
    if (position) {
      const template = all.length < published ? text.positionLatest : text.position;
      position.textContent = fill(template ?? '', { n: index + 1, total: all.length, published });
    }
  }

  function schedule(): void {
    if (timer) clearInterval(timer);
    timer = paused ? null : setInterval(() => show(index + 1), ROTATE_MS);
    if (pauseButton) {
      pauseButton.setAttribute('aria-pressed', String(paused));
      pauseButton.textContent = (paused ? text.play : text.pause) ?? '';
    }
  }

  function render(card: HTMLElement, souvenir: ScreenSouvenir): void {
    card.dataset.id = souvenir.publicId;
    const headingId = `ecran-${souvenir.publicId}`;
    card.setAttribute('aria-labelledby', headingId);
    const heading = card.querySelector('h2')!;
    heading.id = headingId;
    heading.lang = souvenir.locale;
    // Each piece of the author's text keeps its direction to itself (dir="auto" isolates it).
    heading.dir = 'auto';
    heading.textContent = souvenir.title ?? fill(text.untitled ?? '', { name: souvenir.authorName });
    renderPhoto(card, souvenir);
    const body = card.querySelector<HTMLElement>('.screen-body')!;
    body.lang = souvenir.locale;
    body.dir = 'auto';
    // Sanitised on the server when it was written, as on the wall.
    body.innerHTML = souvenir.bodyHtml;
    const author = card.querySelector<HTMLElement>('.screen-author');
    if (author) {
      author.lang = souvenir.locale;
      author.dir = 'auto';
      // An untitled souvenir's heading already names its author.
      author.textContent = souvenir.title === null ? '' : fill(text.by ?? '', { name: souvenir.authorName });
    }
    const context = [souvenir.memoryYear ? fill(text.year ?? '', { year: souvenir.memoryYear }) : null, souvenir.event]
      .filter(Boolean)
      .join(' · ');
    const contextNode = card.querySelector<HTMLElement>('.screen-context');
    if (contextNode) {
      contextNode.dir = 'auto';
      contextNode.textContent = context ? `${souvenir.title === null ? '' : ' · '}${context}` : '';
    }
    markLength(card);
  }

  function renderPhoto(card: HTMLElement, souvenir: ScreenSouvenir): void {
    const image = card.querySelector<HTMLImageElement>('img.screen-photo');
    if (!image) return;
    image.hidden = !souvenir.photo;
    if (!souvenir.photo) return image.removeAttribute('src');
    image.width = souvenir.photo.width;
    image.height = souvenir.photo.height;
    image.srcset = souvenir.photo.srcset;
    image.sizes = '40vw';
    image.src = souvenir.photo.src;
    image.alt = souvenir.photo.alt;
    image.lang = souvenir.locale;
  }

  function markLength(card: HTMLElement): void {
    card.classList.toggle('is-long', (card.querySelector('.screen-body')?.textContent?.length ?? 0) > LONG_TEXT);
  }

  function receive(souvenir: ScreenSouvenir): void {
    const existing = list.querySelector<HTMLElement>(`.screen-souvenir[data-id="${CSS.escape(souvenir.publicId)}"]`);
    if (existing) {
      // An edit of a souvenir already on screen: refreshed where it is, not announced again.
      render(existing, souvenir);
      return;
    }
    const card = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    render(card, souvenir);
    list.prepend(card);
    published += 1;
    for (const old of cards().slice(MAX_SHOWN)) old.remove();
    show(0);
    schedule();
    if (announcer) announcer.textContent = fill(text.new ?? '', { title: card.querySelector('h2')!.textContent ?? '' });
  }

  function withdraw(publicId: string): void {
    const card = list.querySelector<HTMLElement>(`.screen-souvenir[data-id="${CSS.escape(publicId)}"]`);
    if (!card) return;
    const at = cards().indexOf(card);
    card.remove();
    published = Math.max(0, published - 1);
    // The card after a removed current one takes its place; removals before it shift it back.
    show(at < index ? index - 1 : index);
  }

  cards().forEach(markLength);
  root.classList.add('is-live');
  if (controls) controls.hidden = false;
  root.querySelector('[data-screen="previous"]')?.addEventListener('click', () => {
    show(index - 1);
    schedule();
  });
  root.querySelector('[data-screen="next"]')?.addEventListener('click', () => {
    show(index + 1);
    schedule();
  });
  pauseButton?.addEventListener('click', () => {
    paused = !paused;
    schedule();
  });
  root.querySelector('[data-screen="fullscreen"]')?.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.();
  });
  reducedMotion.addEventListener('change', () => {
    paused = reducedMotion.matches;
    schedule();
  });
  show(0);
  schedule();

  // The stream starts from the position the page was rendered at, then from the last it saw.
  const silence = startSilence(root, announcer);
  let streamPosition = text.since ?? '0';
  const track = (event: MessageEvent<string>) => {
    if (event.lastEventId) streamPosition = event.lastEventId;
  };
  keepStreamOpen({
    url: () => `/ecran/flux?depuis=${encodeURIComponent(streamPosition)}`,
    status: connection,
    reconnecting: text.reconnecting ?? '',
    events: {
      souvenir: (event) => {
        track(event);
        receive(JSON.parse(event.data) as ScreenSouvenir);
      },
      retrait: (event) => {
        track(event);
        withdraw((JSON.parse(event.data) as { publicId: string }).publicId);
      },
      silence: (event) => silence.receive(JSON.parse(event.data) as { now: number; silence: VenueSilence | null }),
    },
  });
}
