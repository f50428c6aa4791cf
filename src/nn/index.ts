// The neural-network library: the burst study's SmallCNN on Float32Array tensors — layers, weighted
// cross-entropy, backward passes, Adam, PyTorch's default initialisation (seeded), WASM SIMD GEMM kernels with a
// TS fallback, worker threads, a model file and ONNX export/inference. Imports nothing from the engine or the CLI.
export type {
  AdamOptions,
  Gradients,
  InputBatch,
  ModelFile,
  ModelMetadata,
  NnBackend,
  NnTensor,
  OnnxClassifier,
  SmallCnn,
  SmallCnnArch,
  SmallCnnOptions,
  StateDict,
} from './api.js';
export { DEFAULT_ARCH, createSmallCnn, parameterCount, stateDictNames } from './small-cnn.js';
export { encodeModelFile, parseModelFile, readModelFile, writeModelFile, MODEL_FORMAT } from './model-file.js';
export { exportOnnx } from './onnx-export.js';
export { openOnnxClassifier, type OnnxClassifierOptions } from './onnx-classifier.js';
export { softmaxRows } from './ops/softmax.js';
