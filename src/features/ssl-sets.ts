// Placeholder until the SSL implementation lands: the sets exist but cannot be opened.
import type { FeatureSet } from './types.js';

function unavailable(name: string): FeatureSet {
  return { name, columns: () => [], open: () => Promise.reject(new Error(`feature set ${name} is not available in this build`)) };
}

export const hubertSslSet: FeatureSet = unavailable('hubert_ssl');
export const wav2vec2SslSet: FeatureSet = unavailable('wav2vec2_ssl');
