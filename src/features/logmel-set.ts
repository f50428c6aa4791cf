// The `logmel` feature set: the burst study's torchaudio-compatible front end (resample to 22,050 Hz with
// torchaudio's resampler, MelSpectrogram n_fft 400 / hop 200 / 64 HTK mels, log1p, per-file standardisation with
// the unbiased std). One row per file: the mean of each mel band over frames; `--frames DIR` writes frames × 64.
import { torchaudioLogMelStandardized } from '../audio/torchaudio-logmel.js';
import { resampleTorchaudio } from '../audio/torchaudio-resample.js';
import { intParam, parseSetParams, setParamsSchema } from './params.js';
import type { ExtractBatchOptions, FeatureExtractor, FeatureParams, FeatureRow, FeatureSet, MonoAudio } from './types.js';

interface LogmelParams {
  readonly sampleRateHz: number;
  readonly nMels: number;
}

/** The set's params as params.yaml and `--param` give them. */
export const logmelParamsSchema = setParamsSchema({ sample_rate_hz: intParam(1), n_mels: intParam(1) });

function logmelParams(params: FeatureParams): LogmelParams {
  const p = parseSetParams('logmel', logmelParamsSchema, params);
  return { sampleRateHz: p.sample_rate_hz ?? 22050, nMels: p.n_mels ?? 64 };
}

const names = (p: LogmelParams): string[] => Array.from({ length: p.nMels }, (_, m) => `logmel${m + 1}`);

/** One clip: resample, standardised log-mel, mean per band (and the frames when asked). */
export function extractLogmelRow(clip: MonoAudio, p: LogmelParams, withFrames: boolean): FeatureRow {
  for (let i = 0; i < clip.samples.length; i++) {
    if (!Number.isFinite(clip.samples[i]!)) return { ok: false, reason: `non-finite sample value at sample ${i}`, badFile: true };
  }
  const samples = resampleTorchaudio(clip.samples, clip.sampleRateHz, p.sampleRateHz);
  if (samples.length <= 200) return { ok: false, reason: `too short for the log-mel front end (${samples.length} samples at ${p.sampleRateHz} Hz, need > 200)` };
  const { frames, nMels, data } = torchaudioLogMelStandardized(samples, { sampleRateHz: p.sampleRateHz, nMels: p.nMels });
  const values = new Float64Array(nMels);
  for (let t = 0; t < frames; t++) for (let m = 0; m < nMels; m++) values[m] = values[m]! + data[t * nMels + m]! / frames;
  if (!withFrames) return { ok: true, values };
  const rows = Array.from({ length: frames }, (_, t) => Float64Array.from(data.subarray(t * nMels, (t + 1) * nMels)));
  const timesSeconds = Float64Array.from({ length: frames }, (_, t) => (t * 200) / p.sampleRateHz);
  return { ok: true, values, frames: { columns: names(p), timesSeconds, rows } };
}

export const logmelSet: FeatureSet = {
  name: 'logmel',
  paramsSchema: logmelParamsSchema,
  columns: (params) => names(logmelParams(params)).map((n) => `${n}_mean`),
  async open(params) {
    const p = logmelParams(params);
    const extractor: FeatureExtractor = {
      parallelizable: true,
      extractBatch: (clips: readonly MonoAudio[], options?: ExtractBatchOptions) => Promise.resolve(clips.map((clip) => extractLogmelRow(clip, p, options?.frames ?? false))),
      close: () => Promise.resolve(),
    };
    return extractor;
  },
};
