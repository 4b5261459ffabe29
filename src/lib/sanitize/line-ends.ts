/** The text with CRLF and lone CR line ends as `\n`: how the sanitiser reads a text, and a browser's form (CRLF) compares with a stored one. */
export function withLineFeeds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
