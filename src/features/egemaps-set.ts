// The eGeMAPSv02 feature set: openSMILE-compatible 88 functionals per clip (src/audio/egemaps).
import { FeatureInputError } from './feature-input-error.js';
import { AudioInputError } from '../audio/audio-input-error.js';
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES, TOO_SHORT_REASON } from '../audio/egemaps/index.js';
import { z } from 'zod';
import type { FeatureExtractor, FeatureParams, FeatureRow, FeatureSet, MonoAudio } from './types.js';

/** The set's params: none (eGeMAPSv02 is a fixed configuration); an empty or null section is fine. */
export const egemapsParamsSchema = z.strictObject({}, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? `eGeMAPSv02 is a fixed configuration and takes no parameters (got ${issue.keys.join(', ')})` : undefined),
});

/** Rejects parameters: eGeMAPSv02 is a fixed configuration. */
function checkParams(params: FeatureParams): void {
  const keys = Object.keys(params);
  if (keys.length > 0) throw new FeatureInputError('bad-param', `feature set egemaps takes no parameters (got ${keys.join(', ')})`);
}

/** openSMILE's LLD frames are 10 ms apart (frameTime = 0, 0.01, …). */
const LLD_HOP_SECONDS = 0.01;

/**
 * Features of one clip: the 88 functionals, or why there are none (clip shorter than one 60 ms frame); with
 * `frames`, also the 25 smoothed frame-level descriptors as openSMILE's LLD CSV has them (one row per 10 ms).
 */
export function egemapsRow(clip: MonoAudio, frames = false): FeatureRow {
  let result: ReturnType<typeof computeEgemaps>;
  try {
    result = computeEgemaps(clip.samples, clip.sampleRateHz, { lld: frames });
  } catch (error) {
    // audio this set cannot use (too low a rate) is a per-file failure, not the end of the run
    if (error instanceof AudioInputError) return { ok: false, reason: error.message, badFile: true };
    throw error;
  }
  if (result.functionals === null) return { ok: false, reason: result.reason ?? TOO_SHORT_REASON };
  if (!frames || result.lld === undefined) return { ok: true, values: result.functionals };
  const rows = result.lld.frames;
  const timesSeconds = Float64Array.from(rows, (_, t) => t * LLD_HOP_SECONDS);
  return { ok: true, values: result.functionals, frames: { columns: result.lld.names, timesSeconds, rows } };
}

const extractor: FeatureExtractor = {
  parallelizable: true,
  extractBatch: (clips, options) => Promise.resolve(clips.map((clip) => egemapsRow(clip, options?.frames ?? false))),
  close: () => Promise.resolve(),
};

export const egemapsSet: FeatureSet = {
  name: 'egemaps',
  paramsSchema: egemapsParamsSchema,
  columns: (params) => {
    checkParams(params);
    return [...EGEMAPS_FUNCTIONAL_NAMES];
  },
  open: (params) => {
    try {
      checkParams(params);
    } catch (err) {
      return Promise.reject(err);
    }
    return Promise.resolve(extractor);
  },
};
