// Public API of the annotation tool (used by the CLI): open an input with its audio and log, serve it, export it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic-write.js';
import { AnnotateConfigError, loadAnnotateConfig, type AnnotateConfig } from './annotate-config.js';
import { AnnotateSession } from './annotate-session.js';
import { writeSnapshot, type SnapshotResult } from './export/snapshot.js';
import { LogLockedError, LOG_FILE, readLog } from './log-store.js';
import { AnnotationState } from './item-state.js';
import { openInput, type OpenedInput } from './open-input.js';
import { PrelabelsError } from './read-prelabels.js';
import { formatProblem } from './suggestion.js';

export { startAnnotateServer, type AnnotateServer } from './server.js';
export { AnnotateSession } from './annotate-session.js';
export { loadAnnotateConfig } from './annotate-config.js';
export { openInput } from './open-input.js';
export { readLog, LogStore } from './log-store.js';
export { writeSnapshot } from './export/snapshot.js';
export { cohenKappa } from './export/cohen-kappa.js';

/** A mistake in the user's input or setup (printed as one line by the CLI). */
export class AnnotateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotateInputError';
  }
}

/** Whether an error is the user's to fix (bad file, bad config, folder in use), not a bug. */
export function isAnnotateUserError(error: unknown): boolean {
  return error instanceof AnnotateInputError || error instanceof PrelabelsError || error instanceof AnnotateConfigError || error instanceof LogLockedError;
}

export interface InputFlags {
  readonly input?: string;
  readonly audio?: string;
  readonly out: string;
  readonly config?: string;
}

const sessionFileSchema = z.object({ input: z.string(), audio: z.string() });

/** Input and audio folder: as given, else as recorded in `<out>/session.json` by an earlier run. */
function inputsOf(flags: InputFlags): { input: string; audio: string } {
  const file = join(flags.out, 'session.json');
  let recorded: { input: string; audio: string } | undefined;
  if (existsSync(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new AnnotateInputError(`${file}: not valid JSON`);
    }
    const parsed = sessionFileSchema.safeParse(raw);
    if (!parsed.success) throw new AnnotateInputError(`${file}: expected {input, audio}`);
    recorded = parsed.data;
  }
  const input = flags.input ?? recorded?.input;
  if (input === undefined) throw new AnnotateInputError(`no input: give a prelabels file or label folder (${file} does not name one)`);
  if (!existsSync(input)) throw new AnnotateInputError(`${input}: no such file or folder`);
  const audio = flags.audio ?? (flags.input === undefined ? recorded?.audio : undefined) ?? (statSync(input).isDirectory() ? input : undefined);
  if (audio === undefined) throw new AnnotateInputError('--audio: the folder of the recordings is required with a prelabels file');
  if (!existsSync(audio)) throw new AnnotateInputError(`--audio ${audio}: no such folder`);
  return { input: resolve(input), audio: resolve(audio) };
}

function open(flags: InputFlags): { opened: OpenedInput; config: AnnotateConfig } {
  const config = loadAnnotateConfig(flags.config);
  const { input, audio } = inputsOf(flags);
  const opened = openInput(input, audio, { labels: config.labels });
  if (opened.suggestions.length === 0 && opened.problems.length > 0) {
    throw new AnnotateInputError(`${input}: no valid suggestion (first problem: ${formatProblem(opened.problems[0]!)})`);
  }
  return { opened, config };
}

/** Opens the input, the audio and the log for the server; records the inputs in `<out>/session.json`. */
export function resolveInputs(flags: InputFlags): { session: AnnotateSession; config: AnnotateConfig; problemLines: string[] } {
  const { opened, config } = open(flags);
  const session = new AnnotateSession(opened, flags.out);
  writeFileAtomic(join(flags.out, 'session.json'), `${JSON.stringify({ input: opened.source, audio: opened.audio.dir }, null, 2)}\n`);
  const problemLines = opened.problems.map(formatProblem);
  if (session.logRead.tornTail) problemLines.push(`${join(flags.out, LOG_FILE)}: an unfinished last line (never acknowledged) was cut off`);
  for (const line of session.logRead.badLines) problemLines.push(`${join(flags.out, LOG_FILE)}: row ${line}: not a valid event, ignored`);
  return { session, config, problemLines };
}

/** Reads the log (without taking the server's lock: export may run beside a live server) and writes a snapshot. */
export function exportFromFolder(flags: InputFlags & { readonly to: string }): SnapshotResult {
  const { opened } = open(flags);
  const state = new AnnotationState(opened.suggestions);
  for (const e of readLog(join(flags.out, LOG_FILE)).events) state.apply(e);
  return writeSnapshot(state, opened, flags.to);
}
