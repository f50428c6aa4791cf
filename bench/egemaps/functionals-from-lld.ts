// Debug tool: the F0 and loudness functionals (ten each) computed from openSMILE's own LLD CSVs, compared with its
// functionals — isolates functional-level bugs from LLD-level ones. Usage: npx tsx bench/egemaps/functionals-from-lld.ts
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { frameCount, framePlan } from '../../src/audio/egemaps/frames.js';
import { computeStreamA } from '../../src/audio/egemaps/stream-a.js';
import { computeStreamB } from '../../src/audio/egemaps/stream-b.js';
import { contourSlopes } from '../../src/audio/egemaps/slopes.js';
import { amean, nonZero, percentileSorted, stddevNorm } from '../../src/audio/egemaps/statistics.js';

const dir = 'test/fixtures/reference';
const ref = readReferenceCsv(`${dir}/egemaps.csv`);
/** Ten functionals of a contour, as the 88-vector orders them. */
function ten(x: Float64Array): number[] {
  const sorted = Float64Array.from(x).sort();
  const p20 = percentileSorted(sorted, 0.2), p80 = percentileSorted(sorted, 0.8);
  const s = contourSlopes(x);
  return [amean(x), stddevNorm(x), p20, percentileSorted(sorted, 0.5), p80, Math.abs(p80 - p20),
    s.meanRising, s.stddevRising, s.meanFalling, s.stddevFalling];
}
const names = ['amean', 'stddevNorm', 'p20', 'p50', 'p80', 'range', 'meanRise', 'sdRise', 'meanFall', 'sdFall'];
const fail = new Map<string, number>();
for (const row of ref.rows) {
  const lld = readReferenceCsv(`${dir}/egemaps_lld/${row.name}.csv`);
  const col = (name: string): Float64Array => Float64Array.from(lld.rows, (r) => r.values[lld.columns.indexOf(name)]!);
  const f0All = col('F0semitoneFrom27.5Hz_sma3nz');
  // F0: the frames our Viterbi releases before end-of-input (M_OFFSET=k instead drops the last k CSV rows).
  const wav = decodeWavFile(`${dir}/audio/${row.name}.wav`);
  const plan = framePlan(wav.sampleRateHz);
  const nA = frameCount(wav.samples.length, plan.lengthA, plan.hop);
  const released = nA === 0 ? 0 : computeStreamA(wav.samples, plan, nA,
    computeStreamB(wav.samples, plan, frameCount(wav.samples.length, plan.lengthB, plan.hop))).f0ReleasedFrames;
  const mF0 = process.env.M_OFFSET !== undefined ? f0All.length - Number(process.env.M_OFFSET) : Math.max(1, released);
  // Loudness: openSMILE's LLD CSV stops after stream A's frames + 1 (the CSV joins both streams), while the
  // loudness functionals see all stream-B frames, so only the first rows can be compared.
  const sets: [string, Float64Array, number][] = [
    ['F0', nonZero(f0All.subarray(0, mF0)), 0],
    ['loud', col('Loudness_sma3'), 10],
  ];
  const bad: string[] = [];
  for (const [label, x, offset] of sets) {
    const ours = ten(x);
    for (let i = 0; i < 10; i++) {
      const r = row.values[offset + i]!, o = ours[i]!;
      const err = Math.abs(r) <= 1e-3 ? Math.abs(o - r) / 0.1 : Math.abs(o - r) / Math.abs(r);
      if (err > 0.01) {
        bad.push(`${label}.${names[i]} ${o.toPrecision(5)}/${r.toPrecision(5)}`);
        fail.set(`${label}.${names[i]}`, (fail.get(`${label}.${names[i]}`) ?? 0) + 1);
      }
    }
  }
  console.log(row.name.padEnd(22), bad.join('  '));
}
console.log([...fail.entries()].map(([k, v]) => `${k}:${v}`).join(' '));
