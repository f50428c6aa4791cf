// `pipe annotate` (the web annotation tool) and `pipe annotate export` (a dataset snapshot from the log). The
// server and its dependencies are imported inside the actions so that `pipe`'s startup does not pay for them.
import type { Command } from 'commander';
import { UserError } from './user-error.js';

interface AnnotateFlags {
  audio?: string;
  out: string;
  host: string;
  port: string;
  config?: string;
}

interface ExportFlags {
  audio?: string;
  out: string;
  to: string;
  config?: string;
}

/** Maps the annotation module's expected failures to one-line user errors. */
async function asUserError<T>(work: () => T | Promise<T>): Promise<T> {
  const { isAnnotateUserError } = await import('../annotate/index.js');
  try {
    return await work();
  } catch (error) {
    if (isAnnotateUserError(error)) throw new UserError((error as Error).message);
    throw error;
  }
}

async function annotateAction(source: string | undefined, flags: AnnotateFlags): Promise<void> {
  const annotate = await import('../annotate/index.js');
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port}: expected an integer 0–65535`);
  const opened = await asUserError(() => annotate.resolveInputs({ input: source, audio: flags.audio, out: flags.out, config: flags.config }));
  for (const line of opened.problemLines.slice(0, 20)) process.stderr.write(`pipe annotate: skipped ${line}\n`);
  if (opened.problemLines.length > 20) process.stderr.write(`pipe annotate: … ${opened.problemLines.length - 20} more rows skipped (listed on the page)\n`);
  const server = await annotate.startAnnotateServer({ session: opened.session, config: opened.config, host: flags.host, port }).catch((error: unknown) => {
    opened.session.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UserError(`--host ${flags.host} --port ${flags.port}: cannot listen (${code})`);
    throw error;
  });
  const token = opened.config.generated;
  const input = opened.session.input;
  process.stderr.write(`pipe annotate: ${input.suggestions.length} suggestions of ${input.recordings.size} recordings; log ${flags.out}/annotations.jsonl\n`);
  process.stdout.write(`${server.url}${token === undefined ? '' : `#token=${token}`}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function exportAction(input: string | undefined, flags: ExportFlags): Promise<void> {
  const annotate = await import('../annotate/index.js');
  const result = await asUserError(() => annotate.exportFromFolder({ input, audio: flags.audio, out: flags.out, config: flags.config, to: flags.to }));
  process.stderr.write(`pipe annotate export: ${result.nSegments} segments of ${result.nAudioFiles} recordings${result.unresolved > 0 ? `, ${result.unresolved} unresolved conflicts left out` : ''}${result.existed ? ' (unchanged snapshot)' : ''}\n`);
  process.stdout.write(`${result.dir}\n`);
}

/**
 * Registers `pipe annotate` and `pipe annotate export`. The export is a first argument rather than a commander
 * subcommand because both share `--out`/`--audio`/`--config`, which a parent command would take for itself.
 */
export function registerAnnotateCommand(program: Command): void {
  program
    .command('annotate')
    .usage('[input] [options]  |  pipe annotate export [input] [--out DIR] [--to DIR]')
    .description('Annotate model suggestions in the browser (waveform, spectrogram, keyboard) with a provenance log; `export` writes a dataset snapshot (recordings + label files + manifest, agreement, changes) named by its content hash')
    .argument('[input]', 'prelabels .json/.csv from `pipe predict`, or a folder of recordings with label files (default: the one --out was opened with); or `export`')
    .argument('[exportInput]', 'after `export`: the input (default: the one recorded in --out/session.json)')
    .option('--audio <dir>', 'folder of the recordings (audio is served only from here; default: the input folder)')
    .option('--out <dir>', 'annotation folder: the log annotations.jsonl and session.json', 'annotations')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: any free one)', '8100')
    .option('--config <file>', 'annotate.yaml: tokens with roles (annotator, reviewer, viewer), labels, context_seconds')
    .option('--to <dir>', 'export: where the snapshot folder is created', 'snapshots')
    .action((input: string | undefined, exportInput: string | undefined, flags: AnnotateFlags & ExportFlags) =>
      input === 'export' ? exportAction(exportInput, flags) : exportInput !== undefined ? Promise.reject(new UserError(`unexpected argument '${exportInput}'`)) : annotateAction(input, flags),
    );
}
