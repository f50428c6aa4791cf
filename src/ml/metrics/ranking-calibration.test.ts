// Average precision, one-vs-rest PR-AUC and expected calibration error: documented examples and properties.
import { describe, expect, it } from 'vitest';
import { matrix } from '../matrix.js';
import { averagePrecision, balancedAccuracy, expectedCalibrationError, oneVsRestPrAuc, precisionRecallF1 } from './index.js';

describe('averagePrecision', () => {
  it('matches the sklearn.metrics.average_precision_score docstring example (0.8333…)', () => {
    expect(averagePrecision([false, false, true, true], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333333333, 15);
  });
  it('treats tied scores as one threshold', () => {
    // sklearn: average_precision_score([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]) == 0.5
    expect(averagePrecision([true, false, true, false], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });
  it('is 1 for a perfect ranking and 0 without positives', () => {
    expect(averagePrecision([true, true, false], [0.9, 0.8, 0.1])).toBe(1);
    expect(averagePrecision([false, false], [0.9, 0.8])).toBe(0);
  });
});

describe('oneVsRestPrAuc', () => {
  it('scores each probability column against the rest', () => {
    const proba = matrix(Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]), 3, 2);
    const r = oneVsRestPrAuc([0, 1, 0], proba);
    expect(r.perClass[0]).toBe(1);
    expect(r.perClass[1]).toBe(1);
    expect(r.macro).toBe(1);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when confidence equals accuracy in every bin', () => {
    // Two samples at confidence 0.5 in the same bin, one right and one wrong.
    const proba = matrix(Float64Array.from([0.5, 0.5, 0.5, 0.5]), 2, 2);
    expect(expectedCalibrationError([0, 1], proba)).toBe(0);
  });
  it('equals 1 − confidence for confident, always-right predictions', () => {
    const proba = matrix(Float64Array.from([0.8, 0.2, 0.3, 0.7]), 2, 2);
    expect(expectedCalibrationError([0, 1], proba)).toBeCloseTo(0.25, 12);
  });
  it('rejects a bad bin count', () => {
    const proba = matrix(Float64Array.from([0.8, 0.2]), 1, 2);
    expect(() => expectedCalibrationError([0], proba, { nBins: 0 })).toThrow(RangeError);
  });
});

describe('precision/recall edge cases', () => {
  it('ignores classes absent from yTrue in balanced accuracy, like sklearn', () => {
    expect(balancedAccuracy([0, 0, 1], [0, 2, 1])).toBe(0.75);
  });
  it('scores unpredicted classes as 0 precision (zero_division=0)', () => {
    const r = precisionRecallF1([0, 1, 1], [0, 0, 0]);
    expect(r.perClass[1]).toEqual({ label: 1, precision: 0, recall: 0, f1: 0, support: 2 });
    expect(r.macro.precision).toBeCloseTo(1 / 6, 15);
  });
  it('rejects mismatched lengths', () => {
    expect(() => precisionRecallF1([0, 1], [0])).toThrow(RangeError);
  });
});
