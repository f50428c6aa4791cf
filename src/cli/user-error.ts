// A mistake of the user's (bad file, bad flag): printed as one line without a stack trace.
export class UserError extends Error {
  /** `message` should name the file or flag and what is wrong with it. */
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}
