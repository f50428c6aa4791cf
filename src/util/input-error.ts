// The one base of every library's input errors: a problem with what the user gave (a file, a flag, a param),
// discriminated by a kebab-case `reason` for programs and a one-line `message` naming the culprit for people.
// The CLI and the stage runner print these as one line; anything else is a bug and keeps its stack.

/** Bad input, as opposed to a broken invariant. Subclasses narrow `reason`. */
export class InputError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** True for an expected input failure (an InputError or a subclass). */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
