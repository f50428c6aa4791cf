// Parity of the 88 eGeMAPSv02 functionals with openSMILE 3.0.2 (test/fixtures/reference/egemaps.csv) over every
// reference file, with issue #3's criteria: relative error ≤ 1 % (absolute ≤ 1e−3 near 0) on ≥ 90 % of the
// (file, feature) pairs and ≤ 5 % on ≥ 99 %.
import { describe, expect, it } from 'vitest';
import { decodeWavFile } from '../wav-decode.js';
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES } from './index.js';
import type { ParityPair } from '../../../test/support/egemaps-parity.js';
import { featureSummary, parityPairs, passRate, worstPairsTable } from '../../../test/support/egemaps-parity.js';
import { readReferenceCsv } from '../../../test/support/egemaps-reference-csv.js';

const DIR = 'test/fixtures/reference';

/** Every (file, feature) pair of the reference table. */
function allPairs(): ParityPair[] {
  const ref = readReferenceCsv(`${DIR}/egemaps.csv`);
  const pairs: ParityPair[] = [];
  for (const row of ref.rows) {
    const wav = decodeWavFile(`${DIR}/audio/${row.name}.wav`);
    const res = computeEgemaps(wav.samples, wav.sampleRateHz);
    expect(res.functionals, row.name).not.toBeNull();
    pairs.push(...parityPairs(row.name, EGEMAPS_FUNCTIONAL_NAMES, res.functionals!, row.values));
  }
  return pairs;
}

describe('eGeMAPSv02 functionals vs openSMILE 3.0.2', () => {
  const pairs = allPairs();
  const within1 = passRate(pairs, 0.01), within5 = passRate(pairs, 0.05);

  it('uses openSMILE\'s 88 column names in order', () => {
    expect([...EGEMAPS_FUNCTIONAL_NAMES]).toEqual(readReferenceCsv(`${DIR}/egemaps.csv`).columns);
  });

  it('reports the worst features', () => {
    console.log(`eGeMAPS parity over ${pairs.length} pairs: ${(100 * within1).toFixed(1)} % within 1 %, ` +
      `${(100 * within5).toFixed(1)} % within 5 %\nworst pairs (feature, file, ours, ref, error):\n` +
      `${worstPairsTable(pairs, 25)}\nfeatures failing 1 % (passing files / files):\n${featureSummary(pairs, 0.01)}`);
    expect(pairs.length).toBe(16 * 88);
  });

  it('meets issue #3: ≥ 90 % within 1 % and ≥ 99 % within 5 %', () => {
    expect(within1).toBeGreaterThanOrEqual(0.9);
    expect(within5).toBeGreaterThanOrEqual(0.99);
  });

  // Regression floor just under the level reached (98.7 % / 99.4 %): a change that loses parity shows here first.
  it('keeps the measured parity: ≥ 98.5 % within 1 %, ≥ 99.3 % within 5 %', () => {
    expect(within1).toBeGreaterThanOrEqual(0.985);
    expect(within5).toBeGreaterThanOrEqual(0.993);
  });

  it('matches every stream-B functional (loudness moments, flux, MFCC, sound level) within 1 %', () => {
    const exact = /^(loudness_sma3_(amean|stddevNorm|percentile|pctlrange)|spectralFlux_sma3_|mfcc\d_sma3_|equivalentSoundLevel)/;
    const selected = pairs.filter((p) => exact.test(p.feature));
    expect(selected.length).toBe(16 * 17);
    expect(passRate(selected, 0.01)).toBe(1);
  });
});
