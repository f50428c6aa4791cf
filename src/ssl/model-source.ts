// Resolves a model folder to a runnable model: a HuggingFace checkpoint (config.json + model.safetensors), whose
// ONNX graph is built in memory, or an ONNX export (`model.onnx`, or `onnx/model.onnx` as transformers.js lays
// it out, written by optimum) with input `input_values` [batch, samples] and output `last_hidden_state`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { assertFolder, loadCheckpoint, readSslConfig } from './checkpoint.js';
import type { SslArchitecture } from './config.js';
import { openOrtModel, type OrtModel, type OrtSessionOptions } from './runtime.js';
import { buildSslOnnx, hiddenStateName, INPUT_NAME, LAST_OUTPUT_NAME } from './ssl-graph.js';

/** A model ready to run, with the output that holds the selected hidden state. */
export interface LoadedSslModel {
  readonly arch: SslArchitecture;
  readonly kind: 'checkpoint' | 'onnx';
  readonly model: OrtModel;
  readonly outputName: string;
  /** Whether clips are normalised to zero mean and unit variance (`do_normalize` of preprocessor_config.json). */
  readonly normalize: boolean;
  /** Milliseconds spent reading, building and creating the session. */
  readonly loadMs: number;
}

const preprocessorSchema = z.object({
  do_normalize: z.boolean().default(true),
  sampling_rate: z.number().default(16000),
});

/** Reads `do_normalize` from `<dir>/preprocessor_config.json` (absent file: true); rejects a rate other than 16 kHz. */
export async function readNormalizeFlag(dir: string): Promise<boolean> {
  const path = join(dir, 'preprocessor_config.json');
  if (!existsSync(path)) return true;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new RangeError(`${path}: not valid JSON`);
  }
  const parsed = preprocessorSchema.safeParse(json);
  if (!parsed.success) throw new RangeError(`${path}: invalid '${parsed.error.issues[0]?.path.join('.') ?? '?'}'`);
  if (parsed.data.sampling_rate !== 16000) throw new RangeError(`${path}: sampling_rate ${parsed.data.sampling_rate} is not supported (16000 only)`);
  return parsed.data.do_normalize;
}

const ONNX_CANDIDATES = ['model.onnx', join('onnx', 'model.onnx')];

/** The ONNX export inside `dir`, if any (`model.onnx` first, then `onnx/model.onnx`). */
export function findOnnxExport(dir: string): string | undefined {
  return ONNX_CANDIDATES.map((name) => join(dir, name)).find((path) => existsSync(path));
}

async function loadOnnxExport(dir: string, path: string, layer: number, options: OrtSessionOptions): Promise<{ arch: SslArchitecture; model: OrtModel }> {
  const arch = await readSslConfig(dir);
  if (layer !== arch.numLayers) {
    throw new RangeError(`${path}: an ONNX export only provides ${LAST_OUTPUT_NAME}; layer ${layer} needs the checkpoint folder (config.json + model.safetensors)`);
  }
  let model: OrtModel;
  try {
    model = await openOrtModel(path, options);
  } catch (error) {
    throw new RangeError(`${path}: onnxruntime could not load the model: ${(error as Error).message.split('\n')[0]}`);
  }
  if (model.inputName !== INPUT_NAME || !model.outputNames.includes(LAST_OUTPUT_NAME)) {
    await model.close();
    throw new RangeError(`${path}: expected input '${INPUT_NAME}' and output '${LAST_OUTPUT_NAME}', found inputs [${model.inputName}] and outputs [${model.outputNames.join(', ')}]`);
  }
  return { arch, model };
}

/** Loads the model of `dir` for hidden state `layer` ('last' or 0…numLayers); throws RangeError with one clear line. */
export async function loadSslModel(dir: string, layer: number | 'last', options: OrtSessionOptions = {}): Promise<LoadedSslModel> {
  const started = performance.now();
  assertFolder(dir, 'SSL model');
  const hasSafetensors = existsSync(join(dir, 'model.safetensors'));
  const onnxPath = findOnnxExport(dir);
  if (!hasSafetensors && onnxPath !== undefined) {
    const arch = await readSslConfig(dir);
    const index = resolveLayer(arch, layer);
    const normalize = await readNormalizeFlag(dir);
    const { model } = await loadOnnxExport(dir, onnxPath, index, options);
    return { arch, kind: 'onnx', model, outputName: LAST_OUTPUT_NAME, normalize, loadMs: performance.now() - started };
  }
  if (!hasSafetensors && !existsSync(join(dir, 'config.json'))) {
    throw new RangeError(`SSL model ${dir}: neither a checkpoint (config.json + model.safetensors) nor an ONNX export (model.onnx or onnx/model.onnx)`);
  }
  const checkpoint = await loadCheckpoint(dir);
  const index = resolveLayer(checkpoint.arch, layer);
  const normalize = await readNormalizeFlag(dir);
  const model = await openOrtModel(buildSslOnnx(checkpoint, index), options);
  return { arch: checkpoint.arch, kind: 'checkpoint', model, outputName: hiddenStateName(checkpoint.arch, index), normalize, loadMs: performance.now() - started };
}

/** Maps 'last' or an index (negative counts from the end, -1 = last) to a hidden-state index; RangeError if out of range. */
export function resolveLayer(arch: SslArchitecture, layer: number | 'last'): number {
  if (layer === 'last') return arch.numLayers;
  const index = layer < 0 ? arch.numLayers + 1 + layer : layer;
  if (!Number.isInteger(layer) || index < 0 || index > arch.numLayers) {
    throw new RangeError(`layer ${layer} does not exist: the model has hidden states 0…${arch.numLayers} ('last' = ${arch.numLayers})`);
  }
  return index;
}
