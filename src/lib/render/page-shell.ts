/**
 * A page cut where pages of one kind differ, to be filled with another page's parts: Astro renders
 * one page of a kind, and its neighbours are that render with their own cursor and cards put in
 * (issue 19: a deep wall page from Astro costs about 11 ms of CPU, the same page from its shell a
 * query and a string join). Each hole is found by the exact text the page wrote there, and only
 * when that text occurs exactly as often as the page writes it: a hashtag, a title or a body that
 * happened to contain a cursor would change the count, and that page then makes no shell.
 */

export interface ShellCut<H extends string> {
  hole: H;
  /** What the page wrote in this hole, exactly. */
  text: string;
  /** How many times the page writes it (a cursor in several links, the cards once). */
  count: number;
}

export interface PageShell<H extends string> {
  /** The page between the holes (one more part than holes), in UTF-8 encoded once: a filled page is then only its holes to encode. */
  bytes: readonly Buffer[];
  holes: readonly H[];
}

interface Found<H> {
  start: number;
  end: number;
  hole: H;
}

function occurrences<H extends string>(page: string, cut: ShellCut<H>): Found<H>[] {
  const found: Found<H>[] = [];
  for (let at = page.indexOf(cut.text); at !== -1; at = page.indexOf(cut.text, at + cut.text.length)) {
    found.push({ start: at, end: at + cut.text.length, hole: cut.hole });
  }
  return found;
}

/** The page's shell, or null when a hole's text is empty, found a different number of times, or overlaps another. */
export function cutShell<H extends string>(page: string, cuts: readonly ShellCut<H>[]): PageShell<H> | null {
  const found: Found<H>[] = [];
  for (const cut of cuts) {
    if (!cut.text) return null;
    const here = occurrences(page, cut);
    if (here.length !== cut.count) return null;
    found.push(...here);
  }
  found.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const holes: H[] = [];
  let from = 0;
  for (const { start, end, hole } of found) {
    if (start < from) return null;
    parts.push(page.slice(from, start));
    holes.push(hole);
    from = end;
  }
  parts.push(page.slice(from));
  return { bytes: parts.map((part) => Buffer.from(part)), holes };
}

/** The shell with each hole filled by another page's text for it (already HTML: escaped by its template), in UTF-8. */
export function fillShell<H extends string>(shell: PageShell<H>, values: Readonly<Record<H, string>>): Buffer {
  // One allocation, each hole encoded in place: a deep wall page's cards (44 kB) were encoded,
  // then copied again by a concat, and both copies left to the garbage collector (issue 19).
  const { bytes, holes } = shell;
  let length = bytes[0]!.length;
  for (let i = 0; i < holes.length; i++) length += Buffer.byteLength(values[holes[i]!]) + bytes[i + 1]!.length;
  const page = Buffer.allocUnsafeSlow(length);
  let at = bytes[0]!.copy(page, 0);
  for (let i = 0; i < holes.length; i++) {
    at += page.write(values[holes[i]!], at, 'utf8');
    at += bytes[i + 1]!.copy(page, at);
  }
  // allocUnsafeSlow's bytes are not zeroed: a page short of its length would carry memory.
  if (at !== length) throw new Error(`a filled shell wrote ${at} bytes of ${length}`);
  return page;
}
