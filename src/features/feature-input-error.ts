// Input a feature set cannot use: an unknown set, a bad parameter, an output path of the wrong kind, a model
// folder that is not what the set expects.
import { InputError } from '../util/input-error.js';

export type FeatureInputReason = 'unknown-set' | 'bad-param' | 'bad-output' | 'bad-model-path';

/** Bad input to feature extraction; `message` is one line naming the set, param or path. */
export class FeatureInputError extends InputError {
  constructor(override readonly reason: FeatureInputReason, message: string) {
    super(reason, message);
    this.name = 'FeatureInputError';
  }
}
