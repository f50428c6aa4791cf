// Runs `pipe annotate` as a real process (the built CLI, as the scenario tests do) and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PIPE_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/pipe.js');

export interface AnnotateProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
}

/** Starts `pipe annotate …args` on a free port and resolves with its URL once it listens. */
export function startAnnotateProcess(args: string[], env: Record<string, string>): Promise<AnnotateProcess> {
  const child = spawn(process.execPath, [PIPE_BIN, 'annotate', ...args, '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^(http:\/\/\S+?\/)(#|\s|$)/m.exec(out);
      if (match?.[1] !== undefined) resolvePromise({ child, url: match[1], stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`pipe annotate exited with ${code}: ${err}`)));
  });
}
