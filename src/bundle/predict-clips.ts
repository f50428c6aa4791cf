// From clips to labels: chunk, extract features in one batch, predict, average chunk probabilities per clip.
import type { FeatureExtractor, MonoAudio } from '../features/index.js';
import { matrix } from '../ml/index.js';
import { chunkSpans } from './chunk-spans.js';
import type { ModelBundle } from './load-bundle.js';

export interface ChunkPrediction {
  readonly start_s: number;
  readonly end_s: number;
  readonly label: string;
  readonly probabilities: Record<string, number>;
}

/** One clip's prediction, or why there is none (features could not be extracted). */
export type ClipPrediction =
  | { readonly ok: true; readonly label: string; readonly probabilities: Record<string, number>; readonly chunks?: ChunkPrediction[] }
  | { readonly ok: false; readonly reason: string };

export interface PredictClipsOptions {
  /** Chunk length in seconds; clips longer than this are chunked. Default 0.4. */
  readonly chunkS?: number;
  /** Step between chunk starts in seconds. Default `chunkS`. */
  readonly hopS?: number;
  /** A last, shorter chunk is kept when at least this long. Default 0.2. */
  readonly minLastChunkS?: number;
  /** Receives every extracted feature vector (raw, before imputation), e.g. for drift monitoring. */
  readonly onFeatures?: (vectors: readonly Float64Array[]) => void;
}

interface Piece {
  readonly clip: number;
  readonly startS: number;
  readonly endS: number;
}

/** Predicts each clip; chunk probabilities are averaged (unweighted) into the clip's probabilities. */
export async function predictClips(
  bundle: ModelBundle,
  extractor: FeatureExtractor,
  clips: readonly MonoAudio[],
  options: PredictClipsOptions = {},
): Promise<ClipPrediction[]> {
  const pieces: Piece[] = [];
  const audio: MonoAudio[] = [];
  clips.forEach((clip, i) => {
    const spans = chunkSpans(clip.samples.length, clip.sampleRateHz, { windowS: options.chunkS, hopS: options.hopS, minLastS: options.minLastChunkS });
    if (spans.length === 0) {
      pieces.push({ clip: i, startS: 0, endS: clip.samples.length / clip.sampleRateHz });
      audio.push(clip);
    }
    for (const s of spans) {
      pieces.push({ clip: i, startS: s.startS, endS: s.endS });
      audio.push({ samples: clip.samples.subarray(s.startSample, s.endSample), sampleRateHz: clip.sampleRateHz });
    }
  });
  const rows = audio.length === 0 ? [] : await extractor.extractBatch(audio);
  const okIdx: number[] = [];
  const vectors: Float64Array[] = [];
  rows.forEach((row, i) => {
    if (row.ok) {
      okIdx.push(i);
      vectors.push(row.values);
    }
  });
  options.onFeatures?.(vectors);
  const k = bundle.classes.length;
  const proba = vectors.length === 0 ? new Float64Array(0) : bundle.predictFeatures(stack(vectors, bundle.columns.length));
  const perPiece = new Map<number, Float64Array>(okIdx.map((p, j) => [p, proba.subarray(j * k, (j + 1) * k)]));
  return clips.map((clip, c) => assemble(bundle.classes, pieces, rows.map((r) => (r.ok ? '' : r.reason)), perPiece, c, clip));
}

/** Combines the pieces of clip `c` into its prediction. */
function assemble(
  classes: readonly string[],
  pieces: readonly Piece[],
  reasons: readonly string[],
  perPiece: ReadonlyMap<number, Float64Array>,
  c: number,
  clip: MonoAudio,
): ClipPrediction {
  const mine = pieces.map((p, i) => ({ p, i })).filter(({ p }) => p.clip === c);
  const chunked = mine.length > 1 || (mine.length === 1 && mine[0]!.p.endS < clip.samples.length / clip.sampleRateHz);
  const sum = new Float64Array(classes.length);
  const chunks: ChunkPrediction[] = [];
  for (const { p, i } of mine) {
    const pr = perPiece.get(i);
    if (pr === undefined) continue;
    for (let j = 0; j < sum.length; j++) sum[j]! += pr[j]!;
    chunks.push({ start_s: round6(p.startS), end_s: round6(p.endS), ...labelled(classes, pr) });
  }
  if (chunks.length === 0) return { ok: false, reason: reasons[mine[0]?.i ?? -1] || 'no audio to analyse' };
  for (let j = 0; j < sum.length; j++) sum[j]! /= chunks.length;
  return { ok: true, ...labelled(classes, sum), ...(chunked ? { chunks } : {}) };
}

/** The arg-max label and the named probabilities of one probability row. */
export function labelled(classes: readonly string[], p: ArrayLike<number>): { label: string; probabilities: Record<string, number> } {
  let best = 0;
  const probabilities: Record<string, number> = {};
  classes.forEach((name, j) => {
    probabilities[name] = p[j]!;
    if (p[j]! > p[best]!) best = j;
  });
  return { label: classes[best]!, probabilities };
}

function stack(vectors: readonly Float64Array[], cols: number): ReturnType<typeof matrix> {
  const data = new Float64Array(vectors.length * cols);
  vectors.forEach((v, r) => {
    if (v.length !== cols) throw new RangeError(`predictClips: extractor gave ${v.length} features, the model expects ${cols}`);
    data.set(v, r * cols);
  });
  return matrix(data, vectors.length, cols);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
