// Evaluation on held-out recordings (specs/burst-study.md): per labelled segment the overlap-weighted window
// probabilities, then the report's scores over all segments.
import { BURST_CLASSES, burstClassIndex } from '../classes.js';
import type { Recording } from '../dataset.js';
import { predictWindows, type PredictProba } from '../inference/window-predictor.js';
import { BURST_SAMPLE_RATE_HZ } from '../dataset.js';
import { segmentProbabilities } from '../windows.js';
import { classificationScores, type ClassificationScores } from './scores.js';

export interface SegmentPrediction {
  readonly recording: string;
  readonly audio_file: string;
  readonly start_seconds: number;
  readonly end_seconds: number;
  readonly label: string;
  readonly predicted: string;
  readonly confidence: number;
  readonly probabilities: number[];
}

export interface RecordingEvaluation {
  readonly segments: SegmentPrediction[];
  readonly scores: ClassificationScores;
}

/** Predicts every labelled segment of `recordings` and scores them. */
export async function evaluateRecordings(recordings: readonly Recording[], segmentSamples: number, predict: PredictProba): Promise<RecordingEvaluation> {
  const k = BURST_CLASSES.length;
  const segments: SegmentPrediction[] = [];
  for (const r of recordings) {
    if (r.segments.length === 0) continue;
    const windows = await predictWindows(r.samples, segmentSamples, k, predict);
    for (const s of r.segments) {
      const p = segmentProbabilities(windows.spans, windows.probabilities, k, Math.floor(s.startS * BURST_SAMPLE_RATE_HZ), Math.floor(s.endS * BURST_SAMPLE_RATE_HZ));
      let top = 0;
      for (let c = 1; c < k; c++) if (p[c]! > p[top]!) top = c;
      segments.push({ recording: r.id, audio_file: r.audioRelpath, start_seconds: s.startS, end_seconds: s.endS, label: s.label, predicted: BURST_CLASSES[top]!, confidence: p[top]!, probabilities: Array.from(p) });
    }
  }
  if (segments.length === 0) throw new RangeError('evaluation: the test recordings have no labelled segments');
  const yTrue = segments.map((s) => burstClassIndex(s.label));
  const proba = segments.flatMap((s) => s.probabilities);
  return { segments, scores: classificationScores(yTrue, proba, BURST_CLASSES) };
}
