import { describe, expect, it } from 'vitest';
import { clipDescriptors, spectralCentroidHz } from './audio-checks.js';
import { checkChildOverlap, checkDuplicateClips, checkLabels, failureLine, MAX_EXAMPLES, type SplitTable } from './checks.js';
import type { ClipRecord } from './clip-record.js';

function record(child: string, clip: string, label = 'Junk'): ClipRecord {
  return { child_ID: child, age_mo_round: '7', child_gender: 'F', clip_ID: clip, Answer: label, corpus: 'home', path: `data/${clip}` };
}

function table(split: 'train' | 'valid' | 'test', rows: ClipRecord[]): SplitTable {
  return { split, file: `data/splits/${split}.csv`, rows };
}

describe('checks', () => {
  it('counts every offending row, keeps at most 20 examples and names 5 in the failure line', () => {
    const rows = Array.from({ length: 30 }, (_, i) => record('C1', `c${i}.wav`, 'Screaming'));
    const result = checkLabels(table('test', rows), ['Junk', 'Crying']);
    expect(result.failed).toBe(30);
    expect(result.examples).toHaveLength(MAX_EXAMPLES);
    expect(result.examples[0]).toEqual({ split: 'test', row: 1, clip_ID: 'c0.wav', detail: "label 'Screaming'" });
    expect(failureLine(result)).toBe('data/splits/test.csv: 30 row(s) with a label not in params.yaml:validate.labels [Junk, Crying]: ' +
      "c0.wav (label 'Screaming'), c1.wav (label 'Screaming'), c2.wav (label 'Screaming'), c3.wav (label 'Screaming'), " +
      "c4.wav (label 'Screaming'), … (25 more)");
  });

  it('finds children in two splits once per child and split', () => {
    const tables = [table('train', [record('A', 'a1.wav'), record('B', 'b1.wav')]),
      table('test', [record('A', 'a2.wav'), record('A', 'a3.wav'), record('C', 'c1.wav')])];
    const result = checkChildOverlap(tables, 'data/splits');
    expect(result.failed).toBe(1);
    expect(result.message).toBe('1 child(ren) in more than one split');
    expect(result.examples[0]).toMatchObject({ split: 'test', row: 1, clip_ID: 'a2.wav', detail: 'child A in train and test' });
    expect(checkChildOverlap([tables[0]!], 'data/splits').failed).toBe(0);
  });

  it('finds duplicate clip_IDs within and across splits', () => {
    const tables = [table('train', [record('A', 'x.wav'), record('A', 'x.wav')]), table('valid', [record('B', 'x.wav')])];
    const result = checkDuplicateClips(tables, 'data/splits');
    expect(result.failed).toBe(2);
    expect(result.examples.map((e) => e.detail)).toEqual(['train row 2, also train row 1', 'valid row 1, also train row 1']);
  });
});

describe('clip descriptors', () => {
  it('gives the level, zero-crossing rate and centroid of a bin-centred sine', () => {
    // 1000 Hz at 16 kHz is bin 512 of an 8192-point FFT: the centroid is exact; a sine crosses zero twice a period.
    const samples = new Float32Array(8192);
    for (let t = 0; t < samples.length; t++) samples[t] = Math.sin((2 * Math.PI * 1000 * (t + 0.25)) / 16000);
    const d = clipDescriptors(samples, 16000);
    expect(d.rmsDb).toBeCloseTo(10 * Math.log10(0.5), 3);
    expect(d.zcr).toBeCloseTo(0.125, 3);
    expect(d.centroidHz).toBeCloseTo(1000, 3);
    expect(spectralCentroidHz(new Float32Array(100), 16000)).toBeNaN();
  });
});
