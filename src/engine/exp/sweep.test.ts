// DVC's -S sweep syntax: value lists, range(), choice(), files, and the grid of several -S.
import { describe, expect, it } from 'vitest';
import { expandSweep } from './sweep.js';

describe('expandSweep', () => {
  it('builds the grid of several -S in the order given', () => {
    const r = expandSweep(['tuning.n_trials=20,40', 'features.yaml:mfcc.n_mfcc=13,20']);
    expect(r.ok && r.value.map((c) => c.map((s) => `${s.file}:${s.key}=${String(s.value)}`))).toEqual([
      ['params.yaml:tuning.n_trials=20', 'features.yaml:mfcc.n_mfcc=13'],
      ['params.yaml:tuning.n_trials=20', 'features.yaml:mfcc.n_mfcc=20'],
      ['params.yaml:tuning.n_trials=40', 'features.yaml:mfcc.n_mfcc=13'],
      ['params.yaml:tuning.n_trials=40', 'features.yaml:mfcc.n_mfcc=20'],
    ]);
  });

  it('expands range() with Python semantics and choice(), parsing values as YAML', () => {
    const values = (spec: string): unknown => {
      const r = expandSweep([spec]);
      return r.ok ? r.value.map((c) => c[0]?.value) : r.error;
    };
    expect(values('a=range(1, 4)')).toEqual([1, 2, 3]);
    expect(values('a=range(0, 1, 0.25)')).toEqual([0, 0.25, 0.5, 0.75]);
    expect(values('a=range(3, 0, -1)')).toEqual([3, 2, 1]);
    expect(values('a=choice(gbdt, "svm", true)')).toEqual(['gbdt', 'svm', true]);
    expect(values('a=[1,2],[3]')).toEqual([[1, 2], [3]]);
    expect(values('a=null')).toEqual([null]);
  });

  it('names the bad option', () => {
    expect(expandSweep(['novalue'])).toEqual({ ok: false, error: '-S novalue: expected [file:]key=value' });
    expect(expandSweep(['a=range(1)'])).toEqual({ ok: false, error: '-S a=range(1): range() takes 2 or 3 numbers' });
    expect(expandSweep(['a=range(1, 1)'])).toEqual({ ok: false, error: '-S a=range(1, 1): range() is empty' });
  });
});
