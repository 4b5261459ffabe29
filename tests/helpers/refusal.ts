/**
 * The code of the domain error of `kind` that `promise` is refused with, or 'none' when it is
 * accepted: one line per refusal in a test. Any other error fails the test as it is.
 */
export async function refusalCode(
  promise: Promise<unknown>,
  kind: abstract new (...args: never[]) => { code: string },
): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof kind) return error.code;
    throw error;
  }
  return 'none';
}
