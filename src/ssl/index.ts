// Public API of the self-supervised speech models (package export `./ssl`): HuBERT / wav2vec2 base-variant
// checkpoints or ONNX exports, run with onnxruntime, pooled into one embedding per clip.
export { openSslEmbedder, planBatches, SSL_SAMPLE_RATE_HZ } from './embedder.js';
export type { EmbeddingRow, SslEmbedder, SslEmbedderOptions } from './embedder.js';
export { loadCheckpoint, readSslConfig } from './checkpoint.js';
export type { SslCheckpoint, SslWeights } from './checkpoint.js';
export { frameCount, parseSslConfig, receptiveFieldSamples } from './config.js';
export type { SslArchitecture } from './config.js';
export { zeroMeanUnitVariance } from './normalize.js';
export type { SslDevice } from './runtime.js';
