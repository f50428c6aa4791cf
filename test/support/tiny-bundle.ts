// A small but real bundle for tests and benchmarks: features (MFCC by default) of synthetic tones, five classes by
// pitch.
import { featureSet, type FeatureParams, type MonoAudio } from '../../src/features/index.js';
import { LabelEncoder, matrix, MedianImputer, parseGbdtParams, Rng, trainGbdt, type Matrix } from '../../src/ml/index.js';
import { saveModelBundle, type SaveModelBundleOptions } from '../../src/bundle/index.js';

/** The study's classes, sorted as LabelEncoder sorts them. */
export const STUDY_CLASSES = ['Canonical', 'Crying', 'Junk', 'Laughing', 'Non-canonical'] as const;

/** MFCC params small enough for fast extraction. */
export const TINY_FEATURE_PARAMS: FeatureParams = { n_mfcc: 6, n_fft: 512, hop_length: 160, n_mels: 32, sample_rate_hz: 16000 };

/** A tone of `frequencyHz` with a little noise, `durationS` long. */
export function toneClip(frequencyHz: number, durationS: number, rng: Rng, sampleRateHz = 16000): MonoAudio {
  const samples = new Float32Array(Math.round(durationS * sampleRateHz));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = 0.5 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz) + 0.02 * rng.normal();
  }
  return { samples, sampleRateHz };
}

/** Pitch of class `k` (0..4): one octave band per class. */
export function classFrequencyHz(k: number, rng: Rng): number {
  return 150 * 2 ** k * (1 + 0.3 * rng.float());
}

export interface TinyBundleOptions {
  /** Training clips. Default 150. */
  readonly rows?: number;
  readonly seed?: number;
  /** Feature set and params. Default mfcc with TINY_FEATURE_PARAMS. */
  readonly set?: string;
  readonly params?: FeatureParams;
}

/** Trains the tiny model on tone clips; returns everything `saveModelBundle` needs. */
export async function tinyBundleOptions(options: TinyBundleOptions = {}): Promise<SaveModelBundleOptions> {
  const { rows = 150, seed = 7, set: setName = 'mfcc' } = options;
  const params = options.params ?? (setName === 'mfcc' ? TINY_FEATURE_PARAMS : {});
  const rng = new Rng(seed);
  const set = featureSet(setName);
  const extractor = await set.open(params);
  const columns = set.columns(params);
  const labels = Int32Array.from({ length: rows }, (_, i) => i % STUDY_CLASSES.length);
  const clips = Array.from(labels, (k) => toneClip(classFrequencyHz(k, rng), 0.4, rng));
  const features = await extractor.extractBatch(clips);
  await extractor.close();
  const data = new Float64Array(rows * columns.length);
  features.forEach((row, r) => {
    if (!row.ok) throw new Error(`tiny bundle: extraction failed: ${row.reason}`);
    data.set(row.values, r * columns.length);
  });
  // A few missing cells so the imputer has something to do.
  for (let r = 0; r < rows; r += 17) data[r * columns.length] = Number.NaN;
  const x: Matrix = matrix(data, rows, columns.length);
  const { imputer } = MedianImputer.fit(x);
  const encoder = LabelEncoder.fit([...STUDY_CLASSES]);
  const trainingParams = { num_class: 5, max_depth: 3, eta: 0.3, num_boost_round: 8, seed };
  const { model } = trainGbdt(imputer.transform(x), labels, parseGbdtParams(trainingParams), { featureNames: columns });
  return { model, featureSet: setName, featureParams: params, columns, imputer, encoder, trainingParams, nTrainRows: rows, seed, trainingFeatures: x };
}

/** Writes the tiny bundle to `dir`. */
export async function writeTinyBundle(dir: string, options: TinyBundleOptions = {}): Promise<void> {
  await saveModelBundle(dir, await tinyBundleOptions(options));
}
