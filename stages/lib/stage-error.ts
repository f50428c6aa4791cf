// A stage's expected failure (bad data, bad params): printed as one line, exit code 1, no stack trace.
import { InputError } from '../../src/util/input-error.js';

export class StageError extends InputError {
  constructor(message: string) {
    super('stage-input', message);
    this.name = 'StageError';
  }
}

/**
 * Runs a stage's main function: an InputError (a StageError, or any library's bad-input error such as WavError
 * or BundleError) prints `stage: message`; anything else, TypeError and RangeError included, is a bug and
 * prints with its stack. Either way the exit code is 1.
 */
export function runStage(stage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof InputError) {
      process.stderr.write(`${stage}: ${error.message}\n`);
    } else {
      process.stderr.write(`${stage}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  });
}
