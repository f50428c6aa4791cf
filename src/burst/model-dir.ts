// A trained burst model as a folder: `model.safetensors` (weights under PyTorch's names, src/nn's model file),
// `model.onnx` (for onnxruntime: `pipe predict`, `pipe serve`) and `burst-model.json`, which says how to cut and
// featurise audio for it. `pipe predict` / `pipe serve` recognise a burst model by `burst-model.json`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { exportOnnx, writeModelFile, type ModelMetadata, type SmallCnnArch, type StateDict } from '../nn/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { BurstError } from './burst-error.js';
import { BURST_CLASSES } from './classes.js';
import { BURST_SAMPLE_RATE_HZ } from './dataset.js';
import { framesFor } from './features.js';
import { sha256File } from './manifest.js';

export const BURST_MODEL_FILE = 'burst-model.json';
export const WEIGHTS_FILE = 'model.safetensors';
export const ONNX_FILE = 'model.onnx';

const descriptorSchema = z.object({
  format: z.literal('pipe-burst-model/1'),
  classes: z.array(z.string()).min(2),
  sample_rate_hz: z.number().int().positive(),
  segment_samples: z.number().int().positive(),
  segment_seconds: z.number().positive(),
  frames: z.number().int().positive(),
  hop_fraction: z.number().positive().max(1),
  front_end: z.record(z.string(), z.unknown()),
  files: z.object({ weights: z.string(), onnx: z.string() }),
  sha256: z.record(z.string(), z.string()),
});

export type BurstModelDescriptor = z.infer<typeof descriptorSchema>;

/** torchaudio's MelSpectrogram settings of the front end, recorded in every model. */
export const FRONT_END = {
  transform: 'torchaudio.transforms.MelSpectrogram',
  n_fft: 400,
  hop_length: 200,
  win_length: 400,
  window: 'hann (periodic)',
  power: 2,
  center: true,
  pad_mode: 'reflect',
  n_mels: 64,
  mel_scale: 'htk',
  norm: null,
  f_min: 0,
  f_max: 11025,
  log: 'log1p',
  standardise: '(x - mean) / (std + 1e-6), unbiased std, per sample',
  resampler: 'torchaudio.functional.resample defaults (sinc_interp_hann, width 6, rolloff 0.99)',
} as const;

/** Whether `dir` holds a burst model. */
export function isBurstModelDir(dir: string): boolean {
  return existsSync(join(dir, BURST_MODEL_FILE));
}

/** Writes weights, ONNX export and descriptor into `dir` (each atomically); returns the descriptor. */
export function writeBurstModel(dir: string, arch: SmallCnnArch, state: StateDict, segmentSamples: number, metadata: ModelMetadata): BurstModelDescriptor {
  writeModelFile(join(dir, WEIGHTS_FILE), { arch, state, metadata });
  writeFileAtomic(join(dir, ONNX_FILE), exportOnnx(arch, state));
  const descriptor: BurstModelDescriptor = {
    format: 'pipe-burst-model/1',
    classes: [...BURST_CLASSES],
    sample_rate_hz: BURST_SAMPLE_RATE_HZ,
    segment_samples: segmentSamples,
    segment_seconds: segmentSamples / BURST_SAMPLE_RATE_HZ,
    frames: framesFor(segmentSamples),
    hop_fraction: 0.25,
    front_end: { ...FRONT_END },
    files: { weights: WEIGHTS_FILE, onnx: ONNX_FILE },
    sha256: { [WEIGHTS_FILE]: sha256File(join(dir, WEIGHTS_FILE)), [ONNX_FILE]: sha256File(join(dir, ONNX_FILE)) },
  };
  writeFileAtomic(join(dir, BURST_MODEL_FILE), `${JSON.stringify(descriptor, null, 2)}\n`);
  return descriptor;
}

/** Reads and checks `burst-model.json`; throws BurstError naming the file. */
export function readBurstModel(dir: string): BurstModelDescriptor {
  const path = join(dir, BURST_MODEL_FILE);
  if (!existsSync(path)) throw new BurstError('bad-model', `${dir}: not a burst model (no ${BURST_MODEL_FILE})`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BurstError('bad-model', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = descriptorSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BurstError('bad-model', `${path}:${issue.path.join('.')}: ${issue.message}`);
  }
  for (const file of [parsed.data.files.weights, parsed.data.files.onnx]) {
    if (!existsSync(join(dir, file))) throw new BurstError('bad-model', `${join(dir, file)}: missing (listed in ${BURST_MODEL_FILE})`);
  }
  return parsed.data;
}
