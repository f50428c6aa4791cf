import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { framePlan, frameCount } from '../../src/audio/egemaps/frames.js';
import { computeStreamB } from '../../src/audio/egemaps/stream-b.js';
import { computeStreamA } from '../../src/audio/egemaps/stream-a.js';
import { readReferenceCsv } from '../../src/audio/egemaps/reference-csv.js';
import { voicedFrameCount } from '../../src/audio/egemaps/index.js';
const stem = process.argv[2]!; const from = Number(process.argv[3] ?? 0);
const dir = 'test/fixtures/reference';
const wav = decodeWavFile(`${dir}/audio/${stem}.wav`);
const plan = framePlan(wav.sampleRateHz);
const nA = frameCount(wav.samples.length, plan.lengthA, plan.hop);
const b = computeStreamB(wav.samples, plan, frameCount(wav.samples.length, plan.lengthB, plan.hop));
const a = computeStreamA(wav.samples, plan, nA, b);
const ref = readReferenceCsv(`${dir}/egemaps_lld/${stem}.csv`);

console.log(stem, 'samples', wav.samples.length, 'fs', wav.sampleRateHz, 'framesA', nA, 'refRows', ref.rows.length, 'voicedFrameCount', voicedFrameCount(a.f0Hz, wav.samples.length, plan));
const jc = 11, sc = 12, fc = 10;
for (let t = from; t < ref.rows.length; t++) {
  const r = ref.rows[t]!.values;
  console.log(t, 'f0', (a.f0Hz[t] ?? NaN).toFixed(2), 'J', (a.jitter[t] ?? NaN).toFixed(6), 'refJ', r[jc]!.toFixed(6), 'S', (a.shimmer[t] ?? NaN).toFixed(5), 'refS', r[sc]!.toFixed(5));
}
