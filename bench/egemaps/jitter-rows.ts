// Debug tool: F0, jitter and shimmer LLDs (smoothed) of ours and openSMILE's side by side, marking rows off by >1 %.
// Usage: npx tsx bench/egemaps/jitter-rows.ts <file-stem> [from] [to]
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { computeEgemaps } from '../../src/audio/egemaps/index.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';

const dir = 'test/fixtures/reference';
const [stem, fromArg, toArg] = process.argv.slice(2);
const ref = readReferenceCsv(`${dir}/egemaps_lld/${stem}.csv`);
const wav = decodeWavFile(`${dir}/audio/${stem}.wav`);
const ours = computeEgemaps(wav.samples, wav.sampleRateHz, { lld: true }).lld!.frames;
const from = Number(fromArg ?? 0), to = Math.min(Number(toArg ?? Infinity), ours.length, ref.rows.length);
const off = (a: number, b: number): string => (Math.abs(a - b) / Math.max(Math.abs(b), 1e-3) > 0.01 ? '*' : ' ');
for (let t = from; t < to; t++) {
  const o = ours[t]!, r = ref.rows[t]!.values;
  const cell = (c: number, d: number): string => `${o[c]!.toFixed(d).padStart(10)} ${r[c]!.toFixed(d).padStart(10)}${off(o[c]!, r[c]!)}`;
  console.log(`${String(t).padStart(4)}  F0 ${cell(10, 3)}  jit ${cell(11, 5)}  shim ${cell(12, 4)}`);
}
