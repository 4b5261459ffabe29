import type { ImportSourceKind } from '../../../db/types.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { AddressPolicy, ImportSourceErrorCode, NewImportSource } from './sources.ts';

/** What the admins' form sends for a new source (the Action has bounded each field). */
export interface SourceFormInput {
  kind: ImportSourceKind;
  url: string;
  hashtags?: string | undefined;
  account?: string | undefined;
  /** Mastodon: the association's access token; Bluesky: its app password; a feed has none. */
  secret?: string | undefined;
}

/**
 * The source a form describes, in the shape the command line gives `addImportSource`: hashtags
 * split on spaces and commas (none: the default), the one secret field read as the kind's own
 * secret, and every field the kind has no use for dropped.
 */
export function sourceFromForm(input: SourceFormInput): NewImportSource {
  const hashtags = (input.hashtags ?? '').split(/[\s,]+/).filter(Boolean);
  const secret = input.secret || null;
  switch (input.kind) {
    case 'mastodon':
      return { kind: 'mastodon', url: input.url, hashtags, accessToken: secret };
    case 'bluesky':
      return { kind: 'bluesky', url: input.url, hashtags, account: input.account?.trim() || null, appPassword: secret };
    case 'rss':
      return { kind: 'rss', url: input.url };
  }
}

/** The form field a refusal belongs beside (the rest are shown above the form). */
export const FIELD_OF_REFUSAL: Partial<Record<ImportSourceErrorCode, keyof SourceFormInput>> = {
  not_an_address: 'url',
  credentials_in_address: 'url',
  https_only: 'url',
  bad_hashtag: 'hashtags',
  bluesky_needs_account: 'account',
};

/** The catalogue key of each refusal, as the Action answers it. */
export function refusalMessage(code: ImportSourceErrorCode): MessageKey {
  return `importSources.error.${code}`;
}

/** The field a catalogue key names a refusal of, when it is one of `FIELD_OF_REFUSAL`'s. */
export function fieldOfMessage(key: MessageKey): keyof SourceFormInput | undefined {
  const code = /^importSources\.error\.(.+)$/.exec(key)?.[1] as ImportSourceErrorCode | undefined;
  return code ? FIELD_OF_REFUSAL[code] : undefined;
}

/** Sources at `http://127.0.0.1` are for tests only (IMPORT_ALLOW_LOCAL=1), as for the command line. */
export function addressPolicyOf(env: Record<string, string | undefined> = process.env): AddressPolicy {
  return { allowLocal: env.IMPORT_ALLOW_LOCAL === '1' };
}
