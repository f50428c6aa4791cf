// The ML library: XGBoost-compatible gradient boosting, preprocessing (imputer, encoder, SMOTE), metrics, TPE.
export * from './matrix.js';
export * from './gbdt/index.js';
export * from './preprocess/index.js';
export * from './metrics/index.js';
export * from './tpe/index.js';
export { Rng, deriveSeed } from '../util/random.js';
