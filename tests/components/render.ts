import { expect } from 'vitest';
import { JSDOM } from 'jsdom';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { boundT } from '../../src/lib/i18n/locals.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';

let container: AstroContainer | undefined;

/** A component's HTML as a visitor of the `locale` site gets it: the locals the middleware sets. */
export async function render(
  component: AstroComponentFactory,
  locale: Locale,
  props: Record<string, unknown> = {},
): Promise<string> {
  container ??= await AstroContainer.create();
  return container.renderToString(component, { props, locals: { locale, t: boundT(locale), user: null } });
}

/**
 * Asserts what a rendered fragment holds: every string or pattern of `has`, none of `lacks`, each
 * checked on its own, so a failure shows the one that is missing.
 */
export function expectMarkup(
  html: string,
  { has = [], lacks = [] }: { has?: Array<string | RegExp>; lacks?: Array<string | RegExp> },
): void {
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
