// Stage-by-stage wall time and peak memory of the research pipeline, on a temp copy of the project.
// Usage: npx tsx bench/pipeline/run.ts [--clips 2400] [--clips 10770] [--keep]
// Each stage runs as `pipe repro -s <stage>` in DAG order under GNU time (peak RSS of the stage's process tree).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
const TIME = '/usr/bin/time';

interface StageTiming {
  readonly stage: string;
  readonly wallS: number;
  readonly peakMiB: number;
}

/** A temp project with the repo's pipeline and sources and the corpus size set. */
function makeProject(clips: number): string {
  const dir = mkdtempSync(join(tmpdir(), `pipe-bench-pipeline-${clips}-`));
  for (const entry of ['pipeline.yaml', 'schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  params.setIn(['synthesize', 'n_clips'], clips);
  writeFileSync(join(dir, 'params.yaml'), params.toString());
  return dir;
}

/** Stage names in an order that respects the DAG (from `pipe repro --dry`). */
function stageOrder(dir: string): string[] {
  const out = execFileSync('node', [PIPE, 'repro', '--dry'], { cwd: dir, encoding: 'utf8' });
  return [...out.matchAll(/stage '([^']+)'/g)].map((m) => m[1]!).filter((s, i, all) => all.indexOf(s) === i);
}

function runStage(dir: string, stage: string): StageTiming {
  const useTime = existsSync(TIME);
  const args = useTime ? ['-f', '%e %M', 'node', PIPE, 'repro', '-s', stage] : [PIPE, 'repro', '-s', stage];
  const started = performance.now();
  const result = spawnSync(useTime ? TIME : 'node', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wallS = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`stage ${stage} failed:\n${result.stderr}`);
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const match = /^([\d.]+) (\d+)$/.exec(last);
  return { stage, wallS, peakMiB: match ? Number(match[2]) / 1024 : Number.NaN };
}

function main(): void {
  const argv = process.argv.slice(2);
  const sizes = argv.flatMap((a, i) => (a === '--clips' ? [Number(argv[i + 1])] : []));
  const keep = argv.includes('--keep');
  for (const clips of sizes.length > 0 ? sizes : [2400]) {
    const dir = makeProject(clips);
    const timings = stageOrder(dir).map((stage) => runStage(dir, stage));
    console.log(`\nResearch pipeline, ${clips} clips (${dir}):\n`);
    console.log('| stage | wall s | peak MiB |\n|---|---:|---:|');
    for (const t of timings) console.log(`| ${t.stage} | ${t.wallS.toFixed(1)} | ${t.peakMiB.toFixed(0)} |`);
    const total = timings.reduce((s, t) => s + t.wallS, 0);
    console.log(`| **total (stages one at a time)** | ${total.toFixed(1)} | ${Math.max(...timings.map((t) => t.peakMiB)).toFixed(0)} |`);
    const noop = performance.now();
    execFileSync('node', [PIPE, 'repro'], { cwd: dir, stdio: 'ignore' });
    console.log(`\nno-op \`pipe repro\` afterwards: ${((performance.now() - noop) / 1000).toFixed(2)} s`);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
