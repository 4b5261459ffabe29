import type { SubmissionContext } from '../lib/contributions/submit.ts';
import type { Verdict } from '../lib/rules/evaluate.ts';
import type { Visit } from './visitor-handler.ts';

/**
 * How a visitor's souvenir or comment is stored: with the rules' verdict, or as spam when the
 * honeypot was filled in (kept, not dropped, so a person caught by mistake can still be found by
 * a moderator), and with the author's *received* message when the site knows its own address.
 */
export function submissionContext(
  visit: Pick<Visit, 'ipHash' | 'locals'>,
  verdict: Verdict,
  answer: { isRobot: boolean; notify: boolean | undefined },
): SubmissionContext {
  const { ipHash, locals } = visit;
  return {
    ipHash,
    ...(locals.origin ? { mail: { origin: locals.origin, subscribe: answer.notify ?? false } } : {}),
    ...(answer.isRobot
      ? { status: 'spam' as const, flagReasons: ['honeypot', ...verdict.reasons] }
      : { status: verdict.outcome, flagReasons: verdict.reasons }),
  };
}
