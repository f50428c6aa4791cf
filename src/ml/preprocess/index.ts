// Public API of src/ml/preprocess: median imputer, label encoder, SMOTE and class weights.
export { MedianImputer, median, type MedianImputerJson, type MedianImputerOptions } from './median-imputer.js';
export { LabelEncoder, compareCodePoints, type LabelEncoderJson } from './label-encoder.js';
export { smote, type SmoteOptions, type SmoteResult } from './smote.js';
export { kNearestWithin } from './nearest-neighbours.js';
export {
  balancedClassWeights,
  sampleWeightsFromClassWeights,
  type BalancedClassWeightsOptions,
} from './class-weights.js';
