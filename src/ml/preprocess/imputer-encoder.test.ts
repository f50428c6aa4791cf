// Median imputer and label encoder: numpy/sklearn-documented behaviour and JSON round trips.
import { MlInputError } from '../ml-input-error.js';
import { describe, expect, it } from 'vitest';
import { matrix } from '../matrix.js';
import { LabelEncoder, MedianImputer, balancedClassWeights, median } from './index.js';

describe('median', () => {
  it('follows numpy.median for odd and even lengths', () => {
    expect(median(Float64Array.from([3, 1, 2]))).toBe(2);
    expect(median(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
  });
});

describe('MedianImputer', () => {
  const nan = Number.NaN;
  const x = matrix(Float64Array.from([1, nan, nan, 3, 7, nan, nan, 9, nan, 5, 1, nan]), 4, 3);

  it('fills NaN with the column median of observed values and keeps observed ones', () => {
    const { imputer, warnings } = MedianImputer.fit(x);
    expect(Array.from(imputer.fill)).toEqual([3, 7, 0]);
    expect(warnings).toEqual(['median imputer: column 2 has no observed value; filled with 0']);
    const t = imputer.transform(x);
    expect(Array.from(t.data)).toEqual([1, 7, 0, 3, 7, 0, 3, 9, 0, 5, 1, 0]);
    expect(Number.isNaN(x.data[1])).toBe(true); // input untouched
  });

  it('round-trips through JSON', () => {
    const { imputer } = MedianImputer.fit(x, { allMissingFill: -1 });
    const back = MedianImputer.fromJSON(JSON.parse(JSON.stringify(imputer)));
    expect(Array.from(back.fill)).toEqual([3, 7, -1]);
    expect(back.allMissingColumns).toEqual([2]);
    expect(() => MedianImputer.fromJSON({ kind: 'other' })).toThrow(MlInputError);
  });

  it('rejects a different column count', () => {
    const { imputer } = MedianImputer.fit(x);
    expect(() => imputer.transform(matrix(new Float64Array(2), 1, 2))).toThrow(RangeError);
  });
});

describe('LabelEncoder', () => {
  it('sorts classes by code point like Python sorted()', () => {
    // Python: sorted(['b', 'a', 'B', 'é', '\uffff', '😀']) == ['B', 'a', 'b', 'é', '\uffff', '😀']
    const enc = LabelEncoder.fit(['b', 'a', 'B', 'é', '\uffff', '😀', 'a']);
    expect(enc.classes).toEqual(['B', 'a', 'b', 'é', '\uffff', '😀']);
  });

  it('transforms, inverts and round-trips through JSON', () => {
    const enc = LabelEncoder.fit(['cry', 'babble', 'laugh', 'cry']);
    expect(Array.from(enc.transform(['laugh', 'babble', 'cry']))).toEqual([2, 0, 1]);
    expect(enc.inverseTransform([1, 2])).toEqual(['cry', 'laugh']);
    const back = LabelEncoder.fromJSON(JSON.parse(JSON.stringify(enc)));
    expect(back.classes).toEqual(enc.classes);
    expect(() => enc.transform(['growl'])).toThrow(RangeError);
    expect(() => enc.inverseTransform([3])).toThrow(RangeError);
  });
});

describe('balancedClassWeights', () => {
  it('equals sklearn compute_class_weight("balanced") = n / (k · count)', () => {
    // compute_class_weight('balanced', classes=[0,1,2], y=[0,0,0,0,1,1,2]) == [7/12, 7/6, 7/3]
    const w = balancedClassWeights([0, 0, 0, 0, 1, 1, 2]);
    expect(Array.from(w)).toEqual([7 / 12, 7 / 6, 7 / 3]);
  });
});
