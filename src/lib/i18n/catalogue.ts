import { siteMessages } from './messages/site.ts';
import { wallMessages } from './messages/wall.ts';
import { formMessages } from './messages/forms.ts';
import { privacyMessages } from './messages/privacy.ts';
import { moderationMessages } from './messages/moderation.ts';
import { journalMessages } from './messages/journal.ts';
import { accountMessages } from './messages/accounts.ts';

/**
 * Every string a person reads, French first with English beside it, gathered from one file per
 * area in messages/. `{name}` placeholders are filled by `t()`. A new entry may wait at the end
 * of this object until it is moved to its area's file.
 */
export const catalogue = {
  ...siteMessages,
  ...wallMessages,
  ...formMessages,
  ...privacyMessages,
  ...moderationMessages,
  ...journalMessages,
  ...accountMessages,
} as const satisfies Record<string, { fr: string; en: string }>;

export type MessageKey = keyof typeof catalogue;
