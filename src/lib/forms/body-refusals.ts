/**
 * The sanitiser's refusals (src/actions/errors.ts): they are about the text itself, so every form
 * says them beside its text field, linked to it, rather than above the form.
 */
const BODY_REFUSALS: ReadonlySet<string> = new Set(['error.body.unsafe', 'error.body.frameset', 'error.text.empty']);

export function isBodyRefusal(key: string | null | undefined): boolean {
  return typeof key === 'string' && BODY_REFUSALS.has(key);
}
