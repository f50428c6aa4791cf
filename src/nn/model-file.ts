// The model file: safetensors (https://github.com/huggingface/safetensors) holding every parameter and batch-norm
// buffer as float32 under PyTorch's names, with `__metadata__` = {format: 'pipe-smallcnn/1', arch: JSON of
// {classes, melBins, dropout}, metadata: JSON of the caller's metadata}. PyTorch loads the tensors with
// `safetensors.torch.load_file` + `model.load_state_dict`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ModelFile, NnTensor, SmallCnnArch } from './api.js';
import { netLayout, torchOrder } from './layout.js';
import { encodeSafetensors, parseSafetensors } from '../ssl/safetensors.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Format tag stored as `__metadata__.format`. */
export const MODEL_FORMAT = 'pipe-smallcnn/1';

const archSchema = z.object({
  classes: z.number().int().min(2),
  melBins: z.number().int().min(4),
  dropout: z.number().min(0).lt(1),
});

/** Serialises a model file; throws RangeError when a tensor is missing or misshapen. */
export function encodeModelFile(model: ModelFile): Uint8Array {
  const tensors = new Map<string, NnTensor>();
  for (const slot of torchOrder(netLayout(model.arch))) {
    const t = model.state.get(slot.name);
    if (t === undefined) throw new RangeError(`model file: state has no '${slot.name}'`);
    if (t.shape.join(',') !== slot.shape.join(',')) throw new RangeError(`model file: '${slot.name}' has shape [${t.shape.join(', ')}], expected [${slot.shape.join(', ')}]`);
    tensors.set(slot.name, t);
  }
  const arch: SmallCnnArch = { classes: model.arch.classes, melBins: model.arch.melBins, dropout: model.arch.dropout };
  return encodeSafetensors(tensors, { format: MODEL_FORMAT, arch: JSON.stringify(arch), metadata: JSON.stringify(model.metadata) });
}

/** Parses model-file bytes; throws RangeError naming `source` when malformed. */
export function parseModelFile(bytes: Uint8Array, source: string): ModelFile {
  let file;
  try {
    file = parseSafetensors(bytes, source);
  } catch (error) {
    throw new RangeError(`${source}: not a SmallCNN model file (${(error as Error).message})`);
  }
  const meta = file.metadata;
  if (meta['format'] !== MODEL_FORMAT) throw new RangeError(`${source}: not a SmallCNN model file (format '${meta['format'] ?? 'missing'}', expected '${MODEL_FORMAT}')`);
  let archJson: unknown;
  let metadata: unknown;
  try {
    archJson = JSON.parse(meta['arch'] ?? '');
    metadata = JSON.parse(meta['metadata'] ?? '{}');
  } catch {
    throw new RangeError(`${source}: model file metadata is not valid JSON`);
  }
  const arch = archSchema.safeParse(archJson);
  if (!arch.success) throw new RangeError(`${source}: model file architecture is invalid (${arch.error.issues[0]?.path.join('.')}: ${arch.error.issues[0]?.message})`);
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new RangeError(`${source}: model file metadata is not a JSON object`);
  const state = new Map<string, NnTensor>();
  for (const slot of torchOrder(netLayout(arch.data))) {
    if (!file.names.includes(slot.name)) throw new RangeError(`${source}: model file has no tensor '${slot.name}'`);
    const t = file.tensor(slot.name);
    if (t.shape.join(',') !== slot.shape.join(',')) throw new RangeError(`${source}: tensor '${slot.name}' has shape [${t.shape.join(', ')}], expected [${slot.shape.join(', ')}]`);
    state.set(slot.name, { shape: t.shape, data: t.data });
  }
  return { arch: arch.data, state, metadata: metadata as Record<string, unknown> };
}

/** Writes a model file atomically (temporary name, then rename). */
export function writeModelFile(path: string, model: ModelFile): void {
  writeFileAtomic(path, encodeModelFile(model));
}

/** Reads a model file; throws RangeError naming the path when missing or malformed. */
export function readModelFile(path: string): ModelFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new RangeError(`${path}: cannot read the model file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseModelFile(bytes, path);
}
