import { describeFailure } from '../lib/ops/failure.ts';
import { ActionError } from 'astro:actions';
import type { MessageKey } from '../lib/i18n/index.ts';
import { UserError } from '../lib/auth/users.ts';
import { FirstAdminError } from '../lib/auth/first-admin.ts';
import { AuthorLinkError } from '../lib/contributions/author-link.ts';
import type { ContributionKind, ContributionStatus } from '../lib/contributions/kinds.ts';
import { CommentError } from '../lib/comments/create-comment.ts';
import { RegenerateLinkError } from '../lib/privacy/regenerate-link.ts';
import { DecisionError } from '../lib/moderation/decisions.ts';
import type { DecisionErrorCode } from '../lib/moderation/decisions.ts';
import { ReportError } from '../lib/reports/file-report.ts';
import { RuleRefusal } from '../lib/rules/refusal.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { RateLimited } from '../lib/security/enforce-limit.ts';
import { CandleError } from '../lib/wall/candles.ts';
import { PhotoEditError } from '../lib/photos/manage.ts';
import { PhotoError } from '../lib/photos/refusals.ts';
import { refusalToActionError } from './rule-refusal.ts';
import { LostLinksError } from '../lib/mail/lost-links.ts';
import { ResendError } from '../lib/mail/outbox-admin.ts';
import { TeamMailError } from '../lib/mail/team.ts';
import { VenueError } from '../lib/commemoration/venue-control.ts';
import { SilenceScheduleError } from '../lib/commemoration/silence-schedule.ts';
import { ImportSourceError } from '../lib/imports/sources.ts';
import { ImportRequestError } from '../lib/imports/request.ts';
import { ConsentError } from '../lib/imports/consent.ts';
import { CheckNowError } from '../lib/imports/check-now.ts';

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
    refusal: ImportRequestError,
    answers: {
      not_found: notFound('imports.error.notFound'),
      already_asked: conflict('imports.error.alreadyAsked'),
      rate_limited: { status: 'TOO_MANY_REQUESTS', message: 'imports.error.rateLimited' },
      cannot_ask: badRequest('imports.error.cannotAsk'),
      send_failed: { status: 'BAD_GATEWAY', message: 'imports.error.sendFailed' },
    },
  }),
  answers({
    refusal: ConsentError,
    answers: {
      not_found: notFound('consent.notFound'),
      not_proved: conflict('consent.error.notProved'),
      no_wall: badRequest('consent.error.noWall'),
      expired: conflict('consent.error.expired'),
      not_consented: conflict('consent.error.notConsented'),
      already_consented: conflict('consent.error.alreadyConsented'),
    },
  }),
  answers({
    refusal: ImportSourceError,
    answers: {
      not_an_address: badRequest('importSources.error.not_an_address'),
      credentials_in_address: badRequest('importSources.error.credentials_in_address'),
      https_only: badRequest('importSources.error.https_only'),
      bad_hashtag: badRequest('importSources.error.bad_hashtag'),
      unknown_kind: badRequest('importSources.error.unknown_kind'),
      bluesky_needs_account: badRequest('importSources.error.bluesky_needs_account'),
      has_consented_posts: conflict('importSources.error.has_consented_posts'),
      not_found: notFound('importSources.error.not_found'),
      busy: conflict('importSources.error.busy'),
    },
  }),
  answers({ refusal: CheckNowError, answers: { busy: conflict('importsCheck.error.busy') } }),
  answers({
    refusal: VenueError,
    answers: { not_approved: conflict('venue.error.notApproved'), not_on_screen: notFound('venue.error.notFound') },
  }),
  answers({
    refusal: SilenceScheduleError,
    answers: { invalid: badRequest('venue.error.schedule'), not_found: notFound('venue.error.silenceGone') },
  }),
  answers({
    refusal: LostLinksError,
    answers: { too_many: { status: 'TOO_MANY_REQUESTS', message: 'mail.lostLinks.tooMany' } },
  }),
  answers({ refusal: ResendError, answers: { not_resendable: conflict('mail.admin.error.notResendable') } }),
  answers({ refusal: TeamMailError, answers: { email_required: badRequest('mail.team.prefs.emailRequired') } }),
  answers({
    refusal: PhotoEditError,
    answers: { not_found: notFound('photo.notFound'), upload_gone: conflict('photo.uploadGone') },
  }),
  answers({
    refusal: PhotoError,
    answers: {
      empty: badRequest('photo.refused.empty'),
      tooBig: badRequest('photo.refused.tooBig'),
      tooMany: conflict('photo.refused.tooMany'),
      svg: badRequest('photo.refused.svg'),
      heic: badRequest('photo.refused.heic'),
      unsupported: badRequest('photo.refused.unsupported'),
      unreadable: badRequest('photo.refused.unreadable'),
      tooManyPixels: badRequest('photo.refused.tooManyPixels'),
    },
  }),
  answers({
    refusal: SanitizeError,
    answers: {
      too_long: badRequest('error.body.unsafe'),
      unparseable: badRequest('error.body.unsafe'),
      frameset: badRequest('error.body.frameset'),
      empty: badRequest('error.text.empty'),
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
  answers({
    refusal: AuthorLinkError,
    answers: {
      not_found: notFound('author.notFound'),
      not_pending: conflict('author.notPending'),
      withdrawn: conflict('author.withdrawnAlready'),
      changed: conflict('author.changed'),
    },
  }),
  answers({ refusal: ReportError, answers: { not_found: notFound('report.error.gone') } }),
  answers({ refusal: CandleError, answers: { not_found: notFound('candle.notFound') } }),
  answers({
    refusal: RegenerateLinkError,
    answers: { not_found: notFound('author.link.error.notFound'), withdrawn: conflict('author.link.error.withdrawn') },
  }),
  answers({
    refusal: FirstAdminError,
    answers: {
      gone: notFound('setup.error.gone'),
      common: badRequest('setup.error.common'),
      repetitive: badRequest('setup.error.common'),
      contains_username: badRequest('setup.error.containsUsername'),
    },
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

/** A moderator's step over contributions, whose refusals each kind words its own way. */
export type ModerationStep = 'decision' | 'edit' | 'dismissal';

/**
 * A moderation step refused on one contribution. The domain says what went wrong (a
 * `DecisionError` code, and the status the item has now); what the moderator reads depends on the
 * step and the kind as well, so the Action names both.
 */
export class StepRefused extends Error {
  readonly step: ModerationStep;
  readonly kind: ContributionKind;
  readonly code: DecisionErrorCode;
  readonly status: ContributionStatus | null;
  constructor(
    step: ModerationStep,
    kind: ContributionKind,
    code: DecisionErrorCode,
    status: ContributionStatus | null,
  ) {
    super(`${step} of a ${kind} refused: ${code}`);
    this.name = 'StepRefused';
    this.step = step;
    this.kind = kind;
    this.code = code;
    this.status = status;
  }
}

/** A `DecisionError` thrown by `step` on a `kind`, told as a `StepRefused`; anything else as it is. */
export function refusedIn(step: ModerationStep, kind: ContributionKind, error: unknown): unknown {
  return error instanceof DecisionError ? new StepRefused(step, kind, error.code, error.currentStatus) : error;
}

/** "This souvenir is now approved": one sentence per kind and status, for a decision that lost a race. */
const NOW_IN: Record<ContributionKind, Record<ContributionStatus, MessageKey>> = {
  souvenir: {
    pending: 'moderation.conflict.pending',
    approved: 'moderation.conflict.approved',
    rejected: 'moderation.conflict.rejected',
    spam: 'moderation.conflict.spam',
    trash: 'moderation.conflict.trash',
  },
  comment: {
    pending: 'moderation.comment.conflict.pending',
    approved: 'moderation.comment.conflict.approved',
    rejected: 'moderation.comment.conflict.rejected',
    spam: 'moderation.comment.conflict.spam',
    trash: 'moderation.comment.conflict.trash',
  },
};

/** A step's answer to each refusal, for one kind; a function where the status it has now matters. */
type StepAnswers = Record<DecisionErrorCode, Answer | ((status: ContributionStatus | null) => Answer)>;

/** A decision's answers for one kind: a conflict names the status the item has now. */
const decisionAnswers = (kind: ContributionKind, gone: MessageKey, notAllowed: MessageKey): StepAnswers => ({
  conflict: (status) => (status ? conflict(NOW_IN[kind][status]) : badRequest(notAllowed)),
  changed: conflict(kind === 'comment' ? 'moderation.comment.conflict.changed' : 'moderation.conflict.changed'),
  settled: conflict('report.error.settled'),
  not_found: notFound(gone),
  not_allowed: badRequest(notAllowed),
});

/** Dismissing reports refused: someone settled them first, or the item is gone (in a souvenir's words, whatever the kind). */
const DISMISSAL: StepAnswers = {
  conflict: conflict('report.error.settled'),
  changed: conflict('report.error.settled'),
  settled: conflict('report.error.settled'),
  not_found: notFound('moderation.error.notFound'),
  not_allowed: notFound('moderation.error.notFound'),
};

const STEPS: Record<ModerationStep, Record<ContributionKind, StepAnswers>> = {
  decision: {
    souvenir: decisionAnswers('souvenir', 'moderation.error.notFound', 'moderation.error.notAllowed'),
    comment: decisionAnswers('comment', 'moderation.comment.error.notFound', 'moderation.comment.error.notAllowed'),
  },
  edit: {
    souvenir: {
      conflict: conflict('moderation.edit.conflict'),
      changed: conflict('moderation.edit.conflict'),
      settled: conflict('moderation.edit.conflict'),
      not_allowed: badRequest('moderation.edit.withdrawn'),
      not_found: notFound('moderation.error.notFound'),
    },
    comment: {
      conflict: conflict('moderation.comment.edit.conflict'),
      changed: conflict('moderation.comment.edit.conflict'),
      settled: conflict('moderation.comment.edit.conflict'),
      not_allowed: badRequest('moderation.comment.edit.withdrawn'),
      not_found: notFound('moderation.comment.error.notFound'),
    },
  },
  dismissal: { souvenir: DISMISSAL, comment: DISMISSAL },
};

function answerOf(error: unknown): Answer | null {
  if (error instanceof StepRefused) {
    const answer = STEPS[error.step][error.kind][error.code];
    return typeof answer === 'function' ? answer(error.status) : answer;
  }
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
  // Never the error object itself: a database error carries the row and the parameters (ops/failure.ts).
  console.error(`[${where}] failed: ${describeFailure(error)}`);
  return new ActionError({ code: 'SERVICE_UNAVAILABLE', message: unavailable });
}
