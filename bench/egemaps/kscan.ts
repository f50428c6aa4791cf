// Debug: pass count of each file's functionals for each released-F0 frame count m (end-of-input study); `E` is the
// count our Viterbi releases before end-of-input (what the functionals use, see viterbiF0 in src/audio/egemaps/viterbi.ts).
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { frameCount, framePlan } from '../../src/audio/egemaps/frames.js';
import { computeStreamA } from '../../src/audio/egemaps/stream-a.js';
import { computeStreamB } from '../../src/audio/egemaps/stream-b.js';
import { egemapsFunctionals } from '../../src/audio/egemaps/functionals.js';
import { EGEMAPS_FUNCTIONAL_NAMES } from '../../src/audio/egemaps/index.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';
import { parityPairs, passRate } from '../../test/support/egemaps-parity.js';

const dir = 'test/fixtures/reference';
const ref = readReferenceCsv(`${dir}/egemaps.csv`);
for (const row of ref.rows) {
  const wav = decodeWavFile(`${dir}/audio/${row.name}.wav`);
  const plan = framePlan(wav.sampleRateHz);
  const nA = frameCount(wav.samples.length, plan.lengthA, plan.hop);
  const b = computeStreamB(wav.samples, plan, frameCount(wav.samples.length, plan.lengthB, plan.hop));
  const a = computeStreamA(wav.samples, plan, nA, b);
  const res: string[] = [];
  for (let m = Math.max(1, nA - 4); m <= nA; m++) {
    const f = egemapsFunctionals({ a, b, voicedFrames: m });
    const p = parityPairs(row.name, EGEMAPS_FUNCTIONAL_NAMES.slice(0, 87), f.subarray(0, 87), row.values.subarray(0, 87));
    res.push(`n${m - nA}:${Math.round(passRate(p, 0.01) * 87)}`);
  }
  console.log(row.name.padEnd(22), nA, `E=n${a.f0ReleasedFrames - nA}`, res.join(' '));
}
