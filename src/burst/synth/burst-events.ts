// Synthetic burst-type events of the demo dataset: a single burst (`b`, one decaying band-limited noise pulse), a
// burst train (`mb`, 2–7 such pulses 40–220 ms apart) and a harmonic sound (`h`, a gliding harmonic tone with
// vibrato and breath noise). Ambiguous cases are drawn on purpose (two close pulses, short or breathy harmonics)
// so that the classes overlap as real recordings do.
import { applyBiquad, biquad } from '../../synth/biquad.js';
import type { Rng } from '../../util/random.js';

export interface RenderedEvent {
  readonly samples: Float32Array;
  /** Labelled extent within `samples`, seconds. */
  readonly labelStartS: number;
  readonly labelEndS: number;
}

function pulse(out: Float32Array, at: number, rng: Rng, sampleRateHz: number, tauS: number, amplitude: number): void {
  const length = Math.min(out.length - at, Math.round(tauS * 6 * sampleRateHz));
  for (let i = 0; i < length; i++) out[at + i] = out[at + i]! + amplitude * Math.exp(-i / (tauS * sampleRateHz)) * rng.normal();
}

function bandLimit(x: Float32Array, rng: Rng, sampleRateHz: number): Float32Array {
  const centreHz = Math.min(sampleRateHz * 0.4, rng.uniform(700, 5000));
  return applyBiquad(x, biquad('bandpass', { frequencyHz: centreHz, sampleRateHz, q: rng.uniform(0.7, 2.5) }));
}

/** Renders one event of class index `cls` (0 b, 1 mb, 2 h), with silence margins around the labelled extent. */
export function renderBurstEvent(cls: number, rng: Rng, sampleRateHz: number): RenderedEvent {
  const pre = rng.uniform(0.01, 0.06);
  if (cls === 2) return harmonic(rng, sampleRateHz, pre);
  const tauS = rng.uniform(0.004, 0.02);
  const onsets: number[] = [0];
  if (cls === 1) {
    const count = rng.int(3, 6);
    for (let k = 1; k < count; k++) onsets.push(onsets[k - 1]! + rng.uniform(0.035, 0.1));
  }
  const bodyS = onsets[onsets.length - 1]! + tauS * 6;
  // Annotators mark extents of about half a second whatever the class (a short burst gets its decay and some room).
  const post = Math.max(0.03, rng.uniform(0.36, 0.48) - pre - (onsets[onsets.length - 1]! + tauS * 6));
  const total = Math.round((pre + bodyS + post) * sampleRateHz);
  const raw = new Float32Array(total);
  for (const onset of onsets) pulse(raw, Math.round((pre + onset) * sampleRateHz), rng, sampleRateHz, tauS * rng.uniform(0.8, 1.25), rng.uniform(0.6, 1));
  return { samples: bandLimit(raw, rng, sampleRateHz), labelStartS: pre * rng.uniform(0.3, 1), labelEndS: pre + bodyS + post * rng.uniform(0.8, 1) };
}

function harmonic(rng: Rng, sampleRateHz: number, pre: number): RenderedEvent {
  const durationS = rng.uniform(0.2, 0.42);
  const f0Start = rng.uniform(180, 800);
  const f0End = f0Start * rng.uniform(0.7, 1.4);
  const harmonics = rng.int(2, 8);
  const tilt = rng.uniform(0.6, 1.6);
  const breath = rng.uniform(0, 0.6);
  const vibratoHz = rng.uniform(3, 8);
  const vibratoDepth = rng.uniform(0, 0.03);
  const post = rng.uniform(0.02, 0.06);
  const n = Math.round((pre + durationS + post) * sampleRateHz);
  const out = new Float32Array(n);
  const start = Math.round(pre * sampleRateHz);
  const length = Math.round(durationS * sampleRateHz);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const t = i / sampleRateHz;
    const f0 = (f0Start + ((f0End - f0Start) * i) / length) * (1 + vibratoDepth * Math.sin(2 * Math.PI * vibratoHz * t));
    phase += (2 * Math.PI * f0) / sampleRateHz;
    const envelope = Math.min(1, t / 0.02, (durationS - t) / 0.04);
    let v = 0;
    for (let k = 1; k <= harmonics; k++) if (k * f0 < sampleRateHz / 2) v += Math.sin(k * phase) / k ** tilt;
    out[start + i] = envelope * (0.5 * v + breath * rng.normal() * 0.5);
  }
  return { samples: out, labelStartS: pre * rng.uniform(0.3, 1), labelEndS: pre + durationS + post * rng.uniform(0.3, 1) };
}
