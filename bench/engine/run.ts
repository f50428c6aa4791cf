// Engine benchmark: first and no-op `pipe repro`, and `pipe status`, on a pipeline whose deps hold 10,000 small
// files and one 1 GB file; cold-process hashing of the 1 GB file; Snakemake side by side when installed.
// Usage: npx tsx bench/engine/run.ts [--dir DIR] [--repeat N]   (build first: npx tsc -p tsconfig.json)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, timeCommand, type Timing } from '../lib/cli-timing.js';
import { buildFixture } from './fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const pipeBin = path.join(repoRoot, 'bin', 'pipe.js');
const hashOne = path.join(repoRoot, 'dist', 'bench', 'engine', 'hash-one.js');
const noopFloor = path.join(repoRoot, 'dist', 'bench', 'engine', 'noop-floor.js');

const dir = argValue('--dir') ?? path.join(tmpdir(), 'pipe-bench-engine');
const repeat = Number(argValue('--repeat') ?? '5');

interface BestTiming extends Timing {
  /** Median CPU seconds over the repeats (less sensitive to other load than the best run's CPU). */
  readonly cpuMedian?: number | undefined;
}

function best(cmd: string, cmdArgs: readonly string[]): BestTiming {
  let min: BestTiming = { wall: Number.POSITIVE_INFINITY, cpu: undefined };
  const cpus: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = timeCommand(dir, cmd, cmdArgs);
    if (t.cpu !== undefined) cpus.push(t.cpu);
    if (t.wall < min.wall) min = t;
  }
  cpus.sort((a, b) => a - b);
  return { ...min, cpuMedian: cpus.length === 0 ? undefined : cpus[Math.floor(cpus.length / 2)] };
}

function hasSnakemake(): boolean {
  return spawnSync('snakemake', ['--version'], { encoding: 'utf8' }).status === 0;
}

const rows: [string, string, string, string][] = [];
const fmt = (t: BestTiming | number | undefined): string => {
  if (t === undefined) return 'n/a';
  if (typeof t === 'number') return `${t.toFixed(3)} s`;
  return `${t.wall.toFixed(3)} s` + (t.cpu === undefined ? '' : ` (cpu ${t.cpu.toFixed(2)} s` + (t.cpuMedian === undefined ? ')' : `, median ${t.cpuMedian.toFixed(2)} s)`));
};
const ratio = (a: Timing | undefined, b: Timing | undefined): string => (a === undefined || b === undefined ? '' : `${(b.wall / a.wall).toFixed(1)}×`);

process.stdout.write(`Building fixture in ${dir} (10,000 × 1 KiB + 1 GB)…\n`);
buildFixture(dir);
for (const p of ['.pipe', 'cache', 'pipeline.lock', 'out', '.snakemake']) rmSync(path.join(dir, p), { recursive: true, force: true });
execFileSync('mkdir', ['-p', path.join(dir, 'out')]);

const firstRun = timeCommand(dir, process.execPath, [pipeBin, 'repro']);
const noop = best(process.execPath, [pipeBin, 'repro']);
const status = best(process.execPath, [pipeBin, 'status']);
// what any Node no-op pays: the runtime's start alone, then start + reading the state + listing and stat'ing the files
const nodeStart = best(process.execPath, ['-e', '0']);
const floor = best(process.execPath, [noopFloor, path.join(dir, 'data', 'small'), path.join(dir, '.pipe', 'state.bin')]);
const hashCold = best(process.execPath, [hashOne, path.join(dir, 'data', 'big.bin')]);
let hashInProcess = Number.POSITIVE_INFINITY;
for (let i = 0; i < repeat; i++) {
  const out = execFileSync(process.execPath, [hashOne, path.join(dir, 'data', 'big.bin')], { encoding: 'utf8' });
  hashInProcess = Math.min(hashInProcess, Number(out.split(' ')[0]));
}

let smFirst: Timing | undefined;
let smNoop: Timing | undefined;
let smDry: Timing | undefined;
if (hasSnakemake()) {
  const sm = ['-j', '1', '--quiet'];
  smFirst = timeCommand(dir, 'snakemake', sm);
  smNoop = best('snakemake', sm);
  smDry = best('snakemake', ['-n', '--quiet']);
}

rows.push(['first `pipe repro` (hashes everything)', fmt(firstRun), fmt(smFirst), ratio(firstRun, smFirst)]);
rows.push(['no-op `pipe repro`', fmt(noop), fmt(smNoop), ratio(noop, smNoop)]);
rows.push(['`pipe status` (vs `snakemake -n`)', fmt(status), fmt(smDry), ratio(status, smDry)]);
rows.push(['reference: `node -e 0` (Node start-up alone)', fmt(nodeStart), '', '']);
rows.push(['reference: Node start + state read + readdir + 10,000 stat (no-op floor)', fmt(floor), '', '']);
rows.push(['hash 1 GB, cold process (whole process)', fmt(hashCold), '', '']);
rows.push(['hash 1 GB, in-process time', fmt(hashInProcess), '', '']);

const header = ['case', 'pipe: wall (cpu)', 'snakemake 7.21: wall (cpu)', 'snakemake / pipe (wall)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
process.stdout.write(`\nbest of ${repeat} (first run: once)${existsSync('/proc/loadavg') ? `, load average ${execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ')}` : ''}\n`);
process.stdout.write([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n');
