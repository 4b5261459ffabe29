/**
 * One CSV cell (RFC 4180: always quoted, quotes doubled), safe to open in a spreadsheet: a text
 * starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before them)
 * would be read as a formula, so it gets a leading apostrophe (OWASP, "CSV injection").
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
