// Self-check of the demo corpus: renders clips in memory, computes crude features, and classifies with a
// nearest-centroid, a k-NN and a softmax-regression classifier on a child-disjoint split (half the children train, half test).
// Prints per-class statistics, timings and UAR. Usage: npx tsx bench/synth/separability.ts [nClips] [key=value…]
import { LABELS, type Label } from '../../src/synth/labels.js';
import { parseSynthesizeParams } from '../../src/synth/params.js';
import { planDemoCorpus } from '../../src/synth/write-corpus.js';
import { renderClip } from '../../src/synth/render-clip.js';
import { crudeFeatures, FEATURE_NAMES } from './features.js';

const args = process.argv.slice(2);
const section: Record<string, unknown> = { n_clips: Number(args[0] ?? 1200) };
for (const a of args.slice(1)) {
  const [k, v] = a.split('=');
  if (k && v !== undefined) section[k] = v.startsWith('[') ? JSON.parse(v) : Number(v);
}
const parsed = parseSynthesizeParams(section);
if (!parsed.ok) throw new Error(parsed.message);
const options = parsed.options;
const t0 = performance.now();
const { clips } = planDemoCorpus(options);
const rows: { x: Float64Array; y: number; child: number; kind: string }[] = [];
let renderMs = 0;
for (const plan of clips) {
  const t = performance.now();
  const r = renderClip(plan, options);
  renderMs += performance.now() - t;
  rows.push({ x: crudeFeatures(r.samples), y: LABELS.indexOf(plan.label), child: plan.child.index, kind: `${plan.renderedAs}:${r.kind}` });
}
console.log(`rendered ${clips.length} clips in ${(renderMs / 1000).toFixed(2)} s (features incl.: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const d = FEATURE_NAMES.length;
console.log(`\n${'class'.padEnd(14)} ${'n'.padStart(5)} ${FEATURE_NAMES.slice(0, 11).map((f) => f.padStart(9)).join('')}`);
LABELS.forEach((label, k) => {
  const xs = rows.filter((r) => r.y === k);
  const m = Array.from({ length: 11 }, (_, j) => xs.reduce((s, r) => s + (r.x[j] as number), 0) / Math.max(1, xs.length));
  console.log(`${label.padEnd(14)} ${String(xs.length).padStart(5)} ${m.map((v) => v.toFixed(3).padStart(9)).join('')}`);
});

/** Trains on `train`, tests on `test`, prints UAR and confusion matrices of two crude classifiers. */
function run(title: string, train: typeof rows, test: typeof rows): void {
  console.log(`\n== ${title}: ${train.length} train / ${test.length} test clips`);
  const mu = Array.from({ length: d }, (_, j) => train.reduce((s, r) => s + (r.x[j] as number), 0) / train.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(train.reduce((s, r) => s + ((r.x[j] as number) - (mu[j] as number)) ** 2, 0) / train.length) || 1);
  const z = (x: Float64Array): number[] => Array.from(x, (v, j) => (v - (mu[j] as number)) / (sd[j] as number));
  const zTrain = train.map((r) => ({ z: z(r.x), y: r.y }));
  const centroids = LABELS.map((_, k) => {
    const xs = zTrain.filter((r) => r.y === k);
    return Array.from({ length: d }, (_, j) => xs.reduce((s, r) => s + (r.z[j] as number), 0) / Math.max(1, xs.length));
  });
  const dist = (a: number[], b: number[]): number => a.reduce((s, v, j) => s + (v - (b[j] as number)) ** 2, 0);
  const evaluate = (name: string, predict: (zx: number[]) => number): void => {
    const conf = LABELS.map(() => LABELS.map(() => 0));
    for (const r of test) {
      const row = conf[r.y] as number[];
      const k = predict(z(r.x));
      row[k] = (row[k] ?? 0) + 1;
    }
    const recalls = conf.map((row, k) => (row[k] as number) / Math.max(1, row.reduce((a, b) => a + b, 0)));
    console.log(`${name}: UAR ${(recalls.reduce((a, b) => a + b, 0) / LABELS.length).toFixed(3)}  recalls ${recalls.map((r, k) => `${LABELS[k] as Label} ${r.toFixed(2)}`).join(', ')}`);
    conf.forEach((row, k) => console.log(`  ${(LABELS[k] as string).padEnd(14)} ${row.map((v) => String(v).padStart(5)).join('')}`));
  };
  const w = softmaxRegression(zTrain, d);
  evaluate('class-weighted softmax regression', (zx) => {
    const scores = LABELS.map((_, k) => (w[k] as Float64Array).reduce((acc, v, j) => acc + v * (j < d ? (zx[j] as number) : 1), 0));
    return scores.reduce((bi, v, i, a) => (v > (a[bi] as number) ? i : bi), 0);
  });
  evaluate('nearest centroid', (zx) => centroids.map((c) => dist(zx, c)).reduce((bi, v, i, a) => (v < (a[bi] as number) ? i : bi), 0));
  const prior = LABELS.map((_, k) => zTrain.filter((r) => r.y === k).length / zTrain.length);
  evaluate('class-balanced 15-NN', (zx) => {
    const nn = zTrain.map((r) => [dist(zx, r.z), r.y] as const).sort((a, b) => a[0] - b[0]).slice(0, 15);
    const votes = LABELS.map((_, k) => nn.filter((v) => v[1] === k).length / Math.max(1e-3, prior[k] as number));
    return votes.reduce((bi, v, i, a) => (v > (a[bi] as number) ? i : bi), 0);
  });
}

/** Multinomial logistic regression, full-batch gradient descent with L2 and inverse-frequency class weights. */
function softmaxRegression(train: readonly { z: number[]; y: number }[], dims: number): Float64Array[] {
  const K = LABELS.length;
  const w = LABELS.map(() => new Float64Array(dims + 1));
  const counts = LABELS.map((_, k) => train.filter((r) => r.y === k).length);
  const cw = counts.map((c) => train.length / (K * Math.max(1, c)));
  for (let epoch = 0; epoch < 300; epoch++) {
    const grad = LABELS.map(() => new Float64Array(dims + 1));
    for (const r of train) {
      const s = w.map((wk) => wk.reduce((acc, v, j) => acc + v * (j < dims ? (r.z[j] as number) : 1), 0));
      const mx = Math.max(...s);
      const e = s.map((v) => Math.exp(v - mx));
      const tot = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < K; k++) {
        const g = ((e[k] as number) / tot - (k === r.y ? 1 : 0)) * (cw[r.y] as number);
        const gk = grad[k] as Float64Array;
        for (let j = 0; j < dims; j++) gk[j] = (gk[j] as number) + g * (r.z[j] as number);
        gk[dims] = (gk[dims] as number) + g;
      }
    }
    for (let k = 0; k < K; k++) {
      const wk = w[k] as Float64Array;
      const gk = grad[k] as Float64Array;
      for (let j = 0; j <= dims; j++) wk[j] = (wk[j] as number) - 0.5 * ((gk[j] as number) / train.length + 1e-3 * (wk[j] as number));
    }
  }
  return w;
}

run('child-disjoint split (even / odd children)', rows.filter((r) => r.child % 2 === 0), rows.filter((r) => r.child % 2 === 1));
run('clip-level split (children in both; optimistic)', rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1));
