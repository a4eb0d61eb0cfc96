/**
 * CLI failures and exit codes. Exit 0: ok. Exit 1: the input was fine but a requirement is not
 * met (a service is infeasible, a verification failed, a deadline ratio missed). Exit 2: bad input
 * (unknown service, unparsable quantity, malformed JSON, out-of-range value) — reported as ONE
 * line on stderr, never a stack trace. Exit 3 is reserved for an internal error (a bug).
 */

export const EXIT_OK = 0;
export const EXIT_UNMET = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** Bad input: the command cannot run as asked. The message is the one line the user sees. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
  readonly exitCode = EXIT_BAD_INPUT;
}

/** Throw a bad-input failure (exit 2). */
export function badInput(message: string): never {
  throw new CliInputError(message);
}

/** Collapse any message to one trimmed line (multi-line decode errors are joined with `; `). */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .join('; ');
}

/** Anything that carries a `message` string (PhyError, Infeasible, Error). */
export function messageOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return String(e);
}
