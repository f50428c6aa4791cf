import { describe, expect, it } from 'vitest';
import { makeChildProfiles } from './child.js';
import { LABELS, STUDY_CLASS_COUNTS } from './labels.js';
import { metadataCsv } from './metadata.js';
import { apportion, planCorpus } from './plan.js';

describe('child profiles', () => {
  it('covers ages 3-24, both corpora, unique IDs, deterministic', () => {
    const kids = makeChildProfiles(48, 11);
    expect(kids.map((k) => k.childId).slice(0, 2)).toEqual(['C001', 'C002']);
    expect(new Set(kids.map((k) => k.childId)).size).toBe(48);
    expect(Math.min(...kids.map((k) => k.ageMo))).toBe(3);
    expect(Math.max(...kids.map((k) => k.ageMo))).toBe(24);
    expect(kids.filter((k) => k.corpus === 'home').length).toBe(24);
    expect(makeChildProfiles(48, 11)).toEqual(kids);
    const vtl = kids.map((k) => k.vtlCm);
    expect(Math.max(...vtl) - Math.min(...vtl)).toBeGreaterThan(1);
  });
});

describe('planCorpus', () => {
  const kids = makeChildProfiles(48, 5);
  const plans = planCorpus(kids, 2400, 5);

  it('matches the study class shares exactly (largest remainder)', () => {
    const expected = apportion(2400, LABELS.map((l) => STUDY_CLASS_COUNTS[l]));
    const counts = LABELS.map((l) => plans.filter((p) => p.label === l).length);
    expect(counts).toEqual(expected);
    expect(apportion(10770, LABELS.map((l) => STUDY_CLASS_COUNTS[l]))).toEqual(LABELS.map((l) => STUDY_CLASS_COUNTS[l]));
  });

  it('draws durations like the study (mean ~0.36 s, median 0.4 s, some < 60 ms, within [0.03, 0.6])', () => {
    const d = plans.map((p) => p.durationSec).sort((a, b) => a - b);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    expect(mean).toBeGreaterThan(0.33);
    expect(mean).toBeLessThan(0.39);
    expect(d[Math.floor(d.length / 2)]).toBeCloseTo(0.4, 2);
    expect(d[0]).toBeGreaterThanOrEqual(0.03);
    expect(d[d.length - 1]).toBeLessThanOrEqual(0.6);
    expect(d.filter((x) => x < 0.06).length).toBeGreaterThan(10);
  });

  it('gives unique clip IDs named after the child, with about the requested label noise', () => {
    expect(new Set(plans.map((p) => p.clipId)).size).toBe(plans.length);
    plans.forEach((p) => expect(p.clipId.startsWith(`${p.child.childId}_`)).toBe(true));
    const noisy = plans.filter((p) => p.label !== p.renderedAs).length / plans.length;
    expect(noisy).toBeGreaterThan(0.03);
    expect(noisy).toBeLessThan(0.07);
    expect(planCorpus(kids, 2400, 5, { labelNoise: 0 }).every((p) => p.label === p.renderedAs)).toBe(true);
  });

  it('varies class mixes between children (older children babble canonically more)', () => {
    const share = (pred: (age: number) => boolean): number => {
      const mine = plans.filter((p) => pred(p.child.ageMo));
      return mine.filter((p) => p.label === 'Canonical').length / mine.length;
    };
    expect(share((a) => a >= 14)).toBeGreaterThan(share((a) => a <= 8));
  });

  it('writes the study metadata columns', () => {
    const csv = metadataCsv(plans.slice(0, 2)).split('\n');
    expect(csv[0]).toBe('child_ID,age_mo_round,child_gender,clip_ID,Answer,corpus');
    expect(csv[1]).toMatch(/^C\d{3},\d{1,2},[FM],C\d{3}_\d{4}\.wav,(Canonical|Crying|Junk|Laughing|Non-canonical),(home|lab)$/);
  });

  it('rejects bad sizes with RangeError', () => {
    expect(() => planCorpus(kids, 3, 1)).toThrow(RangeError);
    expect(() => planCorpus(kids, 100, 1, { labelNoise: 2 })).toThrow(RangeError);
  });
});
