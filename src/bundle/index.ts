// Public API of the trained-model bundle: save after training, load to serve or pre-label, predict clips.
export { BUNDLE_FILE, BUNDLE_FORMAT, MODEL_FILE, bundleJsonSchema, stableJson } from './bundle-schema.js';
export type { BundleJson } from './bundle-schema.js';
export { bundleJsonOf, saveModelBundle } from './save-bundle.js';
export type { SaveModelBundleOptions } from './save-bundle.js';
export { BundleError, loadModelBundle, ModelBundle } from './load-bundle.js';
export type { BundleErrorReason } from './load-bundle.js';
export { chunkSpans } from './chunk-spans.js';
export type { ChunkSpan, ChunkSpansOptions } from './chunk-spans.js';
export { labelled, predictClips } from './predict-clips.js';
export type { ChunkPrediction, ClipPrediction, PredictClipsOptions } from './predict-clips.js';
export { columnQuantiles, REFERENCE_QUANTILES } from './reference-quantiles.js';
export { prepareTrainingData } from './training-data.js';
export type { LabelledFeatures, PreparedData } from './training-data.js';
export { prepareTrialFeatures, runTrial, startTrialPool, trialGbdtParams } from './trial.js';
export type { RunTrialOptions, TrialData, TrialParams, TrialScore, TrialTask } from './trial.js';
