// What the benchmark scripts share: reading `--name value` options, and timing one command's wall and CPU time
// (user + system of its whole process tree, from GNU time when installed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The value after `name` in `argv` (default: this script's arguments), or undefined when absent. */
export function argValue(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Wall seconds, and CPU seconds of the process tree (undefined without GNU time). */
export interface Timing {
  readonly wall: number;
  readonly cpu: number | undefined;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `cmd cmdArgs` in `cwd` once and times it; throws with its output when it fails. */
export function timeCommand(cwd: string, cmd: string, cmdArgs: readonly string[], env: NodeJS.ProcessEnv = process.env): Timing {
  const argv = existsSync(GNU_TIME) ? [GNU_TIME, '-f', 'CPU %U %S', cmd, ...cmdArgs] : [cmd, ...cmdArgs];
  const start = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', env });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m === null ? undefined : Number(m[1]) + Number(m[2]) };
}
