import type { ReportTargetType } from '../../../db/types.ts';
import { REPORT_NOTE_MAX, REPORT_REASONS } from '../reports/reasons.ts';
import { reportTargetKey } from '../../components/reports/report-state.ts';
import type { ReportFormError } from '../../components/reports/report-state.ts';
import { REPORT_FORM_LABELS, REPORT_REASON_LABELS } from '../../components/reports/report-labels.ts';
import { attr, markup } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { RenderView } from './view.ts';

/** components/reports/ReportForm.astro: the "Signaler" form under a souvenir or a comment. */
export function reportFormHtml(
  view: RenderView,
  targetType: ReportTargetType,
  publicId: string,
  action: string,
  error: ReportFormError | null,
  open = false,
): SafeHtml {
  const { t } = view;
  const id = `signaler-${reportTargetKey(targetType, publicId)}`;
  const mine = error && error.targetKey === reportTargetKey(targetType, publicId) ? error : null;
  const values = mine?.values ?? {};
  const labels = REPORT_FORM_LABELS[targetType];
  const refusal =
    mine &&
    markup`<p class="form-error" role="alert"${attr('id', `${id}-error`)} tabindex="-1" autofocus>${mine.message}</p>`;
  const reasons = REPORT_REASONS.map(
    (reason) =>
      markup`<div class="report-reason"><input type="radio" name="reason"${attr('id', `${id}-${reason}`)}${attr('value', reason)} required${attr('checked', values.reason === reason)}><label${attr('for', `${id}-${reason}`)}>${t(REPORT_REASON_LABELS[reason])}</label></div>`,
  );
  return markup`<details class="report"${attr('id', id)}${attr('open', mine || open ? true : undefined)}><summary>${t(labels.summary)}</summary><form method="post"${attr('action', `${action}#${id}`)} class="report-form" novalidate>${refusal}<input type="hidden" name="targetType"${attr('value', targetType)}><input type="hidden" name="target"${attr('value', publicId)}><fieldset class="report-reasons"${attr('aria-describedby', mine ? `${id}-error` : undefined)}><legend>${t(labels.question)}</legend>${reasons}</fieldset><div class="field"><label${attr('for', `${id}-note`)}>${t('report.note')}</label><p class="hint"${attr('id', `${id}-note-hint`)}>${t('report.noteHint')}</p><textarea${attr('id', `${id}-note`)} name="note" rows="3"${attr('maxlength', REPORT_NOTE_MAX)}${attr('aria-describedby', `${id}-note-hint`)}>${values.note ?? ''}</textarea></div><p><button type="submit" class="button">${t('report.submit')}</button></p></form></details>`;
}
