// Public API of src/ml/gbdt: XGBoost-compatible gradient boosting (training, prediction, JSON model I/O).
export type { GbdtParams, GbdtObjective } from './params.js';
export { parseGbdtParams } from './params.js';
export { gbdtParamsSchema, type GbdtParamName } from './params-schema.js';
export type { GbdtModel } from './model.js';
export { numRounds } from './model.js';
export type { RegTree } from './tree.js';
export type { PreparedFeatures, TrainGbdtOptions, TrainGbdtResult } from './train.js';
export { prepareHistFeatures, trainGbdt } from './train.js';
export type { PredictOptions } from './predict.js';
export { predictMargin, predictProba, probaFromMargin } from './predict.js';
export { modelFromJson, modelToJson } from './model-json.js';
export type { CsvDataset, DatasetFromCsvOptions } from './dataset.js';
export { datasetFromCsv } from './dataset.js';
export { formatFloat32Plain } from './float-format.js';
export { trainGbdtNative, predictNative, nativeBackendAvailable, nativeBackendProblem } from './native.js';
export type { HelperData, RoundBoard } from './round-board.js';
export { boardBusy, boardSeq, createRoundBoard, helpedTrees, helpTraining } from './round-board.js';
export { TrainingHelper, trainGbdtOnThreads } from './training-helper.js';
