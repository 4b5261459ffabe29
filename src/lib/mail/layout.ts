/** One block of a message: a paragraph of plain text, a link on a line of its own, or a quotation. */
export type MailBlock = { text: string } | { link: string; label: string } | { quote: string };

export interface MailParts {
  /** The first line (a greeting). */
  heading: string;
  blocks: MailBlock[];
  /** Small print at the end: why this message came. */
  footer: string[];
  lang: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every string that reaches the HTML part goes through here: names, titles and texts are the public's. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A subject line as a header may carry it: line breaks and other controls become spaces (the
 * texts it quotes refuse them already; this is the second lock), at most 150 characters.
 */
export function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, 150);
}

/** A text quoted in a message: its first `max` characters, on one paragraph. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function textPart(parts: MailParts): string {
  const blocks = parts.blocks.map((b) =>
    'text' in b ? b.text : 'link' in b ? `${b.label}\n${b.link}` : b.quote.replace(/^/gm, '> '),
  );
  return [parts.heading, ...blocks, '-- ', ...parts.footer].join('\n\n') + '\n';
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f6f3ee;color:#222;font-family:Georgia,serif;font-size:17px;line-height:1.5',
  card: 'max-width:560px;margin:0 auto;background:#fff;padding:24px 28px;border-radius:6px',
  link: 'color:#7a3b12;word-break:break-all',
  quote: 'margin:16px 0;padding:8px 16px;border-left:3px solid #c9b79c;color:#444;white-space:pre-wrap',
  footer: 'max-width:560px;margin:16px auto 0;color:#666;font-size:14px;font-family:Arial,sans-serif',
};

function htmlPart(parts: MailParts): string {
  const blocks = parts.blocks.map((b) =>
    'text' in b
      ? `<p>${escapeHtml(b.text)}</p>`
      : 'link' in b
        ? `<p>${escapeHtml(b.label)}<br><a href="${escapeHtml(b.link)}" style="${STYLE.link}">${escapeHtml(b.link)}</a></p>`
        : `<blockquote dir="auto" style="${STYLE.quote}">${escapeHtml(b.quote)}</blockquote>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(parts.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    '<title>Mur des Souvenirs</title></head>',
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    `<p>${escapeHtml(parts.heading)}</p>`,
    ...blocks,
    '</div>',
    `<div style="${STYLE.footer}">${parts.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join('')}</div>`,
    '</body></html>',
  ].join('\n');
}

/** The plain-text and HTML parts of one message, from the same blocks. */
export function renderMail(parts: MailParts): { text: string; html: string } {
  return { text: textPart(parts), html: htmlPart(parts) };
}
