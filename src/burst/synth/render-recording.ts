// One demo recording: room noise (white, pink or hum, by room), events placed one after another with random gaps at
// a drawn SNR, room reverberation, unlabelled distractor clicks, and the label lines of its events.
import { humNoise, pinkNoise, whiteNoise, clickNoise } from '../../synth/noise.js';
import { reverberate } from '../../synth/reverb.js';
import { Rng, deriveSeed } from '../../util/random.js';
import { BURST_CLASSES } from '../classes.js';
import { renderBurstEvent } from './burst-events.js';
import type { SynthParams } from './synth-params.js';

export interface DemoSegment {
  readonly startS: number;
  readonly endS: number;
  readonly label: string;
}

export interface DemoRecording {
  readonly name: string;
  readonly sampleRateHz: number;
  readonly samples: Float32Array;
  readonly segments: DemoSegment[];
  readonly room: number;
}

/** Sample rates cycle so that the resampler is exercised: mostly 22,050 Hz, some 16 kHz and 44.1 kHz. */
const RATES = [22050, 22050, 16000, 22050, 44100, 22050];

function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum / Math.max(1, to - from));
}

function drawClass(rng: Rng, shares: readonly number[]): number {
  const total = shares.reduce((a, b) => a + b, 0);
  let u = rng.float() * total;
  for (let c = 0; c < shares.length; c++) {
    u -= shares[c]!;
    if (u < 0) return c;
  }
  return shares.length - 1;
}

/** Renders recording `index` of the demo dataset. */
export function renderDemoRecording(index: number, params: SynthParams): DemoRecording {
  const rng = new Rng(deriveSeed(params.seed, index));
  const room = index % params.rooms;
  const roomRng = new Rng(deriveSeed(params.seed, 1000 + room));
  const sampleRateHz = RATES[index % RATES.length]!;
  const durationS = rng.uniform(params.duration_s[0], Math.max(params.duration_s[0], params.duration_s[1]));
  const n = Math.round(durationS * sampleRateHz);
  const noiseLevel = roomRng.uniform(0.004, 0.02);
  const kind = room % 3;
  const base = kind === 0 ? whiteNoise(n, rng) : kind === 1 ? pinkNoise(n, rng, sampleRateHz) : humNoise(n, rng, roomRng.chance(0.5) ? 50 : 60, sampleRateHz);
  const baseRms = rms(base) || 1;
  const dry = new Float32Array(n);
  const segments: DemoSegment[] = [];
  let t = rng.uniform(0.1, 0.6);
  for (;;) {
    const cls = drawClass(rng, params.class_shares);
    const event = renderBurstEvent(cls, rng, sampleRateHz);
    const at = Math.round(t * sampleRateHz);
    if (at + event.samples.length >= n) break;
    const snrDb = rng.uniform(params.snr_db[0], params.snr_db[1]);
    const gain = (noiseLevel * 10 ** (snrDb / 20)) / (rms(event.samples) || 1);
    for (let i = 0; i < event.samples.length; i++) dry[at + i] = dry[at + i]! + gain * event.samples[i]!;
    let label = BURST_CLASSES[cls]!;
    if (rng.chance(params.label_noise)) label = BURST_CLASSES[(cls + rng.int(1, 2)) % 3]!;
    segments.push({ startS: round3(t + event.labelStartS), endS: round3(t + event.labelEndS), label });
    t += event.samples.length / sampleRateHz + rng.uniform(0.3, 1.6);
  }
  const rt60 = roomRng.uniform(0.05, 0.5);
  const wet = reverberate(dry, new Rng(deriveSeed(params.seed, index, 7)), { rt60Sec: rt60, directToReverbDb: roomRng.uniform(3, 12), sampleRateHz });
  const clicks = clickNoise(n, rng, roomRng.uniform(0, 0.2), sampleRateHz);
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i++) samples[i] = Math.max(-1, Math.min(1, wet[i]! + (noiseLevel / baseRms) * base[i]! + 0.3 * noiseLevel * clicks[i]!));
  return { name: `rec${String(index + 1).padStart(2, '0')}_room${room + 1}`, sampleRateHz, samples, segments, room };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
