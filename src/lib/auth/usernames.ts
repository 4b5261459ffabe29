/** Usernames are compared lower-cased, with surrounding spaces dropped. */
export function normaliseUsername(value: string): string {
  return value.trim().toLowerCase();
}

// Letters, digits and . _ - : easy to type on any keyboard and safe in a URL or a log line.
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export function isValidUsername(normalised: string): boolean {
  return USERNAME.test(normalised);
}
