// Placeholder until the mfcc implementation lands: the set exists but cannot be opened.
import type { FeatureSet } from './types.js';

export const mfccSet: FeatureSet = {
  name: 'mfcc',
  columns: () => [],
  open: () => Promise.reject(new Error('feature set mfcc is not available in this build')),
};
