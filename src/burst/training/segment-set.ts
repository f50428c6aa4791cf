// The labelled segments of a set of recordings, cut to the fixed length: the training and validation data.
import { burstClassIndex } from '../classes.js';
import type { Recording } from '../dataset.js';
import { BURST_SAMPLE_RATE_HZ } from '../dataset.js';
import { sliceFixed } from '../segments.js';

export interface SegmentSet {
  /** Fixed-length waveforms at 22,050 Hz. */
  readonly samples: Float32Array[];
  /** Class index per segment. */
  readonly labels: Int32Array;
  /** Where each segment came from. */
  readonly refs: { recording: string; startS: number; endS: number; line: number }[];
}

/** All labelled segments of the recordings named in `ids`, in recording then file order. */
export function segmentSet(recordings: readonly Recording[], ids: readonly string[], lengthSamples: number): SegmentSet {
  const wanted = new Set(ids);
  const samples: Float32Array[] = [];
  const labels: number[] = [];
  const refs: SegmentSet['refs'] = [];
  for (const r of recordings) {
    if (!wanted.has(r.id)) continue;
    for (const s of r.segments) {
      samples.push(sliceFixed(r.samples, s.startS, s.endS, BURST_SAMPLE_RATE_HZ, lengthSamples));
      labels.push(burstClassIndex(s.label));
      refs.push({ recording: r.id, startS: s.startS, endS: s.endS, line: s.line });
    }
  }
  return { samples, labels: Int32Array.from(labels), refs };
}

/** Cross-entropy class weights: 1 / count of each class in the set (the class must be present). */
export function inverseFrequencyWeights(labels: Int32Array, classes: number): Float32Array {
  const counts = new Float64Array(classes);
  for (const y of labels) counts[y] = counts[y]! + 1;
  return Float32Array.from(counts, (c) => (c > 0 ? 1 / c : 0));
}
