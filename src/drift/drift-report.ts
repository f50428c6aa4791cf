// Feature drift of a current sample against a reference, as the study's monitoring defines it: a feature drifts
// when the Wasserstein distance of its standardised values exceeds a threshold (0.1); the data set drifts when the
// share of drifted features exceeds another (0.3).
import { InputError } from '../util/input-error.js';
import { wasserstein1 } from './wasserstein.js';

export interface DriftOptions {
  /** Per-feature distance above which a feature counts as drifted. Default 0.1. */
  readonly featureThreshold?: number;
  /** Share of drifted features above which the data set drifts. Default 0.3. */
  readonly shareThreshold?: number;
}

export interface FeatureDrift {
  readonly feature: string;
  readonly distance: number;
  readonly drifted: boolean;
}

export interface DriftReport {
  readonly features: FeatureDrift[];
  readonly driftedShare: number;
  readonly datasetDrift: boolean;
}

/**
 * Compares each named column of `current` with `reference` (columns as arrays of values). Values are scaled by the
 * reference's standard deviation so that one threshold fits features of any unit; a constant reference column is
 * compared unscaled. Columns with no finite values on either side are skipped.
 */
export function driftReport(
  reference: ReadonlyMap<string, ArrayLike<number>>,
  current: ReadonlyMap<string, ArrayLike<number>>,
  options: DriftOptions = {},
): DriftReport {
  const featureThreshold = options.featureThreshold ?? 0.1;
  const shareThreshold = options.shareThreshold ?? 0.3;
  const features: FeatureDrift[] = [];
  for (const [feature, ref] of reference) {
    const cur = current.get(feature);
    if (cur === undefined) throw new InputError('missing-feature', `driftReport: current data lacks feature '${feature}'`);
    const scale = standardDeviation(ref);
    if (scale === undefined || !hasFinite(cur)) continue;
    const distance = wasserstein1(ref, cur) / (scale > 0 ? scale : 1);
    features.push({ feature, distance, drifted: distance > featureThreshold });
  }
  const driftedShare = features.length === 0 ? 0 : features.filter((f) => f.drifted).length / features.length;
  return { features, driftedShare, datasetDrift: driftedShare > shareThreshold };
}

function hasFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) return true;
  return false;
}

/** Population standard deviation of the finite values, or undefined when there are none. */
function standardDeviation(values: ArrayLike<number>): number | undefined {
  let n = 0, mean = 0, m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) continue;
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return n === 0 ? undefined : Math.sqrt(m2 / n);
}
