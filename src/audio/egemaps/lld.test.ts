// Frame-level descriptors against openSMILE 3.0.2's LLD output (test/fixtures/reference/egemaps_lld, see
// test/fixtures/reference/README.md). The last rows of the reference are end-of-input artefacts and are skipped.
import { describe, expect, it } from 'vitest';
import { decodeWavFile } from '../wav-decode.js';
import { computeEgemaps, EGEMAPS_LLD_NAMES } from './index.js';
import { f0Semitone, sma3nzEndOfInput } from './lld.js';
import { readReferenceCsv } from '../../../test/support/egemaps-reference-csv.js';
import { readdirSync } from 'node:fs';

const DIR = 'test/fixtures/reference';
const TAIL_ROWS = 4;

const cache = new Map<string, { ref: ReturnType<typeof readReferenceCsv>; ours: Float64Array[] }>();

/** Our LLD frames and the reference table of one file (computed once). */
function load(stem: string): { ref: ReturnType<typeof readReferenceCsv>; ours: Float64Array[] } {
  let entry = cache.get(stem);
  if (entry === undefined) {
    const wav = decodeWavFile(`${DIR}/audio/${stem}.wav`);
    const ours = computeEgemaps(wav.samples, wav.sampleRateHz, { lld: true }).lld!.frames;
    entry = { ref: readReferenceCsv(`${DIR}/egemaps_lld/${stem}.csv`), ours };
    cache.set(stem, entry);
  }
  return entry;
}

/** Share of rows where the column agrees within `tol` relative (absolute below 1e−3). */
function agreement(stem: string, column: string, tol: number): number {
  const { ref, ours } = load(stem);
  const c = EGEMAPS_LLD_NAMES.indexOf(column);
  expect(c).toBeGreaterThanOrEqual(0);
  expect(ours.length).toBe(ref.rows.length);
  const rows = ref.rows.length - TAIL_ROWS;
  let ok = 0;
  for (let t = 0; t < rows; t++) {
    const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
    if (Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-3)) ok++;
  }
  return ok / rows;
}

const FILES_16K = ['vowel_adult_150', 'babble_espeak', 'noise_white', 'fmt_float32'];
const FILES_ALL_RATES = [...FILES_16K, 'fmt_pcm16_8k', 'fmt_stereo_44k'];

describe('eGeMAPS LLDs vs openSMILE', () => {
  it('has the LLD CSV header names in order', () => {
    const ref = readReferenceCsv(`${DIR}/egemaps_lld/tone_440.csv`);
    expect([...EGEMAPS_LLD_NAMES]).toEqual(ref.columns);
  });

  for (const column of ['Loudness_sma3', 'alphaRatio_sma3', 'hammarbergIndex_sma3', 'spectralFlux_sma3',
    'mfcc1_sma3', 'mfcc2_sma3', 'mfcc3_sma3', 'mfcc4_sma3']) {
    it(`${column} matches every frame within 0.5 % at 8, 16 and 44.1 kHz`, () => {
      for (const stem of FILES_ALL_RATES) expect(agreement(stem, column, 0.005), stem).toBe(1);
    });
  }

  it('spectral slopes match every frame within 0.5 % at 8, 16 and 44.1 kHz', () => {
    for (const stem of FILES_ALL_RATES) {
      expect(agreement(stem, 'slope0-500_sma3', 0.005), stem).toBe(1);
      expect(agreement(stem, 'slope500-1500_sma3', 0.005), stem).toBe(1);
    }
  });

  it('formant frequencies and bandwidths match ≥ 95 % of frames within 1 %', () => {
    for (const stem of FILES_ALL_RATES) {
      for (const col of ['F1frequency_sma3nz', 'F2frequency_sma3nz', 'F3frequency_sma3nz',
        'F1bandwidth_sma3nz', 'F2bandwidth_sma3nz', 'F3bandwidth_sma3nz']) {
        expect(agreement(stem, col, 0.01), `${stem} ${col}`).toBeGreaterThanOrEqual(0.95);
      }
    }
  });

  it('harmonic levels and HNR match ≥ 95 % of frames within 1 % on voiced test signals (16 and 44.1 kHz)', () => {
    for (const stem of ['vowel_adult_150', 'fmt_float32', 'tone_440', 'fmt_stereo_44k']) {
      for (const col of ['HNRdBACF_sma3nz', 'logRelF0-H1-H2_sma3nz', 'F1amplitudeLogRelF0_sma3nz',
        'F2amplitudeLogRelF0_sma3nz', 'F3amplitudeLogRelF0_sma3nz']) {
        expect(agreement(stem, col, 0.01), `${stem} ${col}`).toBeGreaterThanOrEqual(0.95);
      }
    }
  });

  it('F0 (semitones) matches ≥ 95 % of frames within 1 % on the 16 kHz speech and vowel signals', () => {
    for (const stem of ['vowel_adult_150', 'babble_espeak', 'speech_espeak_adult', 'cry_like', 'tone_440']) {
      expect(agreement(stem, 'F0semitoneFrom27.5Hz_sma3nz', 0.01), stem).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('F0 (semitones) matches every frame within 1e-3 st and every voicing decision, at 8, 16 and 44.1 kHz', () => {
    const stems = readdirSync(`${DIR}/audio`).map((f) => f.replace(/\.wav$/, ''));
    const c = EGEMAPS_LLD_NAMES.indexOf('F0semitoneFrom27.5Hz_sma3nz');
    let voiced = 0;
    for (const stem of stems) {
      const { ref, ours } = load(stem);
      expect(ours.length, stem).toBe(ref.rows.length);
      for (let t = 0; t < ref.rows.length; t++) {
        const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
        expect(a > 0, `${stem} frame ${t} voicing`).toBe(b > 0);
        expect(Math.abs(a - b), `${stem} frame ${t}`).toBeLessThanOrEqual(1e-3);
        if (b > 0) voiced++;
      }
    }
    expect(voiced).toBeGreaterThan(700);
  });

  it('F0 (semitones) equals openSMILE\'s printed value (7 significant digits) on ≥ 90 % of voiced frames', () => {
    // Holds only with the single-precision semitone conversion and smoothing (about 80 % in double precision).
    const stems = readdirSync(`${DIR}/audio`).map((f) => f.replace(/\.wav$/, ''));
    const c = EGEMAPS_LLD_NAMES.indexOf('F0semitoneFrom27.5Hz_sma3nz');
    let voiced = 0, exact = 0;
    for (const stem of stems) {
      const { ref, ours } = load(stem);
      for (let t = 0; t < ref.rows.length; t++) {
        const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
        if (!(b > 0)) continue;
        voiced++;
        const halfDigit = 0.5001 * 10 ** (Math.floor(Math.log10(b)) - 6);
        if (Math.abs(a - b) <= halfDigit) exact++;
      }
    }
    expect(exact / voiced).toBeGreaterThanOrEqual(0.9);
  });

  it('converts F0 to semitones in single precision', () => {
    expect(f0Semitone(0)).toBe(0);
    expect(f0Semitone(29)).toBe(1);
    expect(f0Semitone(440)).toBe(48);
    for (const hz of [55.5, 100, 123.456, 220.5, 439.655792, 987.6]) {
      const st = f0Semitone(Math.fround(hz));
      expect(Math.fround(st)).toBe(st);
      expect(Math.abs(st - 12 * Math.log2(Math.fround(hz) / 27.5))).toBeLessThan(1e-5);
    }
  });

  it('smooths the F0-synchronous tail as two flushed blocks with one repeated row each', () => {
    const x = Float64Array.from([3, 6, 9, 12, 15, 0]);
    // first block = frames 0..2 (edge repeated) + row 3 = frame 2; then frame 4 from the full contour; row 5 = frame 4.
    expect([...sma3nzEndOfInput(x, 5, 3)]).toEqual([4, 6, 8, 9, (12 + 15 + 15) / 3, 15]);
    expect([...sma3nzEndOfInput(x, 5, 5)]).toEqual([4, 6, 9, 12, (12 + 15 + 15) / 3, 15]);
    expect([...sma3nzEndOfInput(Float64Array.from([0, 5, 0]), 3, 3)]).toEqual([0, 5, 0, 0]);
  });
});

