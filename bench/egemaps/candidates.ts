// Debug tool: raw SHS F0 candidates (Hz, voicing probability) and the Viterbi F0 of the first frames of a file.
// Usage: npx tsx bench/egemaps/candidates.ts stem [from] [to]
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { frameCount, framePlan } from '../../src/audio/egemaps/frames.js';
import { computeStreamB } from '../../src/audio/egemaps/stream-b.js';
import { computeStreamA } from '../../src/audio/egemaps/stream-a.js';
import { CANDIDATES, shsCandidates, shsPlan, shsScratch, subharmonicSum } from '../../src/audio/egemaps/pitch-shs.js';

const [stem, fromArg, toArg] = process.argv.slice(2);
const wav = decodeWavFile(`test/fixtures/reference/audio/${stem}.wav`);
const plan = framePlan(wav.sampleRateHz);
const nA = frameCount(wav.samples.length, plan.lengthA, plan.hop);
const a = computeStreamA(wav.samples, plan, nA, computeStreamB(wav.samples, plan, frameCount(wav.samples.length, plan.lengthB, plan.hop)));
const sp = shsPlan(plan.fftA.size, plan.sampleRateHz), sc = shsScratch(sp);
const n = plan.fftA.size, re = new Float64Array(n), im = new Float64Array(n), mag = new Float64Array(n / 2 + 1);
const freq = new Float64Array(CANDIDATES), prob = new Float64Array(CANDIDATES);
for (let t = Number(fromArg ?? 0); t <= Math.min(nA - 1, Number(toArg ?? 5)); t++) {
  re.fill(0); im.fill(0);
  const off = (n - plan.lengthA) >> 1;
  for (let i = 0; i < plan.lengthA; i++) re[off + i] = wav.samples[t * plan.hop + i]! * plan.windowA[i]!;
  plan.fftA.transform(re, im, false);
  for (let k = 0; k <= n / 2; k++) mag[k] = Math.hypot(re[k]!, im[k]!);
  subharmonicSum(mag, sp, sc);
  shsCandidates(sp, sc, freq, prob);
  const c = [...freq].map((f, i) => `${f.toFixed(1)}/${prob[i]!.toFixed(4)}`).join(' ');
  console.log(`${t} f0 ${a.f0Hz[t]!.toFixed(2)} | ${c}`);
}
