// The CLI's one error boundary: what escaped a command becomes an exit code. Bad input (any library's
// InputError, the CLI's UserError) and a full disk are one line without a stack; anything else is a bug,
// printed with its stack as a bug report.
import { NoSpaceError } from '../engine/store/atomic-write.js';
import { InputError } from '../util/input-error.js';
import { UserError } from './user-error.js';

/** Exit code for a broken invariant (BSD sysexits EX_SOFTWARE). */
const EXIT_INTERNAL = 70;

/** Maps what escaped a command to an exit code, printing the message `write` receives. */
export function exitCodeFor(error: unknown, write: (text: string) => void): number {
  if (isCommanderError(error)) return error.exitCode; // commander has printed its message already
  if (error instanceof InputError) {
    write(`pipe: ${error.message}\n`);
    return error instanceof UserError ? error.exitCode : 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof NoSpaceError || code === 'ENOSPC' || code === 'EDQUOT') {
    const where = error instanceof NoSpaceError ? error.path : ((error as NodeJS.ErrnoException).path ?? 'a file');
    write(`pipe: no space left on device while writing ${where}\n`);
    return 1;
  }
  write(`pipe: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_INTERNAL;
}

/** Runs `command`; what escapes it becomes process.exitCode (printed on stderr as exitCodeFor says) and `onError`. */
export async function withExitCode<T>(command: () => Promise<T>, onError: T): Promise<T> {
  try {
    return await command();
  } catch (error) {
    process.exitCode = exitCodeFor(error, (text) => void process.stderr.write(text));
    return onError;
  }
}

/**
 * A CommanderError (help shown, a usage error printed), recognised by its `commander.*` code rather than by
 * class, so that this module does not load commander (the quick repro/status path never needs it).
 */
function isCommanderError(error: unknown): error is Error & { exitCode: number } {
  const e = error as { code?: unknown; exitCode?: unknown } | null;
  return error instanceof Error && typeof e?.code === 'string' && e.code.startsWith('commander.') && typeof e.exitCode === 'number';
}
