import type { PageShell } from './page-shell.ts';

/** A shell, the headers Astro gave the page it was cut from, and what else filling it needs. */
export interface KeptShell<H extends string, M> {
  generation: number;
  headers: Array<[string, string]>;
  shell: PageShell<H>;
  meta: M;
}

/** A page put in its kind's shell: the page, the headers Astro gave the shell's page, what it shows. */
export interface FilledPage {
  body: Buffer;
  headers: Array<[string, string]>;
  /** The content version its rows were read at. */
  version: string | null;
  /** The souvenir whose own page it is, for a page that is one (its change drops the page). */
  souvenirId?: number;
}

/**
 * Shells of one kind of page (page-shell.ts), one per key (a view of the wall, a language of
 * souvenir pages) and for one generation of the render cache: a change makes every shell kept
 * before it useless, since it shows the site as it was. `max` 0 keeps none (caches off).
 */
export class KeptShells<H extends string, M = null> {
  readonly max: number;
  #kept = new Map<string, KeptShell<H, M>>();
  /** The newest generation a shell was kept at: a render begun before it is from before a change. */
  #newest = 0;

  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.#kept.size;
  }

  has(key: string, generation: number): boolean {
    return this.#kept.get(key)?.generation === generation;
  }

  get(key: string, generation: number): KeptShell<H, M> | undefined {
    const kept = this.#kept.get(key);
    return kept?.generation === generation ? kept : undefined;
  }

  /**
   * Keeps the shell `cut` makes of a page Astro rendered at `generation`, unless the key has one
   * or the render is from before a change; false when nothing was kept (or `cut` found no shell).
   */
  keep(key: string, generation: number, headers: Headers, cut: () => PageShell<H> | null, meta: M): boolean {
    if (this.max === 0 || generation < this.#newest || this.has(key, generation)) return false;
    const shell = cut();
    if (!shell) return false;
    this.#newest = generation;
    for (const [other, kept] of this.#kept) if (kept.generation < generation) this.#kept.delete(other);
    if (this.#kept.size >= this.max) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(key, { generation, headers: [...headers], shell, meta });
    return true;
  }
}
