// Public API of the data checks: the split tables' clip records, per-row checks with counted issues and examples,
// and the audio inspection (decodability, durations, cheap per-clip descriptors for drift). Used by stage
// `validate`; the descriptors are the ones a server can compare against the training data.
export { METADATA_COLUMNS, SPLIT_COLUMNS, type ClipRecord } from './clip-record.js';
export {
  MAX_EXAMPLES,
  checkChildOverlap,
  checkDuplicateClips,
  checkLabels,
  checkResult,
  failureLine,
  isFatalFailure,
  type CheckIssue,
  type CheckResult,
  type SplitTable,
} from './checks.js';
export {
  DESCRIPTORS,
  clipDescriptors,
  inspectAudio,
  spectralCentroidHz,
  type AudioInspection,
  type Descriptor,
  type DescriptorColumns,
  type DurationBounds,
} from './audio-checks.js';
