// The study's expected failure: bad data or params, reported as one line naming the file (and line) or recording.

/** Why the study refused its input; `message` is the one line shown to the user. */
export type BurstErrorReason =
  | 'bad-label-file'
  | 'unpaired-file'
  | 'bad-audio'
  | 'label-beyond-end'
  | 'empty-split'
  | 'missing-class'
  | 'empty-fold'
  | 'bad-params'
  | 'bad-manifest'
  | 'bad-model';

export class BurstError extends Error {
  constructor(readonly reason: BurstErrorReason, message: string) {
    super(message);
    this.name = 'BurstError';
  }
}
