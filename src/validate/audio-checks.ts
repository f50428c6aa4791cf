// Stage `validate`, audio side: every clip's file must exist and decode; durations are counted against bounds;
// cheap per-clip descriptors (no feature extraction) feed the drift report.
import { existsSync } from 'node:fs';
import { RealFft } from '../audio/real-fft.js';
import { decodeWavFile, WavError } from '../audio/wav-decode.js';
import { checkResult, type CheckIssue, type CheckResult, type SplitTable } from './checks.js';

/** The descriptors compared across splits, in report order. */
export const DESCRIPTORS = ['duration_s', 'age_mo_round', 'rms_db', 'zero_crossing_rate', 'spectral_centroid_hz'] as const;
export type Descriptor = (typeof DESCRIPTORS)[number];
export type DescriptorColumns = Map<Descriptor, number[]>;

/** Longest stretch (samples) fed to the one FFT of the spectral centroid. */
const MAX_FFT_SIZE = 8192;
const plans = new Map<number, RealFft>();

/** Level (dB re full scale), zero-crossing rate (per sample) and spectral centroid (Hz) of mono samples. */
export function clipDescriptors(samples: Float32Array, sampleRateHz: number): { rmsDb: number; zcr: number; centroidHz: number } {
  let energy = 0, crossings = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    energy += x * x;
    if (i > 0 && (x >= 0) !== (samples[i - 1]! >= 0)) crossings++;
  }
  const rmsDb = 10 * Math.log10(energy / Math.max(1, samples.length) + 1e-12);
  const zcr = samples.length > 1 ? crossings / (samples.length - 1) : 0;
  return { rmsDb, zcr, centroidHz: spectralCentroidHz(samples, sampleRateHz) };
}

/** Power-weighted mean frequency of the first ≤ 8192 samples (zero-padded to a power of two); NaN for silence. */
export function spectralCentroidHz(samples: Float32Array, sampleRateHz: number): number {
  const length = Math.min(samples.length, MAX_FFT_SIZE);
  let size = 4;
  while (size < length) size *= 2;
  let plan = plans.get(size);
  if (plan === undefined) plans.set(size, (plan = new RealFft(size)));
  const frame = new Float64Array(size);
  for (let i = 0; i < length; i++) frame[i] = samples[i]!;
  const power = new Float64Array(size / 2 + 1);
  plan.powerSpectrum(frame, power);
  let weighted = 0, total = 0;
  for (let k = 0; k < power.length; k++) {
    weighted += ((k * sampleRateHz) / size) * power[k]!;
    total += power[k]!;
  }
  return total > 0 ? weighted / total : Number.NaN;
}

/** The audio checks of one split table, and the descriptors of its decodable clips. */
export interface AudioInspection {
  readonly files: CheckResult;
  readonly durations: CheckResult;
  readonly descriptors: DescriptorColumns;
}

export interface DurationBounds {
  readonly minS: number;
  readonly maxS: number;
}

/** Decodes every clip of a table: missing/undecodable files (fatal), durations out of bounds (counted), descriptors. */
export function inspectAudio(table: SplitTable, bounds: DurationBounds): AudioInspection {
  const fileIssues: CheckIssue[] = [];
  const durationIssues: CheckIssue[] = [];
  const descriptors: DescriptorColumns = new Map(DESCRIPTORS.map((d) => [d, []]));
  const push = (d: Descriptor, v: number): void => void descriptors.get(d)!.push(v);
  table.rows.forEach((row, i) => {
    const where = { split: table.split, row: i + 1, clip_ID: row.clip_ID };
    if (row.path === '' || !existsSync(row.path)) {
      fileIssues.push({ ...where, detail: `missing: ${row.path === '' ? 'no path' : row.path}` });
      return;
    }
    let wav;
    try {
      wav = decodeWavFile(row.path);
    } catch (error) {
      if (!(error instanceof WavError)) throw error;
      const message = error.message.startsWith(`${row.path}: `) ? error.message.slice(row.path.length + 2) : error.message;
      fileIssues.push({ ...where, detail: message.startsWith(error.reason) ? message : `${error.reason}: ${message}` });
      return;
    }
    const durationS = wav.frames / wav.sampleRateHz;
    if (durationS < bounds.minS || durationS > bounds.maxS) {
      durationIssues.push({ ...where, detail: `${durationS.toFixed(3)} s` });
    }
    const { rmsDb, zcr, centroidHz } = clipDescriptors(wav.samples, wav.sampleRateHz);
    push('duration_s', durationS);
    push('age_mo_round', Number(row.age_mo_round));
    push('rms_db', rmsDb);
    push('zero_crossing_rate', zcr);
    push('spectral_centroid_hz', centroidHz);
  });
  const checked = table.rows.length;
  return {
    files: checkResult({ check: 'audio-files', file: table.file, fatal: true, checked,
      describe: (n) => `${n} file(s) missing or undecodable` }, fileIssues),
    durations: checkResult({ check: 'durations', file: table.file, fatal: false, checked,
      describe: (n) => `${n} clip(s) outside [${bounds.minS}, ${bounds.maxS}] s` }, durationIssues),
    descriptors,
  };
}
