// Renders one planned clip: class generator -> room -> level -> background noise at the clip's SNR ->
// microphone colouring -> peak protection. Depends only on the plan (its seed), never on rendering order.
import { adultBabble } from './babble.js';
import { CLASS_GENERATORS } from './classes/index.js';
import type { ChildProfile, NoiseType } from './child.js';
import { NOISE_TYPES } from './child.js';
import { colourMicrophone } from './microphone.js';
import { addScaled, dbToGain, limitPeak } from './mix.js';
import { clickNoise, humNoise, pinkNoise, whiteNoise } from './noise.js';
import type { ClipPlan } from './plan.js';
import { Rng } from '../util/random.js';
import { reverberate } from './reverb.js';
import type { SynthOptions } from './options.js';

/** A rendered clip with diagnostics. */
export interface RenderedClip {
  readonly samples: Float32Array;
  readonly kind: string;
  readonly snrDb: number;
  readonly noiseType: NoiseType;
  readonly reverb: boolean;
}

/** Renders the audio of one planned clip. */
export function renderClip(plan: ClipPlan, options: SynthOptions): RenderedClip {
  const rng = new Rng(plan.seed);
  const fs = options.sampleRateHz;
  const n = Math.max(1, Math.round(plan.durationSec * fs));
  const child = plan.child;
  const rec = child.recording;
  const voc = CLASS_GENERATORS[plan.renderedAs]({ child, rng, sampleRateHz: fs, n, knobs: options.classKnobs });
  const reverb = rng.chance(options.reverbShare) && voc.activeEnd > voc.activeStart;
  const fg = reverb ? reverberate(voc.samples, rng, { rt60Sec: rec.rt60Sec, directToReverbDb: rec.directToReverbDb + rng.normal(0, 2), sampleRateHz: fs }) : voc.samples;
  const levelDb = rec.levelDbfs + voc.levelOffsetDb + rng.normal(0, 3);
  const activeRms = spanRms(fg, voc.activeStart, voc.activeEnd);
  if (activeRms > 0) {
    const g = dbToGain(levelDb) / activeRms;
    for (let i = 0; i < n; i++) fg[i] = (fg[i] as number) * g;
  }
  const [lo, hi] = options.snrDbRange;
  const snrDb = Math.min(hi + 5, Math.max(lo - 5, rec.snrCentreDb + rng.normal(0, options.snrClipSpreadDb)));
  const noiseType = NOISE_TYPES[rng.weighted(rec.noiseWeights)] ?? 'white';
  const noise = backgroundNoise(noiseType, n, rng, child, fs);
  // Silence has no foreground: the room noise sits at the level a vocalization would have minus the SNR.
  addScaled(fg, noise, Math.max(dbToGain(-75), dbToGain(rec.levelDbfs - snrDb)));
  colourMicrophone(fg, { highpassHz: rec.micHighpassHz, lowpassHz: rec.micLowpassHz, peakHz: rec.micPeakHz, peakDb: rec.micPeakDb, sampleRateHz: fs });
  limitPeak(fg, 0.98);
  return { samples: fg, kind: voc.kind, snrDb, noiseType, reverb };
}

/** Unit-RMS background noise of a type, using the child's mains frequency for hum. */
function backgroundNoise(type: NoiseType, n: number, rng: Rng, child: ChildProfile, fs: number): Float32Array {
  switch (type) {
    case 'white': return whiteNoise(n, rng);
    case 'pink': return pinkNoise(n, rng, fs);
    case 'babble': return adultBabble(n, rng, { talkers: rng.int(2, 5), sampleRateHz: fs });
    case 'hum': {
      const hum = humNoise(n, rng, child.recording.humHz, fs);
      return addScaled(hum, pinkNoise(n, rng, fs), 0.3);
    }
    case 'clicks': {
      const floor = pinkNoise(n, rng, fs);
      return addScaled(floor, clickNoise(n, rng, rng.uniform(2, 15), fs), 6);
    }
  }
}

/** RMS over samples [start, end) (0 when empty). */
function spanRms(x: Float32Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += (x[i] as number) * (x[i] as number);
  return end > start ? Math.sqrt(s / (end - start)) : 0;
}
