import type { MessageKey } from '../lib/i18n/index.ts';
import type { BoundT } from '../lib/i18n/locals.ts';

interface Options {
  /** Placeholders the sentences may use (`{year}` in "a year before {year}"). */
  vars?: Record<string, string | number>;
  /** Where a form's ids carry a prefix (`comment-body-error`). */
  idPrefix?: string;
}

/**
 * A refused form's words, field by field: the sentence shown under a field, and what its
 * aria-describedby lists — the ids given (hints), then the field's error (`<field>-error`) when
 * it has one; undefined when there is nothing to list.
 */
export function fieldMessages(errors: Record<string, MessageKey>, t: BoundT, { vars, idPrefix = '' }: Options = {}) {
  const message = (field: string) => (errors[field] ? t(errors[field], vars) : undefined);
  return {
    message,
    /** The error summary's lines: each refused field of `fields`, in the form's order, linked to its input. */
    summary: (fields: readonly string[]) =>
      fields.flatMap((field) => {
        const text = message(field);
        return text ? [{ field: `${idPrefix}${field}`, text }] : [];
      }),
    describedBy: (field: string, ...ids: (string | false | null | undefined)[]) =>
      [...ids, errors[field] ? `${idPrefix}${field}-error` : null].filter(Boolean).join(' ') || undefined,
  };
}

/** What a refused form is shown again with: the values typed, and a catalogue key per refused field. */
export interface FormState {
  values: Record<string, string>;
  /** Catalogue keys per field name. */
  errors: Record<string, MessageKey>;
}

/**
 * A field's id (the form's prefix, then its name), name, the value put back and its refusal:
 * `<TextField {...field('title')} label={…} />`.
 */
export function fieldBinder(
  values: Record<string, string>,
  message: (field: string) => string | undefined,
  idPrefix = '',
) {
  return (name: string) => ({ id: `${idPrefix}${name}`, name, value: values[name] ?? '', error: message(name) });
}
