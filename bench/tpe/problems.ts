// The four benchmark problems of test/fixtures/reference/hpo (definitions from the reference README), and a
// runner that records the best value (or ZDT1 hypervolume) after given trial counts.
import { createStudy, hypervolume, type Sampler, type SearchSpace } from '../../src/ml/tpe/index.js';

export interface Problem {
  readonly name: 'branin' | 'hartmann6' | 'xgb_like' | 'zdt1';
  readonly space: SearchSpace;
  readonly nObjectives: 1 | 2;
  readonly evaluate: (p: Record<string, number>) => number[];
}

const unit = { type: 'float', low: 0, high: 1 } as const;

const branin: Problem = {
  name: 'branin',
  space: { x1: { type: 'float', low: -5, high: 10 }, x2: { type: 'float', low: 0, high: 15 } },
  nObjectives: 1,
  evaluate: ({ x1 = 0, x2 = 0 }) => [
    (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10,
  ],
};

// Hartmann-6 constants (Dixon & Szegő, 1978; as tabulated by Surjanovic & Bingham's test-function library).
const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
];
const hartmann6: Problem = {
  name: 'hartmann6',
  space: { x0: unit, x1: unit, x2: unit, x3: unit, x4: unit, x5: unit },
  nObjectives: 1,
  evaluate: (p) => {
    const x = [p.x0, p.x1, p.x2, p.x3, p.x4, p.x5].map((v) => v ?? 0);
    let f = 0;
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 6; j++) s += (H_A[i]?.[j] ?? 0) * ((x[j] ?? 0) - (H_P[i]?.[j] ?? 0) * 1e-4) ** 2;
      f -= (H_ALPHA[i] ?? 0) * Math.exp(-s);
    }
    return [f];
  },
};

const xgbLike: Problem = {
  name: 'xgb_like',
  space: {
    max_depth: { type: 'int', low: 3, high: 12 },
    learning_rate: { type: 'float', low: 0.01, high: 0.3, log: true },
    n_estimators: { type: 'int', low: 100, high: 1500 },
    subsample: { type: 'float', low: 0.5, high: 1 },
    colsample_bytree: { type: 'float', low: 0.5, high: 1 },
    min_child_weight: { type: 'int', low: 1, high: 10 },
    gamma: { type: 'float', low: 0, high: 5 },
    reg_alpha: { type: 'float', low: 0, high: 5 },
    reg_lambda: { type: 'float', low: 0, high: 5 },
  },
  nObjectives: 1,
  evaluate: (p) => {
    const v = (k: string): number => p[k] ?? 0;
    return [
      (Math.log(v('learning_rate') * v('n_estimators')) - Math.log(35)) ** 2 + 0.02 * (v('max_depth') - 5) ** 2 +
        2 * (v('subsample') - 0.75) ** 2 + 2 * (v('colsample_bytree') - 0.7) ** 2 + 0.01 * (v('min_child_weight') - 3) ** 2 +
        0.05 * (v('gamma') - 1.5) ** 2 + 0.02 * (v('reg_alpha') - 1) ** 2 + 0.02 * (v('reg_lambda') - 2) ** 2,
    ];
  },
};

const zdt1: Problem = {
  name: 'zdt1',
  space: { x0: unit, x1: unit, x2: unit, x3: unit, x4: unit },
  nObjectives: 2,
  evaluate: (p) => {
    const f1 = p.x0 ?? 0;
    const g = 1 + (9 * ((p.x1 ?? 0) + (p.x2 ?? 0) + (p.x3 ?? 0) + (p.x4 ?? 0))) / 4;
    return [f1, g * (1 - Math.sqrt(f1 / g))];
  },
};

export const PROBLEMS: readonly Problem[] = [branin, hartmann6, xgbLike, zdt1];
export const ZDT1_REFERENCE = [1.1, 11];

export interface RunResult {
  /** Best value (minimised) or hypervolume (ZDT1) after each checkpoint's number of trials. */
  readonly atCheckpoints: number[];
  /** Total CPU time (user + system) spent in ask() (the sampler), ms. */
  readonly askMs: number;
  /** CPU time spent in ask() for the last 10 trials, ms. */
  readonly lastTenAskMs: number;
}

/** Runs one study of `problem` with `sampler` for max(checkpoints) trials through the ask/tell API. */
export function runProblem(problem: Problem, sampler: Sampler, checkpoints: readonly number[]): RunResult {
  const study = createStudy({ directions: problem.nObjectives === 2 ? ['minimize', 'minimize'] : ['minimize'], sampler });
  const nTrials = Math.max(...checkpoints);
  const values: number[][] = [];
  const at: number[] = [];
  let best = Infinity;
  let askMs = 0;
  let lastTenAskMs = 0;
  for (let t = 1; t <= nTrials; t++) {
    const t0 = process.cpuUsage();
    const trial = study.ask(problem.space);
    const used = process.cpuUsage(t0);
    const dt = (used.user + used.system) / 1000;
    askMs += dt;
    if (t > nTrials - 10) lastTenAskMs += dt;
    const v = problem.evaluate(trial.params as Record<string, number>);
    study.tell(trial, v);
    values.push(v);
    best = Math.min(best, v[0] ?? Infinity);
    if (checkpoints.includes(t)) at.push(problem.nObjectives === 2 ? hypervolume(values, ZDT1_REFERENCE) : best);
  }
  return { atCheckpoints: at, askMs, lastTenAskMs };
}

/** Median of a list (mean of the middle two for even length). */
export function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
