// One JSON file per area, each key with its French and its English side by side for a translator.
import site from './messages/site.json' with { type: 'json' }; // page frame, error pages and messages
import wall from './messages/wall.json' with { type: 'json' }; // the wall, a souvenir, candles, screen, feeds
import forms from './messages/forms.json' with { type: 'json' }; // sharing, commenting, reporting, rate limits
import privacy from './messages/privacy.json' with { type: 'json' }; // privacy page, data requests, export, author's link
import moderation from './messages/moderation.json' with { type: 'json' }; // the moderation queue
import moderationComments from './messages/moderation-comments.json' with { type: 'json' }; // the comment queue's own words
import journal from './messages/journal.json' with { type: 'json' }; // the journal and the discussion rules
import accounts from './messages/accounts.json' with { type: 'json' }; // signing in, passwords, the team
import association from './messages/association.json' with { type: 'json' }; // first admin, publisher, legal notice, contact, undo
import mail from './messages/mail.json' with { type: 'json' }; // the email messages themselves
import mailPages from './messages/mail-pages.json' with { type: 'json' }; // pages and forms around email
import writing from './messages/writing.json' with { type: 'json' }; // the formatting bar, preview, counter, thank-you page
import photos from './messages/photos.json' with { type: 'json' }; // photos: upload, refusals, display, moderation
import search from './messages/search.json' with { type: 'json' }; // search: the form, results, excerpts
import commemoration from './messages/commemoration.json' with { type: 'json' }; // the venue's screen, its console, the anniversary
import imports from './messages/imports.json' with { type: 'json' }; // the hashtag's private queue and its sources
import importSources from './messages/import-sources.json' with { type: 'json' }; // the admins' form for the hashtag's sources
import importsConsent from './messages/imports-consent.json' with { type: 'json' }; // the consent page's last answers: no thanks

/**
 * Every string a person reads. `{name}` placeholders are filled by `t()`. A new entry may wait at
 * the end of this object until it is moved to its area's file.
 */
export const catalogue = {
  ...site,
  ...wall,
  ...forms,
  ...privacy,
  ...moderation,
  ...moderationComments,
  ...journal,
  ...accounts,
  ...association,
  ...mail,
  ...mailPages,
  ...writing,
  ...photos,
  ...search,
  ...commemoration,
  ...imports,
  ...importSources,
  ...importsConsent,
} satisfies Record<string, { fr: string; en: string }>;

export type MessageKey = keyof typeof catalogue;
