// The eGeMAPSv02 feature set: openSMILE-compatible 88 functionals per clip (src/audio/egemaps).
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES, TOO_SHORT_REASON } from '../audio/egemaps/index.js';
import type { FeatureExtractor, FeatureParams, FeatureRow, FeatureSet, MonoAudio } from './types.js';

/** Rejects parameters: eGeMAPSv02 is a fixed configuration. */
function checkParams(params: FeatureParams): void {
  const keys = Object.keys(params);
  if (keys.length > 0) throw new RangeError(`feature set egemaps takes no parameters (got ${keys.join(', ')})`);
}

/** Features of one clip: the 88 functionals, or why there are none (clip shorter than one 60 ms frame). */
export function egemapsRow(clip: MonoAudio): FeatureRow {
  const result = computeEgemaps(clip.samples, clip.sampleRateHz);
  if (result.functionals === null) return { ok: false, reason: result.reason ?? TOO_SHORT_REASON };
  return { ok: true, values: result.functionals };
}

const extractor: FeatureExtractor = {
  parallelizable: true,
  extractBatch: (clips) => Promise.resolve(clips.map(egemapsRow)),
  close: () => Promise.resolve(),
};

export const egemapsSet: FeatureSet = {
  name: 'egemaps',
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
