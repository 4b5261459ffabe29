import { isMessageKey } from '../i18n/index.ts';
import type { BoundT } from '../i18n/locals.ts';

/** A source's status (`ok`, `rate_limited`…) in the reader's words; an unknown one as stored. */
export function statusInWords(t: BoundT, status: string): string {
  const key = `imports.status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}
