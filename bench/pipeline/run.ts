// Stage-by-stage wall time, CPU time (user + system of the stage's process tree) and peak memory of the research
// pipeline, on a temp copy of the project; CPU/wall above the core count would mean oversubscribed cores.
// Usage: npx tsx bench/pipeline/run.ts [--clips 2400] [--clips 10770] [--corpus DIR] [--keep]
// --corpus DIR: a corpus of your own instead of the synthetic one: DIR holds one metadata CSV (columns child_ID,
// clip_ID, Answer, …, as params.yaml's data section describes) and one folder of audio; synthesis is skipped.
// Each stage runs as `pipe repro -s <stage>` in DAG order under GNU time (peak RSS of the stage's process tree).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
const TIME = '/usr/bin/time';

interface StageTiming {
  readonly stage: string;
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakMiB: number;
}

/** A user corpus: its metadata CSV and audio folder (absolute paths). */
interface Corpus {
  readonly metadata: string;
  readonly audioDir: string;
}

/** Finds the one metadata CSV and the one audio folder in DIR; exits with a one-line message otherwise. */
function findCorpus(dir: string): Corpus {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) fail(`--corpus ${dir}: not a directory`);
  const entries = readdirSync(root);
  const csvs = entries.filter((e) => e.endsWith('.csv'));
  const folders = entries.filter((e) => statSync(join(root, e)).isDirectory());
  const metadata = csvs.includes('metadata.csv') ? 'metadata.csv' : csvs.length === 1 ? csvs[0] : undefined;
  const audio = folders.includes('audio') ? 'audio' : folders.length === 1 ? folders[0] : undefined;
  if (metadata === undefined) fail(`--corpus ${dir}: expected metadata.csv or exactly one .csv file, found ${csvs.length}`);
  if (audio === undefined) fail(`--corpus ${dir}: expected an audio/ folder or exactly one folder, found ${folders.length}`);
  return { metadata: join(root, metadata), audioDir: join(root, audio) };
}

function fail(message: string): never {
  process.stderr.write(`bench/pipeline: ${message}\n`);
  process.exit(2);
}

/** A temp project with the repo's pipeline and sources, and the corpus size or a user corpus set. */
function makeProject(clips: number, corpus: Corpus | null): string {
  const dir = mkdtempSync(join(tmpdir(), `pipe-bench-pipeline-${corpus ? 'corpus' : clips}-`));
  for (const entry of ['pipeline.yaml', 'schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  // the build too, so that stages start as in the tree measured (stages/run.mjs: from dist/ when it is current)
  if (existsSync(join(ROOT, 'dist'))) cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (p) => !p.includes('.stage-launch') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  params.setIn(['synthesize', 'n_clips'], clips);
  if (corpus) {
    params.setIn(['data', 'metadata'], corpus.metadata);
    params.setIn(['data', 'audio_dir'], corpus.audioDir);
  }
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
  const args = useTime ? ['-f', '%e %M %U %S', 'node', PIPE, 'repro', '-s', stage] : [PIPE, 'repro', '-s', stage];
  const started = performance.now();
  const result = spawnSync(useTime ? TIME : 'node', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wallS = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`stage ${stage} failed:\n${result.stderr}`);
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const match = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
  return {
    stage,
    wallS,
    cpuS: match ? Number(match[3]) + Number(match[4]) : Number.NaN,
    peakMiB: match ? Number(match[2]) / 1024 : Number.NaN,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const sizes = argv.flatMap((a, i) => (a === '--clips' ? [Number(argv[i + 1])] : []));
  const keep = argv.includes('--keep');
  const corpusAt = argv.indexOf('--corpus');
  const corpus = corpusAt >= 0 ? findCorpus(argv[corpusAt + 1] ?? fail('--corpus needs a directory')) : null;
  for (const clips of corpus ? [0] : sizes.length > 0 ? sizes : [2400]) {
    const dir = makeProject(clips, corpus);
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const stages = stageOrder(dir).filter((s) => !(corpus && s === 'synthesize'));
    const timings = stages.map((stage) => runStage(dir, stage));
    const what = corpus ? `corpus ${corpus.metadata}` : `${clips} clips`;
    console.log(`\nResearch pipeline, ${what} (${dir}); ${cpus().length} cores, load at start ${load}:\n`);
    console.log('| stage | wall s | CPU s | CPU/wall | peak MiB |\n|---|---:|---:|---:|---:|');
    const ratio = (cpu: number, wall: number): string => (wall > 0 ? (cpu / wall).toFixed(2) : '–');
    for (const t of timings) console.log(`| ${t.stage} | ${t.wallS.toFixed(1)} | ${t.cpuS.toFixed(1)} | ${ratio(t.cpuS, t.wallS)} | ${t.peakMiB.toFixed(0)} |`);
    const total = timings.reduce((s, t) => s + t.wallS, 0);
    const cpu = timings.reduce((s, t) => s + t.cpuS, 0);
    console.log(`| **total (stages one at a time)** | ${total.toFixed(1)} | ${cpu.toFixed(1)} | ${ratio(cpu, total)} | ${Math.max(...timings.map((t) => t.peakMiB)).toFixed(0)} |`);
    const noop = performance.now();
    execFileSync('node', [PIPE, 'repro'], { cwd: dir, stdio: 'ignore' });
    console.log(`\nno-op \`pipe repro\` afterwards: ${((performance.now() - noop) / 1000).toFixed(2)} s`);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
