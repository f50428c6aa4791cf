// Debug tool: jitter/shimmer computed with openSMILE's own F0 (recovered from its smoothed F0 LLD by a regularised
// inversion of sma3nz within each voiced run), to separate period-tracking differences from F0 differences.
// Usage: npx tsx bench/egemaps/jitter-ref-f0.ts [file-stem …] [--rows]
import { readdirSync } from 'node:fs';
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { framePlan, frameCount } from '../../src/audio/egemaps/frames.js';
import { computeStreamB } from '../../src/audio/egemaps/stream-b.js';
import { computeStreamA } from '../../src/audio/egemaps/stream-a.js';
import { sma3nz } from '../../src/audio/egemaps/smoothing.js';
import { jitterShimmer, periodState } from '../../src/audio/egemaps/jitter-shimmer.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';

const dir = 'test/fixtures/reference';
const args = process.argv.slice(2);
const rows = args.includes('--rows');
const stems = args.filter((a) => !a.startsWith('--'));
const files = stems.length > 0 ? stems : readdirSync(`${dir}/audio`).map((f) => f.replace(/\.wav$/, ''));

/** Solves (SᵀS + λI) x = Sᵀy + λ x0 for one voiced run (S = 3-tap mean, edges repeated), by Gaussian elimination. */
function invertRun(y: number[], x0: number[], lambda: number): number[] {
  const n = y.length;
  const S: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    S[i]![i > 0 ? i - 1 : 0]! += 1 / 3; S[i]![i]! += 1 / 3; S[i]![i < n - 1 ? i + 1 : n - 1]! += 1 / 3;
  }
  const A: number[][] = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) { let s = 0; for (let k = 0; k < n; k++) s += S[k]![i]! * S[k]![j]!; A[i]![j] = s + (i === j ? lambda : 0); }
    let b = lambda * x0[i]!; for (let k = 0; k < n; k++) b += S[k]![i]! * y[k]!; A[i]![n] = b;
  }
  for (let c = 0; c < n; c++) {
    let p = c; for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = c + 1; r < n; r++) { const f = A[r]![c]! / A[c]![c]!; for (let k = c; k <= n; k++) A[r]![k]! -= f * A[c]![k]!; }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) { let s = A[r]![n]!; for (let k = r + 1; k < n; k++) s -= A[r]![k]! * x[k]!; x[r] = s / A[r]![r]!; }
  return x;
}

for (const stem of files) {
  const ref = readReferenceCsv(`${dir}/egemaps_lld/${stem}.csv`);
  if (ref.rows.length === 0) continue;
  const wav = decodeWavFile(`${dir}/audio/${stem}.wav`);
  const plan = framePlan(wav.sampleRateHz);
  const nA = frameCount(wav.samples.length, plan.lengthA, plan.hop);
  const b = computeStreamB(wav.samples, plan, frameCount(wav.samples.length, plan.lengthB, plan.hop));
  const a = computeStreamA(wav.samples, plan, nA, b);
  const ySt = ref.rows.slice(0, nA).map((r) => r.values[10]!);
  const oursSt = Array.from(a.f0Hz, (h) => (h > 0 ? 12 * Math.log2(h / 27.5) : 0));
  const st = new Array<number>(nA).fill(0);
  for (let t = 0; t < nA;) {
    if (ySt[t] === 0) { t++; continue; }
    let u = t; while (u < nA && ySt[u] !== 0) u++;
    const x0 = oursSt.slice(t, u).map((v, i) => (v > 0 ? v : ySt[t + i]!));
    const x = invertRun(ySt.slice(t, u), x0, Number(process.env.LAMBDA ?? 1e-3));
    for (let i = t; i < u; i++) st[i] = x[i - t]!;
    t = u;
  }
  const f0 = st.map((s) => (s > 0 ? 27.5 * 2 ** (s / 12) : 0));
  const jit = new Float64Array(nA), shim = new Float64Array(nA);
  const state = periodState();
  for (let t = 0; t < nA; t++) [jit[t], shim[t]] = jitterShimmer(wav.samples, plan.hop, plan.lengthA, f0[t]!, wav.sampleRateHz, state);
  const js = sma3nz(jit), ss = sma3nz(shim);
  let badJ = 0, badS = 0, firstBad = -1;
  const m = Math.min(nA - 3, ref.rows.length);
  for (let t = 0; t < m; t++) {
    const rj = ref.rows[t]!.values[11]!, rs = ref.rows[t]!.values[12]!;
    const ej = Math.abs(js[t]! - rj) / Math.max(Math.abs(rj), 1e-3) > 0.01, es = Math.abs(ss[t]! - rs) / Math.max(Math.abs(rs), 1e-3) > 0.01;
    if (ej) badJ++; if (es) badS++;
    if ((ej || es) && firstBad < 0) firstBad = t;
    if (rows) console.log(`${String(t).padStart(4)} f0 ${f0[t]!.toFixed(3).padStart(9)} ours ${a.f0Hz[t]!.toFixed(3).padStart(9)}  jit ${js[t]!.toFixed(5)} ${rj.toFixed(5)}${ej ? '*' : ' '} shim ${ss[t]!.toFixed(4)} ${rs.toFixed(4)}${es ? '*' : ' '}`);
  }
  console.log(`${stem}: with reference F0, rows 0..${m - 1}: jitter off ${badJ}, shimmer off ${badS}, first ${firstBad}`);
}
