// A stage's expected failure (bad data, bad params): printed as one line, exit code 1, no stack trace.
export class StageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageError';
  }
}

/** Runs a stage's main function: prints `stage: message` for StageError/RangeError and sets the exit code. */
export function runStage(stage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof StageError || error instanceof RangeError || error instanceof TypeError) {
      process.stderr.write(`${stage}: ${error.message}\n`);
    } else {
      process.stderr.write(`${stage}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  });
}
