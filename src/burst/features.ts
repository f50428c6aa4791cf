// The CNN's input for one fixed-length segment: the torchaudio-compatible standardised log-mel (64 mels × frames,
// frames fastest, the layout of PyTorch's N × 1 × 64 × T batches), and batches of them.
import { torchaudioLogMelStandardized } from '../audio/torchaudio-logmel.js';
import { BURST_SAMPLE_RATE_HZ } from './dataset.js';

/** Mel bins of the study's front end. */
export const BURST_MEL_BINS = 64;
/** STFT hop of the front end in samples. */
export const BURST_HOP_SAMPLES = 200;

/** Frames of a segment of `samples` samples: 1 + ⌊samples / 200⌋ (56 for 0.5 s). */
export function framesFor(samples: number): number {
  return 1 + Math.floor(samples / BURST_HOP_SAMPLES);
}

/** Writes a segment's standardised log-mel, mel-major, into `out` at `offset` (64 × frames values). */
export function writeSegmentFeatures(segment: Float32Array, out: Float32Array, offset: number): void {
  const logmel = torchaudioLogMelStandardized(segment, { sampleRateHz: BURST_SAMPLE_RATE_HZ });
  const { frames, nMels, data } = logmel;
  for (let t = 0; t < frames; t++) for (let m = 0; m < nMels; m++) out[offset + m * frames + t] = data[t * nMels + m]!;
}

/** An N × 1 × 64 × T batch of segments of equal length. */
export function featureBatch(segments: readonly Float32Array[]): { data: Float32Array; n: number; frames: number } {
  if (segments.length === 0) throw new RangeError('featureBatch: no segments');
  const frames = framesFor(segments[0]!.length);
  const size = BURST_MEL_BINS * frames;
  const data = new Float32Array(segments.length * size);
  segments.forEach((s, i) => {
    if (framesFor(s.length) !== frames) throw new RangeError('featureBatch: segments differ in length');
    writeSegmentFeatures(s, data, i * size);
  });
  return { data, n: segments.length, frames };
}
