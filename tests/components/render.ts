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
