// Input the ML library cannot use: bad training params, a model file that is not a supported XGBoost JSON
// model, a dataset without the named columns or with unknown labels, features that do not fit the model.
import { InputError } from '../util/input-error.js';

export type MlInputReason = 'bad-params' | 'bad-model' | 'bad-dataset' | 'shape-mismatch' | 'bad-journal';

/** Bad input to the ML library; `message` is one line starting with what it concerns. */
export class MlInputError extends InputError {
  constructor(override readonly reason: MlInputReason, message: string) {
    super(reason, message);
    this.name = 'MlInputError';
  }
}
