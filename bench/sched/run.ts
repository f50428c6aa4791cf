// Core-budget benchmark: the research pipeline under one `pipe repro -j N` on a temp copy of the project, each
// stage's command wrapped in GNU time, so that every stage reports its own wall and CPU time while others run
// beside it. A stage whose CPU/wall exceeds the cores it was given (PIPE_CPUS) oversubscribed them; the table
// also shows the most cores reserved at once (from the stages' start/end times) against the budget.
// Usage: npx tsx bench/sched/run.ts [--clips 2400] [-j 2] [--cpus N] [--pipe path/to/bin/pipe.js] [--keep]
// (build first: npx tsc -p tsconfig.json; --pipe runs another build, e.g. main's, for a before/after).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { argValue } from '../lib/cli-timing.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TIME = '/usr/bin/time';

interface StageRun {
  readonly stage: string;
  readonly startS: number;
  readonly endS: number;
  readonly wallS: number;
  readonly cpuS: number;
  /** PIPE_CPUS the stage was given (undefined: none). */
  readonly cpus: number | undefined;
}

/** A temp project with the repo's pipeline and sources, the corpus size set, every stage command timed. */
function makeProject(clips: number): string {
  const dir = mkdtempSync(join(tmpdir(), `pipe-bench-sched-${clips}-`));
  for (const entry of ['schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  // the build too, so that stages start as in the tree measured (stages/run.mjs: from dist/ when it is current)
  if (existsSync(join(ROOT, 'dist'))) cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (p) => !p.includes('.stage-launch') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  params.setIn(['synthesize', 'n_clips'], clips);
  writeFileSync(join(dir, 'params.yaml'), params.toString());
  // each stage logs its start (with PIPE_CPUS) and its end (with GNU time's wall and user+system CPU)
  const timed = `sh -c 'echo "SCHED start $(date +%s.%N) cpus=$PIPE_CPUS" >&2; exec ${TIME} -f "SCHED end %e %U %S" "$@"' sched`;
  const pipeline = readFileSync(join(ROOT, 'pipeline.yaml'), 'utf8').replace(/^(\s+cmd: )(node .*)$/gm, `$1${timed} $2`);
  writeFileSync(join(dir, 'pipeline.yaml'), pipeline);
  return dir;
}

/** Per-stage runs parsed from the `[stage] SCHED …` lines of the repro's output. */
function parseRuns(output: string, t0S: number): StageRun[] {
  const starts = new Map<string, { at: number; cpus: number | undefined }>();
  const runs: StageRun[] = [];
  for (const line of output.split('\n')) {
    const start = /^\[([^\]]+)\] SCHED start ([\d.]+) cpus=(\d*)/.exec(line);
    if (start !== null) starts.set(start[1]!, { at: Number(start[2]) - t0S, cpus: start[3] === '' ? undefined : Number(start[3]) });
    const end = /^\[([^\]]+)\] SCHED end ([\d.]+) ([\d.]+) ([\d.]+)/.exec(line);
    const began = end === null ? undefined : starts.get(end[1]!);
    if (end === null || began === undefined) continue;
    const wallS = Number(end[2]);
    runs.push({ stage: end[1]!, startS: began.at, endS: began.at + wallS, wallS, cpuS: Number(end[3]) + Number(end[4]), cpus: began.cpus });
  }
  return runs;
}

/** The most cores the running stages' pools may use at once (without PIPE_CPUS a pool sizes to every core). */
function peakReserved(runs: readonly StageRun[]): number {
  const cores = (r: StageRun): number => r.cpus ?? availableParallelism();
  const events = runs.flatMap((r) => [{ at: r.startS, d: cores(r) }, { at: r.endS, d: -cores(r) }]).sort((a, b) => a.at - b.at || a.d - b.d);
  let used = 0;
  let peak = 0;
  for (const e of events) peak = Math.max(peak, (used += e.d));
  return peak;
}

/** The most stages running at the same time (a sweep over their start and end times). */
function mostAtOnce(runs: readonly StageRun[]): number {
  const events = runs.flatMap((r) => [{ at: r.startS, d: 1 }, { at: r.endS, d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (now += e.d));
  return most;
}

function main(): void {
  const argv = process.argv.slice(2);
  const clips = Number(argValue('--clips', argv) ?? '2400');
  const jobs = argValue('-j', argv) ?? '2';
  const cpus = argValue('--cpus', argv);
  const pipe = resolve(argValue('--pipe', argv) ?? join(ROOT, 'bin/pipe.js'));
  const dir = makeProject(clips);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const args = [pipe, 'repro', '-j', jobs, ...(cpus === undefined ? [] : ['--cpus', cpus])];
  const t0S = Date.now() / 1000;
  const result = spawnSync(TIME, ['-f', 'TOTAL %e %U %S', 'node', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0) throw new Error(`pipe repro failed (${dir}):\n${result.stderr.slice(-4000)}`);
  const total = /TOTAL ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  const runs = parseRuns(result.stdout + '\n' + result.stderr, t0S).sort((a, b) => a.startS - b.startS);
  const budget = cpus === undefined ? availableParallelism() : Number(cpus);
  console.log(`\n\`pipe repro -j ${jobs}${cpus === undefined ? '' : ` --cpus ${cpus}`}\` (${pipe}), ${clips} clips, ${availableParallelism()} cores, load average before ${load}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| stage | start s | end s | wall s | CPU s | CPU/wall | PIPE_CPUS |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) console.log(`| ${r.stage} | ${r.startS.toFixed(1)} | ${r.endS.toFixed(1)} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${(r.cpuS / r.wallS).toFixed(2)} | ${r.cpus ?? 'unset'} |`);
  if (total !== null) {
    const [wall, user, sys] = [Number(total[1]), Number(total[2]), Number(total[3])];
    console.log(`| **whole repro** | | | ${wall.toFixed(1)} | ${(user + sys).toFixed(1)} | ${((user + sys) / wall).toFixed(2)} | |`);
  }
  console.log(`\nmost cores the running stages may use at once (PIPE_CPUS, unset: every core): ${peakReserved(runs)} (budget ${budget}); most stages at once: ${mostAtOnce(runs)}; stages with CPU/wall above their PIPE_CPUS: ${runs.filter((r) => r.cpuS / r.wallS > (r.cpus ?? budget) * 1.05).map((r) => r.stage).join(', ') || 'none'}`);
  if (argv.includes('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

if (existsSync(TIME)) main();
else console.error('bench/sched needs GNU time (/usr/bin/time): apt-get install time');
