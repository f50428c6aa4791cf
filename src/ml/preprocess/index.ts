// Public API of src/ml/preprocess: median imputer, label encoder, SMOTE, class weights and the child-disjoint split.
export { MedianImputer, median, type MedianImputerJson, type MedianImputerOptions } from './median-imputer.js';
export { LabelEncoder, compareCodePoints, type LabelEncoderJson } from './label-encoder.js';
export { smote, type SmoteOptions, type SmoteResult } from './smote.js';
export { kNearestWithin } from './nearest-neighbours.js';
export {
  balancedClassWeights,
  sampleWeightsFromClassWeights,
  type BalancedClassWeightsOptions,
} from './class-weights.js';
export {
  SPLITS,
  capClasses,
  classCounts,
  splitChildren,
  splitRows,
  uniqueInOrder,
  type Split,
  type SplitOptions,
  type SplitRow,
} from './child-split.js';
