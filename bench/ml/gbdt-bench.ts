// Benchmark of the gradient boosting library: training time of the four XGBoost reference runs and of
// 300 rounds at depth 4 on the 3,600×88×5-class reference data, TypeScript backend beside libxgboost (when
// koffi and a system libxgboost are installed). Run: node dist/bench/ml/gbdt-bench.js [repeats]
import { nativeBackendAvailable, trainGbdtNative } from '../../src/ml/gbdt/native.js';
import { parseGbdtParams } from '../../src/ml/gbdt/params.js';
import { predictProba } from '../../src/ml/gbdt/predict.js';
import { referenceData, referenceRuns } from '../../src/ml/gbdt/reference-data.js';
import { trainGbdt, type TrainGbdtResult } from '../../src/ml/gbdt/train.js';
import type { Matrix } from '../../src/ml/matrix.js';

interface Timing {
  wallS: number;
  cpuS: number;
  logLoss: number;
}

const repeats = Number(process.argv[2] ?? 2);
const { train, test } = referenceData();

/** Mean test log loss of a model's probabilities. */
function testLogLoss(res: TrainGbdtResult, x: Matrix, labels: Int32Array): number {
  const p = predictProba(res.model, x);
  const k = p.length / x.rows;
  let s = 0;
  labels.forEach((y, i) => (s -= Math.log(Math.max(p[i * k + y]!, 1e-15))));
  return s / x.rows;
}

/** Best-of-`repeats` wall and CPU time of one training call. */
function time(trainer: typeof trainGbdt, raw: Record<string, unknown>): Timing {
  const params = parseGbdtParams(raw);
  let best: Timing = { wallS: Infinity, cpuS: Infinity, logLoss: Number.NaN };
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = trainer(train.x, train.labels!, params);
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    if (wallS < best.wallS) best = { wallS, cpuS: Math.min(cpuS, best.cpuS), logLoss: testLogLoss(res, test.x, test.labels!) };
  }
  return best;
}

const runs: [string, Record<string, unknown>][] = Object.entries(referenceRuns()).map(([name, run]) => [name, run.params]);
runs.push(['hist_d4_r300 (no sampling)', { objective: 'multi:softprob', num_class: 5, tree_method: 'hist', max_depth: 4, eta: 0.12, num_boost_round: 300, seed: 0 }]);
runs.push(['exact_d4_r300', { objective: 'multi:softprob', num_class: 5, tree_method: 'exact', max_depth: 4, eta: 0.12, num_boost_round: 300, seed: 0 }]);

const native = nativeBackendAvailable();
const rows: string[] = [];
const fmt = (t: Timing): string => `${t.wallS.toFixed(2)} s (cpu ${t.cpuS.toFixed(2)}) ll ${t.logLoss.toFixed(4)}`;
for (const [name, raw] of runs) {
  const ts = time(trainGbdt, raw);
  const nat = native ? time(trainGbdtNative, { ...raw, early_stopping_rounds: 0 }) : null;
  const ratio = nat ? (ts.wallS / nat.wallS).toFixed(2) + '×' : '–';
  rows.push(`| ${name} | ${fmt(ts)} | ${nat ? fmt(nat) : 'not available'} | ${ratio} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
process.stdout.write(
  `\nTraining on ${train.x.rows}×${train.x.cols}, ${5} classes, single thread, best of ${repeats} (wall clock; test log loss)\n\n` +
    `| run | TypeScript | native libxgboost | TS / native |\n|---|---|---|---|\n${rows.join('\n')}\n`,
);
