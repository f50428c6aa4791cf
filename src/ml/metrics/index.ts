// Public API of src/ml/metrics: scikit-learn-compatible classification metrics.
export { argmaxRows, type ClassIndices } from './labels.js';
export { accuracy, balancedAccuracy, confusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix.js';
export {
  precisionRecallF1,
  type AveragedScores,
  type ClassScores,
  type PrecisionRecallF1,
  type PrecisionRecallF1Options,
} from './precision-recall-f1.js';
export { logLoss, type LogLossOptions } from './log-loss.js';
export { averagePrecision, oneVsRestPrAuc, type OneVsRestPrAuc } from './average-precision.js';
export { expectedCalibrationError, type ExpectedCalibrationErrorOptions } from './calibration.js';
export {
  classificationMetrics,
  type ClassificationMetrics,
  type ClassificationMetricsOptions,
} from './classification-metrics.js';
export { classificationReport, type ClassificationReportOptions } from './classification-report.js';
