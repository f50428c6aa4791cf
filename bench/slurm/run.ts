// Slurm benchmark on this machine's one-node cluster (test/slurm/start-cluster.sh): the overhead per job (one
// trivial stage, forced) and a 100-item foreach of trivial jobs, for `pipe` local, `pipe --executor slurm` and
// Snakemake on the same DAG. Prints wall time, the submitting process tree's CPU time and the submissions.
// Usage: npx tsc -p tsconfig.json && npx tsx bench/slurm/run.ts [--items 100] [--repeat 3]
//
// Snakemake: Debian's 7.21 has `--slurm`, but it needs slurmdbd (it checks the account with sacctmgr and polls
// sacct), which this cluster does not run; so Snakemake runs in its generic cluster mode, one `sbatch --parsable`
// per job, as its own docs describe for clusters without accounting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, timeCommand, type Timing } from '../lib/cli-timing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pipeBin = path.join(repoRoot, 'bin', 'pipe.js');
const items = Number(argValue('--items') ?? '100');
const repeat = Number(argValue('--repeat') ?? '3');
const base = path.join(tmpdir(), 'pipe-bench-slurm');

/** Best wall time of `repeat` runs, each after `reset` (each run is also printed, as a progress line). */
function best(cwd: string, reset: () => void, cmd: string, cmdArgs: readonly string[]): Timing {
  let min: Timing = { wall: Number.POSITIVE_INFINITY, cpu: undefined };
  for (let i = 0; i < repeat; i++) {
    reset();
    const t = timeCommand(cwd, cmd, cmdArgs, { ...process.env, USER: process.env['USER'] ?? 'root' });
    console.error(`  ${path.basename(cwd)}: ${cmd} ${cmdArgs.slice(cmd === 'node' ? 1 : 0).join(' ')}: ${t.wall.toFixed(2)} s (cpu ${t.cpu?.toFixed(2) ?? '?'} s)`);
    if (t.wall < min.wall) min = t;
  }
  return min;
}

function project(name: string, n: number): string {
  const dir = path.join(base, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, '.pipe'), { recursive: true });
  writeFileSync(path.join(dir, '.pipe/config.yaml'), 'slurm:\n  poll_max_s: 2\n  fs_wait_s: 10\n');
  writeFileSync(path.join(dir, 'params.yaml'), `items: [${Array.from({ length: n }, (_, i) => i).join(', ')}]\n`);
  const stage = n === 1 ? 'stages:\n  one:\n    cmd: echo 0 > out/0.txt\n    outs: [out/0.txt]\n' : 'stages:\n  item:\n    foreach: ${items}\n    do:\n      cmd: echo ${item} > out/${item}.txt\n      outs:\n        - out/${item}.txt\n';
  writeFileSync(path.join(dir, 'pipeline.yaml'), stage);
  writeFileSync(
    path.join(dir, 'Snakefile'),
    `rule all:\n    input: expand("out/{i}.txt", i=range(${n}))\nrule item:\n    output: "out/{i}.txt"\n    shell: "echo {wildcards.i} > {output}"\n`,
  );
  mkdirSync(path.join(dir, 'out'));
  mkdirSync(path.join(dir, 'logs'));
  return dir;
}

/** Submission directories of the newest pipe run (one per sbatch call). */
function pipeSubmissions(dir: string): number {
  const runs = path.join(dir, '.pipe/slurm/runs');
  if (!existsSync(runs)) return 0;
  const newest = readdirSync(runs).sort().at(-1);
  return newest === undefined ? 0 : readdirSync(path.join(runs, newest)).length;
}

const rows: string[][] = [];
const fmt = (t: Timing): string => `${t.wall.toFixed(2)} s (cpu ${t.cpu?.toFixed(2) ?? '?'} s)`;
const snakemake = spawnSync('snakemake', ['--version'], { encoding: 'utf8' }).status === 0;

for (const [label, n] of [['1 trivial job (per-job overhead)', 1], [`${items}-item foreach of trivial jobs`, items]] as const) {
  const dir = project(n === 1 ? 'one' : 'many', n);
  const clean = (): void => {
    rmSync(path.join(dir, 'out'), { recursive: true, force: true });
    mkdirSync(path.join(dir, 'out'));
    rmSync(path.join(dir, '.snakemake'), { recursive: true, force: true });
  };
  const local = best(dir, clean, 'node', [pipeBin, 'repro', '-f']);
  const slurm = best(dir, clean, 'node', [pipeBin, 'repro', '-f', '--executor', 'slurm', '-j', String(Math.max(n, 1))]);
  const subs = pipeSubmissions(dir);
  const row = [label, fmt(local), `${fmt(slurm)}, ${subs} submission${subs === 1 ? '' : 's'}`];
  if (snakemake) {
    const smkLocal = best(dir, clean, 'snakemake', ['-j', '2', '--forceall', '--quiet']);
    const smk = best(dir, clean, 'snakemake', ['--cluster', 'sbatch --parsable -o logs/%j.out', '-j', String(Math.max(n, 1)), '--latency-wait', '10', '--forceall', '--quiet']);
    row.push(fmt(smkLocal), `${fmt(smk)}, ${n} submission${n === 1 ? '' : 's'}`);
  }
  rows.push(row);
}

const head = ['case', 'pipe local (-j cores)', 'pipe --executor slurm', ...(snakemake ? ['snakemake 7.21 local', 'snakemake 7.21 --cluster sbatch'] : [])];
console.log(`best of ${repeat}; load at the end: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`);
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
