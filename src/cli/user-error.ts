// A mistake of the user's (bad file, bad flag): printed as one line without a stack trace. The CLI's own input
// error; libraries throw their InputError subclasses, which the CLI prints the same way (error-boundary.ts).
import { InputError } from '../util/input-error.js';

export class UserError extends InputError {
  /** `message` should name the file or flag and what is wrong with it. */
  constructor(message: string, readonly exitCode = 1) {
    super('usage', message);
    this.name = 'UserError';
  }
}
