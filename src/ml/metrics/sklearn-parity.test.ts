// Metrics against scikit-learn 1.2.1's numbers in test/fixtures/reference/gbdt/summary.json
// (computed from pred_<run>.csv — XGBoost 1.7.4 test-set probabilities — and test.csv's label column).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../matrix.js';
import {
  accuracy,
  argmaxRows,
  balancedAccuracy,
  classificationMetrics,
  classificationReport,
  confusionMatrix,
  logLoss,
  precisionRecallF1,
} from './index.js';

const dir = new URL('../../../test/fixtures/reference/gbdt/', import.meta.url);

interface SummaryMetrics {
  accuracy: number;
  uar: number;
  macro_f1: number;
  weighted_f1: number;
  macro_precision: number;
  macro_recall: number;
  log_loss: number;
  confusion_matrix: number[][];
}
const summary = JSON.parse(readFileSync(new URL('summary.json', dir), 'utf8')) as {
  runs: Record<string, { test_metrics: SummaryMetrics }>;
};

function readLabels(): Int32Array {
  const lines = readFileSync(new URL('test.csv', dir), 'utf8').trim().split('\n');
  const col = (lines[0] ?? '').split(',').indexOf('label');
  return Int32Array.from(lines.slice(1), (l) => Number(l.split(',')[col]));
}

function readProba(run: string): Matrix {
  const lines = readFileSync(new URL(`pred_${run}.csv`, dir), 'utf8').trim().split('\n').slice(1);
  const cols = (lines[0] ?? '').split(',').length;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((l, r) => l.split(',').forEach((v, c) => (data[r * cols + c] = Number(v))));
  return matrix(data, lines.length, cols);
}

const yTrue = readLabels();

describe.each(Object.keys(summary.runs))('sklearn parity on run %s', (run) => {
  const ref = summary.runs[run]!.test_metrics;
  const proba = readProba(run);
  const yPred = argmaxRows(proba);

  it('matches accuracy, UAR, macro/weighted scores and log loss to 1e-9', () => {
    expect(Math.abs(accuracy(yTrue, yPred) - ref.accuracy)).toBeLessThan(1e-9);
    expect(Math.abs(balancedAccuracy(yTrue, yPred) - ref.uar)).toBeLessThan(1e-9);
    const prf = precisionRecallF1(yTrue, yPred);
    expect(Math.abs(prf.macro.f1 - ref.macro_f1)).toBeLessThan(1e-9);
    expect(Math.abs(prf.weighted.f1 - ref.weighted_f1)).toBeLessThan(1e-9);
    expect(Math.abs(prf.macro.precision - ref.macro_precision)).toBeLessThan(1e-9);
    expect(Math.abs(prf.macro.recall - ref.macro_recall)).toBeLessThan(1e-9);
    // summary.json's log loss was computed on XGBoost's float32 output (clip + renormalise in float32).
    expect(Math.abs(logLoss(yTrue, proba, { dtype: 'float32' }) - ref.log_loss)).toBeLessThan(1e-9);
    expect(Math.abs(logLoss(yTrue, proba) - ref.log_loss)).toBeLessThan(1e-7);
  });

  it('matches the confusion matrix exactly', () => {
    expect(confusionMatrix(yTrue, yPred, { nClasses: 5 })).toEqual(ref.confusion_matrix);
  });

  it('agrees with the combined metrics object', () => {
    const m = classificationMetrics(yTrue, proba);
    expect(m.uar).toBe(balancedAccuracy(yTrue, yPred));
    expect(m.confusionMatrix).toEqual(ref.confusion_matrix);
    expect(m.perClass.map((c) => c.support)).toEqual(ref.confusion_matrix.map((r) => r.reduce((a, b) => a + b)));
    expect(m.macroPrAuc).toBeGreaterThan(0);
    expect(m.macroPrAuc).toBeLessThanOrEqual(1);
    expect(m.ece).toBeGreaterThanOrEqual(0);
    expect(m.ece).toBeLessThan(1);
  });
});

describe('classificationReport', () => {
  it('lays out rows like sklearn', () => {
    const text = classificationReport([0, 1, 2, 2], [0, 2, 2, 2], { targetNames: ['a', 'b', 'c'] });
    // Expected text produced by sklearn 1.2 classification_report(y, p, target_names=['a','b','c'], zero_division=0).
    expect(text).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '           a       1.00      1.00      1.00         1',
        '           b       0.00      0.00      0.00         1',
        '           c       0.67      1.00      0.80         2',
        '',
        '    accuracy                           0.75         4',
        '   macro avg       0.56      0.67      0.60         4',
        'weighted avg       0.58      0.75      0.65         4',
        '',
      ].join('\n'),
    );
  });
});
