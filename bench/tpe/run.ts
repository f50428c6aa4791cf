// TPE benchmark: our sampler vs Optuna 3.1.0's TPE and random samplers (test/fixtures/reference/hpo) on Branin,
// Hartmann-6, the XGBoost-like space and ZDT1 — medians over seeds 0–19 after 10/20/40/100 trials, plus sampler
// overhead. Run: npx tsx bench/tpe/run.ts [--seeds 20] [--first-seed 0]. Timings are wall-clock on a shared machine: noisy.
import { readFileSync } from 'node:fs';
import { OPTUNA_TPE_DEFAULTS, randomSampler, tpeSampler } from '../../src/ml/tpe/index.js';
import { PROBLEMS, medianOf, runProblem } from './problems.js';

interface Reference {
  checkpoints: number[];
  problems: Record<string, { tpe: { median: number[] }; random: { median: number[] } }>;
}

const refUrl = new URL('../../test/fixtures/reference/hpo/optuna_tpe_vs_random.json', import.meta.url);
const ref = JSON.parse(readFileSync(refUrl, 'utf8')) as Reference;
const seedsArg = process.argv.indexOf('--seeds');
const nSeeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 20;
const firstArg = process.argv.indexOf('--first-seed');
const firstSeed = firstArg > 0 ? Number(process.argv[firstArg + 1]) : 0;
const checkpoints = ref.checkpoints;
const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4)).padStart(9);

console.log(`TPE benchmark — our medians over seeds ${firstSeed}–${firstSeed + nSeeds - 1} (Optuna's: 0–19); best value (lower is better),`);
console.log('zdt1: hypervolume w.r.t. (1.1, 11) (higher is better). nStartupTrials = 10 everywhere.\n');
console.log(`${'problem'.padEnd(10)} ${'sampler'.padEnd(26)} ${checkpoints.map((c) => `n=${c}`.padStart(9)).join(' ')}`);
const overhead: string[] = [];
for (const problem of PROBLEMS) {
  const ours: number[][] = checkpoints.map(() => []);
  const oursRandom: number[][] = checkpoints.map(() => []);
  const oursOptunaDefaults: number[][] = checkpoints.map(() => []);
  let askMs = 0;
  let lastTenMs = 0;
  for (let seed = firstSeed; seed < firstSeed + nSeeds; seed++) {
    const r = runProblem(problem, tpeSampler({ seed, nStartupTrials: 10 }), checkpoints);
    r.atCheckpoints.forEach((v, i) => ours[i]?.push(v));
    askMs += r.askMs;
    lastTenMs += r.lastTenAskMs;
    runProblem(problem, randomSampler({ seed }), checkpoints).atCheckpoints.forEach((v, i) => oursRandom[i]?.push(v));
    runProblem(problem, tpeSampler({ ...OPTUNA_TPE_DEFAULTS, seed }), checkpoints).atCheckpoints.forEach((v, i) =>
      oursOptunaDefaults[i]?.push(v),
    );
  }
  const optuna = ref.problems[problem.name];
  const rows: [string, number[]][] = [
    ['ours TPE', ours.map(medianOf)],
    ['ours TPE, Optuna defaults', oursOptunaDefaults.map(medianOf)],
    ['Optuna TPE', optuna?.tpe.median ?? []],
    ['ours random', oursRandom.map(medianOf)],
    ['Optuna random', optuna?.random.median ?? []],
  ];
  for (const [name, med] of rows) console.log(`${problem.name.padEnd(10)} ${name.padEnd(26)} ${med.map(fmt).join(' ')}`);
  console.log('');
  const last = checkpoints[checkpoints.length - 1] ?? 100;
  overhead.push(
    `${problem.name.padEnd(10)} mean ask ${(askMs / nSeeds / last).toFixed(2)} ms/trial over ${last} trials; ` +
      `trials ${last - 9}–${last}: ${(lastTenMs / nSeeds / 10).toFixed(2)} ms/trial`,
  );
}
console.log('Sampler overhead (CPU time in study.ask; noisy on a shared machine):');
for (const line of overhead) console.log(`  ${line}`);
