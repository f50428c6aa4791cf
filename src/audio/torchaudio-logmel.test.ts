// Parity of the burst front end (torchaudio-compatible resampling and log-mel) with torchaudio 0.13.1 outputs
// (test/fixtures/reference/burst/, see its PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnySizeFft } from './any-size-fft.js';
import { torchaudioLogMelStandardized, torchaudioMelSpectrogram } from './torchaudio-logmel.js';
import { resampleTorchaudio } from './torchaudio-resample.js';
import { decodeWavFile } from './wav-decode.js';

const DIR = join(import.meta.dirname, '../../test/fixtures/reference/burst');

interface RefFile {
  sample_rate: number;
  frames: number;
  mel_power_first_frame: number[];
  mel_power_sum: number;
  logmel_std: number[][];
}
const reference = JSON.parse(readFileSync(join(DIR, 'logmel.json'), 'utf8')) as { files: Record<string, RefFile> };

/** Largest |ours − torchaudio| over the standardised log-mel, and relative errors of the mel powers. */
function compare(name: string, ref: RefFile): { maxAbs: number; firstFrameRel: number; sumRel: number; frames: number } {
  const wav = decodeWavFile(join(DIR, 'audio', name));
  const samples = resampleTorchaudio(wav.samples, wav.sampleRateHz, 22050);
  const mel = torchaudioMelSpectrogram(samples, { sampleRateHz: 22050 });
  const std = torchaudioLogMelStandardized(samples, { sampleRateHz: 22050 });
  let maxAbs = 0;
  ref.logmel_std.forEach((row, t) => row.forEach((v, m) => (maxAbs = Math.max(maxAbs, Math.abs(std.data[t * 64 + m]! - v)))));
  let sum = 0;
  for (const v of mel.data) sum += v;
  let firstFrameRel = 0;
  ref.mel_power_first_frame.forEach((v, m) => (firstFrameRel = Math.max(firstFrameRel, Math.abs(mel.data[m]! - v) / Math.max(Math.abs(v), 1e-3))));
  return { maxAbs, firstFrameRel, sumRel: Math.abs(sum - ref.mel_power_sum) / ref.mel_power_sum, frames: std.frames };
}

describe('torchaudio-compatible log-mel front end', () => {
  const files = Object.entries(reference.files);
  it.each(files.filter(([, f]) => f.sample_rate === 22050))('%s at 22,050 Hz: standardised values within 1e-4', (name, ref) => {
    const r = compare(name, ref);
    expect(r.frames).toBe(ref.frames);
    expect(r.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(r.sumRel).toBeLessThan(1e-5);
    expect(r.firstFrameRel).toBeLessThan(1e-4);
  });
  // Measured: see docs/burst.md (front-end parity); the bound leaves headroom for float32 kernel rounding in torchaudio.
  it.each(files.filter(([, f]) => f.sample_rate !== 22050))('%s resampled with the torchaudio kernel: within 1e-4', (name, ref) => {
    const r = compare(name, ref);
    expect(r.frames).toBe(ref.frames);
    expect(r.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(r.sumRel).toBeLessThan(1e-4);
  });
});

describe('AnySizeFft', () => {
  it.each([1, 2, 5, 12, 400, 49])('matches a direct DFT for length %i', (n) => {
    const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + 0.2 * i);
    const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.7));
    const expRe = new Float64Array(n), expIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * k * j) / n;
        expRe[k] += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        expIm[k] += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
    }
    new AnySizeFft(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(expRe[k]!, 7);
      expect(im[k]).toBeCloseTo(expIm[k]!, 7);
    }
  });
});
