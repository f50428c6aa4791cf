// Placeholder until the egemaps implementation lands: the set exists but cannot be opened.
import type { FeatureSet } from './types.js';

export const egemapsSet: FeatureSet = {
  name: 'egemaps',
  columns: () => [],
  open: () => Promise.reject(new Error('feature set egemaps is not available in this build')),
};
