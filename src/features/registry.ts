// The feature sets `pipe features` and the featurize stage know, by name.
import { FeatureInputError } from './feature-input-error.js';
import { egemapsSet } from './egemaps-set.js';
import { logmelSet } from './logmel-set.js';
import { mfccSet } from './mfcc-set.js';
import { hubertSslSet, wav2vec2SslSet } from './ssl-sets.js';
import type { FeatureSet } from './types.js';

export const FEATURE_SETS: ReadonlyMap<string, FeatureSet> = new Map(
  [egemapsSet, mfccSet, hubertSslSet, wav2vec2SslSet, logmelSet].map((set) => [set.name, set]),
);

/** Looks a feature set up by name; throws FeatureInputError listing the known names. */
export function featureSet(name: string): FeatureSet {
  const set = FEATURE_SETS.get(name);
  if (set === undefined) throw new FeatureInputError('unknown-set', `unknown feature set '${name}' (known: ${[...FEATURE_SETS.keys()].join(', ')})`);
  return set;
}
