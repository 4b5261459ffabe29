import { formatDateTime } from '../i18n/index.ts';
import { plural } from '../i18n/plural.ts';
import type { CommentThread } from '../comments/list-comments.ts';
import type { PublicComment } from '../comments/model.ts';
import { commentReport } from '../../components/reports/comment-reports.ts';
import type { CommentReport, CommentReports } from '../../components/reports/comment-reports.ts';
import { attr, markup, trusted } from './html.ts';
import type { SafeHtml } from './html.ts';
import { reportFormHtml } from './report-form.ts';
import type { RenderView } from './view.ts';

/** components/comments/CommentItem.astro, with what it wraps (its replies) as `inner`. */
export function commentItemHtml(
  view: RenderView,
  comment: PublicComment,
  options: { replyHref?: string | undefined; isReply?: boolean; report?: CommentReport | undefined },
  inner: SafeHtml | null = null,
): SafeHtml {
  const { locale, t } = view;
  const { replyHref, isReply = false, report } = options;
  const date = comment.approvedAt ?? comment.createdAt;
  const headingId = `commentaire-${comment.publicId}-auteur`;
  const name = comment.authorWebsite
    ? markup`<a${attr('href', comment.authorWebsite)} rel="nofollow ugc" class="comment-author-link"><bdi>${comment.authorName}</bdi></a>`
    : markup`<bdi>${comment.authorName}</bdi>`;
  const reply =
    replyHref &&
    markup`<p class="comment-actions"><a class="comment-reply"${attr('href', replyHref)} rel="nofollow"${attr('aria-label', t('comment.replyTo', { name: comment.authorName }))}>${t('comment.reply')}</a></p>`;
  const reportForm =
    report &&
    (report.open
      ? reportFormHtml(view, 'comment', comment.publicId, report.action, report.error, true)
      : markup`<p class="report-link"><a${attr('href', report.href)} rel="nofollow"${attr('aria-label', t('report.commentBy', { name: comment.authorName }))}>${t('report.summary.comment')}</a></p>`);
  return markup`<article${attr('class', isReply ? 'comment reply' : 'comment')}${attr('id', `commentaire-${comment.publicId}`)}${attr('aria-labelledby', headingId)}><header class="comment-header"><p class="comment-author"${attr('id', headingId)}${attr('lang', comment.locale)}>${name}</p><p class="meta"><a${attr('href', `#commentaire-${comment.publicId}`)} class="comment-permalink"><time${attr('datetime', date.toISOString())}>${t('comment.postedOn', { date: formatDateTime(locale, date) })}</time></a></p></header><div class="comment-body souvenir-body"${attr('lang', comment.locale)} dir="auto">${trusted(comment.bodyHtml)}</div>${reply}${reportForm}${inner}</article>`;
}

/** components/comments/CommentReplies.astro: one level of replies, no reply link of their own. */
export function commentRepliesHtml(
  view: RenderView,
  replies: readonly PublicComment[],
  pagePath: string,
  reports: CommentReports | undefined,
): SafeHtml {
  const item = (reply: PublicComment) =>
    commentItemHtml(view, reply, {
      isReply: true,
      report: reports && commentReport(reports, pagePath, reply.publicId),
    });
  return markup`<ol class="comment-replies">${replies.map((reply) => markup`<li>${item(reply)}</li>`)}</ol>`;
}

/**
 * components/comments/CommentList.astro in one string: a souvenir's page with fifty comments was
 * two hundred component instances (issue 19). The component stays the reference, held equal byte
 * for byte by tests/components/render-templates.test.ts.
 */
export function commentListHtml(
  view: RenderView,
  threads: readonly CommentThread[],
  pagePath: string,
  reports?: CommentReports,
): string {
  const { locale, t } = view;
  const count = threads.reduce((n, thread) => n + (thread.comment ? 1 : 0) + thread.replies.length, 0);
  const heading = count === 0 ? t('comment.listTitle.none') : plural(locale, 'comment.count', count);
  const replyHref = (publicId: string) => `${pagePath}?repondre=${encodeURIComponent(publicId)}#commenter`;
  const thread = ({ comment, replies }: CommentThread) =>
    comment
      ? commentItemHtml(
          view,
          comment,
          {
            replyHref: replyHref(comment.publicId),
            report: reports && commentReport(reports, pagePath, comment.publicId),
          },
          replies.length > 0 ? commentRepliesHtml(view, replies, pagePath, reports) : null,
        )
      : markup`<article class="comment removed"><p class="meta">${t('comment.removed')}</p>${commentRepliesHtml(view, replies, pagePath, reports)}</article>`;
  const list =
    threads.length === 0
      ? markup`<p class="comments-empty">${t('comment.none')}</p>`
      : markup`<ol class="comment-list">${threads.map((one) => markup`<li>${thread(one)}</li>`)}</ol>`;
  return markup`<section class="comments" id="commentaires" aria-labelledby="commentaires-titre"><h2 id="commentaires-titre">${heading}</h2>${list}</section>`
    .value;
}
