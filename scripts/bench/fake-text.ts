/**
 * French-like souvenirs and comments for the benchmark, made from the demo texts' vocabulary.
 * Deterministic (seeded), plain text only, so the stored HTML can be built here exactly as the
 * sanitiser would format it (paragraphs joined by a blank line) without paying DOMPurify per row.
 */
import { DEMO_TEXTS } from '../../src/lib/souvenirs/demo-texts.ts';

/** mulberry32: small, fast and good enough to make text that looks varied. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function plain(html: string): string {
  return html.replace(/<[^>]+>/g, ' ');
}

const WORDS = [
  ...new Set(
    DEMO_TEXTS.flatMap((text) => plain(text.body).split(/[\s.,;:!?«»()]+/))
      .map((word) => word.trim())
      .filter((word) => /^[\p{L}’'-]+$/u.test(word))
      .map((word) => word.toLocaleLowerCase('fr')),
  ),
];
const NAMES = [...new Set(DEMO_TEXTS.map((text) => text.author.replace(/^Démo · /, '')))];
const EVENTS = [...new Set(DEMO_TEXTS.map((text) => text.event).filter((event): event is string => Boolean(event)))];
const TAGS = [
  'jazz',
  'rock',
  'rencontre',
  'premierconcert',
  'punk',
  'electro',
  'famille',
  'amitié',
  'balcon',
  'fosse',
  'rappel',
  'paris11',
];
const ENDINGS = ['.', '.', '.', '.', '!', '…', ' ?'];

export interface FakeSouvenir {
  authorName: string;
  title: string | null;
  bodyRaw: string;
  bodyHtml: string;
  memoryYear: number;
  event: string | null;
  /** The hashtags written in the body (the wall reads them from this column). */
  hashtags: string[];
}

export interface FakeComment {
  authorName: string;
  bodyRaw: string;
  bodyHtml: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export class TextMaker {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  sentence(): string {
    const count = 6 + Math.floor(this.random() * 15);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(this.pick(WORDS));
    if (this.random() < 0.3) words.splice(1 + Math.floor(this.random() * (count - 1)), 0, ',');
    const text = words.join(' ').replace(/ ,/g, ',');
    return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1) + this.pick(ENDINGS);
  }

  /** Paragraphs of sentences until about `length` characters, never past `max`. */
  paragraphs(length: number, max: number): string[] {
    const paragraphs: string[] = [];
    let current: string[] = [];
    let total = 0;
    while (total < length) {
      const sentence = this.sentence();
      if (total + sentence.length + 1 > max) break;
      current.push(sentence);
      total += sentence.length + 1;
      if (current.length >= 2 + Math.floor(this.random() * 4)) {
        paragraphs.push(current.join(' '));
        current = [];
        total += 1;
      }
    }
    if (current.length > 0) paragraphs.push(current.join(' '));
    if (paragraphs.length === 0) paragraphs.push(this.sentence());
    return paragraphs;
  }

  /** A body between `min` and `max` characters, most of them short, a few long. */
  lengthBetween(min: number, max: number): number {
    const skewed = this.random() ** 2.2;
    return Math.round(min + skewed * (max - min));
  }

  souvenir(): FakeSouvenir {
    const hashtags: string[] = [];
    const paragraphs = this.paragraphs(this.lengthBetween(200, 1_900), 1_950);
    if (this.random() < 0.35) {
      const tag = this.pick(TAGS);
      hashtags.push(tag);
      paragraphs[paragraphs.length - 1] += ` #${tag}`;
    }
    const bodyRaw = paragraphs.join('\n\n');
    return {
      authorName: `${this.pick(NAMES)} ${String.fromCharCode(65 + Math.floor(this.random() * 26))}.`,
      title:
        this.random() < 0.5
          ? null
          : this.sentence()
              .slice(0, 60)
              .replace(/[ ,]+\S*$/, ''),
      bodyRaw,
      bodyHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n\n'),
      memoryYear: 1970 + Math.floor(this.random() * 46),
      event: this.random() < 0.6 ? this.pick(EVENTS) : null,
      hashtags,
    };
  }

  comment(): FakeComment {
    const paragraphs = this.paragraphs(this.lengthBetween(40, 700), 800);
    return {
      authorName: `${this.pick(NAMES)} ${String.fromCharCode(65 + Math.floor(this.random() * 26))}.`,
      bodyRaw: paragraphs.join('\n\n'),
      bodyHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n\n'),
    };
  }
}
