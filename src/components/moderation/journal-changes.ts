import { t } from '../../lib/i18n/index.ts';
import type { Locale, MessageKey } from '../../lib/i18n/index.ts';
import { isContributionStatus } from '../../lib/contributions/kinds.ts';
import { statusLabel } from './messages.ts';
import { showBidiControls } from '../../lib/sanitize/visible.ts';
import { sameWords } from '../../lib/contributions/same-words.ts';

/** A text sent back with other line ends (a form's CRLF) is the same text: older rows logged it so. */
function sameValue(key: string, was: unknown, is: unknown): boolean {
  if (key === 'body' && typeof was === 'string' && typeof is === 'string') return sameWords(was, is);
  return JSON.stringify(was) === JSON.stringify(is);
}

/** One field a journal row changed, as a moderator reads it: its name, and its value before and after. */
export interface JournalChange {
  key: string;
  label: string;
  before: string;
  after: string;
  /** A text to read as written (a souvenir's body, before and after an edit): shown in full, wrapped. */
  long: boolean;
}

/** The fields the journal records, in the order a moderator reads them, with their names. */
const FIELDS: Record<string, MessageKey> = {
  status: 'journal.field.status',
  pinned: 'journal.field.pinned',
  name: 'journal.field.name',
  title: 'journal.field.title',
  year: 'journal.field.year',
  event: 'journal.field.event',
  hashtags: 'journal.field.hashtags',
  body: 'journal.field.body',
  hiddenByReports: 'journal.field.hiddenByReports',
  openReports: 'journal.field.openReports',
  replies: 'journal.field.replies',
  photo: 'journal.field.photo',
  altText: 'journal.field.altText',
  contentNote: 'journal.field.contentNote',
  flagReasons: 'journal.field.flagReasons',
  username: 'journal.field.username',
  displayName: 'journal.field.displayName',
  role: 'journal.field.role',
  disabled: 'journal.field.disabled',
};
const LONG = new Set(['body']);

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What the journal writes for actions taken by no account, as a moderator reads them. */
const ACTORS: Record<string, MessageKey> = {
  author: 'journal.actor.author',
  public: 'journal.actor.public',
  demo: 'journal.actor.demo',
  system: 'journal.actor.system',
  script: 'journal.actor.script',
  setup: 'journal.actor.setup',
};

/** Who acted: an account's name as it is, a label written by the site (`author`, `public`…) in words. */
export function journalActor(locale: Locale, event: { actorId: number | null; actorName: string }): string {
  const key = event.actorId === null ? ACTORS[event.actorName] : undefined;
  return key ? t(locale, key) : event.actorName;
}

function shown(locale: Locale, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(locale, value ? 'journal.value.yes' : 'journal.value.no');
  if (key === 'status' && typeof value === 'string' && isContributionStatus(value)) return statusLabel(locale, value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length ? showBidiControls(value.map((v) => `#${v}`).join(' ')) : '—';
  }
  if (typeof value === 'string') return showBidiControls(value);
  if (typeof value === 'number') return String(value);
  return showBidiControls(JSON.stringify(value));
}

/**
 * What a journal row changed, field by field, in words rather than JSON: every field its before
 * or after holds, known ones first in reading order, a field whose value did not change left out
 * (an edit records the title even when only the text changed).
 */
export function journalChanges(locale: Locale, before: unknown, after: unknown): JournalChange[] {
  const was = record(before);
  const is = record(after);
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  const order = (key: string) => {
    const at = Object.keys(FIELDS).indexOf(key);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return (
    keys
      .filter((key) => !(key in was) || !(key in is) || !sameValue(key, was[key], is[key]))
      .sort((a, b) => order(a) - order(b))
      .map((key) => {
        const label = FIELDS[key];
        return {
          key,
          label: label ? t(locale, label) : key,
          before: key in was ? shown(locale, key, was[key]) : '—',
          after: key in is ? shown(locale, key, is[key]) : '—',
          long: LONG.has(key),
        };
      })
      // Absent on one side and empty on the other (no flag on a new text): nothing to read.
      .filter((change) => change.before !== change.after)
  );
}
