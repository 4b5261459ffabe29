/**
 * A screen's words with their `{name}` placeholders filled, in the browser: the page hands the
 * catalogue's templates over in data attributes, so no catalogue is shipped to the screen.
 */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
