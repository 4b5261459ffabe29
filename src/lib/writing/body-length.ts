import { MAX_SOUVENIR_LENGTH } from '../souvenirs/create-souvenir.ts';
import { MAX_COMMENT_LENGTH } from '../comments/create-comment.ts';
import type { ContributionKind } from '../contributions/kinds.ts';

/** The longest text of each kind: the forms' `maxlength` and counter, the Actions' check, the preview's. */
export const MAX_BODY_LENGTH: Readonly<Record<ContributionKind, number>> = {
  souvenir: MAX_SOUVENIR_LENGTH,
  comment: MAX_COMMENT_LENGTH,
};

/**
 * A body's length as the form's counter and `maxlength` count it (UTF-16 code units, like
 * `textarea.value.length`): a browser sends each line end as CR LF but counts it as one
 * character, so a text at the limit with line breaks must still pass.
 */
export function bodyLength(value: string): number {
  return value.replace(/\r\n?/g, '\n').length;
}
