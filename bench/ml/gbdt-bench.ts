// Benchmark of the gradient boosting library: training time of the four XGBoost reference runs and of
// 300 rounds at depth 4 on the 3,600×88×5-class reference data, TypeScript backend (one thread, and two: a
// TrainingHelper growing some of each round's class trees) beside
// libxgboost 1.7.4 at 1 and 2 threads (when koffi and a system libxgboost, Debian's libxgboost0, are installed).
// Wall and CPU time of each, and the load average, since the machine may be shared.
// Run: node dist/bench/ml/gbdt-bench.js [repeats] [run-name filter]
import { loadavg } from 'node:os';
import { nativeBackendAvailable, trainGbdtNative } from '../../src/ml/gbdt/native.js';
import { parseGbdtParams } from '../../src/ml/gbdt/params.js';
import { predictProba } from '../../src/ml/gbdt/predict.js';
import { referenceData, referenceRuns } from '../../test/support/gbdt-reference-data.js';
import { prepareHistFeatures, trainGbdt, type TrainGbdtResult } from '../../src/ml/gbdt/train.js';
import { TrainingHelper } from '../../src/ml/gbdt/training-helper.js';
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

/** One timed training call. */
function timeOnce(trainer: (p: ReturnType<typeof parseGbdtParams>) => TrainGbdtResult, raw: Record<string, unknown>): Timing {
  const params = parseGbdtParams(raw);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const res = trainer(params);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, logLoss: testLogLoss(res, test.x, test.labels!) };
}

/** The faster of two timings (by wall clock). */
function faster(a: Timing | null, b: Timing): Timing {
  return a === null || b.wallS < a.wallS ? b : a;
}

const runs: [string, Record<string, unknown>][] = Object.entries(referenceRuns()).map(([name, run]) => [name, run.params]);
runs.push(['hist_d4_r300 (eta 0.12, no sampling)', { objective: 'multi:softprob', num_class: 5, tree_method: 'hist', max_depth: 4, eta: 0.12, num_boost_round: 300, seed: 0 }]);

const native = nativeBackendAvailable();
const helper = TrainingHelper.start(prepareHistFeatures(train.x, 256), 5);
const rows: string[] = [];
const fmt = (t: Timing): string => `${t.wallS.toFixed(2)} s (cpu ${t.cpuS.toFixed(2)}) ll ${t.logLoss.toFixed(4)}`;
const filter = process.argv[3];
for (const [name, raw] of runs) {
  if (filter !== undefined && !name.includes(filter)) continue;
  // Backends alternate so that both see the same (noisy, shared) machine; the best of `repeats` is kept.
  let ts: Timing | null = null;
  let ts2: Timing | null = null;
  let nat: Timing | null = null;
  let nat2: Timing | null = null;
  const nativeRaw = { ...raw, early_stopping_rounds: 0 };
  for (let r = 0; r < repeats; r++) {
    ts = faster(ts, timeOnce((p) => trainGbdt(train.x, train.labels!, p), raw));
    // the second thread stands by (started once, as a trial pool's are); binning is timed, inside the call
    ts2 = faster(ts2, timeOnce((p) => trainGbdt(train.x, train.labels!, p, { prepared: prepareHistFeatures(train.x, p.maxBin), board: helper.board }), raw));
    if (native) nat = faster(nat, timeOnce((p) => trainGbdtNative(train.x, train.labels!, p, { nthread: 1 }), nativeRaw));
    if (native) nat2 = faster(nat2, timeOnce((p) => trainGbdtNative(train.x, train.labels!, p, { nthread: 2 }), nativeRaw));
  }
  const ratio = (t: Timing | null, n: Timing | null): string => (n && t ? (t.wallS / n.wallS).toFixed(2) + '×' : '–');
  const na = 'not available';
  rows.push(`| ${name} | ${fmt(ts!)} | ${fmt(ts2!)} | ${nat ? fmt(nat) : na} | ${nat2 ? fmt(nat2) : na} | ${ratio(ts, nat)} | ${ratio(ts2, nat2)} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
process.stdout.write(
  `\nTraining on ${train.x.rows}×${train.x.cols}, ${5} classes, best of ${repeats} (wall clock, CPU time; test log loss);` +
    ` load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n` +
    `| run | TypeScript (1 thread) | TypeScript (2 threads) | libxgboost, 1 thread | libxgboost, 2 threads | TS 1t / native 1t | TS 2t / native 2t |\n` +
    `|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
await helper.close();
