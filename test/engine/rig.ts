// Scenario-test rig: a temp project dir, the built `pipe` CLI, and a fake stage command that records every
// invocation in a log so tests can count runs and check their order.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PIPE_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/pipe.js');

/** `sh fake.sh NAME OUT [IN…]`: logs "start NAME"/"end NAME", writes NAME + the inputs' content to OUT. */
const FAKE = `#!/bin/sh
name=$1; out=$2; shift 2
echo "start $name" >> "$RIG_LOG"
if [ -n "$out" ]; then
  mkdir -p "$(dirname "$out")"
  { echo "$name \${FAKE_EXTRA:-}"; for f in "$@"; do cat "$f"; done; } > "$out"
fi
echo "end $name" >> "$RIG_LOG"
`;

export interface PipeResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class Rig {
  readonly dir: string;
  readonly log: string;

  /** `entry`: the script `pipe` runs (default bin/pipe.js; dist/src/cli/main.js skips the quick bundle). */
  constructor(private readonly entry = PIPE_BIN) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'pipe-rig-'));
    this.log = path.join(this.dir, '.rig-log');
    this.write('fake.sh', FAKE);
  }

  /** The shell command running the fake stage `name` writing `out` from `ins`. */
  fake(name: string, out: string, ...ins: string[]): string {
    return `sh ${path.join(this.dir, 'fake.sh')} ${name} ${out} ${ins.join(' ')}`.trim();
  }

  write(rel: string, content: string): void {
    const abs = path.join(this.dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    rmSync(abs, { force: true });
    writeFileSync(abs, content);
  }

  read(rel: string): string {
    return readFileSync(path.join(this.dir, rel), 'utf8');
  }

  exists(rel: string): boolean {
    return existsSync(path.join(this.dir, rel));
  }

  remove(rel: string): void {
    rmSync(path.join(this.dir, rel), { recursive: true, force: true });
  }

  /** Lines of the invocation log. */
  events(): string[] {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').trim().split('\n').filter(Boolean) : [];
  }

  /** How many times the fake stage `name` started. */
  count(name: string): number {
    return this.events().filter((l) => l === `start ${name}`).length;
  }

  /** Starts `pipe args…` in the rig dir (or `cwd` below it). */
  spawn(args: readonly string[], env: Record<string, string> = {}, cwd = ''): ChildProcess {
    return spawn(process.execPath, [this.entry, ...args], {
      cwd: path.join(this.dir, cwd),
      env: { ...process.env, RIG_LOG: this.log, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Runs `pipe args…` to completion. */
  pipe(args: readonly string[], env: Record<string, string> = {}, cwd = ''): Promise<PipeResult> {
    const child = this.spawn(args, env, cwd);
    return collect(child);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Output and exit code of a spawned process. */
export function collect(child: ChildProcess): Promise<PipeResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal === null ? 1 : 128), stdout, stderr })));
}

/** Polls until `predicate` holds (no wall-clock assertion: only a generous give-up). */
export async function waitFor(predicate: () => boolean, what: string, giveUpMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > giveUpMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
