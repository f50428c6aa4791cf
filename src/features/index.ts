// Public API of the feature library, for the featurize stage, the server and `pipe features`.
export { extractFeatures, FeatureFileError, FeatureSetOpenError } from './extract.js';
export type { ExtractedRow, ExtractFeaturesOptions, ExtractFeaturesResult, NamedFile } from './extract.js';
export { InputListError, listInputFiles } from './input-files.js';
export type { InputFile } from './input-files.js';
export { mfccParamsSchema, mfccSet, mfccSetParams } from './mfcc-set.js';
export { egemapsParamsSchema } from './egemaps-set.js';
export { sslParamsSchema, sslSkipReason } from './ssl-sets.js';
export type { MfccSetParams } from './mfcc-set.js';
export { parseParamAssignments } from './params.js';
export { createProgress } from './progress.js';
export { extractFiles, readClip } from './extract-files.js';
export type { ClipResult } from './extract-files.js';
export { FEATURE_SETS, featureSet } from './registry.js';
export type * from './types.js';
export { featureTableCsv, featureTableParquet, tableFormatOf, writeErrorTable, writeFeatureTable } from './write-table.js';
export { framesPath, writeFrames } from './write-frames.js';
