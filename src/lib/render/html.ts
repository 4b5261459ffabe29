/**
 * Markup built from strings with escaping by construction, for the lists a page repeats (cards,
 * comments): a tagged template whose every interpolated string is escaped as text, unless it is
 * `SafeHtml` (markup made here, or a body the sanitiser produced on write). Escaping follows
 * Astro's own (astro/dist/runtime/server/escape.js and render/util.js), so a template renders the
 * very bytes its component does (tests/components/render-templates.test.ts holds them equal).
 */

/** Markup that may go into a page as it is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: nothing is rendered for null, undefined and false. */
export type Interpolated = string | number | SafeHtml | null | undefined | false | readonly Interpolated[];

// Without the g flag for test(): a global regex keeps its lastIndex from one call to the next.
const NEEDS_TEXT_ESCAPE = /[&<>'"]/;
const TEXT_ESCAPED = /[&<>'"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** Text between tags, as Astro escapes `{value}`. */
export function escapeText(value: string): string {
  return NEEDS_TEXT_ESCAPE.test(value) ? value.replace(TEXT_ESCAPED, (c) => ENTITIES[c]!) : value;
}

function interpolate(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  let out = '';
  for (const item of value) out += interpolate(item);
  return out;
}

/** `markup\`<p>${text}</p>\``: the strings escaped, SafeHtml kept, lists joined. */
export function markup(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Markup trusted as it is: only for HTML the sanitiser produced (bodies are sanitised on write). */
export function trusted(sanitised: string): SafeHtml {
  return new SafeHtml(sanitised);
}

const NEEDS_ATTRIBUTE_ESCAPE = /[&"]/;
const ATTRIBUTE_ESCAPED = /[&"]/g;
/** HTML's boolean attributes that our templates write: present or absent, never with a value. */
const BOOLEAN_ATTRIBUTES = new Set(['autofocus', 'checked', 'disabled', 'novalidate', 'open', 'required', 'selected']);

/**
 * ` name="value"`, as Astro writes `name={value}`: nothing for null or undefined; a boolean
 * attribute bare when truthy and absent otherwise; any other attribute bare for '' and quoted
 * otherwise, with only `&` and `"` escaped inside the quotes.
 */
export function attr(name: string, value: string | number | boolean | null | undefined): SafeHtml {
  if (value === null || value === undefined) return new SafeHtml('');
  if (BOOLEAN_ATTRIBUTES.has(name)) return new SafeHtml(value ? ` ${name}` : '');
  if (value === '') return new SafeHtml(` ${name}`);
  const text = String(value);
  const escaped = NEEDS_ATTRIBUTE_ESCAPE.test(text)
    ? text.replace(ATTRIBUTE_ESCAPED, (c) => (c === '&' ? '&amp;' : '&quot;'))
    : text;
  return new SafeHtml(` ${name}="${escaped}"`);
}
