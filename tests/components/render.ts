import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { boundT } from '../../src/lib/i18n/locals.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';

let container: AstroContainer | undefined;

/** The locals the middleware sets for a visitor of the `locale` site. */
export function visitorLocals(locale: Locale) {
  return { locale, t: boundT(locale), user: null };
}

/** What a test gives a render beyond its props: slotted HTML, the request, locals the middleware adds. */
export interface RenderExtras {
  slots?: Record<string, string>;
  request?: Request;
  locals?: Record<string, unknown>;
}

/** A component's HTML as a visitor of the `locale` site gets it. */
export async function render(
  component: AstroComponentFactory,
  locale: Locale,
  props: Record<string, unknown> = {},
  { locals, ...extras }: RenderExtras = {},
): Promise<string> {
  container ??= await AstroContainer.create();
  return container.renderToString(component, { props, ...extras, locals: { ...visitorLocals(locale), ...locals } });
}

/** What a rendered fragment must hold (`has`) and must not (`lacks`): plain text or a pattern. */
export interface Markup {
  has?: Array<string | RegExp>;
  lacks?: Array<string | RegExp>;
}

/**
 * Asserts what a rendered fragment holds: every string or pattern of `has`, none of `lacks`, each
 * checked on its own, so a failure shows the one that is missing.
 */
export function expectMarkup(html: string, { has = [], lacks = [] }: Markup): void {
  for (const part of has) {
    if (typeof part === 'string') expect(html).toContain(part);
    else expect(html).toMatch(part);
  }
  for (const part of lacks) {
    if (typeof part === 'string') expect(html).not.toContain(part);
    else expect(html).not.toMatch(part);
  }
}

/**
 * Asserts that a field's refusal reaches a screen reader, not only the eye: the control `id` is
 * marked invalid and described by the element that shows `message` beside it.
 */
export function expectRefusalBeside(html: string, id: string, message: string): void {
  const fragment = JSDOM.fragment(html);
  const control = fragment.getElementById(id);
  expect(control?.getAttribute('aria-invalid')).toBe('true');
  expect(control?.getAttribute('aria-describedby')?.split(' ')).toContain(`${id}-error`);
  expect(fragment.getElementById(`${id}-error`)?.textContent).toContain(message);
}

/** Asserts that a refused form opens with its summary: the sentence `intro`, then a link to each refused field. */
export function expectErrorSummary(html: string, intro: string, fieldIds: string[]): void {
  expectMarkup(html, { has: [intro, ...fieldIds.map((id) => `href="#${id}"`)] });
}

/** One render of a component and what its HTML must show: a line of the component's specification. */
export interface Rendering extends Markup {
  locale: Locale;
  props: Record<string, unknown>;
  /** The whole fragment, where nothing else may be rendered. */
  exactly?: string;
  /** Each refused field's control id and the message beside it (`expectRefusalBeside`). */
  refusals?: Record<string, string>;
  /** A refused form's summary: its opening sentence and the ids it links to (`expectErrorSummary`). */
  summary?: { intro: string; fieldIds: string[] };
  /** What the opening tag of an element holds, keyed `name#id` (`input#requestsPerHour`). */
  tags?: Record<string, Markup>;
}

/**
 * Specifies `component` as a table: one test each sentence, named by it, that renders the component
 * once, or once each locale or case where the sentence is about several, and checks every rendering.
 */
export function markupCases(
  component: AstroComponentFactory,
  sentences: Record<string, Rendering | Rendering[]>,
): void {
  for (const [sentence, renderings] of Object.entries(sentences)) {
    it(sentence, async () => {
      for (const rendering of [renderings].flat()) {
        expectRendering(await render(component, rendering.locale, rendering.props), rendering);
      }
    });
  }
}

function expectRendering(html: string, { exactly, refusals = {}, summary, tags = {}, ...markup }: Rendering): void {
  if (exactly !== undefined) expect(html).toBe(exactly);
  expectMarkup(html, markup);
  if (summary) expectErrorSummary(html, summary.intro, summary.fieldIds);
  for (const [id, message] of Object.entries(refusals)) expectRefusalBeside(html, id, message);
  for (const [tag, within] of Object.entries(tags)) expectMarkup(openingTag(html, tag), within);
}

/** The opening tag written for `name#id` (`input#title`), asserted to be there. */
function openingTag(html: string, selector: string): string {
  const [name, id] = selector.split('#');
  const tag = new RegExp(`<${name}\\s(?:[^>]*\\s)?id="${id}"[^>]*>`).exec(html)?.[0];
  expect(tag, `${selector} in the fragment`).toBeDefined();
  return tag!;
}
