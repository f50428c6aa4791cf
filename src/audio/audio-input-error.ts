// Audio a feature extractor cannot use (as opposed to a bug): a per-file failure with a reason.
import { InputError } from '../util/input-error.js';

/** Why a clip cannot be analysed. */
export type AudioInputReason = 'sample-rate-too-low' | 'non-finite';

/** A clip the analysis cannot use; `message` says what is wrong without the file's name (callers add it). */
export class AudioInputError extends InputError {
  constructor(override readonly reason: AudioInputReason, message: string) {
    super(reason, message);
    this.name = 'AudioInputError';
  }
}
