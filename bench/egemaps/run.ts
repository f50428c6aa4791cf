// Benchmark: eGeMAPSv02 extraction speed in ms per audio second on one core (one Node.js thread).
// Usage: npx tsx bench/egemaps/run.ts [clips=200] [seconds=0.4]
// Clips are synthetic infant-like vowels (harmonic series with vibrato and noise, f0 250–500 Hz, seeded) plus
// slices of the reference recordings; timings on a shared machine are noisy: compare medians of repeated runs.
import { readdirSync } from 'node:fs';
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { computeEgemaps } from '../../src/audio/egemaps/index.js';

const clips = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 0.4);
const rate = 16000;

/** Deterministic pseudo-random numbers (LCG). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

/** A synthetic vowel clip. */
function syntheticVowel(i: number): Float32Array {
  const r = rng(i + 1);
  const n = Math.round(seconds * rate);
  const x = new Float32Array(n);
  const f0 = 250 + 250 * r();
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const f = f0 * (1 + 0.03 * Math.sin((2 * Math.PI * 5 * t) / rate));
    phase += (2 * Math.PI * f) / rate;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / (h * h * 0.3 + 1);
    x[t] = 0.2 * v + 0.01 * (r() - 0.5);
  }
  return x;
}

/** Slices of the 16 kHz reference recordings, looped to the clip length. */
function referenceSlices(): Float32Array[] {
  const dir = 'test/fixtures/reference/audio';
  const out: Float32Array[] = [];
  for (const f of readdirSync(dir)) {
    const w = decodeWavFile(`${dir}/${f}`);
    if (w.sampleRateHz !== rate || w.samples.length < 1600) continue;
    const n = Math.round(seconds * rate);
    const x = new Float32Array(n);
    for (let t = 0; t < n; t++) x[t] = w.samples[t % w.samples.length]!;
    out.push(x);
  }
  return out;
}

const refs = referenceSlices();
const data = Array.from({ length: clips }, (_, i) => (i % 4 === 3 && refs.length > 0 ? refs[i % refs.length]! : syntheticVowel(i)));
for (let i = 0; i < Math.min(10, clips); i++) computeEgemaps(data[i]!, rate); // warm-up (JIT, plan caches)
const wall: number[] = [], cpu: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now(), c0 = process.cpuUsage();
  for (const x of data) computeEgemaps(x, rate);
  const c = process.cpuUsage(c0);
  wall.push(performance.now() - t0);
  cpu.push((c.user + c.system) / 1000);
}
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const audioSeconds = clips * seconds;
console.log('| clips | clip s | audio s | median wall ms | wall ms per audio s | CPU ms per audio s | target |');
console.log('|---|---|---|---|---|---|---|');
console.log(`| ${clips} | ${seconds} | ${audioSeconds.toFixed(1)} | ${median(wall).toFixed(0)} | ` +
  `${(median(wall) / audioSeconds).toFixed(1)} | ${(median(cpu) / audioSeconds).toFixed(1)} | ≤ 30 (openSMILE ≈ 14) |`);
