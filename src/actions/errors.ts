import { ActionError } from 'astro:actions';
import type { MessageKey } from '../lib/i18n/index.ts';
import { UserError } from '../lib/auth/users.ts';
import { CommentError } from '../lib/comments/create-comment.ts';
import { RegenerateLinkError } from '../lib/privacy/regenerate-link.ts';
import { ReportError } from '../lib/reports/file-report.ts';
import { RuleRefusal } from '../lib/rules/refusal.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { RateLimited } from '../lib/security/enforce-limit.ts';
import { CandleError } from '../lib/wall/candles.ts';
import { refusalToActionError } from './rule-refusal.ts';

/** How an Action answers one refusal: the HTTP status (Astro's ActionError code) and the sentence the page shows. */
interface Answer {
  status: ActionError['code'];
  message: MessageKey;
}

/** A domain's refusal and the answer to each of its codes: a code without an answer fails to compile. */
interface Answers<Code extends string> {
  refusal: abstract new (...args: never[]) => Error & { readonly code: Code };
  answers: Record<Code, Answer>;
}

const answers = <Code extends string>(table: Answers<Code>) => table;

const notFound = (message: MessageKey): Answer => ({ status: 'NOT_FOUND', message });
const badRequest = (message: MessageKey): Answer => ({ status: 'BAD_REQUEST', message });
const conflict = (message: MessageKey): Answer => ({ status: 'CONFLICT', message });

// Every refusal a domain function may throw at an Action, in one place (Coral's errors/translations.ts).
const TABLES: readonly Answers<string>[] = [
  answers({
    refusal: SanitizeError,
    answers: {
      too_long: badRequest('error.body.unsafe'),
      unparseable: badRequest('error.body.unsafe'),
      frameset: badRequest('error.body.frameset'),
    },
  }),
  answers({
    refusal: CommentError,
    answers: {
      souvenir_closed: notFound('comment.error.closed'),
      parent_invalid: conflict('comment.error.parent'),
      website_invalid: badRequest('error.website.invalid'),
    },
  }),
  answers({ refusal: ReportError, answers: { not_found: notFound('report.error.gone') } }),
  answers({ refusal: CandleError, answers: { not_found: notFound('candle.notFound') } }),
  answers({
    refusal: RegenerateLinkError,
    answers: { not_found: notFound('author.link.error.notFound'), withdrawn: conflict('author.link.error.withdrawn') },
  }),
  answers({
    refusal: UserError,
    answers: {
      not_found: notFound('team.error.not_found'),
      username_invalid: badRequest('team.error.username_invalid'),
      username_taken: conflict('team.error.username_taken'),
      display_name_invalid: badRequest('team.error.display_name_invalid'),
      password_too_short: badRequest('team.error.password_too_short'),
      password_too_long: badRequest('team.error.password_too_long'),
      wrong_password: badRequest('team.error.wrong_password'),
      last_admin: conflict('team.error.last_admin'),
      self: { status: 'FORBIDDEN', message: 'team.error.self' },
    },
  }),
];

function answerOf(error: unknown): Answer | null {
  for (const { refusal, answers: byCode } of TABLES) {
    if (error instanceof refusal) return byCode[error.code] ?? null;
  }
  return null;
}

/**
 * What an Action throws for whatever its domain call threw: a known refusal gets its status and
 * sentence from the tables above; a rate limit or a discussion rule gets 429/409 with the wait in
 * words (rule-refusal.ts); anything else is logged under `where` and answered 503 with
 * `unavailable`, the Action's own "try again later" sentence.
 */
export function toActionError(error: unknown, where: string, unavailable: MessageKey = 'error.generic'): ActionError {
  if (error instanceof ActionError) return error;
  if (error instanceof RuleRefusal || error instanceof RateLimited) return refusalToActionError(error);
  const answer = answerOf(error);
  if (answer) {
    // A refused body says something about what people try to post: worth a line, not an alarm.
    if (error instanceof SanitizeError) console.warn(`[${where}] body refused by the sanitiser: ${error.code}`);
    return new ActionError({ code: answer.status, message: answer.message });
  }
  console.error(`[${where}] failed:`, error);
  return new ActionError({ code: 'SERVICE_UNAVAILABLE', message: unavailable });
}
