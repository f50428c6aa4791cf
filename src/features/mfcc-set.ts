// The `mfcc` feature set: librosa-compatible MFCCs pooled per file (mean, or mean and population std).
import { mfcc } from '../audio/mfcc.js';
import { poolFrames, type FramePooling } from '../audio/pool-frames.js';
import { resample } from '../audio/resample.js';
import type { z } from 'zod';
import { choiceParam, intParam, numberParam, parseSetParams, setParamsSchema } from './params.js';
import type { ExtractBatchOptions, FeatureExtractor, FeatureParams, FeatureRow, FeatureSet, MonoAudio } from './types.js';

/** The set's parameters, with librosa's names and defaults. */
export interface MfccSetParams {
  /** Coefficients per frame. Default 20. */
  readonly nMfcc: number;
  /** FFT size in samples (power of two). Default 2048. */
  readonly nFft: number;
  /** Samples between frames. Default 512. */
  readonly hopLength: number;
  /** Hann window length in samples. Default nFft. */
  readonly winLength: number;
  /** Mel bands. Default 128. */
  readonly nMels: number;
  readonly fminHz: number;
  /** Default sampleRateHz / 2. */
  readonly fmaxHz: number;
  /** Dynamic range kept, in dB; null keeps all. Default 80. */
  readonly topDb: number | null;
  /** 'mean' (default) or 'mean_std'. */
  readonly pool: FramePooling;
  /** Every clip is resampled to this rate first. Default 16000. */
  readonly sampleRateHz: number;
}

/** The set's params as params.yaml and `--param` give them (librosa's names); cross-checks name the key at fault. */
export const mfccParamsSchema = setParamsSchema({
  n_mfcc: intParam(1),
  n_fft: intParam(2),
  hop_length: intParam(1),
  win_length: intParam(1),
  n_mels: intParam(1),
  fmin: numberParam(0),
  fmax: numberParam(0),
  top_db: numberParam(0, true),
  pool: choiceParam(['mean', 'mean_std']),
  sample_rate_hz: intParam(1),
}).superRefine((raw, ctx) => {
  const p = withMfccDefaults(raw);
  const fail = (key: string, message: string): void => void ctx.addIssue({ code: 'custom', path: [key], message });
  if ((p.nFft & (p.nFft - 1)) !== 0) fail('n_fft', `must be a power of two, got ${p.nFft}`);
  if (p.winLength > p.nFft) fail('win_length', `${p.winLength} exceeds n_fft ${p.nFft}`);
  if (p.nMfcc > p.nMels) fail('n_mfcc', `${p.nMfcc} exceeds n_mels ${p.nMels}`);
  if (!(p.fminHz < p.fmaxHz && p.fmaxHz <= p.sampleRateHz / 2)) {
    fail('fmax', `needs fmin < fmax ≤ sample_rate_hz / 2, got ${p.fminHz}, ${p.fmaxHz}`);
  }
});

/** Fills librosa's defaults into checked raw params. */
function withMfccDefaults(p: z.infer<typeof mfccParamsSchema>): MfccSetParams {
  const nFft = p.n_fft ?? 2048;
  const sampleRateHz = p.sample_rate_hz ?? 16000;
  return {
    nMfcc: p.n_mfcc ?? 20,
    nFft,
    hopLength: p.hop_length ?? 512,
    winLength: p.win_length ?? nFft,
    nMels: p.n_mels ?? 128,
    fminHz: p.fmin ?? 0,
    fmaxHz: p.fmax ?? sampleRateHz / 2,
    topDb: p.top_db === undefined ? 80 : p.top_db,
    pool: p.pool ?? 'mean',
    sampleRateHz,
  };
}

/** Reads and checks the set's params (`n_mfcc`, `n_fft`, … as in librosa); throws FeatureInputError on a bad one. */
export function mfccSetParams(params: FeatureParams): MfccSetParams {
  return withMfccDefaults(parseSetParams('mfcc', mfccParamsSchema, params));
}

function coefficientNames(p: MfccSetParams): string[] {
  return Array.from({ length: p.nMfcc }, (_, k) => `mfcc${k + 1}`);
}

/** Extracts one clip: resample, MFCC frames, pool. Failures are rows with a reason, never zeros. */
export function extractMfccRow(clip: MonoAudio, p: MfccSetParams, withFrames = false): FeatureRow {
  if (clip.samples.length === 0) return { ok: false, reason: 'empty audio (0 samples)' };
  for (let i = 0; i < clip.samples.length; i++) {
    if (!Number.isFinite(clip.samples[i]!)) return { ok: false, reason: `non-finite sample value at sample ${i}`, badFile: true };
  }
  const samples = clip.sampleRateHz === p.sampleRateHz ? clip.samples : resample(clip.samples, clip.sampleRateHz, p.sampleRateHz);
  const frames = mfcc(samples, { ...p, sampleRateHz: p.sampleRateHz });
  const values = poolFrames(frames, p.pool);
  if (!withFrames) return { ok: true, values };
  const rows = Array.from({ length: frames.frames }, (_, t) => frames.data.slice(t * frames.cols, (t + 1) * frames.cols));
  const timesSeconds = Float64Array.from({ length: frames.frames }, (_, t) => (t * p.hopLength) / p.sampleRateHz);
  return { ok: true, values, frames: { columns: coefficientNames(p), timesSeconds, rows } };
}

export const mfccSet: FeatureSet = {
  name: 'mfcc',
  paramsSchema: mfccParamsSchema,
  columns(params) {
    const p = mfccSetParams(params);
    const names = coefficientNames(p);
    const means = names.map((n) => `${n}_mean`);
    return p.pool === 'mean_std' ? [...means, ...names.map((n) => `${n}_std`)] : means;
  },
  async open(params) {
    const p = mfccSetParams(params);
    const extractor: FeatureExtractor = {
      parallelizable: true,
      extractBatch: (clips: readonly MonoAudio[], options?: ExtractBatchOptions) =>
        Promise.resolve(clips.map((clip) => extractMfccRow(clip, p, options?.frames ?? false))),
      close: () => Promise.resolve(),
    };
    return extractor;
  },
};
