// The report's scores on a small hand-checked example.
import { describe, expect, it } from 'vitest';
import { classificationScores, prCurve } from './scores.js';

describe('classificationScores', () => {
  it('per-class P/R/F1/support, macro and micro F1, accuracy, ECE with 10 bins, PR AUC', () => {
    const y = [0, 0, 1, 2];
    const p = [0.9, 0.05, 0.05, 0.4, 0.5, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8];
    const s = classificationScores(y, p, ['b', 'mb', 'h']);
    // predictions: b, mb, mb, h → accuracy 3/4
    expect(s.accuracy).toBe(0.75);
    expect(s.micro_f1).toBe(0.75);
    expect(s.per_class.map((c) => [c.precision, c.recall, c.support])).toEqual([[1, 0.5, 2], [0.5, 1, 1], [1, 1, 1]]);
    expect(s.macro_f1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
    // confidences 0.9 (hit), 0.5 (miss), 0.7 (hit), 0.8 (hit): bins (0.8,0.9], (0.4,0.5], (0.6,0.7], (0.7,0.8]
    expect(s.ece).toBeCloseTo((0.1 + 0.5 + 0.3 + 0.2) / 4, 12);
    expect(s.per_class[2]!.pr_auc).toBe(1);
    expect(s.confusion).toEqual([[1, 1, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('traces a PR curve from the highest threshold down', () => {
    expect(prCurve([true, false, true], Float64Array.from([0.9, 0.8, 0.3]))).toEqual([
      { threshold: 0.9, precision: 1, recall: 0.5 },
      { threshold: 0.8, precision: 0.5, recall: 0.5 },
      { threshold: 0.3, precision: 2 / 3, recall: 1 },
    ]);
  });
});
