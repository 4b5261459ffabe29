/**
 * A textarea's text as the page writes it. An HTML parser drops one line feed right after
 * `<textarea>`, so a text beginning with an empty line came back without it when its form was sent
 * again: a moderator correcting only a souvenir's title changed its text, and the author's page
 * then said the moderators had corrected it. One line feed written first is the one dropped.
 */
export function textareaContent(value: string): string {
  return `\n${value}`;
}
